"""The compiled index on disk: reused, rebuilt on change, robust to corruption, races and read-only dirs."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from irconcepts import cache
from irconcepts.cache import cache_key, cache_path, open_index

MINI = Path(__file__).parent / "data" / "mini.yaml"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("IRCONCEPTS_CACHE_DIR", str(directory))
    monkeypatch.delenv("IRCONCEPTS_DATA", raising=False)
    return directory


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    builds: list[int] = []
    real = cache.build_index

    def counting(files):  # type: ignore[no-untyped-def]
        builds.append(1)
        return real(files)

    monkeypatch.setattr(cache, "build_index", counting)
    return builds


def read_header(path: Path) -> tuple[bytes, dict, int]:
    """(the file's bytes, its header, where the header starts in the file)."""
    from irconcepts.store import MAGIC, TRAILER_SIZE

    data = path.read_bytes()
    at = len(MAGIC) + int(data[-TRAILER_SIZE:].decode().strip())
    return data, json.loads(data[at : len(data) - TRAILER_SIZE]), at


def _user_file(tmp_path: Path, summary: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(f"- term: cache test\n  theme: theory\n  summary: {summary}\n  definition: Some text.\n")
    return path


def test_second_open_reuses_the_cache(own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = _count_builds(monkeypatch)
    mine = _user_file(tmp_path, "First.")
    first = open_index([str(mine)])
    second = open_index([str(mine)])
    assert builds == [1]
    assert first.resolve("cache test").summary == second.resolve("cache test").summary == "First."
    assert len(list(own_cache.glob("index-*.bin"))) == 1


def test_a_changed_source_is_rebuilt(own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = _count_builds(monkeypatch)
    mine = _user_file(tmp_path, "First.")
    open_index([str(mine)])
    time.sleep(0.01)
    _user_file(tmp_path, "Second, longer.")
    assert open_index([str(mine)]).resolve("cache test").summary == "Second, longer."
    assert builds == [1, 1]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-shape", "empty"])
def test_a_corrupt_cache_is_rebuilt(own_cache: Path, tmp_path: Path, damage: str) -> None:
    mine = _user_file(tmp_path, "Intact.")
    open_index([str(mine)])
    [path] = own_cache.glob("index-*.bin")
    data = path.read_bytes()
    path.write_bytes(
        {"truncate": data[: len(data) // 2], "garbage": b"\x00\xff{", "wrong-shape": b"[1, 2]", "empty": b""}[damage]
    )
    assert open_index([str(mine)]).resolve("cache test").summary == "Intact."
    assert path.read_bytes() == data  # and the file was written afresh


def test_damage_found_only_on_first_use_falls_back_to_a_rebuild(own_cache: Path, tmp_path: Path) -> None:
    mine = _user_file(tmp_path, "Whole.")
    open_index([str(mine)])
    [path] = own_cache.glob("index-*.bin")
    data = bytearray(path.read_bytes())
    tail = data.rindex(b"Whole.")  # inside the last entry's record; same size, so the header still agrees
    data[tail - 3 : tail] = b"\x00\x00\x00"
    path.write_bytes(bytes(data))
    assert open_index([str(mine)]).resolve("cache test").summary == "Whole."


def test_a_cache_with_the_wrong_key_is_not_trusted(own_cache: Path, tmp_path: Path) -> None:
    mine = _user_file(tmp_path, "Real.")
    open_index([str(mine)])
    [path] = own_cache.glob("index-*.bin")
    data, fields, at = read_header(path)
    from irconcepts.store import TRAILER

    fields["key"] = "0" * 64
    body = data[:at].replace(b"Real.", b"Forg.")
    path.write_bytes(body + json.dumps(fields).encode() + TRAILER.format(fields["size"]).encode())
    assert all(e.summary != "Forg." for e in open_index([str(mine)]).entries)


def test_unwritable_cache_dir_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setenv("IRCONCEPTS_CACHE_DIR", str(blocked / "cache"))
    mine = _user_file(tmp_path, "From memory.")
    assert open_index([str(mine)]).resolve("cache test").summary == "From memory."


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only directory")
def test_read_only_cache_dir_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    monkeypatch.setenv("IRCONCEPTS_CACHE_DIR", str(directory))
    assert open_index().entries


def test_no_cache_leaves_no_file(own_cache: Path) -> None:
    assert open_index(use_cache=False).entries
    assert not own_cache.exists()


def _open_in_child(args: tuple[str, str]) -> str:
    directory, user_file = args
    os.environ["IRCONCEPTS_CACHE_DIR"] = directory
    return open_index([user_file]).resolve("cache test").summary


def test_concurrent_writers_never_corrupt(own_cache: Path, tmp_path: Path) -> None:
    mine = _user_file(tmp_path, "Raced.")
    with ProcessPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(_open_in_child, [(str(own_cache), str(mine))] * 8))
    assert results == ["Raced."] * 8
    [path] = own_cache.glob("index-*.bin")
    assert read_header(path)[1]["key"] == cache_key(cache.glossary_files([str(mine)]))
    assert not list(own_cache.glob(".index-*"))  # no temporary files left behind


def test_cache_files_are_json_not_pickle(own_cache: Path) -> None:
    index = open_index()
    [path] = own_cache.glob("index-*.bin")
    data, header, _ = read_header(path)
    assert data.startswith(b"IRCONCEPTS-INDEX ")
    spans = header["entries"]
    assert len(spans) == len(index)
    assert Path(cache_path(cache.glossary_files())) == path


def test_cache_dir_is_where_platformdirs_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("IRCONCEPTS_CACHE_DIR", raising=False)
    assert cache.cache_dir() == user_cache_dir("irconcepts", appauthor=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/else")
    assert cache.cache_dir() == user_cache_dir("irconcepts", appauthor=False)
