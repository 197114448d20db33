"""Lookup and search accuracy on the evaluation sets in benchmarks/data, listing every miss.

Usage: python benchmarks/accuracy.py [--quiet]

lookup.tsv: the glossary's own names as students type them (query, expected headword(s) |-separated, "-"
    for a query that must be refused, category).
student-vocab.tsv: terms from lecture slides, textbook glossaries and exam questions; expected "-" where no
    entry is that concept (the right answer is exit 1).
outside-terms.tsv: real terms no entry is about (other concepts, treaties, people, everyday phrases sharing
    a word with an entry); "-" unless an entry covers the term by name.
search.tsv: question-style queries and the entries that answer them; a hit counts when one is in the top 3.

Every set was written before the lookup was tuned, by someone who had not read its code; do not edit them to
fit the implementation. The figure that matters most is "confidently wrong": an answer (exit 0) that is not
an acceptable entry, across every lookup set.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from irconcepts.cache import open_index
from irconcepts.lookup import lookup
from irconcepts.search import search

DATA = Path(__file__).parent / "data"
SEARCH_DEPTH = 3
LOOKUP_SETS = ("lookup.tsv", "student-vocab.tsv", "outside-terms.tsv")
TARGETS = {"names": 0.98, "nonsense": 0.95, "student": 0.97, "outside": 0.97, "search": 0.90}
WRONG_CEILING = 0.01


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    wrong: int = 0  # answered, with an entry that is not acceptable
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total
        self.wrong += other.wrong


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def evaluate(index, name: str) -> tuple[dict[str, Tally], Counter[str]]:  # type: ignore[no-untyped-def]
    """Per category of one set: right (the expected entry, or refused when "-" is expected) and wrong; and
    which stage gave each wrong answer."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    wrong_by_stage: Counter[str] = Counter()
    for row in rows(name):
        query, category = row["query"], row["category"]
        expected = set(row["expected"].split("|"))
        result = lookup(index, query)
        got = result.best.matched if result.best else "-"
        tally = tallies[category]
        tally.total += 1
        if got in expected:
            tally.right += 1
            continue
        if result.best is not None:
            tally.wrong += 1
            wrong_by_stage[result.best.method] += 1
        how = f" ({result.best.method} via {result.best.via!r})" if result.best else ""
        tally.misses.append(f"{query!r}: expected {row['expected']}, got {got}{how}")
    return dict(tallies), wrong_by_stage


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


def _total(tallies: dict[str, Tally], keep=lambda category: True) -> Tally:  # type: ignore[no-untyped-def]
    out = Tally()
    for category, tally in tallies.items():
        if keep(category):
            out.add(tally)
    return out


def figures(index) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The headline figures: right-first on the glossary's names, nonsense refused, student vocabulary and
    outside terms answered right, search top 3, and confidently wrong across every lookup set."""
    names, _ = evaluate(index, "lookup.tsv")
    student, _ = evaluate(index, "student-vocab.tsv")
    outside, _ = evaluate(index, "outside-terms.tsv")
    everything = Tally()
    for tallies in (names, student, outside):
        everything.add(_total(tallies))
    return {
        "names": _total(names, lambda c: c != "nonsense").rate,
        "nonsense": _total(names, lambda c: c == "nonsense").rate,
        "student": _total(student).rate,
        "outside": _total(outside).rate,
        "search": evaluate_search(index).rate,
        "confidently_wrong": everything.wrong / everything.total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    index = open_index()
    everything = Tally()
    all_wrong_stages: Counter[str] = Counter()
    misses: list[str] = []
    for name in LOOKUP_SETS:
        tallies, wrong_stages = evaluate(index, name)
        all_wrong_stages.update(wrong_stages)
        print(f"\n{name} ({sum(t.total for t in tallies.values())} queries on {len(index)} entries)")
        print(f"  {'category':18} {'right':>6} {'wrong':>6} {'of':>5} {'rate':>7}")
        for category in sorted(tallies):
            t = tallies[category]
            print(f"  {category:18} {t.right:6} {t.wrong:6} {t.total:5} {t.rate:7.1%}")
            misses += [f"{name}/{category}: {miss}" for miss in t.misses]
        everything.add(_total(tallies))
    headline = figures(index)
    searched = evaluate_search(index)
    print("\nHeadline")
    print(f"  right first on the glossary's names   {headline['names']:7.1%}   (target ≥ {TARGETS['names']:.0%})")
    print(f"  nonsense refused                      {headline['nonsense']:7.1%}   (target ≥ {TARGETS['nonsense']:.0%})")
    print(f"  student vocabulary answered right     {headline['student']:7.1%}   (target ≥ {TARGETS['student']:.0%})")
    print(f"  outside terms answered right          {headline['outside']:7.1%}   (target ≥ {TARGETS['outside']:.0%})")
    print(f"  search: an answer in the top {SEARCH_DEPTH}         {searched.rate:7.1%}   "
          f"(target ≥ {TARGETS['search']:.0%})")  # fmt: skip
    print(f"  confidently wrong, all lookup sets    {everything.wrong / everything.total:7.2%}   "
          f"({everything.wrong} of {everything.total}; ceiling {WRONG_CEILING:.0%})")  # fmt: skip
    if all_wrong_stages:
        print("  wrong answers by stage: " + ", ".join(f"{m} {n}" for m, n in all_wrong_stages.most_common()))
    if args.quiet:
        return
    print("\nMisses:")
    for miss in misses:
        print(f"  {miss}")
    for miss in searched.misses:
        print(f"  search.tsv: {miss}")


if __name__ == "__main__":
    main()
