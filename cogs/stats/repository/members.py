"""SQL of the members' statistics choices and their privacy: opt-outs (also those kept after
a forget under a keyed hash), anonymising, export and forget."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import repository as core
from bot.database import Database, Transaction
from bot.timeutil import to_iso
from cogs.stats.optout import KeptChoice


@dataclass(frozen=True)
class MemberPrefs:
    guild_id: int
    user_id: int
    leaderboard: bool | None = None  # None: the guild's default
    member_stats: bool = True


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
        "ON CONFLICT (guild_id, day, kind, user_id) DO UPDATE SET count = activity_daily.count + excluded.count",
        params,
    )
    await tx.execute(f"DELETE FROM activity_daily WHERE user_id = ?{where}", params)
    return changed


SECRET_KEY = "stats:optout_secret"


async def optout_secret(db: Database) -> bytes:
    """The per-database secret of the kept opt-outs (created once, kept in ``meta``)."""
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
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
        f"ON CONFLICT ({columns}, user_id) DO UPDATE SET messages = {table}.messages + excluded.messages, "
        f"reactions = {table}.reactions + excluded.reactions",
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
        "FROM stats_member_prefs WHERE user_id = ? ORDER BY guild_id",
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
