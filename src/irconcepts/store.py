"""The on-disk form of a compiled index: one file of JSON sections, each readable on its own.

    line 1   magic and format number
    line 2   header: {"key", "size", "sections": {name: [start, end]}, "entries": [[start, end], ...]}
    rest     the sections and then each entry, as JSON, at those byte offsets (counted from line 3)

JSON, never pickle, so that reading a cache file cannot run code. The file is written to a temporary name
and renamed into place, so a reader sees either the old file or the new one whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from .index import INDEX_FORMAT, SECTIONS, Index

MAGIC = f"IRCONCEPTS-INDEX {INDEX_FORMAT}\n".encode()


class StoreError(Exception):
    """The stored index is missing, stale, truncated or corrupt; the caller rebuilds it."""


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(path: Path, key: str, index: Index) -> None:
    """Raises OSError when the file cannot be written; never leaves a partial file at `path`."""
    chunks: list[bytes] = []
    offset = 0
    places: dict[str, list[int]] = {}
    entries: list[list[int]] = []
    for name in SECTIONS:
        blob = _json(index.section(name))
        places[name] = [offset, offset + len(blob)]
        chunks.append(blob)
        offset += len(blob)
    for record in index.records():
        blob = _json(record)
        entries.append([offset, offset + len(blob)])
        chunks.append(blob)
        offset += len(blob)
    header = _json({"key": key, "size": offset, "sections": places, "entries": entries}) + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC)
            handle.write(header)
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read(path: Path, key: str, rebuild: Callable[[], Index]) -> Index:
    """The stored index, whose sections are read on first use. Raises StoreError if it cannot be trusted.

    A section found corrupt only later, on first use, is taken from `rebuild()` instead.
    """
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise StoreError(str(exc)) from exc
    try:
        if handle.readline() != MAGIC:
            raise StoreError("not an index of this format")
        header = json.loads(handle.readline())
        if header.get("key") != key:
            raise StoreError("stale")
        base = handle.tell()
        if os.fstat(handle.fileno()).st_size != base + header["size"]:
            raise StoreError("truncated")
        places: dict[str, list[int]] = header["sections"]
        spans: list[list[int]] = header["entries"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        handle.close()
        raise StoreError(f"unreadable header: {exc}") from exc

    fresh: list[Index] = []

    def span(start: int, end: int) -> Any:
        handle.seek(base + start)
        return json.loads(handle.read(end - start))

    def read_section(name: str) -> Any:
        if not fresh:
            try:
                return span(*places[name])
            except (OSError, ValueError):
                fresh.append(rebuild())
        return fresh[0].section(name)

    def read_entry(number: int) -> dict[str, Any]:
        if not fresh:
            try:
                return span(*spans[number])
            except (OSError, ValueError):
                fresh.append(rebuild())
        return fresh[0].entry(number).to_record()

    index = Index(read_section=read_section, read_entry=read_entry)
    try:
        meta = span(*places["meta"])  # a cheap check that the body is what the header says
        if len(meta["terms"]) != len(spans):
            raise StoreError("entry count differs")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        handle.close()
        raise StoreError(f"corrupt: {exc}") from exc
    index._sections["meta"] = meta
    return index
