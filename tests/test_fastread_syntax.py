"""Second differential pass: `load_text(..., exact=False)` (yaml-rs via fastread.py) against `exact=True` (PyYAML).

The claim: for every input text both give the same `[x.entry for x in result.entries]` and the same
`result.problems`. The first pass (benchmarks/data/fastread-findings.md) covered tabs, risky flow indicators,
control codes, the alias budget and the term's line; the cases here probe other syntax where YAML 1.1/libyaml
and YAML 1.2/yaml-rs could part ways. Written by a second independent pass, which found no discrepancy (about
2.5 million mutated inputs besides these cases); they stay as regression tests of fastread.py's syntax screen.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from irconcepts import load
from irconcepts.load import load_text

NAME = "g.yaml"
# Derandomized, no example database: the run is the same each time and writes nothing but the constants cache.
SETTINGS = {"deadline": None, "database": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow]}


def item(term: str = "t", theme: str = "theory", summary: str = "S.", definition: str = "D.", extra: str = "") -> str:
    """One glossary item with the four required fields, each written as given (already YAML)."""
    return f"- term: {term}\n  theme: {theme}\n  summary: {summary}\n  definition: {definition}\n{extra}"


OTHER = item(term="u")  # a clean item after the probe: a probe that breaks the file shows up in it too


def compare(text: str) -> tuple[load.LoadResult, load.LoadResult]:
    """Both readings, asserting the claim: same entries, same problems."""
    fast, exact = load_text(text, NAME, exact=False), load_text(text, NAME, exact=True)
    assert [x.entry for x in fast.entries] == [x.entry for x in exact.entries]
    assert fast.problems == exact.problems
    return fast, exact


def taken_fast(result: load.LoadResult) -> bool:
    """Whether the first item came from yaml-rs (else the comparison was PyYAML against itself for it)."""
    return bool(result.entries) and not result.entries[0].lines_exact and result.entries[0].entry.line == 1


# --------------------------------------------------------------------------------------------------------------
# Hand-written probes. Many are refused by both or sent to PyYAML by the screen; the ones yaml-rs does take are
# the real tests, and test_the_probes_reach_the_fast_reader checks that there are plenty of them.

CASES: dict[str, str] = {
    # characters that cannot start a plain scalar in YAML 1.1 (libyaml: "cannot start any token")
    "at-sign": item(summary="@x"),
    "backquote": item(summary="`x"),
    "percent": item(summary="%x"),
    "star-space": item(summary="* x"),
    "star-eol": item(summary="*"),
    "amp-space": item(summary="& x"),
    "amp-eol": item(summary="&"),
    "comma-first": item(summary=",x"),
    "bracket-close-first": item(summary="]x"),
    "brace-close-first": item(summary="}x"),
    "question-space": item(summary="? x"),
    "colon-space": item(summary=": x"),
    "dash-eol": item(summary="-"),
    "dash-space": item(summary="- x"),
    "plain-ends-colon": item(summary="a:"),
    "plain-colon-eol-then-more": item(summary="a:\n    b"),
    # the same inside flow
    "flow-dash": item(extra="  aliases: [- a]\n"),
    "flow-dash-second": item(extra="  aliases: [a, - b]\n"),
    "flow-at": item(extra="  aliases: [@a]\n"),
    "flow-backquote": item(extra="  aliases: [`a]\n"),
    "flow-percent": item(extra="  aliases: [%a]\n"),
    "flow-star-space": item(extra="  aliases: [* a]\n"),
    "flow-amp-space": item(extra="  aliases: [& a]\n"),
    "flow-comment-no-space": item(extra="  aliases: [a,#c\n    b]\n"),
    "flow-comment-after-close": item(extra="  aliases: [a]#c\n"),
    "flow-text-after-close": item(extra="  aliases: [a] x\n"),
    "flow-multiline-key": item(extra="  aliases: [a\n    b: c]\n"),
    "flow-quoted-key-adjacent": item(extra="  aliases: ['a':b]\n"),
    "flow-blank-line": item(extra="  aliases: [a,\n\n    b]\n"),
    "flow-spaces-line": item(extra="  aliases: [a,\n     \n    b]\n"),
    "flow-close-col0": item(extra="  aliases: [a,\n    b\n]\n"),
    "flow-close-col1": item(extra="  aliases: [a,\n    b\n ]\n"),
    "flow-docstart-inside": item(extra="  aliases: [a,\n  --- b]\n"),
    "flow-map-break": item(extra="  cases: [{date: '1',\n  event: e, detail: d}]\n"),
    "flow-map-break-col0": item(extra="  cases: [{date: '1',\nevent: e, detail: d}]\n"),
    "flow-map-null-value": item(extra="  arguments: {for: [a], against}\n"),
    "flow-map-explicit-key": item(extra="  arguments: {? for : [a]}\n"),
    "flow-long-plain": item(extra="  aliases: [" + "x" * 1100 + "]\n"),
    "flow-nbsp-only": item(extra="  aliases: [\u00a0]\n"),
    "flow-em-space-break": item(extra="  aliases: [a\u2003\n    b]\n"),
    # continuation lines of a plain scalar that start with an indicator
    **{
        f"continuation-{label}": item(summary=f"a\n    {start}b")
        for label, start in [
            ("percent", "%"),
            ("at", "@"),
            ("dquote", '"'),
            ("squote", "'"),
            ("pipe", "| "),
            ("gt", "> "),
            ("bracket", "["),
            ("bracket-close", "]"),
            ("brace", "{"),
            ("comma", ", "),
            ("question", "? "),
            ("dash", "-"),
            ("star", "* "),
            ("bang", "! "),
            ("docstart", "--- "),
            ("docend", "... "),
        ]
    },
    "continuation-comment-between": item(summary="a\n  # c\n    b"),
    # quoted scalars: text after the closing quote, comments without a space, continuation at columns 0 and 1
    "squote-then-text": item(summary="'a'b"),
    "dquote-then-text": item(summary='"a"b'),
    "squote-then-hash": item(summary="'a'#c"),
    "dquote-then-hash": item(summary='"a"#c'),
    "squote-col0": item(summary="'a\nb'"),
    "squote-col1": item(summary="'a\n b'"),
    "dquote-col0": item(summary='"a\nb"'),
    "squote-col0-paragraph": item(definition="'a\n\nb'"),
    # block scalars: headers, indentation indicators, leading lines with more spaces, less-indented ends
    "block-leading-spaces-more": item(definition="|\n      \n    D."),
    "block-leading-spaces-more-folded": item(definition=">\n\n        \n    D."),
    "block-leading-spaces-more-strip": item(definition="|-\n     \n    D.\n    E."),
    "block-header-hash": item(definition="|#c\n    D."),
    "block-less-indented-line": item(definition="|\n    a\n   b"),
    "block-indicator-larger": item(definition="|4\n      D."),
    "block-indicator-smaller": item(definition="|1\n    D."),
    "block-indicator-leading-blank": item(definition="|2\n\n     D.\n    E."),
    "block-indicator-relative-1": item(definition="|1\n   a"),
    "block-indicator-relative-2": item(definition="|2\n    a"),
    "block-at-key-indent": item(definition="|\n  a"),
    "block-one-more-than-key": item(definition="|\n   a"),
    "block-comment-col0": item(definition="|\n    a\n# c\n    b"),
    "block-docstart-indented": item(definition="|\n    a\n    ---\n    b"),
    "block-trailing-comment-less": item(definition="|\n    D.\n # c\n"),
    "folded-blank-then-spaces": item(definition=">\n    a\n\n   \n    b"),
    "folded-nbsp-start": item(definition=">\n    a\n\n    \u00a0b\n    c"),
    "folded-ideographic-start": item(definition=">\n    a\n\n    \u3000b\n    c"),
    "folded-more-indented": item(definition=">\n    a\n\n      b\n    c\n\n    d"),
    "folded-more-indented-no-blank": item(definition=">\n    a\n      b\n\n    c"),
    "folded-spaces-line": item(definition=">\n    a\n     \n    c"),
    "folded-spaces-line-blank": item(definition=">\n    a\n     \n\n    c"),
    "seq-entry-block": item(extra="  aliases:\n    - >-\n      a\n"),
    "seq-entry-block-less": item(extra="  aliases:\n    - >-\n     a\n"),
    "seq-entry-block-at-dash": item(extra="  aliases:\n    - >-\n    a\n"),
    "seq-col2-entry-block": item(extra="  aliases:\n  - |-\n   a\n"),
    "seq-col2-entry-block-at-dash": item(extra="  aliases:\n  - |-\n  a\n"),
    "seq-entry-indicator-1": item(extra="  aliases:\n    - |1-\n      a\n"),
    "seq-col2-entry-indicator-1": item(extra="  aliases:\n  - |1-\n    a\n"),
    "case-event-indicator-2": item(extra="  cases:\n    - date: '1'\n      event: |2-\n          e\n      detail: d\n"),
    "term-block-indicator-1": item(term="|1-\n   t"),
    "term-block-indicator-2": item(term="|2-\n   t"),
    "term-folded-keep": item(term=">+\n    t\n\n"),
    "term-pipe": item(term="|\n    t"),
    "term-continued": item(term="t\n    u"),
    # indentation of mappings and sequences
    "key-more-indented": item().replace("  summary", "   summary"),
    "key-less-indented": item().replace("  summary", " summary"),
    "arguments-deeper": item(extra="  arguments:\n      for:\n        - x\n      against: [y]\n"),
    "arguments-second-deeper": item(extra="  arguments:\n    for: [a]\n      against: [b]\n"),
    "arguments-second-shallower": item(extra="  arguments:\n    for: [a]\n   against: [b]\n"),
    "arguments-second-deeper-after-seq": item(extra="  arguments:\n    for:\n      - a\n      against: [b]\n"),
    "arguments-seq-at-key": item(extra="  arguments:\n    for:\n    - x\n    against:\n      - y\n"),
    "case-key-shallower": item(extra="  cases:\n    - date: '1'\n      event: e\n     detail: d\n"),
    "case-key-deeper": item(extra="  cases:\n    - date: '1'\n      event: e\n       detail: d\n"),
    "cases-at-key": item(extra="  cases:\n  - date: '1'\n    event: e\n    detail: d\n"),
    "cases-wide-dash": item(extra="  cases:\n    -   date: '1'\n        event: e\n        detail: d\n"),
    "cases-dash-alone": item(extra="  cases:\n    -\n      date: '1'\n      event: e\n      detail: d\n"),
    "cases-dash-alone-less": item(extra="  cases:\n    -\n     date: '1'\n     event: e\n     detail: d\n"),
    "cases-dash-alone-at-dash": item(extra="  cases:\n    -\n    date: '1'\n    event: e\n    detail: d\n"),
    "seq-deeper-then-shallower": item(extra="  aliases:\n      - a\n    - b\n"),
    "seq-at-key-continued": item(extra="  aliases:\n  - a\n   b\n"),
    "seq-continued": item(extra="  aliases:\n    - a\n     b\n"),
    "seq-dash-alone": item(extra="  aliases:\n    -\n      a\n"),
    "seq-dash-alone-at-dash": item(extra="  aliases:\n    -\n    a\n"),
    "seq-at-key-dash-alone": item(extra="  aliases:\n  -\n  a\n"),
    "seq-in-seq": item(extra="  aliases:\n    - - a\n"),
    "value-next-line-at-key": "- term: t\n  theme:\n  theory\n  summary: S.\n  definition: D.\n",
    "value-next-line-deeper": "- term: t\n  theme:\n   theory\n  summary: S.\n  definition: D.\n",
    "value-after-comment": "- term: t\n  theme: # c\n    theory\n  summary: S.\n  definition: D.\n",
    "value-after-comment-at-key": "- term: t\n  theme: # c\n  theory\n  summary: S.\n  definition: D.\n",
    "plain-value-next-line": item(summary="\n  a"),
    "plain-value-next-line-deeper": item(summary="\n   a"),
    "plain-leading-blank-lines": item(summary="\n\n    a"),
    "item-dash-alone": "-\n  term: t\n  theme: theory\n  summary: S.\n  definition: D.\n",
    # keys
    "key-space-before-colon": item().replace("theme:", "theme :"),
    "key-nbsp-after-colon": item().replace("theme: ", "theme:\u00a0"),
    "key-quoted": item().replace("theme:", "'theme':"),
    "key-empty": item(extra="  : x\n"),
    "key-holding-cr": item().replace("theme:", "the\rme:"),
    # Unicode spaces and marks around values
    "term-nbsp-separator": "- term:\u00a0t\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "term-trailing-space": "- term: t \n  theme: theory\n  summary: S.\n  definition: D.\n",
    "term-trailing-nbsp": "- term: t\u00a0\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "term-trailing-ideographic": "- term: t\u3000\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "term-trailing-bom": "- term: t\ufeff\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "term-zero-width-only": "- term: \u200b\n  theme: theory\n  summary: S.\n  definition: D.\n",
    "theme-trailing-nbsp": item(theme="theory\u00a0"),
    "theme-leading-bom": item(theme="\ufefftheory"),
    "summary-bom-only": item(summary="\ufeff"),
    "summary-nbsp-only": item(summary="\u00a0"),
    "summary-nbsp-quoted": item(summary="'\u00a0'"),
    "summary-ideographic-only": item(summary="\u3000"),
    "bom-at-key-line": item().replace("  theme", "\ufeff  theme"),
    "bom-after-dash": item(extra="  aliases:\n    -\ufeffa\n"),
    # Unicode spaces where YAML wants a space or a tab (they are text to both YAML versions)
    "hash-after-nbsp": item(summary="a\u00a0#c"),
    "hash-after-ideographic": item(summary="a\u3000#c"),
    "colon-nbsp": item(summary="a:\u00a0b"),
    "colon-ideographic": item(summary="a:\u3000b"),
    "flow-colon-nbsp": item(extra="  aliases: [a:\u00a0b]\n"),
    "flow-comma-nbsp": item(extra="  aliases: [a,\u00a0b]\n"),
    "flow-hash-nbsp": item(extra="  aliases: [a\u00a0#c]\n"),
    "dash-nbsp": item(extra="  aliases:\n    -\u00a0a\n"),
    "dash-ideographic": item(extra="  aliases:\n    -\u3000a\n"),
    "indent-nbsp-before-dash": item(extra="  aliases:\n  \u00a0 - a\n"),
    "indent-nbsp-before-key": item().replace("  summary", "\u00a0 summary"),
    "question-nbsp": item(summary="?\u00a0a"),
    "colon-first-nbsp": item(summary=":\u00a0a"),
    "dash-first-nbsp": item(summary="-\u00a0a"),
    "flow-question-nbsp": item(extra="  aliases: [?\u00a0a]\n"),
    "flow-dash-nbsp": item(extra="  aliases: [-\u00a0a]\n"),
    # block scalar headers and comments around the block's end
    "block-comment-less-then-more": item(definition=">\n    a\n  # c\n    b"),
    "block-comment-less-between-blanks": item(definition="|\n    a\n\n  # c\n\n    b"),
    "block-comment-one-less": item(definition="|\n    a\n   # c\n    b"),
    "block-header-indicator-comment": item(definition="|-2 #c\n    a"),
    "block-header-space-before-indicator": item(definition="| 2\n    a"),
    "block-header-trailing-space": item(definition="|- \n    a"),
    "block-header-trailing-text": item(definition="| x\n    a"),
    # libyaml refuses a simple key over 1,024 characters; spaces before the colon make one
    "key-1020-characters": item().replace("theme:", "theme" + " " * 1015 + ":"),
    "key-1030-characters": item().replace("theme:", "theme" + " " * 1025 + ":"),
    "key-quoted-long": item().replace("theme:", "'theme'" + " " * 1100 + ":"),
    "key-long-in-flow-mapping": item(extra="  arguments: {for" + " " * 1100 + ": [a]}\n"),
    "key-long-in-case": item(extra="  cases:\n    - date" + " " * 1100 + ": '1'\n      event: e\n      detail: d\n"),
    "key-long-in-flow-case": item(extra="  cases: [{date" + " " * 1100 + ": '1', event: e, detail: d}]\n"),
    "key-long-term": "- term" + " " * 1100 + ": t\n  theme: theory\n  summary: S.\n  definition: D.\n",
    # line ends
    "cr-only": item().replace("\n", "\r"),
    "cr-inside-plain": item(summary="a\rb"),
    "crlf-block-blank-spaces": item(definition="|\n    a\n  \n\n    b").replace("\n", "\r\n"),
    "cr-pairs-in-literal": item(definition="|\n    a\r\r    b"),
    "cr-triple-in-folded": item(definition=">\n    a\r\r\r    b"),
    "crlf-trailing-spaces-folded": item(definition=">\n    a  \r\n  \r\n    b"),
}


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_probe_agrees(text: str) -> None:
    compare(text + OTHER)


def test_the_probes_reach_the_fast_reader() -> None:
    """Without this the probes could all be PyYAML against itself: many of them must be read by yaml-rs (a
    count seen when this file was written: 87 of 184)."""
    assert load._fast_reader() is not None
    taken = sum(taken_fast(load_text(text + OTHER, NAME, exact=False)) for text in CASES.values())
    assert taken >= 80


# --------------------------------------------------------------------------------------------------------------
# Generated: a clean item with its lines re-indented, lines inserted, and characters inserted or replaced,
# from an alphabet of YAML indicators, Unicode spaces, CR, block-scalar headers, and a few of the first pass's
# finds (a tab, flow items starting `?` or `|`, `:?`), which the screen refuses today.

SEEDS = (
    item(),
    "- term: a b\n  aliases: [x, y z]\n  theme: theory\n  summary: >\n    S s.\n\n    T.\n"
    "  definition: |\n    D d.\n\n    E e.\n  see_also:\n    - u\n",
    "- term: t\n  theme: theory\n  summary: 'S. s'\n  definition: \"D.\n    d\"\n  arguments:\n    for: [a, b]\n"
    "    against:\n      - c\n  cases:\n    - date: '1990'\n      event: e\n      detail: d\n"
    "  further_reading:\n    - {author: A, year: 1999, title: T, published: P}\n",
    "- term: t\n  covers:\n  - c d\n  theme: theory\n  summary: a\n    b\n\n    c\n  definition: >-\n    D.\n"
    "      more\n    x\n",
)
PIECES = [
    *" \n:#-?|>,[]{}'\"%@`!~.0+=<a",
    *"\u00a0\u3000\u2003\ufeff\u200b\r",
    ": ",
    " #",
    "- ",
    "\n    ",
    "\n  ",
    "|-",
    ">+",
    "|2",
    "\n\n",
    "  \n",
    "---",
    "...",
    "''",
    '""',
    # what the first pass found, kept so that the test would notice the screen giving way (see findings.md)
    "\t",
    ", ?",
    ", |",
    ":?",
]
INSERTED_LINES = ["", "# c", "x", "- x", "y: z", "|", ">-", "...", "\u00a0", "\ufeff"]


@st.composite
def mutated_items(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 1))):
        i = draw(st.integers(1, len(lines) - 1))
        how = draw(st.sampled_from(("deeper", "shallower", "insert")))
        if how == "deeper":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif how == "shallower":
            lines[i] = lines[i][draw(st.integers(1, 2)) :] if lines[i].startswith("  ") else lines[i]
        else:
            lines.insert(i, " " * draw(st.integers(0, 8)) + draw(st.sampled_from(INSERTED_LINES)))
    text = "\n".join(lines)
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(7, len(text)))  # after "- term:", which the fast reader requires
        piece = draw(st.sampled_from(PIECES))
        how = draw(st.sampled_from(("insert", "replace", "delete")))
        if how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "replace":
            text = text[:at] + piece + text[at + 1 :]
        else:
            text = text[:at] + text[at + 1 :]
    return text


@settings(max_examples=2500, **SETTINGS)
@given(mutated_items())
def test_mutated_items_agree(text: str) -> None:
    compare(text + OTHER)


@settings(max_examples=400, **SETTINGS)
@given(mutated_items())
def test_mutated_items_that_yaml_rs_takes_agree(text: str) -> None:
    """The same, kept to the inputs the fast reader does take, where a discrepancy could hide."""
    assume(taken_fast(load_text(text + OTHER, NAME, exact=False)))
    compare(text + OTHER)
