"""A member's suggestions and votes: what is stored about them, and forgetting it."""

from __future__ import annotations

from typing import Any

from bot.database import Database


async def data_of_user(db: Database, user_id: int) -> list[dict[str, Any]]:
    suggested = await db.fetchall(
        "SELECT guild_id, number, title, body, status, reason, created_at, decided_at "
        "FROM suggestions WHERE author_id = ? ORDER BY id",
        (user_id,),
    )
    voted = await db.fetchall(
        "SELECT s.guild_id, s.number, v.value, v.voted_at FROM suggestion_votes v "
        "JOIN suggestions s ON s.id = v.suggestion_id WHERE v.voter_id = ? ORDER BY s.id",
        (user_id,),
    )
    changed = await db.fetchall(
        "SELECT s.guild_id, s.number, l.status, l.reason, l.changed_at FROM suggestion_status_log l "
        "JOIN suggestions s ON s.id = l.suggestion_id WHERE l.changed_by = ? ORDER BY l.id",
        (user_id,),
    )
    return (
        [{"suggestion": dict(r)} for r in suggested]
        + [{"vote": {**dict(r), "value": "up" if r["value"] > 0 else "down"}} for r in voted]
        + [{"status_change": dict(r)} for r in changed]
    )


async def forget_user(db: Database, user_id: int) -> int:
    """The member's votes are deleted. Their suggestions that nobody else supports are deleted
    (their text too, with the status changes); one that other members voted on, or that other
    suggestions were merged into, stays for them, without its author. A status change the
    member made as a team member stays, without their id."""
    async with db.transaction() as tx:
        touched = await tx.fetchall(
            "SELECT suggestion_id FROM suggestion_votes WHERE voter_id = ?", (user_id,)
        )
        removed = await tx.execute("DELETE FROM suggestion_votes WHERE voter_id = ?", (user_id,))
        removed += await tx.execute(
            "DELETE FROM suggestions WHERE author_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM suggestion_votes v WHERE v.suggestion_id = suggestions.id) "
            "AND NOT EXISTS (SELECT 1 FROM suggestions m WHERE m.merged_into = suggestions.id)",
            (user_id,),
        )
        removed += await tx.execute(
            "UPDATE suggestions SET author_id = 0, version = version + 1 WHERE author_id = ?",
            (user_id,),
        )
        removed += await tx.execute(
            "UPDATE suggestion_status_log SET changed_by = 0 WHERE changed_by = ?", (user_id,)
        )
        await tx.executemany(
            "UPDATE suggestions SET version = version + 1 WHERE id = ?",
            [(row[0],) for row in touched],
        )
    return removed
