"""One module a format. Each takes result objects and returns text (or, for the terminal, Rich renderables)."""

from __future__ import annotations

FORMATS = ("terminal", "markdown", "plain", "json")
LINK_STYLES = ("wiki", "plain")


def terminal_width_cap() -> int:
    """Lines longer than this are hard to read, whatever the terminal's width."""
    return 100
