"""What a card asks and shows, drawn from an entry: pure functions, no I/O.

recall: the term is the prompt; the answer is the summary and the key points.
name:   the summary with the term's words masked is the prompt; the answer is the term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Entry
from ..prose import opening
from ..text import STOP_WORDS, plain_refs, stem, words
from ..vocab import QUIZ_MODES

MODES = QUIZ_MODES
MASK = "_"
MAX_POINTS = 4

_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class QuizItem:
    term: str
    theme: str
    summary: str
    masked: str  # the summary with the term's words hidden, for name-it
    points: tuple[str, ...]  # key points: the opening sentence of each paragraph of the definition
    names: tuple[str, ...] = field(default=())  # the term and its aliases: answers that count as right
    new: bool = True

    def to_dict(self, mode: str) -> dict[str, object]:
        """The JSON contract of `quiz --format json` (pinned by tests/test_study_cli.py)."""
        prompt = self.term if mode == "recall" else self.masked
        answer = self.summary if mode == "recall" else self.term
        return {
            "term": self.term,
            "theme": self.theme,
            "new": self.new,
            "prompt": prompt,
            "answer": answer,
            "summary": self.summary,
            "points": list(self.points),
            "accepted": list(self.names),
        }


SHORT_POINT = 60  # a first sentence shorter than this ("The idea is old.") takes the next one with it


def key_points(entry: Entry, most: int = MAX_POINTS) -> tuple[str, ...]:
    """The opening sentence of each paragraph of the definition: the paragraphs' topic sentences."""
    return tuple(opening(plain_refs(p), SHORT_POINT) for p in entry.paragraphs[:most])


def _name_stems(entry: Entry) -> tuple[set[str], set[str]]:
    """Stems of the words that would give the answer away: the term's, and single-word aliases' (Realpolitik,
    UN); not every word of a longer alias, which would hide ordinary words ("power politics" under realism)."""
    stems: set[str] = set()
    acronyms: set[str] = set()
    for name in (entry.term, *(a for a in entry.aliases if len(words(a)) == 1)):
        for word in words(name):
            if word in STOP_WORDS:
                continue
            if len(word) <= 3:
                acronyms.add(word)
            else:
                stems.add(stem(word))
    return stems, acronyms


def mask(text: str, entry: Entry) -> str:
    """`text` with every form of the term's and aliases' words replaced by underscores of the same length."""
    stems, acronyms = _name_stems(entry)

    def hide(match: re.Match[str]) -> str:
        token = match.group(0)
        parts = words(token)
        if any((len(p) <= 3 and p in acronyms) or (len(p) > 3 and stem(p) in stems) for p in parts):
            return MASK * len(token)
        return token

    return _TOKEN.sub(hide, text)


def item(entry: Entry, *, new: bool = True) -> QuizItem:
    return QuizItem(
        term=entry.term,
        theme=entry.theme,
        summary=entry.summary,
        masked=mask(entry.summary, entry),
        points=key_points(entry),
        names=(entry.term, *entry.aliases),
        new=new,
    )
