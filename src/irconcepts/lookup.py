"""Query -> the entry it names, or an honest "no entry".

A lookup answers only when the entry it shows *is* what was asked: the headword, a synonym (an alias), a name
the entry covers, or one of these misspelt, inflected, abbreviated or reordered. Anything else, however close
its words, gets no best match: the result then lists the entries that discuss the words and, only for
plausible misspellings, what may have been meant. A confident wrong answer is the worst thing a glossary can
do, so every stage errs towards "no entry".

The stages run strictest first (STAGES); the first that answers wins and is reported as `method`. The
query is prepared once (Query) and every stage reads it. A query wrapped in question words ("what is
deterrence", "realism in IR") is tried again without the wrapper, only through the strict stages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .index import Index, word_order_key
from .model import LookupResult, Match
from .text import STOP_WORDS, american, compact, fold, normalise, same_word, search_stem, search_stems, stem, stems

# Wrappers a student puts round a term. Stripped only from the ends, and only when the rest names an entry.
_LEADING = (
    r"^(?:(?:what|who) (?:is|are|was|were|does|do)(?: meant by| the| a| an)?|what s|whats|define|definition of|"
    r"lecture \d+|week \d+|pls|please|"
    r"meaning of|explain|describe|tell me about|notes on|(?:the )?(?:concept|idea|notion|theory|doctrine) of)\s+"
)
_TRAILING = (
    r"\s+(?:(?:in|of) (?:ir|international relations|international politics)|ir|definition|meaning|mean|means|concept|"
    r"theory|thesis|doctrine|explained|lecture \d+|week \d+|essay|notes|article|paper|book|game|debate|pls|please)$"
)
# Words that join two names ("realism vs liberalism", "NAM during the Cold War"); never part of what is asked.
CONNECTORS = frozenset("vs versus v and or during in with against compared".split())
CLOSE_CALL = 4.0  # entries within this many points of the best are listed as alternatives
EXPLAINED_RANK = 5  # extra words are explained by an entry ranked this high for them...
EXPLAINED_WEIGHT = 2.0  # ...that holds them more than in passing (twice, or in its summary or names)
TYPO_CANDIDATES = 40  # names RapidFuzz proposes for the per-word typo check
TYPO_SIMILARITY = 55.0  # below this whole-name similarity no name is worth checking word by word
TAIL_WORDS = frozenset(["theory", "doctrine"])  # a name may end in these when the query stops short
# Words left over beside a name that do not make it another concept ("UN peacekeeping operations").
PART_NAME_SPREAD = 4  # a part of a name answers only if its rarest word is in at most this many entries
COURSE_WORDS = frozenset("theory theories game games debate debates operation operations article book".split())


@dataclass(frozen=True)
class Query:
    """What was typed, prepared once for every stage."""

    raw: str
    text: str  # stripped of surrounding space
    folded: str  # case, accents, punctuation folded
    key: str  # normalise(): the form name keys are filed under
    words: tuple[str, ...]  # folded words, in order
    content: tuple[str, ...]  # stems of the words that carry meaning (no stop words, no connectors)

    @property
    def acronym_form(self) -> str | None:
        """The letters, when typed as an acronym might be: one short token of letters and digits."""
        token = self.text.replace(".", "")
        if " " in self.text or not 2 <= len(token) <= 6 or not token.isalnum():
            return None
        return token.casefold()

    @property
    def typed_as_acronym(self) -> bool:
        """With capitals, dots or digits ("UN", "N.A.T.O.", "R2P"), not as a lower-case word."""
        token = self.text.replace(".", "")
        return token != token.lower() or "." in self.text or any(c.isdigit() for c in token)


def prepare(raw: str) -> Query:
    text = raw.strip()
    folded = fold(text)
    words = tuple(folded.split())
    content = tuple(stem(w) for w in words if w not in STOP_WORDS and w not in CONNECTORS)
    return Query(raw=raw, text=text, folded=folded, key=normalise(text), words=words, content=content)


def unwrapped(query: Query, *, trailing: bool = True) -> Query | None:
    """The query without question words and course wrappers round it, if it had any. Without trailing,
    only the leading ones go: "Nixon Doctrine" must not become "Nixon" for the loose stages."""
    text = query.folded
    while True:
        shorter = re.sub(_LEADING, "", text)
        shorter = re.sub(_TRAILING, "", shorter) if trailing else shorter
        if shorter == text:
            break
        text = shorter
    return prepare(text) if text and text != query.folded else None


def _match(index: Index, query: Query, number: int, method: str, score: float, via: str = "", *,
           covered: bool = False) -> Match:  # fmt: skip
    return Match(query=query.raw, matched=index.term(number), method=method, score=score, via=via, covered=covered)


def _ranked_by_closeness(
    index: Index, query: Query, refs: list[tuple[int, bool]], method: str, score: float
) -> list[Match]:
    """Several entries share a derived key: a name's own entry before a cover's, then the closest headword."""
    if len(refs) == 1:
        number, covered = refs[0]
        return [_match(index, query, number, method, score, covered=covered)]
    from rapidfuzz import fuzz

    ordered = sorted(refs, key=lambda ref: (ref[1], -fuzz.ratio(query.key, normalise(index.term(ref[0])))))
    seen: dict[int, Match] = {}
    for number, covered in ordered:
        if number not in seen:
            seen[number] = _match(index, query, number, method, score - 2 * bool(seen), covered=covered)
    return list(seen.values())


# The stages. Each takes the prepared query and returns its matches, best first, or nothing.


def _names(index: Index, query: Query) -> list[Match]:
    """The headword, an alias or a cover, as typed or in another case, spelling or punctuation."""
    hit = index.key_hit(query.key)
    if hit is None:
        return []
    number, name, kind = hit
    typed = query.text.casefold()
    if kind == "cover":
        return [_match(index, query, number, "covers", 100.0, via=name, covered=True)]
    if kind == "term" and name.casefold() == typed:
        return [_match(index, query, number, "exact", 100.0)]
    if kind == "alias" and name.casefold() == typed:
        return [_match(index, query, number, "alias", 100.0, via=name)]
    alias = next((a for a in index.names_of(number)[1:] if a.casefold() == typed), None)
    if alias is not None:
        return [_match(index, query, number, "alias", 100.0, via=alias)]
    return [_match(index, query, number, "normalised", 99.0, via=name)]


def _compact(index: Index, query: Query) -> list[Match]:
    """The same letters with spaces or hyphens elsewhere: peace building, peacebuilding."""
    squeezed = compact(query.text)
    hit = index.compact_hit(squeezed) if squeezed else None
    if hit is None:
        return []
    return [_match(index, query, hit[0], "normalised", 98.0, covered=hit[1])]


def _same(index: Index, typed: str, name_word: str) -> bool:
    """same_word, with the endings of place names (Korea/Korean) allowed for a name the glossary capitalises."""
    return same_word(typed, name_word, proper=index.word_flag(name_word) == "u")


_NAME_STOP_WORDS = STOP_WORDS - {"i"}  # "World War I": in a name, i is a numeral


def _content_words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in _NAME_STOP_WORDS and w not in CONNECTORS]


def _fitting_name(index: Index, number: int, typed: list[str], *, in_order: bool) -> tuple[str, list[int]] | None:
    """The entry's name (headword, alias or cover) whose content words are all among the typed words, as
    forms of the same words (same_word): the name and the places of the typed words it used, the most first."""
    entry = index.entry(number)
    best: tuple[str, list[int]] | None = None
    for name in (entry.term, *entry.aliases, *entry.covers):
        parts = _content_words(name)
        if not parts or len(parts) > len(typed):
            continue
        if in_order:
            used = list(range(len(parts))) if len(parts) == len(typed) else []
            if not used or not all(_same(index, a, b) for a, b in zip(typed, parts, strict=True)):
                continue
        else:
            used = []
            for part in parts:
                spot = next((i for i, w in enumerate(typed) if i not in used and _same(index, w, part)), None)
                if spot is None:
                    break
                used.append(spot)
            if len(used) != len(parts):
                continue
        if best is None or len(used) > len(best[1]):
            best = (name, used)
    return best


def _verified(index: Index, query: Query, refs: list[tuple[int, bool]], *, in_order: bool) -> list[tuple[int, bool]]:
    """The entries a derived key proposed whose names really are the typed words in other forms."""
    typed = _content_words(query.text)
    kept = []
    for number, _covered in refs:
        fit = _fitting_name(index, number, typed, in_order=in_order)
        if fit is not None and len(fit[1]) == len(typed):
            kept.append((number, fit[0] in index.entry(number).covers))
    return kept


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _inflected(index: Index, query: Query) -> list[Match]:
    """Other endings of the same words: sovereign states, realist, proxy wars."""
    refs = index.numbers("stems", " ".join(stems(query.text, drop_stop_words=False)))
    refs = _verified(index, query, refs, in_order=True) if refs else []
    if refs:
        return _ranked_by_closeness(index, query, refs, "inflected", 96.0)
    singular = " ".join(_singular(w) for w in query.words)  # short words the stemmer leaves alone: wars
    hit = index.key_hit(normalise(singular)) if singular != query.folded else None
    if hit is None:
        return []
    return [_match(index, query, hit[0], "inflected", 96.0, via=hit[1], covered=hit[2] == "cover")]


def _acronym(index: Index, query: Query) -> list[Match]:
    """Initials, for a query typed as an acronym ("MI") or a lower-case token that is no word of the
    glossary ("bop"); an ordinary word such as "low" or "war" is never initials. (An alias such as UN was
    found by _names already.)"""
    letters = query.acronym_form
    if letters is None or (not query.typed_as_acronym and index.word_flag(letters) == "l"):
        return []
    refs = index.numbers("acronyms", letters)
    return _ranked_by_closeness(index, query, refs, "acronym", 95.0) if refs else []


def _word_order(index: Index, query: Query) -> list[Match]:
    """The same content words in another order: power balance."""
    order = word_order_key(query.text)
    refs = index.numbers("orders", order) if " " in order else []
    refs = _verified(index, query, refs, in_order=False) if refs else []
    return _ranked_by_closeness(index, query, refs, "word-order", 94.0) if refs else []


def allowed_edits(length: int) -> int:
    """Typos forgiven in one word of this many letters: none in a short word, more in a long one."""
    return 0 if length <= 3 else 1 if length <= 6 else 2 if length <= 14 else 3


def _word_edits(index: Index, typed: list[str], name: list[str], *, strict: bool = True) -> int | None:
    """Edits that turn the query's words into the name's, word by word; None if some word is not a
    plausible misspelling of the word it stands for. A word the glossary uses as an ordinary word is
    itself, not a typo of another (lawfare is not warfare, Balfour is not Bangkok), when strict."""
    from rapidfuzz.distance import DamerauLevenshtein

    tail = len(name) > len(typed) and all(w in TAIL_WORDS for w in name[len(typed) :])
    if tail:
        name = name[: len(typed)]  # hegemonic stabilty -> hegemonic stability theory
    if len(name) != len(typed):
        return None
    total = 1 if tail else 0  # the head of a name is not the name: counted, and only taken with a typo besides
    for word, target in zip(typed, name, strict=True):
        if _same(index, word, target):
            continue
        if strict and index.word_flag(word) == "l":
            return None
        edits = DamerauLevenshtein.distance(word, target)
        if edits > allowed_edits(len(target)):
            # a misspelt form of the word ("sovreign" for sovereignty): one slip in a long stem
            # a slip inside the stem of another form of the word ("sovreign" for sovereignty): the typed
            # word's ending on the name's stem must make a form of the name's word
            typed_stem, target_stem = stem(word), stem(target)
            repaired = target_stem + word[len(typed_stem) :] if word.startswith(typed_stem) else ""
            stem_edits = DamerauLevenshtein.distance(typed_stem, target_stem)
            if stem_edits != 1 or len(target_stem) < 6 or not same_word(repaired, target):
                return None
            edits = stem_edits + 1
        if edits > 1 and word[0] != target[0]:
            return None  # typists rarely miss a word's first letter twice over
        total += edits
    return None if tail and total == 1 else total  # the head of a name alone ("international relations")


def _typo_candidates(index: Index, query: Query) -> list[tuple[str, float]]:
    from rapidfuzz import fuzz, process

    found = process.extract(
        query.key, index.all_keys(), scorer=fuzz.ratio, limit=TYPO_CANDIDATES, score_cutoff=TYPO_SIMILARITY
    )
    return [(name, similarity) for name, similarity, _ in found]


def _typo(index: Index, query: Query) -> list[Match]:
    """A misspelling of a name, judged word by word (see _word_edits)."""
    if len(query.key.replace(" ", "")) < 4 or (query.text.isupper() and " " not in query.text):
        return []  # an acronym is typed as it is (OPEC is not APEC)
    typed = [american(w) for w in query.words]
    best: dict[int, Match] = {}
    for name, _ in _typo_candidates(index, query):
        edits = _word_edits(index, typed, name.split())
        if edits is None:
            continue
        hit = index.key_hit(name)
        if hit is None:
            continue
        number, original, kind = hit
        method = "fuzzy" if edits else "inflected"  # no edits: the same words in other forms (war criminal)
        score = 100.0 - 4.0 * max(edits, 1) - (1.0 if kind == "cover" else 0.0)
        if number not in best or score > best[number].score:
            best[number] = _match(index, query, number, method, score, via=original, covered=kind == "cover")
    return sorted(best.values(), key=lambda m: -m.score)


def suggestions(index: Index, query: Query, limit: int) -> list[str]:
    """Headwords the query may be a misspelling of: the word-by-word test without the ordinary-word rule."""
    if len(query.key.replace(" ", "")) < 4:
        return []
    typed = [american(w) for w in query.words]
    found: list[str] = []
    for name, _ in _typo_candidates(index, query):
        if _word_edits(index, typed, name.split(), strict=False) is not None and (hit := index.key_hit(name)):
            term = index.term(hit[0])
            if term not in found:
                found.append(term)
    return found[:limit]


def _alike(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one a prefix of the other by a short ending (korea/korean)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and len(long) - len(short) <= 3 and long.startswith(short)


def _orders_near(index: Index, wanted: tuple[str, ...], *, rarest: bool = False) -> dict[str, list[tuple[int, bool]]]:
    """The word-order keys that share a word with the query, allowing the short endings _alike allows.
    With rarest, only the keys whose rarest word that is (see Index.orders_with)."""
    found: dict[str, list[tuple[int, bool]]] = {}
    for word in dict.fromkeys(wanted):
        found.update(index.orders_with(word, prefix=len(word) >= 4, rarest=rarest))  # korea -> korean
        for cut in (1, 2, 3):  # korean -> korea
            if len(word) - cut >= 4:
                found.update(index.orders_with(word[:-cut], rarest=rarest))
    return found


def _explained(index: Index, number: int, leftover: list[str], query: Query) -> bool:
    """The query's extra words are something this entry is notably about (a name, a date, a place): the
    entry ranks high for the whole query and holds the extra words more than in passing."""
    from .search import ranked

    wanted = search_stems(query.text)
    if number not in {n for n, _ in ranked(index, wanted, EXPLAINED_RANK)}:
        return False
    extra = search_stems(" ".join(leftover))
    weight = sum(tf for word in extra for n, tf in index.posting(word) if n == number)
    return bool(extra) and weight >= EXPLAINED_WEIGHT


def _near(index: Index, wanted: tuple[str, ...], *, rarest: bool = False) -> list[int]:
    """Entries with a name sharing a word with `wanted` (stems, allowing short endings): the candidates
    that _contained and _part_of_name then check word by word. With rarest, only names whose rarest word
    is among them: enough when every word of the name must be in the query, and bounded by that word's
    names, not by how many names share a common word."""
    found: dict[int, None] = {}
    for refs in _orders_near(index, wanted, rarest=rarest).values():
        found.update((number, None) for number, _ in refs)
    return list(found)


def _contained(index: Index, query: Query) -> list[Match]:
    """A name whose words are all among the query's, in any order and form.

    With no words left over this is a word-order match ("war in Korea", "Union of Africa"). With words
    left over it is a contained match, taken only when they name a second entry ("realism vs liberalism":
    the first named wins, the other is an alternative) or are names, dates or course words that the entry
    explains ("Kenneth Waltz neorealism", "Peace of Westphalia 1648"); an ordinary word left over makes
    another concept ("liberal hegemony", "feminist foreign policy"), which is refused.
    """
    typed = _content_words(query.text)
    if not typed:
        return []
    fits = []
    for number in _near(index, query.content, rarest=True):
        fit = _fitting_name(index, number, typed, in_order=False)
        if fit is not None:
            fits.append((len(fit[1]), -number, fit))
    for _count, minus_number, (name, used) in sorted(fits, reverse=True)[:8]:
        number = -minus_number
        covered = name in index.entry(number).covers
        leftover = [w for i, w in enumerate(typed) if i not in used]
        if not leftover:
            if len(typed) == 1 and typed[0] == fold(name):
                continue  # the same word: a stricter stage would have found it
            return [_match(index, query, number, "word-order", 93.0, via=name, covered=covered)]
        if found := _with_leftover(index, query, number, covered, typed, leftover):
            return found
    return []


def _with_leftover(
    index: Index, query: Query, number: int, covered: bool, typed: list[str], leftover: list[str]
) -> list[Match]:
    joined = any(w in CONNECTORS for w in query.words)
    if joined:
        other = _strict(index, prepare(" ".join(leftover)))
        if not other or other[0].matched == index.term(number):
            return []
        first = _match(index, query, number, "contained", 90.0, covered=covered)
        second = Match(query.raw, other[0].matched, "contained", 90.0, covered=other[0].covered)
        named_first = typed.index(leftover[0]) < min(i for i, w in enumerate(typed) if w not in leftover)
        return [second, first] if named_first else [first, second]
    if all(w in COURSE_WORDS for w in leftover):
        return [_match(index, query, number, "contained", 90.0, covered=covered)]
    names_and_dates = all(w.isdigit() or index.word_flag(w) == "u" or w in COURSE_WORDS for w in leftover)
    if names_and_dates and _explained(index, number, leftover, query):
        return [_match(index, query, number, "contained", 90.0, covered=covered)]
    return []


def _part_of_name(index: Index, query: Query) -> list[Match]:
    """Words that are part of exactly one entry's name: "Kyoto" (the Kyoto Protocol, covered in climate
    change), "Desert Storm". A proper name must be among the words: ordinary words are not a name."""
    typed = _content_words(query.text)
    if not typed or len(typed) > 4 or not any(index.word_flag(w) == "u" or w.isdigit() for w in typed):
        return []  # ordinary words inside a longer name ("third party", "help") do not name it
    spread, rarest = min((len(index.posting(search_stem(w))), w) for w in typed)
    if spread > PART_NAME_SPREAD:
        return []  # a name the glossary uses widely (Thucydides, the Hague, Lenin) is more than this one thing
    found: dict[int, str] = {}
    # every typed word must be in the name: the names holding the rarest one are all the candidates
    for number in _near(index, (stem(rarest),)):
        entry = index.entry(number)
        for name in (entry.term, *entry.aliases, *entry.covers):
            parts = _content_words(name)
            spans = range(len(parts) - len(typed) + 1) if len(parts) > len(typed) else range(0)
            if any(all(_same(index, a, b) for a, b in zip(typed, parts[i:], strict=False)) for i in spans):
                found.setdefault(number, name)
    if len(found) != 1:
        return []
    number, name = next(iter(found.items()))
    return [_match(index, query, number, "part-name", 88.0, via=name, covered=name in index.entry(number).covers)]


Stage = Callable[[Index, Query], list[Match]]
STRICT_STAGES: tuple[tuple[str, Stage], ...] = (
    ("names", _names),
    ("compact", _compact),
    ("inflected", _inflected),
    ("acronym", _acronym),
    ("word-order", _word_order),
    ("typo", _typo),
)
LOOSE_STAGES: tuple[tuple[str, Stage], ...] = (("contained", _contained), ("part-name", _part_of_name))
STAGES = STRICT_STAGES + LOOSE_STAGES  # the whole order, for documentation and per-stage evaluation


def _strict(index: Index, query: Query) -> list[Match]:
    for _name, stage in STRICT_STAGES:
        if matches := stage(index, query):
            return matches
    return []


def lookup(index: Index, query: str, *, limit: int = 5) -> LookupResult:
    """The entry a query names, with close alternatives; or, when none is named, where its words are
    discussed and (only for plausible misspellings) suggestions."""
    prepared = prepare(query)
    if not prepared.folded:
        return LookupResult(query=query, best=None)
    if matches := _strict(index, prepared):
        return _result(query, matches, limit)
    inner = unwrapped(prepared)  # only now: an exact lookup never pays for the wrapper patterns
    if inner is not None and (matches := _strict(index, inner)):
        return _result(query, matches, limit)
    if prepared.words[0] in STOP_WORDS - {"the", "a", "an"}:
        return _nothing(index, query, inner or prepared, limit)  # "On War", "Of Paradise and Power": a title
    for _name, stage in LOOSE_STAGES:
        for candidate in (prepared, unwrapped(prepared, trailing=False)):
            if candidate is not None and (matches := stage(index, candidate)):
                return _result(query, matches, limit)
    return _nothing(index, query, inner or prepared, limit)


def _nothing(index: Index, query: str, target: Query, limit: int) -> LookupResult:
    from .search import discussing

    return LookupResult(
        query=query,
        best=None,
        suggestions=tuple(suggestions(index, target, limit)),
        discussed_in=tuple(discussing(index, target.text, limit=3)),
    )


def _result(query: str, matches: list[Match], limit: int) -> LookupResult:
    best = replace(matches[0], query=query)  # the query as typed, even when its unwrapped form matched
    close = tuple(m for m in matches[1:] if best.score - m.score <= CLOSE_CALL)
    return LookupResult(query=query, best=best, alternatives=close[: limit - 1])
