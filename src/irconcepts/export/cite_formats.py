"""References as BibTeX (written by bibtexparser, escaped for LaTeX by pylatexenc), RIS and CSL-JSON, the
three formats Zotero, Mendeley, EndNote and pandoc import."""

from __future__ import annotations

import json
from typing import Any

from .citations import Name, Reference

CITE_FORMATS = ("bibtex", "ris", "csl-json")

_BIBTEX_TYPE = {"article": "article", "book": "book", "report": "techreport"}
_RIS_TYPE = {"article": "JOUR", "book": "BOOK", "report": "RPRT"}
_CSL_TYPE = {"article": "article-journal", "book": "book", "report": "report"}


def render(refs: list[Reference], fmt: str) -> str:
    return {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}[fmt](refs)


def _keywords(ref: Reference) -> str:
    # Zotero turns keywords into tags: the entries that cite the work
    return ", ".join(ref.cited_in)


def bibtex(refs: list[Reference]) -> str:
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field
    from pylatexenc.latexencode import unicode_to_latex

    def tex(text: str) -> str:
        return unicode_to_latex(text, non_ascii_only=False, unknown_char_policy="keep")

    def person(name: Name) -> str:
        if name.literal:
            return "{" + tex(name.literal) + "}"  # braces: BibTeX must not split an institution's name
        parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
        return ", ".join(tex(p) for p in parts if p)

    library = Library()
    for ref in refs:
        values = {
            "editor" if ref.editors else "author": " and ".join(person(n) for n in ref.names),
            # the title braced as a whole: styles would otherwise lower-case Cold War, NATO and China
            "title": "{" + tex(ref.title) + "}",
            "journal": tex(ref.journal),
            "year": str(ref.years[0]) if ref.years else tex(ref.year),
            "volume": ref.volume,
            "number": ref.issue or ref.number,
            "type": tex(ref.series),
            "publisher" if ref.kind == "book" else "institution": tex(ref.publisher),
            "note": tex(ref.note),
            "keywords": tex(_keywords(ref)),
        }
        fields = [Field(k, v) for k, v in values.items() if v]
        library.add(Entry(_BIBTEX_TYPE[ref.kind], ref.key, fields))
    style = bibtexparser.BibtexFormat()
    style.indent = "  "
    style.block_separator = "\n"
    return bibtexparser.write_string(library, bibtex_format=style)


def ris(refs: list[Reference]) -> str:
    """RIS: one 'XX  - value' line a field, TY first, ER last; a record's text on one line."""
    out: list[str] = []

    def tag(name: str, value: str) -> None:
        if value:
            out.append(f"{name}  - {' '.join(value.split())}")

    for ref in refs:
        tag("TY", _RIS_TYPE[ref.kind])
        tag("ID", ref.key)
        for name in ref.names:
            tag("ED" if ref.editors else "AU", name.display)
        tag("PY", str(ref.years[0]) if ref.years else ref.year)
        tag("TI", ref.title)
        tag("T2", ref.journal)
        tag("VL", ref.volume or ref.number)
        tag("IS", ref.issue)
        tag("PB", ref.publisher)
        tag("T3", ref.series)
        for term in ref.cited_in:
            tag("KW", term)
        tag("N1", ref.note)
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    found = {"family": name.family, "given": name.given, "suffix": name.suffix}
    return {k: v for k, v in found.items() if v}


def csl_record(ref: Reference) -> dict[str, Any]:
    record: dict[str, Any] = {"id": ref.key, "type": _CSL_TYPE[ref.kind]}
    record["editor" if ref.editors else "author"] = [_csl_name(n) for n in ref.names]
    record["issued"] = {"date-parts": [[y] for y in ref.years]} if ref.years else {"literal": ref.year}
    record["title"] = ref.title
    optional = {
        "container-title": ref.journal,
        "volume": ref.volume,
        "issue": ref.issue,
        "publisher": ref.publisher,
        "collection-title": ref.series,
        "number": ref.number,
        "note": ref.note,
        "keyword": _keywords(ref),
    }
    record.update({k: v for k, v in optional.items() if v})
    return record


def csl_json(refs: list[Reference]) -> str:
    return json.dumps([csl_record(r) for r in refs], ensure_ascii=False, indent=2) + "\n"
