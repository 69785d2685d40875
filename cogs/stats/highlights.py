"""Highlights of a report: what changed, up or down, in plain words. Pure.

Highlights are keys of the string catalog with their numbers, so the cog renders them in the
guild's language; the thresholds are here, in one place, and tested against fixed data sets (a
drop, a rise, a new server, a quiet week).

Small numbers move a lot by chance: a change fires only when it is large *and* clearly more than
chance (a count's noise is about its square root; a share's follows the binomial). Nothing is
compared with days before the bot had data: those are unknown, not zero, so a report whose
previous period was not fully counted says so instead of comparing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from cogs.stats.report import ChannelTotals, ReportData, Retention, change

ACTIVITY_CHANGE = 0.20  # overall messages up or down by 20 % ...
MIN_MESSAGES = 50  # ... when there were at least this many in one of the periods
ACTIVE_CHANGE = 0.20  # active members up or down by 20 % ...
MIN_ACTIVE = 10  # ... from at least this many
NOISE_Z = 2.0  # a change must be this many standard deviations of chance
CHANNEL_MIN = 20  # a channel counts for growth/quiet highlights from 20 messages
CHANNEL_GROWTH = 0.25
CHANNEL_QUIET = 0.25  # down to a quarter or less
MEMBERS_NET = 5
MODERATION_MIN = 5
MODERATION_FACTOR = 2.0
MOOD_MIN_SCORED = 20  # rated messages each period needs before its mood is compared
MOOD_POINTS = 0.03  # the share of negative messages moved by 3 percentage points or more
RETENTION_MIN = 10  # joins in each cohort before their retention is compared
RETENTION_POINTS = 0.15  # share active after 7 days moved by 15 percentage points or more
MAX_HIGHLIGHTS = 6


@dataclass(frozen=True)
class Highlight:
    key: str
    params: Mapping[str, object]


def counts_differ(now: float, before: float, relative: float, minimum: float) -> bool:
    """Two counts differ by at least ``relative`` of the earlier one, from ``minimum`` up, and by
    more than chance (Poisson: the difference's spread is the square root of their sum)."""
    if max(now, before) < minimum or before <= 0:
        return False
    if abs(now - before) < relative * before:
        return False
    return abs(now - before) >= NOISE_Z * math.sqrt(now + before)


def shares_differ(p1: float, n1: float, p2: float, n2: float, points: float) -> bool:
    """Two shares differ by at least ``points`` and by more than chance (two-proportion z)."""
    if n1 <= 0 or n2 <= 0 or abs(p1 - p2) < points:
        return False
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    spread = math.sqrt(max(pooled * (1 - pooled), 1e-9) * (1 / n1 + 1 / n2))
    return abs(p1 - p2) >= NOISE_Z * spread


def mood_direction(data: ReportData) -> str | None:
    """ "worse" when the share of negative messages rose notably, "better" when it fell."""
    now, before = data.current, data.before
    if not data.compared or now.negative_share is None or before.negative_share is None:
        return None
    if now.negative_n < MOOD_MIN_SCORED or before.negative_n < MOOD_MIN_SCORED:
        return None
    if not shares_differ(
        now.negative_share, now.negative_n, before.negative_share, before.negative_n, MOOD_POINTS
    ):
        return None
    return "worse" if now.negative_share > before.negative_share else "better"


def activity_direction(data: ReportData) -> str | None:
    now, before = data.current.messages, data.before.messages
    if not data.compared or not counts_differ(now, before, ACTIVITY_CHANGE, MIN_MESSAGES):
        return None
    return "up" if now > before else "down"


def _active_highlight(data: ReportData) -> Highlight | None:
    now, before = data.current.active_members, data.before.active_members
    if not data.compared or now is None or before is None:
        return None
    if not counts_differ(now, before, ACTIVE_CHANGE, MIN_ACTIVE):
        return None
    key = "stats.hl.active_up" if now > before else "stats.hl.active_down"
    return Highlight(key, {"count": now, "previous": before})


def _rate(r: Retention | None, first_day: object) -> float | None:
    if r is None or r.joined < RETENTION_MIN:
        return None
    if first_day is None or r.cohort_start < first_day:  # type: ignore[operator]
        return None  # joins before the bot had data are unknown
    return r.active_after_7 / r.joined


def _retention_highlight(data: ReportData) -> Highlight | None:
    now, before = (
        _rate(data.retention, data.first_day),
        _rate(data.retention_before, data.first_day),
    )
    if now is None or before is None or data.retention is None or data.retention_before is None:
        return None
    if not shares_differ(
        now, data.retention.joined, before, data.retention_before.joined, RETENTION_POINTS
    ):
        return None
    key = "stats.hl.retention_up" if now > before else "stats.hl.retention_down"
    return Highlight(key, {"current": now, "previous": before})


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
                    "count": worst.messages,
                },
            )
        )
    return found


def highlights(data: ReportData) -> list[Highlight]:
    """What an attentive community manager would point out, most important first."""
    now, before = data.current, data.before
    found: list[Highlight] = []
    if not data.compared:
        if data.first_day is not None:
            found.append(Highlight("stats.hl.first_days", {"day": data.first_day}))
    elif now.cases >= MODERATION_MIN and (
        before.cases == 0 or now.cases >= before.cases * MODERATION_FACTOR
    ):
        found.append(
            Highlight("stats.hl.moderation_spike", {"cases": now.cases, "previous": before.cases})
        )
    mood = mood_direction(data)
    if mood is not None:
        found.append(
            Highlight(
                "stats.hl.mood_worse" if mood == "worse" else "stats.hl.mood_better",
                {"current": now.negative_share, "previous": before.negative_share},
            )
        )
    activity = activity_direction(data)
    if activity is not None:
        percent = abs(change(now.messages, before.messages).percent or 0)
        key = "stats.hl.activity_up" if activity == "up" else "stats.hl.activity_down"
        found.append(Highlight(key, {"percent": percent}))
    active = _active_highlight(data)
    if active is not None:
        found.append(active)
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
    kept = _retention_highlight(data)
    if kept is not None:
        found.append(kept)
    if data.compared:
        found.extend(_channel_highlights(data.channels))
    if not found:
        found.append(Highlight("stats.hl.steady", {}))
    return found[:MAX_HIGHLIGHTS]
