"""The loader's fast path (fastread.py, yaml-rs) gives what the line-aware PyYAML reader gives, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from irconcepts import load
from irconcepts.load import load_file, load_text
from irconcepts.validate import check_references, load_glossary, merge

DATA = Path(__file__).resolve().parents[1] / "data" / "entries.yaml"

ITEM = """\
- term: {term}
  aliases: [{alias}]
  theme: theory
  summary: {summary}
  definition: |
    {definition}
  arguments:
    for: [{argument}]
    against: ['It can be doubted.']
  cases:
    - {{date: {date}, event: An event, detail: {detail}}}
  see_also: [{see_also}]
  further_reading:
    - {{author: 'Doe, Jane', year: {year}, title: A Book, published: A Press}}
"""


def item(**values: str) -> str:
    fields = {
        "term": "realism",
        "alias": "political realism",
        "summary": "States seek power.",
        "definition": "Anarchy makes states seek power; see [[liberalism]].",
        "argument": "It explains wars.",
        "date": "'1648'",
        "detail": "A treaty was signed.",
        "see_also": "liberalism",
        "year": "'1948'",
    }
    fields.update(values)
    return ITEM.format(**fields)


SECOND = item(term="liberalism", alias="liberal theory", definition="Trade and institutions.", see_also="realism")


def both(text: str) -> tuple[load.LoadResult, load.LoadResult]:
    return load_text(text, "g.yaml", exact=False), load_text(text, "g.yaml", exact=True)


def assert_same(text: str) -> load.LoadResult:
    fast, exact = both(text)
    assert [x.entry for x in fast.entries] == [x.entry for x in exact.entries]
    assert fast.problems == exact.problems
    return fast


def test_the_shipped_glossary_reads_the_same_both_ways_and_mostly_fast() -> None:
    fast, exact = load_file(DATA, exact=False), load_file(DATA, exact=True)
    assert not exact.problems and not fast.problems
    assert [x.entry for x in fast.entries] == [x.entry for x in exact.entries]
    # the few entries with a date written as a plain number, or a backslash, go the slow way
    assert sum(not x.lines_exact for x in fast.entries) >= 0.85 * len(fast.entries)


def test_a_clean_item_is_taken_from_yaml_rs_with_the_lines_of_its_entry_and_term() -> None:
    text = "# a comment\n\n" + item() + SECOND
    fast = assert_same(text)
    assert [x.lines_exact for x in fast.entries] == [False, False]
    assert [x.entry.line for x in fast.entries] == [3, 3 + item().count("\n")]
    assert [x.term_line for x in fast.entries] == [3, 3 + item().count("\n")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("term", "NO"),  # YAML 1.1 reads a boolean; yaml-rs (1.2) reads text
        ("term", "1648"),
        ("alias", "yes"),
        ("alias", "on"),
        ("summary", "1_000"),  # 1.1: the number 1000; 1.2: text
        ("summary", "0o17"),
        ("summary", "190:20:30"),  # 1.1: a sexagesimal number
        ("summary", "2001-12-14"),
        ("summary", "~"),
        ("summary", "="),
        ("detail", "1e3"),
        ("detail", ".inf"),
        ("date", "1648"),  # a plain number where the loader accepts one
        ("date", "0x1F"),
        ("date", "1_648"),
        ("year", "1948"),
        ("year", "'19_48'"),
        ("year", "1948-01-01"),
        ("date", "NO"),
        ("argument", "'NO'"),  # quoted: text both ways
        ("summary", "'yes'"),
    ],
)
def test_values_that_yaml_1_1_and_1_2_type_differently_read_as_pyyaml_reads_them(field: str, value: str) -> None:
    assert_same(item(**{field: value}) + SECOND)


@pytest.mark.parametrize(
    "text",
    [
        item(summary="&anchor States seek power.") + SECOND.replace("summary: States", "summary: *anchor #"),
        item(summary="!custom States seek power."),  # a tag PyYAML refuses and yaml-rs ignores
        item(summary='"States\\e seek power."'),  # an escape for a terminal control code
        item(summary='"Tab\\there."'),
        item().replace("  theme: theory\n", "  theme: theory\n  theme: theory\n"),  # a field twice
        item().replace("  theme: theory\n", "  theme: theroy\n"),
        item().replace("  theme: theory\n", "  themes: theory\n"),
        item().replace("  theme: theory\n", ""),
        item(summary="''"),
        item(alias="'two\\nlines'").replace("'two\\nlines'", '"two\\nlines"'),
        item(alias="'***'"),
        item().replace("- term: realism\n", "- term: realism\n  <<: {covers: [x]}\n"),
        item().replace("for: [It explains wars.]", "for: It explains wars."),
        item().replace("    - {date: '1648', event: An event, detail: A treaty was signed.}", "    - {date: '1648'}"),
        item().replace("- term: realism\n  aliases", "- aliases"),  # not "- term:" first: PyYAML places it
        item(summary="a: b"),  # a syntax error
        item() + "- term: [a list]\n",
        item().replace("\n", "\r\n"),
        item() + "- term:  \n",
    ],
)
def test_an_item_the_fast_path_cannot_vouch_for_is_read_by_pyyaml(text: str) -> None:
    assert_same(text)


def test_without_yaml_rs_every_item_goes_to_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "_fast_reader", lambda: None)
    fast = load_text(item() + SECOND, "g.yaml", exact=False)
    assert all(x.lines_exact for x in fast.entries) and len(fast.entries) == 2


def test_a_problem_found_after_a_fast_read_is_placed_by_an_exact_reread(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    # the fast reader takes both items; the cross-entry check then finds a see_also and a reference that
    # resolve to nothing and an alias that clashes, which need the lines only the exact reader knows
    text = item(see_also="liberalsim", definition="See [[nowhere]].") + SECOND.replace(
        "liberal theory", "political realism"
    )
    path.write_text(text, encoding="utf-8")
    assert all(not x.lines_exact for x in load_file(path, exact=False).entries)
    entries, problems = load_glossary([path])
    messages = [f"{p.line}: {p.message}" for p in problems]
    assert messages == [
        f"{text.count(chr(10), 0, text.index('political realism', 100)) + 1}: alias 'political realism' clashes "
        "with an alias of entry 'realism'",
        "12: entry 'realism': see_also 'liberalsim' resolves to no entry (did you mean 'liberalism'?)",
        "6: entry 'realism': cross-reference [[nowhere]] resolves to no entry",
    ]
    assert len(entries) == 2
    located, exact_problems = merge([path], exact=True)
    assert problems == exact_problems + check_references(located)


def test_notes_on_names_a_later_file_takes_over_are_the_same_after_a_fast_read(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(item() + SECOND, encoding="utf-8")
    second.write_text("\n" + item(term="political realism", alias="power politics", see_also="realism"))
    notes: list = []
    entries, problems = load_glossary([first, second], notes)
    assert not problems
    assert [str(n) for n in notes] == [
        f"{second}:2: note: 'political realism' opens this entry, not 'realism' of {first}:1 "
        "(which keeps its other names)"
    ]
    assert next(e for e in entries if e.term == "realism").aliases == ()


def _text_characters(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_characters(v) for v in value.values())
    return sum(_text_characters(v) for v in value)  # type: ignore[attr-defined]


def test_text_read_fast_counts_against_the_alias_budget_as_pyyaml_counts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Items read fast spend the budget on what aliases may expand to, as PyYAML's reading does: an item whose
    aliases fit the budget only if the earlier items' text were not counted is refused both ways."""
    import yaml

    monkeypatch.setattr(load, "EXPANSION_FLOOR", 0)
    monkeypatch.setattr(load, "EXPANSION_FACTOR", 1)  # the budget: the file's own length
    plain = (
        item() + SECOND + "".join(item(term=f"concept {n}", alias=f"idea {n}", see_also="realism") for n in range(40))
    )
    spent = _text_characters(yaml.safe_load(plain))
    value = "x" * 500

    def bomb(copies: int) -> str:
        names = ", ".join(["*s"] * copies)
        return f"- term: bomb\n  theme: theory\n  summary: &s {value}\n  definition: *s\n  aliases: [{names}]\n"

    # enough copies that the bomb alone fits the budget but not once the plain items' text is counted
    copies = next(
        k for k in range(1, 200) if len(plain + bomb(k)) - spent < len(value) * (k + 2) < len(plain + bomb(k))
    )
    text = plain + bomb(copies)
    fast, exact = both(text)
    assert exact.problems and "expand to more than" in exact.problems[0].message
    assert fast.problems == exact.problems


