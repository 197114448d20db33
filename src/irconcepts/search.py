"""Full-text search: BM25 over the compiled postings (term and aliases weighted highest), with snippets."""

from __future__ import annotations

import functools
import math
import re

from .index import Index, search_fields
from .model import Entry, SearchHit
from .text import fold, search_stem, search_stems, words

K1 = 1.2
B = 0.75
SNIPPET_CHARS = 220
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_TOKEN = re.compile(r"[\w'’-]+|[^\w]+")


def scores(index: Index, wanted: list[str]) -> dict[int, float]:
    """BM25 score of every entry holding any of the stems `wanted`."""
    total = len(index)
    if not wanted or not total:
        return {}
    average = sum(index.doc_lengths) / total or 1.0
    found: dict[int, float] = {}
    for token in wanted:
        postings = index.posting(token)
        if not postings:
            continue
        idf = math.log(1.0 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
        for number, tf in postings:
            norm = K1 * (1.0 - B + B * index.doc_lengths[number] / average)
            found[number] = found.get(number, 0.0) + idf * tf * (K1 + 1.0) / (tf + norm)
    return found


def ranked(index: Index, wanted: list[str], limit: int) -> list[tuple[int, float]]:
    by_score = sorted(scores(index, wanted).items(), key=lambda item: (-item[1], item[0]))
    return by_score[:limit]


RERANK = 60  # the BM25 leaders that are read to check the query's words as a phrase
PHRASE_WEIGHT = 0.5  # a phrase match adds this share of the best BM25 score, more in weightier fields
NAME_IN_QUERY_WEIGHT = 0.4  # per word of an entry's name found whole in the query
GIST_WEIGHT = 0.6  # all the query's words in an entry's summary and names
RELATED_FORM_WEIGHT = 0.5  # a stem sharing the query stem's letters but one (democracies ~ democratic)
DISCUSS_READ = 200  # entries read, best first, for where a term with no entry is discussed


def _related_forms(index: Index, token: str) -> list[str]:
    """Other stems filed under the same opening letters: Snowball keeps democraci and democrat apart."""
    if len(token) < 7:
        return []
    lines = index.lines("postings", token[: len(token) - 2])
    return [line.split("\t", 1)[0] for line in lines if not line.startswith(token + "\t")][:8]


def search(index: Index, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Entries best first: BM25 over the words (and near forms of them), then the leaders re-ranked so that
    entries holding the words as the phrase typed ("state of nature"), above all in their names and
    summaries, come first."""
    wanted = list(dict.fromkeys(search_stems(query)))
    found = scores(index, wanted)
    for token in wanted:
        for form in _related_forms(index, token):
            for number, score in scores(index, [form]).items():
                found[number] = found.get(number, 0.0) + RELATED_FORM_WEIGHT * score
    leaders = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:RERANK]
    phrase = " ".join(fold(query).split())
    if leaders and len(wanted) > 1:
        top = leaders[0][1]
        # only an entry holding every word can hold the phrase: the others are not read for it
        holding = set.intersection(*({n for n, _ in index.posting(w)} for w in wanted))
        leaders = sorted(
            ((n, score + top * _closeness(index.entry(n), phrase, set(wanted), n in holding)) for n, score in leaders),
            key=lambda item: (-item[1], item[0]),
        )
    return [SearchHit(index.term(n), score, snippet(index.entry(n), set(wanted))) for n, score in leaders[:limit]]


def _closeness(entry: Entry, phrase: str, wanted: set[str], may_hold_phrase: bool) -> float:
    """How closely an entry answers a query of several words, as a share of the best BM25 score: it holds the
    words as the phrase typed; one of its names stands in the query ("who coined soft power": the longer the
    name, the surer); its summary and names hold the query's words (a question in other words)."""
    names = [fold(name) for name in (entry.term, *entry.aliases, *entry.covers)]
    padded = f" {phrase} "
    named = max((len(name.split()) for name in names if f" {name} " in padded), default=0)
    # a question in other words has three or more: "state of nature" is a phrase, not a question
    gist = set(search_stems(" ".join([entry.summary, *names]))) if len(wanted) >= 3 else set()
    coverage = len(wanted & gist) / len(wanted)
    return (
        PHRASE_WEIGHT * (_phrase_weight(entry, phrase) if may_hold_phrase else 0.0)
        + NAME_IN_QUERY_WEIGHT * named
        + GIST_WEIGHT * coverage * coverage
    )


def _phrase_weight(entry: Entry, phrase: str) -> float:
    """How much of the entry holds the phrase: each field that does counts its search weight, once."""
    from .index import FIELD_WEIGHTS

    pattern = _phrase_pattern(phrase)
    held = [name for name, text in search_fields(entry).items() if pattern.search(text)]
    return (1.0 + sum(FIELD_WEIGHTS[name] for name in held) / FIELD_WEIGHTS["term"]) if held else 0.0


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The folded phrase found in raw text, case-insensitively, across punctuation and dashes (folding every
    field of every leader first cost a search some 25 ms)."""
    joined = r"[\W_]+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<![^\W_]){joined}(?![^\W_])", re.IGNORECASE)


def discussing(index: Index, query: str, *, limit: int) -> list[str]:
    """Where a term with no entry is discussed: the entries that hold its word, or, for several words, that
    hold them as the phrase typed (entries that merely use each word somewhere do not discuss the term)."""
    wanted = list(dict.fromkeys(search_stems(query)))
    if not wanted:
        return []
    holding = set.intersection(*({n for n, _ in index.posting(w)} for w in wanted))
    if not holding:
        return []
    leaders = [n for n, _ in ranked(index, wanted, len(index)) if n in holding]
    if len(wanted) == 1:
        return [index.term(n) for n in leaders[:limit]]
    # Read entries best first and stop at `limit`: words that thousands of entries share must not make a
    # refusal read them all, so only the DISCUSS_READ best-ranked are checked for the phrase.
    phrase = " ".join(fold(query).split())
    found: list[str] = []
    for number in leaders[:DISCUSS_READ]:
        if _phrase_weight(index.entry(number), phrase) > 0:
            found.append(index.term(number))
            if len(found) == limit:
                break
    return found


def snippet(entry: Entry, wanted: set[str]) -> str:
    """The passage that holds most of the query's words, trimmed, with those words wrapped in ** **."""
    fields = search_fields(entry)
    passages = [fields["summary"]]
    for name in ("definition", "arguments"):
        passages.extend(s for s in _SENTENCE.split(fields[name]) if s.strip())
    passages.extend(f"{c.date}, {c.event}: {c.detail}" for c in entry.cases)

    def coverage(passage: str) -> tuple[int, int]:
        folded = fold(passage)
        if not any(w[:4] in folded for w in wanted):  # a stem's first letters are its words': cheap rejection
            return 0, -len(passage)
        found = {search_stem(w) for w in folded.split()} & wanted
        return len(found), -len(passage)

    best = max(passages, key=coverage)
    if coverage(best)[0] == 0:
        best = fields["summary"]
    return highlight(_trim(best, wanted), wanted)


def _trim(passage: str, wanted: set[str]) -> str:
    if len(passage) <= SNIPPET_CHARS:
        return passage
    first = min(
        (m.start() for m in re.finditer(r"\w+", passage) if search_stem(fold(m.group())) in wanted),
        default=0,
    )
    start = max(0, first - SNIPPET_CHARS // 3)
    start = passage.rfind(" ", 0, start) + 1 if start else 0
    end = passage.find(" ", start + SNIPPET_CHARS)
    end = len(passage) if end == -1 else end
    return ("…" if start else "") + passage[start:end].strip() + ("…" if end < len(passage) else "")


def highlight(passage: str, wanted: set[str]) -> str:
    out = []
    for token in _TOKEN.findall(passage):
        if token[0].isalnum() and any(search_stem(w) in wanted for w in words(token)):
            out.append(f"**{token}**")
        else:
            out.append(token)
    return "".join(out)
