"""Property tests (Hypothesis, bounded to a few seconds): whatever a user types or writes, lookup, search,
completion and the loader answer without raising, and what they answer is well formed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irconcepts.complete import Request, candidates, parse_request
from irconcepts.index import Index
from irconcepts.load import load_text
from irconcepts.lookup import lookup
from irconcepts.search import search

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# queries: any text, with a bias towards the glossary's own words, spaces, punctuation and control characters
words = st.sampled_from(["balance", "of", "power", "anarchy", "sovereign", "Mukden", "détente", "vs", "what is"])
queries = st.one_of(st.text(max_size=40), st.lists(words, min_size=1, max_size=5).map(" ".join))


@BOUNDED
@given(query=queries)
def test_lookup_answers_every_query_with_a_real_entry_or_none(mini_index: Index, query: str) -> None:
    result = lookup(mini_index, query)
    terms = set(mini_index.terms)
    if result.best is not None:
        assert result.best.matched in terms and 0 <= result.best.score <= 100
        assert all(m.matched in terms for m in result.alternatives)
    assert set(result.discussed_in) <= terms and set(result.suggestions) <= terms


@BOUNDED
@given(query=queries)
def test_search_never_raises_and_ranks_real_entries(mini_index: Index, query: str) -> None:
    hits = search(mini_index, query, limit=5)
    assert len(hits) <= 5 and all(h.term in set(mini_index.terms) for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@BOUNDED
@given(line=st.text(max_size=40))
def test_completion_never_raises(line: str) -> None:
    env = {"_IRCONCEPTS_COMPLETE": "complete_zsh", "_IRCONCEPTS_PROTOCOL": "2", "_IRCONCEPTS_COMP_LINE": line}
    request = parse_request(env)
    if request is not None:
        assert isinstance(request, Request)
        assert all(isinstance(c.value, str) for c in candidates(request))


yaml_ish = st.lists(
    st.sampled_from(
        ["- term: x\n", "  theme: theory\n", "  summary: s\n", "  definition: d\n", "  aliases: [a, b]\n", "- ",
         "  covers: [c]\n", "term: NO\n", "  see_also: [y]\n", "? [a, b]\n", "  definition: [a]\n", "\t", ": ", "&a ",
         "*a\n", "'", '"', "[[x|", "\n"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@BOUNDED
@given(text=st.one_of(yaml_ish, st.text(max_size=80)))
def test_the_loader_reports_problems_with_a_line_never_an_exception(text: str) -> None:
    result = load_text(text, "mine.yaml")
    for problem in result.problems:
        assert problem.file == "mine.yaml" and problem.line >= 0 and problem.message


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to wait on a live child")
def test_sigkill_during_a_rebuild_leaves_a_working_cache(tmp_path: Path) -> None:
    """A rebuild killed mid-write leaves the old state usable; the next run rebuilds; a stale temporary
    file (over an hour old) is removed by the next write."""
    import os
    import signal
    import subprocess
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import speed  # the benchmark's generator of valid, full-size entries

    big = tmp_path / "big.yaml"
    speed.fake_glossary(1500, big)
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("IRCONCEPTS_")}
    env |= {"IRCONCEPTS_CACHE_DIR": str(cache), "IRCONCEPTS_DATA": str(big)}
    argv = [sys.executable, "-m", "irconcepts", "show", "--brief", "anarchy"]
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # well into loading and compiling 1,500 entries
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() and "Traceback" not in done.stderr
    stale = cache / ".index-stale.tmp"
    stale.write_bytes(b"half a write")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    big.write_text(big.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a change: the next run writes
    again = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and not stale.exists()
