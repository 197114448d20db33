"""The words of the help: a one-line summary, a description and examples for each command, and the notes
the main help ends with (exit codes, environment). cli.py builds --help from them and manpage.py builds
irconcepts.1, so the two can never drift apart. Imports nothing."""

from __future__ import annotations

from typing import NamedTuple

SUMMARY = "A glossary of the key concepts of International Relations, in your terminal."
ABOUT = (
    "Type a term to read its entry: irconcepts collective security. A term is found even misspelt, "
    "abbreviated, inflected or in another word order; when no entry is the thing asked, irconcepts says so "
    "and names the entries that discuss it. On a terminal an entry is drawn in colour, through a pager when "
    "it is taller than the screen; piped, it is Markdown for your notes."
)


class CommandHelp(NamedTuple):
    line: str  # one line for the list of commands: short enough never to be cut off
    text: str  # the description at the top of the command's own help
    examples: tuple[tuple[str, str], ...]  # (command line, what it does)


COMMANDS: dict[str, CommandHelp] = {
    "show": CommandHelp(
        "Show the entry for a term (the default command)",
        "Show the entry for TERM: summary, definition, arguments for and against, cases, related terms and "
        "further reading. 'irconcepts TERM...' does the same; no quotes are needed.",
        (
            ("irconcepts show balance of power", "the whole entry"),
            ("irconcepts soverignty", "misspelt: shows sovereignty"),
            ("irconcepts show deterrence -s arguments", "one part of the entry"),
        ),
    ),
    "search": CommandHelp(
        "Search the text of every entry, best first",
        "Full-text search over every entry, best first, with the words found highlighted.",
        (
            ("irconcepts search oil embargo Italy", "which entries tell of it"),
            ("irconcepts search Mukden railway -n 3", "the three best hits"),
        ),
    ),
    "list": CommandHelp(
        "List every term with its summary",
        "List every term with its one-sentence summary, alphabetically.",
        (
            ("irconcepts list", "every entry"),
            ("irconcepts list --theme security", "one theme (--theme sec will do)"),
        ),
    ),
    "themes": CommandHelp(
        "List the themes with their entry counts",
        "List the eight themes with the number of entries in each.",
        (("irconcepts themes", "the themes and their counts"), ("irconcepts themes -f json", "the same, for a script")),
    ),
    "related": CommandHelp(
        "Show what an entry points to, and what points to it",
        "Show the terms an entry refers to (see also), then the other entries that refer to it, as a tree. "
        "Each term is listed once.",
        (
            ("irconcepts related sovereignty", "neighbours of sovereignty"),
            ("irconcepts related realism -f json", "the same, for a script"),
            ("irconcepts related realism --depth 2 -f mermaid", "a diagram, for a note"),
        ),
    ),
    "random": CommandHelp(
        "Show a random entry, for revision",
        "Show a random entry, for revision; with --brief, its term and summary only.",
        (
            ("irconcepts random", "any entry"),
            ("irconcepts random --theme theory --brief", "a theory term and its summary"),
        ),
    ),
    "quiz": CommandHelp(
        "Revise with flashcards scheduled by FSRS",
        "Revise with flashcards scheduled by FSRS (spaced repetition): recall a term's meaning, or name the "
        "term from its summary, and grade yourself; needs a terminal.",
        (
            ("irconcepts quiz", "due cards, then up to 10 new ones"),
            ("irconcepts quiz --mode name -t theory", "read a summary, name the term"),
            ("irconcepts quiz --stats", "seen, due, retention, per theme"),
        ),
    ),
    "compare": CommandHelp(
        "Two concepts side by side",
        "Two concepts side by side: summaries, arguments for and against, cases, what each says of the other "
        "and the see-also terms they share.",
        (
            ("irconcepts compare realism liberalism", "two terms"),
            ('irconcepts compare "balance of power" vs anarchy', "a longer one"),
            ("irconcepts realism vs liberalism", "the bare form"),
        ),
    ),
    "export": CommandHelp(
        "Export notes, citations, flashcards or the graph",
        "Export the glossary for your other tools: an Obsidian vault (obsidian DIR), the readings as bibtex, "
        "ris or csl-json, an Anki deck (anki FILE.apkg), a csv deck, or the see-also graph. A note you edited "
        "is never replaced unless you add --overwrite.",
        (
            ("irconcepts export obsidian ~/notes/IR", "a note per entry"),
            ("irconcepts export bibtex > readings.bib", "for Zotero"),
            ("irconcepts export anki ir.apkg", "a subdeck per theme"),
        ),
    ),
    "cite": CommandHelp(
        "Citations for the readings of some entries",
        "Print the further reading of one or more entries as BibTeX, RIS or CSL-JSON, for Zotero, Mendeley or pandoc.",
        (
            ("irconcepts cite security dilemma >> my.bib", "one entry's readings"),
            ("irconcepts cite realism liberalism -f ris", "two entries', as RIS"),
        ),
    ),
    "check": CommandHelp(
        "Validate the glossary and your own files",
        "Validate the glossary: the packaged file, --data and IRCONCEPTS_DATA files, and each FILE. Every "
        "problem is reported at once, as file:line: message, in file and line order.",
        (
            ("irconcepts check", "the packaged glossary"),
            ("irconcepts check mine.yaml", "your file, with the glossary"),
            ("irconcepts check mine.yaml -f json", "the problems, for a script"),
        ),
    ),
    "config": CommandHelp(
        "Show the config file, your entries' folder and the settings",
        "Show where the config file (config.toml; IRCONCEPTS_CONFIG names another) and your personal entries "
        "are, the values in force with the file:line that set each, and the glossary files in the order they "
        "are read. Exit 3 when the config file has problems, each shown as file:line.",
        (
            ("irconcepts config", "files and values in force"),
            ("irconcepts config -f json", "the same, for a script"),
            ('$EDITOR "$(irconcepts config -f json | jq -r .config_file.path)"', "edit the config file"),
        ),
    ),
    "new": CommandHelp(
        "Write a new entry of your own and open it in your editor",
        "Write a template entry for TERM in your personal glossary folder and open it in $VISUAL or $EDITOR. "
        "When the editor closes, the file is checked; a file with problems is kept as written, its problems "
        "shown as file:line, and left out until fixed.",
        (
            ("irconcepts new strategic autonomy", "a new entry of your own"),
            ("EDITOR=nano irconcepts new minilateralism", "with another editor"),
        ),
    ),
    "edit": CommandHelp(
        "Edit an entry: your own, or a copy that replaces a packaged one",
        "Open your own entry for TERM in $VISUAL or $EDITOR; for a packaged entry, first copy it to your "
        "personal glossary folder, where it replaces the packaged one. The file is checked when the editor "
        "closes; nothing you typed is thrown away.",
        (
            ("irconcepts edit realism", "your own version of a packaged entry"),
            ("irconcepts edit strategic autonomy", "reopen an entry you wrote"),
        ),
    ),
    "completion": CommandHelp(
        "Print or install Tab completion for a shell",
        "Print the Tab-completion script for SHELL (bash, zsh or fish), or install it with --install.",
        (
            ("irconcepts completion zsh --install", "install it for zsh"),
            ('eval "$(irconcepts completion bash)"', "load it in ~/.bashrc"),
        ),
    ),
    "manpage": CommandHelp(
        "Print the manual page (man irconcepts)",
        "Print the manual page, irconcepts(1), in roff. It is installed with the package, so 'man irconcepts' "
        "finds it when the environment's bin directory is on PATH.",
        (
            ("irconcepts manpage | man -l -", "read it here and now"),
            ("irconcepts manpage > ~/man/man1/irconcepts.1", "a copy of your own"),
        ),
    ),
    "help": CommandHelp(
        "Show help for irconcepts or one command",
        "Show help for irconcepts, or for one COMMAND.",
        (
            ("irconcepts help", "this overview"),
            ("irconcepts help show", "help for show"),
        ),
    ),
}

