"""Tab completion, answered from the compiled index before Typer (or Rich) is imported.

The shells' scripts (completion_scripts.py) talk to the program through Typer's protocol: the
_IRCONCEPTS_COMPLETE variable set to complete_bash, complete_zsh or complete_fish, with the command line in
COMP_WORDS/COMP_CWORD (bash) or _TYPER_COMPLETE_ARGS (zsh, fish). Our own scripts add
_IRCONCEPTS_PROTOCOL=2 and the raw line up to the cursor, which lets the answer continue a multi-word
term and quote it so that the shell reads back the right words; Typer's stock scripts still get answers
in the form they expect.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from .shellwords import Word, bash_quote, split
from .vocab import (
    CHECK_FORMATS,
    CITE_FORMATS,
    COLORS,
    EXPORT_KINDS,
    FORMATS,
    GRAPH_FORMATS,
    LINKS,
    QUIZ_MODES,
    RELATED_FORMATS,
    SECTIONS,
    SHELLS,
    THEMES,
)

COMPLETE_VAR = "_IRCONCEPTS_COMPLETE"
MAX_CANDIDATES = 200

FILES = ("<files>",)  # an option whose value is a path

COMMANDS = {
    "show": "Show the entry for a term",
    "search": "Full-text search over every entry",
    "list": "List every term with its summary",
    "themes": "List the themes with their entry counts",
    "related": "Terms an entry points to, and entries pointing to it",
    "random": "Show a random entry, for revision",
    "quiz": "Revise with spaced-repetition flashcards",
    "compare": "Two concepts side by side",
    "check": "Validate the glossary and your own files",
    "completion": "Print the completion script for a shell",
    "help": "Show help for irconcepts or one command",
    "export": "Export notes, citations, flashcards or graph",
    "cite": "Citations for the readings of some entries",
    "manpage": "Print the manual page",
    "config": "Show the config file and settings in force",
    "new": "Write a new entry of your own",
    "edit": "Edit an entry in your own glossary",
}
# option -> (help, the values it takes: None for a flag, () for free text)
GLOBAL_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--data": ("Add a glossary file", FILES),
    "--no-cache": ("Rebuild the index in memory", None),
    "--version": ("Print the version", None),
    "--help": ("Show help", None),
    "--install-completion": ("Install Tab completion for your shell", None),
    "--show-completion": ("Print the completion script for your shell", None),
}
_OUTPUT = {
    "--format": ("Output format", FORMATS),
    "-f": ("Output format", FORMATS),
    "--color": ("Colour", COLORS),
    "--help": ("Show help", None),
}
_LINKS = {"--links": ("Cross-references as wikilinks or plain words", LINKS)}
_THEME = {"--theme": ("Only this theme", THEMES), "-t": ("Only this theme", THEMES)}
_BRIEF = {"--brief": ("The summary only", None), "-b": ("The summary only", None)}
_PAGER = {"--no-pager": ("Never through a pager", None)}
_HELP = {"--help": ("Show help", None)}
COMMAND_OPTIONS: dict[str, dict[str, tuple[str, tuple[str, ...] | None]]] = {
    "show": {
        "--section": ("One part of the entry", SECTIONS),
        "-s": ("One part", SECTIONS),
        **_BRIEF,
        **_OUTPUT,
        **_LINKS,
        "--front-matter": ("YAML front matter, as a note", None),
        **_PAGER,
    },
    "search": {"--limit": ("How many hits", ()), "-n": ("How many hits", ()), **_OUTPUT, **_PAGER},
    "list": {**_THEME, **_OUTPUT, **_PAGER},
    "themes": dict(_OUTPUT),
    "related": {
        **_OUTPUT,
        **_LINKS,
        "--format": ("Output format", RELATED_FORMATS),
        "-f": ("Output format", RELATED_FORMATS),
        "--depth": ("Steps out to draw (mermaid)", ()),
        "-d": ("Steps out to draw (mermaid)", ()),
        **_PAGER,
    },
    "random": {**_THEME, **_BRIEF, **_OUTPUT, **_LINKS, **_PAGER},
    "quiz": {
        "--mode": ("recall or name", QUIZ_MODES),
        "-m": ("recall or name", QUIZ_MODES),
        **_THEME,
        "--count": ("Cards in the round at most", ()),
        "-n": ("Cards in the round at most", ()),
        "--new": ("Unseen cards to introduce at most", ()),
        "--due": ("Only the cards due today", None),
        "--stats": ("Seen, due, retention", None),
        "--reset": ("Delete all study history", None),
        "--yes": ("With --reset: do not ask", None),
        "-y": ("With --reset: do not ask", None),
        **_OUTPUT,
    },
    "compare": {**_OUTPUT, **_PAGER},
    "check": {"--format": ("Output format", CHECK_FORMATS), "-f": ("Output format", CHECK_FORMATS), **_HELP},
    "completion": {"--install": ("Write it where the shell finds it", None), "--help": ("Show help", None)},
    "help": {"--help": ("Show help", None)},
    "manpage": {"--help": ("Show help", None)},
    "config": {"--format": ("Output format", CHECK_FORMATS), "-f": ("Output format", CHECK_FORMATS), **_HELP},
    "new": dict(_HELP),
    "edit": dict(_HELP),
    "export": {
        **_THEME,
        "--format": ("The graph's format", GRAPH_FORMATS),
        "-f": ("The graph's format", GRAPH_FORMATS),
        "--overwrite": ("Replace edited notes and files", None),
        "--help": ("Show help", None),
    },
    "cite": {
        "--format": ("Citation format", CITE_FORMATS),
        "-f": ("Citation format", CITE_FORMATS),
        "--help": ("Show help", None),
    },
}
TERM_COMMANDS = ("show", "related", "compare")
TERM_COMMANDS = ("show", "related", "cite", "edit")


# Plain classes, not dataclasses or NamedTuples: those imports and class factories cost a Tab press ~8 ms.
class Candidate:
    __slots__ = ("help", "value")

    def __init__(self, value: str, help: str = "") -> None:
        self.value = value  # the text of the word being completed, as the program should receive it
        self.help = help


class Request:
    __slots__ = ("current", "protocol", "readline_word", "shell", "words")

    def __init__(self, shell: str, words: list[Word], current: Word, protocol: int, readline_word: str | None) -> None:
        self.shell = shell
        self.words = words  # finished words, the program's name first
        self.current = current  # the word under the cursor
        self.protocol = protocol  # 2 for our own scripts, 1 for Typer's stock ones
        self.readline_word = readline_word  # bash: the part of the current word that readline replaces


def parse_request(env: Mapping[str, str]) -> Request | None:
    shell = env.get(COMPLETE_VAR, "").removeprefix("complete_")
    if shell not in ("bash", "zsh", "fish"):
        return None
    protocol = 2 if env.get("_IRCONCEPTS_PROTOCOL") == "2" else 1
    line = env.get("_IRCONCEPTS_COMP_LINE")
    if line is None and shell == "bash":
        words = env.get("COMP_WORDS", "").split(" ")
        cword = int(env.get("COMP_CWORD", len(words) - 1) or 0)
        typed = words[:cword] + ([words[cword]] if cword < len(words) else [""])
        line = " ".join(typed)
    elif line is None:
        line = env.get("_TYPER_COMPLETE_ARGS", "")
    finished, current = split(line)
    return Request(shell, finished, current, protocol, env.get("_IRCONCEPTS_COMP_CUR"))


def _prefixed(options: Mapping[str, tuple[str, object]], prefix: str) -> list[Candidate]:
    return [Candidate(name, help) for name, (help, _) in options.items() if name.startswith(prefix)]


def _values(values: tuple[str, ...], prefix: str) -> list[Candidate]:
    if values == FILES:
        return _files(prefix)
    return [Candidate(v) for v in values if v.startswith(prefix.casefold())]


def _files(prefix: str) -> list[Candidate]:
    folder, _, start = prefix.rpartition("/")
    try:
        names = sorted(os.scandir(os.path.expanduser(folder) if folder else "."), key=lambda e: e.name)
    except OSError:
        return []
    lead = f"{folder}/" if folder else ""
    return [
        Candidate(lead + e.name + ("/" if e.is_dir() else ""))
        for e in names
        if e.name.startswith(start) and (start.startswith(".") or not e.name.startswith("."))
    ][:MAX_CANDIDATES]


def _terms(typed: list[str], current: str, data: list[str]) -> list[Candidate]:
    """Headwords, aliases and covers that continue the words typed so far, case- and accent-insensitively."""
    from .folding import completion_key, fold_word

    prefix = " ".join([*(completion_key(w) for w in typed), fold_word(current)])
    lines = _name_lines(prefix, data)
    # One candidate an entry: its headword when that matches, else the first alias that does. A cover is a
    # thing of its own (a treaty, a doctrine) and is offered as itself, described as "in <entry>".
    by_entry: dict[str, tuple[str, str, str]] = {}
    for line in lines:
        _key, name, number, kind, description = line.rstrip("\n").split("\t", 4)
        slot = f"{number}:{name}" if kind == "c" else number
        if slot not in by_entry or (kind == "t" and by_entry[slot][1] != "t"):
            by_entry[slot] = (name, kind, description)
    found: dict[str, Candidate] = {}
    for name, _kind, description in sorted(by_entry.values()):
        tail = " ".join(name.split()[len(typed) :])
        if tail and tail not in found:
            found[tail] = Candidate(tail, description)
    return list(found.values())[:MAX_CANDIDATES]


def _name_lines(prefix: str, data: list[str]) -> list[str]:
    from . import store
    from .cache import cache_key, cache_path, open_index
    from .sources import glossary_files

    files = glossary_files(data)
    try:
        return store.find_names(cache_path(files), cache_key(files), prefix)
    except store.StoreError:
        pass
    try:
        return open_index(data).find_names(prefix)  # first run after a change: build the cache
    except Exception:  # invalid data: completion offers nothing rather than a traceback at the prompt
        return []


def candidates(request: Request) -> list[Candidate]:
    words = [w.text for w in request.words[1:]]  # without the program's name
    current = request.current.text
    i = 0
    data: list[str] = []  # --data files on the line count for completion too
    while i < len(words) and words[i] in GLOBAL_OPTIONS:
        if GLOBAL_OPTIONS[words[i]][1] == FILES:
            if i + 1 == len(words):
                return _files(current)
            data.append(words[i + 1])
            i += 2
        else:
            i += 1
    rest = words[i:]
    if not rest:
        if current.startswith("-"):
            return _prefixed(GLOBAL_OPTIONS, current)
        commands = [Candidate(c, h) for c, h in COMMANDS.items() if c.startswith(current)]
        # the bare form (irconcepts TERM): terms too, once there is a prefix to narrow some 1,500 names
        return commands + _terms([], current, data) if current else commands
    command, args = (rest[0], rest[1:]) if rest[0] in COMMANDS else ("show", rest)
    options = COMMAND_OPTIONS[command]
    if command == "completion":
        return [Candidate(s) for s in SHELLS if s.startswith(current)] if not args else []
    if command == "help":
        return [Candidate(c, h) for c, h in COMMANDS.items() if c.startswith(current)] if not args else []
    if args and args[-1] in options and options[args[-1]][1] is not None:
        return _values(options[args[-1]][1] or (), current)
    if current.startswith("-"):
        return _prefixed(options, current)
    if command == "check":
        return _files(current)
    if command == "export":  # the kind, then where to write it
        given = [a for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] not in options)]
        return [Candidate(k) for k in EXPORT_KINDS if k.startswith(current)] if not given else _files(current)
    if command not in TERM_COMMANDS:
        return []
    typed = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in options:
            skip = options[arg][1] is not None
        elif not arg.startswith("-"):
            typed.append(arg)
    return _terms(typed, current, data)


def format_answer(request: Request, found: list[Candidate]) -> tuple[str, int]:
    """The text the shell's script reads, and the exit status."""
    if request.shell == "bash":
        return "\n".join(_bash_value(request, c.value) for c in found), 0
    if request.shell == "zsh":
        if request.protocol == 2:
            # First line: whether the shell must take the values as they are (-U), because some do not
            # start with what was typed (an accent or a case the user did not type).
            typed = request.current.text
            exact = all(c.value.startswith(typed) for c in found)
            lines = ["" if exact else "-U", *(f"{c.value}\t{_one_line(c.help)}" for c in found)]
            return "\n".join(lines), 0
        return _typer_zsh(found), 0
    action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    if action == "is-args":
        return "", 0 if found else 1
    return "\n".join(f"{c.value}\t{_one_line(c.help)}" if c.help else c.value for c in found), 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bash_value(request: Request, value: str) -> str:
    """The text bash must put in place of the part of the word that readline replaces."""
    current = request.current
    cur = request.readline_word
    if cur is None or not current.raw.endswith(cur):
        return bash_quote(value, None)
    # Readline replaces only the end of the word (after an open quote or a COMP_WORDBREAKS character):
    # keep what precedes it as typed and quote the rest in the state the shell is in there.
    kept_raw = current.raw[: len(current.raw) - len(cur)]
    _, kept = split(kept_raw) if kept_raw else ([], Word("", ""))
    if kept_raw and kept_raw[-1] in " \t":
        kept = Word("", "")
    rest = value[len(kept.text) :]
    return bash_quote(rest, kept.quote)


def _typer_zsh(found: list[Candidate]) -> str:
    # The form Typer's stock zsh script evaluates (typer/_completion_classes.py, ZshComplete).
    def escape(s: str) -> str:
        return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

    if not found:
        return "_files"
    items = "\n".join(
        f'"{escape(c.value)}":"{escape(_one_line(c.help))}"' if c.help else f'"{escape(c.value)}"' for c in found
    )
    return f"_arguments '*: :(({items}))'"


def main(env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    request = parse_request(env)
    if request is None:
        return 1
    text, status = format_answer(request, candidates(request))
    if text:
        sys.stdout.write(text + "\n")
    return status
