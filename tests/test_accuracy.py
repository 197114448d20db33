"""Floors under the lookup and search accuracy on benchmarks/data, so that the figures cannot slip unseen.

The figures themselves are printed by benchmarks/accuracy.py; the floors sit a little below what it
measured when they were set (README), so that a change which loses ground fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from irconcepts.cache import open_index

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "accuracy.py"
FLOORS = {"lookup": 0.98, "nonsense": 0.95, "search": 0.90}


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("accuracy", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    assert len(module.rows("lookup.tsv")) >= 300 and len(module.rows("search.tsv")) >= 60
    return module.summary(open_index(use_cache=False))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name}: {figures[name]:.1%} < floor {FLOORS[name]:.0%}"
