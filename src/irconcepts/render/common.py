"""Shared pieces of the text formats."""

from __future__ import annotations

from ..model import Citation, Entry


def citation_text(c: Citation, *, italic: str = "") -> str:
    return f"{c.author} ({c.year}). {italic}{c.title}{italic}. {c.published}."


def wants(section: str | None, name: str) -> bool:
    return section is None or section == name


def entry_sections(entry: Entry, section: str | None) -> list[str]:
    """The section names to print, in order, leaving out empty ones."""
    present = {
        "summary": True,
        "definition": True,
        "arguments": bool(entry.arguments_for or entry.arguments_against),
        "cases": bool(entry.cases),
        "related": bool(entry.see_also),
        "reading": bool(entry.further_reading),
    }
    return [name for name, has in present.items() if has and wants(section, name)]
