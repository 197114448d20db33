"""`irconcepts quiz` as a student meets it: a real pseudo-terminal (pexpect), a fixed clock, real kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pytest

from irconcepts.study.schedule import GOOD, REVIEW, review
from irconcepts.study.store import CardState, open_store

NOW = "2025-03-01T09:00:00Z"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def env(state: Path, cache_dir: Path) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "IRCONCEPTS_DATA")}
    full |= {"IRCONCEPTS_STATE_DIR": str(state), "IRCONCEPTS_NOW": NOW, "IRCONCEPTS_CACHE_DIR": str(cache_dir)}
    full |= {"COLUMNS": "80", "LINES": "40", "NO_COLOR": "1"}
    return full


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, ["-m", "irconcepts", "quiz", *args], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 80))  # fmt: skip
    return child


def db_rows(state: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(state / "study.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute(sql).fetchall()
    finally:
        db.close()


def seed_due(state: Path, *terms: str) -> None:
    """Cards in the review state, due a day before the fixed clock (most overdue first, in order given)."""
    store, _ = open_store(str(state / "study.sqlite3"), when=T0)
    for n, term in enumerate(terms):
        before = CardState(
            term, REVIEW, None, 5.0, 5.0, T0 - timedelta(days=2 + len(terms) - n), T0 - timedelta(days=9)
        )
        when = T0 - timedelta(days=len(terms) - n + 5)
        store.record(term, GOOD, mode="recall", when=when, duration_ms=None, schedule=lambda b, s=before: s)
    store.close()


def test_not_a_terminal_exits_2(run, env: dict[str, str]) -> None:
    result = run("quiz", env={k: env[k] for k in ("IRCONCEPTS_STATE_DIR", "IRCONCEPTS_NOW")}, stdin="")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "--format json" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_json_items_contract(run, env: dict[str, str]) -> None:
    result = run("quiz", "--format", "json", "-n", "3", "-t", "security", "-t", "theory", env=env, stdin="")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"mode", "items"} and data["mode"] == "recall" and len(data["items"]) == 3
    keys = {"term", "theme", "new", "prompt", "answer", "summary", "points", "accepted"}
    for item in data["items"]:
        assert set(item) == keys
        assert item["theme"] in ("security", "theory") and item["new"] is True
        assert item["prompt"] == item["term"] and item["term"] in item["accepted"]


def test_name_mode_json_masks_the_term(run, env: dict[str, str], state: Path) -> None:
    seed_due(state, "balance of power")
    data = json.loads(run("quiz", "-f", "json", "--mode", "name", "--due", env=env, stdin="").stdout)
    [item] = data["items"]
    assert item["answer"] == "balance of power" and item["new"] is False
    assert "power" not in item["prompt"].split() and "_____" in item["prompt"]


def test_recall_round_grades_and_schedules_with_fsrs(env: dict[str, str], state: Path) -> None:
    child = spawn(env, "--count", "2", "--new", "2")
    child.expect("q stops")
    child.send("the state is sovereign")  # the student types an answer
    child.send("\r")
    child.expect("you wrote: the state is sovereign")
    child.expect("3 good 10m")  # FSRS's first learning step, shown beside the key
    child.send("g")
    child.expect("back in 10m")
    child.expect("q stops")
    child.send("\r")
    child.expect("Enter: good")
    child.send("1")
    child.expect("back in 1m")
    child.expect("q stops")  # the card graded Again comes back in the same round
    child.send("q")
    child.expect("Stopped: 2 cards, 2 reviews \\(again 1 · good 1\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    rows = db_rows(state, "SELECT rating, reviewed_at, due_after, state_before FROM reviews ORDER BY id")
    assert rows == [(3, NOW, "2025-03-01T09:10:00Z", None), (1, NOW, "2025-03-01T09:01:00Z", None)]


def test_name_it_is_judged_by_the_lookup(env: dict[str, str], state: Path) -> None:
    seed_due(state, "sovereignty", "United Nations", "realism")
    child = spawn(env, "--mode", "name", "--due")
    child.expect("Name the term")
    child.send("soverignty\r")  # a typo counts
    child.expect("✓ right: sovereignty \\(read as a misspelling\\)")
    child.expect("Enter: good")
    child.send("\r")
    child.expect("Name the term")
    child.send("UN\r")  # an alias counts
    child.expect("✓ right: United Nations \\(alias 'UN'\\)")
    child.send("\r")
    child.expect("Name the term")
    child.send("liberalism\r")  # another entry: wrong, and says which entry that is
    child.expect("✗ 'liberalism' is liberalism; the answer is realism")
    child.expect("Enter: again")
    child.send("\r")
    child.expect("back in 10m")  # relearning: it comes back at the end of the round
    child.expect("Name the term")
    child.send("q")
    child.expect("Named right: 2 of 3")
    child.expect(pexpect.EOF)
    ratings = db_rows(state, "SELECT term, rating, mode FROM reviews WHERE reviewed_at = '2025-03-01T09:00:00Z'")
    assert ratings == [("sovereignty", 3, "name"), ("United Nations", 3, "name"), ("realism", 1, "name")]


def test_keys_that_are_not_text_never_reach_the_screen(env: dict[str, str]) -> None:
    child = spawn(env, "-n", "1")
    child.expect("q stops")
    child.send("\x1b[A\x1b[Dab\x7f")  # arrows, then a typed word with a backspace
    child.send("\r")
    child.expect("you wrote: a\r\n")
    assert "\x1b" not in child.before and "[A" not in child.before
    child.send("q")
    child.expect(pexpect.EOF)


def test_ctrl_c_stops_with_a_summary_and_keeps_the_history(env: dict[str, str], state: Path) -> None:
    child = spawn(env, "-n", "3")
    child.expect("q stops")
    child.send("\r")
    child.send("e")
    child.expect("q stops")
    child.sendintr()
    child.expect("Stopped: 1 card, 1 review \\(easy 1\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    assert db_rows(state, "SELECT rating FROM reviews") == [(4,)]


def test_sigkill_mid_review_loses_only_the_card_on_screen(env: dict[str, str], state: Path) -> None:
    child = spawn(env, "-n", "3")
    child.expect("q stops")
    child.send("\r")
    child.send("3")
    child.expect("q stops")
    child.send("\r")
    child.expect("Enter: good")  # the second card revealed, not yet graded
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert db_rows(state, "SELECT rating FROM reviews") == [(3,)]
    assert len(db_rows(state, "SELECT term FROM cards")) == 1


def test_closed_terminal_keeps_the_history(env: dict[str, str], state: Path) -> None:
    child = spawn(env, "-n", "3")
    child.expect("q stops")
    child.send("\r")
    child.send("2")
    child.expect("q stops")
    child.close(force=True)  # SIGHUP, as when the window is closed
    assert db_rows(state, "SELECT rating FROM reviews") == [(2,)]


def test_two_quizzes_at_once(env: dict[str, str], state: Path) -> None:
    first, second = spawn(env, "-n", "3", "-t", "theory"), spawn(env, "-n", "3", "-t", "security")
    for _ in range(3):
        for child, key in ((first, "3"), (second, "1")):
            child.expect("q stops")
            child.send("\r")
            child.expect("Enter: good")
            child.send(key)
    for child in (first, second):
        child.expect("q stops|Round over")
        child.sendintr()
        child.expect(pexpect.EOF)
    ratings = sorted(r for (r,) in db_rows(state, "SELECT rating FROM reviews"))
    assert ratings.count(3) >= 3 and ratings.count(1) >= 3
    assert len(db_rows(state, "SELECT term FROM cards")) == 6


def test_damaged_database_is_reported_and_moved_aside(run, env: dict[str, str], state: Path) -> None:
    state.mkdir()
    (state / "study.sqlite3").write_bytes(b"\x00garbage" * 500)
    result = run("quiz", "--stats", "-f", "json", env=env)
    assert result.returncode == 0
    assert "was damaged" in result.stderr and "moved to" in result.stderr and "Traceback" not in result.stderr
    [aside] = state.glob("study.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert json.loads(result.stdout)["seen"] == 0


def test_stats_contract_and_a_retired_card(run, env: dict[str, str], state: Path) -> None:
    seed_due(state, "realism", "a term a later glossary removed")
    result = run("quiz", "--stats", "--format", "json", env=env)
    data = json.loads(result.stdout)
    assert set(data) == {"database", "entries", "seen", "due_today", "due_this_week", "retention", "reviews",
                         "reviews_today", "retired", "themes"}  # fmt: skip
    assert (data["seen"], data["due_today"], data["retired"], data["reviews"]) == (1, 1, 1, 2)
    assert {t["theme"] for t in data["themes"]} >= {"theory", "security"}
    assert set(data["themes"][0]) == {"theme", "entries", "seen", "due_today", "due_this_week", "retention"}
    items = json.loads(run("quiz", "-f", "json", "--due", env=env).stdout)["items"]
    assert [i["term"] for i in items] == ["realism"]  # the retired card is kept but not asked
    markdown = run("quiz", "--stats", "-f", "markdown", env=env).stdout
    assert "| theory | 1/" in markdown and "entry is gone" in markdown


def test_retention_counts_reviews_of_learnt_cards(env: dict[str, str], state: Path) -> None:
    seed_due(state, "realism", "anarchy")
    store, _ = open_store(str(state / "study.sqlite3"), when=T0)
    for term, rating in (("realism", 3), ("anarchy", 1)):
        store.record(term, rating, mode="recall", when=T0, duration_ms=None,
                     schedule=lambda b, t=term, r=rating: review(t, b, r, T0))  # fmt: skip
    store.close()
    from irconcepts.cache import open_index
    from irconcepts.study.stats import compute

    store, _ = open_store(str(state / "study.sqlite3"), when=T0)
    stats = compute(open_index(), store.cards(), store.reviews(), T0, store.path)
    assert stats.overall.review_reviews == 2 and stats.overall.retention == 0.5


def test_reset_asks_first(run, env: dict[str, str], state: Path) -> None:
    seed_due(state, "realism")
    refused = run("quiz", "--reset", env=env, stdin="y\n")
    assert refused.returncode == 2 and "asks before it deletes" in refused.stderr
    child = pexpect.spawn(
        sys.executable, ["-m", "irconcepts", "quiz", "--reset"], env=env, encoding="utf-8", timeout=20
    )
    child.expect("Delete 1 cards and 1 reviews from .*\\? \\[y/N\\]")
    child.sendline("n")
    child.expect("nothing deleted")
    child.expect(pexpect.EOF)
    assert len(db_rows(state, "SELECT * FROM reviews")) == 1
    done = run("quiz", "--reset", "--yes", env=env)
    assert done.returncode == 0 and "deleted 1 cards and 1 reviews" in done.stderr
    assert db_rows(state, "SELECT * FROM reviews") == []


def test_nothing_due(run, env: dict[str, str], state: Path) -> None:
    child = spawn(env, "--due")
    child.expect("Nothing is due today")
    child.expect(pexpect.EOF)


def test_bad_clock_is_a_usage_error(run, env: dict[str, str]) -> None:
    result = run("quiz", "--stats", env=env | {"IRCONCEPTS_NOW": "yesterday"})
    assert result.returncode == 2 and "IRCONCEPTS_NOW" in result.stderr and "Traceback" not in result.stderr
