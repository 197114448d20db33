"""The exports that are one file (or stdout): citations, flashcards and the graph, as bytes."""

from __future__ import annotations

import contextlib
import os

from ..model import Entry


def export_bytes(
    kind: str, entries: list[Entry], every_entry: list[Entry], *, graph_format: str, target: str | None
) -> bytes:
    """The `kind` export of `entries`; `every_entry` is the whole glossary, for names that point outside."""
    if kind in ("bibtex", "ris", "csl-json"):
        from . import cite_formats
        from .citations import references

        return cite_formats.render(references(entries), kind).encode()
    if kind == "csv":
        from .flashcards import csv_text

        return csv_text(entries).encode()
    if kind == "anki":
        from .flashcards import anki_package

        return anki_package(entries, glossary_time(every_entry))
    from . import graph

    drawn = graph.see_also_graph(entries, every_entry)
    if graph_format == "mermaid" and not str(target or "").lower().endswith((".mmd", ".mermaid")):
        return graph.fenced_mermaid(drawn).encode()  # for a Markdown note or the terminal: fenced
    return graph.render(drawn, graph_format).encode()


def glossary_time(entries: list[Entry]) -> float:
    """When the files the entries came from last changed, in whole seconds: Anki updates a note on import
    only if it is newer, and an unchanged glossary must give the same package."""
    times = []
    for path in {e.source for e in entries if e.source}:
        with contextlib.suppress(OSError):
            times.append(os.stat(path).st_mtime)
    return float(int(max(times))) if times else 0.0
