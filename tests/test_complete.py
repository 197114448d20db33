"""Completion at the protocol level: what the program answers for each shell, without starting a shell."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from irconcepts.cli import app
from irconcepts.complete import COMMAND_OPTIONS, COMMANDS, GLOBAL_OPTIONS, Request, candidates, parse_request
from irconcepts.shellwords import bash_quote, split


def ask(line: str, shell: str = "fish", **extra: str) -> list[str]:
    env = {"_IRCONCEPTS_COMPLETE": f"complete_{shell}", "_IRCONCEPTS_PROTOCOL": "2", "_IRCONCEPTS_COMP_LINE": line}
    request = parse_request(env | extra)
    assert isinstance(request, Request)
    return [c.value for c in candidates(request)]


def test_headword_prefix_case_and_accent_insensitive() -> None:
    assert ask("irconcepts show DETEN") == ["détente"]
    assert ask("irconcepts show neofunc") == ["neofunctionalism"]


def test_continues_a_multi_word_term() -> None:
    assert ask("irconcepts show balance of p") == ["power"]
    assert "power" in ask("irconcepts show balance of ")


def test_one_candidate_an_entry_headword_first() -> None:
    found = ask("irconcepts show collective ")
    assert "security" in found and "defence" in found
    assert len(found) == len(set(found))


def test_commands_options_and_values() -> None:
    assert ask("irconcepts sea")[0] == "search"
    assert ask("irconcepts list --theme law") == ["law-and-ethics"]
    assert ask("irconcepts show anarchy --format j") == ["json"]
    assert ask("irconcepts show anarchy --section ar") == ["arguments"]
    assert "--brief" in ask("irconcepts show anarchy --b")
    assert ask("irconcepts --no") == ["--no-cache"]
    assert ask("irconcepts completion z") == ["zsh"]


def test_options_values_are_not_mistaken_for_term_words() -> None:
    assert ask("irconcepts show --format json balance of p") == ["power"]


def test_nothing_for_nonsense() -> None:
    assert ask("irconcepts show xyzzyq") == []


def test_files_after_data(tmp_path: os.PathLike) -> None:
    (tmp_path / "mine.yaml").write_text("")
    assert ask(f"irconcepts --data {tmp_path}/mi") == [f"{tmp_path}/mine.yaml"]


def test_bash_answers_are_quoted_for_the_shell() -> None:
    env = {"_IRCONCEPTS_COMP_CUR": "prisoner"}
    request = parse_request(
        {"_IRCONCEPTS_COMPLETE": "complete_bash", "_IRCONCEPTS_PROTOCOL": "2",
         "_IRCONCEPTS_COMP_LINE": "irconcepts show prisoner"} | env
    )  # fmt: skip
    from irconcepts.complete import format_answer

    text, status = format_answer(request, candidates(request))
    assert (text, status) == ("prisoners\\'\\ dilemma", 0)


def test_bash_inside_an_open_quote_continues_the_quote() -> None:
    from irconcepts.complete import format_answer

    env = {"_IRCONCEPTS_COMPLETE": "complete_bash", "_IRCONCEPTS_PROTOCOL": "2",
           "_IRCONCEPTS_COMP_LINE": 'irconcepts show "balance o', "_IRCONCEPTS_COMP_CUR": "balance o"}  # fmt: skip
    request = parse_request(env)
    assert format_answer(request, candidates(request))[0].splitlines()[0] == "balance of power"


def test_typer_stock_bash_protocol_still_answered() -> None:
    request = parse_request({"_IRCONCEPTS_COMPLETE": "complete_bash", "COMP_WORDS": "irconcepts show neofunc",
                             "COMP_CWORD": "2"})  # fmt: skip
    assert [c.value for c in candidates(request)] == ["neofunctionalism"]


def test_typer_stock_zsh_format() -> None:
    from irconcepts.complete import format_answer

    request = parse_request({"_IRCONCEPTS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "irconcepts show neofunc"})
    text, _ = format_answer(request, candidates(request))
    assert text.startswith('_arguments \'*: :(("neofunctionalism":"')


def test_completion_runs_without_importing_typer_or_rich(tmp_path: os.PathLike) -> None:
    code = (
        "import os, sys; os.environ.update(_IRCONCEPTS_COMPLETE='complete_fish', "
        "_TYPER_COMPLETE_ARGS='irconcepts show neofunc');\n"
        "from irconcepts.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('typer', 'rich', 'rapidfuzz', 'yaml') if m in sys.modules))"
    )
    env = {**os.environ, "IRCONCEPTS_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "irconcepts", "list"], env=env, capture_output=True, check=True)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [
        "neofunctionalism\tThe theory, developed by Ernst Haas in the 1950s, that…",
        "[]",
    ] or (result.stdout.splitlines()[-1] == "[]" and result.stdout.startswith("neofunctionalism"))


def test_the_completion_tables_match_the_cli() -> None:
    from typer.main import get_command

    group = get_command(app)
    assert set(COMMANDS) == set(group.commands)
    globals_ = {name for p in group.params for name in p.opts if name.startswith("--")} | {"--help"}
    assert globals_ == {o for o in GLOBAL_OPTIONS if o.startswith("--")}
    for name, command in group.commands.items():
        options = {o for p in command.params for o in p.opts if o.startswith("-")} | {"--help"}
        assert options == set(COMMAND_OPTIONS[name]), name


@pytest.mark.parametrize(
    ("line", "words", "current"),
    [
        ("a b", ["a"], ("b", None)),
        ("a b ", ["a", "b"], ("", None)),
        ("a 'b c", ["a"], ("b c", "'")),
        ('a "b \\" c', ["a"], ('b " c', '"')),
        ("a b\\ c", ["a"], ("b c", None)),
        ("a prisoners'", ["a"], ("prisoners", "'")),
    ],
)
def test_split_a_line_being_typed(line: str, words: list[str], current: tuple[str, str | None]) -> None:
    finished, word = split(line)
    assert [w.text for w in finished] == words
    assert (word.text, word.quote) == current


def test_bash_quote() -> None:
    assert bash_quote("prisoners' dilemma", None) == "prisoners\\'\\ dilemma"
    assert bash_quote("it's", "'") == "it'\\''s"
    assert bash_quote('a "b"', '"') == 'a \\"b\\"'


def test_covers_complete_as_themselves_described_by_their_entry() -> None:
    env = {
        "_IRCONCEPTS_COMPLETE": "complete_zsh",
        "_IRCONCEPTS_PROTOCOL": "2",
        "_IRCONCEPTS_COMP_LINE": "irconcepts Kyo",
    }
    request = parse_request(env)
    assert isinstance(request, Request)
    found = {c.value: c.help for c in candidates(request)}
    assert found == {"Kyoto Protocol": "in climate change"}


def test_help_completes_command_names() -> None:
    assert ask("irconcepts help sh") == ["show"]
