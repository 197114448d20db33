"""`irconcepts compare A B` and the forms students type that lead to it."""

from __future__ import annotations

import json

import pytest

from irconcepts.compare.forms import comparison_sides, two_sides


def test_forms_need_a_marker() -> None:
    assert comparison_sides("realism vs liberalism".split()) == [("realism", "liberalism")]
    assert comparison_sides("difference between realism and liberalism?".split()) == [("realism", "liberalism")]
    assert comparison_sides("what is the difference between hard power and soft power".split()) == [
        ("hard power", "soft power")
    ]
    assert comparison_sides("war and peace".split()) == []  # a name with "and" is never split on its own
    assert two_sides(["realism", "liberalism"]) == [("realism", "liberalism")]


def test_json_carries_both_entries(run) -> None:
    result = run("compare", "realism", "liberalism", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"terms", "a", "b", "a_on_b", "b_on_a", "shared_see_also", "a_links_b", "b_links_a", "match"}
    assert data["terms"] == ["realism", "liberalism"]
    assert data["a"]["term"] == "realism" and "arguments" in data["b"] and "cases" in data["a"]
    assert any("liberal" in s.lower() for s in data["a_on_b"])
    assert any("realis" in s.lower() for s in data["b_on_a"])
    assert "idealism" in data["shared_see_also"]


def test_piped_is_markdown_with_a_table(run) -> None:
    out = run("compare", "realism", "liberalism").stdout
    assert out.startswith("# realism vs liberalism\n")
    assert "| | realism | liberalism |" in out and "| **arguments against** |" in out
    assert "## What realism says of liberalism" in out and "\x1b" not in out


@pytest.mark.parametrize(
    "words",
    [
        ["realism", "vs", "liberalism"],
        ["difference", "between", "realism", "and", "liberalism"],
        ["show", "realism", "versus", "liberalism"],
    ],
)
def test_the_forms_students_type_lead_to_compare(run, words: list[str]) -> None:
    result = run(*words)
    assert result.returncode == 0
    assert result.stdout.startswith("# realism vs liberalism\n")


def test_multi_word_terms_and_a_misspelling(run) -> None:
    result = run("compare", "balance", "of", "power", "vs", "security", "dilema", "-f", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["terms"] == ["balance of power", "security dilemma"]
    assert "reading 'security dilema' as security dilemma" in result.stderr
    unmarked = run("compare", "balance", "of", "power", "anarchy", "-f", "json")
    assert json.loads(unmarked.stdout)["terms"] == ["balance of power", "anarchy"]


def test_one_side_unknown(run) -> None:
    result = run("compare", "realism", "xyzzy")
    assert (result.returncode, result.stdout) == (1, "")
    assert "no entry for 'xyzzy'" in result.stderr
    bare = run("realism", "vs", "xyzzy")  # not both entries: the ordinary lookup answers
    assert bare.returncode == 1 and "no entry for 'realism vs xyzzy'" in bare.stderr


@pytest.mark.parametrize("columns", [80, 120])
def test_terminal_stays_within_the_width(run, columns: int) -> None:
    result = run("compare", "realism", "liberalism", "-f", "terminal", env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= min(columns, 100)
    side_by_side = any("realism" in line and "liberalism" in line for line in lines[1:4])
    assert side_by_side == (columns >= 100)
