"""Markdown for notes: headings, lists and [[wikilinks]] (or plain words with links='plain'); no ANSI codes."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Entry, ListRow, RelatedView, SearchHit
from .common import book_titles, citation_text, entry_sections, pieces

Resolve = Callable[[str], "str | None"]  # a name as written -> the note it points to (None: no note has it)


def link(target: str, shown: str | None, links: str, resolve: Resolve | None = None) -> str:
    """A cross-reference; with `resolve`, it points at the note of the entry named, [[note|shown text]],
    and a name that no note has is written as plain text rather than as a dangling link."""
    if links == "plain":
        return shown or target
    if resolve is not None:
        note = resolve(target)
        if note is None:
            return shown or target
        shown, target = shown or target, note
    return f"[[{target}|{shown}]]" if shown and shown != target else f"[[{target}]]"


def with_links(text: str, links: str, resolve: Resolve | None = None, titles: list[str] | tuple[str, ...] = ()) -> str:
    """Prose with its cross-references as links (pointing at notes, with `resolve`) and the book titles it
    names in italics."""
    out = []
    for piece in pieces(text, titles):
        if piece.kind == "link":
            out.append(link(piece.target, piece.text if piece.text != piece.target else None, links, resolve))
        elif piece.kind == "title":
            out.append(f"*{piece.text}*")
        else:
            out.append(piece.text)
    return "".join(out)


def entry(
    e: Entry,
    *,
    section: str | None = None,
    links: str = "wiki",
    resolve: Resolve | None = None,
    heading: bool = True,
    meta: bool = True,
) -> str:
    """The entry as a note. A single section starts with a heading naming the term (heading=False: the bare
    text, as --brief prints it); meta=False leaves out the theme and names line, which front matter carries."""
    parts: list[str] = []
    names = entry_sections(e, section)
    titles = book_titles(e)
    if section is None or heading:
        parts.append(f"# {e.term}")
    if section is None and meta:
        line = f"*{e.theme}*"
        if e.aliases:
            line += " · also: " + ", ".join(e.aliases)
        parts.append(line)
        if e.covers:
            parts.append("Covers: " + ", ".join(e.covers))
    for name in names:
        if name == "summary":
            parts.append(f"> {e.summary}" if section is None else e.summary)
        elif name == "definition":
            parts.extend(with_links(p, links, resolve, titles) for p in e.paragraphs)
        elif name == "arguments":
            for title, items in (("Arguments for", e.arguments_for), ("Arguments against", e.arguments_against)):
                if items:
                    parts.append(
                        f"## {title}\n\n" + "\n".join(f"- {with_links(a, links, resolve, titles)}" for a in items)
                    )
        elif name == "cases":
            lines = [
                f"- **{c.date}, {with_links(c.event, links, resolve, titles)}.** "
                f"{with_links(c.detail, links, resolve, titles)}"
                for c in e.cases
            ]
            parts.append("## Cases\n\n" + "\n".join(lines))
        elif name == "related":
            parts.append("## See also\n\n" + ", ".join(link(t, None, links, resolve) for t in e.see_also))
        elif name == "reading":
            lines = [f"- {citation_text(c, italic='*')}" for c in e.further_reading]
            parts.append("## Further reading\n\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def brief(e: Entry) -> str:
    """The summary with the term it belongs to, for a summary the reader did not ask for by name."""
    return f"**{e.term}** ({e.theme}): {e.summary}\n"


def hits(query: str, found: list[SearchHit]) -> str:
    lines = [f"{i}. **{h.term}**: {h.snippet}" for i, h in enumerate(found, 1)]
    return "\n".join(lines) + "\n"


def listing(rows: list[ListRow]) -> str:
    return "\n".join(f"- **{e.term}** ({e.theme}): {e.summary}" for e in rows) + "\n"


def themes(counts: list[tuple[str, int]]) -> str:
    return "\n".join(f"- {name}: {count}" for name, count in counts) + "\n"


def related(view: RelatedView, *, links: str = "wiki", resolve: Resolve | None = None) -> str:
    out = [f"# {view.term}", "", "## See also", ""]
    out += [f"- {link(t, None, links, resolve)}: {s}" for t, s in view.see_also] or ["- (none)"]
    out += ["", "## Also referred to by", ""]
    out += [f"- {link(t, None, links, resolve)}: {s}" for t, s in view.backlinks] or ["- (none)"]
    return "\n".join(out) + "\n"
