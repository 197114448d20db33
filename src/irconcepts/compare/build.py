"""Two entries in, a Comparison out: pure, given the index."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..index import Index
from ..model import Entry, Match
from ..prose import sentences
from ..text import CROSS_REF, fold, plain_refs, same_word


@dataclass(frozen=True)
class Comparison:
    a: Entry
    b: Entry
    a_on_b: tuple[str, ...]  # sentences of a's entry that name b
    b_on_a: tuple[str, ...]
    shared_see_also: tuple[str, ...]
    a_links_b: bool  # a lists b under see also
    b_links_a: bool
    matches: tuple[Match, Match] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `compare` (pinned by tests/test_compare.py): both whole entries, and more."""
        return {
            "terms": [self.a.term, self.b.term],
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "a_on_b": list(self.a_on_b),
            "b_on_a": list(self.b_on_a),
            "shared_see_also": list(self.shared_see_also),
            "a_links_b": self.a_links_b,
            "b_links_a": self.b_links_a,
            "match": [m.to_dict() for m in self.matches] if self.matches else [],
        }


def _namer(entry: Entry) -> Callable[[str], bool]:
    """Whether a folded sentence names the entry: a multi-word name as written; a one-word name in any form
    of the word (realists for realism), and an -ism by its adjective (liberals for liberalism)."""
    names = {fold(n) for n in (entry.term, *entry.aliases)}
    phrases = sorted((n for n in names if " " in n), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in phrases) + r")\b") if phrases else None
    single = {n for n in names if n and " " not in n}
    adjectives = {n[:-3] for n in single if n.endswith("ism") and len(n) >= 9}  # not real- for realism

    def names_it(text: str) -> bool:
        if pattern is not None and pattern.search(text):
            return True
        for token in text.split():
            if token in single or token.rstrip("s") in adjectives or any(same_word(token, n) for n in single):
                return True
        return False

    return names_it


def _passages(entry: Entry) -> list[str]:
    texts = [*entry.paragraphs, *entry.arguments_for, *entry.arguments_against]
    texts += [f"{c.date}, {c.event}: {c.detail}" for c in entry.cases]
    return texts


def says_of(index: Index, entry: Entry, other: Entry, most: int = 6) -> tuple[str, ...]:
    """The sentences of `entry` that name `other` (by term, alias or cross-reference), in order."""
    names_it = _namer(other)
    found: list[str] = []
    for passage in _passages(entry):
        for sentence in sentences(passage):
            refs = {index.resolve(m.group(1).strip()) for m in CROSS_REF.finditer(sentence)}
            plain = plain_refs(sentence)
            if (other in refs or names_it(fold(plain))) and plain not in found:
                found.append(plain)
    return tuple(found[:most])


def _headwords(index: Index, names: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for name in names:
        target = index.resolve(name)
        term = target.term if target else name
        if term not in out:
            out.append(term)
    return out


def compare(index: Index, a: Entry, b: Entry, matches: tuple[Match, Match] | None = None) -> Comparison:
    a_see, b_see = _headwords(index, a.see_also), _headwords(index, b.see_also)
    shared = tuple(t for t in a_see if t in b_see and t not in (a.term, b.term))
    return Comparison(
        a=a,
        b=b,
        a_on_b=says_of(index, a, b),
        b_on_a=says_of(index, b, a),
        shared_see_also=shared,
        a_links_b=b.term in a_see,
        b_links_a=a.term in b_see,
        matches=matches,
    )
