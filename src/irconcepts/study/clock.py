"""The study clock. IRCONCEPTS_NOW pins it (an ISO date-time), so that tests see a fixed schedule."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

NOW_ENV = "IRCONCEPTS_NOW"


def now() -> datetime:
    """The time now, in UTC (FSRS wants UTC-aware times)."""
    pinned = os.environ.get(NOW_ENV, "").strip()
    if pinned:
        moment = datetime.fromisoformat(pinned.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    return datetime.now(timezone.utc)


def end_of_day(moment: datetime, days_ahead: int = 0) -> datetime:
    """The end of the local calendar day `days_ahead` after moment's, in UTC: "due today" is a local idea."""
    local = moment.astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days_ahead + 1)
    return midnight.astimezone(timezone.utc)


def stamp(moment: datetime) -> str:
    """The stored form: UTC, to the second, so that text order is time order."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
