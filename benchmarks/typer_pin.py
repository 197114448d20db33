"""Why pyproject.toml pins typer below 0.29: the cost of a one-command Typer app under each version.

Usage: python benchmarks/typer_pin.py [--runs N]

Makes two throwaway virtual environments (typer 0.28 and the newest 0.29), runs the same small app in
each, interleaved, and prints medians. Needs the package index (pip install).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP = """
import typer
app = typer.Typer()
@app.command()
def show(term: list[str], brief: bool = False, fmt: str = "auto") -> None:
    print(" ".join(term))
app()
"""
VERSIONS = {"typer 0.28": "typer==0.28.*", "typer 0.29": "typer==0.29.*"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="typer-pin-"))
    try:
        script = work / "app.py"
        script.write_text(APP)
        pythons: dict[str, str] = {}
        for label, requirement in VERSIONS.items():
            venv = work / label.replace(" ", "-")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", requirement]
            subprocess.run(pip, check=True)
            pythons[label] = str(venv / "bin" / "python")
        cases = {"python -c pass": [next(iter(pythons.values())), "-c", "pass"]}
        cases |= {label: [python, str(script), "balance", "of", "power"] for label, python in pythons.items()}
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, argv in cases.items():
                start = time.perf_counter()
                subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
                times[name].append(time.perf_counter() - start)
        for name, values in times.items():
            print(f"{name:16} {statistics.median(values) * 1000:7.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
