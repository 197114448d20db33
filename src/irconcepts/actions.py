"""What each command does, without Typer: options in, output written, exit code out.

cli.py (the Typer app) and fastpath.py (the common commands parsed without importing Typer) both call
these, so the two ways in cannot drift apart. Diagnostics go to stderr; data to stdout via output.py.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from .errors import (
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    DataError,
    IrconceptsError,
    OutputError,
)
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
    """A diagnostic on stderr; it may quote the user's words or the data, so control codes are made visible."""
    from .safe_text import printable

    sys.stderr.write(printable(message) + "\n")


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
            from .cache import open_layered

            warn_config()
            try:
                self._index, left_out = open_layered(self.data, use_cache=self.use_cache)
            except IrconceptsError as error:
                raise Stop(report(error)) from None
            for line in left_out:  # a personal glossary file with problems: said on every run until fixed
                say(f"irconcepts: warning: {line}")
        return self._index


_config_warned: list[bool] = []


def warn_config() -> None:
    """The config file's problems, each with file:line, once a run: the bad keys are ignored, never silently."""
    if _config_warned:
        return
    _config_warned.append(True)
    from .user.config import current

    for message in current().messages():
        say(f"irconcepts: warning: {message}")


# The config's defaults, for the commands that draw output: format, colour, links, pager, front matter.
# A value on the command line always wins; `given` names the options that were typed.
FORMAT_ACTIONS = frozenset({"show", "search", "list_terms", "themes", "related", "random_entry", "compare"})


def with_config(action: Any, kwargs: dict[str, Any], given: frozenset[str] | set[str]) -> dict[str, Any]:
    from .user.config import current

    settings = current()
    name = getattr(action, "__name__", "")
    out = dict(kwargs)
    if "fmt" in out and "fmt" not in given and name in FORMAT_ACTIONS and settings.get("format"):
        out["fmt"] = settings.get("format")
    for key in ("color", "links"):
        if key in out and key not in given and settings.get(key):
            out[key] = settings.get(key)
    pager = settings.get("pager")
    if "pager" in out and "pager" not in given and pager is not None:
        out["pager"] = bool(pager)
        if isinstance(pager, str):  # a command: it stands where IRCONCEPTS_PAGER would; that variable wins
            os.environ.setdefault("IRCONCEPTS_PAGER", pager)
    # front matter asks for a note: only where the output is Markdown anyway (piped, or --format markdown)
    if "front_matter" in out and "front_matter" not in given and settings.get("front_matter"):
        fmt = out.get("fmt", "auto")
        out["front_matter"] = fmt == "markdown" or (fmt == "auto" and not sys.stdout.isatty())
    return out


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
    entry: Entry,
    match: Match,
    alternatives: tuple[Match, ...],
    choice: OutputChoice,
    section: str | None,
    *,
    index: Index | None = None,
    brief: bool = False,
    front_matter: bool = False,
) -> None:
    if choice.format == "json":
        emit("entry", choice, entry, match, alternatives)
    elif choice.format == "markdown":
        # A note: links point at the notes `export obsidian` writes, and a section is headed by its term.
        extra: dict[str, Any] = {"heading": not brief}
        if index is not None and choice.links == "wiki":
            from .export.names import index_resolver

            extra["resolve"] = index_resolver(index)
        if front_matter:
            from .export import frontmatter

            write(frontmatter.render(frontmatter.front_matter(entry)))
            extra["meta"] = False  # the front matter carries the theme and the names
        emit("entry", choice, entry, section=section, **extra)
    else:
        emit("entry", choice, entry, section=section)


def run(action: Any, *args: Any, given: frozenset[str] | set[str] | None = None, **kwargs: Any) -> int:
    """Call an action, turning Stop into its exit code. A closed pipe ends any command with 0, unwritable stdout
    with 4 and Ctrl-C with 130, each without a traceback (Click would otherwise answer 1 for some of them).
    With `given` (the options typed on the command line), the config file supplies the others."""
    from .output import quiet_stdout

    try:
        if given is not None:
            kwargs = with_config(action, kwargs, given)
        return action(*args, **kwargs) or EXIT_OK
    except Stop as stop:
        return stop.code
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_OK
    except OutputError as error:
        quiet_stdout()
        return report(error)
    except KeyboardInterrupt:
        quiet_stdout()
        return EXIT_INTERRUPTED


