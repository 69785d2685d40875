"""SQL of the report figures: a period against the one before, channels, days, top members,
growth sources, retention; the figures of one member or channel.

Reads of moderation health touch the core tables ``cases`` and ``appeals`` and the feedback
inbox's ``feedback_items`` (read only); participation comes from the activity service's
``activity_daily``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.database import Database
from bot.timeutil import from_iso, to_iso
from cogs.stats.periods import Period, utc_bounds
from cogs.stats.report import (
    PARTICIPATION_KINDS,
    ChannelTotals,
    DayRow,
    Retention,
    Totals,
    median,
)


@dataclass(frozen=True)
class MemberFigures:
    messages: int
    reactions: int
    active_days: int
    channels: tuple[tuple[int, int], ...]  # (channel id, messages)


@dataclass(frozen=True)
class ChannelFigures:
    messages: int
    reactions: int
    active_members: int
    sentiment_sum: float
    sentiment_n: int


# Negative messages and the rated messages they were counted among (days rated before the
# negatives were counted have sentiment_neg NULL and stay out of the share).
NEGATIVE_SUMS = (
    "COALESCE(SUM(sentiment_neg), 0) AS neg, "
    "COALESCE(SUM(CASE WHEN sentiment_neg IS NOT NULL THEN sentiment_n END), 0) AS neg_n"
)


def _days(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


async def _active(db: Database, guild_id: int, period: Period) -> int | None:
    start, end = _days(period)
    window = {7: "active_7d", 30: "active_30d"}.get(period.days)
    if window is not None:  # a week (or 30 days): rolled up once the last day was over
        rolled = await db.read_one(
            f"SELECT {window} AS n FROM stats_guild_daily WHERE guild_id = ? AND day = ?",
            (guild_id, period.last_day.isoformat()),
        )
        if rolled is not None and rolled["n"] is not None:
            return int(rolled["n"])
    folded = await db.read_one(
        "SELECT COUNT(*) AS n, MAX(active_members) AS value FROM stats_guild_daily "
        "WHERE guild_id = ? AND day >= ? AND day < ? AND active_members IS NOT NULL",
        (guild_id, start, end),
    )
    if folded is not None and folded["n"]:
        # Per-member rows of (part of) this period were folded away: only a single day is known.
        return int(folded["value"]) if period.days == 1 else None
    row = await db.read_one(
        "SELECT COUNT(DISTINCT user_id) AS n FROM stats_member_daily "
        "WHERE guild_id = ? AND day >= ? AND day < ? AND user_id != 0",
        (guild_id, start, end),
    )
    return int(row["n"]) if row else 0


async def totals(db: Database, guild_id: int, period: Period, zone: ZoneInfo) -> Totals:
    start, end = _days(period)
    guild = await db.read_one(
        "SELECT COALESCE(SUM(messages), 0) AS messages, COALESCE(SUM(reactions), 0) AS reactions, "
        "COALESCE(SUM(joins), 0) AS joins, COALESCE(SUM(leaves), 0) AS leaves "
        "FROM stats_guild_daily WHERE guild_id = ? AND day >= ? AND day < ?",
        (guild_id, start, end),
    )
    mood = await db.read_one(
        "SELECT COALESCE(SUM(sentiment_sum), 0) AS s, COALESCE(SUM(sentiment_n), 0) AS n, "
        f"{NEGATIVE_SUMS} FROM stats_channel_daily WHERE guild_id = ? AND day >= ? AND day < ?",
        (guild_id, start, end),
    )
    since, until = (to_iso(moment) for moment in utc_bounds(period, zone))
    cases = await db.read_all(
        "SELECT action, moderator_id = 0 AS auto, COUNT(*) AS n FROM cases "
        "WHERE guild_id = ? AND created_at >= ? AND created_at < ? GROUP BY action, auto",
        (guild_id, since, until),
    )
    appeals = await db.read_all(
        "SELECT status, COUNT(*) AS n FROM appeals WHERE guild_id = ? AND decided_at >= ? "
        "AND decided_at < ? AND status IN ('upheld', 'revoked') GROUP BY status",
        (guild_id, since, until),
    )
    inbox = await db.read_all(
        "SELECT created_at, first_response_at FROM feedback_items "
        "WHERE guild_id = ? AND created_at >= ? AND created_at < ?",
        (guild_id, since, until),
    )
    review_open = await db.read_one(
        "SELECT count(*) AS n FROM review_items WHERE guild_id = ? AND opened_at < ? "
        "AND (decided_at IS NULL OR decided_at >= ?)",
        (guild_id, until, until),
    )
    reviewed = await db.read_all(
        "SELECT opened_at, decided_at FROM review_items WHERE guild_id = ? AND decided_at >= ? "
        "AND decided_at < ?",
        (guild_id, since, until),
    )
    marks = ",".join("?" for _ in PARTICIPATION_KINDS)
    participation = await db.read_all(
        f"SELECT kind, SUM(count) AS n FROM activity_daily WHERE guild_id = ? AND day >= ? "
        f"AND day < ? AND kind IN ({marks}) GROUP BY kind",
        (guild_id, start, end, *PARTICIPATION_KINDS),
    )
    by_kind: dict[str, int] = {}
    auto = 0
    for row in cases:
        by_kind[row["action"]] = by_kind.get(row["action"], 0) + row["n"]
        auto += row["n"] if row["auto"] else 0
    appeal = {row["status"]: row["n"] for row in appeals}
    waits = [
        (from_iso(row["first_response_at"]) - from_iso(row["created_at"])).total_seconds()
        for row in inbox
        if row["first_response_at"]
    ]
    assert guild is not None and mood is not None
    return Totals(
        messages=guild["messages"],
        reactions=guild["reactions"],
        active_members=await _active(db, guild_id, period),
        joins=guild["joins"],
        leaves=guild["leaves"],
        sentiment_sum=float(mood["s"]),
        sentiment_n=int(mood["n"]),
        negative=float(mood["neg"] or 0.0),
        negative_n=int(mood["neg_n"] or 0),
        cases=sum(by_kind.values()),
        cases_auto=auto,
        appeals_upheld=appeal.get("upheld", 0),
        appeals_revoked=appeal.get("revoked", 0),
        feedback_items=len(inbox),
        feedback_median_response_s=median(waits),
        review_open=int(review_open["n"]) if review_open else 0,
        review_median_s=median(
            [
                (from_iso(r["decided_at"]) - from_iso(r["opened_at"])).total_seconds()
                for r in reviewed
            ]
        ),
        cases_by_kind=by_kind,
        participation={row["kind"]: int(row["n"]) for row in participation},
    )


async def daily_rows(
    db: Database, guild_id: int, period: Period, *, active: bool = True
) -> list[DayRow]:
    """The figures of each day; ``active=False`` skips counting the members active per day
    (the previous period's days are outlines of messages and mood only)."""
    start, end = _days(period)
    guild = {
        row["day"]: row
        for row in await db.read_all(
            "SELECT day, messages, joins, leaves, active_members, active_7d, active_30d "
            "FROM stats_guild_daily "
            "WHERE guild_id = ? AND day >= ? AND day < ?",
            (guild_id, start, end),
        )
    }
    members: dict[str, int] = {}
    if active:
        members = {
            row["day"]: row["n"]
            for row in await db.read_all(
                "SELECT day, COUNT(*) AS n FROM stats_member_daily WHERE guild_id = ? "
                "AND day >= ? AND day < ? AND user_id != 0 GROUP BY day",
                (guild_id, start, end),
            )
        }
    mood = {
        row["day"]: (row["s"], row["n"], row["neg"], row["neg_n"])
        for row in await db.read_all(
            f"SELECT day, SUM(sentiment_sum) AS s, SUM(sentiment_n) AS n, {NEGATIVE_SUMS} "
            "FROM stats_channel_daily WHERE guild_id = ? AND day >= ? AND day < ? GROUP BY day",
            (guild_id, start, end),
        )
    }
    rows: list[DayRow] = []
    day = period.start
    while day < period.end:
        key = day.isoformat()
        g = guild.get(key)
        folded = g["active_members"] if g is not None else None
        s, n, neg, neg_n = mood.get(key, (0.0, 0, 0.0, 0))
        rows.append(
            DayRow(
                day,
                g["messages"] if g else 0,
                folded if folded is not None else members.get(key, 0 if active else None),
                g["joins"] if g else 0,
                g["leaves"] if g else 0,
                float(s or 0.0),
                int(n or 0),
                float(neg or 0.0),
                int(neg_n or 0),
                g["active_7d"] if g else None,
                g["active_30d"] if g else None,
            )
        )
        day += timedelta(days=1)
    return rows


async def channel_totals(
    db: Database, guild_id: int, period: Period, previous: Period
) -> list[ChannelTotals]:
    rows = await db.read_all(
        "SELECT channel_id, SUM(CASE WHEN day >= :cs THEN messages ELSE 0 END) AS cur, "
        "SUM(CASE WHEN day < :cs THEN messages ELSE 0 END) AS prev, "
        "SUM(CASE WHEN day >= :cs THEN sentiment_sum ELSE 0 END) AS s, "
        "SUM(CASE WHEN day >= :cs THEN sentiment_n ELSE 0 END) AS n "
        "FROM stats_channel_daily WHERE guild_id = :g AND day >= :ps AND day < :ce "
        "GROUP BY channel_id",
        {
            "g": guild_id,
            "cs": period.start.isoformat(),
            "ps": previous.start.isoformat(),
            "ce": period.end.isoformat(),
        },
    )
    return [
        ChannelTotals(row["channel_id"], row["cur"], row["prev"], float(row["s"]), int(row["n"]))
        for row in rows
    ]


async def top_members(
    db: Database,
    guild_id: int,
    period: Period,
    mode: str,
    limit: int = 5,
    hidden: Callable[[int], bool] | None = None,
) -> list[tuple[int, int]]:
    """Most messages in the period among the members who may be named (opt-out or opt-in);
    ``hidden(user_id)`` drops more (choices SQL cannot see: opt-outs kept after a forget)."""
    wanted = limit if hidden is None else limit * 2 + 10
    while True:
        rows = await _top_rows(db, guild_id, period, mode, wanted)
        shown = [row for row in rows if hidden is None or not hidden(row[0])]
        if len(shown) >= limit or len(rows) < wanted:
            return shown[:limit]
        wanted *= 4


async def _top_rows(
    db: Database, guild_id: int, period: Period, mode: str, limit: int
) -> list[tuple[int, int]]:
    start, end = _days(period)
    if mode == "opt_in":
        sql = (
            "SELECT m.user_id, SUM(m.messages) AS n FROM stats_member_daily m "
            "JOIN stats_member_prefs p ON p.guild_id = m.guild_id AND p.user_id = m.user_id "
            "AND p.leaderboard = 1 AND p.member_stats = 1 "
            "WHERE m.guild_id = ? AND m.day >= ? AND m.day < ? AND m.user_id != 0 "
            "GROUP BY m.user_id HAVING SUM(m.messages) > 0 ORDER BY n DESC, m.user_id LIMIT ?"
        )
    else:
        sql = (
            "SELECT user_id, n FROM (SELECT user_id, SUM(messages) AS n FROM stats_member_daily "
            "WHERE guild_id = ? AND day >= ? AND day < ? AND user_id != 0 GROUP BY user_id) AS t "
            "WHERE n > 0 AND user_id NOT IN (SELECT user_id FROM stats_member_prefs WHERE "
            "guild_id = ? AND (leaderboard = 0 OR member_stats = 0)) ORDER BY n DESC, user_id LIMIT ?"
        )
    params = (
        (guild_id, start, end, limit)
        if mode == "opt_in"
        else (guild_id, start, end, guild_id, limit)
    )
    rows = await db.read_all(sql, params)
    return [(row["user_id"], row["n"]) for row in rows]


async def invite_sources(
    db: Database, guild_id: int, period: Period, limit: int = 5
) -> list[tuple[str, int]]:
    start, end = _days(period)
    rows = await db.read_all(
        "SELECT invite_code, SUM(joins) AS n FROM stats_invite_daily WHERE guild_id = ? "
        "AND day >= ? AND day < ? GROUP BY invite_code ORDER BY n DESC, invite_code LIMIT ?",
        (guild_id, start, end, limit),
    )
    return [(row["invite_code"], row["n"]) for row in rows]


async def retention(
    db: Database, guild_id: int, cohort_start: date, cohort_end: date, until: date
) -> Retention:
    """Of the members who joined in [cohort_start, cohort_end): how many are still members, and
    how many were active 7 or more and 30 or more days after joining (up to ``until``)."""
    row = await db.read_one(
        "SELECT COUNT(*) AS joined, "
        "COALESCE(SUM(CASE WHEN j.left_at IS NULL THEN 1 ELSE 0 END), 0) AS still, "
        f"COALESCE(SUM(CASE WHEN {_active_after(db, 7)} THEN 1 ELSE 0 END), 0) AS a7, "
        f"COALESCE(SUM(CASE WHEN {_active_after(db, 30)} THEN 1 ELSE 0 END), 0) AS a30 "
        "FROM stats_joins j WHERE j.guild_id = :g AND j.day >= :s AND j.day < :e",
        {
            "g": guild_id,
            "s": cohort_start.isoformat(),
            "e": cohort_end.isoformat(),
            "until": until.isoformat(),
        },
    )
    assert row is not None
    return Retention(cohort_start, cohort_end, row["joined"], row["still"], row["a7"], row["a30"])


def _active_after(db: Database, days: int) -> str:
    """Was the joined member ``j`` active ``days`` or more days after joining (before :until)?"""
    if db.dialect == "postgresql":
        since = f"to_char(CAST(j.day AS date) + {days:d}, 'YYYY-MM-DD')"
    else:
        since = f"date(j.day, '+{days:d} days')"
    return (
        "EXISTS (SELECT 1 FROM stats_member_daily m INDEXED BY stats_member_daily_user "
        f"WHERE m.user_id = j.user_id AND m.guild_id = j.guild_id AND m.day >= {since} "
        "AND m.day < :until)"
    )


async def member_figures(
    db: Database, guild_id: int, user_id: int, period: Period
) -> MemberFigures:
    start, end = _days(period)
    row = await db.read_one(
        "SELECT COALESCE(SUM(messages), 0) AS m, COALESCE(SUM(reactions), 0) AS r, "
        "COUNT(*) AS d FROM stats_member_daily INDEXED BY stats_member_daily_user "
        "WHERE user_id = ? AND guild_id = ? AND day >= ? AND day < ?",
        (user_id, guild_id, start, end),
    )
    channels = await db.read_all(
        "SELECT channel_id, SUM(messages) AS n FROM stats_member_channel_daily "
        "INDEXED BY stats_member_channel_daily_user WHERE user_id = ? AND guild_id = ? "
        "AND day >= ? AND day < ? GROUP BY channel_id HAVING SUM(messages) > 0 "
        "ORDER BY n DESC, channel_id LIMIT 5",
        (user_id, guild_id, start, end),
    )
    assert row is not None
    return MemberFigures(
        row["m"], row["r"], row["d"], tuple((c["channel_id"], c["n"]) for c in channels)
    )


async def channel_figures(
    db: Database, guild_id: int, channel_id: int, period: Period
) -> ChannelFigures:
    start, end = _days(period)
    row = await db.read_one(
        "SELECT COALESCE(SUM(messages), 0) AS m, COALESCE(SUM(reactions), 0) AS r, "
        "COALESCE(SUM(sentiment_sum), 0) AS s, COALESCE(SUM(sentiment_n), 0) AS n "
        "FROM stats_channel_daily WHERE guild_id = ? AND day >= ? AND day < ? AND channel_id = ?",
        (guild_id, start, end, channel_id),
    )
    active = await db.read_one(
        "SELECT COUNT(DISTINCT user_id) AS n FROM stats_member_channel_daily WHERE guild_id = ? "
        "AND day >= ? AND day < ? AND channel_id = ? AND user_id != 0",
        (guild_id, start, end, channel_id),
    )
    assert row is not None and active is not None
    return ChannelFigures(row["m"], row["r"], active["n"], float(row["s"]), int(row["n"]))
