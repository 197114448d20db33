"""Rendering: golden files for the terminal (colour on, fixed width) and Markdown, and the rules of each format."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from irconcepts.index import Index
from irconcepts.model import Match
from irconcepts.output import OutputChoice, choose, draw
from irconcepts.render import json_format, markdown, plain, terminal

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 rewrites it after review"


def terminal_text(renderable: object, color: bool = True, width: int = 80) -> str:
    out = io.StringIO()
    draw(renderable, OutputChoice("terminal", color, "plain"), file=out, width=width)
    return out.getvalue()


def test_terminal_golden(mini_index: Index) -> None:
    entry = mini_index.resolve("balance of power")
    golden("balance-of-power.terminal.txt", terminal_text(terminal.entry(entry)))


def test_markdown_golden(mini_index: Index) -> None:
    entry = mini_index.resolve("balance of power")
    golden("balance-of-power.md", markdown.entry(entry))


def test_brackets_in_the_data_are_never_markup(mini_index: Index) -> None:
    entry = mini_index.resolve("balance of power")
    assert "[bold]square brackets[/bold]" in terminal_text(terminal.entry(entry), color=False)
    assert "[bold]square brackets[/bold]" in markdown.entry(entry)


def test_terminal_without_colour_has_no_escape_codes(mini_index: Index) -> None:
    text = terminal_text(terminal.entry(mini_index.resolve("anarchy")), color=False)
    assert "\x1b" not in text and "anarchy" in text


def test_terminal_wraps_to_the_width(mini_index: Index) -> None:
    text = terminal_text(terminal.entry(mini_index.resolve("balance of power")), color=False, width=40)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 40


def test_markdown_links_wiki_and_plain(mini_index: Index) -> None:
    entry = mini_index.resolve("balance of power")
    wiki = markdown.entry(entry)
    assert "[[anarchy|anarchical]]" in wiki and "[[sovereignty]]" in wiki
    flat = markdown.entry(entry, links="plain")
    assert "[[" not in flat and "the anarchical order" in flat


def test_markdown_single_section(mini_index: Index) -> None:
    entry = mini_index.resolve("balance of power")
    assert markdown.entry(entry, section="summary", heading=False) == entry.summary + "\n"  # --brief
    assert markdown.entry(entry, section="summary") == f"# {entry.term}\n\n{entry.summary}\n"
    cases = markdown.entry(entry, section="cases")
    assert cases.startswith("# balance of power\n\n## Cases") and "Arguments" not in cases


def test_plain_has_no_markup(mini_index: Index) -> None:
    text = plain.entry(mini_index.resolve("balance of power"))
    assert "[[" not in text and "**" not in text and "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_json_entry_keys(mini_index: Index) -> None:
    entry = mini_index.resolve("anarchy")
    match = Match(query="anarchy", matched="anarchy", method="exact", score=100.0)
    data = json.loads(json_format.entry(entry, match))
    assert set(data) == {
        "term", "aliases", "covers", "theme", "summary", "definition", "arguments", "cases", "see_also",
        "further_reading", "match", "alternatives",
    }  # fmt: skip
    assert set(data["match"]) == {"query", "matched", "method", "score", "via", "covered"}


@pytest.mark.parametrize(
    ("fmt", "color", "tty", "env", "expected"),
    [
        ("auto", "auto", True, {}, ("terminal", True)),
        ("auto", "auto", False, {}, ("markdown", False)),
        ("auto", "auto", True, {"NO_COLOR": "1"}, ("terminal", False)),
        ("auto", "auto", False, {"FORCE_COLOR": "1"}, ("terminal", True)),
        ("auto", "always", False, {}, ("terminal", True)),
        ("auto", "never", True, {}, ("terminal", False)),
        ("terminal", "auto", False, {}, ("terminal", False)),
        ("json", "always", True, {}, ("json", False)),
    ],
)
def test_colour_and_format_decided_once(fmt: str, color: str, tty: bool, env: dict, expected: tuple) -> None:
    class Stream:
        def isatty(self) -> bool:
            return tty

    choice = choose(fmt, color, None, stream=Stream(), env=env)
    assert (choice.format, choice.color) == expected
