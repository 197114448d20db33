"""Exports, as pieces: note names, the vault's notes and links, references and their formats, flashcards and
the graph; on a fixture whose names and readings are awkward on purpose (tests/data/notes.yaml)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import pytest
import yaml

from irconcepts import __version__
from irconcepts.errors import WriteError
from irconcepts.export import cite_formats, files, flashcards, graph, obsidian
from irconcepts.export.citations import Name, base_key, classify, references, split_names
from irconcepts.export.frontmatter import front_matter
from irconcepts.export.names import note_names, safe_name
from irconcepts.model import Entry
from irconcepts.validate import load_glossary

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
WIKILINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 rewrites it after review"


@pytest.fixture(scope="module")
def fixture_entries() -> list[Entry]:
    entries, problems = load_glossary([HERE / "data" / "notes.yaml"])
    assert problems == []
    return entries


@pytest.fixture(scope="module")
def mini_entries() -> list[Entry]:
    entries, problems = load_glossary([HERE / "data" / "mini.yaml"])
    assert problems == []
    return entries


def by_term(entries: list[Entry], term: str) -> Entry:
    return next(e for e in entries if e.term == term)


# note names


@pytest.mark.parametrize(
    ("headword", "name"),
    [
        ("balance of power", "balance of power"),
        ("war on terror: 9/11 and after?", "war on terror - 9-11 and after"),
        ("aux", "aux_"),  # Windows reserves AUX, CON, NUL, COM1 ... with any extension
        ("Com1.notes", "Com1.notes_"),
        ("...hidden. ", "hidden"),
        ('a|b [c] #d ^e "f"', "a-b (c) d e 'f'"),
        ("de\u0301tente", "détente"),  # decomposed accents (as macOS stores them) become composed
        ("?", "untitled"),
    ],
)
def test_safe_names(headword: str, name: str) -> None:
    assert safe_name(headword) == name


def test_a_long_name_is_cut_to_what_file_systems_allow() -> None:
    assert len(safe_name("ü" * 300).encode()) <= 200


def test_names_differing_only_in_case_get_distinct_files() -> None:
    names = note_names(["Realism", "realism", "README"], reserved=["README"])
    assert len({n.casefold() for n in names.values()}) == 3
    assert names["README"] != "README"


# the vault


def test_golden_note(mini_entries: list[Entry]) -> None:
    notes = obsidian.vault(mini_entries, mini_entries)
    # the version is in the front matter; the golden file holds a placeholder so a release does not break it
    golden("balance-of-power.note.md", notes["balance of power.md"].replace(__version__, "VERSION"))


def test_front_matter_keys_are_a_contract(fixture_entries: list[Entry]) -> None:
    entry = by_term(fixture_entries, "détente")
    assert list(front_matter(entry)) == ["title", "aliases", "tags", "summary", "covers", "source"]
    assert front_matter(entry)["tags"] == ["ir/history-and-events"]


def test_every_link_lands_on_a_note_by_its_file_name(fixture_entries: list[Entry]) -> None:
    notes = obsidian.vault(fixture_entries, fixture_entries)
    war = notes["war on terror - 9-11 and after.md"]
    # an alias in another case, a name Windows reserves, an alias, and a cover: each to its headword's note
    assert "[[détente|détente-era]]" in war
    assert "[[aux_|Aux]]" in war
    assert "[[war on terror - 9-11 and after|gwot]]" in war
    assert "[[détente|Helsinki Final Act]]" in war
    stems = {name.removesuffix(".md") for name in notes}
    for text in notes.values():
        for target, _ in WIKILINK.findall(text):
            assert target in stems


def test_a_link_to_an_entry_outside_the_vault_is_plain_text(fixture_entries: list[Entry]) -> None:
    war = by_term(fixture_entries, "war on terror: 9/11 and after?")
    notes = obsidian.vault([war], fixture_entries)  # only one theme exported
    text = notes["war on terror - 9-11 and after.md"]
    assert "détente-era debates" in text and "[[détente" not in text
    assert "[[war on terror - 9-11 and after|gwot]]" in text


def test_the_front_matter_is_yaml_with_the_entry_fields(fixture_entries: list[Entry]) -> None:
    notes = obsidian.vault(fixture_entries, fixture_entries)
    text = notes["war on terror - 9-11 and after.md"]
    _, head, body = text.split("---\n", 2)
    fields = yaml.safe_load(head)
    assert fields["title"] == "war on terror: 9/11 and after?"  # quoted by the dumper: it holds ': '
    assert fields["aliases"] == ["GWOT"] and fields["covers"] == ["Patriot Act"]
    assert fields["tags"] == ["ir/security"] and fields["source"].startswith("irconcepts ")
    assert body.startswith("\n# war on terror: 9/11 and after?\n")
    assert "*security*" not in body  # the theme line is in the front matter now


def test_the_index_note_lists_every_note_by_theme(fixture_entries: list[Entry]) -> None:
    index = obsidian.vault(fixture_entries, fixture_entries)["README.md"]
    assert index.index("## theory") < index.index("## security") < index.index("## history-and-events")
    assert {t for t, _ in WIKILINK.findall(index)} == {"aux_", "war on terror - 9-11 and after", "détente"}


# writing files


def test_write_tree_keeps_an_edited_file_and_updates_an_unedited_one(tmp_path: Path) -> None:
    first = files.write_tree(str(tmp_path), {"a.md": "one\n", "b.md": "two\n"}, overwrite=False)
    assert sorted(first.created) == ["a.md", "b.md"]
    (tmp_path / "b.md").write_text("two, with my own notes\n")
    second = files.write_tree(str(tmp_path), {"a.md": "one, revised\n", "b.md": "two, revised\n"}, overwrite=False)
    assert second.updated == ["a.md"] and second.kept == ["b.md"]
    assert (tmp_path / "a.md").read_text() == "one, revised\n"
    assert (tmp_path / "b.md").read_text() == "two, with my own notes\n"
    # still the student's on the next run: the manifest remembers what this tool last wrote
    third = files.write_tree(str(tmp_path), {"a.md": "one, revised\n", "b.md": "two, again\n"}, overwrite=False)
    assert third.kept == ["b.md"] and third.unchanged == ["a.md"]
    forced = files.write_tree(str(tmp_path), {"a.md": "one, revised\n", "b.md": "two, again\n"}, overwrite=True)
    assert forced.replaced == ["b.md"] and (tmp_path / "b.md").read_text() == "two, again\n"


def test_an_unchanged_rerun_touches_nothing(tmp_path: Path) -> None:
    files.write_tree(str(tmp_path), {"a.md": "one\n"}, overwrite=False)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    again = files.write_tree(str(tmp_path), {"a.md": "one\n"}, overwrite=False)
    assert again.unchanged == ["a.md"]
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


def test_a_run_that_fails_midway_leaves_each_file_old_or_new(tmp_path: Path, monkeypatch) -> None:
    names = [f"n{i}.md" for i in range(6)]
    files.write_tree(str(tmp_path), {n: f"old {n}\n" for n in names}, overwrite=False)
    real = files.replace_atomically
    calls = []

    def failing(path: str, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 4:
            # fail the way a full disk does: after part of the bytes is written to the temporary file
            with open(path + ".partial.tmp", "wb") as partial:
                partial.write(data[:3])
            os.unlink(path + ".partial.tmp")
            raise WriteError(f"cannot write {path}: No space left on device")
        real(path, data)

    monkeypatch.setattr(files, "replace_atomically", failing)
    with pytest.raises(WriteError):
        files.write_tree(str(tmp_path), {n: f"new {n}\n" for n in names}, overwrite=False)
    monkeypatch.setattr(files, "replace_atomically", real)
    contents = [(tmp_path / n).read_text() for n in names]
    assert all(c in (f"old {n}\n", f"new {n}\n") for c, n in zip(contents, names, strict=True))
    assert contents.count(f"new {names[0]}\n") == 1 and "old n5.md\n" in contents
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # the manifest recorded the notes written before the failure: the next run updates the rest
    rerun = files.write_tree(str(tmp_path), {n: f"new {n}\n" for n in names}, overwrite=False)
    assert rerun.kept == [] and len(rerun.unchanged) == 3 and len(rerun.updated) == 3


def test_replace_atomically_leaves_no_temporary_file_on_failure(tmp_path: Path) -> None:
    (tmp_path / "target.md").mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(WriteError, match=r"target\.md"):
        files.replace_atomically(str(tmp_path / "target.md"), b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["target.md"]


def test_write_file_refuses_to_replace_a_file_that_differs(tmp_path: Path) -> None:
    target = tmp_path / "readings.bib"
    assert files.write_file(str(target), b"a", overwrite=False) == "created"
    assert files.write_file(str(target), b"a", overwrite=False) == "unchanged"
    with pytest.raises(WriteError, match="--overwrite"):
        files.write_file(str(target), b"b", overwrite=False)
    assert target.read_bytes() == b"a"
    assert files.write_file(str(target), b"b", overwrite=True) == "updated"


# references


@pytest.mark.parametrize(
    ("published", "fields"),
    [
        ("International Security 20(4)", {"kind": "article", "journal": "International Security", "volume": "20",
                                          "issue": "4"}),
        ("Foreign Policy 134", {"kind": "article", "journal": "Foreign Policy", "volume": "134"}),
        ("Philosophy & Public Affairs 12(3) and 12(4)", {"journal": "Philosophy & Public Affairs", "volume": "12",
                                                         "issue": "3 and 4"}),
        ("Organizational Behavior and Human Decision Processes 73(2-3)", {"volume": "73", "issue": "2-3"}),
        ("Review of International Studies 24 (special issue, December 1998)", {"kind": "article", "volume": "24",
                                                                               "note": "special issue, December 1998"}),
        ("Brookings Papers on Economic Activity, Spring 2023", {"kind": "article", "issue": "Spring 2023"}),
        ("Princeton University Press", {"kind": "book", "publisher": "Princeton University Press"}),
        ("Little, Brown", {"kind": "book", "publisher": "Little, Brown"}),
        ("University of California Press (first published in Spanish, 1969)",
         {"kind": "book", "publisher": "University of California Press", "note": "first published in Spanish, 1969"}),
        ("NBER Working Paper 28115", {"kind": "report", "publisher": "NBER", "series": "Working Paper",
                                      "number": "28115"}),
        ("Goldman Sachs, Global Economics Paper No. 66", {"kind": "report", "publisher": "Goldman Sachs",
                                                          "number": "66"}),
        ("RAND Corporation (R-2154-AF)", {"kind": "report", "publisher": "RAND Corporation", "number": "R-2154-AF"}),
        ("East-West Center Washington (Policy Studies 16)", {"kind": "report", "series": "Policy Studies",
                                                             "number": "16"}),
    ],
)  # fmt: skip
def test_published_is_split_into_fields(published: str, fields: dict[str, str]) -> None:
    found = classify(published, set())
    assert {k: found.get(k, "") for k in fields} == fields


def test_a_journal_known_from_another_citation_is_a_journal_without_volume() -> None:
    assert classify("Foreign Affairs", {"Foreign Affairs"})["kind"] == "article"


@pytest.mark.parametrize(
    ("author", "names", "editors"),
    [
        ("Waltz, Kenneth N.", [Name("Waltz", "Kenneth N.")], False),
        ("Keohane, Robert O. and Nye, Joseph S.", [Name("Keohane", "Robert O."), Name("Nye", "Joseph S.")], False),
        ("Acemoglu, Daron, Johnson, Simon and Robinson, James A.",
         [Name("Acemoglu", "Daron"), Name("Johnson", "Simon"), Name("Robinson", "James A.")], False),
        ("Adler, Emanuel and Barnett, Michael (eds)", [Name("Adler", "Emanuel"), Name("Barnett", "Michael")], True),
        ("Claude, Inis L., Jr.", [Name("Claude", "Inis L.", "Jr.")], False),
        ("World Bank", [Name(literal="World Bank")], False),
    ],
)  # fmt: skip
def test_authors_are_split_into_names(author: str, names: list[Name], editors: bool) -> None:
    assert split_names(author) == (tuple(names), editors)


def test_keys_are_author_year_and_first_title_word() -> None:
    assert base_key((Name("Waltz", "Kenneth N."),), "1979", "Theory of International Politics") == "waltz1979theory"
    assert base_key((Name("von Clausewitz", "Carl"),), "1832", "On War") == "clausewitz1832war"
    assert base_key((Name("Mégret", "F."),), "2020", "The United Nations") == "megret2020united"
    assert base_key((Name(literal="World Bank"),), "1993", "The East Asian Miracle") == "world1993east"


def test_a_work_cited_twice_is_one_reference(fixture_entries: list[Entry]) -> None:
    refs = references(fixture_entries)
    unipolar = [r for r in refs if r.title == "The Unipolar Moment"]
    assert len(unipolar) == 1  # written "1990" in one entry and "1990/91" in another
    assert unipolar[0].year == "1990/91" and unipolar[0].years == [1990, 1991]
    assert unipolar[0].cited_in == ("détente", "war on terror: 9/11 and after?")
    assert len({r.key for r in refs}) == len(refs) == 6


def test_works_sharing_a_key_get_letters(fixture_entries: list[Entry]) -> None:
    entry = by_term(fixture_entries, "aux")
    from dataclasses import replace

    from irconcepts.model import Citation

    twin = Citation("Claude, Inis L.", "1956", "Swords and Shields", "Random House")
    refs = references([replace(entry, further_reading=(*entry.further_reading, twin))])
    assert [r.key for r in refs] == ["claude1956swordsa", "claude1956swordsb"]
    assert refs[1].title == "Swords into Plowshares: The Problems and Progress of International Organization"


def test_golden_bibtex_record(fixture_entries: list[Entry]) -> None:
    refs = [r for r in references(fixture_entries) if r.key == "megret2020united"]
    golden("megret2020united.bib", cite_formats.bibtex(refs))


def test_bibtex_parses_with_bibtexparser_and_fills_zoteros_fields(fixture_entries: list[Entry]) -> None:
    refs = references(fixture_entries)
    library = bibtexparser.parse_string(cite_formats.bibtex(refs))
    assert library.failed_blocks == [] and len(library.entries) == len(refs)
    entries = {e.key: e for e in library.entries}
    article = entries["krauthammer1990unipolar"]
    assert article.entry_type == "article"
    assert {k: article[k] for k in ("journal", "volume", "number", "year")} == {
        "journal": "Foreign Affairs", "volume": "70", "number": "1", "year": "1990"}  # fmt: skip
    book = entries["megret2020united"]
    assert book["editor"] == "M\\'egret, Fr\\'ed\\'eric and Alston, Philip"  # LaTeX accents, split by ' and '
    assert book["title"] == "{The United Nations \\& Human Rights: A Critical Appraisal}"
    assert entries["world1993east"]["author"] == "{World Bank}"  # braced: one institution, not family+given
    assert entries["claude1956swords"]["author"] == "Claude, Jr., Inis L."
    report = entries["antras2020deglobalisation"]
    assert report.entry_type == "techreport" and report["institution"] == "NBER" and report["number"] == "28115"
    for entry in library.entries:  # what Zotero needs to import a usable item
        assert {"title", "year"} <= set(entry.fields_dict) and ({"author", "editor"} & set(entry.fields_dict))
        needs = {"article": "journal", "book": "publisher", "techreport": "institution"}[entry.entry_type]
        assert entry[needs]


RIS_LINE = re.compile(r"^(?:[A-Z][A-Z0-9])  - (?:\S.*)?$")
RIS_TYPES = {"JOUR", "BOOK", "RPRT", "CHAP", "EDBOOK"}


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS by its specification: 'XX  - value' lines, a record from TY to ER, nothing else but blank lines."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        if not line.strip():
            continue
        assert RIS_LINE.match(line), line
        tag, value = line[:2], line[6:]
        if tag == "TY":
            assert current is None, "TY inside a record"
            current = {}
        assert current is not None, f"{tag} outside a record"
        if tag == "ER":
            records.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value)
    assert current is None, "a record without ER"
    return records


def test_ris_follows_its_specification_and_fills_zoteros_fields(fixture_entries: list[Entry]) -> None:
    refs = references(fixture_entries)
    records = parse_ris(cite_formats.ris(refs))
    assert len(records) == len(refs)
    for record in records:
        assert record["TY"][0] in RIS_TYPES and record["TI"] and record["PY"][0].isdigit()
        assert record.get("AU") or record.get("ED")
    journal = next(r for r in records if r["ID"] == ["krauthammer1990unipolar"])
    assert journal["TY"] == ["JOUR"] and journal["T2"] == ["Foreign Affairs"] and journal["VL"] == ["70"]
    assert journal["IS"] == ["1"] and journal["KW"] == ["détente", "war on terror: 9/11 and after?"]
    edited = next(r for r in records if r["ID"] == ["megret2020united"])
    assert edited["ED"] == ["Mégret, Frédéric", "Alston, Philip"] and edited["PB"] == ["Oxford University Press"]


CSL_TYPES = {"article-journal", "book", "report", "chapter"}
CSL_NAME_KEYS = {"family", "given", "suffix", "literal", "dropping-particle", "non-dropping-particle"}


def test_csl_json_follows_the_csl_data_schema(fixture_entries: list[Entry]) -> None:
    refs = references(fixture_entries)
    items = json.loads(cite_formats.csl_json(refs))
    assert isinstance(items, list) and len(items) == len(refs)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["type"] in CSL_TYPES and isinstance(item["title"], str)
        people = item.get("author") or item.get("editor")
        assert people and all(set(p) <= CSL_NAME_KEYS and ("family" in p or "literal" in p) for p in people)
        parts = item["issued"]["date-parts"]
        assert all(isinstance(y, int) for part in parts for y in part)
        assert all(isinstance(v, str) for k, v in item.items() if k in ("volume", "issue", "publisher", "number"))
    unipolar = next(i for i in items if i["id"] == "krauthammer1990unipolar")
    assert unipolar["issued"] == {"date-parts": [[1990], [1991]]}  # a winter issue: a range
    assert unipolar["container-title"] == "Foreign Affairs" and unipolar["issue"] == "1"


# flashcards


def test_golden_anki_note(mini_entries: list[Entry]) -> None:
    entry = by_term(mini_entries, "balance of power")
    fields = flashcards.card_fields(entry)
    golden("balance-of-power.anki.txt", "\n".join([flashcards.note_guid(entry.term), *fields]) + "\n")


def open_collection(package: bytes, tmp_path: Path) -> sqlite3.Connection:
    apkg = tmp_path / "deck.apkg"
    apkg.write_bytes(package)
    with zipfile.ZipFile(apkg) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        archive.extract("collection.anki2", tmp_path)
    return sqlite3.connect(tmp_path / "collection.anki2")


def test_anki_package_is_a_sqlite_collection_of_one_note_per_entry(fixture_entries, tmp_path: Path) -> None:
    package = flashcards.anki_package(fixture_entries, 1_700_000_000.0)
    db = open_collection(package, tmp_path)
    assert db.execute("select count(*) from notes").fetchone() == (3,)
    assert db.execute("select count(*) from cards").fetchone() == (3,)
    guids = {g for (g,) in db.execute("select guid from notes")}
    assert guids == {flashcards.note_guid(e.term) for e in fixture_entries}
    decks = {d["name"] for d in json.loads(db.execute("select decks from col").fetchone()[0]).values()}
    assert {"IR concepts::theory", "IR concepts::security", "IR concepts::history-and-events"} <= decks
    fronts = [f.split("\x1f") for (f,) in db.execute("select flds from notes")]
    war = next(f for f in fronts if f[0].startswith("war on terror"))
    assert "&amp; laws" in war[3] and "&quot;norms&quot;" in war[3]  # the glossary's text, escaped as HTML


def test_the_same_glossary_gives_the_same_package_and_a_newer_one_newer_notes(fixture_entries) -> None:
    assert flashcards.anki_package(fixture_entries, 1e9) == flashcards.anki_package(fixture_entries, 1e9)
    assert flashcards.anki_package(fixture_entries, 1e9) != flashcards.anki_package(fixture_entries, 2e9)


def test_csv_has_a_header_and_one_row_an_entry(fixture_entries: list[Entry]) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(flashcards.csv_text(fixture_entries)), delimiter="\t"))
    assert rows[0] == ["term", "summary", "theme"] and len(rows) == 4
    assert ["aux", by_term(fixture_entries, "aux").summary, "theory"] in rows


# the graph


def test_graph_edges_follow_see_also_to_headwords(fixture_entries: list[Entry]) -> None:
    drawn = graph.see_also_graph(fixture_entries, fixture_entries)
    assert len(drawn.nodes) == 3
    assert ("war on terror: 9/11 and after?", "aux") in drawn.edges  # see_also 'aux', by headword
    assert ("aux", "détente") in drawn.edges and len(drawn.edges) == 4


def test_graph_json_contract(fixture_entries: list[Entry]) -> None:
    data = json.loads(graph.render(graph.see_also_graph(fixture_entries, fixture_entries), "json"))
    assert set(data) == {"nodes", "edges"}
    assert all(set(n) == {"id", "theme", "summary"} for n in data["nodes"])
    assert all(set(e) == {"source", "target"} for e in data["edges"])


def test_graphml_is_xml_with_theme_attributes(fixture_entries: list[Entry]) -> None:
    text = graph.render(graph.see_also_graph(fixture_entries, fixture_entries), "graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.fromstring(text)
    nodes = root.findall(".//g:node", ns)
    assert len(nodes) == 3 and len(root.findall(".//g:edge", ns)) == 4
    themes = {n.get("id"): n.find("g:data[@key='d0']", ns).text for n in nodes}
    assert themes["détente"] == "history-and-events"


def test_dot_quotes_names_and_clusters_themes(fixture_entries: list[Entry]) -> None:
    text = graph.render(graph.see_also_graph(fixture_entries, fixture_entries), "dot")
    assert text.startswith('digraph "irconcepts" {') and text.count("subgraph cluster_") == 3
    assert '"war on terror: 9/11 and after?" -> "aux";' in text


def test_mermaid_neighbourhood_by_depth(fixture_entries: list[Entry]) -> None:
    full = graph.see_also_graph(fixture_entries, fixture_entries)
    one = graph.neighbourhood(full, "aux", 1)
    assert {n.term for n in one.nodes} == {"aux", "détente", "war on terror: 9/11 and after?"}
    text = graph.mermaid(one, "t", focus="aux")
    assert text.startswith("flowchart LR\n") and 'n1["aux"]' in text and "class n1 focus" in text
    lonely = Entry("alone", (), "theory", "s", "d", (), (), (), (), ())
    assert [n.term for n in graph.neighbourhood(graph.see_also_graph([lonely], [lonely]), "alone", 3).nodes] == [
        "alone"
    ]


def test_a_link_or_folder_where_a_note_goes_is_left_alone(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("my own file\n")
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "a.md").symlink_to(elsewhere)
    (vault / "b.md").mkdir()
    report = files.write_tree(str(vault), {"a.md": "note\n", "b.md": "note\n", "c.md": "note\n"}, overwrite=True)
    assert report.skipped == ["a.md", "b.md"] and report.created == ["c.md"]
    assert elsewhere.read_text() == "my own file\n" and (vault / "b.md").is_dir()


def test_front_matter_reads_back_as_written_for_awkward_text() -> None:
    from irconcepts.export.frontmatter import render

    fields = {"title": "no", "aliases": ["yes", "1648", "#tag", "a: b", "[x]", "- dash", "it's", '"q"', "~"],
              "summary": "Line one\nline two — “quoted” and\ttabbed " + "long " * 60}  # fmt: skip
    text = render(fields)
    assert text.startswith("---\n") and text.endswith("---\n\n")
    assert yaml.safe_load(text.split("---\n")[1]) == fields
