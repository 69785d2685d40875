"""All SQL of criticism offered as a public suggestion (with its author's consent)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.database import Database, Row
from bot.repository import OutboxPost, add_posts
from bot.timeutil import to_iso


@dataclass(frozen=True)
class Offer:
    item_id: int
    guild_id: int
    title: str
    body: str
    state: str  # asked, unreachable, agreed, declined, posted
    suggestion_id: int | None


def _offer(row: Row) -> Offer:
    return Offer(
        row["item_id"],
        row["guild_id"],
        row["title"],
        row["body"],
        row["state"],
        row["suggestion_id"],
    )


async def get(db: Database, item_id: int) -> Offer | None:
    row = await db.fetchone("SELECT * FROM feedback_publish WHERE item_id = ?", (item_id,))
    return _offer(row) if row else None


async def ask(
    db: Database,
    guild_id: int,
    item_id: int,
    title: str,
    body: str,
    asked_by: int,
    now: datetime,
    posts: Callable[[], list[OutboxPost]],
) -> bool:
    """Record the offer and queue the author's DM in one transaction. A member is asked once;
    again only if the first question never reached them. False if that was not the case."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "INSERT INTO feedback_publish (item_id, guild_id, title, body, asked_by, asked_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET state = 'asked', "
            "asked_by = excluded.asked_by, asked_at = excluded.asked_at "
            "WHERE feedback_publish.state = 'unreachable'",
            (item_id, guild_id, title, body, asked_by, to_iso(now)),
        )
        if changed == 0:
            return False
        await add_posts(tx, posts(), now, skip_existing=True)
        return True


async def move(
    db: Database, item_id: int, to: str, from_states: tuple[str, ...], now: datetime
) -> bool:
    """Move the offer on if it is in one of ``from_states`` (a decision is taken once)."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                f"UPDATE feedback_publish SET state = ?, decided_at = ? WHERE item_id = ? "
                f"AND state IN ({', '.join('?' * len(from_states))})",
                (to, to_iso(now), item_id, *from_states),
            )
            > 0
        )


async def posted(db: Database, item_id: int, suggestion_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_publish SET state = 'posted', suggestion_id = ? WHERE item_id = ?",
            (suggestion_id, item_id),
        )


async def of_user(db: Database, user_id: int) -> list[dict[str, object]]:
    rows = await db.fetchall(
        "SELECT p.item_id, p.guild_id, p.title, p.body, p.state, p.asked_at, p.decided_at "
        "FROM feedback_publish p JOIN feedback_items i ON i.id = p.item_id WHERE i.author_id = ? "
        "ORDER BY p.item_id",
        (user_id,),
    )
    return [dict(r) for r in rows]


async def waiting_for(db: Database, guild_id: int, user_id: int) -> list[Offer]:
    """Offers the member has not answered yet (also those whose DM never reached them)."""
    rows = await db.fetchall(
        "SELECT p.* FROM feedback_publish p JOIN feedback_items i ON i.id = p.item_id "
        "WHERE p.guild_id = ? AND i.author_id = ? AND p.state IN ('asked', 'unreachable') "
        "ORDER BY p.item_id",
        (guild_id, user_id),
    )
    return [_offer(r) for r in rows]
