"""Differential tests: `load_text(..., exact=False)` (yaml-rs fast path, fastread.py) against `exact=True` (PyYAML).

The claim under test: for every input text both give the same `[x.entry for x in result.entries]` and the same
`result.problems`; and `validate.load_glossary` gives the entries and problems of an exact-only read.
Written by a separate pass that attacked this claim (its report: benchmarks/data/fastread-findings.md). Every
discrepancy it found is fixed; its cases stay here as regression tests, each named with the discrepancy.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from irconcepts import load, readahead
from irconcepts.forking import can_fork
from irconcepts.load import load_file, load_text
from irconcepts.model import Entry, Problem
from irconcepts.validate import check_references, load_glossary, merge
from irconcepts.vocab import THEMES

NAME = "g.yaml"
# No example database: a failing example is shown in the report and found again by `derandomize`.
SETTINGS = {"deadline": None, "database": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow]}


def item(term: str = "t", theme: str = "theory", summary: str = "S.", definition: str = "D.", extra: str = "") -> str:
    """One glossary item with the four required fields, each written as given (already YAML)."""
    return f"- term: {term}\n  theme: {theme}\n  summary: {summary}\n  definition: {definition}\n{extra}"


BASE = item()
OTHER = item(term="u")


def both(text: str) -> tuple[load.LoadResult, load.LoadResult]:
    return load_text(text, NAME, exact=False), load_text(text, NAME, exact=True)


def assert_agree(text: str) -> load.LoadResult:
    """The claim itself: same entries and same problems from the fast and the exact reading."""
    fast, exact = both(text)
    assert [x.entry for x in fast.entries] == [x.entry for x in exact.entries]
    assert fast.problems == exact.problems
    return fast


def exact_glossary(files: list[Path]) -> tuple[list[Entry], list[Problem]]:
    """What load_glossary would return if it read only the exact way (its own second pass)."""
    located, problems = merge(files)
    problems.extend(check_references(located))
    return [x.entry for x in located], problems


def assert_glossary_agrees(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")  # newline="": CR and CRLF reach the loader as written
    assert load_glossary([path]) == exact_glossary([path])


# --------------------------------------------------------------------------------------------------------------
# The fast path is live: without this, every comparison below would be PyYAML against itself.


def test_the_fast_reader_is_installed_and_takes_a_clean_item() -> None:
    fast = assert_agree(BASE + OTHER)
    assert load._fast_reader() is not None
    assert [x.lines_exact for x in fast.entries] == [False, False]  # both items came from yaml-rs


# --------------------------------------------------------------------------------------------------------------
# Hand-written cases that agree today (regression tests). Each id says what it probes.

# Plain scalars that YAML 1.1 (PyYAML) types and YAML 1.2 (yaml-rs) may not, and the reverse.
TYPED = [
    "NO", "no", "yes", "Yes", "YES", "on", "On", "off", "OFF", "y", "n", "Y", "true", "False",
    "~", "null", "Null", "NULL", "1_000", "0o17", "017", "0x1F", "0b101", "1e3", "1.0e+3", "1.", "+1",
    "-1", ".inf", "-.Inf", ".NaN", "190:20:30", "1:20", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5", "=", "<<", "0", "00", "09", "1,000", "1_0.5", "-0", "+.5", "0xG",
]  # fmt: skip
TYPED_SLOTS: dict[str, Callable[[str], str]] = {
    "term": lambda v: item(term=v),
    "summary": lambda v: item(summary=v),
    "theme": lambda v: item(theme=v),
    "alias-flow": lambda v: BASE + f"  aliases: [{v}]\n",
    "alias-block": lambda v: BASE + f"  aliases:\n    - {v}\n",
    "argument": lambda v: BASE + f"  arguments:\n    for: [{v}]\n",
    "date": lambda v: BASE + f"  cases:\n    - {{date: {v}, event: e, detail: d}}\n",
    "year": lambda v: BASE + f"  further_reading:\n    - {{author: a, year: {v}, title: t, published: p}}\n",
    "quoted-date": lambda v: BASE + f"  cases:\n    - {{date: '{v}', event: e, detail: d}}\n",
    "quoted-term": lambda v: item(term=f'"{v}"'),
}


@pytest.mark.parametrize("slot", list(TYPED_SLOTS))
@pytest.mark.parametrize("value", TYPED)
def test_implicitly_typed_scalars(slot: str, value: str) -> None:
    assert_agree(TYPED_SLOTS[slot](value) + OTHER)


PASSING: dict[str, str] = {
    # quoting styles
    "single-quoted": item(summary="'It''s: a #test'"),
    "double-quoted-plain": item(summary='"a: b # c"'),
    "double-escapes": item(summary='"tab\\there \\"q\\" \\\\ \\x41 \\u00e9 \\U0001F600"'),
    "double-escape-newline-in-term": item(term='"a\\nb"'),
    "double-escape-control": item(summary='"bell\\a"'),
    "double-escape-nel": item(summary='"next\\Nline"'),
    "double-escape-ls": item(summary='"a\\Lb"'),
    "single-multiline": item(summary="'a\n    b\n\n    c'"),
    "double-multiline": item(summary='"a\n    b\n\n    c"'),
    "double-multiline-trailing-spaces": item(summary='"a   \n    b"'),
    "double-line-continuation": item(summary='"a\\\n    b"'),
    "quoted-term-multiline": item(term="'a\n    b'"),
    "double-col0-continuation": item(summary='"a\nb"'),
    # block scalars
    "literal": item(definition="|\n    a\n\n    b\n"),
    "literal-strip": item(definition="|-\n    a\n\n    b\n\n\n"),
    "literal-keep": item(definition="|+\n    a\n\n    b\n\n\n"),
    "folded": item(definition=">\n    a\n    b\n\n    c\n"),
    "folded-more-indented": item(definition=">\n    a\n      b\n    c\n"),
    "folded-more-indented-blank": item(definition=">\n    a\n\n      b\n\n    c\n"),
    "folded-keep": item(definition=">+\n    a\n\n"),
    "indent-indicator": item(definition="|2\n    a\n   b\n"),
    "indent-indicator-1": item(definition="|1\n    a\n"),
    "indent-indicator-strip": item(definition="|-1\n   a\n    b\n"),
    "indent-indicator-first": item(definition="|2-\n     a\n    b\n"),
    "indent-indicator-0": item(definition="|0\n    a\n"),
    "indent-indicator-too-big": item(definition="|9\n    a\n"),
    "block-header-comment": item(definition="| # note\n    a\n"),
    "block-header-comment-no-space": item(definition="|# note\n    a\n"),
    "block-header-junk": item(definition="| x\n    a\n"),
    "block-leading-blank-lines": item(definition="|\n\n\n    a\n"),
    "block-leading-more-indented-blank": item(definition="|\n       \n    a\n"),
    "block-whitespace-only-line": item(definition="|\n    a\n      \n    b\n"),
    "folded-whitespace-only-line": item(definition=">\n    a\n      \n    b\n"),
    "block-trailing-spaces": item(definition="|\n    a   \n    b  \n"),
    "block-less-indented-comment": item(definition="|\n    a\n  # c\n    b\n"),
    "block-term": item(term="|-\n    realism"),
    "block-term-clip": item(term="|\n    realism"),
    "folded-term-two-lines": item(term=">-\n    a\n    b"),
    "block-empty": item(definition="|\n"),
    "block-case-detail": BASE + "  cases:\n    - date: '1'\n      event: e\n      detail: >-\n        d\n        e\n",
    "block-tab-line-between-paragraphs": item(definition="|\n    a\n\t\n    b\n"),
    "block-indented-tab-line": item(definition="|\n    a\n    \t\n    b\n"),
    "block-tab-after-first-line": item(definition="|\n    a\n    \tb\n"),
    "block-tab-at-parent-indent": item(definition="|\n  \ta\n"),
    # multi-line plain scalars
    "plain-multiline": item(summary="a\n    b\n    c"),
    "plain-multiline-blank": item(definition="a\n\n    b"),
    "plain-multiline-comment-after": item(summary="a\n  # c"),
    "plain-continuation-dash": item(summary="a\n    - b"),
    "plain-continuation-colon": item(summary="a\n    b: c"),
    "plain-continuation-hash": item(summary="a\n    #b"),
    "plain-col0-continuation": item(summary="a\nb"),
    "plain-term-two-lines": item(term="a\n    b"),
    "plain-term-blank-line": item(term="a\n\n    b"),
    # comments
    "trailing-comment": item(summary="S. # c"),
    "hash-without-space": item(summary="S.#c"),
    "quoted-then-hash": item(summary="'a'#b"),
    "flow-then-hash": BASE + "  aliases: [a]#c\n",
    "comment-lines": "# head\n\n" + BASE.replace("  theme", "  # c\n# c0\n  theme") + "# tail\n",
    "comment-in-flow": BASE + "  aliases: [a, # c\n    b]\n",
    # flow collections
    "flow-trailing-comma": BASE + "  aliases: [a, b, ]\n",
    "flow-empty-entry": BASE + "  aliases: [a, , b]\n",
    "flow-multiline": BASE + "  aliases: [a,\n    b\n    c]\n",
    "flow-col0": BASE + "  aliases: [a,\nb]\n",
    "flow-empty": BASE + "  aliases: []\n  covers: []\n  cases: []\n  arguments: {}\n",
    "flow-single-pair": BASE + "  aliases: [a: b]\n",
    "flow-colon-inside": BASE + "  aliases: [a:b, 'c:d']\n",
    "flow-colon-nbsp": BASE + "  aliases: [a:\u00a0b]\n",
    "flow-explicit-key": BASE + "  aliases: [? a]\n",
    "flow-dash": BASE + "  aliases: [-a, - b]\n",
    "flow-nested": BASE + "  aliases: [[a]]\n",
    "flow-mapping-case": BASE + "  cases: [{date: '1', event: e, detail: d}]\n",
    "flow-mapping-trailing-comma": BASE + "  cases:\n    - {date: '1', event: e, detail: d,}\n",
    "flow-mapping-json-key": BASE + "  cases:\n    - {\"date\":'1', event: e, detail: d}\n",
    "flow-mapping-explicit-key": BASE + "  cases:\n    - {? date : '1', event: e, detail: d}\n",
    "flow-mapping-adjacent": BASE + "  cases:\n    - {date:'1', event: e, detail: d}\n",
    "arguments-flow": BASE + "  arguments: {for: [a], against: [b]}\n",
    "arguments-unknown": BASE + "  arguments: {for: [a], pro: [b]}\n",
    "arguments-not-list": BASE + "  arguments: {for: a}\n",
    "arguments-empty-list-item": BASE + "  arguments:\n    for:\n      -\n",
    # tabs where both readers agree
    "tab-inside-plain": item(summary="a\tb"),
    "tab-after-colon": item(theme="\ttheory"),
    "tab-before-comment": item(summary="S.  \t# c"),
    "tab-trailing": item(summary="S.\t"),
    "tab-term": item(term="a\tb"),
    "tab-in-continuation": item(summary="a\n   \tb"),
    "tab-col0-continuation": item(summary="a\n\t   b"),
    "tab-in-quoted-continuation": item(summary="'a\n\tb'"),
    "tab-after-flow": item(theme="[a]\n\t"),
    "tab-in-flow": BASE + "  aliases: [a,\n\tb]\n",
    "tab-key-separator": item(theme="theory").replace("theme: ", "theme:\t"),
    "tab-indentation": BASE + "\ttheme: theory\n",
    # line ends
    "crlf": (BASE + OTHER).replace("\n", "\r\n"),
    "lone-cr": (BASE + OTHER).replace("\n", "\r"),
    "mixed-line-ends": BASE.replace("theme: theory\n", "theme: theory\r\n") + OTHER.replace("\n", "\r"),
    "crlf-literal": item(definition="|\r\n    a\r\n\r\n    b\r\n"),
    "cr-folded": item(definition=">\r    a\r    b\r\r    c"),
    "cr-in-plain": item(summary="a\r    b"),
    "cr-in-quoted": item(summary='"a\r    b"'),
    "crlf-dash-in-text": item(summary="'a\r\n- b'"),
    # unusual Unicode
    "nbsp-around": item(term="\u00a0t\u00a0", summary="\u00a0S.\u00a0"),
    "nbsp-only-term": item(term="\u00a0"),
    "zero-width-term": item(term="\u200b"),
    "zero-width-in-term": item(term="t\u200bu"),
    "bom-in-value": item(summary="S\ufeffx"),
    "bom-line-start": BASE.replace("  theme", "\ufeff  theme"),
    "bom-indented": BASE.replace("  theme", "  \ufefftheme"),
    "bom-at-start-of-text": "\ufeff" + BASE,
    "bom-at-end": BASE + "\ufeff",
    "line-separator": item(summary="a\u2028b"),
    "paragraph-separator-in-quotes": item(summary="'a\u2029b'"),
    "nel": item(summary="a\x85b"),
    "fffe": item(summary="a\ufffeb"),
    "noncharacter-fdd0": item(summary="a\ufdd0b"),
    "astral": item(term="\U0001f600 t", summary="\U00010348\U0010ffff"),
    "combining": item(term="e\u0301"),
    "rtl": item(term="\u05d0\u05d1", summary="\u202ertl\u202c"),
    "ideographic-space": item(term="\u3000t\u3000"),
    "cjk": item(term="国际关系", summary="中文。"),
    # keys
    "quoted-keys": BASE.replace("  theme:", '  "theme":').replace("  summary:", "  'summary':"),
    "explicit-key": BASE.replace("  theme: theory", "  ? theme\n  : theory"),
    "explicit-block-key": BASE.replace("  theme: theory", "  ? |-\n    theme\n  : theory"),
    "duplicate-key": BASE + "  theme: theory\n",
    "duplicate-key-quoted": BASE + '  "term": t\n',
    "duplicate-in-flow-case": BASE + "  cases:\n    - {date: '1', date: '2', event: e, detail: d}\n",
    "duplicate-in-arguments": BASE + "  arguments: {for: [a], for: [b]}\n",
    "capitalised-key": BASE.replace("  theme", "  Theme"),
    "numeric-key": BASE + "  1: x\n",
    "bool-key": BASE + "  yes: x\n",
    "null-key": BASE + "  ~: x\n",
    "merge-key": BASE + "  <<: {covers: [x]}\n",
    "merge-key-with-anchor": BASE.replace("  theme: theory\n", "  theme: &th theory\n") + "- term: u\n  <<: *th\n",
    "key-with-space-before-colon": BASE.replace("theme:", "theme  :"),
    "complex-key": BASE + "  ? [a]\n  : x\n",
    "long-key": BASE + "  " + "k" * 1100 + ": x\n",
    # anchors, aliases, tags
    "anchor-alias": item(summary="&s S.", extra="  arguments: {for: [*s]}\n"),
    "anchor-across-items": item(summary="&s S.") + OTHER.replace("S.", "*s"),
    "tag-str": item(term="!!str 1648"),
    "tag-int-date": BASE + "  cases:\n    - {date: !!int '1648', event: e, detail: d}\n",
    "tag-custom": item(summary="!custom S."),
    "non-specific-tag-yes": item(summary="! yes"),
    "non-specific-tag-text": item(summary="! S."),
    "non-specific-tag-quoted-yes": item(summary="! 'yes'"),
    "non-specific-tag-date": BASE + "  cases:\n    - {date: ! 1648, event: e, detail: d}\n",
    "non-specific-tag-block": item(summary="! |\n    yes"),
    "ampersand-in-prose": item(summary="Allen & Unwin"),
    "ampersand-word": item(summary="R&D"),
    "bang-in-prose": item(summary="Hi! there"),
    "star-in-prose": item(summary="a * b"),
    "empty-anchor": item(summary="& x"),
    "empty-alias": item(summary="* x"),
    "trailing-ampersand": item(summary="x &"),
    # document markers and directives
    "document-start": "---\n" + BASE,
    "document-end": BASE + "...\n",
    "two-documents": BASE + "---\n" + OTHER,
    "directive": "%YAML 1.1\n---\n" + BASE,
    "yaml-1.2-directive": "%YAML 1.2\n---\n" + BASE,
    "dashes-in-text": item(summary="a --- b", definition="|\n    ---\n    ...\n"),
    "document-start-inline": "--- " + BASE,
    # trailing spaces, long lines, empty values
    "trailing-spaces": (BASE + OTHER).replace("\n", "   \n"),
    "long-summary": item(summary="w " * 50_000),
    "long-term": item(term="t" * 5000),
    "long-alias": BASE + "  aliases: [" + "a" * 5000 + "]\n",
    "long-flow-key": BASE + "  cases:\n    - {" + "k" * 1100 + ": x, date: '1', event: e, detail: d}\n",
    "long-simple-key-in-flow-seq": BASE + "  aliases: [" + "a" * 1100 + ": b]\n",
    "empty-summary": item(summary=""),
    "empty-quoted": item(summary="''"),
    "blank-term": item(term="' '"),
    "empty-aliases": BASE + "  aliases:\n",
    "empty-arguments": BASE + "  arguments:\n",
    "null-case-field": BASE + "  cases:\n    - {date: '1', event: ~, detail: d}\n",
    "missing-case-field": BASE + "  cases:\n    - {date: '1', event: e}\n",
    "extra-case-field": BASE + "  cases:\n    - {date: '1', event: e, detail: d, where: x}\n",
    "punctuation-term": item(term="'***'"),
    "term-newline": item(term='"a\nb"'),
    "theme-typo": item(theme="theroy"),
    "theme-case": item(theme="Theory"),
    "theme-quoted": item(theme="'theory'"),
    # items not written "- term:" first, odd item shapes
    "term-not-first": "- theme: theory\n  term: t\n  summary: S.\n  definition: D.\n",
    "wide-item-indent": "-   term: t\n    theme: theory\n    summary: S.\n    definition: D.\n",
    "item-on-next-line": "-\n  term: t\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "term-value-next-line": "- term:\n    t\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "quoted-term-key": BASE.replace("- term:", '- "term":'),
    "explicit-term-key": BASE.replace("- term: t", "- ? term\n  : t"),
    "term-no-space": BASE.replace("- term: t", "- term:t"),
    "scalar-item": BASE + "- just text\n",
    "list-item": BASE + "- [a, b]\n",
    "empty-item": BASE + "-\n",
    "dash-tab-item": BASE + "-\tterm: u\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "dash-no-space-line": BASE + "-x\n",
    "mis-indented-key": BASE + "   covers: [x]\n",
    "under-indented-key": BASE + " covers: [x]\n",
    "col0-text-in-item": BASE + "b\n",
    "not-a-list": "term: t\ntheme: theory\n",
    "empty-text": "",
    "comments-only": "# nothing\n",
    "leading-text": "x\n" + BASE,
    "two-items": BASE + OTHER,
    "same-term-twice": BASE + BASE,
    "syntax-error": item(summary="a: b"),
    "unclosed-quote-then-item": item(summary="'a\n- b'") + OTHER,
    "unclosed-flow": BASE + "  aliases: [a,\n" + OTHER,
    "deep-nesting": BASE + "  aliases: " + "[" * 300 + "]" * 300 + "\n",
    "reserved-indicators": item(summary="@x") + item(summary="`x") + item(summary="%x"),
    "indicator-starts-in-block": item(summary="?a") + item(summary=":a") + item(summary="-a"),
    "comma-and-brackets": item(summary="a, b] c}"),
    "lone-closing-bracket": item(summary="]a"),
}


@pytest.mark.parametrize("text", list(PASSING.values()), ids=list(PASSING))
def test_hand_written_inputs_agree(text: str) -> None:
    assert_agree(text + OTHER)


# Inputs the fast reader does take (so yaml-rs's reading itself is compared, not only the fallback).
TAKEN_FAST = {
    "plain-multiline": item(summary="a\n    b\n\n    c"),
    "folded-more-indented": item(definition=">\n    a\n      b\n\n    c\n"),
    "literal-keep": item(definition="|+\n    a\n\n  \n    b\n\n\n"),
    "literal-whitespace-only-line": item(definition="|\n    a\n      \n    b\n"),
    "indent-indicator": item(definition="|2\n      a\n    b\n"),
    "single-quoted-multiline": item(summary="'a''s\n\n    b'"),
    "double-quoted-multiline": item(summary='"a  \n    b\n\n    c"'),
    "crlf": BASE.replace("\n", "\r\n"),
    "lone-cr": item(definition="|\r    a\r\r    b\r"),
    "nbsp": item(term="\u00a0t\u00a0", summary="a\u00a0\n    b"),
    "bom-in-value": item(summary="S\ufeffx"),
    "flow-multiline": BASE + "  aliases: [a,\n    b\n    c, 'd''e']\n",
    "explicit-key": BASE.replace("  theme: theory", "  ? theme\n  : theory"),
    "comment-lines": BASE.replace("  theme", "  # c\n# c0\n\n  theme"),
    "quoted-date": BASE + "  cases:\n    - {date: '1648', event: 'a: b', detail: \"c #d\"}\n",
    "sexagesimal-year": BASE + "  further_reading:\n    - {author: a, year: 19:48, title: t, published: p}\n",
    "block-term": item(term="|-\n    realism"),
}
# Read the same both ways, though the fast reader now leaves any item with a tab to PyYAML
TAB_DECLINED = {"tab-inside": item(summary="a\tb", definition="|\n    a\n    \tb\n")}


@pytest.mark.parametrize("text", list(TAKEN_FAST.values()), ids=list(TAKEN_FAST))
def test_items_taken_by_yaml_rs_read_as_pyyaml_reads_them(text: str) -> None:
    fast = assert_agree(text)
    assert not fast.entries[0].lines_exact  # the first item really came from yaml-rs


@pytest.mark.parametrize("text", list(TAB_DECLINED.values()), ids=list(TAB_DECLINED))
def test_items_with_a_tab_read_as_pyyaml_reads_them(text: str) -> None:
    fast = assert_agree(text)
    assert fast.entries[0].lines_exact  # left to PyYAML


# --------------------------------------------------------------------------------------------------------------
# Discrepancies found by that pass, all fixed since (fastread.py screens an item's syntax; load_text checks for
# control codes before the fast path; readahead.py gives PyYAML every item's text): regression tests now.

TAB_BLANK = "a line holding a tab after a scalar: libyaml refuses it, yaml-rs takes the item"
TAB_BLOCK = "tab in the leading white space of a block scalar's first line: libyaml refuses it, yaml-rs reads it"
TAB_DASH = "tab next to a nested block sequence's '-': libyaml refuses it, yaml-rs reads the item"
FLOW_COLON = "flow plain scalar starting ':' (YAML 1.2 text): libyaml refuses it, yaml-rs reads ':x'"
FLOW_QUESTION = "flow plain scalar starting '?': PyYAML reads an explicit key (a mapping), yaml-rs reads '?x'"
FLOW_BLOCK = "flow plain scalar starting '|' or '>': libyaml refuses it, yaml-rs reads text"
FLOW_COLON_INDICATOR = "':' before ',?[]{}' inside a flow plain scalar: libyaml refuses it, yaml-rs reads text"


def fixed(reason: str) -> tuple[()]:
    """No mark: the discrepancy named by `reason` was fixed (fastread.py's screen of the item's syntax, the
    control-code check, readahead.py's item spans); the case stays as a regression test."""
    return ()


FIXED = [
    pytest.param(BASE + "\t\n", id="tab-line-after-item", marks=fixed(TAB_BLANK)),
    pytest.param(item(summary="S.\n\t"), id="tab-line-after-plain", marks=fixed(TAB_BLANK)),
    pytest.param(item(summary="'S.'\n\t"), id="tab-line-after-quoted", marks=fixed(TAB_BLANK)),
    pytest.param(item(summary="S.\n\t# c"), id="tab-indented-comment", marks=fixed(TAB_BLANK)),
    pytest.param(item(summary="S.\n  \t# c"), id="space-tab-comment", marks=fixed(TAB_BLANK)),
    pytest.param(item(definition=">\n    D.\n  \t"), id="tab-line-after-block", marks=fixed(TAB_BLANK)),
    pytest.param(
        BASE + "  cases:\n    - date: '1'\n      event: e\n      detail: d\n\t\n",
        id="tab-line-after-case",
        marks=fixed(TAB_BLANK),
    ),
    pytest.param(item(definition="|\n    \tD."), id="tab-first-literal", marks=fixed(TAB_BLOCK)),
    pytest.param(item(definition=">\n    \tD."), id="tab-first-folded", marks=fixed(TAB_BLOCK)),
    pytest.param(item(definition="|\n   \tD."), id="tab-first-after-3-spaces", marks=fixed(TAB_BLOCK)),
    pytest.param(BASE + "  aliases:\n    - \tx\n", id="tab-after-dash", marks=fixed(TAB_DASH)),
    pytest.param(BASE + "  aliases:\n  - \tx\n", id="tab-after-dash-compact", marks=fixed(TAB_DASH)),
    pytest.param(BASE + "  aliases:\n    -\tx\n", id="tab-right-after-dash", marks=fixed(TAB_DASH)),
    pytest.param(BASE + "  aliases:\n   \t- x\n", id="tab-before-dash", marks=fixed(TAB_DASH)),
    pytest.param(
        BASE + "  cases:\n    -\tdate: '1'\n      event: e\n      detail: d\n",
        id="tab-dash-case",
        marks=fixed(TAB_DASH),
    ),
    pytest.param(BASE + "  aliases: [:x]\n", id="flow-colon-alias", marks=fixed(FLOW_COLON)),
    pytest.param(BASE + "  see_also: [:x]\n", id="flow-colon-see-also", marks=fixed(FLOW_COLON)),
    pytest.param(
        BASE + "  cases:\n    - {date: '1', event: :x, detail: d}\n", id="flow-colon-case", marks=fixed(FLOW_COLON)
    ),
    pytest.param(BASE + "  aliases: [?x]\n", id="flow-question-alias", marks=fixed(FLOW_QUESTION)),
    pytest.param(BASE + "  aliases: [x, ?y]\n", id="flow-question-second", marks=fixed(FLOW_QUESTION)),
    pytest.param(
        BASE + "  cases:\n    - {date: '1', event: ?, detail: d}\n", id="flow-question-case", marks=fixed(FLOW_QUESTION)
    ),
    pytest.param(BASE + "  aliases: [|x]\n", id="flow-pipe-alias", marks=fixed(FLOW_BLOCK)),
    pytest.param(BASE + "  aliases: [>x]\n", id="flow-gt-alias", marks=fixed(FLOW_BLOCK)),
    pytest.param(BASE + "  aliases: [a, |\n    b]\n", id="flow-pipe-multiline", marks=fixed(FLOW_BLOCK)),
    pytest.param(
        BASE + "  cases:\n    - {date: '1', event: >, detail: d}\n", id="flow-gt-case", marks=fixed(FLOW_BLOCK)
    ),
    pytest.param(BASE + "  aliases: [x:?y]\n", id="flow-colon-question", marks=fixed(FLOW_COLON_INDICATOR)),
    pytest.param(
        BASE + "  arguments: {for: [x:?y]}\n", id="flow-colon-question-argument", marks=fixed(FLOW_COLON_INDICATOR)
    ),
]


@pytest.mark.parametrize("text", FIXED)
def test_fixed_discrepancies(text: str) -> None:
    assert_agree(text + OTHER)


# Terminal control codes: load_file refuses them before either reader runs, so through a file both agree;
# load_text itself (the function the claim names) let them reach yaml-rs, which accepts what PyYAML refuses, until
# it checked for them before taking the fast path.
CONTROLS = ["\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x80", "\x9f"]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_characters_through_a_file(tmp_path: Path, char: str) -> None:
    path = tmp_path / NAME
    path.write_text(item(summary=f"S{char}x") + OTHER, encoding="utf-8")
    fast, exact = load_file(path, exact=False), load_file(path, exact=True)
    assert [x.entry for x in fast.entries] == [x.entry for x in exact.entries]
    assert fast.problems == exact.problems
    assert exact.problems and "control character" in exact.problems[0].message


# fixed: load_text takes the fast path only once control codes are ruled out
@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_characters_through_load_text(char: str) -> None:
    assert_agree(item(summary=f"S{char}x") + OTHER)


def test_a_lone_surrogate_raises_the_same_way_both_ways() -> None:
    # not reachable from a file (UTF-8 decoding refuses it); load_text raises rather than reporting, both ways
    text = item(summary="S\ud800x")
    with pytest.raises(UnicodeEncodeError):
        load_text(text, NAME, exact=True)
    with pytest.raises(UnicodeEncodeError):
        load_text(text, NAME, exact=False)


# The anchor/alias budget (load.py: 10x the text, at least 1,000,000 characters). Found while this ran: items
# taken by yaml-rs spent none of it, so the fast path read files the exact path refused, and both refused with
# different limits in the message. Commit 3a7cdc3 ("Text read fast counts against the alias-expansion budget")
# fixed it during this session; these are now regression tests.


def bomb(anchor: int, uses: int, term: str = "bomb") -> str:
    """An item PyYAML must read (it holds an anchor): a summary of `anchor` characters named `uses` more times."""
    refs = ", ".join(["*a"] * uses)
    return item(term=term, summary="&a " + "x" * anchor, extra=f"  arguments:\n    for: [{refs}]\n")


# A plain item of 1,013 characters of text, then a bomb of 999,000 (+12): over 1,000,000 only with the first.
UNDER_ALONE = item(term="plain", definition="y" * 1000) + bomb(1000, 998)
# A plain item of 11 characters, then a bomb over the limit on its own.
OVER_ALONE = BASE + bomb(1000, 1000)


def test_the_budget_examples_are_what_they_claim() -> None:
    # guards the two tests below, so that they test what they say
    assert len(UNDER_ALONE) * load.EXPANSION_FACTOR < load.EXPANSION_FLOOR  # the limit is the 1,000,000 floor
    alone = load_text(bomb(1000, 998), NAME, exact=True)
    assert not alone.problems and len(alone.entries) == 1
    refused = load_text(UNDER_ALONE, NAME, exact=True)
    assert not refused.entries and "expand to more than" in refused.problems[0].message
    assert not load_text(UNDER_ALONE.split("- term: bomb")[0], NAME, exact=False).entries[0].lines_exact  # fast


def test_alias_budget_counts_the_items_read_fast() -> None:
    assert_agree(UNDER_ALONE)


def test_alias_budget_message_is_the_same() -> None:
    assert_agree(OVER_ALONE)


# --------------------------------------------------------------------------------------------------------------
# readahead.py: from 12,000,000 characters on, a forked child reads the second half of the items with the fast
# reader. Its records carry no text for the items it took; the parent reads an item with PyYAML when taking it
# would overrun the budget, and then composes that empty text, which is "not one item": the whole file is parsed
# again, and a syntax error after that item is reported instead of the budget.


@contextlib.contextmanager
def forked_halves() -> Iterator[list[int]]:
    """The fork path for any text with an item past its middle (threshold 0); yields a count of the forks."""
    forks: list[int] = []

    class Counted(readahead._Child):
        def __init__(self, *args: Any) -> None:
            forks.append(1)  # counted in the parent, before the fork
            super().__init__(*args)

    with mock.patch.object(readahead, "MIN_CHARACTERS", 0), mock.patch.object(readahead, "_Child", Counted):
        yield forks


def many(text: str) -> str:
    """The text with items after it, so that one starts past the middle and the halves split there."""
    return text + "".join(item(term=f"v{i}") for i in range(3))


def test_the_fork_path_runs_here() -> None:
    # without a fork every forked-halves test below would be a one-process read again
    assert can_fork()
    with forked_halves() as forks:
        fast = assert_agree(many(BASE))
    assert forks and all(not x.lines_exact for x in fast.entries)


@pytest.mark.parametrize("text", list(PASSING.values()), ids=list(PASSING))
def test_hand_written_inputs_agree_with_forked_halves(text: str) -> None:
    with forked_halves():
        assert_agree(many(text))


def overrun_then_error() -> str:
    """A bomb that leaves 8,991 characters of budget, past the middle a plain item of 9,000, then a syntax error."""
    first = bomb(1000, 990, term="a").replace("  arguments", "  # " + "c" * 12_000 + "\n  arguments")
    return first + item(term="b", definition="y" * 9000) + item(term="c", summary="a: b")


def test_the_fork_budget_example_is_what_it_claims() -> None:
    text = overrun_then_error()
    assert text.index("- term: b") > len(text) // 2  # the plain item is the child's
    exact = load_text(text, NAME, exact=True)
    assert [p.line for p in exact.problems] == [11] and "expand to more than" in exact.problems[0].message
    assert load_text(text, NAME, exact=False).problems == exact.problems  # one process: the same


FORK_BUDGET = (
    "fork path: an item the child read fast but that overruns the budget comes back without its text; the "
    "parent composes '' ('not one item') and parses the file whole, so a later syntax error is reported "
    "instead of the budget"
)


def test_forked_halves_report_the_budget_as_one_process_does() -> None:
    with forked_halves() as forks:
        assert_agree(overrun_then_error())
    assert forks


C_ERROR = item(term="c", summary="a: b")
DATA = Path(__file__).resolve().parents[1] / "data" / "entries.yaml"  # the shipped glossary, in the checkout


def large_overrun_then_error() -> str:
    """The same at the real threshold, untouched: 12.2 MB of the shipped glossary's items after a bomb, then a
    plain item of 2,000,012 characters that overruns what is left of the 122,059,330, then a syntax error."""
    items = "".join(chunk for _, chunk in load._top_level_items(DATA.read_text(encoding="utf-8")) or [])
    filler = items * (10_050_000 // len(items) + 1)
    return bomb(100_000, 1115, term="a") + filler + item(term="b", definition="y" * 2_000_000) + C_ERROR


def test_a_large_file_reports_the_budget_as_one_process_does() -> None:
    text = large_overrun_then_error()
    assert len(text) >= readahead.MIN_CHARACTERS and can_fork()
    exact = load_text(text, NAME, exact=True)
    assert "expand to more than" in exact.problems[0].message  # the example overruns where it should
    assert load_text(text, NAME, exact=False).problems == exact.problems


# --------------------------------------------------------------------------------------------------------------
# validate.load_glossary: fast first, re-read exactly on any problem; it must match an exact-only read.

GLOSSARY_PASSING = {
    "clean": BASE + OTHER.replace("D.", "See [[t]]."),
    "unresolved-reference": BASE + OTHER.replace("D.", "See [[nowhere]]."),
    "unresolved-see-also": BASE + "  see_also: [nowhere]\n" + OTHER,
    "alias-clash": BASE + "  aliases: [u]\n" + OTHER,
    "duplicate-term": BASE + BASE,
    "reference-over-lines": BASE + OTHER.replace("D.", "|\n    See [[t\n    ]] and [[\n    t]]."),
    "reference-across-paragraph": BASE + OTHER.replace("D.", "|\n    See [[t\n\n    x]]."),
    "unclosed-reference": BASE + OTHER.replace("D.", ">\n    See [[t\n    and more."),
    "typed-value": item(term="NO") + OTHER,
    "crlf": (BASE + OTHER).replace("\n", "\r\n"),
    "lone-cr": (BASE + OTHER).replace("\n", "\r"),
    "control-code": item(summary="S\x1bx"),
    "tab-inside-block": item(definition="|\n    a\n\t\n    b\n") + OTHER,
}


@pytest.mark.parametrize("text", list(GLOSSARY_PASSING.values()), ids=list(GLOSSARY_PASSING))
def test_load_glossary_matches_an_exact_read(tmp_path: Path, text: str) -> None:
    assert_glossary_agrees(tmp_path / NAME, text)


GLOSSARY_FIXED = [
    pytest.param(BASE + "\t\n", id="tab-line", marks=fixed(TAB_BLANK)),
    pytest.param(BASE + "  aliases: [?x]\n", id="flow-question", marks=fixed(FLOW_QUESTION)),
    pytest.param(BASE + "  aliases: [:x]\n", id="flow-colon", marks=fixed(FLOW_COLON)),
    pytest.param(item(definition="|\n    \tD."), id="tab-first-literal", marks=fixed(TAB_BLOCK)),
    pytest.param(BASE + "  aliases:\n    - \tx\n", id="tab-after-dash", marks=fixed(TAB_DASH)),
]


@pytest.mark.parametrize("text", GLOSSARY_FIXED)
def test_load_glossary_fixed_discrepancies(tmp_path: Path, text: str) -> None:
    assert_glossary_agrees(tmp_path / NAME, text)


def test_load_glossary_with_forked_halves_reports_the_budget(tmp_path: Path) -> None:
    # its fast pass finds a problem but no entry read fast, so it does not read again: the syntax error stays
    with forked_halves():
        assert_glossary_agrees(tmp_path / NAME, overrun_then_error())


def test_load_glossary_notes_name_the_same_line(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(item(term="alpha", extra="  aliases: [beta]\n"), encoding="utf-8")
    second.write_text("- term:\n    beta\n  theme: theory\n  summary: S.\n  definition: D.\n", encoding="utf-8")
    fast_notes: list[Problem] = []
    exact_notes: list[Problem] = []
    assert load_glossary([first, second], fast_notes) == exact_glossary([first, second])
    merge([first, second], exact_notes)
    assert fast_notes == exact_notes


# --------------------------------------------------------------------------------------------------------------
# Generated items (hypothesis). Values mix prose, YAML 1.1 look-alikes and odd characters; each is written in a
# random style (plain, quoted, multi-line, block scalars with chomping and indentation indicators, flow or block
# lists), with random comments, blank lines, trailing spaces and line ends.
# Left out of this generator, because they are the known discrepancies above: tabs, control codes, and flow
# plain scalars that start with ':', '?', '|' or '>' or hold ':' before ',?[]{}' (those are quoted instead).

RISKY = [*TYPED, "- x", "? x", ": x", "a: b", "a #b", "#", "&a", "*a", "!x", "! x", "'", '"', "''", "[a]", "{a}",
         "|", ">", "|-", ">+2", "---", "...", "%", "@", "`", "R&D", "\\", "\\n", "\\e", "[[t]]", "[[u|x]]"]  # fmt: skip
CHARS = "abcxyzABCXYZ0123456789 éßжΩ中😀.,;:'\"-?!()[]{}#&*%@`|>=~+/\\\u00a0\u200b\ufeff\u0301"
PROSE = ["the", "state", "power", "balance", "Realpolitik", "1648", "war,", "peace.", "(1919)", "Carr's", "a-b", "é"]
# Words yaml-rs may take: prose with odd spacing, Unicode and punctuation, but no anchor, tag, escape or typed value.
CLEAN = ["the", "state", "power", "balance", "Realpolitik", "peace.", "(1919)", "Carr's", "a-b", "é", "中文", "\u00a0",
         "x\u200by", "😀", "a:b", "50%", "it's", "—", "ß", "war;", "a#b", "1648a"]  # fmt: skip
CLEAN_WORD = st.sampled_from(CLEAN)
# Anything: mostly prose, with odd text and YAML look-alikes mixed in.
WORD = st.one_of(CLEAN_WORD, CLEAN_WORD, st.text(alphabet=CHARS, min_size=1, max_size=6), st.sampled_from(RISKY))
ODD_THEMES = (*THEMES, "theory", "theroy", "'security'", "NO")
FLOW_PLAIN_KNOWN_BUG = re.compile(r"(?:^|[,\[{])\s*[:?|>]|:[,?\[\]{}]")


def quote(value: str, style: str) -> str:
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + value.replace("'", "''") + "'"


@st.composite
def scalar(
    draw: st.DrawFn, indent: int, word: st.SearchStrategy[str], *, flow: bool = False, multiline: bool = False
) -> str:
    """A value written in YAML: plain, quoted, folded over lines, or a block scalar (not inside flow)."""
    line = st.lists(word, min_size=1, max_size=5).map(" ".join)
    paragraphs = draw(st.lists(st.lists(line, min_size=1, max_size=3), min_size=1, max_size=3 if multiline else 1))
    if not multiline:
        paragraphs = [paragraphs[0][:1]]
    lines = [line for p in paragraphs for line in [*p, ""]][:-1]  # "" between paragraphs: a blank line
    styles = ["plain", "single", "double"] + ([] if flow else ["plain-lines", "quoted-lines", "block"])
    style = draw(st.sampled_from(styles))
    pad = " " * (indent + 2)
    text = " ".join(x for x in lines if x)
    if style == "plain" and flow and FLOW_PLAIN_KNOWN_BUG.search(text):
        style = "single"
    if style == "plain":
        return text
    if style in ("single", "double"):
        return quote(text, style)
    if style == "plain-lines":
        return ("\n" + pad).join(lines).replace("\n" + pad + "\n", "\n\n")
    if style == "quoted-lines":
        return quote(("\n" + pad).join(lines), draw(st.sampled_from(["single", "double"])))
    header = draw(st.sampled_from("|>")) + draw(st.sampled_from(["", "-", "+"]))
    extra = draw(st.sampled_from([0, 0, 0, 1, 2]))
    if extra or any(x.startswith(" ") for x in lines[:1]):
        header += str(2 + extra)  # the indicator counts from the mapping's indentation
    pad = " " * (indent + 2 + extra)
    trailing = draw(st.sampled_from(["", "\n", "\n\n", "\n" + pad + " \n"]))
    body = "\n".join(pad + x if x else draw(st.sampled_from(["", pad, pad + "  "])) for x in lines)
    return header + draw(st.sampled_from(["", " # c"])) + "\n" + body + trailing


@st.composite
def name_list(draw: st.DrawFn, indent: int, word: st.SearchStrategy[str]) -> str:
    """A list of values after its key (with the separator): `[a, b]` or block entries `- a` on their own lines."""
    if draw(st.booleans()):
        names = draw(st.lists(scalar(indent + 2, word, flow=True), max_size=3))
        return " [" + ", ".join(names) + draw(st.sampled_from(["", ",", " "])) + "]"
    column = indent + draw(st.sampled_from([0, 2]))  # entries level with the key, or indented under it
    names = draw(st.lists(scalar(column, word), min_size=1, max_size=3))
    return "".join("\n" + " " * column + "- " + name for name in names)


@st.composite
def records(draw: st.DrawFn, keys: tuple[str, ...], number: str, word: st.SearchStrategy[str]) -> str:
    """Cases or readings after their key: flow mappings or block mappings, as block-list entries."""
    out = []
    for _ in range(draw(st.integers(0, 2))):
        values = {k: draw(scalar(6, word, flow=True)) for k in keys}
        values[number] = draw(st.sampled_from(["1648", "'1648'", "416 BC", "September 2002", '"1948"', "1_648"]))
        if draw(st.booleans()):
            out.append("\n    - {" + ", ".join(f"{k}: {v}" for k, v in values.items()) + "}")
        else:
            out.append("\n    - " + "\n      ".join(f"{k}: {v}" for k, v in values.items()))
    return "".join(out) if out else " []"


@st.composite
def entry_text(draw: st.DrawFn, word: st.SearchStrategy[str] = WORD, themes: tuple[str, ...] = ODD_THEMES) -> str:
    """One item; every value carries its own separator (a space, or a line break for block content)."""
    fields = {
        "term": " " + draw(scalar(2, word)),
        "theme": " " + draw(st.sampled_from(themes)),
        "summary": " " + draw(scalar(2, word, multiline=draw(st.booleans()))),
        "definition": " " + draw(scalar(2, word, multiline=True)),
    }
    for key in draw(st.lists(st.sampled_from(["aliases", "covers", "see_also"]), unique=True)):
        fields[key] = draw(name_list(2, word))
    if draw(st.booleans()):
        fields["arguments"] = "\n    for:" + draw(name_list(4, word)) + "\n    against:" + draw(name_list(4, word))
    if draw(st.booleans()):
        fields["cases"] = draw(records(("date", "event", "detail"), "date", word))
    if draw(st.booleans()):
        fields["further_reading"] = draw(records(("author", "year", "title", "published"), "year", word))
    keys = list(fields)
    if draw(st.integers(0, 9)) == 0:
        keys = draw(st.permutations(keys))  # sometimes not "- term:" first
    lines = []
    for key in keys:
        lines.append(f"{key}:{fields[key]}" + draw(st.sampled_from(["", "", " # note", "  "])))
        lines.extend(draw(st.sampled_from([[], [], ["# c"], ["  # c"], [""]])))
    return "- " + "\n  ".join(lines) + "\n"


@st.composite
def glossary_text(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(entry_text(), min_size=1, max_size=3)))
    return text.replace("\n", draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])))


