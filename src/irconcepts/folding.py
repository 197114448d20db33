"""Folding of single words and names for prefix matching: small, and free of regular expressions, because
every Tab press imports it."""

from __future__ import annotations

import unicodedata

APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u02bc`\u00b4"), None)


# Latin letters that Unicode does not decompose into a base letter and an accent, spelt as English readers type them.
_LATIN_LETTERS = str.maketrans(
    {"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
     "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"}
)  # fmt: skip


def strip_accents(text: str) -> str:
    """Accents fold away (é -> e); letters of every script stay."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_word(word: str) -> str:
    """One word folded for prefix matching: case, accents and apostrophes go; hyphens stay."""
    return strip_accents(word).casefold().translate(APOSTROPHES)


def completion_key(name: str) -> str:
    """Words folded one by one (case, accents, apostrophes), joined by single spaces; hyphens are kept."""
    return " ".join(fold_word(w) for w in name.split())


def short(summary: str, limit: int = 60) -> str:
    """A summary cut at a word boundary, short enough to sit beside a completion candidate."""
    if len(summary) <= limit:
        return summary
    cut = summary.rfind(" ", 0, limit)
    return summary[: cut if cut > 0 else limit].rstrip(",;:") + "…"
