"""Tab completion in real shells: bash, zsh and fish under tmux, checking the words each would pass on."""

from __future__ import annotations

from pathlib import Path

import pytest

from .shells import Shell, available

SHELLS = [pytest.param(name, marks=pytest.mark.skipif(not available(name), reason=f"{name} or tmux missing"))
          for name in ("bash", "zsh", "fish")]  # fmt: skip


@pytest.fixture(scope="module", params=SHELLS)
def shell(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp(request.param)
    running = Shell(request.param, workdir, workdir / "cache")
    yield running
    running.close()


def term_of(words: list[str], start: int = 2) -> str:
    """The term the program will read: its words joined by single spaces (cli.py joins them so)."""
    return " ".join(words[start:])


def test_one_word_prefix(shell: Shell) -> None:
    assert shell.words_after_tab("irconcepts show neofunc") == ["irconcepts", "show", "neofunctionalism"]


def test_multi_word_continuation(shell: Shell) -> None:
    words = shell.words_after_tab("irconcepts show balance of p")
    assert words[:4] == ["irconcepts", "show", "balance", "of"]
    assert term_of(words) == "balance of power"


def test_multi_word_from_the_first_word(shell: Shell) -> None:
    words = shell.words_after_tab("irconcepts show mutually as")
    assert words[:3] == ["irconcepts", "show", "mutually"]
    assert term_of(words) == "mutually assured destruction"


def test_apostrophe(shell: Shell) -> None:
    assert term_of(shell.words_after_tab("irconcepts show prisoner")) == "prisoners' dilemma"


def test_accent(shell: Shell) -> None:
    words = shell.words_after_tab("irconcepts show deten")
    assert words[:2] == ["irconcepts", "show"]
    assert words[2] in ("détente", "detente")  # fish keeps to its own prefix rule and takes the alias


def test_ambiguous_prefix_lists_the_candidates(shell: Shell) -> None:
    screen = shell.tab("irconcepts show collective ", presses=2)
    assert "security" in screen and "defence" in screen


def test_subcommand_name(shell: Shell) -> None:
    assert shell.words_after_tab("irconcepts sea") == ["irconcepts", "search"]


def test_theme_value(shell: Shell) -> None:
    assert shell.words_after_tab("irconcepts list --theme law") == ["irconcepts", "list", "--theme", "law-and-ethics"]


def test_bare_form(shell: Shell) -> None:
    words = shell.words_after_tab("irconcepts balance of p")
    assert words[:3] == ["irconcepts", "balance", "of"] and term_of(words, 1) == "balance of power"


def test_colon_and_hyphen_in_a_term(shell: Shell) -> None:
    assert term_of(shell.words_after_tab("irconcepts show Kellogg-Bri")) == "Kellogg-Briand Pact"


def test_zsh_and_fish_show_summaries(shell: Shell) -> None:
    # bash has no place for descriptions; zsh and fish show each candidate's summary beside it
    screen = shell.tab("irconcepts show collective ", presses=2)
    assert "security" in screen
    assert ("An arrangement in which" in screen) == (shell.shell != "bash")


@pytest.mark.parametrize("unused", [None])
def test_sanity_of_the_harness(shell: Shell, unused: None, tmp_path: Path) -> None:
    # the argv printer itself passes words through unchanged, so the checks above measure the shell alone
    shell.clear()
    shell.run_line("printargs 'a b' \"c'd\"")
    assert shell.out.read_text(encoding="utf-8").split("\0") == ["a b", "c'd"]


@pytest.mark.parametrize("name", SHELLS)
def test_installed_completion_works_on_the_first_tab_of_a_new_shell(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    workdir = tmp_path_factory.mktemp(f"{name}-installed")
    fresh = Shell(name, workdir, workdir / "cache", installed=True)
    try:
        words = fresh.words_after_tab("irconcepts show neofunc")
    finally:
        fresh.close()
    assert words == ["irconcepts", "show", "neofunctionalism"]
