"""Search postings (BM25F-style field-weighted term frequencies), document lengths and the word vocabulary.

Held compactly while the glossary is read: per stem, two typed arrays (entry numbers, weights) rather than a
list of small lists, which for 20,000 entries saves a few hundred bytes on each of about a million postings.
"""

from __future__ import annotations

import functools
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ..index import FIELD_WEIGHTS
from ..text import STOP_WORDS, search_stem, words

SECTIONS = ("lengths", "postings", "vocab")  # the index's sections made here

RAW_WORD = re.compile(r"[^\W_]+")  # a word as written


def note_words(flags: dict[str, str], text: str) -> None:
    """Add a text's words to the vocabulary: each folded word with "l" if it ever occurs in lower case (an
    ordinary word, which a query may use as itself) or "u" if only capitalised (a name or acronym)."""
    for raw in set(RAW_WORD.findall(text)):
        # the common case folds by lower-casing alone
        parts = [raw.lower()] if raw.isascii() else words(raw)
        lower = raw.islower()
        for word in parts:
            if lower:
                flags[word] = "l"
            else:
                flags.setdefault(word, "u")


def table(rows: dict[str, Any]) -> str:
    """A text section: `key<TAB>value` lines, sorted, for keys that are not empty."""
    return "".join(sorted(f"{key}\t{value}\n" for key, value in rows.items() if key))


@functools.lru_cache(maxsize=4096)
def _add_repeatedly(start: float, weight: float, times: int) -> float:
    """`start` with `weight` added `times` times, one addition at a time: the very float the word-by-word sum
    gives (3 * 1.2 is not 1.2 + 1.2 + 1.2), so that the compiled index does not depend on how it was counted."""
    for _ in range(times):
        start += weight
    return start


_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")

# Fields next to each other with the same weight are counted as one text: the sums come out the same, with a
# pass fewer (definition and arguments).
_RUNS = [
    (weight, [name for name, _ in group])
    for weight, group in itertools.groupby(FIELD_WEIGHTS.items(), key=lambda item: item[1])
]


class PostingsBuilder:
    def __init__(self) -> None:
        self.numbers: dict[str, array[int]] = {}
        self.weights: dict[str, array[float]] = {}
        self.lengths: list[float] = []
        self.raw_words: set[str] = set()  # every distinct word as written; the vocabulary is made from them once
        self.stem_of: dict[str, str | None] = {}  # a folded word -> its search stem, or None for a stop word

    def add(self, number: int, fields: dict[str, str]) -> None:
        """One entry's search fields (index.search_fields); entries come in order of their numbers."""
        weighted: dict[str, float] = {}
        length = 0.0
        stem_of = self.stem_of
        for weight, names in _RUNS:
            counted = 0
            # Counted in C, then each distinct word looked at once: the glossary's text is mostly repeats.
            for word, times in self._counted_words(" ".join(fields[name] for name in names)).items():
                if word not in stem_of:
                    stem_of[word] = None if word in STOP_WORDS else search_stem(word)
                token = stem_of[word]
                if token is None:
                    continue
                before = weighted.get(token, 0.0)
                weighted[token] = before + weight if times == 1 else _add_repeatedly(before, weight, times)
                counted += times
            length += weight * counted
        self.lengths.append(length)
        for token, tf in weighted.items():
            if token not in self.numbers:
                self.numbers[token] = array("i")
                self.weights[token] = array("d")
            self.numbers[token].append(number)
            self.weights[token].append(tf)

    def _counted_words(self, text: str) -> Counter[str]:
        """The folded words of a text (text.words) with how often each occurs; its words as written are kept
        for the vocabulary. One scan of the text where that gives the same words: ASCII without apostrophes,
        in which a word as written, lower-cased, is the folded word."""
        if text.isascii() and "'" not in text and "`" not in text:
            written = _ASCII_WORD.findall(text)  # RAW_WORD, for ASCII text, at two thirds of the cost
            self.raw_words.update(written)
            return Counter(map(str.lower, written))
        self.raw_words.update(RAW_WORD.findall(text))
        return Counter(words(text))

    def vocabulary(self) -> dict[str, str]:
        """Each folded word of the glossary with its flag (see note_words)."""
        flags: dict[str, str] = {}
        note_words(flags, " ".join(self.raw_words))
        return flags

    def reverse(self) -> None:
        """Put entries added in falling number order (worker.py counts from the last entry down) in rising
        order, as if they had been added that way: each stem's postings and the lengths are reversed."""
        for token in self.numbers:
            self.numbers[token].reverse()
            self.weights[token].reverse()
        self.lengths.reverse()

    def postings_lines(self, earlier: Iterable[str] = ()) -> Iterator[str]:
        """The postings section's lines, sorted by stem; each stem's arrays are released once written.

        `earlier`: the sorted lines of another builder that counted the entries numbered before all of this
        one's (worker.py's child); a stem in both gets its earlier postings first, as one builder would."""
        mine = sorted(self.numbers)
        position = 0
        for line in earlier:
            token, postings = line.rstrip("\n").split("\t", 1)
            while position < len(mine) and mine[position] < token:
                yield f"{mine[position]}\t{self._postings(mine[position])}\n"
                position += 1
            if position < len(mine) and mine[position] == token:
                yield f"{token}\t{postings} {self._postings(token)}\n"
                position += 1
            else:
                yield line
        for token in mine[position:]:
            yield f"{token}\t{self._postings(token)}\n"

    def _postings(self, token: str) -> str:
        numbers, weights = self.numbers.pop(token), self.weights.pop(token)
        return " ".join(f"{n}:{tf:g}" for n, tf in zip(numbers, weights, strict=True))

    def sections(self) -> Iterator[tuple[str, Any]]:
        """(name, data) of each of SECTIONS, once every entry has been added."""
        yield "lengths", self.lengths
        yield "postings", "".join(self.postings_lines())
        yield "vocab", table(self.vocabulary())
