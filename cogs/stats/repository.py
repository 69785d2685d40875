"""All SQL of the statistics: counts, rollups, joins, report figures, settings, privacy.

Reads of moderation health touch the core tables ``cases`` and ``appeals`` and the feedback
inbox's ``feedback_items`` (read only); participation comes from the activity service's
``activity_daily``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from bot import repository as core
from bot.database import Database, Transaction
from bot.timeutil import from_iso, to_iso
from cogs.stats.counter import Batch
from cogs.stats.optout import KeptChoice
from cogs.stats.periods import Kind, Period, preceding, utc_bounds
from cogs.stats.report import (
    PARTICIPATION_KINDS,
    ChannelTotals,
    DayRow,
    ReportData,
    Retention,
    Totals,
    median,
    retention_cohort,
)


@dataclass(frozen=True)
class StatsSettings:
    guild_id: int
    report_period: Kind | None = None
    report_hour: int = 9
    reports_from: date | None = None
    leaderboard_mode: str = "opt_out"  # or "opt_in"
    retention_days: int = 90
    welcome_enabled: bool = False
    welcome_text: str | None = None
    welcome_role_id: int | None = None
    welcome_role_approved: int = 0  # risky permission bits an administrator accepted


MIN_RETENTION_DAYS = 61  # a monthly report's cohort joined up to 61 days before it is due
MAX_RETENTION_DAYS = 730


@dataclass(frozen=True)
class MemberPrefs:
    guild_id: int
    user_id: int
    leaderboard: bool | None = None  # None: the guild's default
    member_stats: bool = True


@dataclass(frozen=True)
class ReportRecord:
    guild_id: int
    kind: str
    period_start: date
    channel_id: int
    message_id: int | None
    claimed_at: datetime


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


# --- settings and preferences ---------------------------------------------------------------


def _settings(row: Any) -> StatsSettings:
    return StatsSettings(
        guild_id=row["guild_id"],
        report_period=row["report_period"],
        report_hour=row["report_hour"],
        reports_from=date.fromisoformat(row["reports_from"]) if row["reports_from"] else None,
        leaderboard_mode=row["leaderboard_mode"],
        retention_days=row["retention_days"],
        welcome_enabled=bool(row["welcome_enabled"]),
        welcome_text=row["welcome_text"],
        welcome_role_id=row["welcome_role_id"],
        welcome_role_approved=row["welcome_role_approved"],
    )


async def load_settings(db: Database) -> dict[int, StatsSettings]:
    rows = await db.fetchall("SELECT * FROM stats_settings")
    return {row["guild_id"]: _settings(row) for row in rows}


async def save_settings(db: Database, settings: StatsSettings, now: datetime) -> None:
    async with db.transaction() as tx:
        await core.ensure_guild(tx, settings.guild_id, now)
        await tx.execute(
            "INSERT INTO stats_settings (guild_id, report_period, report_hour, reports_from, "
            "leaderboard_mode, retention_days, welcome_enabled, welcome_text, welcome_role_id, "
            "welcome_role_approved, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET "
            "report_period = excluded.report_period, report_hour = excluded.report_hour, "
            "reports_from = excluded.reports_from, leaderboard_mode = excluded.leaderboard_mode, "
            "retention_days = excluded.retention_days, welcome_enabled = excluded.welcome_enabled, "
            "welcome_text = excluded.welcome_text, welcome_role_id = excluded.welcome_role_id, "
            "welcome_role_approved = excluded.welcome_role_approved, updated_at = excluded.updated_at",
            (
                settings.guild_id,
                settings.report_period,
                settings.report_hour,
                settings.reports_from.isoformat() if settings.reports_from else None,
                settings.leaderboard_mode,
                settings.retention_days,
                int(settings.welcome_enabled),
                settings.welcome_text,
                settings.welcome_role_id,
                settings.welcome_role_approved,
                to_iso(now),
            ),
        )


async def load_prefs(db: Database) -> dict[tuple[int, int], MemberPrefs]:
    rows = await db.fetchall(
        "SELECT guild_id, user_id, leaderboard, member_stats FROM stats_member_prefs"
    )
    return {
        (row["guild_id"], row["user_id"]): MemberPrefs(
            row["guild_id"],
            row["user_id"],
            None if row["leaderboard"] is None else bool(row["leaderboard"]),
            bool(row["member_stats"]),
        )
        for row in rows
    }


async def save_prefs(
    db: Database, prefs: MemberPrefs, now: datetime, kept_digest: bytes | None = None
) -> None:
    """Save a member's choices (``kept_digest``: their kept opt-out row, which the named row
    replaces). Without per-member statistics, everything counted about them in this guild
    becomes anonymous and their join rows go (the guild's and invites' join totals stay)."""
    async with db.transaction() as tx:
        await core.ensure_guild(tx, prefs.guild_id, now)
        await tx.execute(
            "INSERT INTO stats_member_prefs (guild_id, user_id, leaderboard, member_stats, "
            "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET "
            "leaderboard = excluded.leaderboard, member_stats = excluded.member_stats, "
            "updated_at = excluded.updated_at",
            (
                prefs.guild_id,
                prefs.user_id,
                None if prefs.leaderboard is None else int(prefs.leaderboard),
                int(prefs.member_stats),
                to_iso(now),
            ),
        )
        if kept_digest is not None:
            await tx.execute(
                "DELETE FROM stats_kept_optouts WHERE guild_id = ? AND digest = ?",
                (prefs.guild_id, kept_digest),
            )
        if not prefs.member_stats:
            # No per-member statistics any more: what was counted becomes anonymous now.
            await _anonymise(tx, "stats_member_channel_daily", prefs.user_id, prefs.guild_id)
            await _anonymise(tx, "stats_member_daily", prefs.user_id, prefs.guild_id)
            await _anonymise_member(tx, prefs.user_id, prefs.guild_id)


async def _anonymise_member(tx: Transaction, user_id: int, guild_id: int | None) -> int:
    """A member's join rows (user, invite, inviter) go, so retention only follows members who
    are counted individually; the guild's and the invites' join totals are separate tables and
    stay. Where the member invited someone, the inviter is forgotten. Their participation
    counts (activity service) become anonymous."""
    where = "" if guild_id is None else " AND guild_id = ?"
    params: tuple[int, ...] = (user_id,) if guild_id is None else (user_id, guild_id)
    changed = await tx.execute(f"DELETE FROM stats_joins WHERE user_id = ?{where}", params)
    changed += await tx.execute(
        f"UPDATE stats_joins SET inviter_id = NULL WHERE inviter_id = ?{where}", params
    )
    await tx.execute(
        "INSERT INTO activity_daily (guild_id, day, kind, user_id, count) "
        f"SELECT guild_id, day, kind, 0, count FROM activity_daily WHERE user_id = ?{where} "
        "ON CONFLICT (guild_id, day, kind, user_id) DO UPDATE SET count = count + excluded.count",
        params,
    )
    await tx.execute(f"DELETE FROM activity_daily WHERE user_id = ?{where}", params)
    return changed


SECRET_KEY = "stats:optout_secret"


async def optout_secret(db: Database) -> bytes:
    """The per-database secret of the kept opt-outs (created once, kept in ``meta``)."""
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            (SECRET_KEY, secrets.token_hex(32)),
        )
        row = await tx.fetchone("SELECT value FROM meta WHERE key = ?", (SECRET_KEY,))
    assert row is not None
    return bytes.fromhex(str(row["value"]))


async def load_kept_optouts(db: Database) -> dict[int, dict[bytes, KeptChoice]]:
    rows = await db.fetchall(
        "SELECT guild_id, digest, member_stats, leaderboard FROM stats_kept_optouts"
    )
    found: dict[int, dict[bytes, KeptChoice]] = {}
    for row in rows:
        board = None if row["leaderboard"] is None else bool(row["leaderboard"])
        found.setdefault(row["guild_id"], {})[bytes(row["digest"])] = KeptChoice(
            bool(row["member_stats"]), board
        )
    return found


# --- ingestion --------------------------------------------------------------------------------

_RAW = (
    "INSERT INTO stats_member_channel_daily (guild_id, day, channel_id, user_id, messages, reactions) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, channel_id, user_id) DO UPDATE SET "
    "messages = messages + excluded.messages, reactions = reactions + excluded.reactions"
)
_MEMBER = (
    "INSERT INTO stats_member_daily (guild_id, day, user_id, messages, reactions) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, user_id) DO UPDATE SET "
    "messages = messages + excluded.messages, reactions = reactions + excluded.reactions"
)
_CHANNEL = (
    "INSERT INTO stats_channel_daily (guild_id, day, channel_id, messages, reactions, "
    "sentiment_sum, sentiment_n) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (guild_id, day, channel_id) DO UPDATE SET messages = messages + excluded.messages, "
    "reactions = reactions + excluded.reactions, sentiment_sum = sentiment_sum + excluded.sentiment_sum, "
    "sentiment_n = sentiment_n + excluded.sentiment_n"
)
_GUILD = (
    "INSERT INTO stats_guild_daily (guild_id, day, messages, reactions, joins, leaves) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, day) DO UPDATE SET "
    "messages = messages + excluded.messages, reactions = reactions + excluded.reactions, "
    "joins = joins + excluded.joins, leaves = leaves + excluded.leaves"
)


async def write_batch(db: Database, batch: Batch, now: datetime) -> int:
    """Raw counts and their daily rollups in one transaction; returns the rows written."""
    if not batch:
        return 0
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT OR IGNORE INTO guilds (guild_id, joined_at) VALUES (?, ?)",
            [(guild_id, to_iso(now)) for guild_id in {key[0] for key in batch.guilds}],
        )
        await tx.executemany(_RAW, [(*key, m, r) for key, (m, r) in sorted(batch.raw.items())])
        await tx.executemany(
            _MEMBER, [(*key, m, r) for key, (m, r) in sorted(batch.members.items())]
        )
        await tx.executemany(_CHANNEL, [(*key, *value) for key, value in batch.channels.items()])
        await tx.executemany(_GUILD, [(*key, m, r, 0, 0) for key, (m, r) in batch.guilds.items()])
    return batch.rows


async def record_join(
    db: Database,
    guild_id: int,
    user_id: int | None,
    day: str,
    now: datetime,
    invite_code: str | None,
    inviter_id: int | None,
) -> None:
    """A member joined (``user_id`` None: they opted out of per-member statistics)."""
    async with db.transaction() as tx:
        await core.ensure_guild(tx, guild_id, now)
        await tx.execute(_GUILD, (guild_id, day, 0, 0, 1, 0))
        await tx.execute(
            "INSERT INTO stats_invite_daily (guild_id, day, invite_code, joins) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (guild_id, day, invite_code) DO UPDATE SET joins = joins + 1",
            (guild_id, day, invite_code or ""),
        )
        if user_id is not None:
            await tx.execute(
                "INSERT INTO stats_joins (guild_id, user_id, day, joined_at, invite_code, "
                "inviter_id) VALUES (?, ?, ?, ?, ?, ?)",
                (guild_id, user_id, day, to_iso(now), invite_code, inviter_id),
            )


async def record_leave(db: Database, guild_id: int, user_id: int, day: str, now: datetime) -> None:
    async with db.transaction() as tx:
        await core.ensure_guild(tx, guild_id, now)
        await tx.execute(_GUILD, (guild_id, day, 0, 0, 0, 1))
        await tx.execute(
            "UPDATE stats_joins SET left_at = ? WHERE guild_id = ? AND user_id = ? AND left_at IS NULL",
            (to_iso(now), guild_id, user_id),
        )


# --- report figures ---------------------------------------------------------------------------


def _days(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


async def _active(db: Database, guild_id: int, period: Period) -> int | None:
    start, end = _days(period)
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
        "SELECT COALESCE(SUM(sentiment_sum), 0) AS s, COALESCE(SUM(sentiment_n), 0) AS n "
        "FROM stats_channel_daily WHERE guild_id = ? AND day >= ? AND day < ?",
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


async def daily_rows(db: Database, guild_id: int, period: Period) -> list[DayRow]:
    start, end = _days(period)
    guild = {
        row["day"]: row
        for row in await db.read_all(
            "SELECT day, messages, joins, leaves, active_members FROM stats_guild_daily "
            "WHERE guild_id = ? AND day >= ? AND day < ?",
            (guild_id, start, end),
        )
    }
    active = {
        row["day"]: row["n"]
        for row in await db.read_all(
            "SELECT day, COUNT(*) AS n FROM stats_member_daily WHERE guild_id = ? AND day >= ? "
            "AND day < ? AND user_id != 0 GROUP BY day",
            (guild_id, start, end),
        )
    }
    mood = {
        row["day"]: (row["s"], row["n"])
        for row in await db.read_all(
            "SELECT day, SUM(sentiment_sum) AS s, SUM(sentiment_n) AS n FROM stats_channel_daily "
            "WHERE guild_id = ? AND day >= ? AND day < ? GROUP BY day",
            (guild_id, start, end),
        )
    }
    rows: list[DayRow] = []
    day = period.start
    while day < period.end:
        key = day.isoformat()
        g = guild.get(key)
        folded = g["active_members"] if g is not None else None
        s, n = mood.get(key, (0.0, 0))
        rows.append(
            DayRow(
                day,
                g["messages"] if g else 0,
                folded if folded is not None else active.get(key, 0),
                g["joins"] if g else 0,
                g["leaves"] if g else 0,
                float(s or 0.0),
                int(n or 0),
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
            "GROUP BY m.user_id HAVING n > 0 ORDER BY n DESC, m.user_id LIMIT ?"
        )
    else:
        sql = (
            "SELECT user_id, n FROM (SELECT user_id, SUM(messages) AS n FROM stats_member_daily "
            "WHERE guild_id = ? AND day >= ? AND day < ? AND user_id != 0 GROUP BY user_id) "
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
        "SELECT COUNT(*) AS joined, COALESCE(SUM(j.left_at IS NULL), 0) AS still, "
        "COALESCE(SUM(EXISTS (SELECT 1 FROM stats_member_daily m INDEXED BY stats_member_daily_user "
        "WHERE m.user_id = j.user_id AND m.guild_id = j.guild_id AND m.day >= date(j.day, '+7 days') "
        "AND m.day < :until)), 0) AS a7, "
        "COALESCE(SUM(EXISTS (SELECT 1 FROM stats_member_daily m INDEXED BY stats_member_daily_user "
        "WHERE m.user_id = j.user_id AND m.guild_id = j.guild_id AND m.day >= date(j.day, '+30 days') "
        "AND m.day < :until)), 0) AS a30 "
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
        "AND day >= ? AND day < ? GROUP BY channel_id HAVING n > 0 ORDER BY n DESC LIMIT 5",
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


async def report_data(
    db: Database,
    guild_id: int,
    period: Period,
    zone: ZoneInfo,
    mode: str,
    previous: Period | None = None,
    *,
    kept_from: date | None = None,
    hidden: Callable[[int], bool] | None = None,
) -> ReportData:
    """Every figure of a report: the period, the one before, channels, days, top, sources.

    ``kept_from``: the first day whose per-member rows are still kept (the retention window);
    the retention cohort starts no earlier, so it only counts members whose joins are known."""
    before = previous or preceding(period)
    cohort = retention_cohort(period)
    if kept_from is not None and cohort[0] < kept_from:
        cohort = (min(kept_from, cohort[1]), cohort[1])
    return ReportData(
        period=period,
        previous=before,
        current=await totals(db, guild_id, period, zone),
        before=await totals(db, guild_id, before, zone),
        channels=tuple(await channel_totals(db, guild_id, period, before)),
        days=tuple(await daily_rows(db, guild_id, period)),
        top=tuple(await top_members(db, guild_id, period, mode, hidden=hidden)),
        sources=tuple(await invite_sources(db, guild_id, period)),
        retention=await retention(db, guild_id, *cohort, period.end),
    )


# --- reports: one per (guild, period) -----------------------------------------------------------


async def report_record(db: Database, guild_id: int, period: Period) -> ReportRecord | None:
    row = await db.fetchone(
        "SELECT * FROM stats_reports WHERE guild_id = ? AND kind = ? AND period_start = ?",
        (guild_id, period.kind, period.start.isoformat()),
    )
    if row is None:
        return None
    return ReportRecord(
        row["guild_id"],
        row["kind"],
        date.fromisoformat(row["period_start"]),
        row["channel_id"],
        row["message_id"],
        from_iso(row["claimed_at"]),
    )


async def last_reported(db: Database, guild_id: int, kind: str) -> date | None:
    """The latest period whose report was posted (a claim without a message, after a post that
    may or may not have gone through, does not count: after a restart the bot looks for it)."""
    row = await db.fetchone(
        "SELECT MAX(period_start) AS start FROM stats_reports WHERE guild_id = ? AND kind = ? "
        "AND message_id IS NOT NULL",
        (guild_id, kind),
    )
    return date.fromisoformat(row["start"]) if row and row["start"] else None


async def claim_report(
    db: Database, guild_id: int, period: Period, channel_id: int, now: datetime
) -> bool:
    """Claim the period's report before posting; False if it was claimed already."""
    async with db.transaction() as tx:
        await core.ensure_guild(tx, guild_id, now)
        return (
            await tx.execute(
                "INSERT OR IGNORE INTO stats_reports (guild_id, kind, period_start, period_end, "
                "channel_id, claimed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    period.kind,
                    period.start.isoformat(),
                    period.end.isoformat(),
                    channel_id,
                    to_iso(now),
                ),
            )
            > 0
        )


