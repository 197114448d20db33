"""The quiz on a real terminal: keys read one at a time (cbreak mode), text wrapped to the window.

Plain ANSI, not Rich: the first card must be on screen within a few Python start-ups, and Rich's import
alone costs five. Only printable characters the student types are echoed, so arrow keys and other escape
sequences never reach the screen as ^[[A.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TextIO

from .cards import QuizItem
from .quiz import Progress, Verdict
from .schedule import GRADE_NAMES, REVIEW, short_interval
from .store import CardState

READABLE_WIDTH = 100
KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}
STYLES = {
    "term": "1",
    "dim": "2",
    "italic": "3",
    "right": "32",
    "wrong": "31",
    "heading": "1;36",
    "key": "1;33",
}
ENTER = ("\r", "\n")
ERASE = ("\x7f", "\x08")
CTRL_C, CTRL_D, CTRL_U, ESC = "\x03", "\x04", "\x15", "\x1b"


@contextlib.contextmanager
def cbreak(fd: int) -> Iterator[None]:
    """Keys arrive one at a time and unechoed; Ctrl-C still interrupts. The old mode always comes back."""
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class TerminalUI:
    def __init__(self, fd: int, out: TextIO, *, color: bool) -> None:
        self.fd = fd
        self.out = out
        self.color = color
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        try:  # os, not shutil (whose import costs the first card 2 ms); COLUMNS wins, as in shutil
            width = int(os.environ.get("COLUMNS", "")) if os.environ.get("COLUMNS", "").isdigit() else 0
            width = width or os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError, AttributeError):
            width = 80
        self.width = max(40, min(width, READABLE_WIDTH))

    # drawing
    def style(self, text: str, name: str) -> str:
        return f"\x1b[{STYLES[name]}m{text}\x1b[0m" if self.color and text else text

    def write(self, text: str = "") -> None:
        self.out.write(text)
        self.out.flush()

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def wrapped(self, text: str, style: str | None = None, indent: str = "") -> None:
        lines = textwrap.wrap(text, self.width - 1, initial_indent=indent, subsequent_indent=" " * len(indent))
        for line in lines or [""]:
            self.line(self.style(line, style) if style else line)

    # keys
    def key(self) -> str:
        """One character typed; escape sequences (arrows, function keys) come back as ESC, their rest read."""
        while True:
            data = os.read(self.fd, 1)
            if not data:
                raise EOFError  # the terminal went away: stop as with q
            char = self._decoder.decode(data)
            if not char:
                continue  # the middle of a multi-byte character
            if char == ESC:
                self._swallow_sequence()
            if char == CTRL_C:
                raise KeyboardInterrupt
            return char

    def _swallow_sequence(self) -> None:
        import select

        while select.select([self.fd], [], [], 0.02)[0]:
            if os.read(self.fd, 1) in (b"~", b"A", b"B", b"C", b"D", b"H", b"F", b"P", b"Q", b"R", b"S"):
                break

    def read_line(self, prompt: str) -> str | None:
        """A line typed with echo and Backspace; None for q (or Ctrl-D) on an empty line."""
        self.write(prompt)
        typed: list[str] = []
        while True:
            char = self.key()
            if char in ENTER:
                self.line()
                return "".join(typed).strip()
            if not typed and char in ("q", CTRL_D):
                self.line()
                return None
            if char in ERASE:
                if typed:
                    typed.pop()
                    self.write("\b \b")
            elif char == CTRL_U:
                self.write("\b \b" * len(typed))
                typed.clear()
            elif char.isprintable():
                typed.append(char)
                self.write(char)

    # the UI protocol of quiz.run_round
    def ask(self, item: QuizItem, mode: str, progress: Progress) -> str | None:
        status = "again" if progress.again else ("new" if item.new else "review")
        self.line()
        self.line(self.style(f"── card {progress.number} of {progress.total} · {status} · {item.theme} ", "dim"))
        self.line()
        if mode == "recall":
            self.wrapped(item.term, "term", "  ")
            self.line()
            self.line(self.style("Recall what it means (type it if you like); Enter shows the answer, q stops.", "dim"))
        else:
            self.wrapped(item.masked, None, "  ")
            self.line()
            self.line(self.style("Name the term; Enter on an empty line shows it, q stops.", "dim"))
        return self.read_line(self.style("> ", "key"))

    def reveal(self, item: QuizItem, mode: str, typed: str, verdict: Verdict | None) -> None:
        self.line()
        if verdict is not None:
            if verdict.right:
                how = f" ({verdict.how})" if verdict.how else ""
                self.wrapped(f"✓ right: {item.term}{how}", "right", "  ")
            elif verdict.named:
                self.wrapped(f"✗ '{typed}' is {verdict.named}; the answer is {item.term}", "wrong", "  ")
            elif typed:
                self.wrapped(f"✗ '{typed}' names no entry; the answer is {item.term}", "wrong", "  ")
            else:
                self.wrapped(f"the answer is {item.term}", "term", "  ")
            self.line()
        else:
            if typed:
                self.wrapped(f"you wrote: {typed}", "dim", "  ")
                self.line()
        self.wrapped(item.summary, "italic", "  ")
        if item.points:
            self.line()
            for point in item.points:
                self.wrapped(point, None, "  • ")

    def grade(self, choices: dict[int, timedelta], suggested: int | None) -> int | None:
        self.line()
        shown = " · ".join(
            f"{self.style(str(r), 'key')} {name} {self.style(short_interval(choices[r]), 'dim')}"
            for r, name in GRADE_NAMES.items()
        )
        tail = f"   Enter: {GRADE_NAMES[suggested]}" if suggested else ""
        self.write(f"  {shown}{self.style(tail, 'dim')}   ")
        while True:
            char = self.key().lower()
            if char in KEYS:
                rating = KEYS[char]
                break
            if char in ENTER and suggested:
                rating = suggested
                break
            if char in ("q", CTRL_D):
                self.line()
                return None
        self.line(self.style(GRADE_NAMES[rating], "key"))
        return rating

    def scheduled(self, item: QuizItem, after: CardState, when: datetime) -> None:
        span = after.due - when
        if after.state == REVIEW:
            day = after.due.astimezone().strftime("%a %-d %b")
            self.line(self.style(f"  next review in {short_interval(span)} ({day})", "dim"))
        else:
            self.line(self.style(f"  back in {short_interval(span)}", "dim"))
