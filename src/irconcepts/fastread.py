"""The loader's happy path: one top-level item parsed by yaml-rs, accepted only when PyYAML would read it the same.

yaml-rs (Rust) parses a glossary about eight times as fast as PyYAML's C loader, but it reads YAML 1.2 and keeps
no lines: `term: NO` is text to it where PyYAML reads a boolean, `1_000` a number where PyYAML sees text, and a
message could not say where a problem is. So an item is taken from yaml-rs only when every one of its values is
text that PyYAML's YAML 1.1 rules would also leave as text (a number only in a year or a date, where the loader
accepts one as its digits), every field is known and present, and nothing in it is empty or ill-formed. Anything
else returns None, and load.py reads that item with PyYAML's line-aware reader, which says what is wrong and
where. An item holding an anchor, alias or tag is never taken here: those are PyYAML's to expand or refuse.
"""

from __future__ import annotations

import re
from typing import Any

from .load import CASE_FIELDS, CITATION_FIELDS, FIELDS, REQUIRED, Located, make_located, text_fault
from .vocab import THEMES

_FIELD_SET = frozenset(FIELDS)
_REQUIRED = frozenset(REQUIRED)
_CASE_KEYS = frozenset(CASE_FIELDS)
_CITATION_KEYS = frozenset(CITATION_FIELDS)
_ARGUMENT_KEYS = frozenset(("for", "against"))

# `&anchor`, `*alias`, `!tag`: a mark followed by a non-space. Prose like "Allen & Unwin" passes; "R&D" or an
# exclamation before a quote goes the slow way, which reads it just as well.
_NODE_PROPERTY = re.compile(r"[&*!][^\s]")
_INT_TAG = "tag:yaml.org,2002:int"


# Where libyaml (PyYAML) and yaml-rs part ways on syntax inside [...] and {...}, found by differential testing:
# an item that starts with `:`, `?`, `|` or `>` (libyaml: a syntax error, or `?x` a mapping; yaml-rs: text),
# a `:` right before `,?[]{}`, a value that starts with `:` or `?`, and `|` or `>` as a value in a flow mapping.
# White space here may be line breaks: a flow collection may go on to another line.
_FLOW_RISK = re.compile(r"[\[{,]\s*[:?|>]|:[,?\[\]{}]|:\s+[:?]|\{[^}]*:\s+[|>]")


def _plain_syntax(chunk: str) -> bool:
    """Whether the item is written in the plain subset of YAML on which yaml-rs and PyYAML agree; anything
    else is left to PyYAML (only slower). The marks themselves are looked for before any search: `in` is much
    faster, and most items have none."""
    # "- term: <value>" on the first line, so that the entry's line (which `edit` opens) and its term's line
    # (which notes name) are that line, as PyYAML would place them
    first = chunk[7 : chunk.find("\n")].strip() if chunk.startswith("- term:") else ""
    if not first or first.startswith("#"):
        return False
    # a tab (libyaml refuses it in indentation, on a blank line after a value, or next to a "-"); a backslash,
    # which may be a YAML escape for a control code ("\e")
    if "\t" in chunk or "\\" in chunk:
        return False
    if ("&" in chunk or "*" in chunk or "!" in chunk) and _NODE_PROPERTY.search(chunk):
        return False
    return not (("[" in chunk or "{" in chunk) and _FLOW_RISK.search(chunk))


