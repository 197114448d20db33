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
        ("what is anarchy", "anarchy", "exact"),
    ],
)
def test_stages(mini_index: Index, query: str, term: str, method: str) -> None:
    result = lookup(mini_index, query)
    assert result.best is not None, query
    assert (result.best.matched, result.best.method) == (term, method)


@pytest.mark.parametrize("query", ["xyzzy", "chocolate cake recipe", "photosynthesis", "qqqq"])
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