def show(
    session: Session,
    words: list[str],
    *,
    section: str | None,
    brief: bool,
    fmt: str,
    color: str,
    links: str | None,
    front_matter: bool = False,
    pager: bool = True,
) -> int:
    if brief and section:
        say("irconcepts: --brief and --section cannot be used together (--brief is --section summary)")
        return EXIT_USAGE
    if front_matter:
        if fmt not in ("auto", "markdown"):
            say(f"irconcepts: --front-matter is for Markdown notes, not --format {fmt}")
            return EXIT_USAGE
        fmt = "markdown"  # even on a terminal: front matter asks for a note
    index = session.index()
    choice = choose(fmt, color, links, pager=pager)
    if section is None and not brief:
        from .actions_study import compare_if_both  # "realism vs liberalism" compares when both are entries

        compared = compare_if_both(index, words, choice)
        if compared is not None:
            return compared
    entry, match, alternatives = resolve(index, words, choice)
    _show_entry(entry, match, alternatives, choice, "summary" if brief else section,
                index=index, brief=brief, front_matter=front_matter)  # fmt: skip
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


def related(
    session: Session,
    words: list[str],
    *,
    fmt: str,
    color: str,
    links: str | None,
    depth: int = 1,
    pager: bool = True,
) -> int:
    from .model import RelatedView

    if depth != 1 and fmt != "mermaid":
        say("irconcepts: --depth draws a neighbourhood: use it with --format mermaid")
        return EXIT_USAGE
    index = session.index()
    entry, _, _ = resolve(index, words)
    if fmt == "mermaid":
        from .export import graph

        every = index.entries
        around = graph.neighbourhood(graph.see_also_graph(every, every), entry.term, depth)
        write(graph.fenced_mermaid(around, focus=entry.term))
        return EXIT_OK

    def with_summary(name: str) -> tuple[str, str]:
        target = index.resolve(name)
        return (target.term, target.summary) if target else (name, "")

    # Each term once: what the entry points to first, then the entries pointing to it that it does not
    # already point to (a see-also is often returned; listing it twice made the tree longer, not richer).
    see_also = list(dict(with_summary(t) for t in entry.see_also).items())
    listed = {term for term, _ in see_also} | {entry.term}
    backlinks = [pair for pair in map(with_summary, index.backlinks.get(entry.term, [])) if pair[0] not in listed]
    view = RelatedView(term=entry.term, see_also=see_also, backlinks=list(dict(backlinks).items()))
    choice = choose(fmt, color, links, pager=pager)
    extra: dict[str, Any] = {}
    if choice.format == "markdown" and choice.links == "wiki":
        from .export.names import index_resolver

        extra["resolve"] = index_resolver(index)  # links to the notes `export obsidian` writes
    emit("related", choice, view, **extra)
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
        _show_entry(entry, match, (), choice, None, index=index)
    return EXIT_OK


def check(session: Session, files: list[str], *, fmt: str = "text") -> int:
    from .model import CheckReport, Problem, in_reading_order
    from .sources import glossary_files
    from .validate import load_glossary

    paths = glossary_files([*session.data, *files])
    notes: list[Problem] = []
    entries, problems = load_glossary(paths, notes)
    from .user.config import current

    settings = current()  # the config file is checked too: its problems are the user's to fix
    problems += [Problem(settings.path, line, message) for line, message in settings.problems]
    for note in notes:  # a user's entry that took over a packaged name: said once, not an error
        say(str(note))
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


# Exports: whole-glossary outputs (src/irconcepts/export/). The modules there return text or bytes, or
# write files and return a report; the messages are made here.
STDOUT_TARGETS = (None, "-")
MANY_FILES = 10  # a vault of more files than this shows a progress bar on a terminal


def _chosen_entries(index: Index, themes: list[str]) -> list[Entry]:
    every = index.entries
    return [e for e in every if not themes or e.theme in themes]


