"""Where the user's files live: config.toml, the personal glossary directory, the study database's folder,
the cache.

platformdirs gives the right answer on macOS and Windows; on Linux the XDG rule is applied here directly,
because this runs on every Tab press and importing platformdirs costs 5-7 ms there.
Plain strings, not pathlib, for the same reason.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

APP = "irconcepts"
CACHE_ENV = "IRCONCEPTS_CACHE_DIR"  # the cache folder, for tests and read-only homes
CONFIG_ENV = "IRCONCEPTS_CONFIG"  # a config file to read instead of the usual one
CONFIG_NAME = "config.toml"
GLOSSARY_FOLDER = "glossary"


def _xdg(env: Mapping[str, str], name: str, fallback: str) -> str:
    base = env.get(name, "").strip()
    # The XDG rule: a relative path in these variables is invalid and must be ignored.
    if not base or not os.path.isabs(base):
        base = os.path.expanduser(fallback)
    return os.path.join(base, APP)


def config_dir(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    if sys.platform.startswith("linux"):
        return _xdg(env, "XDG_CONFIG_HOME", "~/.config")
    from platformdirs import user_config_dir

    return user_config_dir(APP, appauthor=False)


def data_dir(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    if sys.platform.startswith("linux"):
        return _xdg(env, "XDG_DATA_HOME", "~/.local/share")
    from platformdirs import user_data_dir

    return user_data_dir(APP, appauthor=False)


def cache_dir(env: Mapping[str, str] | None = None) -> str:
    """Where the compiled index and the cached settings live (IRCONCEPTS_CACHE_DIR overrides)."""
    env = os.environ if env is None else env
    override = env.get(CACHE_ENV)
    if override:
        return override
    if sys.platform.startswith("linux"):
        return _xdg(env, "XDG_CACHE_HOME", "~/.cache")
    from platformdirs import user_cache_dir

    return user_cache_dir(APP, appauthor=False)


def config_file(env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(path, why): the config file to read and what chose it (IRCONCEPTS_CONFIG or the default place).
    The file need not exist."""
    env = os.environ if env is None else env
    override = env.get(CONFIG_ENV, "").strip()
    if override:
        return os.path.abspath(os.path.expanduser(override)), CONFIG_ENV
    return os.path.join(config_dir(env), CONFIG_NAME), "default"


def glossary_dir(env: Mapping[str, str] | None = None) -> str:
    """The personal glossary directory: every *.yaml file in it is loaded after the packaged glossary."""
    return os.path.join(data_dir(env), GLOSSARY_FOLDER)
