"""Text helpers shared by loading, lookup and search: cross-references, normal forms, tokens and stems."""

from __future__ import annotations

import functools
import re
from typing import Any

from .folding import APOSTROPHES, strip_accents

# [[term]] or [[term|shown text]]
CROSS_REF = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-_/"), " ")
# Letters and digits of every script are kept (a Cyrillic or Chinese term has a key of its own); the rest goes.
_NON_WORD = re.compile(r"[^\w ]+|_+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) (?=\S)")

# British spellings folded to American, applied word by word after accents are stripped.
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(defen|offen|licen|preten)ce(s?)$"), r"\1se\2"),
    (re.compile(r"(.{3,})isation(s?)$"), r"\1ization\2"),
    (re.compile(r"(.{3,})is(e|es|ed|ing|er|ers)$"), r"\1iz\2"),
    (re.compile(r"(.{2,}[^aeiou])our(s|ed|ing|able|ite|ites)?$"), r"\1or\2"),
    (re.compile(r"^(cen|thea|fib|lit|met|calib|spec)tre(s?)$"), r"\1ter\2"),
    (re.compile(r"^(cent|theat|fibr|litr|metr|calibr|spectr)es?$"), r"\1er"),
    (re.compile(r"(.{3,})yse(s|d)?$"), r"\1yze\2"),
    (re.compile(r"^(programme)(s?)$"), r"program\2"),
)
# Words in which -ise is not the verb suffix, so the spelling rule must leave them alone.
_ISE_EXCEPTIONS = frozenset(
    [
        "advise",
        "advertise",
        "apprise",
        "arise",
        "chastise",
        "circumcise",
        "comprise",
        "compromise",
        "concise",
        "despise",
        "devise",
        "disguise",
        "enterprise",
        "excise",
        "exercise",
        "expertise",
        "franchise",
        "improvise",
        "incise",
        "merchandise",
        "precise",
        "premise",
        "promise",
        "revise",
        "rise",
        "supervise",
        "surmise",
        "surprise",
        "televise",
        "treatise",
        "wise",
        "noise",
        "poise",
        "praise",
        "raise",
        "cruise",
        "bruise",
        "otherwise",
    ]
)
_OUR_EXCEPTIONS = frozenset(
    ["four", "hour", "pour", "tour", "your", "flour", "dour", "sour", "our", "devour", "contour"]
)


def fold(text: str) -> str:
    """Case, accents, dashes, apostrophes and punctuation folded away; words kept in order."""
    text = strip_accents(text).casefold().translate(APOSTROPHES).translate(_DASHES)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# The endings the rules above can change: a word ending otherwise skips the regular expressions.
_SPELLING_ENDINGS = (
    *("ce", "ces", "on", "ons", "se", "ses", "sed", "sing", "ser", "sers", "re", "res", "me", "mes"),
    *("our", "ours", "oured", "ouring", "ourable", "ourite", "ourites"),
)


@functools.lru_cache(maxsize=65536)
def american(word: str) -> str:
    if not word.endswith(_SPELLING_ENDINGS):
        return word
    if word in _ISE_EXCEPTIONS or word in _OUR_EXCEPTIONS or word.rstrip("s") in _ISE_EXCEPTIONS:
        return word
    for pattern, repl in _SPELLING_RULES:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


# Names and reference targets are normalised again and again (loading, checking, compiling): the cache holds
# every name of a 30,000-entry glossary, since a cycle through more names than it holds would never hit.
@functools.lru_cache(maxsize=1 << 17)
def normalise(text: str) -> str:
    """The key a lookup compares: folded, a leading article dropped, British spelling made American."""
    folded = _LEADING_ARTICLE.sub("", fold(text))
    return " ".join(american(w) for w in folded.split())


def compact(text: str) -> str:
    """normalise() without spaces, so that 'peace building', 'peace-building' and 'peacebuilding' meet."""
    return normalise(text).replace(" ", "")


STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    if text.isascii():
        # The same words as folding first, without its passes over the text: a first compile tokenises
        # the whole glossary through here. Only apostrophes join letters; every other mark splits words.
        return _WORD.findall(text.lower().replace("'", "").replace("`", ""))
    return _WORD.findall(fold(text))


