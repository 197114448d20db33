"""Whole-process timings of every export of the whole glossary, as the user runs them.

Usage: python benchmarks/exports.py [--runs N]

Each export runs as a new process, interleaved with the others (one of each in turn, N rounds), with a warm
index cache, and the medians are printed with `python -c pass` as the floor. The vault is timed twice: into
a new folder (every note written) and again into the same folder (every note compared, none written).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("irconcepts")
CLI = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "irconcepts"]


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="irconcepts-exports-"))
    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": str(work / "cache")}
    env.pop("IRCONCEPTS_DATA", None)
    subprocess.run([*CLI, "list"], stdout=subprocess.DEVNULL, env=env, check=True)  # build the cache once
    subprocess.run([*CLI, "export", "obsidian", str(work / "kept")], stderr=subprocess.DEVNULL, env=env, check=True)
    cases: dict[str, Callable[[int], list[str]]] = {
        "python -c pass (floor)": lambda n: [sys.executable, "-c", "pass"],
        "export obsidian DIR (new vault)": lambda n: [*CLI, "export", "obsidian", str(work / f"vault{n}")],
        "export obsidian DIR (unchanged)": lambda n: [*CLI, "export", "obsidian", str(work / "kept")],
        "export bibtex": lambda n: [*CLI, "export", "bibtex"],
        "export ris": lambda n: [*CLI, "export", "ris"],
        "export csl-json": lambda n: [*CLI, "export", "csl-json"],
        "export anki FILE.apkg": lambda n: [*CLI, "export", "anki", str(work / f"deck{n}.apkg")],
        "export csv": lambda n: [*CLI, "export", "csv"],
        "export graph (dot)": lambda n: [*CLI, "export", "graph"],
        "export graph --format graphml": lambda n: [*CLI, "export", "graph", "-f", "graphml"],
        "related TERM --depth 2 --format mermaid": lambda n: [*CLI, "related", "realism", "-d", "2", "-f", "mermaid"],
        "cite TERM": lambda n: [*CLI, "cite", "balance of power"],
        "show TERM --front-matter": lambda n: [*CLI, "show", "realism", "--front-matter"],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for n in range(runs):
        for name, argv in cases.items():
            times[name].append(timed(argv(n), env))
    shutil.rmtree(work)
    floor = statistics.median(times["python -c pass (floor)"])
    print(f"| command ({runs} runs, medians) | ms | × python -c pass |")
    print("| --- | --- | --- |")
    for name, found in times.items():
        median = statistics.median(found)
        print(f"| `{name}` | {median * 1000:.0f} | {median / floor:.1f}× |")


if __name__ == "__main__":
    main()
