"""Name-it answers judged by the lookup itself: an alias, a cover or a small typo of the term is right."""

from __future__ import annotations

from ..index import Index
from .cards import QuizItem
from .quiz import Verdict


def judge(index: Index, item: QuizItem, typed: str) -> Verdict:
    from ..lookup import lookup

    if not typed.strip():
        return Verdict(right=False, named=None)
    best = lookup(index, typed).best
    if best is None:
        return Verdict(right=False, named=None)
    if best.covered:
        how = f"{best.via} is covered in {best.matched}"
    elif best.method == "alias":
        how = f"alias '{best.via}'"
    elif best.method == "fuzzy":
        how = "read as a misspelling"
    elif best.method == "exact":
        how = ""
    else:
        how = f"{best.method} match"
    return Verdict(right=best.matched == item.term, named=best.matched, how=how)
