"""The Typer app: options, commands and exit codes. Thin: it calls the library and one renderer."""

from __future__ import annotations

import random as random_module
import sys
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any

import typer

from . import __version__
from .errors import EXIT_NOT_FOUND, EXIT_USAGE, DataError, IrconceptsError
from .model import SECTIONS, THEMES, Entry, LookupResult, Match, RelatedView
from .output import OutputChoice, choose, draw, write

Format = Enum("Format", {name: name for name in ("auto", "terminal", "markdown", "plain", "json")}, type=str)  # type: ignore[misc]
Color = Enum("Color", {name: name for name in ("auto", "always", "never")}, type=str)  # type: ignore[misc]
Links = Enum("Links", {name: name for name in ("wiki", "plain")}, type=str)  # type: ignore[misc]
Section = Enum("Section", {name: name for name in SECTIONS}, type=str)  # type: ignore[misc]
Theme = Enum("Theme", {name: name for name in THEMES}, type=str)  # type: ignore[misc]

app = typer.Typer(
    name="irconcepts",
    help="A glossary of the key concepts of International Relations. "
    "Type a term to read its entry: irconcepts collective security",
    no_args_is_help=True,
    add_completion=False,  # our own --install-completion/--show-completion below install our own scripts
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format; auto is terminal on a TTY, Markdown otherwise.")
]
ColorOpt = Annotated[Color, typer.Option("--color", help="Colour: auto honours NO_COLOR, FORCE_COLOR and the TTY.")]
LinksOpt = Annotated[
    Links | None, typer.Option("--links", help="Cross-references as [[wikilinks]] or plain words (Markdown).")
]


@dataclass
class RunOptions:
    """The global options, set by the callback before any command runs."""

    data: list[str] = field(default_factory=list)
    use_cache: bool = True


State = RunOptions()


def _version(value: bool) -> None:
    if value:
        write(f"irconcepts {__version__}\n")
        raise typer.Exit()


Shell = Enum("Shell", {name: name for name in ("bash", "zsh", "fish")}, type=str)  # type: ignore[misc]


def _shell_or_detect(shell: str | None) -> str:
    from .completion_scripts import detect_shell

    found = shell or detect_shell()
    if found is None:
        _say("irconcepts: cannot tell which shell you use; name it: irconcepts completion bash|zsh|fish --install")
        raise typer.Exit(EXIT_USAGE)
    return found


def _show_completion(value: bool) -> None:
    if value:
        from .completion_scripts import script

        write(script(_shell_or_detect(None)))
        raise typer.Exit()


def _install(shell: str) -> None:
    from .completion_scripts import install

    for path in install(shell):
        _say(f"wrote {path}")
    _say(f"{shell} completion installed; it works in new shells.")


def _install_completion(value: bool) -> None:
    if value:
        _install(_shell_or_detect(None))
        raise typer.Exit()


@app.callback()
def main_options(
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data", metavar="FILE", help="Add a glossary file (repeatable); its entries replace same-named ones."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Rebuild the index in memory; ignore the cache.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            help="Install Tab completion for your shell (bash, zsh or fish, from $SHELL).",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            is_eager=True,
            help="Print the completion script for your shell.",
        ),
    ] = False,
) -> None:
    State.data = list(data or [])
    State.use_cache = not no_cache


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")


def _fail(error: IrconceptsError, *, most: int | None = 20) -> typer.Exit:
    if isinstance(error, DataError):
        shown = error.problems[:most]
        for problem in shown:
            _say(str(problem))
        more = len(error.problems) - len(shown)
        tail = f" ({more} more not shown)" if more > 0 else ""
        _say(f"irconcepts: the glossary data is invalid: {len(error.problems)} problem(s){tail}")
    else:
        _say(f"irconcepts: {error}")
    return typer.Exit(error.exit_code)


def _index() -> Any:
    from .cache import open_index

    try:
        return open_index(State.data, use_cache=State.use_cache)
    except IrconceptsError as error:
        raise _fail(error) from None


def _choice(fmt: Format, color: Color, links: Links | None) -> OutputChoice:
    return choose(fmt.value, color.value, links.value if links else None)


def _emit(kind: str, choice: OutputChoice, *args: Any, **kwargs: Any) -> None:
    """Render with the chosen format's module and write it; only the terminal format imports Rich."""
    if choice.format == "terminal":
        from .render import terminal

        draw(getattr(terminal, kind)(*args, **kwargs), choice)
        return
    if choice.format == "json":
        from .render import json_format as module
    elif choice.format == "plain":
        from .render import plain as module  # type: ignore[no-redef]
    else:
        from .render import markdown as module  # type: ignore[no-redef]
    if kind in ("entry", "related") and choice.format != "json":
        kwargs["links"] = choice.links
    write(getattr(module, kind)(*args, **kwargs))


