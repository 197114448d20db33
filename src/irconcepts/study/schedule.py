"""FSRS scheduling through the maintained `fsrs` package (py-fsrs), imported only when a card is graded.

The default parameters are FSRS-6's, trained by its authors on millions of Anki reviews; desired
retention 0.9 is Anki's default. Fuzzing (a random few percent on review intervals, so that cards learnt
together do not stay bunched) is on in use and can be turned off to check the schedule exactly.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any

from .store import CardState

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
GRADE_NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
LEARNING, REVIEW, RELEARNING = 1, 2, 3
STATE_NAMES = {LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}


@functools.cache
def _scheduler(fuzz: bool) -> Any:
    from fsrs import Scheduler

    return Scheduler(desired_retention=0.9, enable_fuzzing=fuzz)


def _to_fsrs(card: CardState | None, when: datetime) -> Any:
    from fsrs import Card, State

    if card is None:
        return Card(card_id=0, due=when)  # an explicit id: fsrs otherwise sleeps 1 ms to make one unique
    return Card(
        card_id=0,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def review(term: str, card: CardState | None, rating: int, when: datetime, *, fuzz: bool = True) -> CardState:
    """The card's state after being graded `rating` (1-4) at `when` (UTC-aware); None is a new card."""
    from fsrs import Rating

    after, _ = _scheduler(fuzz).review_card(_to_fsrs(card, when), Rating(rating), review_datetime=when)
    return CardState(
        term=term,
        state=int(after.state),
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due.replace(microsecond=0),
        last_review=after.last_review.replace(microsecond=0) if after.last_review else None,
    )


def intervals(term: str, card: CardState | None, when: datetime) -> dict[int, timedelta]:
    """What each grade would schedule, shown beside the grade keys (without fuzz, as Anki shows them)."""
    return {rating: review(term, card, rating, when, fuzz=False).due - when for rating in GRADE_NAMES}


def short_interval(span: timedelta) -> str:
    """10m, 3h, 4d, 2mo, 1.5y: the width of Anki's interval labels."""
    seconds = span.total_seconds()
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365:.1f}".rstrip("0").rstrip(".") + "y"
