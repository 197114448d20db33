"""Personal glossary files: their names, the template `new` writes, and the copy of an entry `edit` writes.

Nothing here prints or asks: the edge (actions_user.py) says what happened.
"""

from __future__ import annotations

import json
import os
import re

from ..vocab import THEMES

HEADER = "# A personal irconcepts entry: it is read after the packaged glossary, and wins for its own names.\n"


def slug(term: str) -> str:
    """A file name for a term: letters and digits of any script kept, the rest turned into dashes."""
    name = re.sub(r"[\W_]+", "-", term.casefold()).strip("-")[:80]
    return name or "entry"


def path_for(term: str, folder: str) -> str:
    return os.path.join(folder, slug(term) + ".yaml")


def template(term: str) -> str:
    """A new entry to fill in. Left as it is, it is not an entry (theme, summary and definition are empty),
    and `new` removes it rather than keep an empty file."""
    themes = ", ".join(THEMES)
    return (
        HEADER
        + "# Fill in the fields, then save and close the editor; `irconcepts check` validates the file.\n"
        + f"# theme: one of {themes}\n"
        + "# In the definition, [[other term]] links to another entry.\n"
        + f"- term: {json.dumps(term, ensure_ascii=False)}\n"
        + "  aliases: []\n"
        + "  theme:\n"
        + "  summary: >-\n"
        + "    \n"
        + "  definition: |\n"
        + "    \n"
        + "  see_also: []\n"
    )


def entry_block(source_text: str, start_line: int, next_line: int | None) -> str:
    """The lines of one entry as written in its file (comments and layout kept), from its first line up to the
    next entry's; trailing blank and comment lines belong to what follows."""
    lines = source_text.splitlines(keepends=True)
    block = lines[start_line - 1 : (next_line - 1) if next_line else None]
    while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
        block.pop()
    text = "".join(block)
    return text if text.endswith("\n") else text + "\n"


def override_text(term: str, source: str, source_text: str, start_line: int, next_line: int | None) -> str:
    """A copy of a packaged entry for the personal directory, saying where it came from."""
    return (
        HEADER
        + f"# Copied from {source}:{start_line} by `irconcepts edit`; this copy replaces that entry for its names.\n"
        + "# Delete this file to go back to the packaged entry.\n"
        + entry_block(source_text, start_line, next_line)
    )


def write_new(path: str, text: str) -> None:
    """Create the file; never replace one (raises FileExistsError): nothing the user wrote is overwritten."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
