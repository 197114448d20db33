"""A fixed choice (a theme) as a user types it: any case, a unique prefix of the name or of one of its
words, and a did-you-mean when nothing fits. Terms are matched forgivingly; their themes should be too."""

from __future__ import annotations

import difflib


class NoSuchChoice(ValueError):
    """The text names no choice, or more than one; the message says which, and what was meant."""


def pick(typed: str, choices: tuple[str, ...], what: str) -> str:
    """The one choice the text stands for; NoSuchChoice with a short message otherwise."""
    key = typed.strip().casefold().replace(" ", "-").replace("_", "-")
    if key in choices:
        return key
    found = [c for c in choices if c.startswith(key)] if key else []
    if not found and len(key) >= 3:
        # a word of the name: 'diplomacy' for foreign-policy-and-diplomacy, 'economy' for political-economy
        found = [c for c in choices if any(w.startswith(key) for w in c.split("-"))]
    if len(found) == 1:
        return found[0]
    if found:
        raise NoSuchChoice(f"{what} '{typed}' could be: {', '.join(found)}")
    close = difflib.get_close_matches(key, choices, n=2, cutoff=0.6)
    if not close:
        words = {w: c for c in choices for w in c.split("-") if len(w) > 3}
        close = [words[w] for w in difflib.get_close_matches(key, list(words), n=2, cutoff=0.75)]
    hint = f"; did you mean {' or '.join(repr(c) for c in dict.fromkeys(close))}?" if close else ""
    raise NoSuchChoice(f"no {what} '{typed}'{hint}")