def test_a_large_file_read_by_two_processes_gives_what_one_process_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second half of the items read by a forked child (readahead.py): the same entries and problems, with
    the same lines, whether an item was read fast or handed to PyYAML, in either half."""
    import os
    import sys

    from irconcepts import readahead

    if not hasattr(os, "fork") or sys.platform == "darwin":
        pytest.skip("the second process is used only where fork is")
    monkeypatch.setattr(readahead, "MIN_CHARACTERS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    plain = [item(term=f"concept {n}", alias=f"idea {n}", see_also="realism") for n in range(60)]
    plain[10] = item(term="NO", alias="idea x")  # a problem in the first half
    plain[50] = item(term="concept 50", alias="idea 50", date="1648")  # PyYAML's, in the second half
    plain[55] = item(term="concept 55", summary="a: b")  # a syntax error: the file is parsed whole
    text = item() + SECOND + "".join(plain[:55] + plain[56:])
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    halves = load_text(text, "g.yaml", exact=False)
    assert forks, "the child was not used"
    monkeypatch.setattr(readahead, "MIN_CHARACTERS", 10**12)
    single = load_text(text, "g.yaml", exact=False)
    assert [x.entry for x in halves.entries] == [x.entry for x in single.entries]
    assert halves.problems == single.problems and halves.problems
    assert [x.lines_exact for x in halves.entries] == [x.lines_exact for x in single.entries]
    # and with the syntax error, which sends the whole file to PyYAML
    broken = item() + SECOND + "".join(plain)
    monkeypatch.setattr(readahead, "MIN_CHARACTERS", 0)
    assert load_text(broken, "g.yaml", exact=False).problems == load_text(broken, "g.yaml", exact=True).problems


def test_a_reading_child_that_fails_leaves_this_process_to_read_its_half(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    from irconcepts import readahead

    if not hasattr(os, "fork") or sys.platform == "darwin":
        pytest.skip("the second process is used only where fork is")
    monkeypatch.setattr(readahead, "MIN_CHARACTERS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    text = item() + SECOND + "".join(item(term=f"concept {n}", see_also="realism") for n in range(30))
    expected = [x.entry for x in load_text(text, "g.yaml", exact=True).entries]
    monkeypatch.setattr(readahead, "_run_child", lambda *args: os._exit(1))
    assert [x.entry for x in load_text(text, "g.yaml", exact=False).entries] == expected


def test_a_reading_child_is_stopped_and_waited_for_when_the_first_half_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    from irconcepts import readahead

    if not hasattr(os, "fork") or sys.platform == "darwin":
        pytest.skip("the second process is used only where fork is")
    monkeypatch.setattr(readahead, "MIN_CHARACTERS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    children: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    text = item(summary="a: b") + "".join(item(term=f"concept {n}", see_also="realism") for n in range(30))
    assert load_text(text, "g.yaml", exact=False).problems == load_text(text, "g.yaml", exact=True).problems
    assert children
    with pytest.raises(ChildProcessError):  # already waited for: no zombie
        os.waitpid(children[0], os.WNOHANG)
