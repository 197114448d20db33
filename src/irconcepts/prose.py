"""Sentences of the glossary's prose, for key points (quiz) and what one entry says of another (compare)."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? before a capital, but not after an initial ("E. H. Carr") or an abbreviation.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“(]?[A-Z0-9])")
_NOT_AN_END = re.compile(r"(?:\b[A-Z]|\be\.g|\bi\.e|\bc|\bca|\bcf|\bvs|\bSt|\bDr|\bMr|\bMrs|\bno)$")


def sentences(paragraph: str) -> list[str]:
    found: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _NOT_AN_END.search(paragraph[: end.start()]):
            continue
        found.append(paragraph[start : end.end()].strip())
        start = end.end()
    rest = paragraph[start:].strip()
    return [*found, rest] if rest else found


def opening(paragraph: str, at_least: int) -> str:
    """The paragraph's first sentence, with the next ones while it is shorter than at_least characters."""
    taken = ""
    for sentence in sentences(paragraph):
        taken = f"{taken} {sentence}".strip()
        if len(taken) >= at_least:
            break
    return taken
