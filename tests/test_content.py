"""The packaged glossary meets the content bar: every target headword, each entry in the model's shape."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from irconcepts.cache import open_index
from irconcepts.index import Index
from irconcepts.lookup import lookup
from irconcepts.sources import packaged_data
from irconcepts.text import plain_refs

HERE = Path(__file__).parent
TARGETS = yaml.safe_load((HERE / "data" / "concepts.yaml").read_text(encoding="utf-8"))
ORIGINALITY = HERE.parent.parent / "shared" / "tools" / "originality.py"


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return open_index(use_cache=False)


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t["term"])
def test_every_target_headword_has_its_entry(index: Index, target: dict) -> None:
    entry = index.resolve(target["term"])
    assert entry is not None and entry.term == target["term"]
    assert entry.theme == target["theme"]
    # and `irconcepts show HEADWORD` finds it exactly, as the command does
    result = lookup(index, target["term"])
    assert result.best is not None and (result.best.matched, result.best.method) == (target["term"], "exact")


def test_the_bar_for_every_entry(index: Index) -> None:
    failures = []
    for e in index.entries:
        text = plain_refs(e.definition)
        checks = {
            "summary of at most 35 words": words(e.summary) <= 35,
            "definition of 250-500 words": 250 <= words(text) <= 500,
            "2-5 paragraphs": 2 <= len(e.paragraphs) <= 5,
            "at least 3 arguments for": len(e.arguments_for) >= 3,
            "at least 3 arguments against": len(e.arguments_against) >= 3,
            "at least 2 dated cases": len(e.cases) >= 2 and all(re.search(r"\d{3,4}", c.date) for c in e.cases),
            "4-8 see_also": 4 <= len(e.see_also) <= 8,
            "2-4 works to read": 2 <= len(e.further_reading) <= 4,
            "some inline cross-references": "[[" in e.definition,
        }
        failures += [f"{e.term}: {name}" for name, ok in checks.items() if not ok]
    assert failures == []


@pytest.mark.skipif(not ORIGINALITY.is_file(), reason="../shared/tools/originality.py is not beside this checkout")
def test_wording_is_original() -> None:
    result = subprocess.run(
        [sys.executable, str(ORIGINALITY), str(packaged_data())], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1].startswith("0 "), result.stdout


def test_no_listed_name_leads_to_another_entry(index: Index) -> None:
    """Every alias and cover of the target list opens its own entry, or is refused; never another entry."""
    wrong, found, total = [], 0, 0
    for target in TARGETS:
        for name in [*target.get("aliases", []), *target.get("covers", [])]:
            total += 1
            best = lookup(index, name).best
            if best is None:
                continue
            if best.matched == target["term"]:
                found += 1
            else:
                wrong.append(f"{name} -> {best.matched} (wanted {target['term']})")
    assert wrong == []
    assert found / total >= 0.95


def test_aliases_never_name_a_headword_of_another_entry(index: Index) -> None:
    heads = {t["term"].casefold(): t["term"] for t in TARGETS}
    clashes = [
        f"{e.term}: {name}"
        for e in index.entries
        for name in (*e.aliases, *e.covers)
        if heads.get(name.casefold(), e.term) != e.term
    ]
    assert clashes == []


def test_every_name_of_every_entry_opens_that_entry(index: Index) -> None:
    """Headwords, aliases and covers all lead to their own entry; a cover says it is covered."""
    wrong = []
    for entry in index.entries:
        for name in (entry.term, *entry.aliases, *entry.covers):
            best = lookup(index, name).best
            if best is None or best.matched != entry.term or best.covered != (name in entry.covers):
                wrong.append(f"{name} -> {best.matched if best else None} (wanted {entry.term})")
    assert wrong == []
