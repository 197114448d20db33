"""What each command does, without Typer: options in, output written, exit code out.

cli.py (the Typer app) and fastpath.py (the common commands parsed without importing Typer) both call
these, so the two ways in cannot drift apart. Diagnostics go to stderr; data to stdout via output.py.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .errors import EXIT_DATA, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, DataError, IrconceptsError
from .output import OutputChoice, choose, deliver, write
from .vocab import THEMES

if TYPE_CHECKING:
    from .index import Index
    from .model import Entry, LookupResult, Match

HOW_MATCHED = {
    "fuzzy": "read as a misspelling",
    "contained": "the term found in your words",
    "part-name": "part of its name",
}


class Stop(Exception):
    """End the command with this exit code (its message, if any, is already on stderr)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def say(message: str) -> None:
    sys.stderr.write(message + "\n")


def report(error: IrconceptsError, *, most: int | None = 20) -> int:
    if isinstance(error, DataError):
        from .model import in_reading_order

        shown = in_reading_order(error.problems)[:most]
        for problem in shown:
            say(str(problem))
        more = len(error.problems) - len(shown)
        tail = f" ({more} more not shown)" if more > 0 else ""
        say(f"irconcepts: the glossary data is invalid: {len(error.problems)} problem(s){tail}")
    else:
        say(f"irconcepts: {error}")
    return error.exit_code


class Session:
    """The global options of one run (--data, --no-cache) and the index they open, opened once."""

    def __init__(self, data: list[str] | None = None, use_cache: bool = True) -> None:
        self.data = list(data or [])
        self.use_cache = use_cache
        self._index: Index | None = None

    def configure(self, data: list[str], use_cache: bool) -> None:
        self.data, self.use_cache, self._index = list(data), use_cache, None

    def index(self) -> Index:
        if self._index is None:
            from .cache import open_index

            try:
                self._index = open_index(self.data, use_cache=self.use_cache)
            except IrconceptsError as error:
                raise Stop(report(error)) from None
        return self._index


def emit(kind: str, choice: OutputChoice, *args: Any, **kwargs: Any) -> None:
    """Render with the chosen format's module and write it; only the terminal format imports Rich."""
    if choice.format == "terminal":
        from .output import render_text
        from .render import terminal

        deliver(render_text(getattr(terminal, kind)(*args, **kwargs), choice), choice)
        return
    if choice.format == "json":
        from .render import json_format as module
    elif choice.format == "plain":
        from .render import plain as module  # type: ignore[no-redef]
    else:
        from .render import markdown as module  # type: ignore[no-redef]
    if kind in ("entry", "related") and choice.format != "json":
        kwargs["links"] = choice.links
    deliver(getattr(module, kind)(*args, **kwargs), choice)


def resolve(
    index: Index, words: list[str], choice: OutputChoice | None = None
) -> tuple[Entry, Match, tuple[Match, ...]]:
    """The entry the words name, saying on stderr how they were read; Stop(1) when no entry is that thing,
    saying where the words are discussed (and, with JSON chosen, saying so on stdout for scripts)."""
    from .lookup import lookup

    query = " ".join(words).strip()
    if not query:
        say("irconcepts: give a term to look up, e.g. irconcepts show balance of power")
        raise Stop(EXIT_USAGE)
    result = lookup(index, query)
    if result.best is None:
        not_found(result, choice)
        raise Stop(EXIT_NOT_FOUND)
    best = result.best
    if best.covered:
        say(f"{best.via} is covered in: {best.matched}")
    elif best.method != "exact":
        how = f"alias '{best.via}'" if best.method == "alias" else HOW_MATCHED.get(best.method, f"{best.method} match")
        say(f"showing {best.matched} for '{query}' ({how})")
    if result.alternatives:
        say("also close: " + ", ".join(m.matched for m in result.alternatives))
    entry = index.resolve(best.matched)
    assert entry is not None  # the index produced the name
    return entry, best, result.alternatives


def not_found(result: LookupResult, choice: OutputChoice | None) -> None:
    """No entry is what was asked: say so, where it is discussed, and what may have been misspelt."""
    query = result.query.strip()
    say(f"irconcepts: no entry for '{query}'")
    if result.suggestions:
        say("did you mean: " + ", ".join(result.suggestions) + "?")
    if result.discussed_in:
        say(f"discussed in: {', '.join(result.discussed_in)} — irconcepts search {query}")
    elif not result.suggestions:
        say(f"nothing in the glossary mentions it; try: irconcepts search {query}")
    if choice is not None and choice.format == "json":
        emit("not_found", choice, result)


def _show_entry(
    entry: Entry, match: Match, alternatives: tuple[Match, ...], choice: OutputChoice, section: str | None
) -> None:
    if choice.format == "json":
        emit("entry", choice, entry, match, alternatives)
    else:
        emit("entry", choice, entry, section=section)


