"""Glossary YAML files -> typed entries. Every problem is reported as `file:line: what is wrong`.

The YAML is read as a node tree (not plain Python objects) so that each value keeps its line, and so that
PyYAML's implicit types are seen for what they are: `term: NO` is a boolean and `term: 1648` an integer,
and both are reported rather than silently turned into text.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Case, Citation, Entry, Problem, clip
from .text import normalise
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


# Terminal control codes (C0 but tab and line ends, DEL, C1): glossary text that held them could rewrite the
# user's terminal when shown, so a file holding them is refused at the line where they stand.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# YAML anchors let a small file name one big value many times; the text read is bounded so that such a file
# is refused quickly instead of taking minutes and gigabytes (a glossary without anchors is never near it).
EXPANSION_FACTOR = 10
EXPANSION_FLOOR = 1_000_000  # characters: small files may repeat a value or two through anchors
EXPANSION_CAP = 256_000_000
MAX_FILE_BYTES = 256_000_000


class _TooLarge(Exception):
    def __init__(self, line: int, limit: int) -> None:
        super().__init__(line, limit)
        self.line, self.limit = line, limit


def _control_problem(name: str, text: str) -> Problem | None:
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Problem(
        name,
        line,
        f"control character U+{ord(found.group()):04X} at column {column}: glossary text cannot hold "
        "terminal control codes (escape sequences); remove it",
    )


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
    lines_exact: bool = True  # False: read by the fast reader, which knows only the entry's own line


@dataclass
class LoadResult:
    entries: list[Located] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _yaml() -> tuple[Any, Any]:
    import yaml  # imported here: only a rebuild of the index reads YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~15x faster where present
    return yaml, loader


def read_regular(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file. A FIFO, device or directory raises OSError instead of blocking or reading
    forever (opened non-blocking, then checked on the open descriptor, so a swap after the check cannot fool it)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
            raise OSError(0, kind)
        if info.st_size > limit:
            raise OSError(0, f"larger than the {limit // 1_000_000} MB limit")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_file(path: str | Path, *, exact: bool = True) -> LoadResult:
    name = os.fspath(path)
    if not name:
        return LoadResult(
            problems=[Problem("(empty path)", 0, "no file named: give a glossary file, e.g. --data my.yaml")]
        )
    try:
        raw = read_regular(name)
    except FileNotFoundError:
        return LoadResult(problems=[Problem(name, 0, "no such file")])
    except OSError as exc:
        return LoadResult(problems=[Problem(name, 0, f"cannot read: {exc.strerror or exc}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return LoadResult(problems=[Problem(name, line, f"not UTF-8 text ({exc.reason} at column {column})")])
    del raw  # the decoded text is all that is needed now: a large file is not held twice while it is parsed
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    control = _control_problem(name, text)
    if control is not None:
        return LoadResult(problems=[control])
    return load_text(text, name, exact=exact, controls_checked=True)


def load_text(text: str, name: str, *, exact: bool = True, controls_checked: bool = False) -> LoadResult:
    """Entries of one file. Each top-level item is parsed on its own, so that a large glossary never
    holds the node tree of the whole file in memory; a file that does not split cleanly is parsed whole.

    Not `exact`: items that yaml-rs reads as PyYAML would are taken from it (fastread.py), without the
    lines of their parts; any problem then needs the file read again exactly to be placed (validate.py).
    `controls_checked`: the caller has already refused control codes in the text (load_file does)."""
    try:
        return _load_text(text, name, exact=exact, controls_checked=controls_checked)
    except _TooLarge as exc:
        return LoadResult(
            problems=[
                Problem(
                    name,
                    exc.line,
                    f"the entries expand to more than {exc.limit:,} characters through YAML anchors "
                    f"and aliases (the limit is {EXPANSION_FACTOR}x the file's size); write values out instead",
                )
            ]
        )
    except RecursionError:
        return LoadResult(
            problems=[Problem(name, 0, "nested too deeply to read (a YAML structure hundreds of levels deep)")]
        )


def _load_text(text: str, name: str, *, exact: bool = True, controls_checked: bool = False) -> LoadResult:
    yaml, loader = _yaml()
    result = LoadResult()
    budget = [min(EXPANSION_CAP, max(EXPANSION_FLOOR, EXPANSION_FACTOR * len(text)))]
    chunks = _top_level_items(text)
    fast = None if exact or any(mark in text for mark in _FAST_UNSAFE) else _fast_reader()
    if fast is not None and not controls_checked and CONTROL.search(text):
        fast = None  # yaml-rs would take control codes that PyYAML refuses: PyYAML says where they are
    if chunks is not None:
        try:
            for offset, chunk, located, characters in _read_fast(chunks, fast, name):
                # its text counts against the budget as PyYAML's would; an item that would overrun it is read
                # by PyYAML, which says at which value
                if located is not None and characters <= budget[0]:
                    budget[0] -= characters
                    result.entries.append(located)
                    continue
                node = yaml.compose(chunk, Loader=loader)
                if not isinstance(node, yaml.SequenceNode) or len(node.value) != 1:
                    raise ValueError("not one item")
                _EntryReader(name, result.problems, yaml, offset, budget).read(node.value[0], result)
            return result
        except (yaml.YAMLError, ValueError):
            result = LoadResult()  # parse the file whole: it places syntax errors where they really are
            budget = [min(EXPANSION_CAP, max(EXPANSION_FLOOR, EXPANSION_FACTOR * len(text)))]
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
        _EntryReader(name, result.problems, yaml, 0, budget).read(item, result)
    return result


FastItem = tuple[int, str, "Located | None", int]  # line offset, text, the entry read fast or None, its characters


def _read_fast(chunks: Iterable[tuple[int, str]], fast: Any, name: str) -> Iterator[FastItem]:
    """Each item with what the fast reader made of it (nothing without one). A large file's second half is
    read by a forked process meanwhile (readahead.py)."""
    if fast is None:
        yield from ((offset, chunk, None, 0) for offset, chunk in chunks)
        return
    from .readahead import read_halves

    yield from read_halves(chunks, fast, name)


def _fast_reader() -> Any:
    from .fastread import fast_reader  # its module imports this one

    return fast_reader()


# Characters on which YAML 1.1 (PyYAML) and YAML 1.2 (yaml-rs) part ways: 1.1 breaks lines at NEL, LS and PS
# and refuses U+FFFE and U+FFFF. A file holding any is read by PyYAML alone.
_FAST_UNSAFE = "\x85\u2028\u2029\ufffe\uffff"  # looked for one by one: `in` skips a text without such wide characters
# Line breaks other than "\n" that str.splitlines honours; a text holding one is cut the slower, exact way.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# A line "- ..." or "-" alone, found by its line break: a pattern that starts with a literal is searched for
# fast, where "^" in multi-line mode is tried at every character (three times slower on a large file).
_ITEM_START = re.compile(r"\n-(?=[ \n]|\Z)")
_DOCUMENT_MARK = re.compile(r"\n(?:---|\.\.\.|%)")  # a line starting so (the first line: checked apart)


def _top_level_items(text: str) -> Iterable[tuple[int, str]] | None:
    """(line offset, text) of each item of a top-level block sequence, or None if the file is not one.

    The items are cut one at a time, as the parser asks for them, so that a large file is not held a second
    time as a list of its lines and again as a list of its items."""
    if _OTHER_BREAKS.search(text):
        return _top_level_items_by_lines(text)
    if _ITEM_START.match("\n" + text[:2]):  # the file starts with an item
        first = 0
    else:
        found = _ITEM_START.search(text)
        if found is None:
            return None
        first = found.start() + 1
    head = text[:first].splitlines()
    if any(line.strip() and not line.lstrip().startswith("#") for line in head):
        return None  # something other than comments before the first item
    if text.startswith(("---", "...", "%")) or _DOCUMENT_MARK.search(text):
        return None  # several documents or directives: leave them to the full parser
    return _ItemCutter(text, first)


class _ItemCutter:
    """The items of a text from position `first` on, cut one at a time; `split()` hands out the second half."""

    def __init__(self, text: str, first: int) -> None:
        self.text, self.first, self.end = text, first, len(text)

    def split(self) -> _ItemCutter | None:
        """The items from the first one that starts past the middle, which this cutter then stops before."""
        found = _ITEM_START.search(self.text, max(self.first, self.end // 2), self.end)
        if found is None:
            return None
        later = _ItemCutter(self.text, found.start() + 1)
        later.end, self.end = self.end, found.start() + 1
        return later

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return ((line, self.text[start:end]) for line, start, end in self.spans())

    def spans(self) -> Iterator[tuple[int, int, int]]:
        """(line offset, start, end) of each item: where in the text it lies."""
        text, end = self.text, self.end
        start, line = self.first, text.count("\n", 0, self.first)
        for found in _ITEM_START.finditer(text, self.first, end):
            yield line, start, found.start() + 1
            line += text.count("\n", start, found.start() + 1)
            start = found.start() + 1
        yield line, start, end


def _top_level_items_by_lines(text: str) -> Iterator[tuple[int, str]] | None:
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
    return iter([(start, "".join(lines[start:end])) for start, end in itertools.pairwise(bounds)])


def reflow(text: str) -> str:
    """Paragraphs kept, line breaks inside a paragraph made spaces: the renderers wrap to their own width."""
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _line(node: Any) -> int:
    return node.start_mark.line + 1


def text_fault(value: str, *, name: bool = False, escaped: bool = True) -> str | None:
    """What is wrong with a stripped text value, worded to follow its field's name; None when it is fine. A
    name (term, alias, cover, reference) is one line with at least one letter or digit, so it has a lookup key.
    `escaped`: the value may hold YAML escapes; where none was written, the file's own check of its
    characters has already ruled out control codes."""
    if not value:
        return "is empty"
    if escaped and CONTROL.search(value):  # written as a YAML escape ("\e", "\x1b") inside quotes
        return "holds a terminal control code (an escape sequence); remove it"
    if name and ("\n" in value or "\t" in value):
        return f"must be one line without tabs: {clip(value)!r}"
    if name and not normalise(value):
        return f"has no letters or digits to look it up by: {clip(value)!r}"
    return None


def make_located(
    values: dict[str, Any],
    source: str,
    line: int,
    lines: dict[str, Any] | None = None,
) -> Located:
    """The entry of one item's checked values (each text stripped; cases and readings as dicts of text),
    with the lines that cross-entry checks report at. Without `lines` (the fast reader's items) every line
    but the entry's own is 0: a problem found later sends the file back through the line-aware reader."""
    definition = values["definition"]
    known = lines or {}
    return Located(
        entry=Entry(
            term=values["term"],
            aliases=tuple(values["aliases"]),
            covers=tuple(values["covers"]),
            theme=values["theme"],
            summary=" ".join(values["summary"].split()),
            definition=reflow(definition),
            arguments_for=tuple(" ".join(a.split()) for a in values["arguments_for"]),
            arguments_against=tuple(" ".join(a.split()) for a in values["arguments_against"]),
            cases=tuple(Case(**{k: " ".join(v.split()) for k, v in c.items()}) for c in values["cases"]),
            see_also=tuple(values["see_also"]),
            further_reading=tuple(
                Citation(**{k: " ".join(v.split()) for k, v in c.items()}) for c in values["further_reading"]
            ),
            source=source,
            line=line,
        ),
        term_line=known.get("term", line),
        alias_lines=known.get("aliases", (0,) * len(values["aliases"])),
        cover_lines=known.get("covers", (0,) * len(values["covers"])),
        see_also_lines=known.get("see_also", (0,) * len(values["see_also"])),
        definition_line=known.get("definition", 0),
        definition_literal=known.get("definition_literal", True),
        # only the line-aware reader keeps the text as written: the reflowed text holds the same references
        raw_definition=definition if lines is not None else "",
        lines_exact=lines is not None,
    )


class _EntryReader:
    def __init__(
        self, name: str, problems: list[Problem], yaml: Any, offset: int = 0, budget: list[int] | None = None
    ) -> None:
        self.budget = budget if budget is not None else [EXPANSION_CAP]  # characters of text still allowed
        self.limit = self.budget[0]
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
            if not isinstance(key_node, self.yaml.ScalarNode):
                self.problem(key_node, f"{what}: a field name must be plain text; found {self.kind(key_node)}")
                continue
            key = key_node.value
            if key in fields:
                self.problem(key_node, f"{what}: field '{clip(key)}' appears twice")
            elif key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                tip = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
                self.problem(key_node, f"{what}: unknown field '{clip(key)}'{tip}")
            else:
                fields[key] = (key_node, value_node)
        return fields

    def kind(self, node: Any) -> str:
        if isinstance(node, self.yaml.ScalarNode):
            return _TAG_NAMES.get(node.tag, "text") if node.tag != _STR else "text"
        return _TAG_NAMES.get(node.tag, "something else")

    def text(self, node: Any, what: str, *, allow_number: bool = False, name: bool = False) -> str | None:
        """A non-empty string. A YAML number is accepted only where a number is natural (a year). A name (term,
        alias, cover, reference) is one line with at least one letter or digit, so that it has a lookup key."""
        if isinstance(node, self.yaml.ScalarNode):
            self.budget[0] -= len(node.value)
            if self.budget[0] < 0:
                raise _TooLarge(self.line(node), self.limit)
        if not isinstance(node, self.yaml.ScalarNode) or (node.tag != _STR and not (allow_number and node.tag == _INT)):
            found = self.kind(node)
            shown = f" ({clip(node.value)!r})" if isinstance(node, self.yaml.ScalarNode) and node.value else ""
            tip = "; put it in quotes to make it text" if isinstance(node, self.yaml.ScalarNode) else ""
            self.problem(node, f"{what} must be text, but YAML reads {found}{shown}{tip}")
            return None
        value = node.value.strip()
        fault = text_fault(value, name=name)
        if fault is not None:
            self.problem(node, f"{what} {fault}")
            return None
        return value

    def text_list(self, node: Any, what: str, *, name: bool = False) -> list[tuple[str, int]]:
        if not isinstance(node, self.yaml.SequenceNode):
            self.problem(node, f"{what} must be a list; found {self.kind(node)}")
            return []
        out = []
        for i, item in enumerate(node.value, 1):
            value = self.text(item, f"{what} item {i}", name=name)
            if value is not None:
                out.append((value, self.line(item)))
        return out

    def read(self, node: Any, result: LoadResult) -> None:
        fields = self.mapping(node, "entry", FIELDS)
        if fields is None:
            return
        term_value = fields.get("term")
        term = self.text(term_value[1], "term", name=True) if term_value else None
        label = f"entry '{clip(term)}'" if term else "entry"
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
            self.problem(fields["theme"][1], f"{label}: unknown theme '{clip(theme)}'{tip}")
        summary = text_field("summary")
        definition = text_field("definition")
        aliases = self.text_list(fields["aliases"][1], f"{label}: aliases", name=True) if "aliases" in fields else []
        covers = self.text_list(fields["covers"][1], f"{label}: covers", name=True) if "covers" in fields else []
        see_also = (
            self.text_list(fields["see_also"][1], f"{label}: see_also", name=True) if "see_also" in fields else []
        )
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
        if term is None or "definition" not in fields:
            return
        # An entry with problems is still recorded, so that references to its term do not cascade into
        # more problems; any problem at all stops the glossary from being used.
        definition_node = fields["definition"][1]
        style = getattr(definition_node, "style", None)  # a list or mapping (reported above) has no style
        values = {
            "term": term,
            "aliases": [a for a, _ in aliases],
            "covers": [c for c, _ in covers],
            "theme": theme,
            "summary": summary,
            "definition": definition,
            "arguments_for": arguments_for,
            "arguments_against": arguments_against,
            "cases": cases,
            "see_also": [s for s, _ in see_also],
            "further_reading": reading,
        }
        lines = {
            "term": self.line(term_value[1]) if term_value else self.line(node),
            "aliases": tuple(line for _, line in aliases),
            "covers": tuple(line for _, line in covers),
            "see_also": tuple(line for _, line in see_also),
            "definition": self.line(definition_node) + (1 if style in ("|", ">") else 0),
            "definition_literal": style in ("|", None),  # a `|` block keeps its line breaks: ref lines are exact
        }
        result.entries.append(make_located(values, self.name, self.line(node), lines))

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
                    values[key] = value
            if len(values) == len(keys):
                out.append(values)
        return out
