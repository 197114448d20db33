"""The Typer app: options, commands and exit codes. Thin: it calls the library and one renderer."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer
from typer.core import TyperCommand

from . import __version__, actions
from .errors import EXIT_USAGE
from .helptext import ABOUT, COMMANDS, SUMMARY, command_epilog, main_epilog
from .output import write
from .vocab import (
    CHECK_FORMATS,
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
)

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
Color = Enum("Color", {name: name for name in COLORS}, type=str)  # type: ignore[misc]
Links = Enum("Links", {name: name for name in LINKS}, type=str)  # type: ignore[misc]
Section = Enum("Section", {name: name for name in SECTIONS}, type=str)  # type: ignore[misc]
ExportKind = Enum("ExportKind", {name: name for name in EXPORT_KINDS}, type=str)  # type: ignore[misc]
CiteFormat = Enum("CiteFormat", {name: name for name in CITE_FORMATS}, type=str)  # type: ignore[misc]
GraphFormat = Enum("GraphFormat", {name: name for name in GRAPH_FORMATS}, type=str)  # type: ignore[misc]
RelatedFormat = Enum("RelatedFormat", {name: name for name in RELATED_FORMATS}, type=str)  # type: ignore[misc]
CheckFormat = Enum("CheckFormat", {name: name for name in CHECK_FORMATS}, type=str)  # type: ignore[misc]

app = typer.Typer(
    name="irconcepts",
    help=f"{SUMMARY}\n\n{ABOUT}",
    epilog=main_epilog(),
    no_args_is_help=True,
    add_completion=False,  # our own --install-completion/--show-completion below install our own scripts
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="auto, terminal, markdown, plain or json; auto: terminal on a terminal, else Markdown.",
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color", metavar="WHEN", help="auto, always or never; auto honours NO_COLOR, FORCE_COLOR and the terminal."
    ),
]
LinksOpt = Annotated[
    Links | None,
    typer.Option("--links", metavar="STYLE", help="Cross-references as wiki ([[links]]) or plain words."),
]
PagerOpt = Annotated[bool, typer.Option("--no-pager", help="Print straight to the terminal, never through a pager.")]
ThemeOpt = Annotated[
    str | None,
    typer.Option("--theme", "-t", metavar="THEME", help="Only this theme (any case; a prefix will do: sec)."),
]


class PlainUsage(TyperCommand):
    """Usage lines name arguments plainly (TERM..., SHELL): Typer wraps required ones in braces."""

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


def command(name: str):  # type: ignore[no-untyped-def]
    """app.command with the words from helptext.py: a one-line summary, the description and examples."""
    words = COMMANDS[name]
    return app.command(name=name, cls=PlainUsage, help=words.text, short_help=words.line, epilog=command_epilog(name))


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


# parameter -> the action's keyword, for the options the config file can default
_CONFIGURABLE = {"fmt": "fmt", "color": "color", "links": "links", "no_pager": "pager", "front_matter": "front_matter"}


def _given(ctx: typer.Context) -> frozenset[str]:
    """The configurable options typed on the command line: the config file supplies the others."""
    return frozenset(
        keyword
        for param, keyword in _CONFIGURABLE.items()
        if param in ctx.params
        and getattr(ctx.get_parameter_source(param), "name", "") not in ("DEFAULT", "DEFAULT_MAP")
    )


def _done(code: int) -> None:
    if code:
        raise typer.Exit(code)


@command("show")
def show(
    ctx: typer.Context,
    term: Annotated[
        list[str],
        typer.Argument(
            metavar="TERM...", help="A headword, alias or abbreviation; misspellings are forgiven.", show_default=False
        ),
    ],
    section: Annotated[
        Section | None,
        typer.Option(
            "--section",
            "-s",
            metavar="SECTION",
            help="Print one part: summary, definition, arguments, cases, related or reading.",
        ),
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Print the one-sentence summary only.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
    front_matter: Annotated[
        bool, typer.Option("--front-matter", help="Start the Markdown with YAML front matter, as a note.")
    ] = False,
    no_pager: PagerOpt = False,
) -> None:
    _done(actions.run(actions.show, State, term, given=_given(ctx), section=section.value if section else None,
                      brief=brief, fmt=fmt.value, color=color.value, links=links.value if links else None,
                      front_matter=front_matter, pager=not no_pager))  # fmt: skip


@command("search")
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="WORDS...", help="Words to find anywhere in the entries.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="How many hits to show.")] = 10,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    no_pager: PagerOpt = False,
) -> None:
    _done(actions.run(actions.search, State, words, given=_given(ctx), limit=limit, fmt=fmt.value, color=color.value,
                      pager=not no_pager))  # fmt: skip


@command("list")
def list_terms(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    no_pager: PagerOpt = False,
) -> None:
    _done(
        actions.run(
            actions.list_terms,
            State,
            given=_given(ctx),
            theme=theme,
            fmt=fmt.value,
            color=color.value,
            pager=not no_pager,
        )
    )


@command("themes")
def themes(ctx: typer.Context, fmt: FormatOpt = Format.auto, color: ColorOpt = Color.auto) -> None:
    _done(actions.run(actions.themes, State, given=_given(ctx), fmt=fmt.value, color=color.value))


@command("related")
def related(
    ctx: typer.Context,
    term: Annotated[list[str], typer.Argument(metavar="TERM...", help="The term whose neighbours to show.")],
    fmt: Annotated[
        RelatedFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="As for show, or mermaid: the neighbourhood as a diagram."
        ),
    ] = RelatedFormat.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
    depth: Annotated[
        int, typer.Option("--depth", "-d", min=1, metavar="N", help="With --format mermaid: how many steps out.")
    ] = 1,
    no_pager: PagerOpt = False,
) -> None:
    chosen = links.value if links else None
    _done(actions.run(actions.related, State, term, given=_given(ctx), fmt=fmt.value, color=color.value,
                      links=chosen, depth=depth, pager=not no_pager))  # fmt: skip


@command("random")
def random(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Print the term and its summary only.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    links: LinksOpt = None,
    no_pager: PagerOpt = False,
) -> None:
    _done(actions.run(actions.random_entry, State, given=_given(ctx), theme=theme, brief=brief, fmt=fmt.value,
                      color=color.value, links=links.value if links else None, pager=not no_pager))  # fmt: skip


QuizMode = Enum("QuizMode", {name: name for name in QUIZ_MODES}, type=str)  # type: ignore[misc]


def _themes(typed: list[str] | None) -> list[str]:
    """Each --theme as a theme, matched forgivingly (any case, a prefix); a usage error names the bad one."""
    try:
        return [t for t in (actions.pick_theme(value) for value in typed or []) if t]
    except actions.Stop as stop:
        raise typer.Exit(stop.code) from None


@command("quiz")
def quiz(
    ctx: typer.Context,
    mode: Annotated[
        QuizMode,
        typer.Option(
            "--mode", "-m", metavar="MODE", help="recall: see the term, recall its meaning; name: name the term."
        ),
    ] = QuizMode.recall,
    theme: Annotated[
        list[str] | None,
        typer.Option("--theme", "-t", metavar="THEME", help="Only this theme (repeatable; a prefix will do)."),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, metavar="N", help="Cards in the round at most.")] = 20,
    new: Annotated[int, typer.Option("--new", min=0, metavar="N", help="Unseen cards to introduce at most.")] = 10,
    due: Annotated[bool, typer.Option("--due", help="Only the cards due today.")] = False,
    stats: Annotated[bool, typer.Option("--stats", help="Cards seen, due, retention, per theme.")] = False,
    reset: Annotated[bool, typer.Option("--reset", help="Delete all study history (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --reset: do not ask.")] = False,
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
) -> None:
    from . import actions_study

    _done(actions.run(actions_study.quiz, State, given=_given(ctx), mode=mode.value, themes=_themes(theme),
                      count=count, new=new, due=due, stats=stats, reset=reset, yes=yes, fmt=fmt.value,
                      color=color.value))  # fmt: skip


@command("compare")
def compare(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(metavar="A B", help="Two terms; multi-word ones quoted or split by vs.")
    ],
    fmt: FormatOpt = Format.auto,
    color: ColorOpt = Color.auto,
    no_pager: PagerOpt = False,
) -> None:
    from . import actions_study

    _done(
        actions.run(
            actions_study.compare, State, terms, given=_given(ctx), fmt=fmt.value, color=color.value, pager=not no_pager
        )
    )


@command("check")
def check(
    files: Annotated[list[str] | None, typer.Argument(metavar="[FILE]...", help="Glossary files to check.")] = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="text (file:line: problem) or json."),
    ] = CheckFormat.text,
) -> None:
    _done(actions.run(actions.check, State, list(files or []), fmt=fmt.value))


@command("export")
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
        list[str] | None,
        typer.Option("--theme", "-t", metavar="THEME", help="Only this theme (repeatable; a prefix will do)."),
    ] = None,
    fmt: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="dot, mermaid, graphml or json (graph only; default dot)."
        ),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace notes and files that were edited since the last export.")
    ] = False,
) -> None:
    themes = _themes(theme)
    _done(actions.run(actions.export, State, kind.value, target, themes=themes,
                      graph_format=fmt.value if fmt else None, overwrite=overwrite))  # fmt: skip


@command("cite")
def cite(
    term: Annotated[
        list[str], typer.Argument(metavar="TERM...", help="The terms; quote one of several words if in doubt.")
    ],
    fmt: Annotated[
        CiteFormat, typer.Option("--format", "-f", metavar="FORMAT", help="bibtex, ris or csl-json.")
    ] = CiteFormat.bibtex,
) -> None:
    _done(actions.run(actions.cite, State, term, fmt=fmt.value))


@command("manpage")
def manpage(ctx: typer.Context) -> None:
    from .manpage import render

    write(render(ctx.find_root()))


@command("help")
def help_command(
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument(metavar="[COMMAND]", help="The command to explain.")] = None,
) -> None:
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


@command("completion")
def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
    install: Annotated[bool, typer.Option("--install", help="Write it where the shell finds it.")] = False,
) -> None:
    if install:
        _install(shell.value)
        return
    from .completion_scripts import script

    write(script(shell.value))


@command("config")
def config(
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json (keys pinned by tests).")
    ] = CheckFormat.text,
) -> None:
    from . import actions_user

    _done(actions.run(actions_user.config, State, fmt=fmt.value))


@command("new")
def new(term: Annotated[list[str], typer.Argument(metavar="TERM...", help="The new entry's term.")]) -> None:
    from . import actions_user

    _done(actions.run(actions_user.new, State, term))


@command("edit")
def edit(term: Annotated[list[str], typer.Argument(metavar="TERM...", help="The entry to edit.")]) -> None:
    from . import actions_user

    _done(actions.run(actions_user.edit, State, term))
