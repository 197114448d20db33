"""Glossary YAML files -> typed entries. Every problem is reported as `file:line: what is wrong`.

The YAML is read as a node tree (not plain Python objects) so that each value keeps its line, and so that
PyYAML's implicit types are seen for what they are: `term: NO` is a boolean and `term: 1648` an integer,
and both are reported rather than silently turned into text.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Case, Citation, Entry, Problem
from .vocab import THEMES

FIELDS = (
    "term",
    "aliases",
    "covers",
    "theme",
    "summary",
    "definition",
    "arguments",
    "cases",
    "see_also",
    "further_reading",
)
REQUIRED = ("term", "theme", "summary", "definition")
CASE_FIELDS = ("date", "event", "detail")
CITATION_FIELDS = ("author", "year", "title", "published")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
}


@dataclass
class Located:
    """An entry with the lines of the parts that cross-entry checks report on."""

    entry: Entry
    term_line: int
    alias_lines: tuple[int, ...] = ()
    cover_lines: tuple[int, ...] = ()
    see_also_lines: tuple[int, ...] = ()
    definition_line: int = 0  # line of the definition's first text line
    definition_literal: bool = True  # a `|` block keeps its line breaks, so ref lines are exact
    raw_definition: str = ""  # as written, for placing problems on their line


@dataclass
class LoadResult:
    entries: list[Located] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _yaml() -> tuple[Any, Any]:
    import yaml  # imported here: only a rebuild of the index reads YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~15x faster where present
    return yaml, loader


def load_file(path: str | Path) -> LoadResult:
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadResult(problems=[Problem(name, 0, "no such file")])
    except UnicodeDecodeError as exc:
        return LoadResult(problems=[Problem(name, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")])
    except OSError as exc:
        return LoadResult(problems=[Problem(name, 0, f"cannot read: {exc.strerror}")])
    return load_text(text, name)


def load_text(text: str, name: str) -> LoadResult:
    """Entries of one file. Each top-level item is parsed on its own, so that a large glossary never
    holds the node tree of the whole file in memory; a file that does not split cleanly is parsed whole."""
    yaml, loader = _yaml()
    result = LoadResult()
    chunks = _top_level_items(text)
    if chunks is not None:
        try:
            for offset, chunk in chunks:
                node = yaml.compose(chunk, Loader=loader)
                if not isinstance(node, yaml.SequenceNode) or len(node.value) != 1:
                    raise ValueError("not one item")
                _EntryReader(name, result.problems, yaml, offset).read(node.value[0], result)
            return result
        except (yaml.YAMLError, ValueError):
            result = LoadResult()  # parse the file whole: it places syntax errors where they really are
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        context = exc.context or ""
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" (started at line {exc.context_mark.line + 1})"
        what = ", ".join(x for x in (context, exc.problem) if x)
        return LoadResult(problems=[Problem(name, line, f"YAML syntax error: {what}")])
    except yaml.YAMLError as exc:
        return LoadResult(problems=[Problem(name, 0, f"YAML error: {exc}")])
    if root is None:
        result.problems.append(Problem(name, 1, "the file holds no entries (expected a list of entries)"))
        return result
    if not isinstance(root, yaml.SequenceNode):
        result.problems.append(Problem(name, _line(root), "expected a list of entries (each item starting '- term:')"))
        return result
    for item in root.value:
        _EntryReader(name, result.problems, yaml).read(item, result)
    return result


def _top_level_items(text: str) -> list[tuple[int, str]] | None:
    """(line offset, text) of each item of a top-level block sequence, or None if the file is not one."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- ") or line.rstrip("\r\n") == "-"]
    if not starts:
        return None
    head = lines[: starts[0]]
    if any(line.strip() and not line.lstrip().startswith("#") for line in head):
        return None  # something other than comments before the first item
    if any(line.startswith(("---", "...", "%")) for line in lines):
        return None  # several documents or directives: leave them to the full parser
    bounds = [*starts, len(lines)]
    return [(start, "".join(lines[start:end])) for start, end in itertools.pairwise(bounds)]


def reflow(text: str) -> str:
    """Paragraphs kept, line breaks inside a paragraph made spaces: the renderers wrap to their own width."""
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _line(node: Any) -> int:
    return node.start_mark.line + 1


