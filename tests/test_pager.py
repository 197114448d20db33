"""The pager, as a user meets it: the CLI in a real pseudo-terminal of a known size, with a stand-in pager
that records what it was given (and, once, the real less)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from irconcepts.pager import pager_command, pager_env, taller_than

ROWS, COLUMNS = 30, 100

RECORDER = """\
import os, sys
text = sys.stdin.read()
with open(sys.argv[1], "w", encoding="utf-8") as log:
    log.write(os.environ.get("LESS", "") + "\\n" + text)
"""


def in_terminal(args: list[str], env: dict[str, str], *, keys: bytes = b"", rows: int = ROWS) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as its controlling terminal; (exit code, what the screen got)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, COLUMNS, 0, 0))

    def own_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "irconcepts", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        preexec_fn=own_terminal,
    )
    os.close(follower)
    screen = b""
    deadline = time.monotonic() + 60
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        elif keys and not sent and process.poll() is None:
            os.write(leader, keys)  # the output has settled: the pager waits for a key
            sent = True
        if process.poll() is not None and not ready:
            break
    process.wait(timeout=10)
    os.close(leader)
    return process.returncode, screen.decode("utf-8", "replace")


@pytest.fixture
def term_env(run, tmp_path: Path) -> dict[str, str]:
    run("list")  # build the cache
    recorder = tmp_path / "recorder.py"
    recorder.write_text(RECORDER)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PAGER", "LESS", "COLUMNS")}
    env |= {
        "IRCONCEPTS_CACHE_DIR": run.cache_dir,
        "IRCONCEPTS_PAGER": f"{sys.executable} {recorder} {tmp_path / 'paged.txt'}",
        "TERM": "xterm-256color",
    }
    return env


def paged(tmp_path: Path) -> str | None:
    log = tmp_path / "paged.txt"
    return log.read_text(encoding="utf-8") if log.exists() else None


def test_long_output_on_a_terminal_goes_through_the_pager(term_env: dict[str, str], tmp_path: Path) -> None:
    code, screen = in_terminal(["show", "realism"], term_env)
    assert code == 0
    log = paged(tmp_path)
    assert log is not None, screen
    less_flags, text = log.split("\n", 1)
    assert less_flags == "FRX"  # git's defaults for less, set when the user has not set LESS
    assert "realism" in text and "\x1b[" in text  # drawn for the terminal, in colour
    assert len(text.splitlines()) > ROWS
    assert "Further reading" not in screen  # the entry went to the pager, not to the screen


@pytest.mark.parametrize(
    "args",
    [
        ["show", "realism", "--brief"],  # fits on the screen
        ["show", "realism", "--no-pager"],
        ["list", "--theme", "institutions", "--no-pager"],
    ],
)
def test_no_pager_when_it_fits_or_when_refused(term_env: dict[str, str], tmp_path: Path, args: list[str]) -> None:
    code, screen = in_terminal(args, term_env)
    assert code == 0
    assert paged(tmp_path) is None
    assert "the peace." in screen if "--brief" in args else "\x1b[" in screen


def test_no_pager_when_piped(term_env: dict[str, str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "irconcepts", "list"], env=term_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and len(result.stdout.splitlines()) > 200
    assert paged(tmp_path) is None


@pytest.mark.parametrize("command", [["list"], ["search", "war", "-n", "20"], ["related", "sovereignty"]])
def test_long_listings_are_paged_too(term_env: dict[str, str], tmp_path: Path, command: list[str]) -> None:
    code, _ = in_terminal(command, term_env, rows=10)
    assert code == 0 and paged(tmp_path) is not None


def test_an_empty_or_cat_pager_means_none(term_env: dict[str, str], tmp_path: Path) -> None:
    for value in ("", "cat"):
        code, screen = in_terminal(["show", "realism"], term_env | {"IRCONCEPTS_PAGER": value})
        assert code == 0 and "Further reading" in screen
    assert paged(tmp_path) is None


def test_a_pager_that_cannot_start_is_reported_and_the_text_printed(term_env: dict[str, str]) -> None:
    code, screen = in_terminal(["show", "realism"], term_env | {"IRCONCEPTS_PAGER": "no-such-pager-here"})
    assert code == 0
    assert "cannot run the pager 'no-such-pager-here'" in screen and "Further reading" in screen
    assert "Traceback" not in screen


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_the_real_less_shows_the_entry_and_quits_on_q(term_env: dict[str, str]) -> None:
    env = {k: v for k, v in term_env.items() if k != "IRCONCEPTS_PAGER"}
    code, screen = in_terminal(["show", "realism"], env, keys=b"q")
    assert code == 0
    assert "realism" in screen and "Traceback" not in screen
    assert "Further reading" not in screen  # less showed the first screenful, and q ended it there


def test_pager_choice_follows_git() -> None:
    assert pager_command({}) == ["less"]
    assert pager_command({"PAGER": "most -s"}) == ["most", "-s"]
    assert pager_command({"PAGER": "more", "IRCONCEPTS_PAGER": "less -S"}) == ["less", "-S"]
    assert pager_command({"PAGER": "less", "IRCONCEPTS_PAGER": ""}) is None
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_env({})["LESS"] == "FRX"
    assert pager_env({"LESS": "-i"})["LESS"] == "-i"  # the user's own flags win


def test_taller_than() -> None:
    assert not taller_than("a\nb\n", 2)
    assert taller_than("a\nb\nc", 2)
    assert not taller_than("", 0)


def test_a_terminal_of_unknown_height_is_not_paged(term_env: dict[str, str], tmp_path: Path) -> None:
    code, screen = in_terminal(["show", "realism"], term_env, rows=0)  # a pty that reports no size
    assert code == 0 and "Further reading" in screen
    assert paged(tmp_path) is None
