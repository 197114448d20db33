"""Search postings (BM25F-style field-weighted term frequencies), document lengths and the word vocabulary.

Held compactly while the glossary is read: per stem, two typed arrays (entry numbers, weight indexes) rather than a
list of small lists, which for 20,000 entries saves a few hundred bytes on each of about a million postings.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import sys
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
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


_PIECES_KEPT = 200_000  # folded pieces remembered at most (about 30 MB); beyond, the memory is started afresh
_drain = functools.partial(deque, maxlen=0)  # runs an iterator to its end, in C, keeping nothing
_append = array.append  # unbound: map(_append, arrays, values) appends each value to its array


class _Table(dict[Any, Any]):
    """A dict that makes a missing value from its key, once (a cache that C code can read with __getitem__)."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


# weight -> {n: the weight added n times from nothing}; tf -> its text in the postings lines
_MULTIPLES = {weight: _Table(functools.partial(_add_repeatedly, 0.0, weight)) for weight in set(FIELD_WEIGHTS.values())}
_SHOWN = _Table(lambda tf: f"{tf:g}")

_ASCII_SPACED = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))

# Fields next to each other with the same weight are counted as one text: the sums come out the same, with a
# pass fewer (definition and arguments).
_RUNS = [
    (weight, [name for name, _ in group])
    for weight, group in itertools.groupby(FIELD_WEIGHTS.items(), key=lambda item: item[1])
]


def _search_stem(word: str) -> str | None:
    """The search stem of a word as folded, or of an ASCII one as written (any case, no apostrophes, which
    lower-casing folds), or None for a stop word."""
    folded = word.lower()
    return None if folded in STOP_WORDS else search_stem(folded)


_LITTLE_ENDIAN = sys.byteorder == "little"  # which half of a packed posting comes first in memory


