"""The report card's words at a glance: the one-line verdict and the eight-week sparklines. Pure.

The verdict is built from the same decisions as the highlights (:mod:`cogs.stats.highlights`),
so the first line never says something the figures below contradict. It is a list of catalog
keys with their numbers; the embed renders them in the guild's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from cogs.stats.highlights import MEMBERS_NET, Highlight, activity_direction, mood_direction
from cogs.stats.report import ReportData, Week, change

BARS = "▁▂▃▄▅▆▇█"
NO_DATA = "·"


def verdict(data: ReportData) -> list[Highlight]:
    """Clauses of the one-line verdict: activity, members, mood (when it moved), open work."""
    clauses: list[Highlight] = []
    if not data.compared:
        if data.first_day is None:
            clauses.append(Highlight("stats.verdict.no_data", {}))
        else:
            clauses.append(Highlight("stats.verdict.first", {"day": data.first_day}))
    else:
        activity = activity_direction(data)
        percent = abs(change(data.current.messages, data.before.messages).percent or 0)
        if activity == "up":
            clauses.append(Highlight("stats.verdict.busier", {"percent": percent}))
        elif activity == "down":
            clauses.append(Highlight("stats.verdict.quieter", {"percent": percent}))
        else:
            clauses.append(Highlight("stats.verdict.as_before", {}))
    net = data.current.net_members
    if net >= MEMBERS_NET:
        clauses.append(Highlight("stats.verdict.growing", {"net": net}))
    elif net <= -MEMBERS_NET:
        clauses.append(Highlight("stats.verdict.shrinking", {"net": -net}))
    else:
        clauses.append(Highlight("stats.verdict.members_steady", {}))
    mood = mood_direction(data)
    if mood == "worse":
        clauses.append(Highlight("stats.verdict.mood_worse", {}))
    elif mood == "better":
        clauses.append(Highlight("stats.verdict.mood_better", {}))
    total = data.open_work.total
    if total:
        clauses.append(Highlight("stats.verdict.open", {"count": total}))
    else:
        clauses.append(Highlight("stats.verdict.nothing_open", {}))
    return clauses


def sparkline(values: Sequence[float | None]) -> str:
    """One block character per value, scaled from the smallest to the largest; ``·`` where
    nothing is known (weeks before the bot had data)."""
    known = [v for v in values if v is not None]
    if not known:
        return NO_DATA * len(values)
    low, high = min(known), max(known)
    out = []
    for value in values:
        if value is None:
            out.append(NO_DATA)
        elif high == low:
            out.append(BARS[len(BARS) // 2])
        else:
            out.append(BARS[round((value - low) / (high - low) * (len(BARS) - 1))])
    return "".join(out)


def week_series(weeks: Sequence[Week], figure: str) -> list[float | None]:
    """The eight weeks' values of one figure: messages, active, net_members, negative_share."""
    return [getattr(week, figure) for week in weeks]


def rounded(seconds: float) -> timedelta:
    """A duration as a reader wants it: minutes under an hour, hours under two days, else days."""
    if seconds < 3600:
        return timedelta(minutes=max(1, round(seconds / 60)))
    if seconds < 2 * 86400:
        return timedelta(hours=round(seconds / 3600))
    return timedelta(days=round(seconds / 86400))
