"""Whether work may be shared with a forked child process (the first compile of a large glossary, issue 22)."""

from __future__ import annotations

import os
import sys
import threading


def can_fork() -> bool:
    """True where `os.fork` is safe and there is a second core to run the child: Linux and the BSDs (not macOS,
    where system libraries may not survive a fork, nor Windows, which has none), in a process without other
    threads (a fork copies a lock another thread holds, and the child may wait on it for ever)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    if (os.cpu_count() or 1) < 2:
        return False
    return threading.active_count() == 1
