"""The study database: each card's FSRS state and every review, in SQLite in the user's data directory.

Why this shape:
- WAL mode, a busy timeout and `BEGIN IMMEDIATE` around each review, so two quizzes at once wait for each
  other instead of failing or overwriting; a review re-reads the card inside its transaction.
- Each review is committed before the next card is shown (synchronous=FULL), so a quiz killed at any point
  loses at most the card on screen.
- The schema version is SQLite's user_version; MIGRATIONS[i] takes a database from version i to i + 1.
- A file that is not a sound SQLite database of ours is moved aside with a timestamp and a new one started;
  nothing is ever deleted without the user asking (`quiz --reset`).
- Cards are keyed by headword, and reviews keep the headword, so history outlives a renamed entry.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from ..errors import StudyStateError
from .clock import parse, stamp

STATE_ENV = "IRCONCEPTS_STATE_DIR"
FILENAME = "study.sqlite3"
BUSY_TIMEOUT_S = 10.0

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: cards and their reviews
    """
    CREATE TABLE cards (
        id          INTEGER PRIMARY KEY,
        term        TEXT NOT NULL UNIQUE,
        state       INTEGER NOT NULL,      -- FSRS: 1 learning, 2 review, 3 relearning
        step        INTEGER,               -- learning or relearning step, NULL in review
        stability   REAL,
        difficulty  REAL,
        due         TEXT NOT NULL,         -- UTC, YYYY-MM-DDTHH:MM:SSZ
        last_review TEXT
    );
    CREATE INDEX cards_due ON cards (due);
    CREATE TABLE reviews (
        id           INTEGER PRIMARY KEY,
        term         TEXT NOT NULL,
        rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),  -- again, hard, good, easy
        mode         TEXT NOT NULL,         -- recall | name
        reviewed_at  TEXT NOT NULL,
        state_before INTEGER,               -- NULL for a new card
        duration_ms  INTEGER,
        due_after    TEXT NOT NULL
    );
    CREATE INDEX reviews_term ON reviews (term);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
OUR_TABLES = frozenset({"cards", "reviews"})


def state_dir() -> str:
    override = os.environ.get(STATE_ENV, "").strip()
    if override:
        return override
    from ..user.dirs import data_dir

    return data_dir()


def default_path() -> str:
    return os.path.join(state_dir(), FILENAME)


@dataclass(frozen=True)
class CardState:
    term: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@dataclass(frozen=True)
class ReviewRow:
    term: str
    rating: int
    mode: str
    reviewed_at: datetime
    state_before: int | None


class Damaged(Exception):
    """The file is not a sound study database; the message says why."""


def _card(row: sqlite3.Row | tuple) -> CardState:
    term, state, step, stability, difficulty, due, last = row
    return CardState(term, state, step, stability, difficulty, parse(due), parse(last) if last else None)


