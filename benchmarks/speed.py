"""Whole-process timings of irconcepts, as ratios to the Python floor measured in the same run.

Usage: python benchmarks/speed.py [--runs N] [--scale N] [--skip-scale] [--skip-real-prose]

Runs each command as a new process, interleaved (one of each in turn, N rounds) so that drift in the
machine's load touches every command alike, and prints medians. The scale run generates a valid glossary
of N full-size entries, gives it through IRCONCEPTS_DATA with a fresh cache, and prints the first
(compiling) run's time and peak memory, then warm lookup and completion medians; then the first run again on
entries whose prose is drawn from the shipped glossary's own vocabulary, where each entry has a few hundred
distinct words (the simple prose has 26), which is what a real glossary's search postings look like.
"""

from __future__ import annotations

import argparse
import fcntl
import itertools
import os
import pty
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterable
from pathlib import Path

PYTHON = sys.executable
PROG = [PYTHON, "-m", "irconcepts"]
SCRIPT = Path(PYTHON).with_name("irconcepts")
CLI = [str(SCRIPT)] if SCRIPT.exists() else PROG


def completion_env(shell: str, line: str) -> dict[str, str]:
    """The environment each shell's completion script sets for one Tab press (Typer's protocol)."""
    env = {"_IRCONCEPTS_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


def run_once(argv: list[str], env: dict[str, str], *, tty: bool = False) -> float:
    start = time.perf_counter()
    if tty:
        # Drawn for a terminal: stdout is a pseudo-terminal of 40 rows and 100 columns, read to the end as a
        # terminal would be.
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        proc = subprocess.Popen(argv, stdout=follower, stderr=subprocess.DEVNULL, env=env)
        os.close(follower)
        while True:
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:
                break
        proc.wait()
        os.close(leader)
    else:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def check_works(cases: dict[str, tuple[list[str], dict[str, str], bool]]) -> None:
    """Each command once, untimed: a command that fails would otherwise be timed as fast."""
    for name, (argv, env, _) in cases.items():
        result = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        expected = 1 if name.startswith("refusal") else 0  # a refusal exits 1, and says so as JSON on stdout
        if result.returncode != expected or not (result.stdout or (argv[0] == PYTHON and argv[1] == "-c")):
            sys.exit(f"{name} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")


def measure(cases: dict[str, tuple[list[str], dict[str, str], bool]], runs: int) -> dict[str, float]:
    check_works(cases)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (argv, env, tty) in cases.items():
            times[name].append(run_once(argv, env, tty=tty))
    return {name: statistics.median(values) for name, values in times.items()}


def base_env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IRCONCEPTS_", "_IRCONCEPTS_", "NO_COLOR"))}
    env |= {"IRCONCEPTS_CACHE_DIR": str(cache), "COLUMNS": "100"}
    # the tester's own config.toml and personal entries must not change the figures: empty ones here
    env |= {"XDG_CONFIG_HOME": str(cache / "no-config"), "XDG_DATA_HOME": str(cache / "no-data")}
    env |= extra
    return env


def user_env(cache: Path) -> dict[str, str]:
    home = cache / "user"
    (home / "config" / "irconcepts").mkdir(parents=True, exist_ok=True)
    (home / "config" / "irconcepts" / "config.toml").write_text('links = "plain"\npager = false\n', encoding="utf-8")
    (home / "data" / "irconcepts" / "glossary").mkdir(parents=True, exist_ok=True)
    (home / "data" / "irconcepts" / "glossary" / "mine.yaml").write_text(
        "- term: bench entry\n  theme: theory\n  summary: One.\n  definition: |\n    Two.\n", encoding="utf-8"
    )
    return base_env(cache) | {"XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}


def shipped_cases(cache: Path) -> dict[str, tuple[list[str], dict[str, str], bool]]:
    env = base_env(cache)
    cases = {
        "python -c pass (floor)": ([PYTHON, "-c", "pass"], env, False),
        "show, piped (Markdown)": ([*CLI, "collective", "security"], env, False),
        "show, drawn for a terminal": ([*CLI, "collective", "security", "--no-pager"], env, True),
        # taller than the screen: paged (cat -u stands in for less, which would wait for a key)
        "show, through a pager": ([*CLI, "collective", "security"], env | {"IRCONCEPTS_PAGER": "cat -u"}, True),
        # fits on the screen: the pager must not be started
        "show --brief on a terminal": ([*CLI, "collective", "security", "--brief"], env, True),
        "typo lookup (soverignty)": ([*CLI, "soverignty"], env, False),
        "search (oil embargo Italy)": ([*CLI, "search", "oil", "embargo", "Italy"], env, False),
        "refusal (power ballad: no entry)": ([*CLI, "show", "-f", "json", "power", "ballad"], env, False),
        "list": ([*CLI, "list"], env, False),
    }
    for shell in ("bash", "zsh", "fish"):
        cases[f"completion, {shell}"] = ([*CLI], env | completion_env(shell, "irconcepts show balance o"), False)
    # A user with a config.toml and one personal entry (issue 21): the config is read through its JSON cache
    # and the personal folder listed on every run, Tab presses included.
    user = user_env(cache)
    cases["show piped, config + own entry"] = ([*CLI, "collective", "security"], user, False)
    cases["completion, bash, with config"] = ([*CLI], user | completion_env("bash", "irconcepts show balance o"), False)
    return cases


def first_card(argv: list[str], env: dict[str, str], marker: bytes = b"q stops") -> float:
    """Seconds until the quiz's first card is on a pseudo-terminal (its prompt line drawn); then stop it."""
    import signal

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the quiz, with the pseudo-terminal as its terminal
        os.execve(argv[0], argv, env)
    seen = b""
    try:
        while marker not in seen:
            chunk = os.read(fd, 65536)
            if not chunk:
                sys.exit(f"the quiz ended before its first card:\n{seen.decode(errors='replace')[-2000:]}")
            seen += chunk
        return time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def measure_quiz(cache: Path, runs: int) -> dict[str, float]:
    """The quiz's start-up, interleaved with the floor: a fresh study database each run (no card seen)."""
    times: dict[str, list[float]] = {"python -c pass (floor)": [], "quiz, first card on screen": []}
    for n in range(runs):
        env = base_env(cache, IRCONCEPTS_STATE_DIR=str(cache / f"state-{n}"))
        times["python -c pass (floor)"].append(run_once([PYTHON, "-c", "pass"], env))
        times["quiz, first card on screen"].append(first_card([*CLI, "quiz"], env))
    return {name: statistics.median(values) for name, values in times.items()}


def report(title: str, medians: dict[str, float], floor: float, targets: dict[str, float]) -> None:
    print(f"\n{title}")
    print(f"{'command':34} {'median ms':>10} {'x floor':>8} {'target':>8}")
    for name, value in medians.items():
        target = targets.get(name)
        mark = "" if target is None else ("  ok" if value / floor <= target else "  OVER")
        shown = f"≤ {target:g}x" if target else ""
        print(f"{name:34} {value * 1000:10.1f} {value / floor:8.2f} {shown:>8}{mark}")


SHIPPED_TARGETS = {
    "show, piped (Markdown)": 6,
    "show, drawn for a terminal": 12,
    "show, through a pager": 12,
    "show --brief on a terminal": 12,
    "typo lookup (soverignty)": 8,
    "search (oil embargo Italy)": 8,
    "refusal (power ballad: no entry)": 8,  # refusing must not be slower than a typo lookup
    "completion, bash": 3,
    "completion, zsh": 3,
    "completion, fish": 3,
    "show piped, config + own entry": 6,
    "completion, bash, with config": 3,
}
QUIZ_TARGETS = {"quiz, first card on screen": 8}
SCALE_TARGETS = {
    "show, piped (Markdown)": 20,
    "typo lookup (soverignty)": 25,
    "refusal, near miss": 25,
    "refusal, common words only": 25,
    "completion, bash": 6,
}
FIRST_RUN_TARGET = 1.5  # the first run after a data change, as a multiple of PyYAML's C loader parsing the file
PEAK_MEMORY_TARGET_MB = 500

# Each parser reads the file whole in its own process; a parser that is not installed is skipped
# (`pip install -e '.[bench]'` brings ryaml and rapidyaml; yaml-rs comes with irconcepts, whose fast path
# uses it). Only PyYAML keeps the line of every value, which the
# loader's messages need, and reads `NO` as a boolean and `1648` as a number, which its type checks need.
PARSERS_FLOOR = "PyYAML, C loader (the floor)"
PARSERS = {
    PARSERS_FLOOR: "import yaml; yaml.load(TEXT, Loader=yaml.CSafeLoader)",
    "irconcepts loader (+ checks)": "from irconcepts.validate import load_glossary; load_glossary([PATH])",
    "yaml-rs": "import yaml_rs; yaml_rs.loads(TEXT)",
    "ryaml": "import ryaml; ryaml.loads(TEXT)",
    "rapidyaml (tree only)": "import ryml; ryml.parse_in_arena(TEXT.encode())",
}


def measure_parsers(path: Path, env: dict[str, str], names: Iterable[str] = PARSERS) -> dict[str, float]:
    """Seconds each of the named parsers takes to read the file (one run each: every run takes seconds)."""
    found: dict[str, float] = {}
    for name in names:
        code = PARSERS[name]
        module = code.split()[1].rstrip(";")
        if module != "irconcepts.validate":
            probe = subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True, env=env, check=False)
            if probe.returncode != 0:
                continue
        start = time.perf_counter()
        read = f"PATH = {str(path)!r}; TEXT = open(PATH, encoding='utf-8').read()"
        subprocess.run([PYTHON, "-c", f"{read}; {code}"], env=env, check=True)
        found[name] = time.perf_counter() - start
    return found


def glossary_words() -> tuple[list[str], list[int]]:
    """The shipped glossary's words with how often each occurs: prose drawn from them has a real vocabulary
    (about 18,000 distinct words, a few hundred of them in each entry), where the 26 words of the simple
    prose make every entry's postings short."""
    from irconcepts.sources import glossary_files

    text = Path(glossary_files(None)[0]).read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for word in re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", text):
        counts[word] = counts.get(word, 0) + 1
    for key in ("term", "aliases", "covers", "theme", "summary", "definition", "arguments", "cases", "see_also"):
        counts.pop(key, None)
    return list(counts), list(counts.values())


def fake_glossary(count: int, path: Path, *, prose: str = "simple") -> None:
    """A valid glossary of `count` full-size entries (about 450 words each), all cross-referencing. `prose`:
    "simple" draws the text from 26 words; "glossary" from the shipped glossary's words at their frequencies."""
    rng = random.Random(1648)
    vocabulary = [
        "state",
        "power",
        "order",
        "war",
        "peace",
        "treaty",
        "alliance",
        "norm",
        "regime",
        "market",
        "security",
        "sovereign",
        "balance",
        "crisis",
        "conflict",
        "deterrence",
        "institution",
        "diplomacy",
        "empire",
        "trade",
        "law",
        "rights",
        "nation",
        "hegemony",
        "anarchy",
        "system",
    ]
    syllables = ["ka", "lo", "mi", "ter", "van", "sel", "dor", "qui", "zen", "bra", "fol", "pet", "rum", "gis"]
    terms = []
    seen: set[str] = set()
    while len(terms) < count:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(3, 5)))
        term = f"{word} {rng.choice(vocabulary)}"
        if term not in seen:
            seen.add(term)
            terms.append(term)

    if prose == "glossary":
        words, weights = glossary_words()
        cumulative = list(itertools.accumulate(weights))  # what choices() would add up anew on every call

        def sentence(n: int) -> str:
            return " ".join(rng.choices(words, cum_weights=cumulative, k=n)).capitalize() + "."

    else:

        def sentence(n: int) -> str:
            return " ".join(rng.choice(vocabulary) for _ in range(n)).capitalize() + "."

    with path.open("w", encoding="utf-8") as out:
        for i, term in enumerate(terms):
            refs = [terms[(i + k * 7919) % count] for k in (1, 2, 3, 4)]
            # four paragraphs of eight sentences: about 6.1 KB an entry in all, the size of the shipped entries
            # (2.0 MB / 330), so that 20,000 of them make the 120 MB file of issue 22
            paragraphs = [
                " ".join(sentence(15) for _ in range(8)) + f" See [[{refs[0]}]] and [[{refs[1]}]]." for _ in range(4)
            ]
            # every entry also answers to "<word> variant <n>": thousands of names share the word "variant", as
            # real large glossaries share "treaty" or "war", so a lookup must not cost one probe per such name
            variant = f"{rng.choice(vocabulary)} variant {i + 1}"
            out.write(f"- term: {term}\n  aliases: ['{term} concept', '{term}s', '{variant}']\n  theme: theory\n")
            out.write(f"  summary: {sentence(25)}\n  definition: |\n")
            out.write("\n\n".join("    " + p for p in paragraphs).replace("\n\n", "\n\n") + "\n")
            out.write("  arguments:\n")
            for side in ("for", "against"):
                out.write(f"    {side}:\n" + "".join(f"      - {sentence(25)}\n" for _ in range(3)))
            out.write(
                "  cases:\n"
                + "".join(
                    f"    - {{date: '19{10 + k}', event: {sentence(3)}, detail: {sentence(20)}}}\n" for k in range(3)
                )
            )
            out.write(f"  see_also: [{', '.join(refs)}]\n")
            out.write(
                "  further_reading:\n    - {author: 'Doe, Jane', year: '1999', title: A Book, published: A Press}\n"
            )