class _EntryReader:
    def __init__(self, name: str, problems: list[Problem], yaml: Any, offset: int = 0) -> None:
        self.name = name
        self.problems = problems
        self.yaml = yaml
        self.offset = offset  # lines of the file before the text this reader's nodes were parsed from

    def line(self, node: Any) -> int:
        return _line(node) + self.offset

    def problem(self, node: Any, message: str) -> None:
        self.problems.append(Problem(self.name, self.line(node), message))

    def mapping(self, node: Any, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[Any, Any]] | None:
        """A mapping node as {key: (key node, value node)}; unknown or repeated keys reported."""
        if not isinstance(node, self.yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of {', '.join(allowed)}; found {self.kind(node)}")
            return None
        fields: dict[str, tuple[Any, Any]] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in fields:
                self.problem(key_node, f"{what}: field '{key}' appears twice")
            elif key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                tip = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
                self.problem(key_node, f"{what}: unknown field '{key}'{tip}")
            else:
                fields[key] = (key_node, value_node)
        return fields

    def kind(self, node: Any) -> str:
        if isinstance(node, self.yaml.ScalarNode):
            return _TAG_NAMES.get(node.tag, "text") if node.tag != _STR else "text"
        return _TAG_NAMES.get(node.tag, "something else")

    def text(self, node: Any, what: str, *, allow_number: bool = False) -> str | None:
        """A non-empty string. A YAML number is accepted only where a number is natural (a year)."""
        if not isinstance(node, self.yaml.ScalarNode) or (node.tag != _STR and not (allow_number and node.tag == _INT)):
            found = self.kind(node)
            shown = f" ({node.value!r})" if isinstance(node, self.yaml.ScalarNode) and node.value else ""
            tip = "; put it in quotes to make it text" if isinstance(node, self.yaml.ScalarNode) else ""
            self.problem(node, f"{what} must be text, but YAML reads {found}{shown}{tip}")
            return None
        value = node.value.strip()
        if not value:
            self.problem(node, f"{what} is empty")
            return None
        return value

    def text_list(self, node: Any, what: str) -> list[tuple[str, int]]:
        if not isinstance(node, self.yaml.SequenceNode):
            self.problem(node, f"{what} must be a list; found {self.kind(node)}")
            return []
        out = []
        for i, item in enumerate(node.value, 1):
            value = self.text(item, f"{what} item {i}")
            if value is not None:
                out.append((value, self.line(item)))
        return out

    def read(self, node: Any, result: LoadResult) -> None:
        fields = self.mapping(node, "entry", FIELDS)
        if fields is None:
            return
        term_value = fields.get("term")
        term = self.text(term_value[1], "term") if term_value else None
        label = f"entry '{term}'" if term else "entry"
        for name in REQUIRED:
            if name not in fields:
                self.problem(node, f"{label}: missing required field '{name}'")

        def text_field(name: str) -> str:
            if name not in fields:
                return ""
            return self.text(fields[name][1], f"{label}: {name}") or ""

        theme = text_field("theme")
        if theme and theme not in THEMES:
            hint = difflib.get_close_matches(theme, THEMES, n=1)
            tip = f" (did you mean '{hint[0]}'?)" if hint else f" (one of: {', '.join(THEMES)})"
            self.problem(fields["theme"][1], f"{label}: unknown theme '{theme}'{tip}")
        summary = text_field("summary")
        definition = text_field("definition")
        aliases = self.text_list(fields["aliases"][1], f"{label}: aliases") if "aliases" in fields else []
        covers = self.text_list(fields["covers"][1], f"{label}: covers") if "covers" in fields else []
        see_also = self.text_list(fields["see_also"][1], f"{label}: see_also") if "see_also" in fields else []
        arguments_for: list[str] = []
        arguments_against: list[str] = []
        if "arguments" in fields:
            args = self.mapping(fields["arguments"][1], f"{label}: arguments", ("for", "against"))
            if args is not None:
                if "for" in args:
                    arguments_for = [v for v, _ in self.text_list(args["for"][1], f"{label}: arguments.for")]
                if "against" in args:
                    against = self.text_list(args["against"][1], f"{label}: arguments.against")
                    arguments_against = [v for v, _ in against]
        cases = self.records(fields, "cases", label, CASE_FIELDS, ("date",))
        reading = self.records(fields, "further_reading", label, CITATION_FIELDS, ("year",))
        if term is None:
            return
        # An entry with problems is still recorded, so that references to its term do not cascade into
        # more problems; any problem at all stops the glossary from being used.
        definition_node = fields["definition"][1]
        literal = definition_node.style == "|"
        result.entries.append(
            Located(
                entry=Entry(
                    term=term,
                    aliases=tuple(a for a, _ in aliases),
                    covers=tuple(c for c, _ in covers),
                    theme=theme,
                    summary=" ".join(summary.split()),
                    definition=reflow(definition),
                    arguments_for=tuple(" ".join(a.split()) for a in arguments_for),
                    arguments_against=tuple(" ".join(a.split()) for a in arguments_against),
                    cases=tuple(Case(**c) for c in cases),
                    see_also=tuple(s for s, _ in see_also),
                    further_reading=tuple(Citation(**c) for c in reading),
                    source=self.name,
                    line=self.line(node),
                ),
                term_line=self.line(term_value[1]) if term_value else self.line(node),
                alias_lines=tuple(line for _, line in aliases),
                cover_lines=tuple(line for _, line in covers),
                see_also_lines=tuple(line for _, line in see_also),
                definition_line=self.line(definition_node) + (1 if definition_node.style in ("|", ">") else 0),
                definition_literal=literal or definition_node.style is None,
                raw_definition=definition,
            )
        )

    def records(
        self, fields: dict[str, tuple[Any, Any]], name: str, label: str, keys: tuple[str, ...], numeric: tuple[str, ...]
    ) -> list[dict[str, str]]:
        if name not in fields:
            return []
        node = fields[name][1]
        if not isinstance(node, self.yaml.SequenceNode):
            self.problem(node, f"{label}: {name} must be a list; found {self.kind(node)}")
            return []
        out = []
        for i, item in enumerate(node.value, 1):
            what = f"{label}: {name} item {i}"
            record = self.mapping(item, what, keys)
            if record is None:
                continue
            values: dict[str, str] = {}
            for key in keys:
                if key not in record:
                    self.problem(item, f"{what}: missing field '{key}'")
                    continue
                value = self.text(record[key][1], f"{what}: {key}", allow_number=key in numeric)
                if value is not None:
                    values[key] = " ".join(value.split())
            if len(values) == len(keys):
                out.append(values)
        return out