MAIN_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("irconcepts collective security", "an entry"),
    ("irconcepts UN --brief", "an abbreviation, in one sentence"),
    ("irconcepts search oil embargo Italy", "full-text search"),
    ("irconcepts sovereignty > sovereignty.md", "Markdown for your notes"),
)

EXIT_CODES: tuple[tuple[str, str], ...] = (
    ("0", "found, or done"),
    ("1", "no entry is the thing asked (stderr says where it is discussed)"),
    ("2", "usage error: an unknown option, a bad value"),
    ("3", "invalid glossary data: each problem as file:line: message"),
    ("4", "output not written: an export, or stdout closed or full"),
    ("5", "the study database cannot be used"),
    ("130", "interrupted (Ctrl-C)"),
)

ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("IRCONCEPTS_DATA", "more glossary files, ':'-separated (Windows: ';')"),
    ("IRCONCEPTS_PAGER", "the pager for long output; empty or 'cat' for none"),
    ("PAGER", "the pager when that is unset (default: less -FRX)"),
    ("NO_COLOR", "no colour"),
    ("FORCE_COLOR", "colour even when piped (the format stays Markdown)"),
    ("IRCONCEPTS_CACHE_DIR", "where the compiled index is kept"),
    ("IRCONCEPTS_CONFIG", "a config file to read instead of config.toml"),
    ("XDG_CONFIG_HOME", "moves config.toml (Linux)"),
    ("XDG_DATA_HOME", "moves the personal glossary folder (Linux)"),
)


def _block(title: str, rows: tuple[tuple[str, str], ...], gap: int = 2) -> str:
    """A titled block that help keeps as written ('\\b' stops Click from re-flowing the lines)."""
    width = max(len(left) for left, _ in rows) + gap
    lines = [f"  {left.ljust(width)}{right}".rstrip() for left, right in rows]
    return "\b\n" + title + ":\n" + "\n".join(lines)


def examples_block(examples: tuple[tuple[str, str], ...]) -> str:
    width = max(len(line) for line, _ in examples) + 2
    lines = [f"  {line.ljust(width)}# {what}" if what else f"  {line}" for line, what in examples]
    return "\b\nExamples:\n" + "\n".join(lines)


def command_epilog(name: str) -> str:
    return examples_block(COMMANDS[name].examples)


def main_epilog() -> str:
    return "\n\n".join(
        (
            examples_block(MAIN_EXAMPLES),
            _block("Exit codes", EXIT_CODES),
            _block("Environment", ENVIRONMENT),
            "Run 'irconcepts help COMMAND' for one command, or 'man irconcepts'.",
        )
    )
