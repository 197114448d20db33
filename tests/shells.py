"""Drive a real bash, zsh or fish under tmux: type a line, press Tab, and read back the words it would run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

STARTS = {
    "bash": ["bash", "--norc", "--noprofile"],
    "zsh": ["zsh", "-f"],
    "fish": ["fish", "--no-config"],
}
SETUP = {
    "bash": ['eval "$(irconcepts completion bash)"'],
    "zsh": ["bindkey -e", "autoload -Uz compinit && compinit -u", 'eval "$(irconcepts completion zsh)"'],
    "fish": ["irconcepts completion fish | source"],
}
ARGV_PRINTER = """#!{python}
import sys
from pathlib import Path
Path({out!r}).write_text("\\0".join(sys.argv[1:]), encoding="utf-8")
"""


def available(shell: str) -> bool:
    return shutil.which("tmux") is not None and shutil.which(STARTS[shell][0]) is not None


class Shell:
    """One interactive shell in a private tmux server, with irconcepts and an argv printer on PATH."""

    def __init__(self, shell: str, workdir: Path, cache_dir: Path, *, installed: bool = False) -> None:
        """installed: set up as a user would with `irconcepts completion SHELL --install`, then start the
        shell with its own start-up files, instead of loading the script by hand in a bare shell."""
        self.shell = shell
        self.socket = f"irc-{uuid.uuid4().hex[:8]}"
        self.out = workdir / "argv.out"
        bindir = workdir / "bin"
        bindir.mkdir(parents=True, exist_ok=True)
        printer = bindir / "printargs"
        printer.write_text(ARGV_PRINTER.format(python=sys.executable, out=str(self.out)))
        printer.chmod(0o755)
        program = Path(sys.executable).with_name("irconcepts")
        (bindir / "irconcepts").symlink_to(program)
        home = workdir / "home"
        home.mkdir(exist_ok=True)
        self.env = {
            "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "IRCONCEPTS_CACHE_DIR": str(cache_dir),
            "PS1": "$ ",
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "fish_greeting": "",
        }
        subprocess.run([str(bindir / "irconcepts"), "list"], env=self.env, stdout=subprocess.DEVNULL, check=True)
        if installed:
            install = [str(bindir / "irconcepts"), "completion", shell, "--install"]
            subprocess.run(install, env=self.env, capture_output=True, check=True)
            start = {"bash": ["bash", "--noprofile"], "zsh": ["zsh"], "fish": ["fish"]}[shell]
        else:
            start = STARTS[shell]
        self.tmux("new-session", "-d", "-x", "200", "-y", "50", *self._env_args(), *start)
        self.wait_for_prompt()
        for line in [] if installed else SETUP[shell]:
            self.run_line(line)
        if installed and shell == "zsh":
            self.run_line("bindkey -e")
        if shell == "fish":
            self.run_line("set -g fish_autosuggestion_enabled 0")
        self.clear()

    def _env_args(self) -> list[str]:
        args: list[str] = []
        for key, value in self.env.items():
            args += ["-e", f"{key}={value}"]
        return args

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env={**os.environ, **self.env},
            timeout=20,
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J")

    def wait_for_prompt(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.screen().rstrip().endswith(("$", ">", "#", "%")):
                return
            time.sleep(0.1)

    def run_line(self, line: str) -> None:
        self.tmux("send-keys", "-l", line)
        self.tmux("send-keys", "Enter")
        time.sleep(0.3)

    def clear(self) -> None:
        self.tmux("send-keys", "C-u")
        self.tmux("send-keys", "-l", "clear")
        self.tmux("send-keys", "Enter")
        time.sleep(0.4)

    def tab(self, typed: str, presses: int = 1) -> str:
        """Type `typed`, press Tab, and return the screen."""
        self.clear()
        self.tmux("send-keys", "-l", typed)
        time.sleep(0.2)
        for _ in range(presses):
            self.tmux("send-keys", "Tab")
            time.sleep(1.0)
        return self.screen()

    def words_after_tab(self, typed: str) -> list[str]:
        """Type `typed`, press Tab, then run the line through the argv printer: the words the shell passes."""
        self.tab(typed)
        if self.out.exists():
            self.out.unlink()
        self.tmux("send-keys", "C-a")
        self.tmux("send-keys", "-l", "printargs ")
        self.tmux("send-keys", "Enter")
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            if self.out.exists():
                time.sleep(0.05)
                return self.out.read_text(encoding="utf-8").split("\0")
            time.sleep(0.05)
        raise AssertionError(f"{self.shell}: the line did not run; screen:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")
