"""Hostile input (issue 21): broken glossary files, escape sequences, odd files and streams, cache damage.

Every case runs the installed CLI as a user would and checks the exit code, that no traceback is printed, that
the problem names the file and line, and that no raw control code reaches any stream.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from irconcepts import store
from irconcepts.cache import cache_key, cache_path, glossary_files, open_index

ENTRY = "- term: {term}\n  theme: theory\n  summary: {summary}\n  definition: {definition}\n"
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def entry(term: str = "my term", summary: str = "a summary", definition: str = "a definition") -> str:
    return ENTRY.format(term=term, summary=summary, definition=definition)


# name -> (file bytes, the line the problem must be reported at)
BAD_FILES: dict[str, tuple[bytes, int]] = {
    "no definition": (b"- term: foo\n  theme: theory\n  summary: s\n", 1),
    "definition a list": (entry(definition="[a, b]").encode(), 4),
    "definition a mapping": (entry(definition="{a: b}").encode(), 4),
    "definition a block list": (b"- term: foo\n  theme: theory\n  summary: s\n  definition:\n    - a\n", 5),
    "complex key": (entry().encode() + b"  ? [a, b]\n  : x\n", 5),
    "complex key mapping": (entry().encode() + b"  ? {a: b}\n  : x\n", 5),
    "tab in term": (entry(term='"foo\\tbar"').encode(), 1),
    "newline in term": (entry(term='"foo\\nbar"').encode(), 1),
    "tab in alias": (entry().encode() + b'  aliases: ["a\\tb"]\n', 5),
    "emoji term": (entry(term='"\U0001f642"').encode(), 1),
    "punctuation term": (entry(term='"?!"').encode(), 1),
    "emoji alias": (entry().encode() + "  aliases: [\U0001f600]\n".encode(), 5),
    "OSC in term": (entry(term='"\\e]0;PWNED\\a"').encode(), 1),
    "CSI in summary": (entry(summary='"a \\e[31mred"').encode(), 3),
    "CSI in definition": (entry(definition='"x \\x1b[2J"').encode(), 4),
    "C1 in definition": (entry(definition='"x \\u009b31m"').encode(), 4),
    "unterminated OSC": (entry(summary='"\\e]8;;http://x"').encode(), 3),
    "BEL in alias": (entry().encode() + b'  aliases: ["a\\a"]\n', 5),
    "ESC in see_also": (entry().encode() + b'  see_also: ["\\e[1m"]\n', 5),
    "raw ESC": (entry(summary="raw \x1b[31m red").encode(), 3),
    "raw NUL": (entry(summary="x\0y").encode(), 3),
    "raw DEL": (entry(definition="x\x7fy").encode(), 4),
    "raw C1": (entry(definition="x\u0085y").encode(), 4),
    "invalid UTF-8": (entry(definition="d").encode() + b"  see_also: [\xff]\n", 5),
    "invalid UTF-8 line 2": (b"- term: foo\n  theme: \xc3\x28\n", 2),
    "unclosed link": (entry(definition="see [[realism|").encode(), 4),
    "unclosed link plain": (entry(definition="see [[realism and more").encode(), 4),
    "see_also nowhere": (entry().encode() + b"  see_also: [nothing of the kind]\n", 5),
    "cyrillic see_also nowhere": (entry(term="реализм").encode() + "  see_also: [неореализм]\n".encode(), 5),
    "duplicate cyrillic": ((entry(term="реализм") + entry(term="Реализм")).encode(), 5),
    "link nowhere": (entry(definition="see [[no such thing]]").encode(), 4),
    "term a number": (entry(term="1648").encode(), 1),
    "term a boolean": (entry(term="NO").encode(), 1),
    "term empty": (entry(term='""').encode(), 1),
    "term null": (entry(term="~").encode(), 1),
    "unknown theme": (b"- term: foo\n  theme: thoery\n  summary: s\n  definition: d\n", 2),
    "unknown field": (entry().encode() + b"  colour: red\n", 5),
    "field twice": (entry().encode() + b"  summary: again\n", 5),
    "not a list": (b"term: foo\n", 1),
    "empty file": (b"", 1),
    "comments only": (b"# nothing\n", 1),
    "a scalar": (b"just text\n", 1),
    "syntax error": (b"- term: [unclosed\n  theme: theory\n", 2),
    "bad indent": (b"- term: foo\n theme: theory\n  summary: s\n", 2),
    "tab indent": (b"- term: foo\n\ttheme: theory\n", 2),
    "item a list": (b"- [a, b]\n", 1),
    "item a string": (b"- just a string\n", 1),
    "aliases a string": (entry().encode() + b"  aliases: one\n", 5),
    "aliases of mappings": (entry().encode() + b"  aliases: [{a: b}]\n", 5),
    "cases not a list": (entry().encode() + b"  cases: x\n", 5),
    "case missing field": (entry().encode() + b"  cases:\n    - date: '1914'\n      event: e\n", 6),
    "reading missing year": (entry().encode() + b"  further_reading:\n    - author: a\n      title: t\n", 6),
    "arguments a list": (entry().encode() + b"  arguments: [a]\n", 5),
    "arguments unknown key": (entry().encode() + b"  arguments:\n    maybe: [a]\n", 6),
    "duplicate term": ((entry() + entry()).encode(), 5),
    "alias clashes with packaged term": (entry().encode() + b"  aliases: [realism]\n", 5),
    "undefined anchor": (entry(summary="*nothing").encode(), 3),
    "two documents": (entry().encode() + b"---\n" + entry().encode(), 5),
    "BOM and bad field": ("\ufeff".encode() + entry().encode() + b"  oops: 1\n", 5),
    "CRLF and bad theme": (b"- term: foo\r\n  theme: nope\r\n  summary: s\r\n  definition: d\r\n", 2),
    "huge value in message": (entry(term="x" * 200_000).encode() + b"  colour: red\n", 5),
}


def _anchor_bomb() -> bytes:
    big = "word " * 100_000
    items = "".join("    - *big\n" for _ in range(400))
    return (f"- term: bomb\n  theme: theory\n  summary: &big {big}\n  definition: d\n  aliases:\n{items}").encode()


def _laughs() -> bytes:
    lines = ['- term: lol\n  theme: theory\n  summary: s\n  definition: d\n  x0: &a0 "' + "lol" * 10 + '"\n']
    for i in range(1, 10):
        lines.append(f"  x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n")
    return "".join(lines).encode()


BAD_FILES["anchor bomb"] = (_anchor_bomb(), 0)  # line checked loosely: the limit is hit where it is hit
BAD_FILES["billion laughs"] = (_laughs(), 0)


def _clean(stream: str) -> None:
    assert "Traceback" not in stream
    assert RAW_CONTROL.search(stream) is None, repr(stream[:300])


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_reported_at_its_line(run, tmp_path: Path, case: str) -> None:
    data, line = BAD_FILES[case]
    path = tmp_path / "mine.yaml"
    path.write_bytes(data)
    for args in (["--data", str(path), "check"], ["--data", str(path), "show", "realism"]):
        result = run(*args)
        assert result.returncode == 3, (case, result.stderr)
        _clean(result.stdout)
        _clean(result.stderr)
        assert len(result.stderr) < 5000  # values are clipped in messages
        first = result.stderr.splitlines()[0]
        if line:
            assert first.startswith(f"{path}:{line}: "), (case, first)
        else:
            assert first.startswith(f"{path}:"), (case, first)
    assert path.read_bytes() == data  # nothing the user wrote is touched


def test_anchor_bomb_is_refused_quickly_and_says_which_limit(run, tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_bytes(_anchor_bomb())
    started = time.monotonic()
    result = run("--data", str(path), "check")
    assert time.monotonic() - started < 15
    assert result.returncode == 3
    assert "YAML anchors" in result.stderr and "10x the file" in result.stderr


def test_fifo_as_glossary_does_not_hang(run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run("--data", str(fifo), "check")
    assert result.returncode == 3
    assert f"{fifo}: cannot read: not a regular file" in result.stderr


def test_empty_data_option_is_named(run) -> None:
    result = run("--data=", "check")
    assert result.returncode == 3
    assert "no file named" in result.stderr and "cannot read" not in result.stderr


def test_personal_entry_named_like_a_packaged_alias_wins_for_that_name(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(entry(term="structural realism", summary="My own note."))
    shown = run("--data", str(mine), "show", "structural", "realism", "--brief")
    assert shown.returncode == 0 and shown.stdout.strip() == "My own note."
    packaged = run("--data", str(mine), "show", "neorealism", "--brief")
    assert packaged.returncode == 0 and "Waltz" in packaged.stdout
    other_alias = run("--data", str(mine), "show", "neo-realism", "--brief")  # the packaged entry keeps the rest
    assert other_alias.returncode == 0 and "Waltz" in other_alias.stdout
    checked = run("--data", str(mine), "check")
    assert checked.returncode == 0
    notes = [x for x in checked.stderr.splitlines() if "note:" in x]
    assert len(notes) == 1 and notes[0].startswith(f"{mine}:1: note: 'structural realism' opens this entry")


def test_terms_in_any_script_have_their_own_keys(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(entry(term="реализм", summary="Cyrillic.") + entry(term="现实主义", summary="Chinese."))
    assert run("--data", str(mine), "check").returncode == 0
    for term, summary in (("реализм", "Cyrillic."), ("РЕАЛИЗМ", "Cyrillic."), ("现实主义", "Chinese.")):
        result = run("--data", str(mine), "show", term, "--brief")
        assert (result.returncode, result.stdout.strip()) == (0, summary)


@pytest.mark.parametrize("query", ["\x1b]0;PWNED\x07", "\x1b[31mred", "a\x9bb", "\x1b]8;;x"])
@pytest.mark.parametrize("command", ["show", "search"])
def test_escape_sequences_in_queries_are_shown_not_obeyed(run, command: str, query: str) -> None:
    for color in ("never", "always"):
        result = run(command, query, "--color", color)
        assert result.returncode in (0, 1)  # search may find entries for the words around the codes
        _clean(result.stdout)
        _clean(result.stderr)
        if result.returncode == 1:
            assert "\\x1b" in result.stderr or "\\x9b" in result.stderr


def _cli(*args: str, cache: Path, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "irconcepts", *args], env=env, stderr=subprocess.PIPE, **kwargs)


@pytest.mark.parametrize("args", [["show", "realism"], ["list"], ["search", "anarchy"], ["themes"], ["check"]])
def test_closed_full_and_broken_stdout(tmp_path: Path, args: list[str]) -> None:
    closed = _cli(*args, cache=tmp_path, stdout=subprocess.DEVNULL, pass_fds=())
    closed.communicate()
    # stdout closed outright (`>&-`): a shell closes fd 1 before exec
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "irconcepts", *args],
        env={**os.environ, "IRCONCEPTS_CACHE_DIR": str(tmp_path)}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 4 and proc.stderr == "irconcepts: cannot write the output: stdout is closed\n"
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "irconcepts", *args], stdout=full, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "IRCONCEPTS_CACHE_DIR": str(tmp_path)}, timeout=60,
        )  # fmt: skip
    assert proc.returncode == 4 and "No space left on device" in proc.stderr and "Traceback" not in proc.stderr
    reader = subprocess.run(
        ["sh", "-c", '"$@" | head -c 1 >/dev/null; exit ${PIPESTATUS:-0}', "sh", sys.executable, "-m", "irconcepts",
         *args], env={**os.environ, "IRCONCEPTS_CACHE_DIR": str(tmp_path)}, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert "Traceback" not in reader.stderr and "Exception ignored" not in reader.stderr


def test_ctrl_c_during_a_rebuild_exits_130_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 1,500 more full-size entries (9 MB: one process) make the rebuild last about a second and a half, so the
    # signal comes in the middle of it, not as the process exits (the shipped glossary alone rebuilds in less
    # than half a second, and a signal that lands as Python shuts down ends the run by SIGINT itself)
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import speed  # the benchmark's generator of valid, full-size entries

    speed.fake_glossary(1500, tmp_path / "big.yaml")
    monkeypatch.setenv("IRCONCEPTS_DATA", str(tmp_path / "big.yaml"))
    proc = _cli("--no-cache", "show", "realism", cache=tmp_path, stdout=subprocess.PIPE)
    time.sleep(0.4)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal")  # a fast machine: nothing to interrupt
    assert proc.returncode == 130, err
    assert b"Traceback" not in err


def test_same_size_edit_with_mtime_set_back_is_seen(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IRCONCEPTS_CACHE_DIR", str(tmp_path / "cache"))
    mine = tmp_path / "mine.yaml"
    mine.write_text(entry(term="aaa term", summary="first"))
    assert open_index([str(mine)]).resolve("aaa term").summary == "first"
    before = os.stat(mine)
    mine.write_text(entry(term="aaa term", summary="secnd"))
    os.utime(mine, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(mine).st_size == before.st_size
    assert open_index([str(mine)]).resolve("aaa term").summary == "secnd"


def test_a_damaged_entry_in_the_cache_means_a_rebuild(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IRCONCEPTS_CACHE_DIR", str(tmp_path / "cache"))
    mine = tmp_path / "mine.yaml"
    mine.write_text(entry(term="zzz term", summary="the true summary text"))
    open_index([str(mine)])
    files = glossary_files([str(mine)])
    path = cache_path(files)
    blob = bytearray(Path(path).read_bytes())
    at = blob.index(b"the true summary")
    blob[at + 4 : at + 8] = b"fals"
    Path(path).write_bytes(bytes(blob))
    assert open_index([str(mine)]).resolve("zzz term").summary == "the true summary text"


def test_a_fifo_or_device_in_place_of_the_cache_is_skipped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IRCONCEPTS_CACHE_DIR", str(tmp_path / "cache"))
    files = glossary_files([])
    path = Path(cache_path(files))
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with pytest.raises(store.StoreError):
        store.read(str(path), cache_key(files), rebuild=lambda: None)  # type: ignore[arg-type,return-value]
    path.unlink()
    path.symlink_to("/dev/zero")
    with pytest.raises(store.StoreError):
        store.find_names(str(path), cache_key(files), "real")


def test_stale_temporaries_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    old, fresh, other = tmp_path / ".index-old.tmp", tmp_path / ".index-new.tmp", tmp_path / "keep.tmp"
    for f in (old, fresh, other):
        f.write_text("x")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    store.remove_stale_temporaries(str(tmp_path))
    assert not old.exists() and fresh.exists() and other.exists()
