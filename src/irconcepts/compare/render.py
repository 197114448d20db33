"""A Comparison drawn: Rich for a terminal (side by side from 100 columns, stacked below), Markdown with a
comparison table, plain text, JSON. Data is never read as Rich markup."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from ..model import Entry
from .build import Comparison

SIDE_BY_SIDE = 100  # columns from which the two entries sit side by side
MOST_CASES = 5


def _cases(e: Entry) -> list[str]:
    return [f"{c.date}: {c.event}" for c in e.cases[:MOST_CASES]]


def _rows(c: Comparison) -> list[tuple[str, list[str], list[str]]]:
    """(heading, a's items, b's items): the parallel part of the comparison."""
    return [
        ("theme", [c.a.theme], [c.b.theme]),
        ("summary", [c.a.summary], [c.b.summary]),
        ("arguments for", list(c.a.arguments_for), list(c.b.arguments_for)),
        ("arguments against", list(c.a.arguments_against), list(c.b.arguments_against)),
        ("cases", _cases(c.a), _cases(c.b)),
    ]


def _said(c: Comparison) -> list[tuple[str, tuple[str, ...], bool]]:
    return [
        (f"What {c.a.term} says of {c.b.term}", c.a_on_b, c.a_links_b),
        (f"What {c.b.term} says of {c.a.term}", c.b_on_a, c.b_links_a),
    ]


def _silence(linked: bool) -> str:
    return "nothing in its text; it lists it under see also" if linked else "nothing"


def json_text(c: Comparison) -> str:
    return json.dumps(c.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _cell(items: list[str]) -> str:
    text = "<br>".join(("• " + i if len(items) > 1 else i) for i in items) or "—"
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(c: Comparison) -> str:
    out = [f"# {c.a.term} vs {c.b.term}", "", f"| | {c.a.term} | {c.b.term} |", "| --- | --- | --- |"]
    out += [f"| **{name}** | {_cell(a)} | {_cell(b)} |" for name, a, b in _rows(c)]
    for title, said, linked in _said(c):
        out += ["", f"## {title}", ""]
        out += [f"- {s}" for s in said] or [f"- ({_silence(linked)})"]
    out += ["", "## See also, shared", ""]
    out.append(", ".join(f"[[{t}]]" for t in c.shared_see_also) or "(none)")
    return "\n".join(out) + "\n"


def _wrap(text: str, indent: str = "", width: int = 80) -> str:
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=" " * len(indent))


def plain(c: Comparison) -> str:
    title = f"{c.a.term.upper()} VS {c.b.term.upper()}"
    out = [title, "=" * len(title)]
    for name, a, b in _rows(c):
        out += ["", name.capitalize(), "-" * len(name)]
        for term, items in ((c.a.term, a), (c.b.term, b)):
            out.append(f"{term}:")
            out += [_wrap(i, "  * " if len(items) > 1 else "  ") for i in items] or ["  (none)"]
    for title, said, linked in _said(c):
        out += ["", title, "-" * len(title)]
        out += [_wrap(s, "  * ") for s in said] or [f"  ({_silence(linked)})"]
    out += ["", "See also, shared", "----------------", "  " + (", ".join(c.shared_see_also) or "(none)")]
    return "\n".join(out) + "\n"


def terminal(c: Comparison, width: int) -> Any:
    """Side by side in a table from SIDE_BY_SIDE columns; below that, each section with a above b."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    def items(entries: list[str]) -> Any:
        if not entries:
            return Text("—", style="dim")
        if len(entries) == 1:
            return Text(entries[0])
        grid = Table.grid(padding=(0, 1))  # bullets with hanging lines
        grid.add_column(no_wrap=True)
        grid.add_column()
        for entry in entries:
            grid.add_row("•", Text(entry))
        return grid

    parts: list[Any] = [
        Text.assemble((c.a.term, "bold bright_white"), ("  vs  ", "dim"), (c.b.term, "bold bright_white"))
    ]
    if width >= SIDE_BY_SIDE:
        table = Table(show_header=True, header_style="bold cyan", show_lines=True, expand=True)
        table.add_column("", style="bold cyan", no_wrap=True, width=10)
        table.add_column(Text(c.a.term), ratio=1)
        table.add_column(Text(c.b.term), ratio=1)
        for name, a, b in _rows(c):
            table.add_row(Text(name.replace("arguments ", "")), items(a), items(b))
        parts.append(table)
    else:
        for name, a, b in _rows(c):
            parts.append(Text(f"\n{name}", style="bold cyan"))
            for term, entries in ((c.a.term, a), (c.b.term, b)):
                parts.append(Text(term, style="magenta"))
                parts.append(Padding(items(entries), (0, 0, 0, 2)))
    for title, said, linked in _said(c):
        parts.append(Text(f"\n{title}", style="bold cyan"))
        parts.append(items(list(said)) if said else Text(f"({_silence(linked)})", style="dim"))
    parts.append(Text("\nsee also, shared", style="bold cyan"))
    parts.append(Text(" · ".join(c.shared_see_also) or "(none)", style="cyan" if c.shared_see_also else "dim"))
    return Group(*parts)
