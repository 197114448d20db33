"""Postings counted by a forked child and this process together are those of a serial compile (worker.py)."""

from __future__ import annotations

import os
import random
import sys
import threading
from pathlib import Path

import pytest

from irconcepts.compiler import worker
from irconcepts.index import SECTIONS, TEXT_SECTIONS, compile_index
from irconcepts.model import Case, Entry

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="the second process is used only where fork is"
)

WORDS = "state power anarchy Treaty NATO's régime war-fighting peace ÉMILE Zürich l'ordre 1648 co-operation".split()


def glossary(count: int, long: int = 30) -> list[Entry]:
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
            definition=f"{text(40)} [[concept {(n + 1) % count}|the next]].\n\n{text(long)}",
            arguments_for=(text(10),),
            arguments_against=(text(10),),
            cases=(Case(date="1648", event=text(3), detail=text(8)),),
            see_also=(),
            further_reading=(),
        )
        for n in range(count)
    ]


def sections(entries: list[Entry], job: worker.PostingsJob | None = None) -> dict[str, object]:
    index = compile_index(entries, job)
    return {name: index.section(name) for name in (*SECTIONS, *TEXT_SECTIONS)}


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def started() -> worker.PostingsJob:
    job = worker.start([])
    assert job is not None, "the child was not started"
    return job


def test_the_two_processes_give_the_serial_sections_byte_for_byte(any_size: None) -> None:
    entries = glossary(1000, long=600)  # counting outweighs filing names, so both sides count some
    job = started()
    together = sections(entries, job)
    assert 0 < job.front < len(entries), "one side counted everything"
    assert together == sections(entries)
    with pytest.raises(ChildProcessError):  # the child was waited for: no zombie is left
        os.waitpid(job.pid, os.WNOHANG)


def test_a_cancelled_job_leaves_no_child(any_size: None) -> None:
    job = started()
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(job.pid, os.WNOHANG)


def test_a_child_that_dies_leaves_this_process_to_count_it_all(any_size: None, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = glossary(300)
    expected = sections(entries)
    monkeypatch.setattr(worker, "_child", lambda source, reply: os._exit(3))
    assert sections(entries, started()) == expected


def test_a_child_whose_reply_is_cut_short_is_not_trusted(any_size: None, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = glossary(300)
    expected = sections(entries)

    def short_reply(source: int, reply: int) -> None:
        with os.fdopen(source, "rb") as fed:
            fed.read()
        os.write(reply, b"[1.0, 2.0]\n5\nab\n")
        os._exit(0)

    monkeypatch.setattr(worker, "_child", short_reply)
    assert sections(entries, started()) == expected


def test_with_no_temporary_file_the_merged_postings_are_held_in_memory(
    any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = glossary(300)
    assert "postings_file" in compile_index(entries, started())._sections  # a file where one can be made
    expected = sections(entries)

    def no_file() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(worker, "TextFile", no_file)
    assert sections(entries, started()) == expected
    assert isinstance(compile_index(entries, started())._sections["postings_list"], list)


def test_no_child_for_a_small_glossary_or_a_process_with_threads(tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_text("x" * 1000)
    assert worker.start([str(small)]) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(worker, "MIN_BYTES", 0)
            assert worker.start([str(small)]) is None
    finally:
        stop.set()
        other.join()


def test_a_large_glossary_is_compiled_by_two_processes_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild forks before reading, and the index it writes answers as a serial one does."""
    from irconcepts import cache

    monkeypatch.setattr(worker, "MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    begun: list[worker.PostingsJob] = []
    real_begin = worker.PostingsJob.begin
    monkeypatch.setattr(worker.PostingsJob, "begin", lambda job, e: begun.append(job) or real_begin(job, e))
    index = cache.build_index(cache.glossary_files(None))
    assert begun and begun[0].front > 0
    monkeypatch.setattr(worker, "MIN_BYTES", 10**12)
    serial = cache.build_index(cache.glossary_files(None))
    assert index.section("postings") == serial.section("postings")
    assert index.section("vocab") == serial.section("vocab")
