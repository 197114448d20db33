"""Counts for `quiz --stats`: cards seen, due today and this week, retention, and the same per theme.

Retention is FSRS's and Anki's "true retention": of the reviews of cards already in the review state
(not new or learning ones), the share not graded Again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..index import Index
from ..vocab import THEMES
from .clock import end_of_day
from .deck import is_due
from .schedule import AGAIN, REVIEW
from .store import CardState, ReviewRow


@dataclass
class Tally:
    entries: int = 0  # headwords in the glossary now
    seen: int = 0  # of them, cards reviewed at least once
    due_today: int = 0
    due_week: int = 0  # due within seven days, today included
    recalled: int = 0  # review-state reviews not graded Again
    review_reviews: int = 0

    @property
    def retention(self) -> float | None:
        return self.recalled / self.review_reviews if self.review_reviews else None

    def to_dict(self) -> dict[str, object]:
        return {
            "entries": self.entries,
            "seen": self.seen,
            "due_today": self.due_today,
            "due_this_week": self.due_week,
            "retention": None if self.retention is None else round(self.retention, 4),
        }


@dataclass
class Stats:
    database: str
    overall: Tally
    themes: dict[str, Tally] = field(default_factory=dict)
    reviews: int = 0
    reviews_today: int = 0
    retired: int = 0  # cards whose entry is no longer in the glossary: kept, never asked

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of `quiz --stats --format json` (pinned by tests/test_study_cli.py)."""
        return {
            "database": self.database,
            **self.overall.to_dict(),
            "reviews": self.reviews,
            "reviews_today": self.reviews_today,
            "retired": self.retired,
            "themes": [{"theme": name, **tally.to_dict()} for name, tally in self.themes.items()],
        }


def compute(index: Index, cards: dict[str, CardState], reviews: list[ReviewRow], when: datetime, path: str) -> Stats:
    theme_of = dict(zip(index.terms, index.themes, strict=True))
    overall = Tally(entries=len(theme_of))
    per_theme = {name: Tally() for name in THEMES}
    for theme in theme_of.values():
        per_theme.setdefault(theme, Tally()).entries += 1
    week_end = end_of_day(when, 6)
    for card in cards.values():
        theme = theme_of.get(card.term)
        if theme is None:
            continue
        for tally in (overall, per_theme[theme]):
            tally.seen += 1
            tally.due_today += is_due(card, when)
            tally.due_week += card.due < week_end
    today_start = end_of_day(when, -1)
    stats = Stats(database=path, overall=overall, themes=per_theme, reviews=len(reviews))
    for row in reviews:
        stats.reviews_today += row.reviewed_at >= today_start
        theme = theme_of.get(row.term)
        if row.state_before != REVIEW or theme is None:
            continue
        for tally in (overall, per_theme[theme]):
            tally.review_reviews += 1
            tally.recalled += row.rating != AGAIN
    stats.retired = sum(1 for term in cards if term not in theme_of)
    return stats
