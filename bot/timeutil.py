"""Time helpers: UTC everywhere inside, ISO-8601 text in the database, Discord timestamps out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime; use UTC-aware datetimes")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def discord_timestamp(moment: datetime, style: str = "f") -> str:
    """``<t:unix:style>``: every member sees it in their own time zone and language."""
    return f"<t:{int(moment.timestamp())}:{style}>"
