"""The study database and the FSRS schedule, below the CLI."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler, State

from irconcepts.errors import StudyStateError
from irconcepts.study import store as store_module
from irconcepts.study.schedule import AGAIN, EASY, GOOD, HARD, REVIEW, review
from irconcepts.study.store import SCHEMA_VERSION, open_store

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_new_database_is_wal_and_versioned(tmp_path: Path) -> None:
    store, notice = open_store(str(tmp_path / "s.sqlite3"), when=T0)
    assert notice is None
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()


def test_a_review_is_saved_with_the_card_state(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite3")
    store, _ = open_store(path, when=T0)
    after = store.record("realism", GOOD, mode="recall", when=T0, duration_ms=1200,
                         schedule=lambda before: review("realism", before, GOOD, T0))  # fmt: skip
    store.close()
    again, _ = open_store(path, when=T0)
    assert again.card("realism") == after
    [row] = again.reviews()
    assert (row.term, row.rating, row.mode, row.reviewed_at, row.state_before) == ("realism", 3, "recall", T0, None)


def test_schedule_is_what_fsrs_gives(tmp_path: Path) -> None:
    """Replay a review history through py-fsrs directly and through our store: same states, same dues."""
    store, _ = open_store(str(tmp_path / "s.sqlite3"), when=T0)
    scheduler = Scheduler(enable_fuzzing=False)
    card = Card(card_id=1, due=T0)
    when = T0
    for rating in (GOOD, GOOD, HARD, EASY, AGAIN, GOOD):
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=when)
        ours = store.record("anarchy", rating, mode="recall", when=when, duration_ms=None,
                            schedule=lambda b, r=rating, w=when: review("anarchy", b, r, w, fuzz=False))  # fmt: skip
        assert ours.state == int(card.state)
        assert ours.due == card.due.replace(microsecond=0)
        assert ours.stability == pytest.approx(card.stability)
        assert ours.difficulty == pytest.approx(card.difficulty)
        when = card.due
    assert ours.state == REVIEW and card.state == State.Review


def test_first_good_is_ten_minutes_and_easy_graduates() -> None:
    assert review("x", None, GOOD, T0).due - T0 == timedelta(minutes=10)
    assert review("x", None, AGAIN, T0).due - T0 == timedelta(minutes=1)
    easy = review("x", None, EASY, T0)
    assert easy.state == REVIEW and easy.due - T0 >= timedelta(days=1)


def test_damaged_database_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database, it is a student's essay" * 100)
    store, notice = open_store(str(path), when=T0)
    store.close()
    [aside] = tmp_path.glob("s.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert notice is not None and str(aside) in notice and "damaged" in notice
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_foreign_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE essays (text)")
    db.commit()
    db.close()
    _, notice = open_store(str(path), when=T0)
    assert notice is not None and "essays" in notice
    assert list(tmp_path.glob("s.sqlite3.damaged-*"))


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store, _ = open_store(str(path), when=T0)
    store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()
    with pytest.raises(StudyStateError, match="newer irconcepts"):
        open_store(str(path), when=T0)
    assert path.exists() and not list(tmp_path.glob("*.damaged-*"))


def test_migrations_run_in_order_and_keep_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "s.sqlite3")
    store, _ = open_store(path, when=T0)
    store.record("realism", GOOD, mode="recall", when=T0, duration_ms=None,
                 schedule=lambda b: review("realism", b, GOOD, T0))  # fmt: skip
    store.close()
    step = "ALTER TABLE reviews ADD COLUMN note TEXT; UPDATE reviews SET note = 'migrated'"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, step))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store, _ = open_store(path, when=T0)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert store.db.execute("SELECT term, note FROM reviews").fetchall() == [("realism", "migrated")]


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StudyStateError, match="cannot create the folder"):
        open_store(str(blocker / "sub" / "s.sqlite3"), when=T0)


def test_reset_deletes_cards_and_reviews(tmp_path: Path) -> None:
    store, _ = open_store(str(tmp_path / "s.sqlite3"), when=T0)
    for term in ("realism", "anarchy"):
        store.record(term, GOOD, mode="name", when=T0, duration_ms=None,
                     schedule=lambda b, t=term: review(t, b, GOOD, T0))  # fmt: skip
    assert store.reset() == (2, 2)
    assert store.counts() == (0, 0)


def _open_at_barrier(path: str, barrier: object, results: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        open_store(path, when=datetime(2026, 3, 1, tzinfo=timezone.utc))
        results.put("ok")  # type: ignore[attr-defined]
    except StudyStateError as error:
        results.put(str(error))  # type: ignore[attr-defined]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="starts the two openers by fork")
def test_two_processes_setting_up_a_new_database_at_once_both_open_it(tmp_path: Path) -> None:
    # SQLite answers "locked" at once, without its busy wait, to two connections both putting a new database
    # in WAL mode: before the retry, about half of such pairs failed (two quizzes started together)
    context = multiprocessing.get_context("fork")
    outcomes = []
    for round_ in range(30):
        path = str(tmp_path / f"{round_}.sqlite3")
        barrier, results = context.Barrier(2), context.Queue()
        openers = [context.Process(target=_open_at_barrier, args=(path, barrier, results)) for _ in range(2)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(timeout=30)
        outcomes += [results.get(timeout=5) for _ in openers]
    assert outcomes == ["ok"] * 60
