"""One round of the quiz: ask, reveal, grade, schedule, and save each review before the next card.

The loop knows nothing of terminals: it talks to a UI (terminal.py draws one; tests may pass another),
and a judge that says whether a typed name is right (the lookup, for name-it).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from .cards import QuizItem
from .deck import LEARN_AHEAD
from .schedule import AGAIN, GOOD, intervals, review
from .store import CardState, StudyStore


@dataclass(frozen=True)
class Verdict:
    """How a typed name was read: right or not, the entry it names (if any) and how it was matched."""

    right: bool
    named: str | None  # the entry the answer names, when it names one
    how: str = ""  # "alias 'UN'", "read as a misspelling", "covered there", ...


@dataclass(frozen=True)
class Progress:
    number: int  # this card's place in the round, from 1
    total: int  # cards in the round (grows when a card comes back in its learning steps)
    again: bool = False  # the card was seen earlier in this round


@dataclass
class RoundSummary:
    mode: str
    grades: Counter[int] = field(default_factory=Counter)
    terms: set[str] = field(default_factory=set)
    right: int = 0  # name-it answers the lookup accepted
    wrong: int = 0
    stopped: bool = False  # q or Ctrl-C before the end
    next_due: datetime | None = None  # the earliest due card after the round (filled in by the caller)

    @property
    def reviews(self) -> int:
        return sum(self.grades.values())


class UI(Protocol):
    def ask(self, item: QuizItem, mode: str, progress: Progress) -> str | None:
        """Show the card's question and return what the student typed ('' if nothing); None to stop."""

    def reveal(self, item: QuizItem, mode: str, typed: str, verdict: Verdict | None) -> None:
        """Show the answer beside what was typed, and for name-it whether it was right."""

    def grade(self, choices: dict[int, timedelta], suggested: int | None) -> int | None:
        """The student's grade, 1-4 (Enter takes the suggestion); None to stop."""

    def scheduled(self, item: QuizItem, after: CardState, when: datetime) -> None:
        """Say when the card comes back."""


Judge = Callable[[QuizItem, str], Verdict]
Clock = Callable[[], datetime]


def run_round(
    items: list[QuizItem], ui: UI, store: StudyStore, *, mode: str, judge: Judge, clock: Clock
) -> RoundSummary:
    """Ask each item in turn; a card still in its learning steps comes back at the end of the round."""
    summary = RoundSummary(mode=mode)
    queue = deque(items)
    seen: set[str] = set()
    asked = 0
    try:
        while queue:
            current = queue.popleft()
            asked += 1
            progress = Progress(asked, asked + len(queue), again=current.term in seen)
            started = clock()
            typed = ui.ask(current, mode, progress)
            if typed is None:
                summary.stopped = True
                break
            verdict = judge(current, typed) if mode == "name" else None
            if verdict is not None:
                summary.right += verdict.right
                summary.wrong += not verdict.right
            ui.reveal(current, mode, typed, verdict)
            suggested = GOOD if verdict is None or verdict.right else AGAIN
            shown_at = clock()
            rating = ui.grade(intervals(current.term, store.card(current.term), shown_at), suggested)
            if rating is None:
                summary.stopped = True
                break
            when = clock()
            after = store.record(
                current.term,
                rating,
                mode=mode,
                when=when,
                duration_ms=int((when - started).total_seconds() * 1000),
                schedule=lambda before, c=current, r=rating, w=when: review(c.term, before, r, w),
            )
            summary.grades[rating] += 1
            summary.terms.add(current.term)
            seen.add(current.term)
            ui.scheduled(current, after, when)
            if after.due <= when + LEARN_AHEAD:
                queue.append(replace(current, new=False))
    except (KeyboardInterrupt, EOFError):
        # Ctrl-C, or the terminal gone, stops like q: what was graded is saved, the card on screen is not
        summary.stopped = True
    return summary
