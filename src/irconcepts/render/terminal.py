"""Rich renderables for a terminal. Data is never parsed as Rich markup: all text goes through Text objects.

The style reads on dark and light backgrounds and in 16 colours: no white or black foreground anywhere
(bright white vanishes on a light screen, black on a dark one). The headword stands out by weight and
layout (bold, a theme badge, a rule beneath), headings by colour, cross-references by underlining, and
book and journal titles are in italics.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..model import Case, Entry, ListRow, RelatedView, SearchHit
from .common import Piece, book_titles, citation_pieces, entry_sections, pieces

HEADWORD = "bold"  # the terminal's own foreground, so it shows on any background
BADGE = "reverse magenta"  # the theme, as a coloured badge beside the headword
RULE = "magenta"
HEADING = "bold magenta"
LINK = "underline blue"
TITLE = "italic"
DATE = "bold"
MATCH = "bold underline"  # the words a search found, in its snippets
DIM = "dim"
FOR = "green"
AGAINST = "red"

NARROW = 56  # below this width a case's date goes on a line of its own instead of in a column
HANG = 4  # the hanging indent of a further-reading item's second and later lines


def styled(parts: Iterable[Piece]) -> Text:
    out = Text()
    for piece in parts:
        style = LINK if piece.kind == "link" else TITLE if piece.kind == "title" else ""
        out.append(piece.text, style=style)
    return out


def with_links(text: str, titles: list[str] | tuple[str, ...] = ()) -> Text:
    return styled(pieces(text, titles))


def starred(text: str, style: str = MATCH) -> Text:
    """A snippet whose **words** are to be highlighted."""
    out = Text()
    for i, piece in enumerate(text.split("**")):
        out.append(piece, style=style if i % 2 else "")
    return out


def badge(theme: str) -> Text:
    return Text(f" {theme} ", style=BADGE)


def headline(term: str, theme: str) -> Text:
    return Text.assemble((term, HEADWORD), "  ", badge(theme))


def _heading(title: str) -> Text:
    return Text(title, style=HEADING)


class Hanging:
    """Text whose first line starts at the margin and whose later lines are indented (a hanging indent),
    so that wrapped references in a list do not run together."""

    def __init__(self, text: Text, indent: int = HANG) -> None:
        self.text = text
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        first = self.text.wrap(console, width)[0]
        yield first
        rest = self.text[len(first.plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
        if rest.plain:
            for line in rest.wrap(console, max(width - self.indent, 10)):
                yield Text(" " * self.indent) + line


class Cases:
    """The cases: dates in a column beside the text, the column no wider than a quarter of the line (a
    long date wraps); on a narrow terminal each date on its own line, the text indented beneath it."""

    def __init__(self, cases: tuple[Case, ...], titles: list[str]) -> None:
        self.cases = cases
        self.titles = titles

    def _line(self, case: Case) -> Text:
        event = with_links(case.event, self.titles)
        event.stylize("bold")
        return Text.assemble(event, ". ", with_links(case.detail, self.titles))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width < NARROW:
            for case in self.cases:
                yield Text(case.date, style=DATE)
                yield Padding(self._line(case), (0, 0, 0, 2))
            return
        longest = max(len(c.date) for c in self.cases)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style=DATE, width=min(longest, max(12, width // 3 - 5)))
        grid.add_column(ratio=1)
        for case in self.cases:
            grid.add_row(Text(case.date), self._line(case))
        yield grid


def _bullets(items: tuple[str, ...], marker: str, style: str, titles: list[str]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(Text(marker, style=style), with_links(item, titles))
    return grid


def entry(e: Entry, *, section: str | None = None) -> RenderableType:
    parts: list[RenderableType] = []
    titles = book_titles(e)
    if section is None:
        parts += [headline(e.term, e.theme), Rule(style=RULE)]
        if e.aliases:
            parts.append(Text("also: " + ", ".join(e.aliases), style=DIM))
        if e.covers:
            parts.append(Text("covers: " + ", ".join(e.covers), style=DIM))
        parts.append(Text())
    for name in entry_sections(e, section):
        if name == "summary":
            parts.append(Text(e.summary, style="italic" if section is None else ""))
            parts.append(Text())
        elif name == "definition":
            for paragraph in e.paragraphs:
                parts.append(with_links(paragraph, titles))
                parts.append(Text())
        elif name == "arguments":
            if e.arguments_for:
                parts += [_heading("Arguments for"), _bullets(e.arguments_for, "+", FOR, titles), Text()]
            if e.arguments_against:
                parts += [_heading("Arguments against"), _bullets(e.arguments_against, "−", AGAINST, titles), Text()]
        elif name == "cases":
            parts += [_heading("Cases"), Cases(e.cases, titles), Text()]
        elif name == "related":
            related = Text()
            for i, term in enumerate(e.see_also):
                if i:
                    related.append(" · ", style=DIM)
                related.append(term, style=LINK)
            parts += [_heading("See also"), related, Text()]
        elif name == "reading":
            parts.append(_heading("Further reading"))
            parts += [Hanging(styled(citation_pieces(c))) for c in e.further_reading]
            parts.append(Text())
    while parts and isinstance(parts[-1], Text) and not parts[-1].plain:
        parts.pop()
    return Group(*parts)


def brief(e: Entry) -> RenderableType:
    """The summary under its headword, for a summary the reader did not ask for by name (random --brief)."""
    return Group(headline(e.term, e.theme), Text(e.summary))


def hits(query: str, found: list[SearchHit]) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style=DIM, no_wrap=True)
    grid.add_column()
    for i, h in enumerate(found, 1):
        line = Text.assemble((h.term, HEADWORD), "\n")
        line.append_text(starred(h.snippet))
        grid.add_row(f"{i}.", Padding(line, (0, 0, 1, 0)))
    return grid


def listing(rows: list[ListRow]) -> RenderableType:
    table = Table(show_header=True, header_style=HEADING, box=None, padding=(0, 1))
    table.add_column("term", style=HEADWORD, no_wrap=True, max_width=34)
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
    tree = Tree(Text(view.term, style=HEADWORD), guide_style=DIM)
    for title, items in (("see also", view.see_also), ("also referred to by", view.backlinks)):
        branch = tree.add(_heading(title))
        for term, summary in items:
            # one line an item, cut with an ellipsis at the terminal's edge: a wrapped summary breaks the tree
            line = Text.assemble((term, LINK), ("  " + summary, DIM), no_wrap=True, overflow="ellipsis")
            branch.add(line)
        if not items:
            branch.add(Text("(none)", style=DIM))
    return tree
