"""Python's cycle collector paused while a glossary is read or compiled."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a glossary is read or compiled. Both make millions of objects that
    live on (the entries) and no lasting cycles, and every so many allocations the collector would walk them
    all again: seconds of a large glossary's first run, for nothing to collect. Cycles made meanwhile (none
    are expected) are collected once it is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