async def report_posted(
    db: Database, guild_id: int, period: Period, channel_id: int, message_id: int
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE stats_reports SET message_id = ?, channel_id = ? WHERE guild_id = ? "
            "AND kind = ? AND period_start = ?",
            (message_id, channel_id, guild_id, period.kind, period.start.isoformat()),
        )


async def release_report(db: Database, guild_id: int, period: Period) -> None:
    """The post certainly did not happen: the claim is dropped so a later try can post."""
    async with db.transaction() as tx:
        await tx.execute(
            "DELETE FROM stats_reports WHERE guild_id = ? AND kind = ? AND period_start = ? "
            "AND message_id IS NULL",
            (guild_id, period.kind, period.start.isoformat()),
        )


# --- retention and privacy ----------------------------------------------------------------------


async def fold_before(db: Database, guild_id: int, cutoff: date) -> int:
    """Fold per-member rows of days before ``cutoff`` into the guild's daily aggregates (active
    members per day) and delete them; returns the rows deleted."""
    day = cutoff.isoformat()
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE stats_guild_daily SET active_members = (SELECT COUNT(*) FROM stats_member_daily m "
            "WHERE m.guild_id = stats_guild_daily.guild_id AND m.day = stats_guild_daily.day "
            "AND m.user_id != 0) WHERE guild_id = ? AND day < ? AND active_members IS NULL",
            (guild_id, day),
        )
        deleted = 0
        for table in ("stats_member_channel_daily", "stats_member_daily", "stats_joins"):
            deleted += await tx.execute(
                f"DELETE FROM {table} WHERE guild_id = ? AND day < ?", (guild_id, day)
            )
        deleted += await tx.execute(
            "DELETE FROM stats_member_prefs WHERE guild_id = ? AND leaderboard IS NULL "
            "AND member_stats = 1",
            (guild_id,),
        )
        # The activity service's per-member rows of those days become anonymous too.
        await tx.execute(
            "INSERT INTO activity_daily (guild_id, day, kind, user_id, count) "
            "SELECT guild_id, day, kind, 0, count FROM activity_daily WHERE guild_id = ? "
            "AND day < ? AND user_id != 0 ON CONFLICT (guild_id, day, kind, user_id) "
            "DO UPDATE SET count = count + excluded.count",
            (guild_id, day),
        )
        deleted += await tx.execute(
            "DELETE FROM activity_daily WHERE guild_id = ? AND day < ? AND user_id != 0",
            (guild_id, day),
        )
    return deleted


