"""Checks across entries and files: duplicates, alias clashes, and references that resolve to no entry.

Sources are layered: the packaged glossary first, then each user file in order; an entry whose term equals an
earlier one replaces it. A term defined twice in one file is an error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from .load import Located, load_file
from .model import Entry, Problem
from .text import CROSS_REF, normalise


def merge(files: Iterable[str | Path]) -> tuple[list[Located], list[Problem]]:
    merged: dict[str, Located] = {}
    problems: list[Problem] = []
    for path in files:
        result = load_file(path)
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
                        f"duplicate term '{located.entry.term}' (first defined at line {first.term_line})",
                    )
                )
                continue
            seen_here[key] = located
            merged[key] = located  # a later file replaces an earlier one's entry of the same term
    return list(merged.values()), problems


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
                problems.append(Problem(entry.source, line, f"{kind} '{name}' clashes with {what} of entry '{other}'"))
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
                msg = f"see_also '{target}' resolves to no entry{unresolved(target)}"
                problems.append(Problem(entry.source, line, f"entry '{entry.term}': {msg}"))
        raw = located.raw_definition or entry.definition
        for match in CROSS_REF.finditer(raw):
            target = match.group(1).strip()
            if normalise(target) not in owner:
                offset = raw.count("\n", 0, match.start()) if located.definition_literal else 0
                msg = f"cross-reference [[{target}]] resolves to no entry{unresolved(target)}"
                problems.append(Problem(entry.source, located.definition_line + offset, f"entry '{entry.term}': {msg}"))
    return problems


def load_glossary(files: Iterable[str | Path]) -> tuple[list[Entry], list[Problem]]:
    """Every file loaded, merged and cross-checked; the entries are only trustworthy when problems is empty."""
    located, problems = merge(files)
    problems.extend(check_references(located))
    return [x.entry for x in located], problems
