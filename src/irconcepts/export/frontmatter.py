"""YAML front matter for a note: the fields Obsidian (aliases, tags), Logseq and static-site generators
(title, summary) read, written by PyYAML so that any text is quoted correctly."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..model import Entry

TAG_PREFIX = "ir/"  # tags nest under ir/ so that they do not mix with a student's own


def front_matter(entry: Entry) -> dict[str, Any]:
    """The fields, in the order written. A pinned contract: tests/test_export.py checks its keys."""
    return {
        "title": entry.term,
        "aliases": list(entry.aliases),
        "tags": [TAG_PREFIX + entry.theme],
        "summary": entry.summary,
        "covers": list(entry.covers),
        "source": f"irconcepts {__version__}",
    }


def render(fields: dict[str, Any]) -> str:
    """The fields between --- lines, without line folding (which would split summaries). libyaml's dumper
    where PyYAML has it: six times faster than the pure-Python one, and the same bytes for the whole
    glossary (a machine without it would rewrite unedited notes once; the vault's manifest allows that)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(
        fields, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 30
    )
    return f"---\n{body}---\n\n"
