"""Rich renderables for a terminal. Data is never parsed as Rich markup: all text goes through Text objects."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..model import Entry, ListRow, RelatedView, SearchHit
from ..text import CROSS_REF
from .common import entry_sections

TERM = "bold bright_white"
HEADING = "bold cyan"
LINK = "cyan underline"
DIM = "dim"
FOR = "green"
AGAINST = "red"


def with_links(text: str) -> Text:
    out = Text()
    last = 0
    for m in CROSS_REF.finditer(text):
        out.append(text[last : m.start()])
        out.append((m.group(2) or m.group(1)).strip(), style=LINK)
        last = m.end()
    out.append(text[last:])
    return out


def starred(text: str, style: str = "bold") -> Text:
    """A snippet whose **words** are to be highlighted."""
    out = Text()
    for i, piece in enumerate(text.split("**")):
        out.append(piece, style=style if i % 2 else "")
    return out


def shorten(text: str, limit: int = 72) -> str:
    """A summary cut at a word boundary, for one-line listings."""
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:") + "…"


def _heading(title: str) -> Text:
    return Text(title, style=HEADING)


def _bullets(items: tuple[str, ...], marker: str, style: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(Text(marker, style=style), Text(item))
    return grid


def entry(e: Entry, *, section: str | None = None) -> RenderableType:
    parts: list[RenderableType] = []
    if section is None:
        title = Text.assemble((e.term, TERM), ("  " + e.theme, "magenta"))
        parts.append(title)
        if e.aliases:
            parts.append(Text("also: " + ", ".join(e.aliases), style=DIM))
        if e.covers:
            parts.append(Text("Covers: " + ", ".join(e.covers), style=DIM))
        parts.append(Text())
    for name in entry_sections(e, section):
        if name == "summary":
            parts.append(Text(e.summary, style="italic"))
            parts.append(Text())
        elif name == "definition":
            for paragraph in e.paragraphs:
                parts.append(with_links(paragraph))
                parts.append(Text())
        elif name == "arguments":
            if e.arguments_for:
                parts += [_heading("Arguments for"), _bullets(e.arguments_for, "+", FOR), Text()]
            if e.arguments_against:
                parts += [_heading("Arguments against"), _bullets(e.arguments_against, "−", AGAINST), Text()]
        elif name == "cases":
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, style="yellow")
            grid.add_column()
            for c in e.cases:
                line = Text.assemble((c.event, "bold"), ". " + c.detail)
                grid.add_row(c.date, line)
            parts += [_heading("Cases"), grid, Text()]
        elif name == "related":
            related = Text()
            for i, term in enumerate(e.see_also):
                if i:
                    related.append(" · ", style=DIM)
                related.append(term, style=LINK)
            parts += [_heading("See also"), related, Text()]
        elif name == "reading":
            grid = Table.grid(padding=(0, 1))
            grid.add_column()
            for c in e.further_reading:
                line = Text(f"{c.author} ({c.year}). ")
                line.append(c.title, style="italic")
                line.append(f". {c.published}.", style=DIM)
                grid.add_row(line)
            parts += [_heading("Further reading"), grid, Text()]
    while parts and isinstance(parts[-1], Text) and not parts[-1].plain:
        parts.pop()
    return Group(*parts)


def hits(query: str, found: list[SearchHit]) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style=DIM, no_wrap=True)
    grid.add_column()
    for i, h in enumerate(found, 1):
        line = Text.assemble((h.term, TERM), "\n")
        line.append_text(starred(h.snippet, "bold yellow"))
        grid.add_row(f"{i}.", Padding(line, (0, 0, 1, 0)))
    return grid


def listing(rows: list[ListRow]) -> RenderableType:
    table = Table(show_header=True, header_style=HEADING, box=None, padding=(0, 1))
    table.add_column("term", style=TERM, no_wrap=True, max_width=34)
    table.add_column("summary")
    for e in rows:
        table.add_row(Text(e.term), Text(e.summary))
    return table


def themes(counts: list[tuple[str, int]]) -> RenderableType:
    table = Table(show_header=True, header_style=HEADING, box=None, padding=(0, 2))
    table.add_column("theme")
    table.add_column("entries", justify="right")
    for name, count in counts:
        table.add_row(Text(name), str(count))
    return table


def related(view: RelatedView) -> RenderableType:
    tree = Tree(Text(view.term, style=TERM))
    for title, items in (("see also", view.see_also), ("referred to by", view.backlinks)):
        branch = tree.add(_heading(title))
        for term, summary in items:
            line = Text.assemble((term, LINK), ("  " + shorten(summary), DIM))
            branch.add(line)
        if not items:
            branch.add(Text("(none)", style=DIM))
    return tree
