"""Flashcards: an Anki package (one subdeck per theme, made with genanki) and a tab-separated deck that
Anki, Quizlet and spreadsheets import.

Note GUIDs come from the headword, so importing a newer export updates the cards instead of adding
copies; the note times come from the glossary's own modification time, so Anki sees a changed glossary as
newer, and an unchanged one gives the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import os
import sqlite3
import tempfile
import zipfile

from ..model import Entry

DECK = "IR concepts"
MODEL_NAME = "irconcepts concept"
KEY_POINTS = 2  # arguments for, and against, on the back of a card
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's epoch: the package's bytes must not depend on today

CARD_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; max-width: 40em; margin: auto; }
.term { font-size: 28px; font-weight: bold; }
.theme { color: #777; font-size: 16px; }
.points { font-size: 17px; }
.see { color: #555; font-size: 16px; }
"""
FRONT = '<div class="term">{{Term}}</div><div class="theme">{{Theme}}</div>'
BACK = (
    '{{FrontSide}}<hr id="answer"><div class="summary">{{Summary}}</div>'
    '<div class="points">{{Key points}}</div>{{#See also}}<div class="see">See also: {{See also}}</div>{{/See also}}'
)


def stable_id(name: str) -> int:
    """An Anki model or deck id from a name: the same in every export, in the range Anki expects."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % (1 << 30)


def note_guid(term: str) -> str:
    import genanki

    return genanki.guid_for("irconcepts", term)


def card_fields(entry: Entry) -> list[str]:
    """Term, Theme, Summary, Key points, See also: HTML, the glossary's text escaped."""
    points = []
    for label, items in (("For", entry.arguments_for), ("Against", entry.arguments_against)):
        points += [f"<li><b>{label}:</b> {html.escape(text)}</li>" for text in items[:KEY_POINTS]]
    return [
        html.escape(entry.term),
        html.escape(entry.theme),
        html.escape(entry.summary),
        f"<ul>{''.join(points)}</ul>" if points else "",
        html.escape(", ".join(entry.see_also)),
    ]


def anki_package(entries: list[Entry], timestamp: float) -> bytes:
    """The .apkg bytes: a deck per theme under 'IR concepts', a note per entry."""
    import genanki

    model = genanki.Model(
        stable_id(MODEL_NAME),
        MODEL_NAME,
        fields=[{"name": n} for n in ("Term", "Theme", "Summary", "Key points", "See also")],
        templates=[{"name": "Concept", "qfmt": FRONT, "afmt": BACK}],
        css=CARD_CSS,
    )
    decks: dict[str, genanki.Deck] = {}
    for entry in entries:
        name = f"{DECK}::{entry.theme}"
        if name not in decks:
            decks[name] = genanki.Deck(stable_id(name), name)
        decks[name].add_note(
            genanki.Note(
                model=model, fields=card_fields(entry), guid=note_guid(entry.term), tags=[f"ir::{entry.theme}"]
            )
        )
    package = genanki.Package([decks[n] for n in sorted(decks)])
    return _zipped(package, timestamp)


def _zipped(package: object, timestamp: float) -> bytes:
    """What genanki's write_to_file writes, with fixed times in the zip, so equal input gives equal bytes."""
    import itertools

    folder = tempfile.mkdtemp(prefix="irconcepts-anki-")
    database = os.path.join(folder, "collection.anki2")
    try:
        connection = sqlite3.connect(database)
        package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))  # type: ignore[attr-defined]
        connection.commit()
        connection.close()
        with open(database, "rb") as db:
            collection = db.read()
    finally:
        for name in os.listdir(folder):
            os.unlink(os.path.join(folder, name))
        os.rmdir(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(zipfile.ZipInfo("collection.anki2", _FIXED_ZIP_TIME), collection, zipfile.ZIP_DEFLATED)
        out.writestr(zipfile.ZipInfo("media", _FIXED_ZIP_TIME), "{}")
    return buffer.getvalue()


def csv_text(entries: list[Entry]) -> str:
    """term, summary, theme: tab-separated, with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["term", "summary", "theme"])
    writer.writerows([e.term, e.summary, e.theme] for e in entries)
    return buffer.getvalue()
