"""The compiled index on disk: reused while its sources are unchanged, rebuilt when they change.

The cache (store.py: JSON sections, never pickle) is keyed by each source's path, size and modification
time and by the package version. Any unreadable, stale or corrupt cache is rebuilt; a cache directory that
cannot be written is skipped and the index lives in memory only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, store
from .sources import glossary_files

if TYPE_CHECKING:
    from .index import Index

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


# The modules whose code shapes the compiled index: a change to any of them (an upgrade, or a
# developer's edit) makes old caches stale even when the version number has not moved.
INDEX_CODE = ("index.py", "text.py", "load.py", "validate.py", "model.py", "store.py")


def cache_key(files: list[Path]) -> str:
    here = Path(__file__).parent
    code = source_identity([here / name for name in INDEX_CODE])
    payload = json.dumps([__version__, store.INDEX_FORMAT, source_identity(files), code])
    return hashlib.sha256(payload.encode()).hexdigest()


def cache_path(files: list[Path]) -> Path:
    # One file per set of sources, so switching --data back and forth does not thrash a single cache.
    names = hashlib.sha256("\0".join(str(p.resolve()) for p in files).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{names}.bin"


def build_index(files: list[Path]) -> Index:
    from .errors import DataError
    from .index import compile_index
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
    try:
        return store.read(path, key, rebuild=lambda: build_index(files))
    except store.StoreError:
        pass  # missing, stale or damaged: build afresh
    index = build_index(files)
    with contextlib.suppress(OSError):  # an unwritable cache directory costs speed, not correctness
        store.write(path, key, index)
    return index
