"""The one-pass index compiler and the lazy item cutter behind the first run at scale (issue 22)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from irconcepts.compiler import IndexBuilder, ordered
from irconcepts.compiler.postings import PostingsBuilder, note_words
from irconcepts.index import (
    FIELD_WEIGHTS,
    SECTIONS,
    TEXT_SECTIONS,
    Index,
    compile_index,
    initials,
    name_keys,
    word_order_key,
)
from irconcepts.load import _top_level_items, _top_level_items_by_lines, load_text
from irconcepts.model import Case, Entry
from irconcepts.text import search_stem, search_stems, stems

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def entry(term: str, text: str, *, cases: tuple[Case, ...] = (), aliases: tuple[str, ...] = ()) -> Entry:
    return Entry(
        term=term,
        aliases=aliases,
        theme="theory",
        summary=text,
        definition=text,
        arguments_for=(),
        arguments_against=(),
        cases=cases,
        see_also=(),
        further_reading=(),
    )


def cut(cutter, text: str) -> list[tuple[int, str]] | None:  # type: ignore[no-untyped-def]
    items = cutter(text)
    return None if items is None else list(items)


def test_items_are_cut_lazily_exactly_as_line_by_line() -> None:
    rng = random.Random(22)
    parts = ["- ", "-", "-\n", "  x: 1\n", "\n", "# c\n", "---\n", "- a\n", "...\n", "%Y\n", " - b\n", "x\n", "-x\n"]
    split = 0
    for _ in range(20_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        assert cut(_top_level_items, text) == cut(_top_level_items_by_lines, text), repr(text)
        split += cut(_top_level_items, text) is not None
    assert split > 1000  # the comparison covered files that split, not only ones that do not


def test_a_file_with_other_line_breaks_keeps_its_lines_in_messages() -> None:
    text = "- term: a\r\n  theme: theory\r\n  summary: S.\r\n  definition: D.\r\n- term: NO\r\n  theme: theory\r\n"
    problems = [f"{p.line}: {p.message}" for p in load_text(text, "x.yaml").problems]
    assert (
        "5: term must be text, but YAML reads a true/false value ('NO'); put it in quotes to make it text" in problems
    )


def test_postings_sum_weights_one_occurrence_at_a_time() -> None:
    # cases weigh 1.2, and a word three times there weighs 1.2 + 1.2 + 1.2, summed as the word-by-word count did
    case = Case(date="1990", event="Gulf", detail="embargo embargo embargo")
    builder = IndexBuilder()
    builder.add(entry("sanction", "A measure.", cases=(case,)))
    token = search_stem("embargo")
    assert builder.postings.weights_of(token) == [1.2 + 1.2 + 1.2]
    index = compile_index([entry("sanction", "A measure.", cases=(case,))])
    assert index.posting(token) == [(0, 3.6)]
    assert index.doc_lengths == [6.0 + 2.0 + 1.0 + 1.2 * 5]  # term, summary and definition ("a" is a stop word), cases


def test_vocabulary_flags_are_the_same_on_the_fast_and_the_folded_path() -> None:
    plain = compile_index([entry("realism", "States seek Power; NATO power.")])
    apostrophe = compile_index([entry("realism", "States seek Power; NATO power. The state's view.")])
    accented = compile_index([entry("realism", "States seek Power; NATO power. Émile.")])
    for index in (plain, apostrophe, accented):
        assert index.word_flag("power") == "l"  # once in lower case: an ordinary word
        assert index.word_flag("nato") == "u"  # only capitalised: a name
        assert index.word_flag("states") == "u"
    assert accented.word_flag("emile") == "u" and apostrophe.word_flag("view") == "l"


def test_the_fast_word_counts_are_the_word_by_word_definition() -> None:
    # The builder splits ASCII text by bytes and stems each distinct word as written once; the definition is
    # text.search_stems word by word, each word adding its field's weight, and note_words on the text as
    # written. Random texts mixing the marks that part or join words must give the same postings and flags.
    pieces = ["State", "state's", "STATES", "l'etat", "`quoted`", "don’t", "Émile", "co-operation", "war—peace"]
    pieces += ["1648", "x_y", "naïve", "‘world’", "it's", "NATO", "a", "the", "of", "Power", "power.", "(UN)"]
    rng = random.Random(22)
    builder = PostingsBuilder()
    expected: dict[str, dict[int, float]] = {}
    flags: dict[str, str] = {}
    for number in range(300):
        fields = {name: " ".join(rng.choices(pieces, k=rng.randint(0, 12))) for name in FIELD_WEIGHTS}
        builder.add(number, fields)
        for name, text in fields.items():
            note_words(flags, text)
            for token in search_stems(text):
                counts = expected.setdefault(token, {})
                counts[number] = counts.get(number, 0.0) + FIELD_WEIGHTS[name]
    assert {token: dict(zip(*_pairs(builder, token), strict=True)) for token in builder.packed} == expected
    assert builder.vocabulary() == flags
    assert search_stem("dont") in expected and "don" not in expected  # an apostrophe joins: don’t is one word


def _pairs(builder: PostingsBuilder, token: str) -> tuple[list[int], list[float]]:
    numbers = [posting & 0xFFFFFFFF for posting in builder.packed[token]]
    return numbers, builder.weights_of(token)


def test_the_builder_releases_what_each_section_was_made_from() -> None:
    builder = IndexBuilder()
    for item in ordered([entry("balance of power", "Power balances power."), entry("anarchy", "No rule.")]):
        builder.add(item)
    sections = dict(builder.sections())
    assert builder.postings.packed == {} and builder.keys == {} and builder.name_lines == set()
    index = Index(sections, ordered([entry("balance of power", "x"), entry("anarchy", "y")]))
    assert index.key_hit("balance of power") == (1, "balance of power", "term")
    assert [n for n, _ in index.posting(search_stem("power"))] == [1]


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="memory is sampled from Linux's /proc")
def test_a_first_run_at_scale_stays_within_its_memory(tmp_path: Path) -> None:
    """A floor under benchmarks/speed.py's figure: 2,000 generated full-size entries (12.5 MB of YAML) compiled
    in a fresh process and the child it forks to count postings, their memory added up (PSS, sampled as the
    benchmark does). On 2026-12-01 it peaked at 88-89 MB in three runs."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from speed import fake_glossary, peak_memory_mb
    finally:
        sys.path.remove(str(BENCHMARKS))
    big = tmp_path / "big.yaml"
    fake_glossary(2_000, big)
    # A minimal environment: what other tests left in os.environ must not move the figure
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    env |= {"IRCONCEPTS_CACHE_DIR": str(tmp_path / "cache"), "IRCONCEPTS_DATA": str(big)}
    peak, _ = peak_memory_mb([sys.executable, "-m", "irconcepts", "soverignty"], env)
    assert 0 < peak < 100, f"peak {peak:.0f} MB"
    shown = subprocess.run(
        [sys.executable, "-m", "irconcepts", "show", "-f", "json", "sovereignty"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert shown.returncode == 0 and '"sovereignty"' in shown.stdout.lower()


def test_name_keys_in_one_pass_are_the_keys_each_function_makes() -> None:
    # the compile files names by name_keys; lookups make the same keys one function at a time
    rng = random.Random(7)
    glossary = Path(__file__).resolve().parents[1] / "data" / "entries.yaml"
    pool = glossary.read_text(encoding="utf-8").split()
    names = ["balance of power", "the Peace of Westphalia", "North Atlantic Treaty Organization", "UN", "of the"]
    names += [" ".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    for name in names:
        both = {initials(name), initials(name, keep_function_words=True)} - {""}
        expected = (" ".join(stems(name, drop_stop_words=False)), word_order_key(name), both)
        assert name_keys(name) == expected, name
    assert name_keys("balance of power")[2] == {"bp", "bop"}


def test_a_text_section_given_as_lines_or_in_a_file_reads_and_writes_as_the_joined_text(tmp_path: Path) -> None:
    from irconcepts import store

    entries = ordered([entry("balance of power", "Power balances power."), entry("anarchy", "No rule.")])
    compiled = compile_index(entries)
    sections = {name: compiled.section(name) for name in (*SECTIONS, *TEXT_SECTIONS)}
    text = sections["postings"]
    assert isinstance(text, str) and text.count("\n") > 3
    as_text = Index(sections, entries)
    as_lines = Index(dict(sections, postings=text.splitlines(keepends=True)), entries)
    in_file = Index(dict(sections, postings=store.TextFile().write(text.splitlines(keepends=True))), entries)
    for index, name in ((as_text, "text.bin"), (as_lines, "lines.bin"), (in_file, "file.bin")):
        assert index.section("postings") == text
        for token in {line.split("\t")[0] for line in text.splitlines()} | {"zzz", ""}:
            assert index.posting(token) == as_text.posting(token)
        assert b"".join(index.text_chunks("postings")).decode() == text
        store.write(str(tmp_path / name), "key", index)
    assert (tmp_path / "text.bin").read_bytes() == (tmp_path / "lines.bin").read_bytes()
    assert (tmp_path / "text.bin").read_bytes() == (tmp_path / "file.bin").read_bytes()


def test_pieces_of_lines_hold_whole_lines() -> None:
    from irconcepts.store import encoded_pieces

    lines = [f"{'é' * n}\t{n}\n" for n in range(200)]
    pieces = list(encoded_pieces(lines, size=50))
    assert b"".join(pieces).decode() == "".join(lines) and len(pieces) > 10
    assert all(piece.endswith(b"\n") for piece in pieces)
