"""Split a comparison into its two sides, without the index: the caller checks that both resolve.

Pure string work, cheap enough to run on every `show` (the bare form "realism vs liberalism" arrives there).
"""

from __future__ import annotations

import re

# Words that sit between the two sides, strongest first.
STRONG = ("versus", "vs.", "vs", "v.", "v")
WEAK = ("and", "or", "with", "against", "to")
_LEAD = re.compile(
    r"^(?:(?:what(?:'s| is| are)|what's)\s+)?(?:the\s+)?(?:differences?|distinction|contrast|comparison)\s+"
    r"(?:between|of)\s+|^(?:compare|comparing|contrast|contrasting)\s+",
    re.IGNORECASE,
)


def _clean(side: list[str]) -> str:
    return " ".join(side).strip(" ?.,;:")


def comparison_sides(words: list[str]) -> list[tuple[str, str]]:
    """The ways the words split into two sides, best first; [] when they do not read as a comparison.

    "realism vs liberalism", "difference between realism and liberalism", "compare realism with
    liberalism": a marker is required, so that a name containing "and" is never split on its own.
    """
    text = " ".join(words).strip()
    lead = _LEAD.match(text)
    rest = text[lead.end() :].split() if lead else text.split()
    lowered = [w.lower() for w in rest]
    separators = STRONG + WEAK if lead else STRONG
    for separator in separators:
        splits = [
            (_clean(rest[:i]), _clean(rest[i + 1 :]))
            for i, word in enumerate(lowered)
            if word == separator and 0 < i < len(rest) - 1
        ]
        if splits:
            return splits
    return []


def two_sides(words: list[str]) -> list[tuple[str, str]]:
    """For `compare A B...`: the marked splits, else every split point (two words are two sides)."""
    marked = comparison_sides(words)
    if marked:
        return marked
    if len(words) == 2:
        return [(words[0], words[1])]
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
