"""Long output through a pager, as git does it: $IRCONCEPTS_PAGER, then $PAGER, then less.

output.py calls this only when stdout is a terminal, paging is allowed and the text is taller than the
screen, so output that fits, and every pipe, never start a process.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping

DEFAULT_PAGER = "less"
# less: quit at once when the text fits (-F), pass colours through (-R), leave the text on the screen (-X).
# As git does, these are set through $LESS only when the user has not set it, so their own flags win.
LESS_DEFAULTS = {"LESS": "FRX", "LV": "-c"}
NO_PAGER = ("", "cat")  # a pager variable set to one of these means: no pager


def pager_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run as an argv, or None when the user has asked for none."""
    env = os.environ if env is None else env
    for name in ("IRCONCEPTS_PAGER", "PAGER"):
        if name in env:
            value = env[name].strip()
            if value in NO_PAGER:
                return None
            try:
                argv = shlex.split(value)
            except ValueError:  # an unbalanced quote: take the words as they are
                argv = value.split()
            return argv or None
    return [DEFAULT_PAGER]


def pager_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if env is None else env)
    for name, value in LESS_DEFAULTS.items():
        env.setdefault(name, value)
    return env


def taller_than(text: str, height: int) -> bool:
    """Whether the text needs more lines than the screen has (the last line may lack its newline)."""
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1) > height


def screen_height(stream: object = None) -> int:
    stream = sys.stdout if stream is None else stream
    try:
        return os.get_terminal_size(stream.fileno()).lines  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return 0  # unknown (so is a terminal that reports 0 rows): the caller pages nothing


def page(text: str, argv: list[str], *, env: Mapping[str, str] | None = None) -> bool:
    """Show the text through the pager; False when the pager cannot be started (the caller prints it)."""
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=pager_env(env), encoding="utf-8", errors="replace")
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text)
        process.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the user left the pager before reading everything: not an error
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:
            # Ctrl-C belongs to the pager (less uses it to stop a search); wait until the pager ends,
            # so the terminal is not left in its hands.
            continue
    return True
