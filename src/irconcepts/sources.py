"""Where the glossary comes from, in layers read in this order (a later layer's entry wins for its names):

    1. the packaged file
    2. the personal glossary directory (user_data_dir/glossary/*.yaml, sorted by name) -- lenient: a file
       there with problems is left out with a warning, so that one half-written entry stops nothing
    3. the config file's `data` files, then IRCONCEPTS_DATA, then --data -- strict: a problem stops the run

Paths are plain strings (os.path, not pathlib): this runs on every Tab press, and importing pathlib
alone costs about 3 ms there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

DATA_ENV = "IRCONCEPTS_DATA"
GLOSSARY_SUFFIXES = (".yaml", ".yml")


def packaged_data() -> str:
    """The glossary shipped in the wheel, or data/entries.yaml of a source checkout (editable installs)."""
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "data", "entries.yaml")
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "entries.yaml")


def personal_files(env: Mapping[str, str] | None = None) -> list[str]:
    """The *.yaml files of the personal glossary directory, by name; hidden files (editor swap and backup
    files start with a dot or end in ~) are not glossary files."""
    from .user.dirs import glossary_dir

    folder = glossary_dir(env)
    try:
        names = os.listdir(folder)
    except OSError:  # no directory yet (the usual case), or not readable
        return []
    return [
        os.path.join(folder, name)
        for name in sorted(names)
        if name.endswith(GLOSSARY_SUFFIXES) and not name.startswith(".")
    ]


def config_data() -> list[str]:
    """The config file's `data` files (only for the config in force: IRCONCEPTS_CONFIG or config.toml)."""
    from .user.config import current

    return current().data


def glossary_files(extra: list[str] | None = None, *, env: Mapping[str, str] | None = None) -> list[str]:
    use_env = os.environ if env is None else env
    from_env = [p for p in use_env.get(DATA_ENV, "").split(os.pathsep) if p.strip()]
    return [packaged_data(), *personal_files(env), *config_data(), *from_env, *(os.fspath(p) for p in extra or [])]
