"""Full-text search: ranking, snippets and their highlighting."""

from __future__ import annotations

import pytest

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


@pytest.fixture(scope="module")
def glossary() -> Index:
    from irconcepts.cache import open_index

    return open_index(use_cache=False)


def test_search_answers_questions(glossary: Index) -> None:
    """The questions students ask, answered by the right entries (issue 12)."""
    assert search(glossary, "who coined soft power", limit=1)[0].term == "soft power"
    assert "neoliberal institutionalism" in [
        h.term for h in search(glossary, "why do states cooperate under anarchy", limit=3)
    ]
    top5 = [h.term for h in search(glossary, "state of nature", limit=5)]
    assert {"self-help", "realism"} <= set(top5), top5


def test_snowball_keeps_apart_what_the_old_stemmer_merged() -> None:
    from irconcepts.text import search_stem

    assert search_stem("internal") != search_stem("international")
    assert search_stem("police") != search_stem("policy")
    assert search_stem("really") != search_stem("realism")


def test_near_forms_of_a_word_still_meet(glossary: Index) -> None:
    # Snowball keeps "democracies" and "democratic" apart; search reads stems sharing their opening letters
    top = [h.term for h in search(glossary, "why don't democracies go to war with each other", limit=5)]
    assert "democratic peace" in top
