"""Where the glossary comes from: the packaged file, then IRCONCEPTS_DATA, then --data, in that order.

Paths are plain strings (os.path, not pathlib): this runs on every Tab press, and importing pathlib
alone costs about 3 ms there.
"""

from __future__ import annotations

import os

DATA_ENV = "IRCONCEPTS_DATA"


def packaged_data() -> str:
    """The glossary shipped in the wheel, or data/entries.yaml of a source checkout (editable installs)."""
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "data", "entries.yaml")
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "entries.yaml")


def glossary_files(extra: list[str] | None = None, *, env: dict[str, str] | None = None) -> list[str]:
    env = os.environ if env is None else env  # type: ignore[assignment]
    from_env = [p for p in env.get(DATA_ENV, "").split(os.pathsep) if p.strip()]
    return [packaged_data(), *from_env, *(os.fspath(p) for p in extra or [])]
