"""Shared pieces of the formats: which sections to print, and prose and citations cut into styled pieces
(plain text, cross-references, titles) that each format marks up in its own way."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Citation, Entry
from ..text import CROSS_REF

# "International Organization 46(2)": a journal, volume and issue, so the citation is of an article
_JOURNAL = re.compile(r"^(?P<journal>\D+?)\s+\d+\s*\(\s*[\d/–-]+\s*\)\s*$")
_YEAR_AFTER = re.compile(r"\s*\(\d{4}")


class Piece(NamedTuple):
    kind: str  # "text", "link" (a cross-reference) or "title" (a book or journal title, set in italics)
    text: str  # what is shown
    target: str = ""  # for a link: the entry it points to


def citation_text(c: Citation, *, italic: str = "") -> str:
    return "".join(f"{italic}{p.text}{italic}" if p.kind == "title" else p.text for p in citation_pieces(c))


def citation_pieces(c: Citation) -> list[Piece]:
    """A book: Author (year). *Title*. Publisher. An article: Author (year). 'Title'. *Journal* 46(2)."""
    journal = _JOURNAL.match(c.published)
    head = Piece("text", f"{c.author} ({c.year}). ")
    if journal is None:
        return [head, Piece("title", c.title), Piece("text", f". {c.published}.")]
    name = journal.group("journal")
    return [head, Piece("text", f"‘{c.title}’. "), Piece("title", name), Piece("text", c.published[len(name) :] + ".")]


def short_title(title: str) -> str:
    """The title as prose names it: 'Politics Among Nations', not its subtitle or dates."""
    main = re.split(r"(?<=\S)[:?!.]\s", title, maxsplit=1)[0]
    return re.sub(r",\s*\d{4}\s*[-–]\s*\d{4}$", "", main).strip()


def book_titles(entry: Entry) -> list[str]:
    """The titles of the books the entry recommends, as its prose may name them, longest first."""
    titles = {short_title(c.title) for c in entry.further_reading if not _JOURNAL.match(c.published)}
    return sorted((t for t in titles if len(t) >= 4), key=len, reverse=True)


def _is_title_here(title: str, text: str, end: int) -> bool:
    # A title of two or more capitalised words is a title wherever it stands; a one-word title ('Orientalism',
    # 'Power') is also a common word, so only when a year in brackets follows it, as in 'Orientalism (1978)'.
    capitalised = sum(1 for w in title.split() if w[:1].isupper() or w[:1].isdigit())
    return capitalised >= 2 or bool(_YEAR_AFTER.match(text, end))


def pieces(text: str, titles: list[str] | tuple[str, ...] = ()) -> list[Piece]:
    """Prose cut into plain text, [[cross-references]] and the titles named in it."""
    out: list[Piece] = []
    last = 0
    for m in CROSS_REF.finditer(text):
        out += _titled(text[last : m.start()], titles)
        target = m.group(1).strip()
        out.append(Piece("link", (m.group(2) or "").strip() or target, target))
        last = m.end()
    out += _titled(text[last:], titles)
    return [p for p in out if p.text]


def _titled(text: str, titles: list[str] | tuple[str, ...]) -> list[Piece]:
    if not titles or not text:
        return [Piece("text", text)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, titles)) + r")(?!\w)")
    out: list[Piece] = []
    last = 0
    for m in pattern.finditer(text):
        if _is_title_here(m.group(), text, m.end()):
            out += [Piece("text", text[last : m.start()]), Piece("title", m.group())]
            last = m.end()
    out.append(Piece("text", text[last:]))
    return out


def wants(section: str | None, name: str) -> bool:
    return section is None or section == name


def entry_sections(entry: Entry, section: str | None) -> list[str]:
    """The section names to print, in order, leaving out empty ones."""
    present = {
        "summary": True,
        "definition": True,
        "arguments": bool(entry.arguments_for or entry.arguments_against),
        "cases": bool(entry.cases),
        "related": bool(entry.see_also),
        "reading": bool(entry.further_reading),
    }
    return [name for name, has in present.items() if has and wants(section, name)]