def first_run_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one run that compiles the index (the caller gives it a fresh cache)."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"the first run failed: {done.stderr.decode()[-2000:]}")
    return elapsed


def _tree_pss_kib(pid: int) -> int:
    """Proportional set size of a process and its children, in KiB: pages the two share after a fork are
    counted once between them, where adding up their resident sizes would count them twice."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                pids.extend(int(child) for child in children.read().split())
        except (OSError, StopIteration, ValueError):
            continue  # the process ended while being read
    return total


def peak_memory_mb(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(peak memory of the run and its child processes together, sampled every 50 ms from their PSS; the
    largest resident size of any one of them, from the kernel). Linux only: (0, 0) elsewhere."""
    if not Path("/proc/self/smaps_rollup").exists():
        return 0.0, 0.0
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while True:
        peak = max(peak, _tree_pss_kib(proc.pid))
        finished, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if finished:
            break
        time.sleep(0.05)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("the first run failed while its memory was measured")
    return peak / 1024, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def first_run_report(path: Path, env: dict[str, str], cache: Path, *, parsers: bool, repeats: int) -> None:
    """The first run on `path` as a multiple of PyYAML's C loader parsing it, and its peak memory. The two are
    timed `repeats` times, interleaved, and the medians compared: on a shared machine one run of either can be
    a tenth off."""
    # the floor is timed with the first runs below, not here
    found = measure_parsers(path, env, [name for name in PARSERS if name != PARSERS_FLOOR]) if parsers else {}
    floors, firsts = [], []
    for _ in range(repeats):
        floors.append(measure_parsers(path, env, [PARSERS_FLOOR])[PARSERS_FLOOR])
        shutil.rmtree(cache, ignore_errors=True)
        firsts.append(first_run_seconds([*CLI, "soverignty"], env))
    floor_parse, first = statistics.median(floors), statistics.median(firsts)
    found = {PARSERS_FLOOR: floor_parse, **found}
    shutil.rmtree(cache)  # the same first run again, its memory sampled (sampling costs a little time)
    peak, largest = peak_memory_mb([*CLI, "soverignty"], env)
    print(f"{'reading the file':34} {'s':>10} {'x PyYAML C':>10}")
    for name, seconds in found.items():
        print(f"{name:34} {seconds:10.2f} {seconds / floor_parse:10.2f}")
    print(f"(PyYAML's C loader, {repeats} runs: {', '.join(f'{x:.2f}' for x in floors)} s)")
    ratio = first / floor_parse
    print(
        f"first run after a data change: {first:.2f} s = {ratio:.2f}x PyYAML's C loader "
        f"(target ≤ {FIRST_RUN_TARGET:g}x{'' if ratio <= FIRST_RUN_TARGET else ': OVER'}; "
        f"{repeats} runs: {', '.join(f'{x:.2f}' for x in firsts)} s)"
    )
    print(
        f"peak memory of that run, its processes together (PSS): {peak:.0f} MB (target ≤ "
        f"{PEAK_MEMORY_TARGET_MB} MB{'' if peak <= PEAK_MEMORY_TARGET_MB else ': OVER'}); "
        f"largest one process (max RSS): {largest:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=int, default=20_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-real-prose", action="store_true", help="only the simple prose at scale")
    parser.add_argument("--first-runs", type=int, default=3, help="first runs (and parses) timed on each file")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="irconcepts-bench-"))
    try:
        cache = work / "cache"
        subprocess.run([*CLI, "list"], stdout=subprocess.DEVNULL, env=base_env(cache), check=True)  # warm the cache
        medians = measure(shipped_cases(cache), args.runs)
        floor = medians["python -c pass (floor)"]
        report(f"Glossary as shipped ({args.runs} interleaved runs each, medians)", medians, floor, SHIPPED_TARGETS)
        quiz = measure_quiz(cache, args.runs)
        report(
            "Quiz start-up (a pseudo-terminal; fresh study database)",
            quiz,
            quiz["python -c pass (floor)"],
            QUIZ_TARGETS,
        )
        if args.skip_scale:
            return

        big = work / "big.yaml"
        fake_glossary(args.scale, big)
        scale_cache = work / "scale-cache"
        env = base_env(scale_cache, IRCONCEPTS_DATA=str(big))
        print(f"\nWith {args.scale:,} more entries ({big.stat().st_size / 1e6:.0f} MB of YAML, simple prose)")
        first_run_report(big, env, scale_cache, parsers=True, repeats=args.first_runs)
        if not args.skip_real_prose:
            real = work / "real.yaml"
            fake_glossary(args.scale, real, prose="glossary")
            real_cache = work / "real-cache"
            print(f"\nThe same with the shipped glossary's vocabulary ({real.stat().st_size / 1e6:.0f} MB of YAML)")
            first_run_report(
                real,
                base_env(real_cache, IRCONCEPTS_DATA=str(real)),
                real_cache,
                parsers=False,
                repeats=args.first_runs,
            )
            real.unlink()
        cases = {
            "python -c pass (floor)": ([PYTHON, "-c", "pass"], env, False),
            "show, piped (Markdown)": ([*CLI, "collective", "security"], env, False),
            "typo lookup (soverignty)": ([*CLI, "soverignty"], env, False),
            # no such name, though every generated name shares "variant" with it
            "refusal, near miss": ([*CLI, "show", "-f", "json", "realism", "variant", str(args.scale + 3)], env, False),
            # only words that thousands of names and entries share
            "refusal, common words only": ([*CLI, "show", "-f", "json", "treaty", "war", "variant"], env, False),
            "completion, bash": ([*CLI], env | completion_env("bash", "irconcepts show balance o"), False),
        }
        medians = measure(cases, args.runs)
        report("Warm, with the large glossary", medians, medians["python -c pass (floor)"], SCALE_TARGETS)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
