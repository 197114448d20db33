"""The CLI as a user meets it: stdout, stderr and exit code checked apart."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from irconcepts import __version__


def test_bare_term_is_show_and_needs_no_quotes(run) -> None:
    bare = run("collective", "security")
    shown = run("show", "collective", "security")
    assert bare.returncode == shown.returncode == 0
    assert bare.stdout == shown.stdout
    assert bare.stdout.startswith("# collective security\n")
    assert bare.stderr == ""


def test_piped_output_is_markdown_without_escape_codes(run) -> None:
    out = run("sovereignty").stdout
    assert "\x1b" not in out
    assert "## Arguments for" in out and "## Further reading" in out
    assert "[[" in out  # cross-references as wikilinks by default


def test_links_plain(run) -> None:
    out = run("sovereignty", "--links", "plain").stdout
    assert "[[" not in out


def test_misspelling_says_how_it_was_read(run) -> None:
    result = run("soverignty")
    assert result.returncode == 0
    assert result.stdout.startswith("# sovereignty\n")
    assert result.stderr == "showing sovereignty for 'soverignty' (read as a misspelling)\n"


def test_abbreviation(run) -> None:
    result = run("UN", "--brief")
    assert result.returncode == 0
    assert "193" in result.stdout or "United Nations" in result.stderr
    assert "showing United Nations for 'UN'" in result.stderr


def test_nothing_confident_exits_1_with_a_hint(run) -> None:
    result = run("xyzzy")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no entry for 'xyzzy'" in result.stderr
    assert "irconcepts search xyzzy" in result.stderr


def test_did_you_mean_only_for_misspellings(run) -> None:
    result = run("show", "neorealsim balance")
    assert result.returncode == 1 and result.stdout == ""
    assert "no entry for 'neorealsim balance'" in result.stderr


@pytest.mark.parametrize("query", ["power ballad", "security deposit", "state pension", "collective bargaining"])
def test_everyday_phrases_sharing_a_word_are_refused(run, query: str) -> None:
    result = run("show", query)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"irconcepts: no entry for '{query}'\n")


def test_refusal_points_to_the_entries_that_discuss_it(run) -> None:
    result = run("show", "Kwantung Army")
    assert result.returncode == 1
    assert "discussed in: " in result.stderr and "irconcepts search Kwantung Army" in result.stderr


def test_json_when_nothing_is_found(run) -> None:
    result = run("show", "--format", "json", "Kwantung Army")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"query", "found", "suggestions", "discussed_in"}
    assert data["found"] is False and data["query"] == "Kwantung Army" and data["discussed_in"]


def test_a_cover_shows_its_entry_and_says_so(run) -> None:
    result = run("show", "Kyoto Protocol", "--brief")
    assert result.returncode == 0 and result.stdout.strip()
    assert result.stderr == "Kyoto Protocol is covered in: climate change\n"
    data = json.loads(run("show", "kyoto protocol", "-f", "json").stdout)
    assert (data["term"], data["match"]["method"], data["match"]["covered"]) == ("climate change", "covers", True)
    assert "Kyoto Protocol" in data["covers"] and "Kyoto Protocol" not in data["aliases"]


@pytest.mark.parametrize("args", [["help"], ["help", "show"], ["help", "search"]])
def test_help_is_help_not_an_entry(run, args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0 and result.stdout.startswith("Usage: irconcepts")
    assert "self-help" not in result.stdout


def test_help_for_an_unknown_command(run) -> None:
    result = run("help", "nope")
    assert result.returncode == 2 and "no command 'nope'" in result.stderr


def test_usage_error_exits_2(run) -> None:
    result = run("show", "anarchy", "--section", "nonsense")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "nonsense" in result.stderr


def test_unknown_theme_is_a_usage_error(run) -> None:
    assert run("list", "--theme", "astrology").returncode == 2


def test_invalid_data_exits_3_naming_file_and_line(run, tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("- term: NO\n  theme: theory\n  summary: x\n  definition: y\n")
    result = run("--data", str(bad), "anarchy")
    assert result.returncode == 3
    assert result.stdout == ""
    assert f"{bad}:1: term must be text" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_passes_on_the_packaged_glossary(run) -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_check_reports_a_bad_file(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- term: anarchy\n  theme: theory\n  summary: x\n  definition: see [[nowhere at all]]\n")
    result = run("check", str(bad))
    assert result.returncode == 3
    assert f"{bad}:4: entry 'anarchy': cross-reference [[nowhere at all]] resolves to no entry" in result.stderr


def test_user_file_replaces_a_packaged_entry(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("- term: anarchy\n  theme: theory\n  summary: My own summary.\n  definition: Mine.\n")
    assert run("--data", str(mine), "anarchy", "--brief").stdout == "My own summary.\n"
    assert run("anarchy", "--brief", env={"IRCONCEPTS_DATA": str(mine)}).stdout == "My own summary.\n"


def test_json_contract(run) -> None:
    result = run("soverignty", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {
        "term", "aliases", "covers", "theme", "summary", "definition", "arguments", "cases", "see_also",
        "further_reading", "match", "alternatives",
    }  # fmt: skip
    assert data["match"] == {"query": "soverignty", "matched": "sovereignty", "method": "fuzzy",
                             "score": data["match"]["score"], "via": "sovereignty", "covered": False}  # fmt: skip
    assert set(data["arguments"]) == {"for", "against"}
    assert set(data["cases"][0]) == {"date", "event", "detail"}
    assert set(data["further_reading"][0]) == {"author", "year", "title", "published"}


def test_json_of_list_search_related_themes(run) -> None:
    listing = json.loads(run("list", "-f", "json").stdout)
    assert set(listing) == {"entries"} and set(listing["entries"][0]) == {"term", "theme", "summary"}
    hits = json.loads(run("search", "Mukden", "railway", "-f", "json").stdout)
    assert set(hits) == {"query", "hits"} and set(hits["hits"][0]) == {"term", "score", "snippet"}
    related = json.loads(run("related", "sovereignty", "-f", "json").stdout)
    assert set(related) == {"term", "see_also", "backlinks"}
    assert related["backlinks"] and set(related["backlinks"][0]) == {"term", "summary"}
    themes = json.loads(run("themes", "-f", "json").stdout)
    assert [t["theme"] for t in themes["themes"]][:2] == ["theory", "security"]


def test_section_and_brief(run) -> None:
    cases = run("collective security", "--section", "cases").stdout
    # piped into a note, a section starts with a heading naming its term
    assert cases.startswith("# collective security\n\n## Cases") and "## Arguments" not in cases
    brief = run("collective security", "--brief").stdout
    assert brief.count("\n") == 1


def test_search_highlights_in_markdown(run) -> None:
    result = run("search", "Mukden", "railway", "explosion", "--limit", "3")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) <= 3 and "**" in lines[0]


def test_search_with_no_hits_exits_1(run) -> None:
    result = run("search", "xyzzyq")
    assert result.returncode == 1 and result.stdout == ""


def test_list_theme_filter_and_themes(run) -> None:
    rows = run("list", "--theme", "security").stdout.splitlines()
    assert rows and all("(security)" in r for r in rows)
    assert "- theory:" in run("themes").stdout


def test_related_tree_in_terminal(run) -> None:
    result = run("related", "sovereignty", "--format", "terminal", "--color", "never")
    assert result.returncode == 0
    assert "see also" in result.stdout and "referred to by" in result.stdout and "└──" in result.stdout


def test_random_respects_theme(run) -> None:
    data = json.loads(run("random", "--theme", "theory", "-f", "json").stdout)
    assert data["theme"] == "theory" and data["match"]["method"] == "random"


def test_terminal_colour_rules(run) -> None:
    always = run("anarchy", "--format", "terminal", "--color", "always").stdout
    assert "\x1b[" in always
    assert "\x1b[" not in run("anarchy", "--format", "terminal").stdout
    assert "\x1b[" in run("anarchy", "-f", "terminal", env={"FORCE_COLOR": "1"}).stdout
    # an explicit --color always is the user's latest word, so it wins over NO_COLOR in the environment
    assert "\x1b[" in run("anarchy", "-f", "terminal", "--color", "always", env={"NO_COLOR": "1"}).stdout


@pytest.mark.parametrize(("args", "env"), [(["realism"], {"FORCE_COLOR": "1"}), (["realism", "--color", "always"], {})])
def test_colour_settings_never_change_the_format(run, args: list[str], env: dict[str, str]) -> None:
    # FORCE_COLOR=1 irconcepts realism > note.md must write the note, not terminal drawing
    result = run(*args, env=env)
    assert result.returncode == 0
    assert result.stdout == run("realism").stdout
    assert result.stdout.startswith("# realism\n") and "\x1b" not in result.stdout


def test_no_color_wins_over_auto(run) -> None:
    assert "\x1b[" not in run("anarchy", "-f", "terminal", env={"NO_COLOR": "1", "FORCE_COLOR": ""}).stdout


def test_data_brackets_print_as_written(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "- term: bracket test\n  theme: theory\n  summary: Has [red]brackets[/red].\n"
        "  definition: Text with [bold]square brackets[/bold] and [[anarchy]].\n  see_also: [anarchy]\n"
    )
    result = run("--data", str(mine), "bracket test", "-f", "terminal", "--color", "always")
    assert "[bold]square brackets[/bold]" in result.stdout and "[red]brackets[/red]" in result.stdout


def test_version_and_help(run) -> None:
    assert run("--version").stdout == f"irconcepts {__version__}\n"
    for command in ("show", "search", "list", "themes", "related", "random", "check"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout, command


def test_closed_pipe_is_quiet(cache_dir: Path) -> None:
    env = {"IRCONCEPTS_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}
    command = f"'{sys.executable}' -m irconcepts list | head -2"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=60)
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("irconcepts")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("irconcepts ")


FAST_LINES = [
    ["collective", "security"],
    ["show", "soverignty", "--format", "json"],
    ["show", "UN", "-b"],
    ["show", "realism", "--section=cases", "--links", "wiki"],
    ["show", "xyzzy"],
    ["search", "oil", "embargo", "Italy", "-n", "2"],
    ["search", "xyzzyq", "-f", "json"],
    ["list", "-t", "security"],
    ["--no-cache", "list", "--format", "plain"],
    ["show", "anarchy", "-f", "terminal", "--color", "always"],
    ["list", "-t", "Sec"],
    ["list", "--theme", "secruity"],
    ["show", "realism", "--brief", "--section", "cases"],
    ["show", "realism", "--no-pager", "-s", "summary"],
]


@pytest.mark.parametrize("line", FAST_LINES, ids=" ".join)
def test_fast_path_and_typer_path_agree(run, line: list[str]) -> None:
    fast = run(*line)
    slow = run(*line, env={"IRCONCEPTS_NO_FASTPATH": "1"})
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)


@pytest.mark.parametrize(
    "line", [["show", "anarchy", "--format", "yaml"], ["show", "--help"], ["search", "war", "-n", "0"], ["list", "x"]]
)
def test_lines_the_fast_path_declines_still_get_typer_errors(run, line: list[str]) -> None:
    result = run(*line)
    assert result.returncode in (0, 2)
    assert ("Usage:" in result.stdout) or ("Usage:" in result.stderr)


@pytest.mark.parametrize(
    ("line", "loaded"),
    [
        (["show", "anarchy"], []),
        (["show", "anarchy", "-f", "terminal"], ["rich"]),
        (["show", "soverignty"], ["rapidfuzz"]),
        (["list"], []),
    ],
)
def test_heavy_modules_load_only_when_needed(run, line: list[str], loaded: list[str]) -> None:
    run("list")  # the cache is built, so no run below needs YAML
    code = (
        "import sys\nfrom irconcepts.__main__ import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in ('typer', 'rich', 'rapidfuzz', 'yaml') if m in sys.modules)))"
    )
    import os

    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": run.cache_dir}
    env.pop("IRCONCEPTS_NO_FASTPATH", None)
    result = subprocess.run([sys.executable, "-c", code, *line], capture_output=True, text=True, env=env, timeout=60)
    assert result.stderr.splitlines()[-1] == repr(sorted(loaded))


def test_random_brief_names_the_term(run) -> None:
    piped = run("random", "--brief", "--theme", "theory")
    assert piped.returncode == 0
    assert piped.stdout.startswith("**") and "** (theory): " in piped.stdout and piped.stdout.count("\n") == 1
    term = piped.stdout[2 : piped.stdout.index("**", 2)]
    assert json.loads(run("show", term, "-f", "json").stdout)["term"] == term
    drawn = run("random", "--brief", "-t", "theory", "-f", "terminal").stdout
    assert drawn.splitlines()[0].rstrip().endswith("theory") and len(drawn.splitlines()) >= 2


@pytest.mark.parametrize(("typed", "theme"), [("Security", "security"), ("SEC", "security"),
                                              ("economy", "political-economy"), ("law", "law-and-ethics")])  # fmt: skip
def test_theme_names_are_matched_forgivingly(run, typed: str, theme: str) -> None:
    for line in (["list", "--theme", typed], ["random", "-t", typed, "-f", "json"]):
        result = run(*line, "-f", "json") if line[0] == "list" else run(*line)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        themes = {e["theme"] for e in data["entries"]} if line[0] == "list" else {data["theme"]}
        assert themes == {theme}


@pytest.mark.parametrize(("typed", "meant"), [("secruity", "security"), ("theories", "theory")])
def test_a_misspelt_theme_gets_a_short_did_you_mean(run, typed: str, meant: str) -> None:
    for command in ("list", "random"):
        result = run(command, "--theme", typed)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"irconcepts: no theme '{typed}'; did you mean '{meant}'?\n"


def test_an_ambiguous_or_unknown_theme_says_so(run) -> None:
    result = run("list", "--theme", "and")
    assert result.returncode == 2 and "could be: foreign-policy-and-diplomacy, history-and-events" in result.stderr
    result = run("list", "--theme", "astrology")
    assert result.returncode == 2 and "irconcepts themes" in result.stderr and len(result.stderr) < 100


def test_brief_with_section_is_a_usage_error(run) -> None:
    result = run("show", "realism", "--brief", "--section", "cases")
    assert (result.returncode, result.stdout) == (2, "")
    assert "--brief and --section cannot be used together" in result.stderr


def test_related_lists_each_term_once_see_also_first(run) -> None:
    data = json.loads(run("related", "sovereignty", "-f", "json").stdout)
    see_also = [t["term"] for t in data["see_also"]]
    backlinks = [t["term"] for t in data["backlinks"]]
    assert see_also and backlinks
    assert len(set(see_also + backlinks)) == len(see_also) + len(backlinks)
    assert "sovereignty" not in see_also + backlinks
    drawn = run("related", "sovereignty", "-f", "terminal", "--color", "never").stdout
    assert drawn.index("see also") < drawn.index("also referred to by")
    for term in see_also + backlinks:
        assert drawn.count(f"── {term}  ") == 1, term


def test_check_json_reports_problems_in_file_and_line_order(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- term: one\n  theme: theory\n  summary: x\n  definition: see [[nowhere]]\n"
        "- term: two\n  theme: nonsense\n  summary: y\n  definition: z\n"
    )
    result = run("check", str(bad), "--format", "json")
    assert result.returncode == 3
    data = json.loads(result.stdout)
    assert set(data) == {"ok", "entries", "files", "problems"}
    assert data["ok"] is False and data["files"][-1] == str(bad) and isinstance(data["entries"], int)
    assert all(set(p) == {"file", "line", "message"} for p in data["problems"])
    lines = [p["line"] for p in data["problems"] if p["file"] == str(bad)]
    assert len(lines) == 2 and lines == sorted(lines)  # the reference (line 4) before the theme (line 6)
    text = run("check", str(bad))
    assert text.stderr.index(f"{bad}:4:") < text.stderr.index(f"{bad}:6:")


def test_check_json_when_all_is_well(run) -> None:
    result = run("check", "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["problems"] == [] and data["entries"] > 100 and len(data["files"]) == 1


COMMAND_NAMES = (
    *("show", "search", "list", "themes", "related", "random", "quiz", "compare", "check", "export", "cite"),
    *("completion", "manpage", "help"),
)


def test_main_help_lists_commands_on_one_uncut_line_each(run) -> None:
    result = run("--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    listed = lines[lines.index("Commands:") + 1 : lines.index("Commands:") + 1 + len(COMMAND_NAMES)]
    assert sorted(line.split()[0] for line in listed) == sorted(COMMAND_NAMES)
    assert all(not line.rstrip().endswith(("…", "...")) for line in listed)
    for heading in ("Examples:", "Exit codes:", "Environment:"):
        assert f"  {heading}" in lines
    for name in ("IRCONCEPTS_DATA", "IRCONCEPTS_PAGER", "PAGER", "NO_COLOR", "FORCE_COLOR"):
        assert f"    {name} " in result.stdout
    assert run("help").stdout == result.stdout


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_each_command_help_teaches(run, command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    usage = result.stdout.splitlines()[0]
    assert usage.startswith(f"Usage: irconcepts {command}")
    assert "{" not in usage and "<" not in result.stdout and ":<" not in result.stdout
    examples = result.stdout.split("  Examples:\n", 1)[1].splitlines()
    assert 2 <= len([line for line in examples if line.startswith("    ") and "irconcepts " in line]) <= 3
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert run("help", command).stdout == result.stdout


def test_arguments_are_named_plainly(run) -> None:
    assert run("show", "--help").stdout.startswith("Usage: irconcepts show [OPTIONS] TERM...\n")
    assert run("completion", "--help").stdout.startswith("Usage: irconcepts completion [OPTIONS] SHELL\n")
    assert "-n, --limit N " in run("search", "--help").stdout


def test_manpage_is_the_installed_file_and_renders(run) -> None:
    import shutil

    result = run("manpage")
    assert result.returncode == 0 and result.stdout.startswith(".TH IRCONCEPTS 1 ")
    root = Path(__file__).parent.parent
    committed = (root / "man" / "irconcepts.1").read_text(encoding="utf-8")
    assert result.stdout == committed, "regenerate it: irconcepts manpage > man/irconcepts.1"
    installed = Path(sys.prefix) / "share" / "man" / "man1" / "irconcepts.1"
    assert installed.read_text(encoding="utf-8") == committed, "reinstall the package to install the new page"
    for name in COMMAND_NAMES:
        assert f".SS {name}\n" in committed
    if shutil.which("man"):
        env = {"MANWIDTH": "80", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "MANPAGER": "cat"}
        shown = subprocess.run(["man", "--warnings", "irconcepts"], capture_output=True, text=True, env=env, timeout=60)
        assert shown.returncode == 0 and shown.stderr == "", shown.stderr
        assert "EXIT STATUS" in shown.stdout and "irconcepts show [OPTIONS] TERM..." in shown.stdout


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def white_or_black_foregrounds(text: str) -> list[str]:
    """The SGR codes in terminal output that set a white, black or grey foreground."""
    bad = []
    for match in SGR.finditer(text):
        codes = [int(c) for c in match.group(1).split(";") if c]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (30, 37, 90, 97):
                bad.append(match.group())
            if code == 38 and i + 2 < len(codes) and codes[i + 1] == 5:
                if codes[i + 2] in (0, 7, 8, 15, 16) or codes[i + 2] >= 231:
                    bad.append(match.group())
                i += 2
            elif code == 38 and i + 4 < len(codes) and codes[i + 1] == 2:
                if not 40 < sum(codes[i + 2 : i + 5]) / 3 < 215:
                    bad.append(match.group())
                i += 4
            i += 1
    return bad


@pytest.mark.parametrize(
    "line",
    [
        ["show", "collective", "security"],
        ["search", "oil", "embargo"],
        ["list", "--theme", "theory"],
        ["themes"],
        ["related", "sovereignty"],
        ["random", "--brief"],
        ["random"],
    ],
    ids=" ".join,
)
def test_no_command_draws_white_or_black_text(run, line: list[str]) -> None:
    result = run(*line, "-f", "terminal", "--color", "always")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout
    assert white_or_black_foregrounds(result.stdout) == []
    assert white_or_black_foregrounds("\x1b[1;97mx\x1b[0m") == ["\x1b[1;97m"]  # the check can fail
