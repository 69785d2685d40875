"""Report maths: figures of a period against the one before, and highlights in plain words. Pure.

The repository gathers :class:`ReportData`; this module decides what changed and what is worth
saying. Highlights are keys of the string catalog with their numbers, so the cog renders them in
the guild's language; thresholds are here, in one place, and tested against a fixed data set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cogs.stats.periods import Period

# Thresholds of the highlights.
ACTIVITY_CHANGE = 0.20  # overall messages up or down by 20 %
MIN_MESSAGES = 50  # ... when there were at least this many
CHANNEL_MIN = 20  # a channel counts for growth/quiet highlights from 20 messages
CHANNEL_GROWTH = 0.25
CHANNEL_QUIET = 0.25  # down to a quarter or less
MEMBERS_NET = 5
MODERATION_MIN = 5
MODERATION_FACTOR = 2.0
SENTIMENT_MIN_SCORED = 20
SENTIMENT_CHANGE = 0.10
MAX_HIGHLIGHTS = 6

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

    @property
    def sentiment(self) -> float | None:
        return self.sentiment_sum / self.sentiment_n if self.sentiment_n else None


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


@dataclass(frozen=True)
class Highlight:
    key: str
    params: Mapping[str, object]


def _channel_highlights(channels: tuple[ChannelTotals, ...]) -> list[Highlight]:
    found: list[Highlight] = []
    growing = [
        c
        for c in channels
        if c.messages >= CHANNEL_MIN
        and (
            c.previous_messages == 0
            or (c.messages - c.previous_messages) / c.previous_messages >= CHANNEL_GROWTH
        )
    ]
    if growing:
        best = max(growing, key=lambda c: (c.messages - c.previous_messages, c.messages))
        if best.previous_messages == 0:
            found.append(
                Highlight(
                    "stats.hl.channel_new", {"channel": best.channel_id, "messages": best.messages}
                )
            )
        else:
            found.append(
                Highlight(
                    "stats.hl.channel_growth",
                    {
                        "channel": best.channel_id,
                        "percent": change(best.messages, best.previous_messages).percent,
                        "messages": best.messages,
                    },
                )
            )
    quiet = [
        c
        for c in channels
        if c.previous_messages >= CHANNEL_MIN and c.messages <= c.previous_messages * CHANNEL_QUIET
    ]
    if quiet:
        worst = max(quiet, key=lambda c: (c.previous_messages - c.messages, c.channel_id))
        found.append(
            Highlight(
                "stats.hl.channel_quiet",
                {
                    "channel": worst.channel_id,
                    "previous": worst.previous_messages,
                    "messages": worst.messages,
                },
            )
        )
    return found


def highlights(data: ReportData) -> list[Highlight]:
    """What an attentive community manager would point out, most important first."""
    now, before = data.current, data.before
    found: list[Highlight] = []
    if now.cases >= MODERATION_MIN and (
        before.cases == 0 or now.cases >= before.cases * MODERATION_FACTOR
    ):
        found.append(
            Highlight("stats.hl.moderation_spike", {"cases": now.cases, "previous": before.cases})
        )
    if (
        now.sentiment is not None
        and before.sentiment is not None
        and now.sentiment_n >= SENTIMENT_MIN_SCORED
        and before.sentiment_n >= SENTIMENT_MIN_SCORED
    ):
        delta = now.sentiment - before.sentiment
        if delta <= -SENTIMENT_CHANGE:
            found.append(
                Highlight(
                    "stats.hl.sentiment_drop",
                    {"previous": before.sentiment, "current": now.sentiment},
                )
            )
        elif delta >= SENTIMENT_CHANGE:
            found.append(
                Highlight(
                    "stats.hl.sentiment_rise",
                    {"previous": before.sentiment, "current": now.sentiment},
                )
            )
    activity = change(now.messages, before.messages)
    if max(now.messages, before.messages) >= MIN_MESSAGES and activity.percent is not None:
        if activity.percent >= ACTIVITY_CHANGE * 100:
            found.append(Highlight("stats.hl.activity_up", {"percent": activity.percent}))
        elif activity.percent <= -ACTIVITY_CHANGE * 100:
            found.append(Highlight("stats.hl.activity_down", {"percent": -activity.percent}))
    if now.net_members >= MEMBERS_NET:
        found.append(
            Highlight(
                "stats.hl.members_growth",
                {"net": now.net_members, "joins": now.joins, "leaves": now.leaves},
            )
        )
    elif now.net_members <= -MEMBERS_NET:
        found.append(
            Highlight(
                "stats.hl.members_loss",
                {"net": -now.net_members, "joins": now.joins, "leaves": now.leaves},
            )
        )
    found.extend(_channel_highlights(data.channels))
    if not found:
        found.append(Highlight("stats.hl.steady", {}))
    return found[:MAX_HIGHLIGHTS]


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
