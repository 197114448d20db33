"""What `quiz` and `compare` do, at the edge: options in, output and messages written, exit code out.

Kept apart from actions.py so that the study commands grow without touching the lookup commands'
module; cli.py and fastpath.py call these like the others.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .actions import Session, Stop, report, say
from .errors import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, IrconceptsError
from .output import choose, write

if TYPE_CHECKING:
    from datetime import datetime

    from .index import Index
    from .model import Entry, Match
    from .output import OutputChoice
    from .study.cards import QuizItem
    from .study.deck import Choice
    from .study.quiz import RoundSummary
    from .study.store import CardState, StudyStore

NOT_A_TERMINAL = (
    "irconcepts: the quiz is interactive and needs a terminal (stdin is not one); "
    "for the questions as JSON, for other tools: irconcepts quiz --format json"
)


def _now() -> datetime:
    from .study.clock import NOW_ENV, now

    try:
        return now()
    except ValueError:
        say(f"irconcepts: {NOW_ENV}={os.environ.get(NOW_ENV)!r} is not an ISO date-time (2025-03-01T09:00:00Z)")
        raise Stop(EXIT_USAGE) from None


def _open_store(when: datetime) -> StudyStore:
    from .study.store import open_store

    try:
        store, notice = open_store(when=when)
    except IrconceptsError as error:
        raise Stop(report(error)) from None
    if notice:
        say(f"irconcepts: {notice}")
    return store


def quiz(
    session: Session,
    *,
    mode: str,
    themes: list[str],
    count: int,
    new: int,
    due: bool,
    stats: bool,
    reset: bool,
    yes: bool,
    fmt: str,
    color: str,
) -> int:
    if sum((due, stats, reset)) > 1:
        say("irconcepts: choose one of --due, --stats and --reset")
        return EXIT_USAGE
    when = _now()
    if reset:
        return _reset(yes, when)
    index = session.index()  # before the database: invalid glossary data is reported first
    choice = choose(fmt, color, None)
    store = _open_store(when)
    try:
        if stats:
            return _stats(index, store, choice, when)
        return _round(index, store, choice, when, mode=mode, themes=themes, count=count, new=new, due=due)
    finally:
        store.close()


def _stats(index: Index, store: StudyStore, choice: OutputChoice, when: datetime) -> int:
    from .study import render
    from .study.stats import compute

    stats = compute(index, store.cards(), store.reviews(), when, store.path)
    _write_as(choice, lambda width: render.stats_terminal(stats), render.stats_json, render.stats_plain,
              render.stats_markdown, stats)  # fmt: skip
    return EXIT_OK


def _reset(yes: bool, when: datetime) -> int:
    store = _open_store(when)
    try:
        cards, reviews = store.counts()
        if not cards and not reviews:
            say(f"irconcepts: nothing to reset; {store.path} holds no cards")
            return EXIT_OK
        if not yes:
            if not sys.stdin.isatty():
                say("irconcepts: quiz --reset asks before it deletes; run it on a terminal, or add --yes")
                return EXIT_USAGE
            sys.stderr.write(f"Delete {cards} cards and {reviews} reviews from {store.path}? [y/N] ")
            sys.stderr.flush()
            try:
                answer = input()
            except (EOFError, KeyboardInterrupt):
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                say("irconcepts: nothing deleted")
                return EXIT_OK
        try:
            cards, reviews = store.reset()
        except IrconceptsError as error:
            return report(error)
        say(f"deleted {cards} cards and {reviews} reviews")
        return EXIT_OK
    finally:
        store.close()


def _round(
    index: Index,
    store: StudyStore,
    choice: OutputChoice,
    when: datetime,
    *,
    mode: str,
    themes: list[str],
    count: int,
    new: int,
    due: bool,
) -> int:
    from .study import render
    from .study.deck import Choice, choose

    picked = Choice(count=count, new=0 if due else new, due_only=due, themes=tuple(themes))
    if choice.format == "json":
        write(render.items_json(mode, choose(index, store.cards(), when, picked)))
        return EXIT_OK
    if not sys.stdin.isatty():
        say(NOT_A_TERMINAL)
        return EXIT_USAGE
    items = choose(index, store.cards(), when, picked)
    if not items:
        say(_nothing_due(store, index, when, picked))
        return EXIT_OK
    summary = _interactive(index, store, items, mode, choice.color)
    after = _now()
    summary.next_due = _next_due(store, index, picked.themes)
    with contextlib.suppress(OSError):  # the terminal may be gone (closed window)
        write("\n" + render.round_summary(summary, after, _due_count(store, index, after, picked.themes)))
    return EXIT_OK


def _interactive(index: Index, store: StudyStore, items: list[QuizItem], mode: str, color: bool) -> RoundSummary:
    import signal

    from .study.answer import judge
    from .study.quiz import run_round
    from .study.terminal import TerminalUI, cbreak

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # a closed terminal or a kill ends the round as Ctrl-C does

    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, stop)
    ui = TerminalUI(sys.stdin.fileno(), sys.stdout, color=color)
    with cbreak(sys.stdin.fileno()):
        try:
            return run_round(items, ui, store, mode=mode, judge=lambda it, typed: judge(index, it, typed), clock=_now)
        except IrconceptsError as error:  # the database became unusable mid-round
            raise Stop(report(error)) from None


def _live_cards(store: StudyStore, index: Index, themes: tuple[str, ...]) -> list[CardState]:
    from .study.deck import live_terms

    live = live_terms(index, themes)
    return [c for c in store.cards().values() if c.term in live]


def _next_due(store: StudyStore, index: Index, themes: tuple[str, ...]) -> datetime | None:
    cards = _live_cards(store, index, themes)
    return min((c.due for c in cards), default=None)


def _due_count(store: StudyStore, index: Index, when: datetime, themes: tuple[str, ...]) -> int:
    from .study.deck import is_due

    return sum(is_due(c, when) for c in _live_cards(store, index, themes))


def _nothing_due(store: StudyStore, index: Index, when: datetime, picked: Choice) -> str:
    from .study.render import when_text

    next_due = _next_due(store, index, picked.themes)
    if picked.due_only:
        hint = " irconcepts quiz introduces new cards." if next_due is None else ""
        return f"Nothing is due today. Next card due {when_text(next_due, when)}.{hint}"
    return f"Nothing to ask: no card is due and no unseen entry is left. Next card due {when_text(next_due, when)}."


def _pair(index: Index, words: list[str]) -> tuple[tuple[Entry, Match], tuple[Entry, Match]] | None:
    """The first split of the words whose two sides each name a different entry."""
    from .compare.forms import two_sides
    from .lookup import lookup

    for left, right in two_sides(words):
        if not left or not right:
            continue
        a, b = lookup(index, left).best, lookup(index, right).best
        if a is not None and b is not None and a.matched != b.matched:
            entry_a, entry_b = index.resolve(a.matched), index.resolve(b.matched)
            if entry_a is not None and entry_b is not None:
                return (entry_a, a), (entry_b, b)
    return None


def _draw_comparison(index: Index, pair: tuple[tuple[Entry, Match], tuple[Entry, Match]], choice: OutputChoice) -> None:
    from .compare import render
    from .compare.build import compare as build

    (a, match_a), (b, match_b) = pair
    for match in (match_a, match_b):
        if match.method != "exact":
            say(f"reading '{match.query}' as {match.matched}")
    comparison = build(index, a, b, (match_a, match_b))
    _write_as(choice, lambda width: render.terminal(comparison, width), render.json_text, render.plain,
              render.markdown, comparison)  # fmt: skip


def _write_as(
    choice: OutputChoice,
    terminal: Callable[[int], Any],
    as_json: Callable[[Any], str],
    as_plain: Callable[[Any], str],
    as_markdown: Callable[[Any], str],
    data: Any,
) -> None:
    """Write `data` in the chosen format; a terminal drawing goes through the pager when it is tall."""
    if choice.format == "terminal":
        from .output import deliver, render_text, terminal_width

        width = terminal_width()
        deliver(render_text(terminal(width), choice, width=width), choice)
        return
    write({"json": as_json, "plain": as_plain}.get(choice.format, as_markdown)(data))


def compare(session: Session, words: list[str], *, fmt: str, color: str, pager: bool = True) -> int:
    index = session.index()
    choice = choose(fmt, color, None, pager=pager)
    pair = _pair(index, words)
    if pair is None:
        from .compare.forms import comparison_sides
        from .lookup import lookup

        sides = comparison_sides(words) or ([(words[0], words[1])] if len(words) == 2 else [])
        missing = [side for side in (sides[0] if sides else ()) if lookup(index, side).best is None]
        if missing:
            say(f"irconcepts: no entry for '{missing[0]}'; irconcepts search {missing[0]} finds where it is discussed")
        else:
            say(f"irconcepts: cannot find two different entries in '{' '.join(words)}'")
        say('name both: irconcepts compare realism liberalism, or: irconcepts compare "balance of power" "anarchy"')
        return EXIT_NOT_FOUND
    _draw_comparison(index, pair, choice)
    return EXIT_OK


def compare_if_both(index: Index, words: list[str], choice: OutputChoice) -> int | None:
    """For `show`: "A vs B" or "difference between A and B" compares when both sides name entries;
    None leaves the words to the ordinary lookup."""
    from .compare.forms import comparison_sides

    if not comparison_sides(words):
        return None
    pair = _pair(index, words)
    if pair is None:
        return None
    _draw_comparison(index, pair, choice)
    return EXIT_OK
