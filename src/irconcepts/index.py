"""Entries -> the compiled index: lookup keys, backlinks and search postings, all plain JSON-able data.

The index is what every command reads. It is built once per change of the data (see cache.py) so that no
ordinary run parses YAML. It is held in sections (small JSON ones, sorted text tables, and each entry on
its own) so that a stored index can be read piecemeal: a lookup probes a few table lines and reads one
entry, not the whole glossary.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .model import Entry, ListRow
from .text import STOP_WORDS, normalise, plain_refs, stem, stems, words

if TYPE_CHECKING:
    from .compiler.worker import PostingsJob

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


NAME_RANK = {"term": 0, "alias": 1, "cover": 2}  # an exact headword beats an alias beats a cover


def named(entry: Entry) -> list[tuple[str, str]]:
    """Every name an entry answers to, with its kind: term, alias or cover."""
    return [(entry.term, "term"), *((a, "alias") for a in entry.aliases), *((c, "cover") for c in entry.covers)]


def initials(phrase: str, *, keep_function_words: bool = False) -> str:
    """'North Atlantic Treaty Organization' -> 'nato'; function words are skipped unless asked for."""
    return _initials(words(phrase), keep_function_words=keep_function_words)


def _initials(found: list[str], *, keep_function_words: bool) -> str:
    parts = [w for w in found if keep_function_words or w not in STOP_WORDS]
    return "".join(w[0] for w in parts) if len(parts) >= 2 else ""


def word_order_key(phrase: str) -> str:
    """The content words, stemmed and sorted: 'power balance' and 'balance of power' share it."""
    return " ".join(sorted(stems(phrase)))


def name_keys(name: str) -> tuple[str, str, set[str]]:
    """What the index files a name under besides its normalised forms: the stems of all its words, in order;
    its word_order_key; and its initials() with and without function words. One pass over its words (a
    compile does this for every name)."""
    found = words(name)
    stemmed = [stem(w) for w in found]
    content = sorted(s for s, w in zip(stemmed, found, strict=True) if w not in STOP_WORDS)
    letters = {_initials(found, keep_function_words=False), _initials(found, keep_function_words=True)}
    return " ".join(stemmed), " ".join(content), letters - {""}


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
        self._sections: dict[str, Any] = {}
        for name, data in (sections or {}).items():
            self._sections[name + _held_as(name, data)] = data
        self._entries: dict[int, Entry] = dict(enumerate(entries)) if entries is not None else {}
        self._read_section = read_section
        self._read_entry = read_entry
        self._read_prefix = read_prefix

    def section(self, name: str) -> Any:
        if name not in self._sections:
            # given as lines or in a file: made whole for the asker, and not kept
            if name + "_list" in self._sections:
                return "".join(self._sections[name + "_list"])
            if name + "_file" in self._sections:
                return self._sections[name + "_file"].text()
            if self._read_section is None:
                raise KeyError(name)
            self._sections[name] = self._read_section(name)
        return self._sections[name]

    def text_chunks(self, name: str) -> Iterator[bytes]:
        """A text section as UTF-8 in pieces of about a megabyte, to be written without being held twice."""
        from .store import encoded_pieces

        if name + "_file" in self._sections:
            yield from self._sections[name + "_file"].chunks()
        elif name + "_list" in self._sections:  # lines given, or split from the text by `lines`: the same
            yield from encoded_pieces(self._sections[name + "_list"])
        else:
            text = self.section(name)
            yield from (text[start : start + (1 << 20)].encode("utf-8") for start in range(0, len(text), 1 << 20))

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
        if section + "_file" in self._sections:
            return self._sections[section + "_file"].prefix_lines(prefix)
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


def _held_as(name: str, data: Any) -> str:
    """How a section given to Index is held: a text section may come as its lines, kept so (as `lines` wants
    them) rather than joined, or in a file (store.TextFile); a large glossary's postings are tens of
    megabytes. Such a section is filed under its name with "_list" or "_file"."""
    if name not in TEXT_SECTIONS or isinstance(data, str):
        return ""
    return "_list" if isinstance(data, list) else "_file"


def _numbered(token: str) -> tuple[int, bool]:
    return (int(token[:-1]), True) if token.endswith(COVER_MARK) else (int(token), False)


def compile_index(entries: list[Entry], postings_job: PostingsJob | None = None) -> Index:
    """The index of `entries`. `postings_job` (compiler.worker.start, called before the entries were read):
    a second process that counts the search postings meanwhile."""
    from .compiler import IndexBuilder, ordered  # only a rebuild compiles

    entries = ordered(entries)
    job = postings_job
    if job is not None:
        job.begin(entries)
    builder = IndexBuilder(count_postings=job is None)
    for entry in entries:
        builder.add(entry)
    sections = dict(builder.sections())
    if job is not None:
        sections.update(job.finish())
    return Index(sections, entries)
