"""One module a format. Each takes result objects and returns text (or, for the terminal, Rich renderables)."""

READABLE_WIDTH = 100  # lines longer than this are hard to read, whatever the terminal's width
