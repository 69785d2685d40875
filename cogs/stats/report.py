"""Report figures: a period against the one before, the days, the sparklines' weeks, the open
work, and how a figure changed. Pure.

The repository gathers :class:`ReportData`; what is worth saying about it is decided in
:mod:`cogs.stats.highlights` and :mod:`cogs.stats.card` (the verdict), what the chart shows in
:mod:`cogs.stats.plotspec`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cogs.stats.periods import Period

PARTICIPATION_KINDS: tuple[str, ...] = (
    "qa_question",
    "qa_vote",
    "qa_answer",
    "giveaway_entry",
    "contest_entry",
    "feedback",
    "criticism",
)


@dataclass(frozen=True)
class Totals:
    messages: int = 0
    reactions: int = 0
    active_members: int | None = 0  # None: not known any more (older than the retention window)
    joins: int = 0
    leaves: int = 0
    sentiment_sum: float = 0.0
    sentiment_n: int = 0
    negative: float = 0.0  # messages judged negative (weighted like sentiment_n)
    negative_n: int = 0  # scored messages whose negatives were counted
    cases: int = 0
    cases_auto: int = 0
    appeals_upheld: int = 0
    appeals_revoked: int = 0
    feedback_items: int = 0
    feedback_median_response_s: float | None = None
    review_open: int = 0  # review items open at the period's end
    review_median_s: float | None = None  # median wait of the items decided in the period
    cases_by_kind: Mapping[str, int] = field(default_factory=dict)
    participation: Mapping[str, int] = field(default_factory=dict)

    @property
    def sentiment(self) -> float | None:
        return self.sentiment_sum / self.sentiment_n if self.sentiment_n else None

    @property
    def negative_share(self) -> float | None:
        return self.negative / self.negative_n if self.negative_n else None

    @property
    def cases_manual(self) -> int:
        return self.cases - self.cases_auto

    @property
    def net_members(self) -> int:
        return self.joins - self.leaves


@dataclass(frozen=True)
class ChannelTotals:
    channel_id: int
    messages: int
    previous_messages: int
    sentiment_sum: float = 0.0
    sentiment_n: int = 0


@dataclass(frozen=True)
class DayRow:
    day: date
    messages: int
    active_members: int | None
    joins: int
    leaves: int
    sentiment_sum: float = 0.0
    sentiment_n: int = 0
    negative: float = 0.0
    negative_n: int = 0
    active_7d: int | None = None  # members active in the 7 days up to this one (rolled up)
    active_30d: int | None = None

    @property
    def sentiment(self) -> float | None:
        return self.sentiment_sum / self.sentiment_n if self.sentiment_n else None

    @property
    def negative_share(self) -> float | None:
        return self.negative / self.negative_n if self.negative_n else None


@dataclass(frozen=True)
class Week:
    """One of the eight weeks of the sparklines (the last one ends with the report's period)."""

    end: date  # exclusive
    messages: int | None  # None: the bot had no data in that week yet
    active: int | None  # members active in the week (rolled up on its last day)
    net_members: int | None
    negative_share: float | None


@dataclass(frozen=True)
class OpenWork:
    """What the team still has to do, when the report is made."""

    review_open: int = 0
    inbox_open: int = 0
    oldest_s: float | None = None  # age of the oldest open item of either kind

    @property
    def total(self) -> int:
        return self.review_open + self.inbox_open


@dataclass(frozen=True)
class Retention:
    cohort_start: date
    cohort_end: date  # exclusive
    joined: int = 0
    still_members: int = 0
    active_after_7: int = 0
    active_after_30: int = 0


@dataclass(frozen=True)
class ReportData:
    period: Period
    previous: Period
    current: Totals
    before: Totals
    channels: tuple[ChannelTotals, ...] = ()
    days: tuple[DayRow, ...] = ()
    top: tuple[tuple[int, int], ...] = ()  # (member id, messages), privacy already applied
    sources: tuple[tuple[str, int], ...] = ()  # (invite code, '' = unknown; joins)
    retention: Retention | None = None
    retention_before: Retention | None = None  # the cohort one period earlier
    first_day: date | None = None  # the first day the bot had data for (None: none yet)
    previous_days: tuple[DayRow, ...] = ()
    weeks: tuple[Week, ...] = ()
    open_work: OpenWork = field(default_factory=OpenWork)

    @property
    def compared(self) -> bool:
        """Was the bot counting during the whole previous period? Only then is a change a
        change; days before the bot had data are unknown, not zero."""
        return self.first_day is not None and self.first_day <= self.previous.start


Direction = Literal["up", "down", "same", "new", "none"]


@dataclass(frozen=True)
class Change:
    current: float | None
    previous: float | None
    percent: int | None  # rounded; None when there is nothing to compare with
    direction: Direction


def change(current: float | None, previous: float | None) -> Change:
    if current is None or previous is None:
        return Change(current, previous, None, "none")
    if previous == 0:
        return Change(current, previous, None, "same" if current == 0 else "new")
    percent = round((current - previous) / abs(previous) * 100)
    direction: Direction = "up" if percent > 0 else "down" if percent < 0 else "same"
    return Change(current, previous, percent, direction)


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def retention_cohort(period: Period) -> tuple[date, date]:
    """The members whose retention a report shows: those who joined in a window as long as the
    period, ending 30 days before the period's end (so each had 30 days to come back)."""
    from datetime import timedelta

    end = period.end - timedelta(days=30)
    return end - timedelta(days=period.days), end


CSV_COLUMNS = ("day", "messages", "active_members", "joins", "leaves", "sentiment", "scored")


def csv_text(days: list[DayRow] | tuple[DayRow, ...], header: Sequence[str] = CSV_COLUMNS) -> str:
    """The daily figures as CSV (no member is named); *header* names the columns in the reader's
    language, the values stay machine-readable (ISO dates, a dot before decimals)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in days:
        writer.writerow(
            (
                row.day.isoformat(),
                row.messages,
                "" if row.active_members is None else row.active_members,
                row.joins,
                row.leaves,
                "" if row.sentiment is None else f"{row.sentiment:.4f}",
                row.sentiment_n,
            )
        )
    return out.getvalue()
