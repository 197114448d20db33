"""Text from glossary files or from the command line, made safe to print on a terminal.

A control character (an escape sequence's ESC, an OSC's BEL, a C1 code) reaching the terminal could rewrite the
title, hide the output that follows or worse; each is shown as a visible \\x.. escape instead. Newlines and tabs
stay: they are layout, not commands.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character but newline and tab written as a visible escape."""
    if text.isprintable():  # the common case: nothing to do, and no regular expression to run
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
