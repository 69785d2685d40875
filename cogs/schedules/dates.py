"""The dates of a schedule: its next runs within its first and last day, a typed day as UTC, and
the reminder's lead time. Pure: no Discord."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.durations import parse_duration
from bot.errors import UserFacingError
from bot.recurrence import Rule, occurrences


def upcoming(
    rule: Rule, after: datetime, count: int, starts: datetime | None, ends: datetime | None
) -> list[datetime]:
    """The next runs within the schedule's optional start and end dates."""
    return occurrences(rule, begin(after, starts), count, until=ends)


def begin(after: datetime, starts: datetime | None) -> datetime:
    """Runs are looked for after this: now, or just before the first day."""
    return max(after, starts - timedelta(seconds=1)) if starts else after


def local_date(value: str, zone: str, *, end: bool) -> datetime:
    """``2026-12-24`` -> the start (or the end) of that day in ``zone``, as UTC."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise UserFacingError("schedule.bad_date", value=value[:20]) from None
    moment = datetime.combine(day, time(23, 59) if end else time(0, 0), tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def reminder_seconds(remind_before: str | None) -> int | None:
    """The reminder's lead time, validated before anything is stored."""
    if not remind_before:
        return None
    return int(
        parse_duration(
            remind_before, minimum=timedelta(minutes=1), maximum=timedelta(days=7)
        ).total_seconds()
    )
