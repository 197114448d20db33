"""Which cards a round asks: what is due (most overdue first), then unseen entries, within the themes asked.

A card whose entry no longer exists (renamed or removed in a new glossary) stays in the database with its
history but is never asked.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..index import Index
from ..model import Entry
from .cards import QuizItem, item
from .clock import end_of_day
from .schedule import REVIEW
from .store import CardState

# Anki's "learn ahead" limit: a card in its learning steps due within this is asked now, not left waiting.
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class Choice:
    count: int = 20  # cards in the round at most
    new: int = 10  # unseen cards introduced at most
    due_only: bool = False
    themes: tuple[str, ...] = ()


def is_due(card: CardState, when: datetime) -> bool:
    """Review cards are due by the day (any time today); learning steps by the minute, with the learn-ahead."""
    if card.state == REVIEW:
        return card.due < end_of_day(when)
    return card.due <= when + LEARN_AHEAD


def live_terms(index: Index, themes: tuple[str, ...] = ()) -> dict[str, str]:
    """The headwords the glossary has now, each with its theme, in the themes asked (all when none)."""
    return {t: th for t, th in zip(index.terms, index.themes, strict=True) if not themes or th in themes}


def choose(
    index: Index, cards: dict[str, CardState], when: datetime, choice: Choice, rng: random.Random | None = None
) -> list[QuizItem]:
    live = live_terms(index, choice.themes)
    due = sorted((c for c in cards.values() if c.term in live and is_due(c, when)), key=lambda c: c.due)
    chosen = [(c.term, False) for c in due[: choice.count]]
    if not choice.due_only:
        unseen = [t for t in live if t not in cards]
        (rng or random.Random()).shuffle(unseen)
        room = min(choice.new, choice.count - len(chosen))
        chosen += [(t, True) for t in unseen[: max(room, 0)]]
    return [item(_entry(index, term), new=new) for term, new in chosen]


def _entry(index: Index, term: str) -> Entry:
    entry = index.resolve(term)
    assert entry is not None, term  # live_terms came from the index
    return entry
