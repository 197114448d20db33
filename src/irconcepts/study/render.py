"""The quiz's outputs that are not the interactive screen: the round's summary, the statistics (terminal,
Markdown, plain, JSON) and the items as JSON. Data in, text or a Rich renderable out."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .cards import QuizItem
from .quiz import RoundSummary
from .schedule import GRADE_NAMES, short_interval
from .stats import Stats, Tally


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def items_json(mode: str, items: list[QuizItem]) -> str:
    return _dump({"mode": mode, "items": [i.to_dict(mode) for i in items]})


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def when_text(due: datetime | None, now: datetime) -> str:
    if due is None:
        return "nothing scheduled"
    if due <= now:
        return "now"
    return f"in {short_interval(due - now)} ({due.astimezone().strftime('%a %-d %b %H:%M')})"


def round_summary(summary: RoundSummary, now: datetime, due_today: int) -> str:
    if not summary.reviews:
        head = "Stopped before any card was graded; nothing was recorded."
    else:
        grades = " · ".join(f"{name} {summary.grades[r]}" for r, name in GRADE_NAMES.items() if summary.grades[r])
        cards = len(summary.terms)
        head = f"{'Stopped' if summary.stopped else 'Round over'}: {cards} card{'s' * (cards != 1)}, "
        head += f"{summary.reviews} review{'s' * (summary.reviews != 1)} ({grades})."
        if summary.mode == "name":
            head += f" Named right: {summary.right} of {summary.right + summary.wrong}."
    tail = f"Due today: {due_today}. Next card due {when_text(summary.next_due, now)}."
    return f"{head}\n{tail}\n"


def _row(tally: Tally) -> list[str]:
    return [f"{tally.seen}/{tally.entries}", str(tally.due_today), str(tally.due_week), percent(tally.retention)]


HEADINGS = ["seen", "due today", "due this week", "retention"]


def stats_json(stats: Stats) -> str:
    return _dump(stats.to_dict())


def _facts(stats: Stats) -> list[str]:
    o = stats.overall
    lines = [
        f"- cards seen: {o.seen} of {o.entries}",
        f"- due today: {o.due_today}; this week: {o.due_week}",
        f"- retention: {percent(o.retention)} ({o.review_reviews} reviews of learnt cards)",
        f"- reviews: {stats.reviews} ({stats.reviews_today} today)",
    ]
    if stats.retired:
        lines.append(f"- cards whose entry is gone (kept, not asked): {stats.retired}")
    return lines


def stats_markdown(stats: Stats) -> str:
    lines = _facts(stats)
    table = ["| theme | " + " | ".join(HEADINGS) + " |", "| --- |" + " ---: |" * len(HEADINGS)]
    table += [f"| {name} | " + " | ".join(_row(t)) + " |" for name, t in stats.themes.items()]
    return "\n".join([*lines, "", *table]) + "\n"


def stats_plain(stats: Stats) -> str:
    lines = [line.removeprefix("- ") for line in _facts(stats)]
    table = ["\t".join(["theme", *HEADINGS])] + ["\t".join([n, *_row(t)]) for n, t in stats.themes.items()]
    return "\n".join([*lines, "", *table]) + "\n"


def stats_terminal(stats: Stats) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    o = stats.overall
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("cards seen", f"{o.seen} of {o.entries}")
    grid.add_row("due", f"{o.due_today} today, {o.due_week} this week")
    grid.add_row("retention", f"{percent(o.retention)} of {o.review_reviews} reviews of learnt cards")
    grid.add_row("reviews", f"{stats.reviews} ({stats.reviews_today} today)")
    if stats.retired:
        grid.add_row("retired", f"{stats.retired} cards whose entry is gone (kept, not asked)")
    table = Table(box=None, header_style="bold cyan", padding=(0, 1))
    table.add_column("theme")
    for heading in HEADINGS:
        table.add_column(heading, justify="right")
    for name, tally in stats.themes.items():
        table.add_row(Text(name), *_row(tally))
    return Group(grid, Text(), table, Text(stats.database, style="dim"))
