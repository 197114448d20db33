"""The export commands as a user meets them: the installed CLI in subprocesses (and a pseudo-terminal for the
progress bar), on the whole glossary, with stdout, stderr and exit codes checked apart."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import bibtexparser
import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin

from irconcepts.cache import open_index

WIKILINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")


def wikilinks_plugin(md: MarkdownIt) -> None:
    """An inline rule for [[target|shown]], so that links are found as Markdown reads them (not in code)."""

    def rule(state: StateInline, silent: bool) -> bool:
        found = WIKILINK.match(state.src, state.pos)
        if found is None:
            return False
        if not silent:
            token = state.push("wikilink", "", 0)
            token.meta = {"target": found.group(1), "shown": found.group(2)}
        state.pos = found.end()
        return True

    md.inline.ruler.before("link", "wikilink", rule)


def parse_note(md: MarkdownIt, text: str) -> tuple[dict, list[str], list]:
    tokens = md.parse(text)
    assert tokens[0].type == "front_matter", "a note starts with front matter"
    fields = yaml.safe_load(tokens[0].content)
    links = [child.meta["target"] for t in tokens if t.type == "inline" for child in t.children or []
             if child.type == "wikilink"]  # fmt: skip
    return fields, links, tokens


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("vault") / "IR notes"
    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": str(cache_dir)}
    env.pop("IRCONCEPTS_DATA", None)
    done = subprocess.run([sys.executable, "-m", "irconcepts", "export", "obsidian", str(folder)],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    return folder


def test_vault_round_trip_every_front_matter_parses_and_every_link_lands(vault: Path) -> None:
    md = MarkdownIt("commonmark").use(front_matter_plugin).use(wikilinks_plugin)
    index = open_index()
    notes = {p.stem: p for p in vault.glob("*.md")}
    assert len(notes) == len(index) + 1  # and README.md
    every_link = 0
    for stem, path in notes.items():
        text = path.read_text(encoding="utf-8")
        if stem == "README":
            links = [m.group(1) for m in WIKILINK.finditer(text)]
            assert len(links) == len(index)
        else:
            fields, links, tokens = parse_note(md, text)
            entry = index.resolve(fields["title"])
            assert entry is not None and entry.term == fields["title"]
            assert fields["aliases"] == list(entry.aliases) and fields["covers"] == list(entry.covers)
            assert fields["tags"] == [f"ir/{entry.theme}"] and fields["summary"] == entry.summary
            headings = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
            assert len(headings) == 1
        for target in links:
            assert target in notes, f"{stem}: [[{target}]] has no note"
        every_link += len(links)
    assert every_link > 3000


def test_links_name_the_note_and_keep_the_text_shown(vault: Path) -> None:
    text = (vault / "liberal internationalism.md").read_text(encoding="utf-8")
    shown = {m.group(2) or m.group(1): m.group(1) for m in WIKILINK.finditer(text)}
    assert all(target in {p.stem for p in vault.glob("*.md")} for target in shown.values())
    covering = open_index().resolve("Fourteen Points")
    if covering is not None:  # the dangling link: now to the note that covers it
        for path in vault.glob("*.md"):
            for m in WIKILINK.finditer(path.read_text(encoding="utf-8")):
                if (m.group(2) or "") == "Fourteen Points":
                    assert m.group(1) == covering.term


def run_export(run, *args: str):
    return run("export", *args)


def test_rerun_changes_no_byte_and_an_edited_note_survives(run, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    first = run_export(run, "obsidian", str(folder), "--theme", "security")
    assert first.returncode == 0, first.stderr
    assert re.search(r"\d+ notes and README.md \(\d+ created\)", first.stderr)
    snapshot = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    again = run_export(run, "obsidian", str(folder), "-t", "security")
    assert again.returncode == 0 and "unchanged)" in again.stderr and "created" not in again.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == snapshot

    note = folder / "deterrence.md"
    mine = note.read_text(encoding="utf-8") + "\n## My notes\n\nSchelling lecture, week 3.\n"
    note.write_text(mine, encoding="utf-8")
    kept = run_export(run, "obsidian", str(folder), "-t", "security")
    assert kept.returncode == 0
    assert f"kept {note}: it was edited; --overwrite replaces it" in kept.stderr
    assert note.read_text(encoding="utf-8") == mine
    # the other theme is added beside it, the edited note still kept
    wider = run_export(run, "obsidian", str(folder), "-t", "security", "-t", "theory")
    assert wider.returncode == 0 and "kept" in wider.stderr and (folder / "realism.md").exists()
    assert note.read_text(encoding="utf-8") == mine
    forced = run_export(run, "obsidian", str(folder), "-t", "security", "--overwrite")
    assert forced.returncode == 0 and "replaced" in forced.stderr
    assert "My notes" not in note.read_text(encoding="utf-8")


def test_show_front_matter_is_the_vault_note(run, vault: Path) -> None:
    result = run("show", "balance of power", "--front-matter")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (vault / "balance of power.md").read_text(encoding="utf-8")


def test_show_front_matter_is_for_markdown_only(run) -> None:
    result = run("show", "realism", "--front-matter", "--format", "json")
    assert result.returncode == 2 and result.stdout == ""
    assert "--front-matter is for Markdown notes" in result.stderr


def test_a_section_piped_as_markdown_starts_with_the_term(run) -> None:
    result = run("show", "deterrence", "--section", "arguments")
    assert result.stdout.startswith("# deterrence\n\n## Arguments for\n")
    assert run("show", "deterrence", "--brief").stdout.count("\n") == 1  # --brief stays one bare line


def test_show_links_point_at_headword_notes(run) -> None:
    out = run("show", "realism").stdout
    targets = {m.group(1) for m in WIKILINK.finditer(out)}
    index = open_index()
    assert targets and all(index.resolve(t) is not None and index.resolve(t).term == t for t in targets)


def test_export_bibtex_to_stdout_parses_and_merges_duplicates(run) -> None:
    result = run_export(run, "bibtex")
    assert result.returncode == 0 and result.stderr == ""
    library = bibtexparser.parse_string(result.stdout)
    assert library.failed_blocks == []
    keys = [e.key for e in library.entries]
    assert len(keys) == len(set(keys)) > 500
    cited = sum(len(e.further_reading) for e in open_index().entries)
    assert len(keys) < cited  # works that several entries list appear once
    waltz = next(e for e in library.entries if e.key == "waltz1979theory")
    assert waltz.entry_type == "book" and waltz["publisher"] == "Addison-Wesley"
    assert "neorealism" in waltz["keywords"]


def test_export_ris_and_csl_json(run) -> None:
    ris = run_export(run, "ris", "-t", "theory").stdout
    assert ris.startswith("TY  - ") and ris.count("TY  - ") == ris.count("ER  - ") > 20
    items = json.loads(run_export(run, "csl-json").stdout)
    assert all({"id", "type", "title", "issued"} <= set(i) for i in items)


def test_cite_terms(run) -> None:
    one = run("cite", "security", "dilemma")
    assert one.returncode == 0 and one.stdout.startswith("@")
    assert all("security dilemma" in e["keywords"] for e in bibtexparser.parse_string(one.stdout).entries)
    two = run("cite", "realism", "liberalism", "--format", "ris")
    keywords = {line[6:] for line in two.stdout.splitlines() if line.startswith("KW  - ")}
    assert {"realism", "liberalism"} <= keywords
    missing = run("cite", "xyzzy")
    assert missing.returncode == 1 and missing.stdout == "" and "no entry for 'xyzzy'" in missing.stderr


def test_export_anki_file(run, tmp_path: Path) -> None:
    deck = tmp_path / "ir.apkg"
    result = run_export(run, "anki", str(deck))
    assert result.returncode == 0 and f"created {deck}" in result.stderr
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    assert db.execute("select count(*) from notes").fetchone() == (len(open_index()),)
    again = run_export(run, "anki", str(deck))  # the glossary has not changed: the same bytes
    assert again.returncode == 0 and f"unchanged {deck}" in again.stderr


def test_an_existing_file_that_differs_is_not_replaced(run, tmp_path: Path) -> None:
    mine = tmp_path / "readings.bib"
    mine.write_text("@book{mine, title={My own}}\n")
    result = run_export(run, "bibtex", str(mine))
    assert result.returncode == 4 and "add --overwrite to replace it" in result.stderr
    assert mine.read_text() == "@book{mine, title={My own}}\n"
    assert run_export(run, "bibtex", str(mine), "--overwrite").returncode == 0
    assert mine.read_text().startswith("@")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["obsidian"], 2, "needs a folder"),
        (["anki"], 2, "needs a file"),
        (["anki", "deck.txt"], 2, "only .apkg"),
        (["bibtex", "--format", "dot"], 2, "--format chooses the graph's format"),
        (["nonsense"], 2, "nonsense"),
        (["csv", "/nonexistent-dir/cards.tsv"], 4, "no folder /nonexistent-dir"),
    ],
)
def test_bad_export_lines(run, args: list[str], code: int, message: str) -> None:
    result = run_export(run, *args)
    assert result.returncode == code and message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_vault_where_a_file_stands_is_refused(run, tmp_path: Path) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("not a folder")
    result = run_export(run, "obsidian", str(blocker))
    assert result.returncode == 4 and str(blocker) in result.stderr and "Traceback" not in result.stderr
    assert blocker.read_text() == "not a folder"


def test_csv_and_graph(run) -> None:
    rows = run_export(run, "csv").stdout.splitlines()
    assert rows[0] == "term\tsummary\ttheme" and len(rows) == len(open_index()) + 1
    dot = run_export(run, "graph").stdout
    assert dot.startswith('digraph "irconcepts" {') and dot.count("subgraph cluster_") == 8
    mermaid = run_export(run, "graph", "--format", "mermaid", "-t", "theory").stdout
    assert mermaid.startswith("```mermaid\nflowchart LR\n") and mermaid.endswith("```\n")


def test_related_mermaid_neighbourhood(run) -> None:
    one = run("related", "deterrence", "--format", "mermaid").stdout
    two = run("related", "deterrence", "--format", "mermaid", "--depth", "2").stdout
    assert one.startswith("```mermaid\n") and '["deterrence"]' in one and "class " in one
    assert two.count('["') > one.count('["')
    refused = run("related", "deterrence", "--depth", "2")
    assert refused.returncode == 2 and "--format mermaid" in refused.stderr


def test_export_help_is_documented(run) -> None:
    listing = run("--help").stdout
    assert "export      Export notes, citations, flashcards or the graph" in listing
    assert "cite        Citations for the readings of some entries" in listing
    helped = run("help", "export").stdout
    assert "irconcepts export obsidian ~/notes/IR" in helped and "--overwrite" in helped
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    documented = ["irconcepts export obsidian", "irconcepts export bibtex", "irconcepts cite", "irconcepts export anki"]
    documented += ["irconcepts export graph", "--front-matter", "--format mermaid"]
    assert all(line in readme for line in documented)


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path: Path, cache_dir: Path) -> None:
    import pty
    import select

    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": str(cache_dir), "COLUMNS": "80", "TERM": "xterm"}
    env.pop("IRCONCEPTS_DATA", None)
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "irconcepts", "export", "obsidian", str(tmp_path / "v")],
                               stdin=secondary, stdout=secondary, stderr=secondary, env=env)  # fmt: skip
    os.close(secondary)
    seen = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=60) == 0
    os.close(primary)
    assert b"writing notes" in seen  # Rich's bar, drawn on the terminal
    piped = subprocess.run([sys.executable, "-m", "irconcepts", "export", "obsidian", str(tmp_path / "w")],
                           capture_output=True, env=env, timeout=60)  # fmt: skip
    assert b"writing notes" not in piped.stderr and b"\x1b" not in piped.stderr


@pytest.mark.parametrize("line", [["show", "realism"], ["search", "deterrence"], ["show", "realism", "-s", "cases"]])
def test_exports_cost_show_and_search_nothing(run, line: list[str]) -> None:
    run("list")
    code = (
        "import sys\nfrom irconcepts.__main__ import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = ('genanki', 'bibtexparser', 'pylatexenc', 'yaml', 'irconcepts.export.frontmatter', "
        "'irconcepts.export.graph', 'irconcepts.export.citations')\n"
        "sys.stderr.write(repr(sorted(m for m in heavy if m in sys.modules)))"
    )
    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": run.cache_dir}
    result = subprocess.run([sys.executable, "-c", code, *line], capture_output=True, text=True, env=env, timeout=60)
    assert result.stderr.splitlines()[-1] == "[]"


def test_tab_completes_export_kinds_formats_places_and_cite_terms(tmp_path: Path, monkeypatch) -> None:
    from irconcepts.complete import Request, candidates, parse_request

    def ask(line: str) -> list[str]:
        env = {"_IRCONCEPTS_COMPLETE": "complete_fish", "_IRCONCEPTS_PROTOCOL": "2", "_IRCONCEPTS_COMP_LINE": line}
        request = parse_request(env)
        assert isinstance(request, Request)
        return [c.value for c in candidates(request)]

    assert ask("irconcepts exp")[0] == "export"  # then terms, for the bare form
    assert ask("irconcepts export ") == ["obsidian", "bibtex", "ris", "csl-json", "anki", "csv", "graph"]
    assert ask("irconcepts export c") == ["csl-json", "csv"]
    assert ask("irconcepts export graph --format g") == ["graphml"]
    assert ask("irconcepts export -t security o") == ["obsidian"]
    (tmp_path / "vaults").mkdir()
    monkeypatch.chdir(tmp_path)
    assert ask("irconcepts export obsidian va") == ["vaults/"]
    assert ask("irconcepts cite --format r") == ["ris"]
    assert ask("irconcepts cite balance of p") == ["power"]
    assert ask("irconcepts related realism --format m") == ["markdown", "mermaid"]
