"""The on-disk form of a compiled index: one file of sections, each readable on its own.

    line 1   magic and format number
    body     the sections and then each entry, at byte offsets counted from the end of line 1: JSON,
             except "names" and "postings", sorted text lines searched in place without reading them all
    header   {"key", "size", "sections": {name: [start, end, crc]}, "entries": [[start, end, crc], ...]}

Each section and entry carries its zlib.crc32, checked when it is read whole, so that a damaged byte means a
rebuild rather than silently wrong text (the sorted name lines, searched in place by completion, are checked
only when read whole: a check there would cost the reading that the binary search avoids).
    trailer  a newline, the header's offset in 20 digits, a newline

JSON and text, never pickle, so that reading a cache file cannot run code. The file is written to a
temporary name and renamed into place, so a reader sees either the old file or the new one whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .index import Index

INDEX_FORMAT = 9  # 8: a CRC-32 with each section and entry; 9: word lines carry entries, rare_words
MAGIC = f"IRCONCEPTS-INDEX {INDEX_FORMAT}\n".encode()
TRAILER = "\n{:020d}\n"  # where the header starts, counted from the end of the magic line
TRAILER_SIZE = 22


STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a writer that was killed


class StoreError(Exception):
    """The stored index is missing, stale, truncated or corrupt; the caller rebuilds it."""


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(path: str, key: str, index: Index) -> None:
    """Raises OSError when the file cannot be written; never leaves a partial file at `path`.

    Sections and entries are streamed to a temporary file and the header, which holds their offsets,
    goes last; a fixed-width trailer says where it starts. The temporary file is then renamed into place.
    """
    import tempfile  # only writing needs it

    from .index import SECTIONS, TEXT_SECTIONS

    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    remove_stale_temporaries(folder)
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC)
            offset = 0
            places: dict[str, list[int]] = {}
            entries: list[list[int]] = []
            for name in (*SECTIONS, *TEXT_SECTIONS):
                if name in TEXT_SECTIONS:
                    size, crc = _write_text(handle, index.text_chunks(name))
                else:
                    size, crc = _write_blob(handle, _json(index.section(name)))
                places[name] = [offset, offset + size, crc]
                offset += size
            for record in index.records():
                blob = _json(record)
                handle.write(blob)
                entries.append([offset, offset + len(blob), zlib.crc32(blob)])
                offset += len(blob)
            handle.write(_json({"key": key, "size": offset, "sections": places, "entries": entries}))
            handle.write(TRAILER.format(offset).encode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_blob(handle: IO[bytes], blob: bytes) -> tuple[int, int]:
    handle.write(blob)
    return len(blob), zlib.crc32(blob)


def _write_text(handle: IO[bytes], pieces: Iterable[bytes]) -> tuple[int, int]:
    """Write a text section a UTF-8 piece at a time (a section of tens of megabytes is not held twice, as text
    and as bytes); the CRC-32 runs on across the pieces, so it is that of the whole."""
    size = crc = 0
    for piece in pieces:
        handle.write(piece)
        size += len(piece)
        crc = zlib.crc32(piece, crc)
    return size, crc


def remove_stale_temporaries(folder: str, *, now: float | None = None) -> None:
    """Delete `.index-*.tmp` files that a killed writer left behind; a file younger than an hour may be a live
    writer's and is left alone."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(".index-") and name.endswith(".tmp"):
                full = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    if now - os.lstat(full).st_mtime > STALE_TEMP_SECONDS:
                        os.unlink(full)


class _SortedText:
    """Sorted text lines in a binary file (from `base` on), searched in place without reading them all."""

    handle: IO[bytes]
    base: int

    def raw(self, start: int, end: int, crc: int | None = None) -> bytes:
        self.handle.seek(self.base + start)
        data = self.handle.read(end - start)
        if crc is not None and zlib.crc32(data) != crc:
            raise ValueError("checksum mismatch")
        return data

    def sorted_lines(self, start: int, end: int, prefix: str) -> list[str]:
        """The lines between byte offsets `start` and `end` (sorted text) that start with `prefix`, found by
        binary search in the file."""
        target = prefix.encode("utf-8")
        lo, hi = start, end
        # Invariant: every line starting before lo sorts below target; the answer starts at or before hi.
        while lo < hi:
            mid = (lo + hi) // 2
            line_start = self._line_start(mid, start)
            line = self._line_at(line_start, end)
            if line < target:
                lo = line_start + len(line) + 1
            else:
                hi = line_start
        found: list[str] = []
        position = lo
        while position < end:
            line = self._line_at(position, end)
            if not line.startswith(target):
                break
            found.append(line.decode("utf-8") + "\n")
            position += len(line) + 1
        return found

    def _line_start(self, position: int, floor: int) -> int:
        # Step back to the start of the line holding `position`.
        chunk_start = max(floor, position - 512)
        while True:
            chunk = self.raw(chunk_start, position)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                return chunk_start + cut + 1
            if chunk_start == floor:
                return floor
            position = chunk_start
            chunk_start = max(floor, chunk_start - 512)

    def _line_at(self, position: int, end: int) -> bytes:
        self.handle.seek(self.base + position)
        line = self.handle.readline(max(0, end - position))
        return line.rstrip(b"\n")


