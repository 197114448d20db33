"""Issue 21, items 9 and 10: config.toml, the personal glossary directory, `config`, `new` and `edit`.

Every command runs as a real subprocess of the installed CLI with its own XDG directories, as a user would."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from irconcepts.user import config as user_config

CONFIG_KEYS = {"config_file", "glossary_dir", "cache_dir", "values", "data", "problems"}

GOOD_ENTRY = """\
- term: strategic autonomy
  theme: foreign-policy-and-diplomacy
  summary: A state's capacity to set and pursue its own priorities.
  definition: |
    Used in European debates; compare [[realism]].
"""


@pytest.fixture
def user(tmp_path: Path):
    """A user with their own config and data directories; returns a runner and the directories."""
    config_home, data_home, cache = tmp_path / "config", tmp_path / "data", tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "IRCONCEPTS_DATA")}
    env.update(
        XDG_CONFIG_HOME=str(config_home),
        XDG_DATA_HOME=str(data_home),
        IRCONCEPTS_CACHE_DIR=str(cache),
        COLUMNS="80",
    )
    env.pop("IRCONCEPTS_CONFIG", None)

    def run(*args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "irconcepts", *args],
            capture_output=True,
            text=True,
            env={**env, **(extra or {})},
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    run.config = config_home / "irconcepts" / "config.toml"  # type: ignore[attr-defined]
    run.glossary = data_home / "irconcepts" / "glossary"  # type: ignore[attr-defined]
    return run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def editor(tmp_path: Path, body: str) -> str:
    """A scripted $EDITOR: a shell script that does to the file what a user would."""
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def assert_clean(result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert "\x1b" not in stream


# --- config.toml -----------------------------------------------------------------------------------------


def test_config_without_a_file_shows_defaults_and_where_things_are(user):
    result = user("config", "-f", "json")
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert set(view) == CONFIG_KEYS  # the JSON contract
    assert view["config_file"] == {"path": str(user.config), "exists": False, "chosen_by": "default"}
    assert view["glossary_dir"] == str(user.glossary)
    assert view["values"]["format"] == {"value": "auto", "from": "default"}
    assert [d["layer"] for d in view["data"]] == ["packaged"]
    text = user("config")
    assert text.returncode == 0
    assert str(user.config) in text.stdout and "not there" in text.stdout


def test_config_values_are_used_and_say_where_they_come_from(user):
    write(user.config, 'format = "plain"\n# a comment\nfront_matter = true\npager = false\n')
    view = json.loads(user("config", "-f", "json").stdout)
    assert view["values"]["format"] == {"value": "plain", "from": f"{user.config}:1"}
    assert view["values"]["front_matter"]["from"] == f"{user.config}:3"
    assert view["problems"] == []
    plain = user("show", "realism", "--brief")
    assert plain.returncode == 0
    # plain text is wrapped to the width; the Markdown default would be one long line
    assert len(plain.stdout.splitlines()) > 1
    markdown = user("show", "realism", "--brief", "-f", "markdown").stdout  # the command line wins over the config
    assert markdown.startswith("---\n")  # a note: the config's front_matter applies to Markdown
    assert markdown.splitlines()[-1].startswith("The tradition") and len(markdown.splitlines()[-1]) > 100


def test_config_front_matter_applies_to_markdown_only(user):
    write(user.config, "front_matter = true\n")
    note = user("show", "realism")  # piped: Markdown, so a note with front matter
    assert note.returncode == 0
    assert note.stdout.startswith("---\n")
    plain = user("show", "realism", "-f", "plain")  # not an error: the config's default only fits Markdown
    assert plain.returncode == 0, plain.stderr
    assert not plain.stdout.startswith("---")


def test_bad_config_is_reported_with_file_and_line_never_silently(user):
    write(user.config, 'format = "plain"\nformt = "json"\ncolor = "sometimes"\ndata = 3\n')
    result = user("config")
    assert result.returncode == 3
    assert f"{user.config}:2: unknown key 'formt' (did you mean 'format'?)" in result.stderr
    assert f"{user.config}:3: color = " in result.stderr and '"never"' in result.stderr
    assert f"{user.config}:4: data = 3" in result.stderr
    shown = user("show", "realism", "--brief")
    assert shown.returncode == 0  # the good keys still count; the bad ones are warned about on every run
    assert f"warning: {user.config}:2:" in shown.stderr
    assert len(shown.stdout.splitlines()) > 1  # format = "plain" in force
    check = user("check")
    assert check.returncode == 3
    assert f"{user.config}:3:" in check.stderr
    assert_clean(shown)


def test_invalid_toml_names_the_line(user):
    write(user.config, 'format = "plain"\ncolor = \n')
    result = user("config")
    assert result.returncode == 3
    assert f"{user.config}:2: not valid TOML" in result.stderr
    assert_clean(result)


def test_irconcepts_config_env_overrides_the_place(user, tmp_path):
    other = write(tmp_path / "elsewhere.toml", 'links = "plain"\n')
    view = json.loads(user("config", "-f", "json", extra={"IRCONCEPTS_CONFIG": str(other)}).stdout)
    assert view["config_file"] == {"path": str(other), "exists": True, "chosen_by": "IRCONCEPTS_CONFIG"}
    assert view["values"]["links"]["value"] == "plain"


def test_config_data_files_are_read_relative_to_the_config(user):
    write(user.config.parent / "extra.yaml", GOOD_ENTRY)
    write(user.config, 'data = ["extra.yaml"]\n')
    result = user("show", "strategic", "autonomy", "--brief")
    assert result.returncode == 0, result.stderr
    assert "own priorities" in result.stdout
    view = json.loads(user("config", "-f", "json").stdout)
    assert view["data"][-1] == {"path": str(user.config.parent / "extra.yaml"), "layer": "config", "exists": True}


def test_parse_keeps_lines_for_each_key():
    settings = user_config.parse('\n\ncolor = "never"\n[pager]\nx = 1\n', "/x/config.toml")
    assert settings.values == {"color": "never"}
    assert settings.lines["color"] == 3
    assert settings.problems == [(4, "pager = {\"x\": 1}: must be true, false or a pager command such as \"less -R\"; "
                                     "this key is ignored")]  # fmt: skip


def test_the_parsed_config_is_cached_and_a_change_is_seen(user):
    write(user.config, 'format = "json"\n')
    first = user("show", "realism", "--brief")
    assert json.loads(first.stdout)["term"] == "realism"
    cache = Path(user("config", "-f", "json").stdout and json.loads(user("config", "-f", "json").stdout)["cache_dir"])
    assert (cache / "settings.json").is_file()
    write(user.config, 'format = "plain"\nlinks = "wiki"\n')  # same size or not, the ctime and inode move
    second = user("show", "realism", "--brief")
    assert not second.stdout.lstrip().startswith("{")


# --- the personal glossary directory ------------------------------------------------------------------------


def test_personal_entry_is_read_after_the_packaged_glossary(user):
    write(user.glossary / "mine.yaml", GOOD_ENTRY)
    result = user("show", "strategic", "autonomy", "--brief")
    assert result.returncode == 0, result.stderr
    assert "own priorities" in result.stdout
    assert user("check").returncode == 0


def test_a_broken_personal_file_is_left_out_with_one_line_and_check_fails(user):
    write(user.glossary / "mine.yaml", GOOD_ENTRY)
    write(user.glossary / "half.yaml", "- term: half written\n  theme: theory\n")
    for _ in range(2):  # the rebuild and the cached run both warn
        result = user("show", "neorealism", "--brief")
        assert result.returncode == 0
        warnings = [line for line in result.stderr.splitlines() if "half.yaml" in line]
        assert len(warnings) == 1
        assert f"{user.glossary / 'half.yaml'}:1:" in warnings[0] and "left this file out" in warnings[0]
    assert user("show", "strategic", "autonomy", "-b").returncode == 0  # the good personal file still counts
    check = user("check")
    assert check.returncode == 3
    assert f"{user.glossary / 'half.yaml'}:1:" in check.stderr
    assert_clean(check)


def test_files_named_with_data_stay_strict(user, tmp_path):
    bad = write(tmp_path / "bad.yaml", "- term: half written\n  theme: theory\n")
    result = user("--data", str(bad), "show", "realism")
    assert result.returncode == 3
    assert f"{bad}:1:" in result.stderr
    assert user("show", "realism", extra={"IRCONCEPTS_DATA": str(bad)}).returncode == 3


def test_xdg_data_home_moves_the_personal_directory(user, tmp_path):
    moved = tmp_path / "moved"
    write(moved / "irconcepts" / "glossary" / "mine.yaml", GOOD_ENTRY)
    assert user("show", "strategic", "autonomy").returncode == 1
    assert user("show", "strategic", "autonomy", extra={"XDG_DATA_HOME": str(moved)}).returncode == 0


# --- new and edit -------------------------------------------------------------------------------------------


def test_new_writes_a_template_opens_the_editor_and_validates(user, tmp_path):
    fill = editor(tmp_path, f"cat > \"$1\" <<'X'\n{GOOD_ENTRY}X\n")
    result = user("new", "strategic", "autonomy", extra={"EDITOR": fill, "VISUAL": ""})
    assert result.returncode == 0, result.stderr
    assert (user.glossary / "strategic-autonomy.yaml").is_file()
    assert "saved" in result.stderr
    assert user("show", "strategic autonomy", "-b").stdout.startswith("A state's capacity")


def test_new_left_unchanged_writes_nothing(user):
    result = user("new", "strategic", "autonomy", extra={"EDITOR": "true", "VISUAL": ""})
    assert result.returncode == 0
    assert "not filled in" in result.stderr
    assert not (user.glossary / "strategic-autonomy.yaml").exists()


def test_new_for_an_existing_headword_points_to_edit(user):
    result = user("new", "realism", extra={"EDITOR": "true"})
    assert result.returncode == 2
    assert "irconcepts edit realism" in result.stderr


def test_an_invalid_edit_is_kept_as_written_with_file_line(user, tmp_path):
    half = editor(tmp_path, "printf -- '- term: strategic autonomy\\n  theme: theory\\n  summary: mine, unfinished\\n' "
                            "> \"$1\"\n")  # fmt: skip
    result = user("new", "strategic", "autonomy", extra={"VISUAL": half})
    assert result.returncode == 3
    path = user.glossary / "strategic-autonomy.yaml"
    assert path.read_text() == "- term: strategic autonomy\n  theme: theory\n  summary: mine, unfinished\n"
    assert f"{path}:1:" in result.stderr and "definition" in result.stderr
    assert "kept" in result.stderr
    assert_clean(result)
    # and the glossary still works, with a one-line warning
    shown = user("show", "realism", "-b")
    assert shown.returncode == 0 and "left this file out" in shown.stderr


def test_edit_copies_a_packaged_entry_as_an_override(user, tmp_path):
    change = editor(tmp_path, "sed -i 's/^    The predicament in which.*$/    MY VERSION./' \"$1\"\n")
    result = user("edit", "security", "dilemma", extra={"EDITOR": change, "VISUAL": ""})
    assert result.returncode == 0, result.stderr
    copy = user.glossary / "security-dilemma.yaml"
    text = copy.read_text()
    assert "Copied from" in text and "- term: security dilemma" in text
    assert "further_reading" in text  # the whole entry, as written
    assert user("show", "security dilemma", "-b").stdout.startswith("MY VERSION.")
    assert user("show", "spiral model", "-b").returncode == 0  # its other names still open it
    # a second edit opens the same file, not a new copy
    again = user("edit", "security", "dilemma", extra={"EDITOR": "true", "VISUAL": ""})
    assert again.returncode == 0
    assert "copied" not in again.stderr


def test_no_editor_keeps_the_file_and_says_where(user):
    result = user("new", "strategic", "autonomy", extra={"EDITOR": "", "VISUAL": "", "PATH": "/nonexistent"})
    assert result.returncode == 2
    assert "VISUAL or EDITOR" in result.stderr


def test_on_a_terminal_the_editor_is_offered_again_until_the_entry_is_valid(user, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    count = tmp_path / "count"
    script = editor(
        tmp_path,
        f"n=$(cat {count} 2>/dev/null || echo 0); n=$((n+1)); echo $n > {count}\n"
        'if [ $n = 1 ]; then printf -- "- term: pty entry\\n  theme: theory\\n  summary: half\\n" > "$1"; '
        'else printf "  definition: |\\n    Done now.\\n" >> "$1"; fi\n',
    )
    env = {k: v for k, v in os.environ.items() if k != "VISUAL"}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        IRCONCEPTS_CACHE_DIR=str(tmp_path / "cache"),
        EDITOR=script,
    )
    child = pexpect.spawn(sys.executable, ["-m", "irconcepts", "new", "pty", "entry"], env=env, encoding="utf-8",
                          timeout=60)  # fmt: skip
    child.expect(r"again to fix it\? \[Y/n\] ")
    assert "missing required field 'definition'" in child.before
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "'pty entry' is in your glossary" in child.before
    saved = tmp_path / "data" / "irconcepts" / "glossary" / "pty-entry.yaml"
    assert saved.read_text() == "- term: pty entry\n  theme: theory\n  summary: half\n  definition: |\n    Done now.\n"
