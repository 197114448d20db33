"""Query -> the entry it means, through stages from the strictest to the loosest; the stage is reported.

exact -> alias -> normalised -> inflected -> acronym -> word-order -> contained -> fuzzy -> search.
The first stages are dictionary probes on the compiled index. Later ones read more of it (the search
postings) and RapidFuzz is imported only when everything cheaper has failed. Each stage decides for
itself whether it is confident; when none is, the result carries suggestions and no best match.
"""

from __future__ import annotations

from .index import Index, initials, word_order_key
from .model import LookupResult, Match
from .text import STOP_WORDS, compact, fold, normalise, stem, stems

# Words a student wraps around a term ("what is meant by deterrence", "realism in IR", "R2P doctrine").
FILLER_WORDS = frozenset(
    (
        "what whats is are was the a an of in on by does do mean meant means meaning define definition "
        "explain explained concept concepts idea theory theories doctrine term notion ir international "
        "relations politics lecture essay notes week vs versus and about pls please article debate debates"
    ).split()
)
FILLER_STEMS = frozenset(stem(w) for w in FILLER_WORDS)
SUGGEST_CUTOFF = 60.0  # fuzzy similarity worth offering as "did you mean"
CLOSE_CALL = 4.0  # entries within this many points of the best are listed as alternatives
EXPLAINED_RANK = 5  # extra words are explained by an entry ranked this high for them
EXPLAINED_WEIGHT = 2.0  # ...and holding them more than in passing (twice, or in its summary or cases)
SEARCH_MARGIN = 1.05  # the search stage answers only when its best hit leads the next by this factor


def _match(index: Index, query: str, number: int, method: str, score: float, via: str = "") -> Match:
    return Match(query=query, matched=index.term(number), method=method, score=score, via=via)


def _ranked_by_closeness(index: Index, query: str, numbers: list[int], method: str, score: float) -> list[Match]:
    """Several entries share a derived key: the one whose headword is closest to the query first."""
    if len(numbers) == 1:
        return [_match(index, query, numbers[0], method, score)]
    from rapidfuzz import fuzz

    key = normalise(query)
    ranked = sorted(numbers, key=lambda n: -fuzz.ratio(key, normalise(index.term(n))))
    return [_match(index, query, n, method, score if i == 0 else score - 2) for i, n in enumerate(ranked)]


def _is_filler(word: str) -> bool:
    return word in FILLER_WORDS or (word.isdigit() and len(word) < 3)  # "lecture 4", "week 10"


def _content_stems(text: str) -> list[str]:
    return [stem(w) for w in fold(text).split() if w not in STOP_WORDS and not _is_filler(w)]


def _strip_filler(text: str) -> str:
    return " ".join(w for w in fold(text).split() if not _is_filler(w))