class _Opened(_SortedText):
    """A stored index file with its header read and checked."""

    def __init__(self, path: str, key: str) -> None:
        try:
            # Non-blocking, then checked on the descriptor: a FIFO or device put in the cache's place must not
            # hang a Tab press or be read forever (a link to /dev/zero).
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise StoreError(str(exc)) from exc
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError("not a regular file")
        self.handle: IO[bytes] = os.fdopen(fd, "rb")
        try:
            if self.handle.readline(len(MAGIC)) != MAGIC:
                raise StoreError("not an index of this format")
            self.base = self.handle.tell()
            total = os.fstat(self.handle.fileno()).st_size
            if total < self.base + TRAILER_SIZE:
                raise StoreError("truncated")
            self.handle.seek(total - TRAILER_SIZE)
            header_at = int(self.handle.read(TRAILER_SIZE).decode("ascii").strip())
            self.handle.seek(self.base + header_at)
            header = json.loads(self.handle.read(total - TRAILER_SIZE - self.base - header_at))
            if header.get("key") != key:
                raise StoreError("stale")
            if header["size"] != header_at:
                raise StoreError("truncated")
            self.places: dict[str, list[int]] = header["sections"]
            self.spans: list[list[int]] = header["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.handle.close()
            raise StoreError(f"unreadable header: {exc}") from exc

    def json(self, start: int, end: int, crc: int | None = None) -> Any:
        return json.loads(self.raw(start, end, crc))

    def prefix_lines(self, section: str, prefix: str) -> list[str]:
        """The lines of a sorted text section that start with `prefix`, found by binary search on disk."""
        start, end = self.places[section][:2]
        return self.sorted_lines(start, end, prefix)


class TextFile(_SortedText):
    """A sorted text section kept in an unnamed temporary file rather than in memory: a large glossary's
    postings are tens of megabytes, made while the compile holds every entry. Searched in place, and copied
    into the stored index."""

    def __init__(self) -> None:
        """An empty file; raises OSError where no temporary file can be made."""
        import tempfile  # only a large compile needs it

        self.handle = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the index holding it
        self.base = 0
        self.size = 0

    def write(self, lines: Iterable[str]) -> TextFile:
        """Add the lines (sorted, after any already written); returns the file."""
        self.handle.seek(self.size)
        for chunk in encoded_pieces(lines):
            self.handle.write(chunk)
            self.size += len(chunk)
        self.handle.flush()
        return self

    def prefix_lines(self, prefix: str) -> list[str]:
        return self.sorted_lines(0, self.size, prefix)

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The text as UTF-8, a piece at a time."""
        for start in range(0, self.size, size):
            yield self.raw(start, min(start + size, self.size))

    def text(self) -> str:
        return self.raw(0, self.size).decode("utf-8")


def encoded_pieces(lines: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Lines of text joined into UTF-8 pieces of about `size` characters (never a line split between two)."""
    piece: list[str] = []
    length = 0
    for line in lines:
        piece.append(line)
        length += len(line)
        if length >= size:
            yield "".join(piece).encode("utf-8")
            piece, length = [], 0
    if piece:
        yield "".join(piece).encode("utf-8")


def read(path: str, key: str, rebuild: Callable[[], Index]) -> Index:
    """The stored index, whose sections are read on first use. Raises StoreError if it cannot be trusted.

    A section found corrupt only later, on first use, is taken from `rebuild()` instead.
    """
    from .index import TEXT_SECTIONS, Index

    opened = _Opened(path, key)
    fresh: list[Index] = []

    def fallback() -> Index:
        if not fresh:
            fresh.append(rebuild())
        return fresh[0]

    def read_section(name: str) -> Any:
        if not fresh:
            try:
                start, end, crc = opened.places[name]
                if name in TEXT_SECTIONS:
                    return opened.raw(start, end, crc).decode("utf-8")
                return opened.json(start, end, crc)
            except (OSError, ValueError, KeyError):
                pass
        return fallback().section(name)

    def read_entry(number: int) -> dict[str, Any]:
        if not fresh:
            try:
                return opened.json(*opened.spans[number])
            except (OSError, ValueError, IndexError):
                pass
        return fallback().entry(number).to_record()

    def read_prefix(section: str, prefix: str) -> list[str]:
        if not fresh:
            try:
                return opened.prefix_lines(section, prefix)
            except (OSError, ValueError, KeyError):
                pass
        return fallback().lines(section, prefix)

    count = len(opened.spans)
    return Index(read_section=read_section, read_entry=read_entry, read_prefix=read_prefix, count=count)


def find_names(path: str, key: str, prefix: str) -> list[str]:
    """Completion's shortcut: name lines by prefix, straight from the file, without building an Index."""
    opened = _Opened(path, key)
    try:
        return opened.prefix_lines("names", prefix)
    except (OSError, ValueError, KeyError) as exc:
        raise StoreError(str(exc)) from exc
    finally:
        opened.handle.close()
