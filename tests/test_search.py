"""Full-text search: ranking, snippets and their highlighting."""

from __future__ import annotations

from irconcepts.index import Index
from irconcepts.search import search


def test_question_style_query_puts_the_answering_entry_first(mini_index: Index) -> None:
    hits = search(mini_index, "Mukden railway explosion")
    assert hits[0].term == "Mukden incident"
    assert "**explosion**" in hits[0].snippet


def test_term_field_outweighs_a_passing_mention(mini_index: Index) -> None:
    hits = search(mini_index, "sovereignty")
    assert hits[0].term == "sovereignty"
    assert {h.term for h in hits} >= {"balance of power", "anarchy"}


def test_stemming_and_stop_words(mini_index: Index) -> None:
    # "confessing" and "confessed" share a stem; "the" and "of" are ignored.
    hits = search(mini_index, "the confession of prisoners")
    assert hits[0].term == "prisoners' dilemma"


def test_limit_and_scores_descend(mini_index: Index) -> None:
    hits = search(mini_index, "power states", limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


def test_no_words_no_hits(mini_index: Index) -> None:
    assert search(mini_index, "the of and") == []
    assert search(mini_index, "xyzzy") == []
