"""Loading and validation: one test per kind of problem, each reported as file:line: message."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from irconcepts.load import load_text
from irconcepts.text import CROSS_REF
from irconcepts.validate import load_glossary, unclosed_openings

GOOD = """\
- term: anarchy
  theme: theory
  summary: No government above states.
  definition: |
    Paragraph one
    continues here.

    Paragraph two names [[sovereignty]].
  see_also: [sovereignty]
- term: sovereignty
  theme: concepts-of-the-state
  summary: Supreme authority.
  definition: Final authority at home.
"""


def problems_of(tmp_path: Path, text: str, name: str = "g.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, problems = load_glossary([path])
    return [str(p).replace(str(path), name) for p in problems]


def test_good_file_loads_and_reflows_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(GOOD)
    entries, problems = load_glossary([path])
    assert problems == []
    anarchy = next(e for e in entries if e.term == "anarchy")
    assert anarchy.definition == "Paragraph one continues here.\n\nParagraph two names [[sovereignty]]."
    assert anarchy.line == 1 and anarchy.source == str(path)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    bad = GOOD.replace("  summary: Supreme authority.", "  summary: [unclosed")
    [message] = problems_of(tmp_path, bad)
    assert message == (
        "g.yaml:13: YAML syntax error: while parsing a flow sequence (started at line 12), "
        "did not find expected ',' or ']'"
    )


def test_boolean_where_text_is_needed(tmp_path: Path) -> None:
    bad = GOOD.replace("- term: sovereignty", "- term: NO")
    messages = problems_of(tmp_path, bad)
    assert "g.yaml:10: term must be text, but YAML reads a true/false value ('NO'); put it in quotes" in messages[0]


def test_number_where_text_is_needed(tmp_path: Path) -> None:
    bad = GOOD.replace("  summary: Supreme authority.", "  summary: 1648")
    assert problems_of(tmp_path, bad) == [
        "g.yaml:12: entry 'sovereignty': summary must be text, but YAML reads a number ('1648'); "
        "put it in quotes to make it text"
    ]


def test_year_may_be_a_number() -> None:
    text = GOOD.replace(
        "  definition: Final authority at home.",
        "  definition: Final authority at home.\n  further_reading:\n"
        "    - {author: 'Bodin, Jean', year: 1576, title: Six Books, published: Paris}",
    )
    result = load_text(text, "g.yaml")
    assert result.problems == []
    assert result.entries[1].entry.further_reading[0].year == "1576"


def test_missing_required_field(tmp_path: Path) -> None:
    bad = GOOD.replace("  summary: Supreme authority.\n", "")
    assert problems_of(tmp_path, bad) == ["g.yaml:10: entry 'sovereignty': missing required field 'summary'"]


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    bad = GOOD.replace("  see_also: [sovereignty]", "  see_aslo: [sovereignty]")
    assert problems_of(tmp_path, bad) == ["g.yaml:9: entry: unknown field 'see_aslo' (did you mean 'see_also'?)"]


def test_duplicate_term(tmp_path: Path) -> None:
    bad = GOOD + GOOD.split("- term: sovereignty")[0].replace("- term: anarchy", "- term: Anarchy")
    messages = problems_of(tmp_path, bad)
    assert "g.yaml:14: duplicate term 'Anarchy' (first defined at line 1)" in messages


def test_alias_clashing_with_another_entry(tmp_path: Path) -> None:
    bad = GOOD.replace("  theme: concepts-of-the-state", "  aliases: [Anarchy]\n  theme: concepts-of-the-state")
    assert problems_of(tmp_path, bad) == ["g.yaml:11: alias 'Anarchy' clashes with the term of entry 'anarchy'"]


def test_see_also_that_resolves_to_nothing(tmp_path: Path) -> None:
    bad = GOOD.replace("  see_also: [sovereignty]", "  see_also: [soverignty]")
    assert problems_of(tmp_path, bad) == [
        "g.yaml:9: entry 'anarchy': see_also 'soverignty' resolves to no entry (did you mean 'sovereignty'?)"
    ]


def test_inline_reference_that_resolves_to_nothing_names_its_line(tmp_path: Path) -> None:
    bad = GOOD.replace("[[sovereignty]]", "[[hegemony]]")
    expected = "g.yaml:8: entry 'anarchy': cross-reference [[hegemony]] resolves to no entry"
    assert problems_of(tmp_path, bad) == [expected]


def test_empty_text(tmp_path: Path) -> None:
    bad = GOOD.replace("  summary: Supreme authority.", "  summary: ''")
    assert problems_of(tmp_path, bad) == ["g.yaml:12: entry 'sovereignty': summary is empty"]


def test_unknown_theme(tmp_path: Path) -> None:
    bad = GOOD.replace("  theme: theory", "  theme: theroy")
    assert problems_of(tmp_path, bad) == ["g.yaml:2: entry 'anarchy': unknown theme 'theroy' (did you mean 'theory'?)"]


def test_top_level_must_be_a_list(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "term: anarchy\n") == [
        "g.yaml:1: expected a list of entries (each item starting '- term:')"
    ]


def test_wrong_shape_of_a_nested_record(tmp_path: Path) -> None:
    bad = GOOD.replace("  see_also: [sovereignty]", "  see_also: [sovereignty]\n  cases:\n    - date: '1931'\n")
    assert problems_of(tmp_path, bad) == [
        "g.yaml:11: entry 'anarchy': cases item 1: missing field 'event'",
        "g.yaml:11: entry 'anarchy': cases item 1: missing field 'detail'",
    ]


def test_missing_file(tmp_path: Path) -> None:
    _, problems = load_glossary([tmp_path / "nope.yaml"])
    assert [p.message for p in problems] == ["no such file"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("- term: d\xe9tente\n".encode("latin-1"))
    _, problems = load_glossary([path])
    assert problems[0].message.startswith("not UTF-8 text")


def test_later_file_replaces_an_entry_of_the_same_term(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(GOOD)
    mine = tmp_path / "mine.yaml"
    mine.write_text("- term: Sovereignty\n  theme: theory\n  summary: My own words.\n  definition: Mine.\n")
    entries, problems = load_glossary([base, mine])
    assert problems == []
    assert [e.summary for e in entries if e.term.lower() == "sovereignty"] == ["My own words."]


@pytest.mark.parametrize("bad_alias", ["yes", "null", "3.5"])
def test_aliases_that_yaml_reads_as_other_types(tmp_path: Path, bad_alias: str) -> None:
    bad = GOOD.replace("  theme: concepts-of-the-state", f"  aliases: [{bad_alias}]\n  theme: concepts-of-the-state")
    [message] = problems_of(tmp_path, bad)
    assert message.startswith("g.yaml:11: entry 'sovereignty': aliases item 1 must be text, but YAML reads")


def test_unclosed_openings_skips_its_scan_only_where_the_scan_finds_none() -> None:
    def by_scanning(raw: str) -> list[int]:
        closed = {m.start() for m in CROSS_REF.finditer(raw)}
        return [o.start() for o in re.finditer(r"\[\[", raw) if o.start() not in closed and o.start() - 1 not in closed]

    rng = random.Random(131)
    parts = ["[[", "]]", "[", "]", "x", "realism", "|", " ", "\n", "[[[", "]]]"]
    unclosed = 0
    for _ in range(20_000):
        raw = "".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        expected = by_scanning(raw)
        assert unclosed_openings(raw, list(CROSS_REF.finditer(raw))) == expected, repr(raw)
        unclosed += bool(expected)
    assert unclosed > 1000  # texts with unclosed openings were among those compared
