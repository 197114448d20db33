"""Entry point for `irconcepts` and `python -m irconcepts`."""

from __future__ import annotations

import os
import sys

COMMANDS = frozenset(
    {
        "show",
        "search",
        "list",
        "themes",
        "related",
        "random",
        "check",
        "completion",
        "help",
        "export",
        "cite",
        "manpage",
    }
)
STUDY_COMMANDS = frozenset({"quiz", "compare"})  # study/, issue 19
GLOBAL_FLAGS = frozenset({"--no-cache"})
GLOBAL_WITH_VALUE = frozenset({"--data"})
STOPS = frozenset({"--help", "-h", "--version", "-V", "--install-completion", "--show-completion"})


def with_default_command(args: list[str]) -> list[str]:
    """`irconcepts collective security` means `irconcepts show collective security`."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in GLOBAL_WITH_VALUE:
            i += 2
        elif arg.startswith("--data=") or arg in GLOBAL_FLAGS:
            i += 1
        elif arg in STOPS or arg in COMMANDS or arg in STUDY_COMMANDS:
            return args
        else:
            return [*args[:i], "show", *args[i:]]
    return args


def main(argv: list[str] | None = None) -> None:
    if "_IRCONCEPTS_COMPLETE" in os.environ:
        # A Tab press: answer from the compiled index without importing Typer, Rich or RapidFuzz.
        from .complete import main as complete

        sys.exit(complete())
    args = with_default_command(list(sys.argv[1:] if argv is None else argv))
    try:
        if os.environ.get("IRCONCEPTS_NO_FASTPATH") != "1":
            from .fastpath import run

            code = run(args)
            if code is not None:
                sys.stdout.flush()
                sys.exit(code)
        from .cli import app

        app(args=args, prog_name="irconcepts")
    except BrokenPipeError:
        # The reader went away (`irconcepts list | head`): stop quietly, and keep Python from
        # complaining about the closed stdout as it exits.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
