"""Writing exports without losing anything the user wrote.

Each file is written to a temporary name beside it and renamed over the old one, so a run that fails
midway leaves every file either old or new. A vault keeps a manifest (the SHA-256 of every file as last
written), which tells a note the student edited (left alone) from one only this tool wrote (updated).
A file whose bytes would not change is not touched at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import WriteError

MANIFEST = ".irconcepts-export.json"  # a dotfile: Obsidian and most file managers do not show it
Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass
class WriteReport:
    """What happened to each file, by name."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by the user: left alone
    replaced: list[str] = field(default_factory=list)  # edited by the user, replaced because of --overwrite
    skipped: list[str] = field(default_factory=list)  # a link or a folder where a note would go: left alone
    notes: list[str] = field(default_factory=list)  # anything else the user should know


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fail(path: str, error: OSError) -> WriteError:
    return WriteError(f"cannot write {path}: {error.strerror or error}")


def replace_atomically(path: str, data: bytes) -> None:
    """Write `data` to `path` all at once: a temporary file in the same folder, then renamed over it.

    No fsync: a rename is atomic against a failing or killed process, which is what the vault promises; a
    power cut could at worst truncate a note only this tool wrote (a re-export restores it; the user's
    edited notes are never replaced without --overwrite). fsync of 330 notes took 0.2-1 s on a busy disk."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as out:  # not mkstemp: its 0600 would ignore the user's umask
            out.write(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _fail(path, error) from None


def _read(path: str) -> bytes | None:
    """The bytes of a regular file, None if there is none; something else there (a folder) is an error."""
    try:
        if not os.path.lexists(path):
            return None
        if os.path.islink(path) or not os.path.isfile(path):
            raise WriteError(f"{path} exists and is not a regular file; move it away or choose another place")
        with open(path, "rb") as existing:
            return existing.read()
    except OSError as error:
        raise _fail(path, error) from None


def _load_manifest(folder: str, report: WriteReport) -> dict[str, str]:
    path = os.path.join(folder, MANIFEST)
    raw = _read(path)
    if raw is None:
        return {}
    try:
        files = json.loads(raw)["files"]
        if isinstance(files, dict) and all(isinstance(v, str) for v in files.values()):
            return files
    except (ValueError, KeyError, TypeError):
        pass
    report.notes.append(f"{path} is unreadable: every existing note that differs is treated as edited")
    return {}


def _decide(path: str, new: bytes, last_written: str | None, *, overwrite: bool) -> str:
    """What to do with one file: created, updated (only this tool wrote it), unchanged, kept (the user edited
    it), replaced (edited, but --overwrite), or skipped (a link or folder the user put there)."""
    if os.path.islink(path) or (os.path.lexists(path) and not os.path.isfile(path)):
        return "skipped"
    old = _read(path)
    if old is None:
        return "created"
    if old == new:
        return "unchanged"
    if last_written == digest(old):
        return "updated"
    return "replaced" if overwrite else "kept"


def write_tree(folder: str, files: dict[str, str], *, overwrite: bool, progress: Progress | None = None) -> WriteReport:
    """Write `files` (name -> text) into `folder`, creating it; never replace a file the user changed
    unless `overwrite`."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise _fail(folder, error) from None
    if not os.path.isdir(folder):
        raise WriteError(f"{folder} is not a folder")
    report = WriteReport()
    manifest = _load_manifest(folder, report)
    written = dict(manifest)
    try:
        for done, (name, text) in enumerate(sorted(files.items()), 1):
            path = os.path.join(folder, name)
            new = text.encode("utf-8")
            outcome = _decide(path, new, manifest.get(name), overwrite=overwrite)
            getattr(report, outcome).append(name)
            if outcome in ("created", "updated", "replaced"):
                replace_atomically(path, new)
            if outcome not in ("kept", "skipped"):  # a kept note's manifest line stays: still edited next time
                written[name] = digest(new)
            if progress is not None:
                progress(done, len(files))
    finally:
        # Even after a failure, record what was written, so that the next run knows those files as its own.
        if written != manifest or not os.path.exists(os.path.join(folder, MANIFEST)):
            body = json.dumps({"format": 1, "files": dict(sorted(written.items()))}, indent=1) + "\n"
            replace_atomically(os.path.join(folder, MANIFEST), body.encode())
    return report


def write_file(path: str, data: bytes, *, overwrite: bool) -> str:
    """Write one export file: "created", "updated" (--overwrite), or "unchanged"; an existing file that
    differs is never replaced without --overwrite, since it may be one the user made. A device or a pipe
    (/dev/stdout, a FIFO) is written to as it is: "written to"."""
    if os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
        try:
            with open(path, "wb") as stream:
                stream.write(data)
        except OSError as error:
            raise _fail(path, error) from None
        return "written to"
    old = _read(path)
    if old == data:
        return "unchanged"
    if old is not None and not overwrite:
        raise WriteError(f"{path} exists and differs from this export; add --overwrite to replace it")
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        raise WriteError(f"cannot write {path}: no folder {folder}")
    replace_atomically(path, data)
    return "created" if old is None else "updated"
