"""The matching pipeline on the small fixture glossary: each stage, and refusing nonsense."""

from __future__ import annotations

import pytest

from irconcepts.index import Index, initials, word_order_key
from irconcepts.lookup import lookup
from irconcepts.text import normalise


@pytest.mark.parametrize(
    ("query", "term", "method"),
    [
        ("balance of power", "balance of power", "exact"),
        ("Balance Of Power", "balance of power", "exact"),
        ("BoP", "balance of power", "alias"),
        ("power balance", "balance of power", "alias"),
        ("the balance-of-power", "balance of power", "normalised"),
        ("detente", "détente", "alias"),
        ("DÉTENTE", "détente", "exact"),
        ("prisoners dilemma", "prisoners' dilemma", "normalised"),
        ("prisoner’s dilemma", "prisoners' dilemma", "normalised"),
        ("sovereign", "sovereignty", "inflected"),
        ("anarchical", "anarchy", "inflected"),
        ("balances of power", "balance of power", "inflected"),
        ("MI", "Mukden incident", "acronym"),
        ("power of balance", "balance of power", "word-order"),
        ("soverignty", "sovereignty", "fuzzy"),
        ("balanse of power", "balance of power", "fuzzy"),
        ("Lytton Report", "Mukden incident", "covers"),
        ("the lytton report", "Mukden incident", "covers"),
        ("balance of pwoer", "balance of power", "fuzzy"),
        ("Congress of Vienna balance of power", "balance of power", "contained"),
        ("sovereignty and anarchy", "sovereignty", "contained"),
        ("anarchy vs sovereignty", "anarchy", "contained"),
        ("what is anarchy", "anarchy", "exact"),
    ],
)
def test_stages(mini_index: Index, query: str, term: str, method: str) -> None:
    result = lookup(mini_index, query)
    assert result.best is not None, query
    assert (result.best.matched, result.best.method) == (term, method)


@pytest.mark.parametrize(
    "query",
    ["xyzzy", "chocolate cake recipe", "photosynthesis", "qqqq", "power nap", "Kenneth Waltz balance sheet"],
)
def test_nonsense_is_refused(mini_index: Index, query: str) -> None:
    result = lookup(mini_index, query)
    assert result.best is None


def test_refusal_offers_only_plausible_suggestions(mini_index: Index) -> None:
    result = lookup(mini_index, "sovreignity state")
    assert result.best is None or result.best.matched == "sovereignty"
    assert "détente" not in result.suggestions


def test_scores_are_ordered_by_stage(mini_index: Index) -> None:
    exact = lookup(mini_index, "anarchy").best
    fuzzy = lookup(mini_index, "anarhcy").best
    assert exact and fuzzy and exact.score > fuzzy.score >= 80


def test_key_helpers() -> None:
    assert initials("North Atlantic Treaty Organization") == "nato"
    assert initials("anarchy") == ""
    assert word_order_key("power balance") == word_order_key("balance of power")
    assert normalise("Organisation for Security and Co-operation") == "organization for security and co operation"
    assert normalise("defence") == normalise("defense")
    assert normalise("The Centre") == "center"


def test_two_entries_named_gives_the_other_as_an_alternative(mini_index: Index) -> None:
    result = lookup(mini_index, "sovereignty and anarchy")
    assert result.best and result.best.matched == "sovereignty"
    assert [m.matched for m in result.alternatives] == ["anarchy"]


def test_extra_words_must_be_explained_by_the_entry(mini_index: Index) -> None:
    # Waltz appears only in the reading list of the fixture's entry, not in its text
    assert lookup(mini_index, "Kenneth Waltz balance of power").best is None


def test_a_cover_says_it_is_covered(mini_index: Index) -> None:
    best = lookup(mini_index, "Lytton Report").best
    assert best is not None and best.covered and best.via == "Lytton Report"
    # a cover's typo is still a cover
    typo = lookup(mini_index, "Lyton Report").best
    assert typo is not None and typo.matched == "Mukden incident" and typo.covered


@pytest.mark.parametrize(
    "query",
    [
        "help",  # a word inside a name (self-help elsewhere) is not the name
        "low",  # an ordinary word is never read as initials
        "war",
        "sovereign debt",  # a known word plus another: not a typo of anything
        "balance sheet",
        "power ballad",
        "lawfare",
    ],
)
def test_real_words_are_not_typos_or_initials(mini_index: Index, query: str) -> None:
    assert lookup(mini_index, query).best is None, query


def test_a_known_word_is_not_read_as_a_misspelling_of_another() -> None:
    from irconcepts.index import compile_index
    from irconcepts.model import Entry

    def entry(term: str, text: str) -> Entry:
        return Entry(term, (), "theory", text, text, (), (), (), (), ())

    index = compile_index([entry("warfare", "Organised fighting."), entry("law", "Rules; lawfare is law as a weapon.")])
    assert lookup(index, "warfre").best is not None  # a misspelling
    assert lookup(index, "lawfare").best is None  # a word the glossary itself uses, so not a typo of warfare


def test_acronyms_only_when_typed_as_one(mini_index: Index) -> None:
    from irconcepts.index import compile_index
    from irconcepts.model import Entry

    assert lookup(mini_index, "MI").best is not None
    law_of_war = Entry(
        "law of war", (), "theory", "Law in war.", "The low and the high: law in war.", (), (), (), (), ()
    )
    index = compile_index([law_of_war])
    assert lookup(index, "LOW").best is not None  # typed as an acronym
    assert lookup(index, "low").best is None  # an ordinary word of the glossary
    assert lookup(mini_index, "mi").best is not None  # no word of the glossary, so initials


def test_refusal_says_where_the_words_are_discussed(mini_index: Index) -> None:
    result = lookup(mini_index, "Kwantung Army")
    assert result.best is None
    assert result.discussed_in == ("Mukden incident",)
