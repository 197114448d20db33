"""The installed package carries its glossary and its schema."""

from __future__ import annotations

import json
from pathlib import Path

from irconcepts.sources import packaged_data as packaged


def packaged_data() -> Path:
    return Path(packaged())


def test_the_installed_package_finds_its_glossary() -> None:
    path = packaged_data()
    assert path.is_file(), path
    assert path.read_text(encoding="utf-8").lstrip().startswith(("-", "#"))


def test_the_schema_ships_beside_the_glossary() -> None:
    schema = json.loads(packaged_data().with_name("entries.schema.json").read_text())
    assert schema["type"] == "array"
    assert schema["items"]["required"] == ["term", "theme", "summary", "definition"]


def test_the_schema_agrees_with_the_loader() -> None:
    from irconcepts.load import FIELDS, REQUIRED
    from irconcepts.vocab import THEMES

    schema = json.loads(packaged_data().with_name("entries.schema.json").read_text())
    assert tuple(schema["items"]["properties"]) == FIELDS
    assert tuple(schema["items"]["required"]) == REQUIRED
    assert tuple(schema["items"]["properties"]["theme"]["enum"]) == THEMES


ROOT = Path(__file__).parent.parent


def test_licence_file_matches_pyproject() -> None:
    import re

    declared = re.search(r'^license = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert declared is not None and declared.group(1) == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
