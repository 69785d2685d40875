"""SQL of the review queue: what automod flagged for a moderator to decide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.database import Database, Row
from bot.timeutil import from_iso, to_iso


@dataclass(frozen=True)
class ReviewItem:
    guild_id: int
    case_number: int
    user_id: int
    quote: str | None
    opened_at: datetime
    decision: str | None
    decided_by: int | None
    decided_at: datetime | None
    result_case: int | None

    @property
    def open(self) -> bool:
        return self.decided_at is None


def _review(row: Row) -> ReviewItem:
    return ReviewItem(
        guild_id=row["guild_id"],
        case_number=row["case_number"],
        user_id=row["user_id"],
        quote=row["quote"],
        opened_at=from_iso(row["opened_at"]),
        decision=row["decision"],
        decided_by=row["decided_by"],
        decided_at=from_iso(row["decided_at"]) if row["decided_at"] else None,
        result_case=row["result_case"],
    )


async def get_review(db: Database, guild_id: int, number: int) -> ReviewItem | None:
    row = await db.fetchone(
        "SELECT * FROM review_items WHERE guild_id = ? AND case_number = ?", (guild_id, number)
    )
    return _review(row) if row else None


async def claim_review(
    db: Database, guild_id: int, number: int, decision: str, by: int, now: datetime
) -> bool:
    """Decide an open item; False if it was decided already (by someone else, a moment ago)."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE review_items SET decision = ?, decided_by = ?, decided_at = ? "
            "WHERE guild_id = ? AND case_number = ? AND decided_at IS NULL",
            (decision, by, to_iso(now), guild_id, number),
        )
    return changed == 1


async def reopen_review(db: Database, guild_id: int, number: int, by: int) -> None:
    """Undo a claim whose decision could not be carried out (the item is open again)."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE review_items SET decision = NULL, decided_by = NULL, decided_at = NULL "
            "WHERE guild_id = ? AND case_number = ? AND decided_by = ? AND result_case IS NULL",
            (guild_id, number, by),
        )


async def set_review_result(db: Database, guild_id: int, number: int, result_case: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE review_items SET result_case = ? WHERE guild_id = ? AND case_number = ?",
            (result_case, guild_id, number),
        )


async def open_reviews(db: Database, guild_id: int, limit: int = 25) -> list[ReviewItem]:
    rows = await db.fetchall(
        "SELECT * FROM review_items WHERE guild_id = ? AND decided_at IS NULL "
        "ORDER BY opened_at, case_number LIMIT ?",
        (guild_id, limit),
    )
    return [_review(row) for row in rows]


async def members_with_points(
    db: Database, guild_id: int, now: datetime, limit: int = 25
) -> list[tuple[int, int]]:
    """(member, active points), most points first."""
    rows = await db.fetchall(
        "SELECT user_id, sum(points) AS active FROM cases WHERE guild_id = ? AND points > 0 "
        "AND revoked_at IS NULL AND points_expire_at > ? GROUP BY user_id "
        "ORDER BY active DESC, user_id LIMIT ?",
        (guild_id, to_iso(now), limit),
    )
    return [(int(r["user_id"]), int(r["active"])) for r in rows]


async def purge_review_quotes(db: Database, before: datetime) -> int:
    """The quoted message of items decided before ``before`` is erased (the decision stays)."""
    async with db.transaction() as tx:
        return await tx.execute(
            "UPDATE review_items SET quote = NULL WHERE quote IS NOT NULL AND decided_at < ?",
            (to_iso(before),),
        )


async def reviews_of_user(db: Database, user_id: int) -> list[ReviewItem]:
    rows = await db.fetchall(
        "SELECT * FROM review_items WHERE user_id = ? ORDER BY opened_at", (user_id,)
    )
    return [_review(row) for row in rows]


async def erase_review_quotes_of_user(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        return await tx.execute(
            "UPDATE review_items SET quote = NULL WHERE user_id = ? AND quote IS NOT NULL",
            (user_id,),
        )
