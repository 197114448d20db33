"""The compiled index on disk: reused while its sources are unchanged, rebuilt when they change.

The cache (store.py: JSON sections, never pickle) is keyed by each source's path, size, modification
and change time and inode, and by the package version. Any unreadable, stale or corrupt cache is rebuilt;
a cache directory that cannot be written is skipped and the index lives in memory only.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from typing import TYPE_CHECKING, Any

from . import __version__, store
from .collector import collector_paused
from .sources import glossary_files
from .user.dirs import cache_dir

if TYPE_CHECKING:
    from .index import Index


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
INDEX_CODE += ("compiler/build.py", "compiler/postings.py", "compiler/worker.py", "fastread.py", "readahead.py")


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
    return build_layered(files, ())[0]


def build_layered(files: list[str], lenient: tuple[str, ...] | list[str]) -> tuple[Index, list[str]]:
    """The index of `files` and the files left out of it: a lenient file (the personal directory's) with
    problems is dropped and the rest read again, so one half-written entry does not stop the glossary. Each
    left-out file comes back as one line naming its first problem. A problem in any other file raises DataError."""
    from .compiler import worker
    from .errors import DataError
    from .index import compile_index
    from .model import in_reading_order
    from .validate import load_glossary  # YAML is only imported on a rebuild

    left_out: list[str] = []
    # Started first, while this process is small (see worker.py); used by the compile, else cancelled.
    job = worker.start(files)
    try:
        with collector_paused():
            while True:
                entries, problems = load_glossary(files)
                if not problems:
                    index = compile_index(entries, job)
                    job = None
                    return index, left_out
                bad = [f for f in lenient if f in files and any(p.file == f for p in problems)]
                if not bad:
                    raise DataError(problems)
                for name in bad:
                    mine = in_reading_order([p for p in problems if p.file == name])
                    more = f" (and {len(mine) - 1} more)" if len(mine) > 1 else ""
                    left_out.append(f"{mine[0]}{more}; left this file out: irconcepts check shows it all")
                files = [f for f in files if f not in bad]
    finally:
        if job is not None:
            job.cancel()


def _left_out_file(path: str) -> str:
    return path + ".left-out"


def read_left_out(path: str, key: str) -> list[str] | None:
    """The warnings saved beside a cache file by its rebuild (an empty list: nothing was left out); None when
    they are missing or belong to another build, so that the caller rebuilds rather than warn wrongly."""
    try:
        with open(_left_out_file(path), encoding="utf-8") as handle:
            record = json.load(handle)
        if record.get("key") != key:
            return None
        return [str(line) for line in record["left_out"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _save_left_out(path: str, key: str, left_out: list[str]) -> None:
    with open(_left_out_file(path), "w", encoding="utf-8") as handle:
        json.dump({"key": key, "left_out": left_out}, handle, ensure_ascii=False)


def open_index(extra_files: list[str] | None = None, *, use_cache: bool = True) -> Index:
    """The index of the packaged glossary plus any user files; raises DataError when the data is invalid."""
    return open_layered(extra_files, use_cache=use_cache)[0]


def open_layered(extra_files: list[str] | None = None, *, use_cache: bool = True) -> tuple[Index, list[str]]:
    """As open_index, and the warnings for personal glossary files left out because they have problems
    (kept beside the cache, so that a cached run warns as the rebuild did)."""
    from .sources import personal_files

    files = glossary_files(extra_files)
    lenient = personal_files()
    if not use_cache:
        return build_layered(files, lenient) if lenient else (build_index(files), [])
    key = cache_key(files)
    path = cache_path(files)
    built: list[tuple[Index, list[str]]] = []

    def build() -> tuple[Index, list[str]]:
        # Without personal files every file is strict: build_index, the one way tests and callers know.
        return build_layered(files, lenient) if lenient else (build_index(files), [])

    def rebuild() -> Index:
        if not built:
            built.append(build())
        return built[0][0]

    # With personal files, the warnings saved beside the cache are read first: without them the cache is not
    # trusted (a half-written entry left out must be said on every run, not only on the run that rebuilt).
    left_out = read_left_out(path, key) if lenient else []
    if left_out is not None:
        try:
            return store.read(path, key, rebuild=rebuild), left_out
        except store.StoreError:
            pass  # missing, stale or damaged: build afresh
    index, left_out = built[0] if built else build()
    with contextlib.suppress(OSError), collector_paused():  # an unwritable cache directory costs speed only
        if lenient:
            _save_left_out(path, key, left_out)  # first: a reader who finds the cache finds these too
        store.write(path, key, index)
    return index, left_out
