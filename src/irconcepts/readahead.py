"""A large glossary file read by two processes: a forked child reads the second half of its items while this
process reads the first (issue 22: the first compile of a large glossary near the time of parsing it alone).

The child runs the same fast reader (fastread.py) on its items and sends back, in order, where each item lies
and the entry it read fast, if any; this process reads every other item with PyYAML exactly as it would have.
So the entries, the problems and their lines are those of a reading by one process.
The child is forked after the file is read, so it shares the file's text rather than copying it, and sends
its entries with pickle, through an unnamed temporary file that only the two processes can reach (never a
file another program could put there).
If it fails in any way (killed, a short reply), this process reads the second half itself.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .forking import can_fork

MIN_CHARACTERS = 12_000_000  # about 2,000 entries: below this the whole read takes about half a second
_DONE = "done"  # the child's last record: a reply without it was cut short


def read_halves(chunks: Iterable[tuple[int, str]], fast: Any, name: str) -> Iterator[tuple[int, str, Any, int]]:
    """(line offset, item text, the entry read fast or None, its characters) for each item, in order."""
    split = getattr(chunks, "split", None)
    later = split() if split is not None and getattr(chunks, "end", 0) >= MIN_CHARACTERS and can_fork() else None
    if later is None:
        yield from _read(chunks, fast, name)
        return
    try:
        child = _Child(later, fast, name)
    except OSError:  # no more processes or pipes
        yield from _read(chunks, fast, name)
        yield from _read(later, fast, name)
        return
    read_first = False
    try:
        yield from _read(chunks, fast, name)
        read_first = True
    finally:
        if not read_first:  # the caller stopped early (a syntax error sends the file to PyYAML whole)
            child.stop()
    records = child.records()
    if records is None:
        yield from _read(later, fast, name)
        return
    # every item's text, cut here from the shared text: PyYAML reads an item the child declined, and one it
    # took if taking it would overrun the alias budget
    text = later.text
    for offset, start, end, located, characters in records:
        yield offset, text[start:end], located, characters


def _read(chunks: Iterable[tuple[int, str]], fast: Any, name: str) -> Iterator[tuple[int, str, Any, int]]:
    for offset, chunk in chunks:
        yield offset, chunk, *fast.read(chunk, name, offset)


class _Child:
    """The forked reader of the second half. Its reply goes to an unnamed temporary file rather than a pipe:
    the child never waits for this process to read, and this process needs no thread to read meanwhile (a
    thread waking for each piece of a pipe slowed this process's own reading by a third)."""

    def __init__(self, chunks: Any, fast: Any, name: str) -> None:
        """`chunks`: the load module's item cutter for the second half (its text and where each item lies)."""
        self.reply = tempfile.TemporaryFile()  # noqa: SIM115 - records() closes it
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            _run_child(self.reply.fileno(), chunks, fast, name)

    def stop(self) -> None:
        """End the child now and wait for it, so that no process is left behind."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self.records()

    def records(self) -> list[tuple[int, int, int, Any, int]] | None:
        """The child's records, or None if it did not finish."""
        with self.reply:
            try:
                _, status = os.waitpid(self.pid, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    return None
                self.reply.seek(0)
                records = _unpickled(self.reply)
            except (OSError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                return None
        if not records or records[-1] != _DONE:
            return None
        records.pop()
        return records


def _unpickled(reply: IO[bytes]) -> list[Any]:
    """The records pickled one after another into `reply` (our own child's, in a file only it and this process
    can reach)."""
    records = []
    with contextlib.suppress(EOFError):
        while True:
            records.append(pickle.load(reply))
    return records


def _run_child(reply: int, chunks: Any, fast: Any, name: str) -> None:
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: just stop; the parent reports the interrupt
        gc.freeze()  # the parent's objects are never collected here, so their pages are never copied
        with os.fdopen(os.dup(reply), "wb", buffering=1 << 20) as out:
            text = chunks.text
            for offset, start, end in chunks.spans():
                # each record sent as it is made: where the item lies, and the entry if it was read fast
                record = (offset, start, end, *fast.read(text[start:end], name, offset))
                pickle.dump(record, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(_DONE, out)
        code = 0
    finally:
        os._exit(code)
