from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from irconcepts.index import Index, compile_index
from irconcepts.validate import load_glossary

HERE = Path(__file__).parent
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
