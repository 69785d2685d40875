"""SQL of temporary bans: the unban that is due, kept across restarts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.database import Database, Row, Transaction
from bot.repository import ensure_guild
from bot.timeutil import from_iso, to_iso


async def cancel_temp_ban(db: Database, guild_id: int, user_id: int) -> bool:
    """A temporary ban ends early (unban, permanent ban, revoked case): its timer must not fire."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "DELETE FROM temp_bans WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )
            > 0
        )


@dataclass(frozen=True)
class TempBan:
    guild_id: int
    user_id: int
    unban_at: datetime
    case_number: int


def _temp_ban(row: Row) -> TempBan:
    return TempBan(row["guild_id"], row["user_id"], from_iso(row["unban_at"]), row["case_number"])


async def add_temp_ban_in(tx: Transaction, ban: TempBan) -> None:
    await tx.execute(
        "INSERT INTO temp_bans (guild_id, user_id, unban_at, case_number) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (guild_id, user_id) DO UPDATE SET unban_at = excluded.unban_at, "
        "case_number = excluded.case_number",
        (ban.guild_id, ban.user_id, to_iso(ban.unban_at), ban.case_number),
    )


async def add_temp_ban(db: Database, ban: TempBan, now: datetime) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, ban.guild_id, now)
        await add_temp_ban_in(tx, ban)


async def temp_bans(db: Database) -> list[TempBan]:
    rows = await db.fetchall("SELECT * FROM temp_bans ORDER BY unban_at")
    return [_temp_ban(row) for row in rows]


async def take_due_temp_ban(
    db: Database, guild_id: int, user_id: int, now: datetime
) -> TempBan | None:
    """Remove the temporary ban if it is due; exactly one caller gets it (timer vs /unban)."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "DELETE FROM temp_bans WHERE guild_id = ? AND user_id = ? AND unban_at <= ? RETURNING *",
            (guild_id, user_id, to_iso(now)),
        )
    return _temp_ban(row) if row else None
