"""Report periods in the guild's local time, and when each report is due. Pure.

A period is a range of local dates ``[start, end)``: a day, a week (Monday to Sunday) or a
calendar month. Its report is due at ``hour:00`` local time on ``end`` (the first day after it),
converted to UTC with the zone's rules of that day, so a weekly report stays at 09:00 Berlin time
in summer and winter. A wall time that does not exist (the spring gap) moves to the end of the gap;
one that happens twice (autumn) is taken once, at its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

Kind = Literal["daily", "weekly", "monthly"]
KINDS: tuple[Kind, ...] = ("daily", "weekly", "monthly")


@dataclass(frozen=True, order=True)
class Period:
    kind: Kind
    start: date
    end: date  # exclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.start.isoformat()}"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def containing(kind: Kind, day: date) -> Period:
    """The period of ``kind`` that ``day`` belongs to."""
    if kind == "daily":
        return Period(kind, day, day + timedelta(days=1))
    if kind == "weekly":
        start = day - timedelta(days=day.weekday())
        return Period(kind, start, start + timedelta(days=7))
    start = _month_start(day)
    return Period(kind, start, _next_month(start))


def following(period: Period) -> Period:
    return containing(period.kind, period.end)


def preceding(period: Period) -> Period:
    return containing(period.kind, period.start - timedelta(days=1))


def last_complete(kind: Kind, today: date) -> Period:
    """The latest period that is over on ``today`` (today belongs to the next one)."""
    return preceding(containing(kind, today))


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time; a time in the spring gap moves to the gap's end,
    an ambiguous autumn time is its first occurrence."""
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    as_utc = first.astimezone(UTC)
    if as_utc.astimezone(zone).replace(tzinfo=None) == naive:
        return as_utc
    # Nonexistent: fold=1 gives the instant computed with the offset after the change; the first
    # valid wall time after the gap is the moment the clocks jumped to.
    later = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    earlier = first.astimezone(UTC)
    jump = min(later, earlier)
    # Walk to the exact transition: the first instant whose local time is past the gap.
    step = timedelta(minutes=1)
    moment = jump
    while moment.astimezone(zone).replace(tzinfo=None) < naive:
        moment += step
    return moment


def due_at(period: Period, hour: int, zone: ZoneInfo) -> datetime:
    """When the report of ``period`` is posted (UTC)."""
    return local_to_utc(period.end, time(hour, 0), zone)


@dataclass(frozen=True)
class NextReport:
    period: Period
    due: datetime  # UTC; in the past means "post now"


def next_report(
    kind: Kind,
    hour: int,
    zone: ZoneInfo,
    now: datetime,
    last_posted_start: date | None,
    reports_from: date | None,
) -> NextReport:
    """The next report to post: the latest complete period if it was not posted yet (a missed one
    is posted once, older ones are never posted in a burst), else the current period.

    Periods that were already over on ``reports_from`` (the day reports were switched on) are not
    posted."""
    today = local_date(now, zone)
    latest = last_complete(kind, today)
    eligible = reports_from is None or latest.end > reports_from
    if eligible and (last_posted_start is None or last_posted_start < latest.start):
        return NextReport(latest, due_at(latest, hour, zone))
    current = containing(kind, today)
    return NextReport(current, due_at(current, hour, zone))


def rolling(days: int, today: date) -> tuple[Period, Period]:
    """The last ``days`` complete days before ``today`` (today is not over, so it is left out:
    a partial day against full ones would always look like a drop), and the same length before
    them (for /stats overview 7d|30d|90d and /leaderboard)."""
    end = today
    current = Period("daily", end - timedelta(days=days), end)
    previous = Period("daily", current.start - timedelta(days=days), current.start)
    return current, previous


def utc_bounds(period: Period, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of the period's first and last local midnight (for UTC timestamps)."""
    return local_to_utc(period.start, time(0), zone), local_to_utc(period.end, time(0), zone)
