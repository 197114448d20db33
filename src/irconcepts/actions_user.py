"""The commands of the user's own layer: `config`, `new TERM` and `edit TERM` (edge code: messages, exit codes).

The library parts are in user/: where files are, the config's values, the personal files and the editor.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from .actions import Session, Stop, resolve, say, warn_config
from .errors import EXIT_DATA, EXIT_OK, EXIT_USAGE
from .output import write

if TYPE_CHECKING:
    from .model import Problem

DEFAULTS: dict[str, Any] = {"format": "auto", "links": None, "color": "auto", "pager": True, "front_matter": False}


def config_view(session: Session) -> dict[str, Any]:
    """Where each file is and the values in force, with where each value comes from (the JSON contract)."""
    from .cache import cache_dir
    from .sources import DATA_ENV, glossary_files, packaged_data, personal_files
    from .user.config import current
    from .user.dirs import glossary_dir

    settings = current()
    values = {}
    for key, default in DEFAULTS.items():
        if key in settings.values:
            values[key] = {"value": settings.values[key], "from": f"{settings.path}:{settings.lines.get(key, 0)}"}
        else:
            values[key] = {"value": default, "from": "default"}
    personal = set(personal_files())
    configured = set(settings.data)
    from_env = {p for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p.strip()}

    def layer(path: str) -> str:
        if path == packaged_data():
            return "packaged"
        if path in personal:
            return "personal"
        if path in configured:
            return "config"
        return "env" if path in from_env else "--data"

    return {
        "config_file": {"path": settings.path, "exists": settings.exists, "chosen_by": settings.why},
        "glossary_dir": glossary_dir(),
        "cache_dir": cache_dir(),
        "values": values,
        "data": [{"path": p, "layer": layer(p), "exists": os.path.isfile(p)} for p in glossary_files(session.data)],
        "problems": settings.messages(),
    }


def config(session: Session, *, fmt: str = "text") -> int:
    """`irconcepts config`: the files and values in force; exit 3 when the config file has problems."""
    view = config_view(session)
    if fmt == "json":
        write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
    else:
        write(_config_text(view))
    for message in view["problems"]:
        say(message)
    return EXIT_DATA if view["problems"] else EXIT_OK


def _config_text(view: dict[str, Any]) -> str:
    where = view["config_file"]
    state = "" if where["exists"] else " (not there: the defaults are in force)"
    chosen = " (from IRCONCEPTS_CONFIG)" if where["chosen_by"] != "default" else ""
    lines = [
        f"config file:      {where['path']}{chosen}{state}",
        f"personal entries: {view['glossary_dir']}",
        f"cache:            {view['cache_dir']}",
        "",
        "values in force:",
    ]
    for key, item in view["values"].items():
        shown = "(by format: wiki for Markdown, else plain)" if item["value"] is None else json.dumps(item["value"])
        lines.append(f"  {key:<13}= {shown:<12}  {item['from']}")
    lines += ["", "glossary files, read in this order (a later one wins for its names):"]
    for item in view["data"]:
        missing = "" if item["exists"] else "  (missing)"
        lines.append(f"  {item['layer']:<9} {item['path']}{missing}")
    return "\n".join(lines) + "\n"


def _problems_in(path: str, session: Session) -> list[Problem]:
    """The problems of one personal file, checked with the whole glossary (so a [[link]] to nothing is found)."""
    from .model import in_reading_order
    from .sources import glossary_files
    from .validate import load_glossary

    _, problems = load_glossary(glossary_files(session.data))
    return in_reading_order([p for p in problems if p.file == path])


def _edit_and_check(session: Session, path: str, term: str, *, untouched: str | None = None) -> int:
    """Open the editor on `path`, then validate it. An invalid file is kept as written and its problems shown
    with file:line (on a terminal, the editor may be opened again); nothing the user typed is removed."""
    from .user.editor import edit, editor_command

    argv = editor_command()
    if argv is None:
        say(f"irconcepts: no editor found: set VISUAL or EDITOR; the file is at {path}")
        return EXIT_USAGE
    while True:
        try:
            status = edit(path, argv)
        except OSError as error:
            say(f"irconcepts: cannot start the editor '{' '.join(argv)}': {error.strerror or error}; file: {path}")
            return EXIT_USAGE
        if status != 0:
            say(f"irconcepts: the editor exited with status {status}; the file is kept as it is: {path}")
        if untouched is not None and _read(path) == untouched:
            os.remove(path)  # the template as written by us: nothing of the user's is in it
            say(f"irconcepts: the template was not filled in; no entry written for '{term}'")
            return EXIT_OK
        problems = _problems_in(path, session)
        if not problems:
            say(f"saved {path}: '{term}' is in your glossary")
            return EXIT_OK
        for problem in problems:
            say(str(problem))
        say(f"irconcepts: kept {path} as written; it is left out until fixed (irconcepts edit {term})")
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            return EXIT_DATA
        try:
            answer = input("Open the editor again to fix it? [Y/n] ").strip().lower()
        except EOFError:
            return EXIT_DATA
        if answer not in ("", "y", "yes"):
            return EXIT_DATA


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def new(session: Session, words: list[str]) -> int:
    """`irconcepts new TERM`: a template entry in the personal directory, opened in the editor."""
    from .user.dirs import glossary_dir
    from .user.personal import path_for, slug, template

    warn_config()
    term = " ".join(" ".join(words).split())
    if not term:
        say("irconcepts: give the new entry's term, e.g. irconcepts new strategic autonomy")
        return EXIT_USAGE
    path = path_for(term, glossary_dir())
    if os.path.lexists(path):
        say(f"irconcepts: {path} exists already; opening it")
        return _edit_and_check(session, path, term)
    existing = session.index().resolve(term)
    if existing is not None and slug(existing.term) == slug(term):
        say(f"irconcepts: '{existing.term}' is an entry already; to change it: irconcepts edit {term}")
        return EXIT_USAGE
    if existing is not None:  # an alias or cover of another entry: the user's own entry will win for it
        say(f"note: '{term}' now opens the entry '{existing.term}'; your entry will take that name over")
    text = template(term)
    if not _written(path, text):
        return EXIT_USAGE
    say(f"wrote {path}")
    return _edit_and_check(session, path, term, untouched=text)


def edit(session: Session, words: list[str]) -> int:
    """`irconcepts edit TERM`: open a personal entry, or copy a packaged one there as an override and open it."""
    from .load import load_file
    from .sources import personal_files
    from .user.dirs import glossary_dir
    from .user.personal import override_text, path_for

    warn_config()
    if not " ".join(words).strip():
        say("irconcepts: give the term to edit, e.g. irconcepts edit realism")
        return EXIT_USAGE
    mine = _personal_file_for(words, personal_files())
    if mine is not None:
        return _edit_and_check(session, mine, " ".join(words))
    try:
        entry, _, _ = resolve(session.index(), words)
    except Stop as stop:
        return stop.code
    if entry.source in personal_files():
        return _edit_and_check(session, entry.source, entry.term)
    path = path_for(entry.term, glossary_dir())
    if os.path.lexists(path):  # an override written before but now broken, or named alike
        say(f"irconcepts: {path} exists already; opening it")
        return _edit_and_check(session, path, entry.term)
    source_text = _read(entry.source) or ""
    starts = sorted(located.entry.line for located in load_file(entry.source).entries)
    following = [line for line in starts if line > entry.line]
    text = override_text(entry.term, entry.source, source_text, entry.line, following[0] if following else None)
    if not _written(path, text):
        return EXIT_USAGE
    say(f"copied '{entry.term}' from {entry.source}:{entry.line} to {path}; your copy replaces it")
    return _edit_and_check(session, path, entry.term)


def _personal_file_for(words: list[str], files: list[str]) -> str | None:
    """A personal file named for these words (it may be left out for its problems, so not in the index)."""
    from .user.personal import slug

    wanted = slug(" ".join(words))
    for path in files:
        if os.path.splitext(os.path.basename(path))[0] == wanted:
            return path
    return None


def _written(path: str, text: str) -> bool:
    """Write a new personal file (never over an existing one); False, having said why, if it cannot."""
    from .user.personal import write_new

    try:
        write_new(path, text)
    except OSError as error:
        say(f"irconcepts: cannot write {path}: {error.strerror or error}")
        return False
    return True
