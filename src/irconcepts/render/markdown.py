"""Markdown for notes: headings, lists and [[wikilinks]] (or plain words with links='plain'); no ANSI codes."""

from __future__ import annotations

from ..model import Entry, ListRow, RelatedView, SearchHit
from .common import book_titles, citation_text, entry_sections, pieces


def link(target: str, shown: str | None, links: str) -> str:
    if links == "plain":
        return shown or target
    return f"[[{target}|{shown}]]" if shown and shown != target else f"[[{target}]]"


def with_links(text: str, links: str, titles: list[str] | tuple[str, ...] = ()) -> str:
    """Prose with its cross-references as links and the book titles it names in italics."""
    out = []
    for piece in pieces(text, titles):
        if piece.kind == "link":
            out.append(link(piece.target, piece.text if piece.text != piece.target else None, links))
        elif piece.kind == "title":
            out.append(f"*{piece.text}*")
        else:
            out.append(piece.text)
    return "".join(out)


def entry(e: Entry, *, section: str | None = None, links: str = "wiki") -> str:
    parts: list[str] = []
    names = entry_sections(e, section)
    titles = book_titles(e)
    if section is None:
        parts.append(f"# {e.term}")
        meta = f"*{e.theme}*"
        if e.aliases:
            meta += " · also: " + ", ".join(e.aliases)
        parts.append(meta)
        if e.covers:
            parts.append("Covers: " + ", ".join(e.covers))
    for name in names:
        if name == "summary":
            parts.append(f"> {e.summary}" if section is None else e.summary)
        elif name == "definition":
            parts.extend(with_links(p, links, titles) for p in e.paragraphs)
        elif name == "arguments":
            for title, items in (("Arguments for", e.arguments_for), ("Arguments against", e.arguments_against)):
                if items:
                    parts.append(f"## {title}\n\n" + "\n".join(f"- {with_links(a, links, titles)}" for a in items))
        elif name == "cases":
            lines = [
                f"- **{c.date}, {with_links(c.event, links, titles)}.** {with_links(c.detail, links, titles)}"
                for c in e.cases
            ]
            parts.append("## Cases\n\n" + "\n".join(lines))
        elif name == "related":
            parts.append("## See also\n\n" + ", ".join(link(t, None, links) for t in e.see_also))
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


def related(view: RelatedView, *, links: str = "wiki") -> str:
    out = [f"# {view.term}", "", "## See also", ""]
    out += [f"- {link(t, None, links)}: {s}" for t, s in view.see_also] or ["- (none)"]
    out += ["", "## Also referred to by", ""]
    out += [f"- {link(t, None, links)}: {s}" for t, s in view.backlinks] or ["- (none)"]
    return "\n".join(out) + "\n"
