"""Plain text: no markup of any kind, wrapped to a fixed width; cross-references show their words."""

from __future__ import annotations

import textwrap

from ..model import Entry, ListRow, RelatedView, SearchHit
from ..text import plain_refs
from .common import citation_text, entry_sections

WIDTH = 80


def _wrap(text: str, indent: str = "", width: int = WIDTH) -> str:
    return textwrap.fill(
        text, width=width, initial_indent=indent, subsequent_indent=" " * len(indent), break_on_hyphens=False
    )


def _heading(title: str) -> str:
    return f"{title}\n{'-' * len(title)}"


def entry(e: Entry, *, section: str | None = None, links: str = "plain") -> str:
    parts: list[str] = []
    if section is None:
        title = e.term.upper()
        parts.append(f"{title}\n{'=' * len(title)}")
        meta = f"Theme: {e.theme}"
        if e.aliases:
            meta += "; also: " + ", ".join(e.aliases)
        parts.append(_wrap(meta))
        if e.covers:
            parts.append(_wrap("Covers: " + ", ".join(e.covers)))
    for name in entry_sections(e, section):
        if name == "summary":
            parts.append(_wrap(e.summary))
        elif name == "definition":
            parts.extend(_wrap(plain_refs(p)) for p in e.paragraphs)
        elif name == "arguments":
            if e.arguments_for:
                parts.append(_heading("Arguments for") + "\n" + "\n".join(_wrap(a, "+ ") for a in e.arguments_for))
            if e.arguments_against:
                lines = "\n".join(_wrap(a, "- ") for a in e.arguments_against)
                parts.append(_heading("Arguments against") + "\n" + lines)
        elif name == "cases":
            lines = "\n".join(_wrap(f"{c.date}, {c.event}. {c.detail}", "* ") for c in e.cases)
            parts.append(_heading("Cases") + "\n" + lines)
        elif name == "related":
            parts.append(_heading("See also") + "\n" + _wrap(", ".join(e.see_also)))
        elif name == "reading":
            lines = "\n".join(_wrap(citation_text(c), "* ") for c in e.further_reading)
            parts.append(_heading("Further reading") + "\n" + lines)
    return "\n\n".join(parts) + "\n"


def brief(e: Entry) -> str:
    return _wrap(f"{e.term} ({e.theme}): {e.summary}") + "\n"


def hits(query: str, found: list[SearchHit]) -> str:
    return "\n".join(_wrap(f"{h.term}: {h.snippet.replace('**', '')}", f"{i}. ") for i, h in enumerate(found, 1)) + "\n"


def listing(rows: list[ListRow]) -> str:
    return "\n".join(f"{e.term}\t{e.theme}\t{e.summary}" for e in rows) + "\n"


def themes(counts: list[tuple[str, int]]) -> str:
    return "\n".join(f"{name}\t{count}" for name, count in counts) + "\n"


def related(view: RelatedView, *, links: str = "plain") -> str:
    out = [view.term, "  see also:"]
    out += [f"    {t}: {s}" for t, s in view.see_also] or ["    (none)"]
    out += ["  also referred to by:"]
    out += [f"    {t}: {s}" for t, s in view.backlinks] or ["    (none)"]
    return "\n".join(out) + "\n"