def _resolve(index: Any, words: list[str]) -> tuple[Entry, Match, tuple[Match, ...]]:
    """The entry the words mean, saying on stderr how they were read; exit 1 with suggestions if none."""
    from .lookup import lookup
    from .search import search

    query = " ".join(words).strip()
    if not query:
        _say("irconcepts: give a term to look up, e.g. irconcepts show balance of power")
        raise typer.Exit(EXIT_USAGE)
    result: LookupResult = lookup(index, query)
    if result.best is None:
        offers = list(dict.fromkeys([*result.suggestions, *(h.term for h in search(index, query, limit=3))]))[:5]
        _say(f"irconcepts: no entry for '{query}'.")
        if offers:
            _say("Did you mean: " + ", ".join(offers) + "?")
        _say(f"Search the entries' text with: irconcepts search {query}")
        raise typer.Exit(EXIT_NOT_FOUND)
    best = result.best
    if best.method != "exact":
        how = {
            "alias": f"alias '{best.via}'",
            "fuzzy": "closest match",
            "contained": "the term found in your words",
            "search": "best full-text match",
        }.get(best.method, f"{best.method} match")
        _say(f"showing {best.matched} for '{query}' ({how})")
    if result.alternatives:
        _say("also close: " + ", ".join(m.matched for m in result.alternatives))
    return index.resolve(best.matched), best, result.alternatives


def _show_entry(
    entry: Entry, match: Match, alternatives: tuple[Match, ...], choice: OutputChoice, section: str | None
) -> None:
    if choice.format == "json":
        _emit("entry", choice, entry, match, alternatives)
    else:
        _emit("entry", choice, entry, section=section)


@app.command()
def show(
    term: Annotated[
        list[str], typer.Argument(help="The term: a headword, alias or abbreviation; misspellings are forgiven.")
    ],
    section: Annotated[Section | None, typer.Option("--section", "-s", help="Print one part of the entry.")] = None,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Print the one-sentence summary only.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
) -> None:
    """Show the entry for TERM (the default command: irconcepts TERM does the same)."""
    index = _index()
    entry, match, alternatives = _resolve(index, term)
    chosen = "summary" if brief else (section.value if section else None)
    _show_entry(entry, match, alternatives, _choice(fmt, color, links), chosen)


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Words to find anywhere in the entries.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many hits to show.")] = 10,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    """Full-text search over every entry, best first, with the words highlighted."""
    from .search import search as run_search

    query = " ".join(words)
    found = run_search(_index(), query, limit=limit)
    choice = _choice(fmt, color, None)
    if not found:
        _say(f"irconcepts: nothing found for '{query}'.")
        if choice.format == "json":
            _emit("hits", choice, query, [])
        raise typer.Exit(EXIT_NOT_FOUND)
    _emit("hits", choice, query, found)


@app.command(name="list")
def list_terms(
    theme: Annotated[Theme | None, typer.Option("--theme", "-t", help="Only the entries of this theme.")] = None,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    """List every term with its summary."""
    rows = _index().rows(theme.value if theme else None)
    _emit("listing", _choice(fmt, color, None), rows)


@app.command()
def themes(fmt: FormatOpt = Format.auto, color: ColorOpt = Color.auto) -> None:
    """List the themes with the number of entries in each."""
    present = _index().themes
    counts = [(t, present.count(t)) for t in THEMES]
    _emit("themes", _choice(fmt, color, None), counts)


@app.command()
def related(
    term: Annotated[list[str], typer.Argument(help="The term whose neighbours to show.")],
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
) -> None:
    """Show the terms an entry points to, and the entries that point to it, as a tree."""
    index = _index()
    entry, _, _ = _resolve(index, term)

    def with_summary(name: str) -> tuple[str, str]:
        target = index.resolve(name)
        return (target.term, target.summary) if target else (name, "")

    view = RelatedView(
        term=entry.term,
        see_also=[with_summary(t) for t in entry.see_also],
        backlinks=[with_summary(t) for t in index.backlinks.get(entry.term, [])],
    )
    _emit("related", _choice(fmt, color, links), view)


@app.command()
def random(
    theme: Annotated[Theme | None, typer.Option("--theme", "-t", help="Pick from this theme only.")] = None,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Print the one-sentence summary only.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
) -> None:
    """Show a random entry, for revision."""
    index = _index()
    pool = [n for n, t in enumerate(index.themes) if theme is None or t == theme.value]
    if not pool:
        _say(f"irconcepts: no entries in theme '{theme.value if theme else ''}'")
        raise typer.Exit(EXIT_NOT_FOUND)
    entry = index.entry(random_module.choice(pool))
    match = Match(query="", matched=entry.term, method="random", score=100.0)
    _show_entry(entry, match, (), _choice(fmt, color, links), "summary" if brief else None)


@app.command()
def check(
    files: Annotated[list[str] | None, typer.Argument(metavar="[FILE]...", help="Glossary files to check.")] = None,
) -> None:
    """Validate the glossary (packaged, --data, IRCONCEPTS_DATA and FILEs); report problems by file and line."""
    from .sources import glossary_files
    from .validate import load_glossary

    paths = glossary_files([*State.data, *(files or [])])
    entries, problems = load_glossary(paths)
    if problems:
        raise _fail(DataError(problems), most=None)
    write(f"ok: {len(entries)} entries in {len(paths)} file(s), no problems\n")


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish.")],
    install: Annotated[bool, typer.Option("--install", help="Write it where the shell finds it.")] = False,
) -> None:
    """Print the Tab-completion script for a shell, or install it with --install."""
    if install:
        _install(shell.value)
        return
    from .completion_scripts import script

    write(script(shell.value))
