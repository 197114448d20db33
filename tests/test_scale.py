"""Lookups that stay bounded when thousands of names share a word (issue 22), and the tokeniser they rest on."""

from __future__ import annotations

import random
import string

from irconcepts.index import SECTIONS, TEXT_SECTIONS, Index, compile_index
from irconcepts.lookup import lookup
from irconcepts.model import Entry
from irconcepts.text import _WORD, fold, words

SHARED = 400  # names that share the word "variant"


def entry(term: str, *aliases: str, text: str = "A concept of the field.") -> Entry:
    return Entry(
        term=term,
        aliases=aliases,
        theme="theory",
        summary=text,
        definition=text,
        arguments_for=(),
        arguments_against=(),
        cases=(),
        see_also=(),
        further_reading=(),
    )


def glossary() -> list[Entry]:
    common = ["treaty", "war", "order", "power"]
    entries = [entry("realism", text="States seek power under anarchy.")]
    for n in range(1, SHARED + 1):
        word = common[n % len(common)]
        entries.append(entry(f"concept {n:04d}", f"{word} variant {n}", text=f"A {word} variant, number {n}."))
    return entries


class CountingIndex:
    """The compiled index read lazily, counting the entries a lookup reads, as a stored index would."""

    def __init__(self) -> None:
        compiled = compile_index(glossary())
        self.read: list[int] = []

        def read_entry(number: int) -> dict:
            self.read.append(number)
            return compiled.entry(number).to_record()

        sections = {name: compiled.section(name) for name in (*SECTIONS, *TEXT_SECTIONS)}
        self.index = Index(sections, read_entry=read_entry, count=len(compiled))


def test_a_near_miss_reads_a_few_entries_not_every_name_sharing_a_word() -> None:
    counted = CountingIndex()
    result = lookup(counted.index, f"realism variant {SHARED + 3}")
    assert result.best is None
    assert len(set(counted.read)) <= 10, f"read {len(set(counted.read))} of {SHARED + 1} entries"


def test_common_words_only_are_refused_without_reading_every_entry() -> None:
    counted = CountingIndex()
    result = lookup(counted.index, "treaty war variant")
    assert result.best is None
    assert len(set(counted.read)) <= 10 + 200  # at most DISCUSS_READ for "discussed in", not all 401


def test_names_made_of_common_words_are_still_found() -> None:
    index = CountingIndex().index
    assert lookup(index, "treaty variant 8").best.matched == "concept 0008"  # as written
    assert lookup(index, "variant treaty 8").best.matched == "concept 0008"  # in another order
    found = lookup(index, "realism vs power variant 7")  # two names joined: each found through its rarest word
    assert found.best is not None and found.best.matched == "realism"
    assert [m.matched for m in found.alternatives] == ["concept 0007"]


def test_each_name_is_filed_once_under_its_rarest_word() -> None:
    lines = compile_index(glossary()).section("rare_words").splitlines()
    keys = [line.split("\t")[1] for line in lines]
    assert len(keys) == len(set(keys))
    filed = {line.split("\t")[1]: line.split("\t")[0] for line in lines}
    treaty_8 = next(key for key in filed if key.startswith("8 trea"))
    assert filed[treaty_8] == "8"  # not "variant", which 400 names hold
    assert filed["real"] == "real"  # realism, as a stem


def test_ascii_words_match_the_folded_words() -> None:
    rng = random.Random(22)
    alphabet = string.printable + "’–é"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert words(text) == _WORD.findall(fold(text)), text
    assert words("The state's war-time Order_of 1648") == ["the", "states", "war", "time", "order", "of", "1648"]
