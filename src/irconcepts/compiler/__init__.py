"""Entries -> the sections of a compiled index, in one pass over the entries (see index.compile_index).

Each entry is read once: its names go to the name tables (names.py), its text to the search postings and the
vocabulary (postings.py). The sections are then made one at a time, in the order a writer stores them, so that
a caller streaming them to disk holds one finished section at a time rather than all of them.
"""

from __future__ import annotations

from .build import IndexBuilder, ordered

__all__ = ["IndexBuilder", "ordered"]
