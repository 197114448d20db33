"""Lookup and search accuracy on the evaluation queries in benchmarks/data, per category, listing every miss.

Usage: python benchmarks/accuracy.py [--quiet]

lookup.tsv: query, expected headword(s) |-separated ("-" for a query that must be refused), category.
search.tsv: question-style query, the entries that answer it; a hit counts when one is in the top 3.
The queries were written from a student's point of view before the lookup was tuned; do not edit them
to fit the implementation.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from irconcepts.cache import open_index
from irconcepts.lookup import lookup
from irconcepts.search import search

DATA = Path(__file__).parent / "data"
SEARCH_DEPTH = 3


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def evaluate_lookup(index) -> dict[str, Tally]:  # type: ignore[no-untyped-def]
    tallies: dict[str, Tally] = defaultdict(Tally)
    for row in rows("lookup.tsv"):
        query, category = row["query"], row["category"]
        expected = set(row["expected"].split("|"))
        result = lookup(index, query)
        got = result.best.matched if result.best else "-"
        tally = tallies[category]
        tally.total += 1
        if got in expected:
            tally.right += 1
        else:
            how = f" ({result.best.method} {result.best.score:.0f})" if result.best else ""
            tally.misses.append(f"{query!r}: expected {row['expected']}, got {got}{how}")
    return dict(tallies)


def evaluate_search(index) -> Tally:  # type: ignore[no-untyped-def]
    tally = Tally()
    for row in rows("search.tsv"):
        expected = set(row["expected"].split("|"))
        hits = [h.term for h in search(index, row["query"], limit=SEARCH_DEPTH)]
        tally.total += 1
        if expected & set(hits):
            tally.right += 1
        else:
            tally.misses.append(f"{row['query']!r}: expected {row['expected']}, got {', '.join(hits) or 'nothing'}")
    return tally


def summary(index) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The headline figures: lookup (non-nonsense), nonsense refused, search top 3."""
    by_category = evaluate_lookup(index)
    found = [t for c, t in by_category.items() if c != "nonsense"]
    nonsense = by_category.get("nonsense", Tally())
    return {
        "lookup": sum(t.right for t in found) / sum(t.total for t in found),
        "nonsense": nonsense.rate,
        "search": evaluate_search(index).rate,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    index = open_index()
    by_category = evaluate_lookup(index)
    print(f"Lookup ({sum(t.total for t in by_category.values())} queries on {len(index)} entries)")
    print(f"{'category':16} {'right':>6} {'of':>5} {'rate':>7}")
    for category in sorted(by_category):
        t = by_category[category]
        print(f"{category:16} {t.right:6} {t.total:5} {t.rate:7.1%}")
    found = [t for c, t in by_category.items() if c != "nonsense"]
    right, total = sum(t.right for t in found), sum(t.total for t in found)
    nonsense = by_category.get("nonsense", Tally())
    print(f"{'all but nonsense':16} {right:6} {total:5} {right / total:7.1%}   (target ≥ 98%)")
    print(f"{'nonsense refused':16} {nonsense.right:6} {nonsense.total:5} {nonsense.rate:7.1%}   (target ≥ 95%)")
    searched = evaluate_search(index)
    print(f"\nSearch: an answering entry in the top {SEARCH_DEPTH} for {searched.right} of {searched.total} "
          f"question queries: {searched.rate:.1%}   (target ≥ 90%)")  # fmt: skip
    if args.quiet:
        return
    print("\nMisses:")
    for category in sorted(by_category):
        for miss in by_category[category].misses:
            print(f"  lookup/{category}: {miss}")
    for miss in searched.misses:
        print(f"  search: {miss}")


if __name__ == "__main__":
    main()