def run(action: Any, *args: Any, **kwargs: Any) -> int:
    """Call an action, turning Stop into its exit code."""
    try:
        return action(*args, **kwargs) or EXIT_OK
    except Stop as stop:
        return stop.code


def show(
    session: Session,
    words: list[str],
    *,
    section: str | None,
    brief: bool,
    fmt: str,
    color: str,
    links: str | None,
    pager: bool = True,
) -> int:
    if brief and section:
        say("irconcepts: --brief and --section cannot be used together (--brief is --section summary)")
        return EXIT_USAGE
    index = session.index()
    choice = choose(fmt, color, links, pager=pager)
    entry, match, alternatives = resolve(index, words, choice)
    _show_entry(entry, match, alternatives, choice, "summary" if brief else section)
    return EXIT_OK


def search(session: Session, words: list[str], *, limit: int, fmt: str, color: str, pager: bool = True) -> int:
    from .search import search as run_search

    query = " ".join(words)
    found = run_search(session.index(), query, limit=limit)
    choice = choose(fmt, color, None, pager=pager)
    if not found:
        say(f"irconcepts: nothing found for '{query}'.")
        if choice.format == "json":
            emit("hits", choice, query, [])
        return EXIT_NOT_FOUND
    emit("hits", choice, query, found)
    return EXIT_OK


def pick_theme(typed: str | None) -> str | None:
    """The theme a user typed (any case, a unique prefix), or Stop(2) saying what they may have meant."""
    if typed is None or typed in THEMES:
        return typed
    from .choices import NoSuchChoice, pick

    try:
        return pick(typed, THEMES, "theme")
    except NoSuchChoice as error:
        hint = "" if "?" in str(error) or ":" in str(error) else "; irconcepts themes lists them"
        say(f"irconcepts: {error}{hint}")
        raise Stop(EXIT_USAGE) from None


def list_terms(session: Session, *, theme: str | None, fmt: str, color: str, pager: bool = True) -> int:
    chosen = pick_theme(theme)
    emit("listing", choose(fmt, color, None, pager=pager), session.index().rows(chosen))
    return EXIT_OK


def themes(session: Session, *, fmt: str, color: str) -> int:
    present = session.index().themes
    emit("themes", choose(fmt, color, None), [(t, present.count(t)) for t in THEMES])
    return EXIT_OK


def related(session: Session, words: list[str], *, fmt: str, color: str, links: str | None, pager: bool = True) -> int:
    from .model import RelatedView

    index = session.index()
    entry, _, _ = resolve(index, words)

    def with_summary(name: str) -> tuple[str, str]:
        target = index.resolve(name)
        return (target.term, target.summary) if target else (name, "")

    # Each term once: what the entry points to first, then the entries pointing to it that it does not
    # already point to (a see-also is often returned; listing it twice made the tree longer, not richer).
    see_also = list(dict(with_summary(t) for t in entry.see_also).items())
    listed = {term for term, _ in see_also} | {entry.term}
    backlinks = [pair for pair in map(with_summary, index.backlinks.get(entry.term, [])) if pair[0] not in listed]
    view = RelatedView(term=entry.term, see_also=see_also, backlinks=list(dict(backlinks).items()))
    emit("related", choose(fmt, color, links, pager=pager), view)
    return EXIT_OK


def random_entry(
    session: Session, *, theme: str | None, brief: bool, fmt: str, color: str, links: str | None, pager: bool = True
) -> int:
    import random

    from .model import Match

    theme = pick_theme(theme)
    index = session.index()
    pool = [n for n, t in enumerate(index.themes) if theme is None or t == theme]
    if not pool:
        say(f"irconcepts: no entries in theme '{theme}'")
        return EXIT_NOT_FOUND
    entry = index.entry(random.choice(pool))
    match = Match(query="", matched=entry.term, method="random", score=100.0)
    choice = choose(fmt, color, links, pager=pager)
    if brief and choice.format != "json":
        emit("brief", choice, entry)  # a random summary must say which term it is; a looked-up one need not
    else:
        _show_entry(entry, match, (), choice, None)
    return EXIT_OK


def check(session: Session, files: list[str], *, fmt: str = "text") -> int:
    from .model import CheckReport, in_reading_order
    from .sources import glossary_files
    from .validate import load_glossary

    paths = glossary_files([*session.data, *files])
    entries, problems = load_glossary(paths)
    result = CheckReport(files=tuple(paths), entries=len(entries), problems=tuple(in_reading_order(problems)))
    if fmt == "json":
        from .render import json_format

        write(json_format.check(result))
        if not result.ok:
            say(f"irconcepts: the glossary data is invalid: {len(result.problems)} problem(s)")
    elif result.ok:
        write(f"ok: {result.entries} entries in {len(result.files)} file(s), no problems\n")
    else:
        report(DataError(list(result.problems)), most=None)
    return EXIT_OK if result.ok else EXIT_DATA