async def _anonymise(tx: Transaction, table: str, user_id: int, guild_id: int | None) -> int:
    """Re-attribute a member's counts to user 0 (totals stay right), then delete their rows."""
    columns = (
        "guild_id, day, channel_id" if table == "stats_member_channel_daily" else "guild_id, day"
    )
    where = "user_id = ?" + ("" if guild_id is None else " AND guild_id = ?")
    params: tuple[int, ...] = (user_id,) if guild_id is None else (user_id, guild_id)
    await tx.execute(
        f"INSERT INTO {table} ({columns}, user_id, messages, reactions) "
        f"SELECT {columns}, 0, messages, reactions FROM {table} WHERE {where} "
        f"ON CONFLICT DO UPDATE SET messages = messages + excluded.messages, "
        f"reactions = reactions + excluded.reactions",
        params,
    )
    return await tx.execute(f"DELETE FROM {table} WHERE {where}", params)


async def export_user(db: Database, user_id: int) -> dict[str, list[dict[str, Any]]]:
    queries = {
        "daily_counts": "SELECT guild_id, day, messages, reactions FROM stats_member_daily "
        "WHERE user_id = ? ORDER BY guild_id, day",
        "daily_counts_per_channel": "SELECT guild_id, day, channel_id, messages, reactions "
        "FROM stats_member_channel_daily WHERE user_id = ? ORDER BY guild_id, day, channel_id",
        "joins": "SELECT guild_id, day, joined_at, invite_code, left_at FROM stats_joins "
        "WHERE user_id = ? ORDER BY id",
        "invited_members": "SELECT guild_id, day FROM stats_joins WHERE inviter_id = ? ORDER BY id",
        "privacy_settings": "SELECT guild_id, leaderboard, member_stats, updated_at "
        "FROM stats_member_prefs WHERE user_id = ?",
    }
    return {
        name: [dict(row) for row in await db.fetchall(sql, (user_id,))]
        for name, sql in queries.items()
    }