# A light suffix stripper: enough to bring inflected and derived forms of the same word to one stem
# (sovereign/sovereignty, anarchy/anarchical, realist/realism, hegemon/hegemony, states/state).
_SUFFIXES: tuple[str, ...] = (
    "izations",
    "ization",
    "isations",
    "isation",
    "ational",
    "ically",
    "ialism",
    "ialist",
    "ations",
    "ically",
    "alisms",
    "alism",
    "alist",
    "ities",
    "ility",
    "ation",
    "ivity",
    "ively",
    "iness",
    "ness",
    "ments",
    "ment",
    "ance",
    "ence",
    "ship",
    "ical",
    "ists",
    "isms",
    "ized",
    "ised",
    "izes",
    "ises",
    "ical",
    "ism",
    "ist",
    "ity",
    "ize",
    "ise",
    "ing",
    "ive",
    "ial",
    "ian",
    "ies",
    "ied",
    "ous",
    "ful",
    "ly",
    "al",
    "ed",
    "er",
    "ty",
    "ic",
    "es",
    "y",
    "s",
    "e",
)


@functools.lru_cache(maxsize=65536)  # the same few thousand words recur across entries and snippets
@functools.lru_cache(maxsize=1 << 16)  # a compile stems every name's words; names share most of their words
def stem(word: str) -> str:
    word = american(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # a second, shorter pass catches stacked suffixes (nationalist -> nation, idealistic -> ideal)
    for suffix in ("al", "ic", "ist", "ism", "ity", "y", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return word


def stems(text: str, *, drop_stop_words: bool = True) -> list[str]:
    return [stem(w) for w in words(text) if not (drop_stop_words and w in STOP_WORDS)]


# Endings that make another form of the same word. Two words are one when they differ only by endings of
# the same class: realist/realism, anarchy/anarchical, sovereign/sovereignty, Korea/Korean. Stemmers
# conflate far more (globalism/globalization, decoloniality/decolonization, capital/capitalism), which is
# fine for ranking search hits but not for saying that a query *is* a name.
_ENDING_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split(","))
    for group in (
        ",s,es",  # plurals
        "is,es",  # crisis/crises
        "ism,isms,ist,ists,istic,istically",  # a doctrine and its adherents
        ",y,ies,ic,ical,ically",  # anarchy/anarchic/anarchical, hegemon/hegemony/hegemonic
        ",ty,ties,ity,ities",  # sovereign/sovereignty, bipolar/bipolarity
        "ization,izations,ize,izes,ized,izing",  # securitization/securitize
        "ation,ations,ate,ates,ated,ating",  # cooperation/cooperate
        "ence,ences,ent,ents",  # interdependence/interdependent, deterrence/deterrent
        "ion,ions,or,ors,ive",  # aggression/aggressor/aggressive
        "e,ing,ed,es,er,ers",  # balance/balancing/balanced
        "ing,ed,s,er,ers",  # bandwagon/bandwagoning
        "ma,mas,mata",  # dilemma
        "e,es,al",  # genocide/genocidal, tribe/tribal
        "e,es,inal,inals",  # crime/criminal
    )
)


# Only for proper names: Korea/Korean, Cuba/Cuban, Africa/African, China/Chinese (but crime is not Crimean).
_PROPER_ENDING_CLASSES: tuple[frozenset[str], ...] = (
    frozenset(",n,an,ans,ian,ians,ese".split(",")),
    frozenset("a,ese".split(",")),
)


@functools.lru_cache(maxsize=65536)
def same_word(a: str, b: str, *, proper: bool = False) -> bool:
    """Two folded words are forms of one word (see _ENDING_CLASSES); with proper, as names of places."""
    a, b = american(a), american(b)
    classes = _ENDING_CLASSES + _PROPER_ENDING_CLASSES if proper else _ENDING_CLASSES
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    for cut in range(common, max(3, common - 3), -1):  # the shared stem may end before the letters do
        ends = {a[cut:], b[cut:]}
        if cut >= 4 and any(ends <= group for group in classes):
            return True
    return False


@functools.cache
def _snowball() -> Any:
    import Stemmer  # PyStemmer, the C build of Snowball: imported only to search or to rebuild the index

    return Stemmer.Stemmer("english")


@functools.lru_cache(maxsize=65536)
def search_stem(word: str) -> str:
    """The Snowball (Porter2) stem that search postings are filed under; British spelling folded first."""
    return _snowball().stemWord(american(word))


def search_stems(text: str) -> list[str]:
    """The words of a text that search counts: stop words dropped, each as its Snowball stem."""
    return [search_stem(w) for w in words(text) if w not in STOP_WORDS]


def plain_refs(text: str) -> str:
    """Cross-references replaced by their shown text."""
    return CROSS_REF.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
