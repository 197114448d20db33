"""The common commands (show, the bare form, search, list) run without importing Typer.

Typer and its Click cost some 30-40 ms a run, more than everything else a lookup does. This parser takes
only plainly valid command lines, using the option tables that completion uses (complete.py), which a
test keeps equal to the Typer app's own; anything else (help, a bad value, an unknown option) returns
None so that the Typer app answers, with its usual messages and exit codes.
"""

from __future__ import annotations

from .complete import COMMAND_OPTIONS, GLOBAL_OPTIONS

FAST_COMMANDS = ("show", "search", "list", "quiz")  # quiz: its first card is timed against the Python floor
# short option -> the long name the actions take
_LONG = {"-s": "--section", "-b": "--brief", "-f": "--format", "-n": "--limit", "-t": "--theme"}
_QUIZ_LONG = {**_LONG, "-n": "--count", "-m": "--mode", "-y": "--yes"}
_COUNTS = {"--limit": 1, "--count": 1, "--new": 0}  # whole-number options and their least value
# option -> the action's keyword, for the options the config file can default
_GIVEN = {"--format": "fmt", "--color": "color", "--links": "links", "--no-pager": "pager",
          "--front-matter": "front_matter"}  # fmt: skip


def parse(args: list[str]) -> tuple[str, list[str], bool, list[str], dict[str, str | bool | list[str]]] | None:
    """(command, --data files, use cache, words, options), or None when Typer should handle the line."""
    data: list[str] = []
    use_cache = True
    i = 0
    while i < len(args) and args[i].startswith("-"):
        arg = args[i]
        if arg == "--data" and i + 1 < len(args):
            data.append(args[i + 1])
            i += 2
        elif arg.startswith("--data="):
            data.append(arg.split("=", 1)[1])
            i += 1
        elif arg == "--no-cache":
            use_cache = False
            i += 1
        else:
            return None
    if i == len(args) or args[i] not in FAST_COMMANDS:
        return None
    command = args[i]
    table = COMMAND_OPTIONS[command]
    words: list[str] = []
    options: dict[str, str | bool | list[str]] = {}
    longs = _QUIZ_LONG if command == "quiz" else _LONG
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            words.extend(rest[j + 1 :])
            break
        if arg.startswith("-") and arg != "-":
            name, _, inline = arg.partition("=")
            if name not in table or name == "--help" or name in GLOBAL_OPTIONS:
                return None
            values = table[name][1]
            long = longs.get(name, name)
            if values is None:
                if inline:
                    return None
                options[long] = True
                j += 1
                continue
            value = inline or (rest[j + 1] if j + 1 < len(rest) else None)
            # a theme is matched forgivingly by the action itself (any case, a prefix, a did-you-mean)
            if value is None or (values and value not in values and long != "--theme"):
                return None  # Typer says what is wrong
            if long in _COUNTS and not (value.isdigit() and int(value) >= _COUNTS[long]):
                return None
            if command == "quiz" and long == "--theme":  # repeatable
                options.setdefault("--themes", []).append(value)  # type: ignore[union-attr]
            else:
                options[long] = value
            j += 1 if inline else 2
            continue
        words.append(arg)
        j += 1
    if command in ("show", "search") and not words:
        return None
    if command in ("list", "quiz") and words:
        return None
    return command, data, use_cache, words, options


def run(args: list[str]) -> int | None:
    """The exit code, or None when the line is not one the fast path takes."""
    parsed = parse(args)
    if parsed is None:
        return None
    from . import actions

    command, data, use_cache, words, options = parsed
    given = {_GIVEN.get(name, name) for name in options}  # what the config must not override
    session = actions.Session(data, use_cache)
    fmt = str(options.get("--format", "auto"))
    color = str(options.get("--color", "auto"))
    pager = not options.get("--no-pager")
    if command == "show":
        links = options.get("--links")
        return actions.run(actions.show, session, words, given=given, section=options.get("--section"),  # type: ignore[arg-type]
                           brief=bool(options.get("--brief")), fmt=fmt, color=color,
                           links=str(links) if links else None, pager=pager,
                           front_matter=bool(options.get("--front-matter")))  # fmt: skip
    if command == "search":
        limit = int(str(options.get("--limit", 10)))
        return actions.run(actions.search, session, words, given=given, limit=limit, fmt=fmt, color=color, pager=pager)
    if command == "quiz":
        from . import actions_study

        themes = options.get("--themes", [])
        return actions.run(actions_study.quiz, session, given=given, mode=str(options.get("--mode", "recall")),
                           themes=list(themes) if isinstance(themes, list) else [],
                           count=int(str(options.get("--count", 20))), new=int(str(options.get("--new", 10))),
                           due=bool(options.get("--due")), stats=bool(options.get("--stats")),
                           reset=bool(options.get("--reset")), yes=bool(options.get("--yes")),
                           fmt=fmt, color=color)  # fmt: skip
    theme = options.get("--theme")
    return actions.run(actions.list_terms, session, given=given, theme=str(theme) if theme else None, fmt=fmt,
                       color=color, pager=pager)  # fmt: skip
