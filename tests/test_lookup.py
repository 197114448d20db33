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
        ("balanse of power", "balance of power", "inflected"),
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
