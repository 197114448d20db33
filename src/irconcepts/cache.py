"""The compiled index on disk: reused while its sources are unchanged, rebuilt when they change.

The cache is JSON (never pickle: reading a cache file must not be able to run code), keyed by each source's
path, size and modification time and by the package version, written to a temporary file and renamed into
place so that concurrent runs never see half a file. Any unreadable, stale or corrupt cache is rebuilt; a
cache directory that cannot be written is skipped and the index lives in memory only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .errors import DataError
from .index import INDEX_FORMAT, Index, compile_index
from .sources import glossary_files

CACHE_ENV = "IRCONCEPTS_CACHE_DIR"


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir  # the right place on Linux, macOS and Windows alike

    return Path(user_cache_dir("irconcepts", appauthor=False))


def source_identity(files: list[Path]) -> list[list[Any]]:
    identity: list[list[Any]] = []
    for path in files:
        try:
            st = path.stat()
            identity.append([str(path.resolve()), st.st_size, st.st_mtime_ns])
        except OSError:
            identity.append([str(path), None, None])  # missing: the rebuild reports it
    return identity


def cache_key(files: list[Path]) -> str:
    payload = json.dumps([__version__, INDEX_FORMAT, source_identity(files)])
    return hashlib.sha256(payload.encode()).hexdigest()


def cache_path(files: list[Path]) -> Path:
    # One file per set of sources, so switching --data back and forth does not thrash a single cache.
    names = hashlib.sha256("\0".join(str(p.resolve()) for p in files).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{names}.json"


def read_cache(path: Path, key: str) -> Index | None:
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
        if data.get("key") != key:
            return None
        return Index.from_json(data["index"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, truncated, corrupt or from another version: rebuild


def write_cache(path: Path, key: str, index: Index) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"key": key, "index": index.to_json()}, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


def build_index(files: list[Path]) -> Index:
    from .validate import load_glossary  # YAML is only imported on a rebuild

    entries, problems = load_glossary(files)
    if problems:
        raise DataError(problems)
    return compile_index(entries)


def open_index(extra_files: list[str] | None = None, *, use_cache: bool = True) -> Index:
    """The index of the packaged glossary plus any user files; raises DataError when the data is invalid."""
    files = glossary_files(extra_files)
    if not use_cache:
        return build_index(files)
    key = cache_key(files)
    path = cache_path(files)
    index = read_cache(path, key)
    if index is None:
        index = build_index(files)
        write_cache(path, key, index)
    return index
