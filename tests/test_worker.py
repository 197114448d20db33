"""Postings counted by a forked child and this process together are those of a serial compile (worker.py)."""

from __future__ import annotations

import os
import random
import sys
import threading

import pytest

from irconcepts.compiler import worker
from irconcepts.index import SECTIONS, TEXT_SECTIONS, compile_index
from irconcepts.model import Case, Entry

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="the second process is used only where fork is"
)

WORDS = "state power anarchy Treaty NATO's régime war-fighting peace ÉMILE Zürich l'ordre 1648 co-operation".split()


def glossary(count: int) -> list[Entry]:
    rng = random.Random(22)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    return [
        Entry(
            term=f"concept {n} {rng.choice(WORDS)}",
            aliases=(f"idea {n}",),
            covers=(f"case {n}",) if n % 3 else (),
            theme="theory",
            summary=text(12),
            definition=f"{text(40)} [[concept {(n + 1) % count}|the next]].\n\n{text(30)}",
            arguments_for=(text(10),),
            arguments_against=(text(10),),
            cases=(Case(date="1648", event=text(3), detail=text(8)),),
            see_also=(),
            further_reading=(),
        )
        for n in range(count)
    ]


def sections(entries: list[Entry]) -> dict[str, object]:
    index = compile_index(entries)
    return {name: index.section(name) for name in (*SECTIONS, *TEXT_SECTIONS)}


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "MIN_ENTRIES", 50)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def serial(entries: list[Entry], monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    with monkeypatch.context() as patch:
        patch.setattr(worker, "MIN_ENTRIES", 10**9)
        return sections(entries)


def test_the_two_processes_give_the_serial_sections_byte_for_byte(
    small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = glossary(400)
    started: list[worker.PostingsJob] = []
    real_start = worker.start
    monkeypatch.setattr(worker, "start", lambda e: started.append(real_start(e)) or started[-1])
    together = sections(entries)
    job = started[0]
    assert job is not None, "the child was not used"
    assert 0 < job.front < len(entries), "one side counted everything"
    assert together == serial(entries, monkeypatch)
    with pytest.raises(ChildProcessError):  # the child was waited for: no zombie is left
        os.waitpid(job.pid, os.WNOHANG)


def test_a_child_that_dies_leaves_this_process_to_count_it_all(
    small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = glossary(300)
    expected = serial(entries, monkeypatch)
    monkeypatch.setattr(worker, "_child", lambda source, reply: os._exit(3))
    assert sections(entries) == expected


def test_a_child_whose_reply_is_cut_short_is_not_trusted(
    small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = glossary(300)
    expected = serial(entries, monkeypatch)

    def short_reply(source: int, reply: int) -> None:
        with os.fdopen(source, "rb") as fed:
            fed.read()
        os.write(reply, b"[1.0, 2.0]\n5\nab")
        os._exit(0)

    monkeypatch.setattr(worker, "_child", short_reply)
    assert sections(entries) == expected


def test_no_child_for_a_small_glossary_or_a_process_with_threads(small_threshold: None) -> None:
    assert worker.start(glossary(10)) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert worker.start(glossary(100)) is None
    finally:
        stop.set()
        other.join()
