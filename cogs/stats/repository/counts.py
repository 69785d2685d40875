"""SQL of the counting: counts and their daily rollups, joins and leaves, folding per-member rows
after the retention window."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from bot import repository as core
from bot.database import Database
from bot.timeutil import to_iso
from cogs.stats.counter import Batch

_RAW = (
    "INSERT INTO stats_member_channel_daily (guild_id, day, channel_id, user_id, messages, reactions) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, channel_id, user_id) DO UPDATE SET "
    "messages = stats_member_channel_daily.messages + excluded.messages, reactions = stats_member_channel_daily.reactions + excluded.reactions"
)
_MEMBER = (
    "INSERT INTO stats_member_daily (guild_id, day, user_id, messages, reactions) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, user_id) DO UPDATE SET "
    "messages = stats_member_daily.messages + excluded.messages, reactions = stats_member_daily.reactions + excluded.reactions"
)
_CHANNEL = (
    "INSERT INTO stats_channel_daily (guild_id, day, channel_id, messages, reactions, "
    "sentiment_sum, sentiment_n, sentiment_neg) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (guild_id, day, channel_id) DO UPDATE SET messages = stats_channel_daily.messages + excluded.messages, "
    "reactions = stats_channel_daily.reactions + excluded.reactions, sentiment_sum = stats_channel_daily.sentiment_sum + excluded.sentiment_sum, "
    "sentiment_n = stats_channel_daily.sentiment_n + excluded.sentiment_n, "
    "sentiment_neg = stats_channel_daily.sentiment_neg + excluded.sentiment_neg"
)
_GUILD = (
    "INSERT INTO stats_guild_daily (guild_id, day, messages, reactions, joins, leaves) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, day) DO UPDATE SET "
    "messages = stats_guild_daily.messages + excluded.messages, reactions = stats_guild_daily.reactions + excluded.reactions, "
    "joins = stats_guild_daily.joins + excluded.joins, leaves = stats_guild_daily.leaves + excluded.leaves"
)


async def write_batch(db: Database, batch: Batch, now: datetime) -> int:
    """Raw counts and their daily rollups in one transaction; returns the rows written."""
    if not batch:
        return 0
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO guilds (guild_id, joined_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
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
            "ON CONFLICT (guild_id, day, invite_code) DO UPDATE SET joins = stats_invite_daily.joins + 1",
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
            "SELECT guild_id, day, kind, 0, SUM(count) FROM activity_daily WHERE guild_id = ? "
            "AND day < ? AND user_id != 0 GROUP BY guild_id, day, kind "
            "ON CONFLICT (guild_id, day, kind, user_id) "
            "DO UPDATE SET count = activity_daily.count + excluded.count",
            (guild_id, day),
        )
        deleted += await tx.execute(
            "DELETE FROM activity_daily WHERE guild_id = ? AND day < ? AND user_id != 0",
            (guild_id, day),
        )
    return deleted


async def guilds_with_member_rows(db: Database) -> list[int]:
    rows = await db.fetchall("SELECT DISTINCT guild_id FROM stats_guild_daily")
    return [cast(int, row["guild_id"]) for row in rows]
