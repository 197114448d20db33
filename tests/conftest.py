from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from irconcepts.index import Index, compile_index
from irconcepts.validate import load_glossary

HERE = Path(__file__).parent


@pytest.fixture(scope="session", autouse=True)
def _no_personal_files(tmp_path_factory: pytest.TempPathFactory):
    """The tester's own config.toml and personal glossary must not change what the suite sees (issue 21):
    every run, in-process and in subprocesses, gets empty config and data directories."""
    home = tmp_path_factory.mktemp("userdirs")
    saved = {k: os.environ.get(k) for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "IRCONCEPTS_CONFIG")}
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ.pop("IRCONCEPTS_CONFIG", None)
    from irconcepts.user import config

    config.forget()
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


MINI = HERE / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def mini_index() -> Index:
    entries, problems = load_glossary([MINI])
    assert problems == []
    return compile_index(entries)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def run(cache_dir: Path):
    """Run the installed CLI as a user would: separate stdout, stderr and exit code."""

    def _run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
        full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "IRCONCEPTS_DATA")}
        full_env["IRCONCEPTS_CACHE_DIR"] = str(cache_dir)
        full_env["COLUMNS"] = "80"
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "irconcepts", *args],
            capture_output=True,
            text=True,
            env=full_env,
            input=stdin,
            timeout=60,
        )

    _run.cache_dir = str(cache_dir)  # type: ignore[attr-defined]
    return _run
