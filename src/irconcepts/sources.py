"""Where the glossary comes from: the packaged file, then IRCONCEPTS_DATA, then --data, in that order."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "IRCONCEPTS_DATA"


def packaged_data() -> Path:
    """The glossary shipped in the wheel, or data/entries.yaml of a source checkout (editable installs)."""
    here = Path(__file__).resolve().parent
    installed = here / "data" / "entries.yaml"
    if installed.is_file():
        return installed
    return here.parent.parent / "data" / "entries.yaml"


def glossary_files(extra: list[str] | None = None, *, env: dict[str, str] | None = None) -> list[Path]:
    env = os.environ if env is None else env
    from_env = [p for p in env.get(DATA_ENV, "").split(os.pathsep) if p.strip()]
    return [packaged_data(), *(Path(p) for p in from_env), *(Path(p) for p in extra or [])]
