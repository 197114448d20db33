"""The Typer app: options, commands and exit codes. Thin: it calls the library and one renderer."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from . import __version__, actions
from .errors import EXIT_USAGE
from .output import write
from .vocab import (
    CITE_FORMATS,
    COLORS,
    EXPORT_KINDS,
    FORMATS,
    GRAPH_FORMATS,
    LINKS,
    QUIZ_MODES,
    RELATED_FORMATS,
    SECTIONS,
    SHELLS,
    THEMES,
)

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
Color = Enum("Color", {name: name for name in COLORS}, type=str)  # type: ignore[misc]
Links = Enum("Links", {name: name for name in LINKS}, type=str)  # type: ignore[misc]
Section = Enum("Section", {name: name for name in SECTIONS}, type=str)  # type: ignore[misc]
Theme = Enum("Theme", {name: name for name in THEMES}, type=str)  # type: ignore[misc]
ExportKind = Enum("ExportKind", {name: name for name in EXPORT_KINDS}, type=str)  # type: ignore[misc]
CiteFormat = Enum("CiteFormat", {name: name for name in CITE_FORMATS}, type=str)  # type: ignore[misc]
GraphFormat = Enum("GraphFormat", {name: name for name in GRAPH_FORMATS}, type=str)  # type: ignore[misc]
RelatedFormat = Enum("RelatedFormat", {name: name for name in RELATED_FORMATS}, type=str)  # type: ignore[misc]

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


State = actions.Session()  # the global options, set by the callback before any command runs


def _version(value: bool) -> None:
    if value:
        write(f"irconcepts {__version__}\n")
        raise typer.Exit()


Shell = Enum("Shell", {name: name for name in SHELLS}, type=str)  # type: ignore[misc]


def _detect_shell() -> str:
    from .completion_scripts import detect_shell

    found = detect_shell()
    if found is None:
        _say("irconcepts: cannot tell which shell you use; name it: irconcepts completion bash|zsh|fish --install")
        raise typer.Exit(EXIT_USAGE)
    return found


def _show_completion(value: bool) -> None:
    if value:
        from .completion_scripts import script

        write(script(_detect_shell()))
        raise typer.Exit()


def _install(shell: str) -> None:
    from .completion_scripts import install

    for path in install(shell):
        _say(f"wrote {path}")
    _say(f"{shell} completion installed; it works in new shells.")


def _install_completion(value: bool) -> None:
    if value:
        _install(_detect_shell())
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
    State.configure(data or [], use_cache=not no_cache)


def _say(message: str) -> None:
    actions.say(message)


def _done(code: int) -> None:
    if code:
        raise typer.Exit(code)


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
    front_matter: Annotated[
        bool, typer.Option("--front-matter", help="Start the Markdown with YAML front matter, as a note.")
    ] = False,
) -> None:
    """Show the entry for TERM (the default command: irconcepts TERM does the same)."""
    _done(actions.run(actions.show, State, term, section=section.value if section else None, brief=brief,
                      fmt=fmt.value, color=color.value, links=links.value if links else None,
                      front_matter=front_matter))  # fmt: skip


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Words to find anywhere in the entries.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many hits to show.")] = 10,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    """Full-text search over every entry, best first, with the words highlighted."""
    _done(actions.run(actions.search, State, words, limit=limit, fmt=fmt.value, color=color.value))


@app.command(name="list")
def list_terms(
    theme: Annotated[Theme | None, typer.Option("--theme", "-t", help="Only the entries of this theme.")] = None,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    """List every term with its summary."""
    chosen = theme.value if theme else None
    _done(actions.run(actions.list_terms, State, theme=chosen, fmt=fmt.value, color=color.value))


@app.command()
def themes(fmt: FormatOpt = Format.auto, color: ColorOpt = Color.auto) -> None:
    """List the themes with the number of entries in each."""
    _done(actions.run(actions.themes, State, fmt=fmt.value, color=color.value))


@app.command()
def related(
    term: Annotated[list[str], typer.Argument(help="The term whose neighbours to show.")],
    fmt: Annotated[
        RelatedFormat,
        typer.Option("--format", "-f", help="Output format; mermaid draws the neighbourhood as a diagram."),
    ] = RelatedFormat.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
    depth: Annotated[
        int, typer.Option("--depth", "-d", min=1, help="With --format mermaid: how many steps out to draw.")
    ] = 1,
) -> None:
    """Show the terms an entry points to, and the entries that point to it, as a tree.

    \b
    Examples:
      irconcepts related sovereignty
      irconcepts related realism --depth 2 --format mermaid > realism-map.md
    """
    chosen = links.value if links else None
    _done(actions.run(actions.related, State, term, fmt=fmt.value, color=color.value, links=chosen, depth=depth))


@app.command()
def random(
    theme: Annotated[Theme | None, typer.Option("--theme", "-t", help="Pick from this theme only.")] = None,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Print the one-sentence summary only.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
) -> None:
    """Show a random entry, for revision."""
    _done(actions.run(actions.random_entry, State, theme=theme.value if theme else None, brief=brief,
                      fmt=fmt.value, color=color.value, links=links.value if links else None))  # fmt: skip


QuizMode = Enum("QuizMode", {name: name for name in QUIZ_MODES}, type=str)  # type: ignore[misc]


@app.command(
    epilog="Examples:\n\n"
    "irconcepts quiz                         # due cards, then up to 10 new ones\n\n"
    "irconcepts quiz --mode name -t theory   # read a summary, name the term\n\n"
    "irconcepts quiz --due                   # only what is due today\n\n"
    "irconcepts quiz --stats                 # seen, due, retention, per theme\n\n"
    "irconcepts quiz --format json | jq      # the questions, for other tools",
)
def quiz(
    mode: Annotated[
        QuizMode, typer.Option("--mode", "-m", help="recall: see the term, recall its meaning; name: name the term.")
    ] = QuizMode.recall,
    theme: Annotated[
        list[Theme] | None, typer.Option("--theme", "-t", help="Only cards of this theme (repeatable).")
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="Cards in the round at most.")] = 20,
    new: Annotated[int, typer.Option("--new", min=0, help="Unseen cards to introduce at most.")] = 10,
    due: Annotated[bool, typer.Option("--due", help="Only the cards due today.")] = False,
    stats: Annotated[bool, typer.Option("--stats", help="Cards seen, due, retention, per theme.")] = False,
    reset: Annotated[bool, typer.Option("--reset", help="Delete all study history (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --reset: do not ask.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    """Revise with flashcards scheduled by FSRS (spaced repetition); needs a terminal."""
    from . import actions_study

    _done(actions.run(actions_study.quiz, State, mode=mode.value, themes=[t.value for t in theme or []],
                      count=count, new=new, due=due, stats=stats, reset=reset, yes=yes, fmt=fmt.value,
                      color=color.value))  # fmt: skip


@app.command(
    epilog="Examples:\n\n"
    "irconcepts compare realism liberalism\n\n"
    'irconcepts compare "balance of power" vs "security dilemma"\n\n'
    "irconcepts realism vs liberalism                   # the same, from the bare form\n\n"
    "irconcepts difference between deterrence and compellence",
)
def compare(
    terms: Annotated[
        list[str], typer.Argument(metavar="A B", help="Two terms; multi-word ones quoted or split by vs.")
    ],
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    """Two concepts side by side: summaries, arguments, cases, what each says of the other."""
    from . import actions_study

    _done(actions.run(actions_study.compare, State, terms, fmt=fmt.value, color=color.value))


@app.command()
def check(
    files: Annotated[list[str] | None, typer.Argument(metavar="[FILE]...", help="Glossary files to check.")] = None,
) -> None:
    """Validate the glossary (packaged, --data, IRCONCEPTS_DATA and FILEs); report problems by file and line."""
    _done(actions.run(actions.check, State, list(files or [])))


@app.command(short_help="Export notes, citations, flashcards or graph.")
def export(
    kind: Annotated[
        ExportKind,
        typer.Argument(metavar="KIND", help="obsidian, bibtex, ris, csl-json, anki, csv or graph.", show_default=False),
    ],
    target: Annotated[
        str | None,
        typer.Argument(metavar="[DIR|FILE]", help="Where: a folder for obsidian, a file; stdout when left out."),
    ] = None,
    theme: Annotated[
        list[Theme] | None, typer.Option("--theme", "-t", help="Only the entries of this theme (repeatable).")
    ] = None,
    fmt: Annotated[
        GraphFormat | None, typer.Option("--format", "-f", help="The graph's format (graph only; default dot).")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace notes and files that were edited since the last export.")
    ] = False,
) -> None:
    """Export the glossary for your other tools: an Obsidian vault, the readings as citations, Anki
    flashcards, or the see-also graph.

    \b
    Examples:
      irconcepts export obsidian ~/notes/IR        one note per entry, with front matter
      irconcepts export obsidian ~/notes/IR -t security -t theory
      irconcepts export bibtex > readings.bib      also: ris, csl-json
      irconcepts export anki ir-concepts.apkg      a subdeck per theme
      irconcepts export csv cards.tsv              term, summary, theme (Anki, Quizlet)
      irconcepts export graph --format mermaid     also: dot, graphml, json

    A note you edited is never replaced (a warning says so) unless you add --overwrite; nor is a file
    that differs from the export. Exit 4: the export could not be written, or would replace such a file.
    """
    themes = [t.value for t in theme or []]
    _done(actions.run(actions.export, State, kind.value, target, themes=themes,
                      graph_format=fmt.value if fmt else None, overwrite=overwrite))  # fmt: skip


@app.command(short_help="Citations for the readings of some entries.")
def cite(
    term: Annotated[list[str], typer.Argument(help="The terms; quote one of several words if in doubt.")],
    fmt: Annotated[CiteFormat, typer.Option("--format", "-f", help="Citation format.")] = CiteFormat.bibtex,
) -> None:
    """Print the further reading of one or more entries as BibTeX, RIS or CSL-JSON, for Zotero, Mendeley or
    pandoc.

    \b
    Examples:
      irconcepts cite security dilemma >> readings.bib
      irconcepts cite realism liberalism --format ris > realism.ris
      irconcepts export bibtex > all-readings.bib     every entry's readings
    """
    _done(actions.run(actions.cite, State, term, fmt=fmt.value))


@app.command(name="help")
def help_command(
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument(metavar="[COMMAND]", help="The command to explain.")] = None,
) -> None:
    """Show help for irconcepts, or for one COMMAND (irconcepts help show)."""
    root = ctx.find_root()
    if command is None:
        write(root.get_help() + "\n")
        return
    group = root.command  # the app's group: Typer vendors Click, so it is used through its methods only
    sub = group.get_command(root, command)  # type: ignore[attr-defined]
    if sub is None:
        names = ", ".join(sorted(group.list_commands(root)))  # type: ignore[attr-defined]
        _say(f"irconcepts: no command '{command}'; the commands are: {names}")
        raise typer.Exit(EXIT_USAGE)
    with type(ctx)(sub, info_name=command, parent=root) as sub_ctx:
        write(sub.get_help(sub_ctx) + "\n")


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
