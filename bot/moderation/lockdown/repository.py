"""All SQL of lockdowns: the saved state of every channel and thread, for an exact restore."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.database import Database
from bot.repository import ensure_guild
from bot.timeutil import from_iso, to_iso


@dataclass(frozen=True)
class Lockdown:
    guild_id: int
    started_at: datetime
    started_by: int
    reason: str


@dataclass(frozen=True)
class SavedChannel:
    channel_id: int
    kind: str  # "channel" or "thread"
    had_overwrite: bool
    allow_bits: int
    deny_bits: int
    was_locked: bool


async def start(db: Database, guild_id: int, started_by: int, reason: str, now: datetime) -> bool:
    """Begin a lockdown; False if one is already active."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        return (
            await tx.execute(
                "INSERT INTO lockdowns (guild_id, started_at, started_by, reason) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (guild_id, to_iso(now), started_by, reason[:300]),
            )
            > 0
        )


async def get(db: Database, guild_id: int) -> Lockdown | None:
    row = await db.fetchone("SELECT * FROM lockdowns WHERE guild_id = ?", (guild_id,))
    if row is None:
        return None
    return Lockdown(row["guild_id"], from_iso(row["started_at"]), row["started_by"], row["reason"])


async def save_channel(db: Database, guild_id: int, saved: SavedChannel) -> None:
    """Record a channel's state before it is changed (first save wins: never overwrite it)."""
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO lockdown_channels (guild_id, channel_id, kind, had_overwrite, "
            "allow_bits, deny_bits, was_locked) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                guild_id,
                saved.channel_id,
                saved.kind,
                int(saved.had_overwrite),
                saved.allow_bits,
                saved.deny_bits,
                int(saved.was_locked),
            ),
        )


async def saved_channels(db: Database, guild_id: int) -> list[SavedChannel]:
    rows = await db.fetchall("SELECT * FROM lockdown_channels WHERE guild_id = ?", (guild_id,))
    return [
        SavedChannel(
            row["channel_id"],
            row["kind"],
            bool(row["had_overwrite"]),
            row["allow_bits"],
            row["deny_bits"],
            bool(row["was_locked"]),
        )
        for row in rows
    ]


async def forget_channel(db: Database, guild_id: int, channel_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "DELETE FROM lockdown_channels WHERE guild_id = ? AND channel_id = ?",
            (guild_id, channel_id),
        )


async def end(db: Database, guild_id: int) -> bool:
    async with db.transaction() as tx:
        return await tx.execute("DELETE FROM lockdowns WHERE guild_id = ?", (guild_id,)) > 0