def export(
    session: Session, kind: str, target: str | None, *, themes: list[str], graph_format: str | None, overwrite: bool
) -> int:
    """`irconcepts export KIND [DIR|FILE]`: the glossary (or some themes of it) as a vault, citations,
    flashcards or a graph."""
    from .errors import WriteError

    if graph_format is not None and kind != "graph":
        say(f"irconcepts: --format chooses the graph's format; the {kind} export has one format")
        return EXIT_USAGE
    if kind in ("obsidian", "anki") and target in STDOUT_TARGETS:
        where = "a folder: irconcepts export obsidian ~/notes/IR" if kind == "obsidian" else "a file: deck.apkg"
        say(f"irconcepts: the {kind} export needs {where}")
        return EXIT_USAGE
    if kind == "anki" and not str(target).lower().endswith(".apkg"):
        say(f"irconcepts: Anki imports only .apkg files; name the deck like {target}.apkg")
        return EXIT_USAGE
    index = session.index()
    entries = _chosen_entries(index, themes)
    try:
        if kind == "obsidian":
            return _export_vault(index, entries, str(target), overwrite=overwrite)
        from .export.single import export_bytes

        data = export_bytes(kind, entries, index.entries, graph_format=graph_format or "dot", target=target)
        if target in STDOUT_TARGETS:
            write(data.decode("utf-8"))
            return EXIT_OK
        from .export.files import write_file

        outcome = write_file(str(target), data, overwrite=overwrite)
        say(f"{outcome} {target}: {_what(kind, entries, index)}")
    except WriteError as error:
        return report(error)
    return EXIT_OK


def _what(kind: str, entries: list[Entry], index: Index) -> str:
    if kind in ("bibtex", "ris", "csl-json"):
        return f"the readings of {len(entries)} entries"
    return f"{len(entries)} entries" if len(entries) != len(index) else f"all {len(entries)} entries"


def _export_vault(index: Index, entries: list[Entry], folder: str, *, overwrite: bool) -> int:
    from .export import obsidian
    from .export.files import write_tree

    files = obsidian.vault(entries, index.entries)
    with _progress(len(files)) as progress:
        result = write_tree(folder, files, overwrite=overwrite, progress=progress)
    for name in result.kept:
        say(f"irconcepts: kept {os.path.join(folder, name)}: it was edited; --overwrite replaces it")
    for name in result.skipped:
        say(f"irconcepts: left {os.path.join(folder, name)} alone: it is a link or a folder, not a note")
    for name in result.replaced:
        say(f"replaced {os.path.join(folder, name)}, which had been edited (--overwrite)")
    for note in result.notes:
        say(f"irconcepts: {note}")
    counts = {
        what: len(getattr(result, what)) for what in ("created", "updated", "unchanged", "replaced", "kept", "skipped")
    }
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    say(f"{folder}: {len(entries)} notes and {obsidian.INDEX_NOTE} ({summary})")
    return EXIT_OK


class _progress:
    """A Rich progress bar on stderr, when stderr is a terminal and there are many files; else nothing."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        if self.total <= MANY_FILES or not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(file=sys.stderr), transient=True)
        self.bar.start()
        task = self.bar.add_task("writing notes", total=self.total)
        return lambda done, total: self.bar.update(task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def cite(session: Session, words: list[str], *, fmt: str) -> int:
    """`irconcepts cite TERM...`: the further reading of one or more entries as BibTeX, RIS or CSL-JSON.
    The words are one term when they name one (collective security); otherwise each is a term."""
    from .export import cite_formats
    from .export.citations import references

    index = session.index()
    entries = _cited_entries(index, words)
    write(cite_formats.render(references(entries), fmt))
    return EXIT_OK


def _cited_entries(index: Index, words: list[str]) -> list[Entry]:
    from .lookup import lookup

    whole = lookup(index, " ".join(words)).best if len(words) > 1 else None
    one_term = whole is not None and whole.method != "contained"  # "realism liberalism" is two terms
    if len(words) > 1 and not one_term and all(lookup(index, w).best is not None for w in words):
        found = [resolve(index, [w])[0] for w in words]
    else:
        found = [resolve(index, words)[0]]
    unique: dict[str, Entry] = {}
    for entry in found:
        unique.setdefault(entry.term, entry)
    return list(unique.values())
