"""Checks across entries and files: duplicates, alias clashes, and references that resolve to no entry.

Sources are layered: the packaged glossary first, then each user file in order; an entry whose term equals an
earlier one replaces it, and a name of a later file's entry (term, alias or cover) that an earlier file's entry
has as an alias or cover moves to the later entry: the user's entry wins for its own names, the earlier entry
keeps its others, and a note says so. A term defined twice in one file is an error.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from .collector import collector_paused
from .load import Located, load_file
from .model import Entry, Problem, clip
from .text import CROSS_REF, normalise


def merge(
    files: Iterable[str | Path], notes: list[Problem] | None = None, *, exact: bool = True
) -> tuple[list[Located], list[Problem]]:
    merged: dict[str, Located] = {}
    layer_of: dict[int, int] = {}  # id(Located) -> position of its file among the sources
    problems: list[Problem] = []
    for layer, path in enumerate(files):
        result = load_file(path, exact=exact)
        for located in result.entries:
            layer_of[id(located)] = layer
        problems.extend(result.problems)
        seen_here: dict[str, Located] = {}
        for located in result.entries:
            key = normalise(located.entry.term)
            if key in seen_here:
                first = seen_here[key]
                problems.append(
                    Problem(
                        located.entry.source,
                        located.term_line,
                        f"duplicate term '{clip(located.entry.term)}' (first defined at line {first.term_line})",
                    )
                )
                continue
            seen_here[key] = located
            merged[key] = located  # a later file replaces an earlier one's entry of the same term
    entries = _yield_names(list(merged.values()), layer_of, notes if notes is not None else [])
    return entries, problems


def _yield_names(entries: list[Located], layer_of: dict[int, int], notes: list[Problem]) -> list[Located]:
    """Aliases and covers of earlier files' entries that a later file's entry claims as one of its names are
    dropped from the earlier entry, so that a personal entry named like a packaged alias opens the personal
    entry instead of breaking the glossary."""
    claimed: dict[str, tuple[int, Located]] = {}  # name key -> (layer, entry) of the latest file naming it
    for located in entries:
        layer = layer_of.get(id(located), 0)
        entry = located.entry
        for name in (entry.term, *entry.aliases, *entry.covers):
            key = normalise(name)
            if key not in claimed or claimed[key][0] < layer:
                claimed[key] = (layer, located)
    out: list[Located] = []
    for located in entries:
        layer = layer_of.get(id(located), 0)
        entry = located.entry
        aliases = _unclaimed(entry.aliases, located.alias_lines, layer, claimed)
        covers = _unclaimed(entry.covers, located.cover_lines, layer, claimed)
        kept = {name for name, _ in (*aliases, *covers)}
        dropped = [name for name in (*entry.aliases, *entry.covers) if name not in kept]
        for name in dropped:
            winner = claimed[normalise(name)][1]
            notes.append(
                Problem(
                    winner.entry.source,
                    winner.term_line,
                    f"note: '{clip(name)}' opens this entry, not '{clip(entry.term)}' of "
                    f"{entry.source}:{entry.line} (which keeps its other names)",
                )
            )
        if dropped:
            entry = dataclasses.replace(entry, aliases=tuple(n for n, _ in aliases), covers=tuple(n for n, _ in covers))
            located = dataclasses.replace(
                located,
                entry=entry,
                alias_lines=tuple(line for _, line in aliases),
                cover_lines=tuple(line for _, line in covers),
            )
        out.append(located)
    return out


def _unclaimed(
    names: tuple[str, ...], lines: tuple[int, ...], layer: int, claimed: dict[str, tuple[int, Located]]
) -> list[tuple[str, int]]:
    """(name, line) of the names that no later file's entry claims."""
    return [(n, line) for n, line in zip(names, lines, strict=False) if claimed[normalise(n)][0] <= layer]


