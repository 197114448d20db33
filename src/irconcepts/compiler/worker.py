"""The search postings of a large glossary counted by two processes, while this one also files the names.

Counting every word is the larger half of a compile, and each entry's count needs nothing from the others. So
on a machine with two or more cores a forked child counts entries from the first one up, fed their search text
through a pipe by a thread of this process, while this process files every entry's names (build.py) and then
counts from the last entry down until the two meet. Both run the same counting code (postings.PostingsBuilder),
and the child's postings come first in each stem's line, so the sections are byte for byte those of a serial
compile.

The child is forked before the glossary is read, while this process is small, and holds only what it is fed:
forked later, every page of entries that this process went on touching would be copied, and the two processes
together would hold the glossary twice.

Used only where a fork is safe and useful (forking.py) and for a glossary large enough for the gain to
outweigh starting a process. If anything goes wrong in the child (killed,
out of memory, a short reply), `finish()` counts its share here instead.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import threading
from collections.abc import Sequence
from typing import Any

from ..forking import can_fork
from ..index import search_fields
from ..model import Entry
from ..store import TextFile
from .postings import PostingsBuilder, table

# Below this much YAML (about 2,000 entries of the shipped glossary's size) a serial count takes under half a
# second: a second process is not worth starting.
MIN_BYTES = 12_000_000
_FIELDS = ("term", "aliases", "covers", "summary", "definition", "arguments", "cases")


def _usable(size: int) -> bool:
    return size >= MIN_BYTES and can_fork()


def start(files: Sequence[str]) -> PostingsJob | None:
    """A child ready to count the postings of the glossary about to be read from `files`, or None where one is
    not used. Give it the entries with `begin()` (compile_index does), or `cancel()` it."""
    size = 0
    for path in files:
        with contextlib.suppress(OSError):
            size += os.path.getsize(path)
    if not _usable(size):
        return None
    try:
        return PostingsJob()
    except OSError:  # no more processes or pipes: count serially
        return None


def count_serially(entries: Sequence[Entry]) -> dict[str, Any]:
    """The sections of postings.SECTIONS, counted in this process alone."""
    builder = PostingsBuilder()
    for number, entry in enumerate(entries):
        builder.add(number, search_fields(entry))
    return dict(builder.sections())


class PostingsJob:
    """A started child; call `finish()` once, after filing the names."""

    def __init__(self) -> None:
        self.entries: Sequence[Entry] = ()
        self.front = 0  # the next entry to feed the child
        self.back = 0  # the lowest entry this process has counted
        self.lock = threading.Lock()
        to_child, self._to_child = os.pipe()
        with contextlib.suppress(OSError, AttributeError):  # Linux: a 1 MB pipe, so the feeder wakes seldom
            import fcntl  # POSIX only, and this runs only where fork does

            fcntl.fcntl(self._to_child, fcntl.F_SETPIPE_SZ, 1 << 20)
        self._from_child, from_child = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            os.close(self._to_child)
            os.close(self._from_child)
            _child(to_child, from_child)
        os.close(to_child)
        os.close(from_child)
        self._feeder: threading.Thread | None = None

    def begin(self, entries: Sequence[Entry]) -> None:
        """Start feeding the child `entries`, in their index order, from the first one up."""
        self.entries = entries
        self.back = len(entries)
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()

    def cancel(self) -> None:
        """Stop a job that was not begun (the glossary had problems): the child sees no entries and exits."""
        if self._feeder is None:
            self.begin(())
            self.finish()

    def _claim_front(self) -> int | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.front += 1
            return self.front - 1

    def _claim_back(self) -> int | None:
        with self.lock:
            if self.back <= self.front:
                return None
            self.back -= 1
            return self.back

    def _feed(self) -> None:
        try:
            with os.fdopen(self._to_child, "wb", buffering=1 << 16) as out:
                while (number := self._claim_front()) is not None:
                    fields = search_fields(self.entries[number])
                    # a line of the fields' sizes in bytes, then the fields: no escaping to do or undo
                    parts = [fields[name].encode() for name in _FIELDS]
                    out.write(b" ".join(b"%d" % len(part) for part in parts) + b"\n" + b"".join(parts))
        except OSError:
            pass  # the child is gone: finish() finds its reply missing and counts here

    def finish(self) -> dict[str, Any]:
        """The sections of postings.SECTIONS for all the entries: this process counts from the last entry down
        to where the child's share ends, then merges the child's reply in front of its own."""
        mine = PostingsBuilder()
        while (number := self._claim_back()) is not None:
            mine.add(number, search_fields(self.entries[number]))
        mine.reverse()
        if self._feeder is not None:
            self._feeder.join()
        split = self.front  # the child was fed entries 0 .. split-1
        # The child's reply is merged as it is read, line by line, into a file rather than memory: the
        # compile's peak of memory comes here, with the child still holding its share. (With no temporary
        # file to be had, the merged lines are held in memory.)
        held: TextFile | None = None
        with contextlib.suppress(OSError):
            held = TextFile()
        finished = False
        try:
            with os.fdopen(self._from_child, "r", encoding="utf-8", newline="\n", buffering=1 << 20) as reply:
                lengths = json.loads(reply.readline())
                mine.raw_words.update(reply.readline().rstrip("\n") for _ in range(int(reply.readline())))
                merged = mine.postings_lines(reply)
                postings = held.write(merged) if held is not None else list(merged)
            _, status = os.waitpid(self.pid, 0)
            finished = os.waitstatus_to_exitcode(status) == 0 and len(lengths) == split
        except (OSError, ValueError):
            with contextlib.suppress(OSError):  # a child still writing is stopped and reaped, not left behind
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        if not finished:  # the child failed: count its share here too, as a serial compile would have
            return count_serially(self.entries)
        return {"lengths": lengths + mine.lengths, "postings": postings, "vocab": table(mine.vocabulary())}


def _child(source: int, reply: int) -> None:
    code = 1
    try:
        # Ctrl-C reaches the whole process group: the child just stops, and the parent reports the interrupt.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # What this process shares with the parent is never collected here: a collection would write to every
        # page holding those objects and so copy them into this process.
        gc.freeze()
        builder = PostingsBuilder()
        with os.fdopen(source, "rb", buffering=1 << 16) as fed:
            number = 0
            while header := fed.readline():
                fields = {}
                for name, size in zip(_FIELDS, map(int, header.split()), strict=True):
                    fields[name] = fed.read(size).decode()
                builder.add(number, fields)
                number += 1
        # The reply: the lengths as one JSON line, how many words as written and each on a line, then the
        # postings lines to the end (streamed: the largest section is never held whole here).
        with os.fdopen(reply, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            out.write(json.dumps(builder.lengths) + "\n")
            written = builder.written()
            out.write(f"{len(written)}\n")
            out.writelines(f"{word}\n" for word in written)
            out.writelines(builder.postings_lines())
        code = 0
    finally:
        os._exit(code)  # no atexit handlers, no flushing of buffers the parent also holds
