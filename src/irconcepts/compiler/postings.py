"""Search postings (BM25F-style field-weighted term frequencies), document lengths and the word vocabulary.

Held compactly while the glossary is read: per stem, two typed arrays (entry numbers, weights) rather than a
list of small lists, which for 20,000 entries saves a few hundred bytes on each of about a million postings.
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Iterator

from ..index import FIELD_WEIGHTS, note_words
from ..text import STOP_WORDS, search_stem, words


@functools.lru_cache(maxsize=4096)
def _add_repeatedly(start: float, weight: float, times: int) -> float:
    """`start` with `weight` added `times` times, one addition at a time: the very float the word-by-word sum
    gives (3 * 1.2 is not 1.2 + 1.2 + 1.2), so that the compiled index does not depend on how it was counted."""
    for _ in range(times):
        start += weight
    return start


class PostingsBuilder:
    def __init__(self) -> None:
        self.numbers: dict[str, array[int]] = {}
        self.weights: dict[str, array[float]] = {}
        self.lengths: list[float] = []
        self.vocabulary: dict[str, str] = {}

    def add(self, number: int, fields: dict[str, str]) -> None:
        """One entry's search fields (index.search_fields); entries come in order of their numbers."""
        note_words(self.vocabulary, " ".join(fields.values()))
        weighted: dict[str, float] = {}
        length = 0.0
        for name, text in fields.items():
            weight = FIELD_WEIGHTS[name]
            counted = 0
            # Counted in C, then each distinct word stemmed once: the glossary's text is mostly repeats.
            for word, times in Counter(words(text)).items():
                if word in STOP_WORDS:
                    continue
                token = search_stem(word)
                weighted[token] = _add_repeatedly(weighted.get(token, 0.0), weight, times)
                counted += times
            length += weight * counted
        self.lengths.append(length)
        for token, tf in weighted.items():
            if token not in self.numbers:
                self.numbers[token] = array("i")
                self.weights[token] = array("d")
            self.numbers[token].append(number)
            self.weights[token].append(tf)

    def postings_lines(self) -> Iterator[str]:
        """The postings section's lines, sorted by stem; each stem's arrays are released once written."""
        for token in sorted(self.numbers):
            numbers, weights = self.numbers.pop(token), self.weights.pop(token)
            yield f"{token}\t{' '.join(f'{n}:{tf:g}' for n, tf in zip(numbers, weights, strict=True))}\n"
