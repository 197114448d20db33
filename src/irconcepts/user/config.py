"""config.toml -> Settings: defaults for the display options and extra glossary files, with file:line problems.

    format = "plain"          # auto, terminal, markdown, plain or json
    links = "plain"           # wiki or plain
    color = "never"           # auto, always or never
    pager = false             # true, false, or the pager command: "less -R"
    front_matter = true       # `show` piped or --format markdown starts with YAML front matter
    data = ["~/ir/extra.yaml"]  # glossary files read after the personal directory (relative: to this file)

The file is parsed with tomllib (tomli on Python 3.10) only when it changed: the result is kept as JSON in
the cache directory, keyed by the file's size, times and inode, because importing tomllib and parsing costs
a Tab press or a `show` some 10-25 ms and reading the JSON well under one. A problem (bad TOML, an unknown key,
a bad value) is kept with its line; the edge prints it on every run and `config`/`check` exit 3 for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping
from typing import Any

from ..vocab import COLORS, FORMATS, LINKS
from .dirs import config_file

SETTINGS_FORMAT = 1  # bump when the cached JSON's shape changes
# key -> (allowed values or None, what the value must be), for messages
CHOICES: dict[str, tuple[str, ...]] = {"format": FORMATS, "links": LINKS, "color": COLORS}
KEYS = ("format", "links", "color", "pager", "front_matter", "data")


class Settings:
    """Values from the config file; None for a key it does not set. `problems` are (line, message) pairs."""

    __slots__ = ("data", "exists", "lines", "path", "problems", "values", "why")

    def __init__(self, path: str, why: str = "default", *, exists: bool = False) -> None:
        self.path, self.why, self.exists = path, why, exists
        self.values: dict[str, Any] = {}  # format, links, color, pager, front_matter: only the keys set
        self.data: list[str] = []  # extra glossary files, absolute
        self.lines: dict[str, int] = {}  # key -> the line it is set on
        self.problems: list[tuple[int, str]] = []

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def messages(self) -> list[str]:
        """Each problem as `file:line: what is wrong`."""
        return [
            f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}" for line, message in self.problems
        ]

    def to_json(self) -> dict[str, Any]:
        return {"values": self.values, "data": self.data, "lines": self.lines, "problems": self.problems}

    @classmethod
    def from_json(cls, path: str, why: str, record: Mapping[str, Any]) -> Settings:
        settings = cls(path, why, exists=True)
        settings.values = dict(record["values"])
        settings.data = list(record["data"])
        settings.lines = dict(record["lines"])
        settings.problems = [(int(line), str(message)) for line, message in record["problems"]]
        return settings


def _key_line(text: str, key: str) -> int:
    """The line where a top-level key (bare or quoted) or a [table] is written; 0 when it cannot be found."""
    pattern = re.compile(rf"""^\s*(?:\[+\s*)?(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[=.\]]""")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return 0


def _describe(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def parse(text: str, path: str, why: str = "default") -> Settings:
    """The settings a config file's text gives, with every problem it has (none is skipped silently)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    settings = Settings(path, why, exists=True)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)|\(at end of document\)", str(error))
        line = int(found.group(1)) if found and found.group(1) else text.count("\n") + 1
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        settings.problems.append((line, f"not valid TOML: {message}; the whole file is ignored until it is fixed"))
        return settings
    import difflib

    for key, value in table.items():
        line = _key_line(text, key)
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; the keys are: {', '.join(KEYS)}"
            settings.problems.append((line, f"unknown key '{key}'{hint}"))
            continue
        settings.lines[key] = line
        problem = _check(key, value, settings, os.path.dirname(path))
        if problem:
            settings.problems.append((line, f"{key} = {_describe(value)}: {problem}; this key is ignored"))
    return settings


def _check(key: str, value: Any, settings: Settings, folder: str) -> str | None:
    """Store a valid value in settings, or say what is wrong with it."""
    if key in CHOICES:
        if not isinstance(value, str) or value not in CHOICES[key]:
            return "must be one of " + ", ".join(f'"{c}"' for c in CHOICES[key])
        settings.values[key] = value
    elif key == "front_matter":
        if not isinstance(value, bool):
            return "must be true or false"
        settings.values[key] = value
    elif key == "pager":
        if not isinstance(value, (bool, str)) or (isinstance(value, str) and not value.strip()):
            return 'must be true, false or a pager command such as "less -R"'
        settings.values[key] = value
    elif key == "data":
        files = [value] if isinstance(value, str) else value
        if not isinstance(files, list) or not files or not all(isinstance(f, str) and f.strip() for f in files):
            return 'must be a glossary file or a list of them: ["~/ir/extra.yaml"]'
        settings.data = [os.path.join(folder, os.path.expanduser(f)) for f in files]
    return None


def _identity(path: str) -> list[Any] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    code = os.stat(__file__)  # a change to these rules makes the cached answer stale
    return [SETTINGS_FORMAT, path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, code.st_mtime_ns]


def _cache_file() -> str:
    from ..cache import cache_dir

    return os.path.join(cache_dir(), "settings.json")


def read(path: str, why: str = "default") -> Settings:
    """The settings of the file at `path` (none when it does not exist), through the JSON cache."""
    identity = _identity(path)
    if identity is None:
        settings = Settings(path, why, exists=os.path.lexists(path))
        if settings.exists:  # a broken symlink, or a file we may not read
            settings.problems.append((0, "cannot read the config file; it is ignored"))
        return settings
    cached = _cache_file()
    try:
        with open(cached, encoding="utf-8") as handle:
            record = json.load(handle)
        if record.get("key") == identity:
            return Settings.from_json(path, why, record)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing or damaged: parse the file again
    from ..load import read_regular

    try:
        text = read_regular(path, limit=1_000_000).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        settings = Settings(path, why, exists=True)
        reason = getattr(error, "strerror", None) or str(error)
        settings.problems.append((0, f"cannot read the config file ({reason}); it is ignored"))
        return settings
    settings = parse(text, path, why)
    _save(cached, {"key": identity, **settings.to_json()})
    return settings


def _save(cached: str, record: dict[str, Any]) -> None:
    """Write the cache file whole (a temporary name, then a rename), or not at all: it is only a shortcut."""
    temporary = f"{cached}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
        os.replace(temporary, cached)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


_current: Settings | None = None


def current() -> Settings:
    """The settings in force for this process (IRCONCEPTS_CONFIG, else config.toml), read once."""
    global _current
    if _current is None:
        _current = read(*config_file())
    return _current


def forget() -> None:
    """Read the config again on next use (tests; `new`/`edit` after the editor ran)."""
    global _current
    _current = None