async def forget_user(
    db: Database, user_id: int, kept: Sequence[tuple[int, bytes, KeptChoice]] = ()
) -> int:
    """Delete or anonymise every row about the member; ``kept``: (guild, digest, choice) of the
    opt-outs that stay in force, stored under a keyed hash in the same transaction."""
    async with db.transaction() as tx:
        # Per-channel rows are details of the daily rows: records are counted per day.
        await _anonymise(tx, "stats_member_channel_daily", user_id, None)
        changed = await _anonymise(tx, "stats_member_daily", user_id, None)
        changed += await tx.execute("DELETE FROM stats_joins WHERE user_id = ?", (user_id,))
        changed += await tx.execute(
            "UPDATE stats_joins SET inviter_id = NULL WHERE inviter_id = ?", (user_id,)
        )
        changed += await tx.execute("DELETE FROM stats_member_prefs WHERE user_id = ?", (user_id,))
        for guild_id, key, choice in kept:  # the guild's row exists: the member had prefs there
            await tx.execute(
                "INSERT INTO stats_kept_optouts (guild_id, digest, member_stats, leaderboard) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, digest) DO UPDATE SET "
                "member_stats = excluded.member_stats, leaderboard = excluded.leaderboard",
                (
                    guild_id,
                    key,
                    int(choice.member_stats),
                    None if choice.leaderboard is None else 0,
                ),
            )
    return changed


async def guilds_with_member_rows(db: Database) -> list[int]:
    rows = await db.fetchall("SELECT DISTINCT guild_id FROM stats_guild_daily")
    return [cast(int, row["guild_id"]) for row in rows]