class PostingsBuilder:
    def __init__(self) -> None:
        # stem -> its postings in entry order, each packed in one integer: the index of its weight in
        # `_weight_values` shifted up 32 bits, plus the entry number. A glossary's weights take few distinct
        # values, and one array append per posting is half the work of two (millions of postings at scale).
        self.packed: defaultdict[str, array[int]] = defaultdict(functools.partial(array, "Q"))
        self._weight_values: list[float] = []
        self._weight_bits = _Table(self._new_weight)  # a weight -> its index, shifted into place
        self.top = -1  # the highest entry number added
        self._numbered: list[str] = []  # "n:" for each entry number, made once for the postings lines
        self._shown: list[str] = []  # each weight as the postings lines show it, by its index
        self.lengths: list[float] = []
        # An ASCII word exactly as written -> its stem (None for a stop word). Its keys are also every such
        # word met, for the vocabulary; words first folded or joined by apostrophes go through the other table.
        self._stem_as_written = _Table(_search_stem)
        self._stem_folded = _Table(_search_stem)
        # the other words as written (or whitespace-separated pieces holding some), for the vocabulary
        self.raw_words: set[str] = set()
        self._folded_pieces = _Table(lambda piece: tuple(words(piece)))

    def add(self, number: int, fields: dict[str, str]) -> None:
        """One entry's search fields (index.search_fields); entries come in order of their numbers."""
        weighted: dict[str, float] = {}
        length = 0.0
        for weight, names in _RUNS:
            found, stem_of = self._words(" ".join(fields[name] for name in names))
            # Counted by stem in C (a word met for the first time is stemmed by the table). Every word of a run
            # adds the same weight, so adding a stem's count at once gives the very float that adding it word
            # by word does.
            tokens = Counter(map(stem_of.__getitem__, found))
            stops = tokens.pop(None, 0)
            for token in tokens.keys() & weighted.keys():  # stems an earlier field had too: few
                weighted[token] = _add_repeatedly(weighted[token], weight, tokens.pop(token))
            # the rest start from nothing: their weights are looked up, not added up, in C
            weighted.update(zip(tokens.keys(), map(_MULTIPLES[weight].__getitem__, tokens.values()), strict=True))
            length += weight * (len(found) - stops)
        self.lengths.append(length)
        self.top = number if number > self.top else self.top
        # Filed under each stem by C alone: map applies the arrays' append to each stem's array in turn (a
        # missing stem gets its array from the defaultdict), and a zero-length deque drains the map.
        packed = map(operator.or_, map(self._weight_bits.__getitem__, weighted.values()), itertools.repeat(number))
        _drain(map(_append, map(self.packed.__getitem__, weighted), packed))

    def _words(self, text: str) -> tuple[list[str], _Table]:
        """The words of a text in order, and the table giving each one's stem (text.words folds them: the
        table does the rest). The words as written are kept for the vocabulary."""
        if text.isascii():
            # RAW_WORD's words, for ASCII text, at half the cost of a regular expression: every byte but a
            # letter or digit made a space, then split; the table lower-cases each distinct word once
            encoded = text.encode()
            if b"'" not in encoded and b"`" not in encoded:
                return encoded.translate(_ASCII_SPACED).decode().split(), self._stem_as_written
            # an apostrophe parts words as written but joins a folded word: "state's" -> "states"
            self.raw_words.update(encoded.translate(_ASCII_SPACED).decode().split())
            return encoded.translate(_ASCII_SPACED, b"'`").decode().split(), self._stem_folded
        # Otherwise each whitespace-separated piece is folded once and remembered: folding is per character
        # and never joins or makes whitespace, so a text's words are its pieces' words. The pieces, not their
        # words, are kept for the vocabulary, which finds the words in them (see vocabulary).
        pieces = text.split()
        self.raw_words.update(pieces)
        folded = self._folded_pieces
        if len(folded) > _PIECES_KEPT:
            folded.clear()
        return list(itertools.chain.from_iterable(map(folded.__getitem__, pieces))), self._stem_folded

    def written(self) -> set[str]:
        """Every word as written (or piece holding some) met so far: what the vocabulary is made from."""
        return self.raw_words.union(self._stem_as_written)

    def vocabulary(self) -> dict[str, str]:
        """Each folded word of the glossary with its flag (see note_words)."""
        flags: dict[str, str] = {}
        note_words(flags, " ".join(self.written()))
        return flags

    def reverse(self) -> None:
        """Put entries added in falling number order (worker.py counts from the last entry down) in rising
        order, as if they had been added that way: each stem's postings and the lengths are reversed."""
        for postings in self.packed.values():
            postings.reverse()
        self.lengths.reverse()

    def postings_lines(self, earlier: Iterable[str] = ()) -> Iterator[str]:
        """The postings section's lines, sorted by stem; each stem's arrays are released once written.

        `earlier`: the sorted lines of another builder that counted the entries numbered before all of this
        one's (worker.py's child); a stem in both gets its earlier postings first, as one builder would."""
        mine = sorted(self.packed)
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

    def _new_weight(self, weight: float) -> int:
        self._weight_values.append(weight)
        return (len(self._weight_values) - 1) << 32

    def weights_of(self, token: str) -> list[float]:
        """The weights of a stem's postings, in entry order (before `sections()`, which releases them)."""
        return [self._weight_values[posting >> 32] for posting in self.packed[token]]

    def _postings(self, token: str) -> str:
        """`n:tf` for each entry of a stem (tf in the shortest form, as f"{tf:g}"), from tables rather than by
        formatting each of the glossary's millions of postings anew."""
        packed = self.packed.pop(token)
        if len(self._numbered) <= self.top:
            self._numbered = [f"{n}:" for n in range(self.top + 1)]
        if len(self._shown) < len(self._weight_values):
            self._shown = [_SHOWN[weight] for weight in self._weight_values]
        # the packed integers seen as pairs of 32-bit halves: numbers and weight indexes without arithmetic
        halves = memoryview(packed).cast("B").cast("I")
        numbers, weights = (halves[0::2], halves[1::2]) if _LITTLE_ENDIAN else (halves[1::2], halves[0::2])
        shown = map(operator.add, map(self._numbered.__getitem__, numbers), map(self._shown.__getitem__, weights))
        return " ".join(shown)

    def sections(self) -> Iterator[tuple[str, Any]]:
        """(name, data) of each of SECTIONS, once every entry has been added."""
        yield "lengths", self.lengths
        yield "postings", list(self.postings_lines())  # its lines: see index.Index
        yield "vocab", table(self.vocabulary())
