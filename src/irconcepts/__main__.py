"""Entry point for `irconcepts` and `python -m irconcepts`."""

from __future__ import annotations

import contextlib
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
        "config",  # user/: the config file and personal entries (issue 21)
        "new",
        "edit",
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


EXIT_OUTPUT = 4  # stdout cannot be written (closed, or the disk is full): errors.EXIT_WRITE, not imported here
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a command ended by SIGINT


def main(argv: list[str] | None = None) -> None:
    """Exit codes of the edge: a reader that went away (a closed pipe) ends the run quietly with 0, whatever the
    command; stdout closed or full is exit 4 with one line on stderr; Ctrl-C is exit 130 without a traceback."""
    try:
        _main(argv)
    except KeyboardInterrupt:
        from .output import quiet_stdout

        quiet_stdout()
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`irconcepts list | head`): stop quietly, and keep Python from
        # complaining about the closed stdout as it exits.
        from .output import quiet_stdout

        quiet_stdout()
        sys.exit(0)
    except OSError as exc:
        if exc.filename is not None:
            raise  # not stdout: a bug to see, not to hide
        from .output import quiet_stdout

        quiet_stdout()
        with contextlib.suppress(OSError, AttributeError):
            sys.stderr.write(f"irconcepts: cannot write the output: {exc.strerror or exc}\n")
        sys.exit(EXIT_OUTPUT)


def _main(argv: list[str] | None) -> None:
    if sys.stdout is None:  # started with stdout closed (`irconcepts show realism >&-`)
        with contextlib.suppress(OSError, AttributeError):
            sys.stderr.write("irconcepts: cannot write the output: stdout is closed\n")
        sys.exit(EXIT_OUTPUT)
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
    finally:
        sys.stdout.flush()  # inside the handlers above: a full disk is reported, not left to the exit


if __name__ == "__main__":
    main()
