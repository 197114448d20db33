"""Decides, once, how output is drawn: the format, colour and width. The one place that writes to stdout."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

from .render import READABLE_WIDTH


@dataclass(frozen=True)
class OutputChoice:
    format: str  # terminal | markdown | plain | json
    color: bool
    links: str  # wiki | plain
    page: bool = False  # stdout is a terminal and paging is allowed: output taller than the screen is paged


def choose(
    fmt: str | None, color: str, links: str | None, *, pager: bool = True, stream: Any = None, env: Any = None
) -> OutputChoice:
    """--format/--color/--links/--no-pager, NO_COLOR and FORCE_COLOR, and whether stdout is a terminal,
    decided together. Colour settings change colour only: the format follows the terminal alone, so that
    FORCE_COLOR=1 irconcepts realism > note.md still writes Markdown."""
    stream = sys.stdout if stream is None else stream
    env = os.environ if env is None else env
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    forced = color == "always" or (color == "auto" and bool(env.get("FORCE_COLOR")))
    if fmt in (None, "auto"):
        fmt = "terminal" if is_tty else "markdown"
    if color == "never" or (color == "auto" and env.get("NO_COLOR")):
        use_color = False
    else:
        use_color = fmt == "terminal" and (is_tty or forced)
    if links is None:
        links = "wiki" if fmt == "markdown" else "plain"
    return OutputChoice(format=fmt, color=use_color, links=links, page=pager and is_tty)


def write(text: str, *, styled: bool = False) -> None:
    """Write to stdout. Control codes are made visible unless the text is Rich's coloured drawing, whose escapes
    are its own (the data inside it was refused at load time if it held any)."""
    if not styled:
        from .safe_text import printable

        text = printable(text)
    from .errors import OutputError

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: the edge ends the run quietly
    except OSError as exc:  # a full disk (>/dev/full), a closed descriptor
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None
    except (AttributeError, ValueError):  # stdout closed (`>&-`) or already shut
        raise OutputError("cannot write the output: stdout is closed") from None


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit cannot fail again and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives until exit)


def deliver(text: str, choice: OutputChoice) -> None:
    """Write a command's output: through the pager when it is taller than the terminal, else directly."""
    if not choice.color:
        from .safe_text import printable

        text = printable(text)
    if choice.page:
        from . import pager

        argv = pager.pager_command()
        height = pager.screen_height(sys.stdout)  # 0 when unknown: then nothing is paged
        if argv is not None and height > 0 and pager.taller_than(text, height):
            if pager.page(text, argv):
                return
            if argv != [pager.DEFAULT_PAGER]:  # the user's own pager: say why it did not start
                sys.stderr.write(f"irconcepts: cannot run the pager '{argv[0]}'; printing instead\n")
    write(text, styled=True)  # made safe above


def terminal_width(file: Any = None) -> int:
    from rich.console import Console

    return min(Console(file=sys.stdout if file is None else file).width, READABLE_WIDTH)


def render_text(renderable: Any, choice: OutputChoice, *, width: int | None = None) -> str:
    """A Rich renderable as the text a terminal is sent: with escape codes when colour is on, else plain."""
    import io

    out = io.StringIO()
    draw(renderable, choice, file=out, width=terminal_width() if width is None else width)
    return out.getvalue()


def draw(renderable: Any, choice: OutputChoice, *, file: Any = None, width: int | None = None) -> None:
    from rich.console import Console  # only drawing for a terminal pays for Rich

    file = sys.stdout if file is None else file
    if width is None:
        width = terminal_width(file)
    console = Console(
        file=file,
        width=width,
        force_terminal=choice.color,
        no_color=not choice.color,
        color_system="truecolor" if choice.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(renderable)
