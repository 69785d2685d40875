"""SQL of appeals: a member asks the team to look at a case again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.database import Database, Row
from bot.timeutil import from_iso, to_iso


class AppealStatus(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Appeal:
    guild_id: int
    case_number: int
    user_id: int
    text: str
    status: AppealStatus
    created_at: datetime
    decided_by: int | None


def _appeal(row: Row) -> Appeal:
    return Appeal(
        row["guild_id"],
        row["case_number"],
        row["user_id"],
        row["text"],
        AppealStatus(row["status"]),
        from_iso(row["created_at"]),
        row["decided_by"],
    )


async def add_appeal(
    db: Database, guild_id: int, case_number: int, user_id: int, text: str, now: datetime
) -> bool:
    """False if this case was already appealed (one appeal per case)."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "INSERT INTO appeals (guild_id, case_number, user_id, text, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (guild_id, case_number, user_id, text, to_iso(now)),
            )
            > 0
        )


async def get_appeal(db: Database, guild_id: int, case_number: int) -> Appeal | None:
    row = await db.fetchone(
        "SELECT * FROM appeals WHERE guild_id = ? AND case_number = ?", (guild_id, case_number)
    )
    return _appeal(row) if row else None


async def decide_appeal(
    db: Database,
    guild_id: int,
    case_number: int,
    status: AppealStatus,
    moderator_id: int,
    now: datetime,
) -> bool:
    """Exactly one decision wins (two moderators clicking at once)."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE appeals SET status = ?, decided_by = ?, decided_at = ? "
                "WHERE guild_id = ? AND case_number = ? AND status = 'pending'",
                (status, moderator_id, to_iso(now), guild_id, case_number),
            )
            > 0
        )


async def appeals_of_user(db: Database, user_id: int) -> list[Appeal]:
    rows = await db.fetchall(
        "SELECT * FROM appeals WHERE user_id = ? ORDER BY guild_id, case_number", (user_id,)
    )
    return [_appeal(row) for row in rows]


async def delete_appeals_of_user(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        return await tx.execute("DELETE FROM appeals WHERE user_id = ?", (user_id,))
