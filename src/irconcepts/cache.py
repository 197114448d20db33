"""The compiled index on disk: reused while its sources are unchanged, rebuilt when they change.

The cache (store.py: JSON sections, never pickle) is keyed by each source's path, size, modification
and change time and inode, and by the package version. Any unreadable, stale or corrupt cache is rebuilt;
a cache directory that cannot be written is skipped and the index lives in memory only.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import zlib
from typing import TYPE_CHECKING, Any

from . import __version__, store
from .sources import glossary_files

if TYPE_CHECKING:
    from .index import Index

CACHE_ENV = "IRCONCEPTS_CACHE_DIR"


def cache_dir() -> str:
    override = os.environ.get(CACHE_ENV)
    if override:
        return override
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (the XDG base directory rule), without its 5-7 ms import on
        # every Tab press; platformdirs keeps the answer right on macOS and Windows.
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return os.path.join(base, "irconcepts")
    from platformdirs import user_cache_dir

    return user_cache_dir("irconcepts", appauthor=False)


def source_identity(files: list[str]) -> list[list[Any]]:
    identity: list[list[Any]] = []
    for path in files:
        try:
            st = os.stat(path)
            # The change time and inode too: `cp -p` or `touch -d` can set the mtime back, nothing can set these.
            identity.append([os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])
        except OSError:
            identity.append([path, None, None])  # missing: the rebuild reports it
    return identity


# The modules whose code shapes the compiled index: a change to any of them (an upgrade, or a
# developer's edit) makes old caches stale even when the version number has not moved.
INDEX_CODE = ("index.py", "text.py", "folding.py", "load.py", "validate.py", "model.py", "store.py", "vocab.py")
INDEX_CODE += ("compiler/build.py", "compiler/postings.py")  # the one-pass compiler (issue 22)


def cache_key(files: list[str]) -> str:
    here = os.path.dirname(__file__)
    code = source_identity([os.path.join(here, name) for name in INDEX_CODE])
    # The identity itself is the key (no hashing: hashlib's import alone costs a Tab press 3 ms).
    return json.dumps([__version__, store.INDEX_FORMAT, source_identity(files), code])


def cache_path(files: list[str]) -> str:
    # One file per set of sources, so switching --data back and forth does not thrash a single cache.
    names = f"{zlib.crc32(chr(0).join(os.path.realpath(p) for p in files).encode()):08x}"
    return os.path.join(cache_dir(), f"index-{names}.bin")


def build_index(files: list[str]) -> Index:
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
