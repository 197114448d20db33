"""irconcepts(1) in roff, built from the same words as --help: the Typer app's own options (their help
and defaults, as --help prints them) and helptext.py's descriptions, examples, exit codes and environment.

`irconcepts manpage` prints it; man/irconcepts.1 is this output, installed with the package as
share/man/man1/irconcepts.1 (a test keeps the two equal).
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .helptext import ABOUT, COMMANDS, ENVIRONMENT, EXIT_CODES, MAIN_EXAMPLES, SUMMARY


def escape(text: str) -> str:
    """Text safe in roff: backslashes and hyphens escaped (so options copy as ASCII), no control lines."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def _options(command: Any, ctx: Any) -> list[str]:
    lines: list[str] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        lines += [".TP", f"\\fB{escape(names)}\\fR", escape(help_text)]
    return lines


def _example_lines(examples: tuple[tuple[str, str], ...]) -> list[str]:
    # each command on a line of its own, what it does beneath: a man page is read at 80 columns
    return [line for command, what in examples for line in (".TP", f"\\fB{escape(command)}\\fR", escape(what))]


def _examples(examples: tuple[tuple[str, str], ...]) -> list[str]:
    return [".PP", "Examples:", ".RS", *_example_lines(examples), ".RE"]


def _table(rows: tuple[tuple[str, str], ...], bold: bool = True) -> list[str]:
    lines: list[str] = []
    for left, right in rows:
        lines += [".TP", f"\\fB{escape(left)}\\fR" if bold else escape(left), escape(right)]
    return lines


def render(root_ctx: Any) -> str:
    """The manual page of the app whose root context is given (cli.py's, or a test's)."""
    group = root_ctx.command
    lines = [
        f'.TH IRCONCEPTS 1 "" "irconcepts {__version__}" "User Commands"',
        ".SH NAME",
        f"irconcepts \\- {escape(SUMMARY[0].lower() + SUMMARY[1:].rstrip('.'))}",
        ".SH SYNOPSIS",
        ".B irconcepts",
        "[\\fIOPTIONS\\fR] \\fITERM\\fR...",
        ".br",
        ".B irconcepts",
        "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        escape(ABOUT),
        ".SH OPTIONS",
        *_options(group, root_ctx),
        ".SH COMMANDS",
    ]
    for name in group.list_commands(root_ctx):
        command = group.get_command(root_ctx, name)
        with type(root_ctx)(command, info_name=name, parent=root_ctx) as ctx:
            usage = " ".join(command.collect_usage_pieces(ctx))
            words = COMMANDS[name]
            lines += [f".SS {escape(name)}", f"\\fBirconcepts {escape(name)}\\fR {escape(usage)}", ".PP"]
            lines += [escape(words.text), *_options(command, ctx), *_examples(words.examples)]
    lines += [".SH EXIT STATUS", *_table(EXIT_CODES)]
    lines += [".SH ENVIRONMENT", *_table(ENVIRONMENT)]
    lines += [".SH EXAMPLES", *_example_lines(MAIN_EXAMPLES)]
    lines += [".SH SEE ALSO", "\\fBless\\fR(1)"]
    return "\n".join(lines) + "\n"