@settings(max_examples=300, **SETTINGS)
@given(glossary_text())
def test_generated_glossaries_agree(text: str) -> None:
    assert_agree(text)


@settings(max_examples=200, **SETTINGS)
@given(entry_text(CLEAN_WORD, THEMES))
def test_generated_items_are_often_taken_fast_and_agree(text: str) -> None:
    # The same property on items drawn until yaml-rs takes them, so that yaml-rs's strings are what is compared.
    fast = load_text(text, NAME, exact=False)
    assume(fast.entries and not fast.entries[0].lines_exact)
    assert_agree(text)


@settings(max_examples=60, **SETTINGS)
@given(glossary_text())
def test_generated_glossaries_load_the_same_through_load_glossary(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert_glossary_agrees(Path(folder) / NAME, text)


@settings(max_examples=100, **SETTINGS)
@given(glossary_text())
def test_generated_glossaries_agree_with_forked_halves(text: str) -> None:
    with forked_halves():
        assert_agree(many(text))


@settings(max_examples=100, **SETTINGS)
@given(entry_text(CLEAN_WORD, THEMES), st.data())
def test_generated_items_with_a_tab_line_agree(text: str, data: st.DataObject) -> None:
    # A line holding only a tab (an editor's leftover) put after a random line of a generated item.
    lines = text.split("\n")
    at = data.draw(st.integers(1, len(lines) - 1))
    assert_agree("\n".join([*lines[:at], "\t", *lines[at:]]))
