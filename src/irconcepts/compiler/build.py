"""One pass over the entries, then the index's sections one at a time (see the package's docstring)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from ..folding import completion_key, short
from ..index import COVER_MARK, NAME_RANK, name_keys, named, search_fields
from ..model import Entry
from ..text import CROSS_REF, compact, normalise
from .postings import PostingsBuilder, table


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Entries in the order that numbers them in the index: by their normalised headword."""
    return sorted(entries, key=lambda e: normalise(e.term))


def _listed(refs: set[str]) -> str:
    # a name's own entry before a cover's, then by number
    return " ".join(sorted(refs, key=lambda r: (r.endswith(COVER_MARK), int(r.rstrip(COVER_MARK)))))


class IndexBuilder:
    """Add the entries in their index order (see `ordered`), then take `sections()` once.

    Only what the sections need is kept from each entry (its names, headword, theme, summary and reference
    targets, and its words as postings), so a caller may drop each entry once it is added."""

    def __init__(self, *, count_postings: bool = True) -> None:
        """Without `count_postings`, the search sections (postings.SECTIONS) are left to another counter
        (worker.py's second process) and `sections()` does not yield them."""
        self.count = 0
        self.terms: list[str] = []
        self.themes: list[str] = []
        self.summaries: list[str] = []
        self.keys: dict[str, list[Any]] = {}
        self.compact_keys: dict[str, tuple[int, str]] = {}
        self.stem_keys: dict[str, set[str]] = defaultdict(set)
        self.acronyms: dict[str, set[str]] = defaultdict(set)
        self.orders: dict[str, set[str]] = defaultdict(set)
        self.name_lines: set[str] = set()
        self.targets: list[list[str]] = []  # per entry: the normalised names it refers to
        self.postings = PostingsBuilder() if count_postings else None

    def add(self, entry: Entry) -> int:
        """File one entry under the next number, which is returned."""
        number = self.count
        self.count += 1
        self.terms.append(entry.term)
        self.themes.append(entry.theme)
        self.summaries.append(entry.summary)
        description = short(entry.summary).replace("\t", " ").replace("\n", " ")
        for name, kind in named(entry):
            self._add_name(number, name, kind)
            shown = f"in {entry.term}" if kind == "cover" else description
            self.name_lines.add(f"{completion_key(name)}\t{name}\t{number}\t{kind[0]}\t{shown}\n")
        targets = [*entry.see_also, *(m.group(1) for m in CROSS_REF.finditer(entry.definition))]
        self.targets.append([normalise(target) for target in targets])
        if self.postings is not None:
            self.postings.add(number, search_fields(entry))
        return number

    def _add_name(self, number: int, name: str, kind: str) -> None:
        key = normalise(name)
        if key not in self.keys or NAME_RANK[kind] < NAME_RANK[self.keys[key][2]]:
            self.keys[key] = [number, name, kind]
        ref = f"{number}{COVER_MARK}" if kind == "cover" else str(number)
        squeezed = compact(name)
        if squeezed not in self.compact_keys or NAME_RANK[kind] < NAME_RANK[self.compact_keys[squeezed][1]]:
            self.compact_keys[squeezed] = (number, kind)
        stem_key, order_key, letters = name_keys(name)
        self.stem_keys[stem_key].add(ref)
        if kind != "cover":  # initials of a treaty's or an event's name are too easily another thing's
            # both 'bp' and 'bop' for balance of power: students write either
            for initials in letters:
                self.acronyms[initials].add(ref)
        self.orders[order_key].add(ref)

    def sections(self) -> Iterator[tuple[str, Any]]:
        """(name, data) of every section, JSON ones as data and text ones as str; each is made only when
        asked for, and what it was made from is released, so take them once and in this order."""
        yield "meta", {"terms": self.terms, "themes": self.themes, "summaries": self.summaries}
        yield "backlinks", self._backlinks()
        self.targets = []
        yield "keys", table({k: f"{n}\t{name}\t{kind}" for k, (n, name, kind) in self.keys.items()})
        self.keys = {}
        squeezed = self.compact_keys
        yield "compact", table({k: f"{n}{COVER_MARK if kind == 'cover' else ''}" for k, (n, kind) in squeezed.items()})
        self.compact_keys = {}
        yield "stems", table({k: _listed(v) for k, v in self.stem_keys.items()})
        self.stem_keys = defaultdict(set)
        yield "acronyms", table({k: _listed(v) for k, v in self.acronyms.items()})
        self.acronyms = defaultdict(set)
        order_lists = {key: _listed(refs) for key, refs in self.orders.items() if key}
        self.orders = defaultdict(set)
        yield "orders", table(order_lists)
        # How many names hold each word: a name is also filed under its rarest word alone (ties: the first in
        # order), so that a lookup of common words reads a few lines, not every name that shares one of them.
        split = {key: key.split() for key in order_lists}
        spread = Counter(word for parts in split.values() for word in set(parts))
        pairs = sorted({(word, key) for key, parts in split.items() for word in parts})
        yield "order_words", "".join(f"{word}\t{key}\t{order_lists[key]}\n" for word, key in pairs)
        del pairs
        rare = sorted((min(set(parts), key=lambda w: (spread[w], w)), key) for key, parts in split.items())
        yield "rare_words", "".join(f"{word}\t{key}\t{order_lists[key]}\n" for word, key in rare)
        del rare, split, order_lists
        yield "names", "".join(sorted(self.name_lines))
        self.name_lines = set()
        if self.postings is not None:
            yield from self.postings.sections()

    def _backlinks(self) -> dict[str, list[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for number, targets in enumerate(self.targets):
            term = self.terms[number]
            for target in targets:
                hit = self.keys.get(target)
                if hit is not None and self.terms[hit[0]] != term:
                    found[self.terms[hit[0]]].add(term)
        return {k: sorted(v, key=normalise) for k, v in found.items()}