def _resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's own table of implicit types (YAML 1.1), by first character: taken from PyYAML, so that the
    two readers cannot drift apart."""
    import yaml

    return dict(yaml.resolver.Resolver.yaml_implicit_resolvers)


_RESOLVERS = _resolvers()
_NO_RESOLVERS: list[tuple[str, re.Pattern[str]]] = []


def _implicit_tag(value: str) -> str | None:
    """The tag PyYAML would give `value` written as a plain scalar, or None if it would be text (as in
    yaml.resolver.BaseResolver.resolve: by the first character, then the resolvers for any character)."""
    for tag, pattern in _RESOLVERS.get(value[:1], _NO_RESOLVERS):
        if pattern.match(value):
            return tag
    for tag, pattern in _RESOLVERS.get(None, _NO_RESOLVERS):  # type: ignore[call-overload]
        if pattern.match(value):
            return tag
    return None


def _text(value: Any, *, name: bool = False, numeric: bool = False) -> str | None:
    """The value stripped if PyYAML would read it as acceptable text, else None."""
    if type(value) is not str:
        return None  # a number, boolean, date, null, list or mapping: the line-aware reader decides
    tag = _implicit_tag(value)
    # Written plain, such a value would be typed by PyYAML; quoted it is text. Which one yaml-rs saw is not
    # known, so only a value that the loader accepts either way passes: a whole number in a year or date,
    # which the loader takes as the very digits written.
    if tag is not None and not (numeric and tag == _INT_TAG):
        return None
    value = value.strip()
    # No control code can be in it: the file was checked for them, and an item with escapes is not read here.
    return value if text_fault(value, name=name, escaped=False) is None else None


def _texts(values: Any, *, name: bool = False) -> list[str] | None:
    if type(values) is not list:
        return None
    out = []
    for value in values:
        text = _text(value, name=name)
        if text is None:
            return None
        out.append(text)
    return out


def _records(values: Any, keys: frozenset[str], numeric: str) -> list[dict[str, str]] | None:
    if type(values) is not list:
        return None
    out = []
    for record in values:
        if type(record) is not dict or record.keys() != keys:
            return None
        checked = {}
        for key, value in record.items():
            text = _text(value, numeric=key == numeric)
            if text is None:
                return None
            checked[key] = text
        out.append(checked)
    return out


def _values(item: dict[str, Any]) -> dict[str, Any] | None:
    """The checked values of one entry, or None if anything would make the line-aware reader complain."""
    if not (item.keys() <= _FIELD_SET and item.keys() >= _REQUIRED):
        return None
    term = _text(item["term"], name=True)
    theme = _text(item["theme"])
    summary = _text(item["summary"])
    definition = _text(item["definition"])
    if term is None or theme not in THEMES or summary is None or definition is None:
        return None
    values: dict[str, Any] = {"term": term, "theme": theme, "summary": summary, "definition": definition}
    for field in ("aliases", "covers", "see_also"):
        names = _texts(item[field], name=True) if field in item else []
        if names is None:
            return None
        values[field] = names
    arguments = item.get("arguments", {})
    if type(arguments) is not dict or not arguments.keys() <= _ARGUMENT_KEYS:
        return None
    for side in ("for", "against"):
        texts = _texts(arguments[side]) if side in arguments else []
        if texts is None:
            return None
        values[f"arguments_{side}"] = texts
    cases = _records(item["cases"], _CASE_KEYS, "date") if "cases" in item else []
    reading = _records(item["further_reading"], _CITATION_KEYS, "year") if "further_reading" in item else []
    if cases is None or reading is None:
        return None
    values["cases"] = cases
    values["further_reading"] = reading
    return values


def _characters(value: Any) -> int:
    """The characters of all the text values in an item, as the line-aware reader counts them against the
    limit on what YAML aliases may expand to (keys are not counted)."""
    if type(value) is str:
        return len(value)
    if type(value) is dict:
        return sum(map(_characters, value.values()))
    return sum(map(_characters, value))  # a list: an accepted item holds nothing else


class FastReader:
    """Reads items with yaml-rs where it may (see the module's docstring); None sends an item to PyYAML."""

    def __init__(self, loads: Any) -> None:
        self.loads = loads

    def read(self, chunk: str, name: str, line_offset: int) -> tuple[Located | None, int]:
        """The item's entry and the characters of its text (for load.py's alias-expansion budget), or
        (None, 0) when the item is PyYAML's to read."""
        if not _plain_syntax(chunk):
            return None, 0
        try:
            parsed = self.loads(chunk, parse_datetime=False)
        except Exception:  # any complaint of yaml-rs: PyYAML will say it properly, with a line
            return None, 0
        if type(parsed) is not list or len(parsed) != 1 or type(parsed[0]) is not dict:
            return None, 0
        values = _values(parsed[0])
        if values is None:
            return None, 0
        return make_located(values, name, line_offset + 1), _characters(parsed[0])


def fast_reader() -> FastReader | None:
    """A reader backed by yaml-rs, or None where yaml-rs is not installed (every item then goes to PyYAML)."""
    try:
        import yaml_rs  # imported here: only a rebuild of the index reads YAML
    except ImportError:
        return None
    return FastReader(yaml_rs.loads)
