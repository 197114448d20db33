"""Entries -> the compiled index: lookup keys, backlinks and search postings, all plain JSON-able data.

The index is what every command reads. It is built once per change of the data (see cache.py) so that no
ordinary run parses YAML.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .model import Entry
from .text import CROSS_REF, STOP_WORDS, compact, normalise, plain_refs, stems, words

INDEX_FORMAT = 1

# How much a word counts in each field, for search ranking (BM25F-style weighted term frequency).
FIELD_WEIGHTS = {"term": 6.0, "aliases": 4.0, "summary": 2.0, "definition": 1.0, "arguments": 1.0, "cases": 1.2}


def initials(phrase: str) -> str:
    """'North Atlantic Treaty Organization' -> 'nato'; function words are skipped."""
    parts = [w for w in words(phrase) if w not in STOP_WORDS]
    return "".join(w[0] for w in parts) if len(parts) >= 2 else ""


def word_order_key(phrase: str) -> str:
    """The content words, stemmed and sorted: 'power balance' and 'balance of power' share it."""
    return " ".join(sorted(stems(phrase)))


def search_fields(entry: Entry) -> dict[str, str]:
    return {
        "term": entry.term,
        "aliases": " ".join(entry.aliases),
        "summary": entry.summary,
        "definition": plain_refs(entry.definition),
        "arguments": " ".join(entry.arguments_for + entry.arguments_against),
        "cases": " ".join(f"{c.date} {c.event} {c.detail}" for c in entry.cases),
    }


@dataclass
class Index:
    entries: list[Entry]
    # normalised key -> [entry number, the name it came from, "term" or "alias"]
    keys: dict[str, list[Any]] = field(default_factory=dict)
    compact_keys: dict[str, int] = field(default_factory=dict)
    stem_keys: dict[str, list[int]] = field(default_factory=dict)
    acronyms: dict[str, list[int]] = field(default_factory=dict)
    word_orders: dict[str, list[int]] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    postings: dict[str, list[list[float]]] = field(default_factory=dict)  # stem -> [[entry, weighted tf], ...]
    doc_lengths: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_term = {e.term: i for i, e in enumerate(self.entries)}

    def resolve(self, name: str) -> Entry | None:
        """A headword or alias, in any case or spelling variant, to its entry."""
        hit = self.keys.get(normalise(name))
        return self.entries[hit[0]] if hit else None

    def names(self) -> list[tuple[str, int]]:
        """Every headword and alias with its entry number: the vocabulary of lookup and completion."""
        return [(name, number) for number, name, _ in self.keys.values()]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": INDEX_FORMAT,
            "entries": [e.to_record() for e in self.entries],
            "keys": self.keys,
            "compact_keys": self.compact_keys,
            "stem_keys": self.stem_keys,
            "acronyms": self.acronyms,
            "word_orders": self.word_orders,
            "backlinks": self.backlinks,
            "postings": self.postings,
            "doc_lengths": self.doc_lengths,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Index:
        if data.get("format") != INDEX_FORMAT:
            raise ValueError("index format differs")
        return cls(
            entries=[Entry.from_record(r) for r in data["entries"]],
            keys=data["keys"],
            compact_keys=data["compact_keys"],
            stem_keys=data["stem_keys"],
            acronyms=data["acronyms"],
            word_orders=data["word_orders"],
            backlinks=data["backlinks"],
            postings=data["postings"],
            doc_lengths=data["doc_lengths"],
        )


def compile_index(entries: list[Entry]) -> Index:
    entries = sorted(entries, key=lambda e: normalise(e.term))
    index = Index(entries=entries)
    stem_keys: dict[str, set[int]] = defaultdict(set)
    acronyms: dict[str, set[int]] = defaultdict(set)
    orders: dict[str, set[int]] = defaultdict(set)
    for number, entry in enumerate(entries):
        for name, kind in [(entry.term, "term")] + [(a, "alias") for a in entry.aliases]:
            key = normalise(name)
            if key not in index.keys or kind == "term":
                index.keys[key] = [number, name, kind]
            index.compact_keys.setdefault(compact(name), number)
            stem_keys[" ".join(stems(name, drop_stop_words=False))].add(number)
            if letters := initials(name):
                acronyms[letters].add(number)
            orders[word_order_key(name)].add(number)
    index.stem_keys = {k: sorted(v) for k, v in stem_keys.items() if k}
    index.acronyms = {k: sorted(v) for k, v in acronyms.items()}
    index.word_orders = {k: sorted(v) for k, v in orders.items() if k}

    backlinks: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        targets = list(entry.see_also) + [m.group(1) for m in CROSS_REF.finditer(entry.definition)]
        for target in targets:
            found = index.resolve(target)
            if found is not None and found.term != entry.term:
                backlinks[found.term].add(entry.term)
    index.backlinks = {k: sorted(v, key=normalise) for k, v in backlinks.items()}

    postings: dict[str, list[list[float]]] = defaultdict(list)
    for number, entry in enumerate(entries):
        weighted: Counter[str] = Counter()
        length = 0.0
        for name, text in search_fields(entry).items():
            tokens = stems(text)
            length += FIELD_WEIGHTS[name] * len(tokens)
            for token in tokens:
                weighted[token] += FIELD_WEIGHTS[name]
        index.doc_lengths.append(length)
        for token, tf in weighted.items():
            postings[token].append([number, tf])
    index.postings = dict(postings)
    return index
