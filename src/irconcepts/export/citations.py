"""Further reading -> references: authors split into names, journals into volume and issue, books into
publisher, duplicates across entries merged, each with a stable citation key (author, year, first title
word: waltz1979theory). The formats themselves are in cite_formats.py."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..folding import strip_accents
from ..model import Citation, Entry


@dataclass(frozen=True)
class Name:
    family: str = ""
    given: str = ""
    suffix: str = ""  # Jr., III
    literal: str = ""  # an institution ("World Bank"), never split into family and given

    @property
    def display(self) -> str:
        """Family, Given, Suffix: as RIS writes a name."""
        return self.literal or ", ".join(p for p in (self.family, self.given, self.suffix) if p)


@dataclass(frozen=True)
class Reference:
    key: str
    kind: str  # article | book | report
    names: tuple[Name, ...]
    editors: bool  # the names are the editors of the book, not its authors
    year: str  # as written: "1979", or "1990/91" for a winter issue
    title: str
    journal: str = ""
    volume: str = ""
    issue: str = ""
    publisher: str = ""  # a book's publisher, or a report's institution
    number: str = ""  # a report's number in its series
    series: str = ""  # a report's series ("Working Paper")
    note: str = ""  # what the source said that no field holds, kept as written
    cited_in: tuple[str, ...] = ()  # the entries that list it, by headword

    @property
    def years(self) -> list[int]:
        """1979 -> [1979]; 1990/91 -> [1990, 1991], for formats that want numbers."""
        found = re.match(r"(\d{4})(?:\s*[/–-]\s*(\d{2,4}))?", self.year)
        if not found:
            return []
        first, last = found.group(1), found.group(2)
        if not last:
            return [int(first)]
        return [int(first), int(first[: 4 - len(last)] + last)]


_EDITORS = re.compile(r"\s*\((?:eds?\.?)\)\s*$")
_JOURNAL = re.compile(
    r"^(?P<journal>\D+?),? (?P<volume>\d+)(?:\((?P<issue>[\d\-–/]+)\))?"
    r"(?: and \d+\((?P<issue2>[\d\-–/]+)\))?(?: \((?P<note>[^)]*)\))?$"
)
_SEASON_ISSUE = re.compile(r"^(?P<journal>\D+), (?P<issue>(?:Spring|Summer|Fall|Autumn|Winter) \d{4})$")
_SERIES_NAME = r"(?P<series>(?:[A-Z][\w-]* )*(?:Working Paper|Paper|Policy Studies|Report)s?)(?: No\.)?"
_SERIES = re.compile(rf"^(?P<institution>.+?),? {_SERIES_NAME} (?P<number>[\w-]*\d[\w-]*)$")
_SERIES_IN_PARENS = re.compile(rf"^(?P<institution>[^()]+?) \((?:{_SERIES_NAME} )?(?P<number>[A-Z]+-[\w-]+|\d+)\)$")
_PUBLISHER_NOTE = re.compile(r"^(?P<publisher>[^()]+?) \((?P<note>[^)]*)\)$")


def split_names(author: str) -> tuple[tuple[Name, ...], bool]:
    """'Keohane, Robert O. and Nye, Joseph S.' -> two names; '(eds)' marks editors; no comma, an institution."""
    editors = bool(_EDITORS.search(author))
    text = _EDITORS.sub("", author).strip()
    if "," not in text:
        return (Name(literal=text),), editors
    *leading, last = text.split(" and ")
    pieces = [p.strip() for p in ", ".join(leading).split(",")] if leading else []
    if len(pieces) % 2 or "," not in last:
        return (Name(literal=text),), editors  # not in "Family, Given" pairs: keep it whole rather than guess
    names = [Name(family=pieces[i], given=pieces[i + 1]) for i in range(0, len(pieces), 2)]
    family, given = (p.strip() for p in last.split(",", 1))
    given, _, suffix = given.partition(", ")  # 'Claude, Inis L., Jr.'
    return (*names, Name(family=family, given=given.strip(), suffix=suffix.strip())), editors


def classify(published: str, journals: set[str]) -> dict[str, str]:
    """The `published` text -> the fields it holds: kind, journal, volume, issue, publisher, number, note."""
    text = published.strip()
    if match := _SERIES_IN_PARENS.match(text) or _SERIES.match(text):
        return {"kind": "report", "publisher": match["institution"], "series": match["series"] or "",
                "number": match["number"]}  # fmt: skip
    if match := _SEASON_ISSUE.match(text):
        return {"kind": "article", "journal": match["journal"], "issue": match["issue"]}
    if match := _JOURNAL.match(text):
        issue = match["issue"] or ""
        if match["issue2"]:
            issue = f"{issue} and {match['issue2']}"
        return {"kind": "article", "journal": match["journal"], "volume": match["volume"], "issue": issue,
                "note": match["note"] or ""}  # fmt: skip
    if text in journals:
        return {"kind": "article", "journal": text}
    if match := _PUBLISHER_NOTE.match(text):
        return {"kind": "book", "publisher": match["publisher"], "note": match["note"]}
    return {"kind": "book", "publisher": text}


_STOP = {"a", "an", "the", "on", "of", "in", "and", "for", "to", "at", "from", "with", "is", "are", "why", "what",
         "how", "does", "do", "le", "la", "les", "der", "die", "das", "el"}  # fmt: skip


def _word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_accents(text).casefold())


def base_key(names: tuple[Name, ...], year: str, title: str) -> str:
    first = names[0]
    if first.literal:
        author = next((_word(w) for w in first.literal.split() if _word(w) and _word(w) not in _STOP), "anon")
    else:
        author = _word(first.family.split()[-1]) or "anon"  # 'von Clausewitz' -> clausewitz
    word = next((_word(w) for w in re.split(r"[\s–—/:]+", title) if _word(w) and _word(w) not in _STOP), "")
    return f"{author}{year[:4]}{word}"


def _identity(c: Citation) -> tuple[str, str, str]:
    """The same work however an entry wrote it: 'Carr, E. H.' and 'Carr, Edward Hallett', 1990 and 1990/91."""
    first = split_names(c.author)[0][0]
    author = _word(re.sub(r"\(.*?\)", "", first.literal)) if first.literal else _word(first.family)
    return (author, c.year.strip()[:4], _word(c.title))


def _fullest(citations: list[Citation]) -> Citation:
    """Of the ways entries wrote one work, the most complete: full given names, 1990/91 rather than 1990."""
    return max(citations, key=lambda c: (len(c.author), len(c.year), len(c.published), c.author, c.published))


def references(entries: Iterable[Entry]) -> list[Reference]:
    """Every work the entries cite, once, sorted by key; a work cited by several entries lists them all."""
    cited: dict[tuple[str, str, str], list[tuple[Citation, str]]] = defaultdict(list)
    for entry in entries:
        for citation in entry.further_reading:
            cited[_identity(citation)].append((citation, entry.term))
    journals = {
        match["journal"]
        for group in cited.values()
        for citation, _ in group
        if (match := _JOURNAL.match(citation.published.strip())) is not None
    }
    made: list[Reference] = []
    for group in cited.values():
        citation = _fullest([c for c, _ in group])
        names, editors = split_names(citation.author)
        fields = classify(citation.published, journals)
        made.append(
            Reference(
                key=base_key(names, citation.year, citation.title),
                names=names,
                editors=editors,
                year=citation.year.strip(),
                title=citation.title.strip(),
                cited_in=tuple(sorted({term for _, term in group}, key=str.casefold)),
                **fields,
            )
        )
    return _unique_keys(made)


def _unique_keys(made: list[Reference]) -> list[Reference]:
    """Works that share a key get a, b, c in the order of their titles, so the keys do not depend on which
    entry cites them first."""
    by_key: dict[str, list[Reference]] = defaultdict(list)
    for ref in made:
        by_key[ref.key].append(ref)
    out: list[Reference] = []
    for key, group in by_key.items():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=lambda r: (r.title.casefold(), r.names[0].display, r.publisher, r.journal))
        out.extend(replace(ref, key=key + chr(ord("a") + i)) for i, ref in enumerate(group))
    return sorted(out, key=lambda r: r.key)
