"""Which editor to open, as git chooses it: $VISUAL, then $EDITOR, then one found on PATH."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping

FALLBACKS = ("editor", "nano", "vi")  # Debian's alternatives link first, then the common ones


def editor_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)  # "code --wait" is a command with an argument
            except ValueError:
                return value.split()
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    return None


def edit(path: str, argv: list[str]) -> int:
    """Run the editor on the file and wait for it; its exit status. OSError when it cannot be started."""
    return subprocess.run([*argv, path], check=False).returncode
