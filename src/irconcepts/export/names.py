"""Note names that every file system accepts, and wikilinks that always land on a note of the vault."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..model import Entry
from ..text import normalise

if TYPE_CHECKING:
    from ..index import Index

# Characters forbidden in a file name on Windows (and '/' everywhere), or with a meaning inside an Obsidian
# wikilink ('#' heading, '^' block, '|' shown text, '[' and ']' the link itself), and what stands for them.
_REPLACEMENTS = {":": " -", "/": "-", "\\": "-", "|": "-", '"': "'", "[": "(", "]": ")"}
_DROPPED = re.compile(r"[<>?*#^\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
# Names Windows reserves for devices, with any extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 200  # file systems allow 255 bytes; room for ".md" and a " (2)"

NoteResolver = Callable[[str], "str | None"]  # a name as written in the text -> the note it points to, or None


def safe_name(headword: str) -> str:
    """A headword as a file name (without extension) that Linux, macOS and Windows all accept."""
    name = unicodedata.normalize("NFC", headword)  # macOS would otherwise store decomposed accents
    name = _DROPPED.sub("", name.translate(str.maketrans(_REPLACEMENTS)))
    name = _SPACES.sub(" ", name).strip()
    name = name.lstrip(".").rstrip(". ")  # a leading dot hides a file; Windows drops trailing dots and spaces
    while len(name.encode()) > MAX_NAME_BYTES:
        name = name[:-1].rstrip(". ")
    if not name:
        name = "untitled"
    if name.split(".")[0].casefold() in _RESERVED:
        name += "_"
    return name


def note_names(headwords: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """headword -> note name, unique even on a case-insensitive file system (macOS, Windows), and none of
    the `reserved` names (the vault's own index note)."""
    names: dict[str, str] = {}
    taken = {r.casefold() for r in reserved}
    for headword in sorted(headwords, key=lambda h: (normalise(h), h)):
        base = safe_name(headword)
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} ({n})", n + 1
        taken.add(name.casefold())
        names[headword] = name
    return names


def resolver(entries: Iterable[Entry], notes: dict[str, str]) -> NoteResolver:
    """Cross-reference text -> the note of the entry it names (headword, alias or cover), when that entry is
    one of `notes`; None for a name no note has, which is then written as plain text, never a dangling link."""
    rank = {"term": 0, "alias": 1, "cover": 2}
    by_key: dict[str, tuple[int, str]] = {}
    for entry in entries:
        names = [(entry.term, "term"), *((a, "alias") for a in entry.aliases), *((c, "cover") for c in entry.covers)]
        for name, kind in names:
            key = normalise(name)
            if key not in by_key or rank[kind] < by_key[key][0]:
                by_key[key] = (rank[kind], entry.term)

    def resolve(name: str) -> str | None:
        hit = by_key.get(normalise(name))
        return notes.get(hit[1]) if hit else None

    return resolve


def index_resolver(index: Index) -> NoteResolver:
    """The same, read from the compiled index a name at a time: for `show`, which must not load every entry.
    A note is named as `export obsidian` names it."""

    def resolve(name: str) -> str | None:
        hit = index.key_hit(normalise(name))
        if hit is None:
            return None
        number, written, kind = hit
        return safe_name(written if kind == "term" else index.term(number))

    return resolve
