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
