"""Entries -> the compiled index: lookup keys, backlinks and search postings, all plain JSON-able data.

The index is what every command reads. It is built once per change of the data (see cache.py) so that no
ordinary run parses YAML. It is held in sections (small JSON ones, sorted text tables, and each entry on
its own) so that a stored index can be read piecemeal: a lookup probes a few table lines and reads one
entry, not the whole glossary.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from .folding import completion_key, short
from .model import Entry, ListRow
from .text import CROSS_REF, STOP_WORDS, compact, normalise, plain_refs, search_stems, stems, words

SECTIONS = ("meta", "backlinks", "lengths")  # JSON sections, read whole on first use
# Sorted text lines ("key<TAB>value"), probed by binary search in place on disk, so that a lookup in a
# glossary of any size reads a few lines rather than parsing whole tables.
TEXT_SECTIONS = (
    "keys",
    "compact",
    "stems",
    "acronyms",
    "orders",
    "order_words",
    "rare_words",
    "names",
    "postings",
    "vocab",
)
COVER_MARK = "c"  # in a table's list of entry numbers, "12c" means: entry 12, through one of its covers

# How much a word counts in each field, for search ranking (BM25F-style weighted term frequency).
FIELD_WEIGHTS = {
    "term": 6.0,
    "aliases": 4.0,
    "covers": 3.0,
    "summary": 2.0,
    "definition": 1.0,
    "arguments": 1.0,
    "cases": 1.2,
}

SectionReader = Callable[[str], Any]  # section name -> its data
EntryReader = Callable[[int], dict[str, Any]]  # entry number -> its record
PrefixReader = Callable[[str, str], list[str]]  # (text section, prefix) -> its lines that start with it


def name_lines(entries: list[Entry]) -> str:
    """The completion vocabulary, one sorted line per name: key, name, entry number, t(erm), a(lias) or
    c(over), and a description (the summary; for a cover, the entry it is covered in)."""
    lines = set()
    for number, entry in enumerate(entries):
        description = short(entry.summary).replace("\t", " ").replace("\n", " ")
        for name, kind in named(entry):
            shown = f"in {entry.term}" if kind == "cover" else description
            lines.add(f"{completion_key(name)}\t{name}\t{number}\t{kind[0]}\t{shown}\n")
    return "".join(sorted(lines))


NAME_RANK = {"term": 0, "alias": 1, "cover": 2}  # an exact headword beats an alias beats a cover


def named(entry: Entry) -> list[tuple[str, str]]:
    """Every name an entry answers to, with its kind: term, alias or cover."""
    return [(entry.term, "term"), *((a, "alias") for a in entry.aliases), *((c, "cover") for c in entry.covers)]


def initials(phrase: str, *, keep_function_words: bool = False) -> str:
    """'North Atlantic Treaty Organization' -> 'nato'; function words are skipped unless asked for."""
    parts = [w for w in words(phrase) if keep_function_words or w not in STOP_WORDS]
    return "".join(w[0] for w in parts) if len(parts) >= 2 else ""


def word_order_key(phrase: str) -> str:
    """The content words, stemmed and sorted: 'power balance' and 'balance of power' share it."""
    return " ".join(sorted(stems(phrase)))


def search_fields(entry: Entry) -> dict[str, str]:
    return {
        "term": entry.term,
        "aliases": " ".join(entry.aliases),
        "covers": " ".join(entry.covers),
        "summary": entry.summary,
        "definition": plain_refs(entry.definition),
        "arguments": " ".join(entry.arguments_for + entry.arguments_against),
        "cases": " ".join(f"{c.date} {c.event} {c.detail}" for c in entry.cases),
    }


class Index:
    """The compiled glossary. Sections and entries are read on first use when the index comes from disk."""

    def __init__(
        self,
        sections: dict[str, Any] | None = None,
        entries: list[Entry] | None = None,
        *,
        read_section: SectionReader | None = None,
        read_entry: EntryReader | None = None,
        read_prefix: PrefixReader | None = None,
        count: int | None = None,
    ) -> None:
        self._count = count if count is not None else (len(entries) if entries is not None else None)
        self._sections: dict[str, Any] = dict(sections or {})
        self._entries: dict[int, Entry] = dict(enumerate(entries)) if entries is not None else {}
        self._read_section = read_section
        self._read_entry = read_entry
        self._read_prefix = read_prefix

    def section(self, name: str) -> Any:
        if name not in self._sections:
            if self._read_section is None:
                raise KeyError(name)
            self._sections[name] = self._read_section(name)
        return self._sections[name]

    # meta: what lists and completion need, one slot per entry
    @property
    def terms(self) -> list[str]:
        return self.section("meta")["terms"]

    @property
    def summaries(self) -> list[str]:
        return self.section("meta")["summaries"]

    @property
    def themes(self) -> list[str]:
        return self.section("meta")["themes"]

    def term(self, number: int) -> str:
        """An entry's headword, from the lists if they are loaded, else from the entry alone."""
        if "meta" in self._sections:
            return self.terms[number]
        return self.entry(number).term

    def names_of(self, number: int) -> list[str]:
        """An entry's headword and aliases: the names that are the concept itself."""
        entry = self.entry(number)
        return [entry.term, *entry.aliases]

    # the lookup tables, one probe each
    def _value(self, section: str, key: str) -> str | None:
        found = self.lines(section, key + "\t")
        return found[0].rstrip("\n").split("\t", 1)[1] if found else None

    def key_hit(self, key: str) -> tuple[int, str, str] | None:
        """A normalised name -> (entry number, the name as written, "term", "alias" or "cover")."""
        value = self._value("keys", key)
        if value is None:
            return None
        number, name, kind = value.split("\t")
        return int(number), name, kind

    def compact_hit(self, key: str) -> tuple[int, bool] | None:
        """A name with its spaces squeezed out -> (entry number, whether the name is a cover)."""
        value = self._value("compact", key)
        return None if value is None else _numbered(value)

    def numbers(self, section: str, key: str) -> list[tuple[int, bool]]:
        """The entries filed under `key` in stems, acronyms or orders, each with whether a cover put it there."""
        value = self._value(section, key)
        return [_numbered(n) for n in value.split()] if value else []

    def word_flag(self, word: str) -> str | None:
        """How a folded word occurs in the glossary's text: "l" (in lower case, an ordinary word), "u" (only
        capitalised: a name or an acronym), or None (not at all)."""
        flags = self._sections.setdefault("vocab_cache", {})  # the word checks ask about one word many times
        if word not in flags:
            flags[word] = self._value("vocab", word)
        return flags[word]

    def orders_with(
        self, word: str, *, prefix: bool = False, rarest: bool = False
    ) -> dict[str, list[tuple[int, bool]]]:
        """Word-order keys holding `word` (or, with prefix, any word that starts with it), with their entries,
        read in one pass of the section's lines for that word. With rarest, only the keys whose rarest word
        it is: a name made only of the query's words is filed under one of them, however common the others."""
        found: dict[str, list[tuple[int, bool]]] = {}
        section = "rare_words" if rarest else "order_words"
        for line in self.lines(section, word if prefix else word + "\t"):
            _word, key, refs = line.rstrip("\n").split("\t")
            found[key] = [_numbered(n) for n in refs.split()]
        return found

    def all_keys(self) -> list[str]:
        """Every normalised name (headwords, aliases and covers), for fuzzy matching."""
        if "keys_all" not in self._sections:
            self._sections["keys_all"] = [line.split("\t", 1)[0] for line in self.section("keys").splitlines()]
        return self._sections["keys_all"]

    @property
    def backlinks(self) -> dict[str, list[str]]:
        return self.section("backlinks")

    @property
    def doc_lengths(self) -> list[float]:
        return self.section("lengths")

    def posting(self, token: str) -> list[tuple[int, float]]:
        """The entries holding a stem, each with the stem's field-weighted frequency there."""
        cache = self._sections.setdefault("posting_cache", {})
        if token not in cache:
            lines = self.lines("postings", token + "\t")
            pairs = lines[0].rstrip("\n").split("\t", 1)[1].split() if lines else []
            cache[token] = [(int(n), float(tf)) for n, tf in (pair.split(":") for pair in pairs)]
        return cache[token]

    def find_names(self, prefix: str) -> list[str]:
        """Lines of the names section whose key starts with `prefix` (a completion_key)."""
        return self.lines("names", prefix)

    def lines(self, section: str, prefix: str) -> list[str]:
        """The lines of a sorted text section that start with `prefix`."""
        if self._read_prefix is not None and section not in self._sections:
            return self._read_prefix(section, prefix)
        if section + "_list" not in self._sections:
            self._sections[section + "_list"] = self.section(section).splitlines(keepends=True)
        lines = self._sections[section + "_list"]
        start = bisect.bisect_left(lines, prefix)
        found = []
        for line in lines[start:]:
            if not line.startswith(prefix):
                break
            found.append(line)
        return found

    def rows(self, theme: str | None = None) -> list[ListRow]:
        return [
            ListRow(term, entry_theme, summary)
            for term, entry_theme, summary in zip(self.terms, self.themes, self.summaries, strict=True)
            if theme is None or entry_theme == theme
        ]

    def __len__(self) -> int:
        if self._count is None:
            self._count = len(self.terms)
        return self._count

    def entry(self, number: int) -> Entry:
        if number not in self._entries:
            if self._read_entry is None:
                raise IndexError(number)
            self._entries[number] = Entry.from_record(self._read_entry(number))
        return self._entries[number]

    @property
    def entries(self) -> list[Entry]:
        return [self.entry(n) for n in range(len(self))]

    def number_of(self, term: str) -> int | None:
        hit = self.key_hit(normalise(term))
        return hit[0] if hit else None

    def resolve(self, name: str) -> Entry | None:
        """A headword, alias or cover, in any case or spelling variant, to its entry."""
        number = self.number_of(name)
        return None if number is None else self.entry(number)

    def records(self) -> Iterator[dict[str, Any]]:
        """Each entry's stored form, one at a time (a large glossary is written without holding them all)."""
        for number in range(len(self)):
            yield self.entry(number).to_record()