def check_references(entries: list[Located]) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, str] = {normalise(x.entry.term): x.entry.term for x in entries}
    kind_of: dict[str, str] = {key: "the term" for key in owner}
    for located in entries:
        entry = located.entry
        named = [(a, line, "alias") for a, line in zip(entry.aliases, located.alias_lines, strict=False)]
        named += [(c, line, "cover") for c, line in zip(entry.covers, located.cover_lines, strict=False)]
        for name, line, kind in named:
            key = normalise(name)
            other = owner.get(key)
            if other is not None and other != entry.term:
                what = {"the term": "the term", "alias": "an alias", "cover": "a cover"}[kind_of[key]]
                problems.append(
                    Problem(entry.source, line, f"{kind} '{clip(name)}' clashes with {what} of entry '{clip(other)}'")
                )
            elif other is None:
                owner[key] = entry.term
                kind_of[key] = kind
    names = sorted(owner)

    def unresolved(name: str) -> str:
        hint = difflib.get_close_matches(normalise(name), names, n=1, cutoff=0.75)
        return f" (did you mean '{owner[hint[0]]}'?)" if hint else ""

    for located in entries:
        entry = located.entry
        for target, line in zip(entry.see_also, located.see_also_lines, strict=False):
            if normalise(target) not in owner:
                msg = f"see_also '{clip(target)}' resolves to no entry{unresolved(target)}"
                problems.append(Problem(entry.source, line, f"entry '{entry.term}': {msg}"))
        raw = located.raw_definition or entry.definition
        refs = list(CROSS_REF.finditer(raw))
        for start in unclosed_openings(raw, refs):
            offset = raw.count("\n", 0, start) if located.definition_literal else 0
            shown = clip(raw[start : start + 30].split("\n")[0], 30)
            msg = f"unclosed cross-reference '{shown}' (write [[term]] or [[term|shown text]])"
            problems.append(
                Problem(entry.source, located.definition_line + offset, f"entry '{clip(entry.term)}': {msg}")
            )
        for match in refs:
            target = match.group(1).strip()
            if normalise(target) not in owner:
                offset = raw.count("\n", 0, match.start()) if located.definition_literal else 0
                msg = f"cross-reference [[{clip(target)}]] resolves to no entry{unresolved(target)}"
                problems.append(Problem(entry.source, located.definition_line + offset, f"entry '{entry.term}': {msg}"))
    return problems


def unclosed_openings(raw: str, refs: list[re.Match[str]]) -> list[int]:
    """Where a '[[' opens no cross-reference, given the text's references (CROSS_REF's matches)."""
    # Each reference opens with a '[['; without '[[[' no two openings overlap, so as many openings as
    # references means every opening is closed: the common case, known without a second scan.
    if "[[[" not in raw and raw.count("[[") == len(refs):
        return []
    closed = {m.start() for m in refs}
    # '[[[x]]' is text then a link: the opening just before a reference's is not unclosed
    return [o.start() for o in re.finditer(r"\[\[", raw) if o.start() not in closed and o.start() - 1 not in closed]


def load_glossary(files: Iterable[str | Path], notes: list[Problem] | None = None) -> tuple[list[Entry], list[Problem]]:
    """Every file loaded, merged and cross-checked; the entries are only trustworthy when problems is empty.
    Names that a later file took over from an earlier one are added to `notes` (check shows them)."""
    with collector_paused():
        return _load_glossary(list(files), notes)


def _load_glossary(files: list[str | Path], notes: list[Problem] | None) -> tuple[list[Entry], list[Problem]]:
    fast_notes: list[Problem] = []
    # First the fast way (fastread.py); its entries know only their own lines, so a glossary with any problem
    # is read again the line-aware way, which finds and places every problem as it always has.
    located, problems = merge(files, fast_notes, exact=False)
    problems.extend(check_references(located))
    if problems:
        located, problems = merge(files, notes)
        problems.extend(check_references(located))
    elif notes is not None:
        notes.extend(fast_notes)  # a note names a term's line, which the fast reader knows
    return [x.entry for x in located], problems
