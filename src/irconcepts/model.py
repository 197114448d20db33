"""The glossary's data types: frozen records, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Citation:
    author: str
    year: str
    title: str
    published: str


@dataclass(frozen=True)
class Case:
    date: str
    event: str
    detail: str


@dataclass(frozen=True)
class Entry:
    term: str
    aliases: tuple[str, ...]  # other names for the same concept only
    theme: str
    summary: str
    definition: str
    arguments_for: tuple[str, ...]
    arguments_against: tuple[str, ...]
    cases: tuple[Case, ...]
    see_also: tuple[str, ...]
    further_reading: tuple[Citation, ...]
    covers: tuple[str, ...] = ()  # named things the entry explains that are not the concept itself
    source: str = ""  # file the entry came from, for messages
    line: int = 0

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.definition.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: the data-file field names, nothing else."""
        return {
            "term": self.term,
            "aliases": list(self.aliases),
            "covers": list(self.covers),
            "theme": self.theme,
            "summary": self.summary,
            "definition": self.definition,
            "arguments": {"for": list(self.arguments_for), "against": list(self.arguments_against)},
            # each record's fields as a dict: what dataclasses.asdict gives, without its deep copy of plain text
            # (a third of the time of writing a large index)
            "cases": [dict(vars(c)) for c in self.cases],
            "see_also": list(self.see_also),
            "further_reading": [dict(vars(c)) for c in self.further_reading],
        }

    def to_record(self) -> dict[str, Any]:
        """The cache form: the JSON contract plus where the entry came from."""
        record = self.to_dict()
        record["source"] = self.source
        record["line"] = self.line
        return record

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Entry:
        return cls(
            term=r["term"],
            aliases=tuple(r["aliases"]),
            covers=tuple(r.get("covers", ())),
            theme=r["theme"],
            summary=r["summary"],
            definition=r["definition"],
            arguments_for=tuple(r["arguments"]["for"]),
            arguments_against=tuple(r["arguments"]["against"]),
            cases=tuple(Case(**c) for c in r["cases"]),
            see_also=tuple(r["see_also"]),
            further_reading=tuple(Citation(**c) for c in r["further_reading"]),
            source=r.get("source", ""),
            line=r.get("line", 0),
        )


class ListRow(NamedTuple):
    """What a listing shows of an entry, read without loading the entry itself."""

    term: str
    theme: str
    summary: str


@dataclass(frozen=True)
class Match:
    """How a query was read: the entry found, the stage that found it, and a 0-100 score."""

    query: str
    matched: str
    method: (
        str  # exact | alias | covers | normalised | inflected | acronym | word-order | fuzzy | contained | part-name
    )
    score: float
    via: str = ""  # the name that matched (an alias, a cover), when it is not the term itself
    covered: bool = False  # the name is one the entry covers, not the concept itself

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "matched": self.matched,
            "method": self.method,
            "score": round(self.score, 1),
            "via": self.via or self.matched,
            "covered": self.covered,
        }


@dataclass(frozen=True)
class LookupResult:
    query: str
    best: Match | None
    alternatives: tuple[Match, ...] = ()
    suggestions: tuple[str, ...] = ()  # plausible misspellings of, when nothing is named
    discussed_in: tuple[str, ...] = ()  # entries whose text holds the query's words, when nothing is named


@dataclass(frozen=True)
class SearchHit:
    term: str
    score: float
    snippet: str  # plain text; highlighted words are wrapped in ** **

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "score": round(self.score, 3), "snippet": self.snippet}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass
class RelatedView:
    term: str
    see_also: list[tuple[str, str]] = field(default_factory=list)  # (term, summary)
    backlinks: list[tuple[str, str]] = field(default_factory=list)


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Problems file by file (in the order the files were read) and by line, as an editor walks them;
    validation finds them pass by pass (syntax, then cross-references), out of line order."""
    first_seen: dict[str, int] = {}
    for problem in problems:
        first_seen.setdefault(problem.file, len(first_seen))
    return sorted(problems, key=lambda p: (first_seen[p.file], p.line))


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: the files read, the entries they hold, and every problem in reading order."""

    files: tuple[str, ...]
    entries: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def clip(value: str, limit: int = 80) -> str:
    """A value as quoted in a message: cut short, so that a huge value cannot flood the terminal."""
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"