def _numbered(token: str) -> tuple[int, bool]:
    return (int(token[:-1]), True) if token.endswith(COVER_MARK) else (int(token), False)


_RAW_WORD = re.compile(r"[^\W_]+")


def note_words(flags: dict[str, str], text: str) -> None:
    """Add a text's words to the vocabulary: each folded word with "l" if it ever occurs in lower case (an
    ordinary word, which a query may use as itself) or "u" if only capitalised (a name or acronym)."""
    for raw in set(_RAW_WORD.findall(text)):
        # the common case folds by lower-casing alone
        parts = [raw.lower()] if raw.isascii() else words(raw)
        lower = raw.islower()
        for word in parts:
            if lower:
                flags[word] = "l"
            else:
                flags.setdefault(word, "u")


def compile_index(entries: list[Entry]) -> Index:
    entries = sorted(entries, key=lambda e: normalise(e.term))
    keys: dict[str, list[Any]] = {}
    compact_keys: dict[str, tuple[int, str]] = {}
    stem_keys: dict[str, set[str]] = defaultdict(set)
    acronyms: dict[str, set[str]] = defaultdict(set)
    orders: dict[str, set[str]] = defaultdict(set)
    for number, entry in enumerate(entries):
        for name, kind in named(entry):
            key = normalise(name)
            if key not in keys or NAME_RANK[kind] < NAME_RANK[keys[key][2]]:
                keys[key] = [number, name, kind]
            ref = f"{number}{COVER_MARK}" if kind == "cover" else str(number)
            squeezed = compact(name)
            if squeezed not in compact_keys or NAME_RANK[kind] < NAME_RANK[compact_keys[squeezed][1]]:
                compact_keys[squeezed] = (number, kind)
            stem_keys[" ".join(stems(name, drop_stop_words=False))].add(ref)
            if kind != "cover":  # initials of a treaty's or an event's name are too easily another thing's
                # both 'bp' and 'bop' for balance of power: students write either
                for letters in {initials(name), initials(name, keep_function_words=True)} - {""}:
                    acronyms[letters].add(ref)
            orders[word_order_key(name)].add(ref)

    backlinks: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        targets = list(entry.see_also) + [m.group(1) for m in CROSS_REF.finditer(entry.definition)]
        for target in targets:
            hit = keys.get(normalise(target))
            if hit is not None and entries[hit[0]].term != entry.term:
                backlinks[entries[hit[0]].term].add(entry.term)

    postings: dict[str, list[list[float]]] = defaultdict(list)
    doc_lengths: list[float] = []
    vocabulary: dict[str, str] = {}
    for number, entry in enumerate(entries):
        weighted: Counter[str] = Counter()
        length = 0.0
        fields = search_fields(entry)
        note_words(vocabulary, " ".join(fields.values()))
        for name, text in fields.items():
            tokens = search_stems(text)
            length += FIELD_WEIGHTS[name] * len(tokens)
            for token in tokens:
                weighted[token] += FIELD_WEIGHTS[name]
        doc_lengths.append(length)
        for token, tf in weighted.items():
            postings[token].append([number, tf])

    def table(rows: dict[str, Any]) -> str:
        return "".join(sorted(f"{key}\t{value}\n" for key, value in rows.items() if key))

    def listed(refs: set[str]) -> str:
        # a name's own entry before a cover's, then by number
        return " ".join(sorted(refs, key=lambda r: (r.endswith(COVER_MARK), int(r.rstrip(COVER_MARK)))))

    order_lists = {key: listed(refs) for key, refs in orders.items() if key}
    # How many names hold each word: a name is also filed under its rarest word alone (ties: the first in
    # order), so that a lookup of common words reads a few lines, not every name that shares one of them.
    spread = Counter(word for key in order_lists for word in set(key.split()))
    order_words = sorted({(word, key) for key in order_lists for word in key.split()})
    rare_words = sorted((min(set(key.split()), key=lambda w: (spread[w], w)), key) for key in order_lists)
    sections = {
        "meta": {
            "terms": [e.term for e in entries],
            "themes": [e.theme for e in entries],
            "summaries": [e.summary for e in entries],
        },
        "keys": table({k: f"{n}\t{name}\t{kind}" for k, (n, name, kind) in keys.items()}),
        "compact": table({k: f"{n}{COVER_MARK if kind == 'cover' else ''}" for k, (n, kind) in compact_keys.items()}),
        "stems": table({k: listed(v) for k, v in stem_keys.items()}),
        "acronyms": table({k: listed(v) for k, v in acronyms.items()}),
        "orders": table({k: listed(v) for k, v in orders.items()}),
        "order_words": "".join(f"{word}\t{key}\t{order_lists[key]}\n" for word, key in order_words),
        "rare_words": "".join(f"{word}\t{key}\t{order_lists[key]}\n" for word, key in rare_words),
        "backlinks": {k: sorted(v, key=normalise) for k, v in backlinks.items()},
        "lengths": doc_lengths,
        "postings": "".join(
            f"{token}\t{' '.join(f'{n}:{tf:g}' for n, tf in hits)}\n" for token, hits in sorted(postings.items())
        ),
        "names": name_lines(entries),
        "vocab": table(vocabulary),
    }
    return Index(sections, entries)
