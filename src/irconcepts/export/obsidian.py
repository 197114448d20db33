"""The vault as text: one note per entry, named by its headword, and README.md listing them by theme.

Every wikilink points at a note of the vault by its file name, [[note|shown text]]; a reference to an
entry outside the vault (another theme) is written as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Entry
from ..render import markdown
from ..vocab import THEMES
from . import frontmatter
from .names import NoteResolver, note_names, resolver

INDEX_NOTE = "README.md"


def note(entry: Entry, resolve: NoteResolver) -> str:
    """One entry as a note: front matter, then the Markdown of `show` without the line the front matter
    now carries."""
    body = markdown.entry(entry, links="wiki", resolve=resolve, meta=False)
    return frontmatter.render(frontmatter.front_matter(entry)) + body


def index_note(entries: list[Entry], notes: dict[str, str]) -> str:
    lines = ["# International Relations concepts", "", f"{len(entries)} notes, exported by irconcepts.", ""]
    for theme in THEMES:
        members = sorted((e for e in entries if e.theme == theme), key=lambda e: notes[e.term].casefold())
        if not members:
            continue
        lines += [f"## {theme}", ""]
        lines += [f"- [[{notes[e.term]}]]: {e.summary}" for e in members]
        lines.append("")
    return "\n".join(lines)


def vault(entries: list[Entry], every_entry: Iterable[Entry]) -> dict[str, str]:
    """File name -> text, for `entries`. `every_entry` is the whole glossary, so that a link written with an
    alias or a cover still finds its headword."""
    notes = note_names((e.term for e in entries), reserved=[INDEX_NOTE.removesuffix(".md")])
    resolve = resolver(every_entry, notes)
    files = {f"{notes[e.term]}.md": note(e, resolve) for e in entries}
    files[INDEX_NOTE] = index_note(entries, notes)
    return files