def _alike(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one a prefix of the other by a short ending (korea/korean)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and len(long) - len(short) <= 3 and long.startswith(short)


def _cheap_stages(index: Index, query: str) -> list[Match]:
    text = query.strip()
    folded = text.casefold()
    hit = index.key_hit(normalise(text))
    if hit is not None:
        number, name, kind = hit
        if kind == "term" and name.casefold() == folded:
            return [_match(index, query, number, "exact", 100.0)]
        alias = next((a for a in index.names_of(number)[1:] if a.casefold() == folded), None)
        if alias is not None:
            return [_match(index, query, number, "alias", 100.0, via=alias)]
        return [_match(index, query, number, "normalised", 99.0, via=name)]
    squeezed = compact(text)
    if squeezed and (number := index.compact_hit(squeezed)) is not None:
        return [_match(index, query, number, "normalised", 98.0)]
    stemmed = " ".join(stems(text, drop_stop_words=False))
    if numbers := index.numbers("stems", stemmed):
        return _ranked_by_closeness(index, query, numbers, "inflected", 96.0)
    letters = fold(text).replace(" ", "")
    if 2 <= len(letters) <= 6 and " " not in fold(text):
        numbers = index.numbers("acronyms", letters) or index.numbers(
            "acronyms", initials(text, keep_function_words=True)
        )
        if numbers:
            return _ranked_by_closeness(index, query, numbers, "acronym", 95.0)
    order = word_order_key(text)
    if " " in order and (numbers := index.numbers("orders", order)):
        return _ranked_by_closeness(index, query, numbers, "word-order", 94.0)
    return []


def _explained(index: Index, number: int, leftover: list[str], wanted: list[str]) -> bool:
    """The query's extra words are something this entry is notably about (a name, a date, a place):
    the entry ranks high for the whole query and holds the extra words more than in passing."""
    from .search import ranked

    if number not in {n for n, _ in ranked(index, wanted, EXPLAINED_RANK)}:
        return False
    weight = sum(tf for word in leftover for n, tf in index.posting(word) if n == number)
    return weight >= EXPLAINED_WEIGHT


CONNECTORS = frozenset("vs versus and or during in with against compared".split())


def _joins_two(query: str) -> bool:
    """The query joins two things with a connecting word ("realism vs liberalism", "NAM during the Cold War")."""
    return any(w in CONNECTORS for w in fold(query).split())


def _orders_near(index: Index, wanted: list[str]) -> dict[str, list[int]]:
    """The word-order keys that share a word with the query, allowing the short endings _alike allows."""
    found: dict[str, list[int]] = {}
    for word in dict.fromkeys(wanted):
        found.update(index.orders_with(word, prefix=len(word) >= 4))  # korea -> korean
        for cut in (1, 2, 3):  # korean -> korea
            if len(word) - cut >= 4:
                found.update(index.orders_with(word[:-cut]))
    return found


def _name_parts(key: str) -> list[str]:
    return [p for p in key.split() if p not in FILLER_STEMS]


def _word_sets(index: Index, query: str) -> list[Match]:
    """Entries whose name's words are all among the query's, in any order and inflection.

    With nothing left over this is a word-order match ("war in Korea"). With words left over it is a
    contained match: taken when the extra words name another entry too ("realism vs liberalism", the
    first named wins and the other is an alternative), or when the entry explains them ("Kenneth Waltz
    neorealism", "Asian financial crisis 1997").
    """
    wanted = _content_stems(query)
    if not wanted:
        return []
    best: tuple[int, int, int] | None = None  # (words covered, words in the name, entry number)
    for key, numbers in _orders_near(index, wanted).items():
        parts = _name_parts(key)
        if not parts or len(parts) > len(wanted):
            continue
        used: set[int] = set()
        for part in parts:
            spot = next((i for i, w in enumerate(wanted) if i not in used and _alike(part, w)), None)
            if spot is None:
                break
            used.add(spot)
        else:
            for number in numbers:
                candidate = (len(used), len(parts), -number)
                if best is None or candidate > best:
                    best = candidate
    if best is None:
        return []
    covered, number = best[0], -best[2]
    if covered == len(wanted):
        if covered < 2:
            return []
        # the same words in another order, or in the same order with other endings (sovereign states)
        in_order = all(_alike(a, b) for a, b in zip(wanted, _closest_name_parts(index, number, wanted), strict=False))
        return [_match(index, query, number, "inflected" if in_order else "word-order", 93.0)]
    leftover = _leftover_via_aliases(index, number, wanted)
    other = _cheap_stages(index, " ".join(leftover)) if leftover and _joins_two(query) else []
    if other and other[0].matched != index.term(number):
        first = _match(index, query, number, "contained", 90.0)
        second = Match(query, other[0].matched, "contained", 90.0)
        named_first = wanted.index(leftover[0]) < min(i for i, w in enumerate(wanted) if w not in leftover)
        return [second, first] if named_first else [first, second]
    if leftover and _explained(index, number, leftover, wanted):
        return [_match(index, query, number, "contained", 90.0)]
    return []


def _closest_name_parts(index: Index, number: int, wanted: list[str]) -> list[str]:
    """The content stems, in their own order, of the entry's name that best fits the query's words."""
    names = index.names_of(number)
    parts = [[stem(w) for w in fold(n).split() if w not in STOP_WORDS and not _is_filler(w)] for n in names]
    return max(parts, key=lambda p: sum(any(_alike(w, x) for x in p) for w in wanted) - 0.01 * len(p))


def _leftover_via_aliases(index: Index, number: int, wanted: list[str]) -> list[str]:
    """The query's words that the entry's headword or closest alias does not account for."""
    best = wanted
    for name in index.names_of(number):
        parts = _name_parts(word_order_key(name))
        rest = [w for w in wanted if not any(_alike(w, p) for p in parts)]
        if len(rest) < len(best):
            best = rest
    return best


def allowed_edits(length: int) -> int:
    """Typos forgiven: one in a short word, two in a longer one, three or four in a long phrase."""
    return 1 if length <= 5 else 2 if length <= 12 else 3 if length <= 17 else 4


def _fuzzy(index: Index, query: str, limit: int) -> tuple[list[Match], list[Match]]:
    """(confident matches within a few edits, weaker ones worth suggesting)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import DamerauLevenshtein

    key = normalise(query)
    if len(key) < 3:
        return [], []
    choices = index.all_keys()
    found = process.extract(key, choices, scorer=fuzz.ratio, limit=limit * 6, score_cutoff=SUGGEST_CUTOFF)
    confident: dict[int, Match] = {}
    weak: dict[int, Match] = {}
    for name, similarity, _ in found:
        hit = index.key_hit(name)
        assert hit is not None  # the name came from the same table
        number, original, _kind = hit
        # A query may be a misspelling of the opening words of a longer name ("hegemonic stabilty").
        head = " ".join(name.split()[: len(key.split())])
        distance = min(DamerauLevenshtein.distance(key, name), DamerauLevenshtein.distance(key, head) + 1)
        if distance <= allowed_edits(len(key)) and len(key) >= 4:
            score = 100.0 - 4.0 * distance
            if number not in confident or score > confident[number].score:
                confident[number] = _match(index, query, number, "fuzzy", score, via=original)
        elif number not in weak or similarity > weak[number].score:
            weak[number] = _match(index, query, number, "fuzzy", float(similarity), via=original)
    order = sorted(confident.values(), key=lambda m: -m.score)
    return order[:limit], sorted(weak.values(), key=lambda m: -m.score)[:limit]


def _search_stage(index: Index, query: str) -> list[Match]:
    """A query naming something an entry is about (Kyoto, Desert Storm): its clear best full-text hit.

    Taken only when that entry leads the next, holds the words more than in passing, and, for several
    words, holds them as the phrase typed, so that "state fair" does not find an entry that says "state"
    in one place and "fair" in another.
    """
    from .search import ranked

    wanted = list(dict.fromkeys(_content_stems(query)))
    if not wanted or len(wanted) > 3:
        return []
    top = ranked(index, wanted, 2)
    if not top:
        return []
    number, score = top[0]
    runner_up = top[1][1] if len(top) > 1 else 0.0
    if score < SEARCH_MARGIN * runner_up or not _explained(index, number, wanted, wanted):
        return []
    if len(wanted) > 1:
        phrase = " ".join(w for w in fold(_strip_filler(query)).split() if w not in STOP_WORDS)
        entry = index.entry(number)
        text = fold(" ".join([entry.term, *entry.aliases, entry.summary, entry.definition,
                              *entry.arguments_for, *entry.arguments_against,
                              *(f"{c.event} {c.detail}" for c in entry.cases)]))  # fmt: skip
        if phrase not in text:
            return []
    return [_match(index, query, number, "search", 85.0)]


def lookup(index: Index, query: str, *, limit: int = 5) -> LookupResult:
    """The entry a query means, with close alternatives; or, when nothing is confident, suggestions only."""
    bare = _strip_filler(query)
    variants = [query] + ([bare] if bare and bare != fold(query) else [])
    for text in variants:
        if matches := _cheap_stages(index, text):
            return _result(query, matches, limit)
    contained: list[Match] = []
    for text in variants:
        if matches := _word_sets(index, text):
            if matches[0].method != "contained":
                return _result(query, matches, limit)
            contained = contained or matches
    # A close misspelling of a whole name ("Cuban Misile Crisis") outranks a shorter name found inside it.
    confident, weak = _fuzzy(index, query, limit)
    if not confident and bare and bare != fold(query):
        confident, more_weak = _fuzzy(index, bare, limit)
        weak = weak or more_weak
    if confident:
        return _result(query, confident, limit)
    if contained:
        return _result(query, contained, limit)
    if matches := _search_stage(index, query):
        return _result(query, matches, limit)
    return LookupResult(query=query, best=None, suggestions=tuple(m.matched for m in weak[:limit]))


def _result(query: str, matches: list[Match], limit: int) -> LookupResult:
    best = matches[0]
    best = Match(query=query, matched=best.matched, method=best.method, score=best.score, via=best.via)
    close = tuple(m for m in matches[1:] if best.score - m.score <= CLOSE_CALL)
    return LookupResult(query=query, best=best, alternatives=close[: limit - 1])
