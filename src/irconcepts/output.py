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


def choose(fmt: str | None, color: str, links: str | None, *, stream: Any = None, env: Any = None) -> OutputChoice:
    """--format/--color/--links, NO_COLOR and FORCE_COLOR, and whether stdout is a terminal, decided together."""
    stream = sys.stdout if stream is None else stream
    env = os.environ if env is None else env
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    forced = color == "always" or (color == "auto" and bool(env.get("FORCE_COLOR")))
    if fmt in (None, "auto"):
        fmt = "terminal" if is_tty or forced else "markdown"
    if color == "never" or (color == "auto" and env.get("NO_COLOR")):
        use_color = False
    else:
        use_color = fmt == "terminal" and (is_tty or forced)
    if links is None:
        links = "wiki" if fmt == "markdown" else "plain"
    return OutputChoice(format=fmt, color=use_color, links=links)


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def draw(renderable: Any, choice: OutputChoice, *, file: Any = None, width: int | None = None) -> None:
    from rich.console import Console  # only drawing for a terminal pays for Rich

    file = sys.stdout if file is None else file
    if width is None:
        width = min(Console(file=file).width, READABLE_WIDTH)
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
