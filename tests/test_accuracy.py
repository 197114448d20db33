"""Floors under the lookup and search accuracy on benchmarks/data, and a ceiling over confident wrong answers,
so that the figures cannot slip unseen.

The figures themselves are printed by benchmarks/accuracy.py (README, "Lookup and search accuracy"); the
floors are the targets, which the measured figures meet, so a change that loses ground fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from irconcepts.cache import open_index

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "accuracy.py"
FLOORS = {"names": 0.98, "nonsense": 0.95, "student": 0.97, "outside": 0.97, "search": 0.90}
WRONG_CEILING = 0.01  # answered (exit 0) with an entry that is not the thing asked, across every lookup set


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("accuracy", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    sizes = {name: len(module.rows(name)) for name in (*module.LOOKUP_SETS, "search.tsv")}
    assert sizes["lookup.tsv"] >= 300 and sizes["search.tsv"] >= 60
    assert sizes["student-vocab.tsv"] >= 300 and sizes["outside-terms.tsv"] >= 150
    return module.figures(open_index(use_cache=False))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name}: {figures[name]:.1%} < floor {FLOORS[name]:.0%}"


def test_confidently_wrong_ceiling(figures: dict[str, float]) -> None:
    wrong = figures["confidently_wrong"]
    assert wrong <= WRONG_CEILING, f"confidently wrong: {wrong:.2%} > ceiling {WRONG_CEILING:.0%}"
