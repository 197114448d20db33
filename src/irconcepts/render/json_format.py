"""JSON, a contract: the keys here are pinned by tests (test_cli.py and test_render.py)."""

from __future__ import annotations

import json
from typing import Any

from ..model import CheckReport, Entry, ListRow, LookupResult, Match, RelatedView, SearchHit


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def entry(e: Entry, match: Match, alternatives: tuple[Match, ...] = ()) -> str:
    data = e.to_dict()
    data["match"] = match.to_dict()
    data["alternatives"] = [m.matched for m in alternatives]
    return dump(data)


def not_found(result: LookupResult) -> str:
    """What a script needs when no entry is the thing asked: found false, and where to look instead."""
    return dump(
        {
            "query": result.query,
            "found": False,
            "suggestions": list(result.suggestions),
            "discussed_in": list(result.discussed_in),
        }
    )


def hits(query: str, found: list[SearchHit]) -> str:
    return dump({"query": query, "hits": [h.to_dict() for h in found]})


def listing(rows: list[ListRow]) -> str:
    return dump({"entries": [{"term": e.term, "theme": e.theme, "summary": e.summary} for e in rows]})


def themes(counts: list[tuple[str, int]]) -> str:
    return dump({"themes": [{"theme": t, "count": n} for t, n in counts]})


def related(view: RelatedView) -> str:
    return dump(
        {
            "term": view.term,
            "see_also": [{"term": t, "summary": s} for t, s in view.see_also],
            "backlinks": [{"term": t, "summary": s} for t, s in view.backlinks],
        }
    )


def check(report: CheckReport) -> str:
    return dump(
        {
            "ok": report.ok,
            "entries": report.entries,
            "files": list(report.files),
            "problems": [{"file": p.file, "line": p.line, "message": p.message} for p in report.problems],
        }
    )
