"""Rendering: golden files for the terminal (colour on, fixed width) and Markdown, and the rules of each format."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from irconcepts.index import Index
from irconcepts.model import Case, CheckReport, Citation, Entry, Match, Problem, RelatedView, SearchHit
from irconcepts.output import OutputChoice, choose, draw
from irconcepts.render import json_format, markdown, plain, terminal
from irconcepts.render.common import book_titles, pieces

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


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("color", [True, False], ids=["colour", "plain"])
def test_terminal_golden(mini_index: Index, width: int, color: bool) -> None:
    entry = mini_index.resolve("balance of power")
    name = f"balance-of-power.{width}.{'colour' if color else 'plain'}.terminal.txt"
    golden(name, terminal_text(terminal.entry(entry), color=color, width=width))


# An entry with what the style must handle: a long date, a book named in the prose, an article.
STYLED = Entry(
    term="collective security",
    aliases=(),
    theme="security",
    summary="All against one.",
    definition="Inis Claude's Power and International Relations (1962) weighs it against the [[balance of power]].",
    arguments_for=("Claude's Swords into Plowshares makes the case.",),
    arguments_against=(),
    cases=(
        Case("September 1931 - March 1933", "Manchurian crisis", "Japan occupied Manchuria and the League debated."),
        Case("1935", "Abyssinian crisis", "Sanctions without oil."),
    ),
    see_also=("balance of power",),
    further_reading=(
        Citation("Claude, Inis L.", "1962", "Power and International Relations", "Random House"),
        Citation("Claude, Inis L.", "1956", "Swords into Plowshares: The Problems and Progress", "Random House"),
        Citation("Mearsheimer, John J.", "1994", "The False Promise of International Institutions",
                 "International Security 19(3)"),
    ),
)  # fmt: skip


def segments_of(renderable: object, width: int = 100) -> list:
    console = Console(width=width, force_terminal=True, color_system="truecolor", file=io.StringIO())
    return list(console.render(renderable, console.options))


def test_book_titles_are_italic_in_the_terminal_and_in_markdown() -> None:
    italic = {s.text for s in segments_of(terminal.entry(STYLED), 200) if s.style and s.style.italic}
    assert {"Power and International Relations", "Swords into Plowshares", "International Security"} <= italic
    md = markdown.entry(STYLED)
    assert "Inis Claude's *Power and International Relations* (1962)" in md
    assert "Claude's *Swords into Plowshares* makes" in md
    # an article: its title in quotes, the journal in italics
    assert "(1994). ‘The False Promise of International Institutions’. *International Security* 19(3)." in md


def test_a_one_word_title_is_italic_only_with_its_year() -> None:
    titles = ["Power"]
    assert pieces("Power (1999) argues", titles)[0].kind == "title"
    assert {p.kind for p in pieces("Power is the currency of politics.", titles)} == {"text"}


def test_book_titles_leave_out_subtitles_and_articles() -> None:
    assert book_titles(STYLED) == ["Power and International Relations", "Swords into Plowshares"]


def test_further_reading_has_a_hanging_indent() -> None:
    text = terminal_text(terminal.entry(STYLED, section="reading"), color=False, width=40)
    lines = [line.rstrip() for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line.startswith(("Claude", "Mearsheimer"))]
    assert len(starts) == 3
    continued = [line for i, line in enumerate(lines[1:], 1) if i not in starts and line]
    assert continued and all(line.startswith("    ") and line[4] != " " for line in continued)


@pytest.mark.parametrize("width", [60, 100])
def test_a_long_date_wraps_instead_of_crowding_out_the_text(width: int) -> None:
    text = terminal_text(terminal.entry(STYLED, section="cases"), color=False, width=width)
    first = text.splitlines()[1]
    text_column = first.index("Manchurian")
    assert text_column <= width // 3 + 2, first  # the text keeps at least two thirds of the line
    assert "September 1931" in first
    if width == 100:
        assert "September 1931 - March 1933" in first  # room enough: no wrap


def test_narrow_terminal_puts_dates_on_their_own_line() -> None:
    text = terminal_text(terminal.entry(STYLED, section="cases"), color=False, width=40)
    lines = [line.rstrip() for line in text.splitlines()]
    assert "September 1931 - March 1933" in lines
    assert lines[lines.index("September 1931 - March 1933") + 1].startswith("  Manchurian crisis.")


WHITE_OR_BLACK = {"white", "bright_white", "black", "bright_black", "grey0", "grey100"}


def renderables(index: Index) -> dict[str, object]:
    entry = index.resolve("balance of power")
    return {
        "show": terminal.entry(entry),
        "show styled": terminal.entry(STYLED),
        "random --brief": terminal.brief(entry),
        "search": terminal.hits("power", [SearchHit("balance of power", 1.0, "the **power** of states")]),
        "list": terminal.listing(index.rows(None)),
        "themes": terminal.themes([("theory", 2), ("security", 0)]),
        "related": terminal.related(RelatedView("anarchy", [("sovereignty", "x")], [("balance of power", "y")])),
    }


def test_no_rendered_span_has_a_white_or_black_foreground(mini_index: Index) -> None:
    for command, renderable in renderables(mini_index).items():
        for segment in segments_of(renderable):
            color = segment.style.color if segment.style else None
            if color is None:
                continue
            assert color.name not in WHITE_OR_BLACK, (command, segment)
            if color.triplet is not None:  # a truecolor value near white or black is as bad
                assert 40 < sum(color.triplet) / 3 < 215, (command, segment)


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
        # colour settings change colour only, never the format: piped output stays Markdown
        ("auto", "auto", False, {"FORCE_COLOR": "1"}, ("markdown", False)),
        ("auto", "always", False, {}, ("markdown", False)),
        ("terminal", "auto", False, {"FORCE_COLOR": "1"}, ("terminal", True)),
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


def test_paging_is_decided_with_the_terminal() -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert choose("auto", "auto", None, stream=Stream(True), env={}).page is True
    assert choose("auto", "auto", None, pager=False, stream=Stream(True), env={}).page is False
    assert choose("terminal", "always", None, stream=Stream(False), env={}).page is False


def test_brief_names_the_term_in_every_text_format(mini_index: Index) -> None:
    entry = mini_index.resolve("anarchy")
    assert markdown.brief(entry) == "**anarchy** (theory): The absence of a government above states.\n"
    assert plain.brief(entry) == "anarchy (theory): The absence of a government above states.\n"
    drawn = terminal_text(terminal.brief(entry), color=False)
    assert drawn.splitlines()[0].split() == ["anarchy", "theory"]


def test_json_check_report_keys() -> None:
    report = CheckReport(files=("a.yaml",), entries=2, problems=(Problem("a.yaml", 3, "bad"),))
    data = json.loads(json_format.check(report))
    assert data == {"ok": False, "entries": 2, "files": ["a.yaml"],
                    "problems": [{"file": "a.yaml", "line": 3, "message": "bad"}]}  # fmt: skip


def test_the_readme_screenshot_is_made_by_the_renderer() -> None:
    import importlib.util

    script = Path(__file__).parent.parent / "docs" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("screenshot", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    svg = module.screenshot("collective security", theme="light", width=60)
    assert svg.startswith("<svg") and "collective" in svg and "Further" in svg
    assert (script.parent / "collective-security.svg").read_text(encoding="utf-8").startswith("<svg")