class StudyStore:
    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.db = connection
        self.path = path

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken before reading so that a concurrent quiz cannot interleave."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _unusable(self.path, error) from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            raise _unusable(self.path, error) from None

    def cards(self) -> dict[str, CardState]:
        rows = self.db.execute("SELECT term, state, step, stability, difficulty, due, last_review FROM cards")
        return {row[0]: _card(row) for row in rows}

    def card(self, term: str) -> CardState | None:
        row = self.db.execute(
            "SELECT term, state, step, stability, difficulty, due, last_review FROM cards WHERE term = ?", (term,)
        ).fetchone()
        return _card(row) if row else None

    def record(
        self,
        term: str,
        rating: int,
        *,
        mode: str,
        when: datetime,
        duration_ms: int | None,
        schedule: Callable[[CardState | None], CardState],
    ) -> CardState:
        """Apply one review: the card's state as stored now, `schedule`d, and the review logged, atomically."""
        with self._writing() as db:
            before = self.card(term)
            after = schedule(before)
            db.execute(
                """INSERT INTO cards (term, state, step, stability, difficulty, due, last_review)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (term) DO UPDATE SET state = excluded.state, step = excluded.step,
                     stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
                     last_review = excluded.last_review""",
                (term, after.state, after.step, after.stability, after.difficulty, stamp(after.due),
                 stamp(after.last_review) if after.last_review else None),
            )  # fmt: skip
            db.execute(
                """INSERT INTO reviews (term, rating, mode, reviewed_at, state_before, duration_ms, due_after)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (term, rating, mode, stamp(when), before.state if before else None, duration_ms, stamp(after.due)),
            )
        return after

    def reviews(self) -> list[ReviewRow]:
        rows = self.db.execute("SELECT term, rating, mode, reviewed_at, state_before FROM reviews ORDER BY id")
        return [ReviewRow(t, r, m, parse(at), s) for t, r, m, at, s in rows]

    def counts(self) -> tuple[int, int]:
        cards = self.db.execute("SELECT count(*) FROM cards").fetchone()[0]
        reviews = self.db.execute("SELECT count(*) FROM reviews").fetchone()[0]
        return cards, reviews

    def reset(self) -> tuple[int, int]:
        """Delete every card and review; returns how many of each there were."""
        with self._writing() as db:
            counts = self.counts()
            db.execute("DELETE FROM reviews")
            db.execute("DELETE FROM cards")
        return counts


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error)
    return "locked" in text or "busy" in text


def _unusable(path: str, error: sqlite3.Error) -> StudyStateError:
    text = str(error)
    if _is_busy(error):
        return StudyStateError(
            f"the study database {path} is locked by another program (waited {BUSY_TIMEOUT_S:g} s); "
            "close it and try again"
        )
    if "readonly" in text or "read-only" in text:
        return StudyStateError(f"the study database {path} is read-only; make it writable or set {STATE_ENV}")
    return StudyStateError(f"the study database {path} cannot be used: {text}")


def _connect(path: str) -> sqlite3.Connection:
    """The database opened, in WAL mode, checked and migrated. Opened afresh until the busy timeout runs out
    when another process holds it: SQLite answers "locked" at once, without waiting, to two connections that
    both set up a new database (each would wait for the other), as two quizzes started together do."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return _connect_once(path)
        except _Busy as busy:
            if time.monotonic() >= deadline:
                raise _unusable(path, busy.error) from None
            time.sleep(0.02)


class _Busy(Exception):
    def __init__(self, error: sqlite3.Error) -> None:
        super().__init__(str(error))
        self.error = error


def _connect_once(path: str) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; each write is an explicit BEGIN IMMEDIATE ... COMMIT.
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StudyStateError(f"the study database {path} cannot use write-ahead logging (mode {mode})")
        db.execute("PRAGMA synchronous=FULL")  # a committed review survives a crash of the machine too
        problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise Damaged("; ".join(problems[:3]))
        _migrate(db, path)
    except sqlite3.DatabaseError as error:
        db.close()
        if isinstance(error, sqlite3.OperationalError) and not _is_damage(error):
            if _is_busy(error):
                raise _Busy(error) from None
            raise _unusable(path, error) from None
        raise Damaged(str(error)) from None
    except BaseException:
        db.close()
        raise
    return db


def _is_damage(error: sqlite3.Error) -> bool:
    text = str(error)
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _migrate(db: sqlite3.Connection, path: str) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StudyStateError(
            f"the study database {path} was written by a newer irconcepts (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade irconcepts, or set {STATE_ENV} to use another folder"
        )
    db.execute("BEGIN IMMEDIATE")  # another process may be migrating the same file: read the version again
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables:
                raise Damaged(f"it holds tables that are not irconcepts' ({', '.join(sorted(tables))})")
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {step + 1}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def move_aside(path: str, when: datetime) -> str:
    """Rename a damaged database (and its WAL files) beside itself with a timestamp; returns the new name."""
    aside = f"{path}.damaged-{when.strftime('%Y%m%d-%H%M%S')}"
    n = 1
    while os.path.exists(aside):
        n += 1
        aside = f"{path}.damaged-{when.strftime('%Y%m%d-%H%M%S')}-{n}"
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.replace(path + suffix, aside + suffix)
    return aside


def open_store(path: str | None = None, *, when: datetime) -> tuple[StudyStore, str | None]:
    """The study database, created or migrated as needed, and a notice when a damaged one was moved aside.

    Raises StudyStateError when it cannot be used at all (a folder that cannot be written, a lock held
    past the timeout, a newer schema)."""
    path = path or default_path()
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    except OSError as error:
        raise StudyStateError(f"cannot create the folder for the study database {path}: {error.strerror}") from None
    notice = None
    try:
        return StudyStore(_connect(path), path), None
    except Damaged as why:
        try:
            aside = move_aside(path, when.astimezone())
        except OSError as error:
            raise StudyStateError(
                f"the study database {path} is damaged ({why}) and could not be moved aside: {error.strerror}"
            ) from None
        notice = f"the study database {path} was damaged ({why}); it was moved to {aside} and a new one started"
    except sqlite3.Error as error:
        raise _unusable(path, error) from None
    try:
        return StudyStore(_connect(path), path), notice
    except (Damaged, sqlite3.Error) as error:
        raise StudyStateError(f"cannot create the study database {path}: {error}") from None
