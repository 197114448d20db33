"""Query -> ranked matches, through stages from the strictest to the loosest; the stage is reported.

exact -> alias -> normalised -> inflected -> acronym -> word-order -> fuzzy. The cheap stages are plain
dictionary probes on the compiled index; RapidFuzz is imported only when they all fail.
"""

from __future__ import annotations

from .index import Index, word_order_key
from .model import LookupResult, Match
from .text import compact, fold, normalise, stems

# Words a student may wrap around a term ("what is deterrence", "deterrence theory", "realism in IR").
FILLER_WORDS = frozenset(
    [
        "what",
        "is",
        "are",
        "the",
        "a",
        "an",
        "of",
        "in",
        "ir",
        "theory",
        "concept",
        "idea",
        "definition",
        "meaning",
        "define",
        "explain",
    ]
)
DEFAULT_CUTOFF = 82.0  # fuzzy scores below this are not confident enough to show an entry
SUGGEST_CUTOFF = 60.0
CLOSE_CALL = 4.0  # entries within this many points of the best are listed as alternatives


def _match(index: Index, query: str, number: int, method: str, score: float, via: str = "") -> Match:
    return Match(query=query, matched=index.terms[number], method=method, score=score, via=via)


def _many(index: Index, query: str, numbers: list[int], method: str) -> list[Match]:
    """Several entries share a derived key: rank them by how close the query is to each headword."""
    from rapidfuzz import fuzz

    ranked = sorted(numbers, key=lambda n: -fuzz.ratio(normalise(query), normalise(index.terms[n])))
    return [_match(index, query, n, method, 95.0 if i == 0 else 90.0) for i, n in enumerate(ranked)]


def _cheap_stages(index: Index, query: str) -> list[Match]:
    text = query.strip()
    folded = text.casefold()
    hit = index.keys.get(normalise(text))
    if hit is not None:
        number, name, kind = hit
        if kind == "term" and name.casefold() == folded:
            return [_match(index, query, number, "exact", 100.0)]
        alias = next((a for a in index.aliases[number] if a.casefold() == folded), None)
        if alias is not None:
            return [_match(index, query, number, "alias", 100.0, via=alias)]
        return [_match(index, query, number, "normalised", 99.0, via=name)]
    squeezed = compact(text)
    if squeezed in index.compact_keys:
        return [_match(index, query, index.compact_keys[squeezed], "normalised", 98.0)]
    stemmed = " ".join(stems(text, drop_stop_words=False))
    if stemmed in index.stem_keys:
        numbers = index.stem_keys[stemmed]
        if len(numbers) == 1:
            return [_match(index, query, numbers[0], "inflected", 96.0)]
        return _many(index, query, numbers, "inflected")
    letters = fold(text).replace(" ", "")
    if 2 <= len(letters) <= 6 and " " not in fold(text) and letters in index.acronyms:
        numbers = index.acronyms[letters]
        if len(numbers) == 1:
            return [_match(index, query, numbers[0], "acronym", 95.0)]
        return _many(index, query, numbers, "acronym")
    order = word_order_key(text)
    if order and order in index.word_orders and len(order.split()) > 1:
        numbers = index.word_orders[order]
        if len(numbers) == 1:
            return [_match(index, query, numbers[0], "word-order", 94.0)]
        return _many(index, query, numbers, "word-order")
    return []


def _fuzzy(index: Index, query: str, limit: int) -> list[Match]:
    from rapidfuzz import fuzz, process

    key = normalise(query)
    if not key:
        return []
    choices = list(index.keys)

    def score(a: str, b: str, **_: object) -> float:
        # Plain edit similarity, with credit for a query that is a typo of the opening words of a longer
        # term ("hegemonic stabilty" -> "hegemonic stability theory"), but never for a mere substring.
        whole = fuzz.ratio(a, b)
        b_words = b.split()
        a_count = len(a.split())
        if a_count < len(b_words) and a_count >= 1 and len(a) >= 6:
            head = " ".join(b_words[:a_count])
            whole = max(whole, fuzz.ratio(a, head) - 6.0)
        return whole

    found = process.extract(key, choices, scorer=score, limit=limit * 4, score_cutoff=SUGGEST_CUTOFF)
    best: dict[int, Match] = {}
    for name, value, _ in found:
        number, original, _kind = index.keys[name]
        if number not in best or value > best[number].score:
            best[number] = _match(index, query, number, "fuzzy", float(value), via=original)
    return sorted(best.values(), key=lambda m: -m.score)[:limit]


def _strip_filler(query: str) -> str:
    return " ".join(w for w in fold(query).split() if w not in FILLER_WORDS)


def lookup(index: Index, query: str, *, limit: int = 5, cutoff: float = DEFAULT_CUTOFF) -> LookupResult:
    """The entry a query means, with close alternatives; or, when nothing is confident, suggestions only."""
    matches = _cheap_stages(index, query)
    if not matches:
        bare = _strip_filler(query)
        if bare and bare != fold(query):
            matches = _cheap_stages(index, bare)
    if not matches:
        matches = _fuzzy(index, query, limit)
        bare = _strip_filler(query)
        if bare and bare != fold(query) and (not matches or matches[0].score < cutoff):
            matches = _fuzzy(index, bare, limit) or matches
    if not matches or matches[0].score < cutoff:
        return LookupResult(query=query, best=None, suggestions=tuple(m.matched for m in matches[:limit]))
    best = matches[0]
    close = tuple(m for m in matches[1:] if best.score - m.score <= CLOSE_CALL and m.score >= cutoff)
    return LookupResult(query=query, best=best, alternatives=close[: limit - 1])
