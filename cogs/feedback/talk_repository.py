"""All SQL of the conversations between the team and a member about an inbox item."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.database import Database, Row
from bot.repository import OutboxPost, add_posts
from bot.timeutil import from_iso, to_iso


@dataclass(frozen=True)
class Conversation:
    item_id: int
    guild_id: int
    thread_id: int | None
    closed_by: str | None  # None: open
    #: an anonymous member ended it (or was forgotten): it ends for the team only at the slot
    ending: str | None = None

    @property
    def open(self) -> bool:
        """Open for the member: not closed, and not ended by them."""
        return self.closed_by is None and self.ending is None


@dataclass(frozen=True)
class Message:
    id: int
    item_id: int
    side: str  # team, member
    kind: str  # text, close
    content: str
    created_at: datetime
    state: str
    due_at: datetime | None
    posting: bool = False  # the bot began to post it (member side), maybe without noting success
    guild_id: int | None = None  # read along where the caller needs it (due_member_messages)


def _conversation(row: Row) -> Conversation:
    return Conversation(
        row["item_id"], row["guild_id"], row["thread_id"], row["closed_by"], row["ending"]
    )


def _message(row: Row) -> Message:
    return Message(
        row["id"],
        row["item_id"],
        row["side"],
        row["kind"],
        row["content"],
        from_iso(row["created_at"]),
        row["state"],
        from_iso(row["due_at"]) if row["due_at"] else None,
        row["posting_at"] is not None,
    )


async def threads(db: Database) -> dict[int, int]:
    """thread id -> item id, for every conversation that has a thread (open or closed)."""
    rows = await db.fetchall(
        "SELECT thread_id, item_id FROM feedback_conversations WHERE thread_id IS NOT NULL"
    )
    return {r["thread_id"]: r["item_id"] for r in rows}


async def get(db: Database, item_id: int) -> Conversation | None:
    row = await db.fetchone("SELECT * FROM feedback_conversations WHERE item_id = ?", (item_id,))
    return _conversation(row) if row else None


async def by_thread(db: Database, thread_id: int) -> Conversation | None:
    row = await db.fetchone(
        "SELECT * FROM feedback_conversations WHERE thread_id = ?", (thread_id,)
    )
    return _conversation(row) if row else None


async def open_with(
    db: Database, guild_id: int, item_id: int, thread_id: int | None, now: datetime
) -> None:
    """Open (or reopen) the item's conversation in ``thread_id``."""
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO feedback_conversations (item_id, guild_id, thread_id, opened_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET "
            "thread_id = excluded.thread_id, closed_by = NULL, closed_at = NULL",
            (item_id, guild_id, thread_id, to_iso(now)),
        )


async def close(db: Database, item_id: int, by: str, now: datetime) -> bool:
    """Close an open conversation (also one whose quiet ending is still waiting); False if it
    was closed already."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE feedback_conversations SET closed_by = ?, closed_at = ?, ending = NULL "
                "WHERE item_id = ? AND closed_by IS NULL",
                (by, to_iso(now), item_id),
            )
            > 0
        )


async def end_later(db: Database, item_id: int, due: datetime) -> bool:
    """An anonymous member ends the conversation: for the team it ends at ``due``; False if it
    was closed or ended already."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE feedback_conversations SET ending = 'member', ending_at = ? "
                "WHERE item_id = ? AND closed_by IS NULL AND ending IS NULL",
                (to_iso(due), item_id),
            )
            > 0
        )


async def settle(db: Database, now: datetime, slot: datetime) -> None:
    """Quiet endings whose moment has come close (a forget's ending gets its moment, ``slot``,
    the first time it is seen)."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_conversations SET ending_at = ? "
            "WHERE ending IS NOT NULL AND ending_at IS NULL",
            (to_iso(slot),),
        )
        await tx.execute(
            "UPDATE feedback_conversations SET closed_by = ending, closed_at = ending_at, "
            "ending = NULL WHERE ending IS NOT NULL AND ending_at <= ? AND closed_by IS NULL",
            (to_iso(now),),
        )


async def add_team_message(
    db: Database,
    item_id: int,
    team_member_id: int,
    content: str,
    now: datetime,
    posts: Callable[[int], list[OutboxPost]],
    source_id: int | None = None,
) -> int | None:
    """Store a team message and queue its DM (``posts(message id)``) in one transaction; None if
    the conversation is not open (closed a moment ago, or forgotten) or the thread message
    ``source_id`` was relayed already (a relay is recorded once)."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT 1 FROM feedback_conversations WHERE item_id = ? AND closed_by IS NULL",
            (item_id,),
        )
        if row is None:
            return None
        inserted = await tx.fetchone(
            "INSERT INTO feedback_messages "
            "(item_id, side, team_member_id, content, created_at, source_id) "
            "VALUES (?, 'team', ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (item_id, team_member_id, content, to_iso(now), source_id),
        )
        if inserted is None:
            return None
        message_id = int(inserted["id"])
        await add_posts(tx, posts(message_id), now)
        return message_id


async def add_member_message(
    db: Database, item_id: int, kind: str, content: str, now: datetime, due: datetime
) -> int:
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "INSERT INTO feedback_messages (item_id, side, kind, content, created_at, due_at) "
            "VALUES (?, 'member', ?, ?, ?, ?) RETURNING id",
            (item_id, kind, content, to_iso(now), to_iso(due)),
        )
        assert row is not None
        return int(row["id"])


async def last_team_message(db: Database, guild_id: int, user_id: int) -> datetime | None:
    """When the team last wrote to the member (in any of their conversations), if ever; the
    stored time is cut to the second, so the second it was written in is counted whole."""
    row = await db.fetchone(
        "SELECT max(m.created_at) AS last FROM feedback_messages m "
        "JOIN feedback_items i ON i.id = m.item_id "
        "WHERE i.guild_id = ? AND i.author_id = ? AND m.side = 'team'",
        (guild_id, user_id),
    )
    if row is None or row["last"] is None:
        return None
    return from_iso(row["last"]) + timedelta(seconds=1)


async def get_message(db: Database, message_id: int) -> Message | None:
    row = await db.fetchone("SELECT * FROM feedback_messages WHERE id = ?", (message_id,))
    return _message(row) if row else None


async def set_state(db: Database, message_id: int, state: str, only_from: str = "pending") -> bool:
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE feedback_messages SET state = ? WHERE id = ? AND state = ?",
                (state, message_id, only_from),
            )
            > 0
        )


async def posting(db: Database, message_id: int, now: datetime) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_messages SET posting_at = ? WHERE id = ?", (to_iso(now), message_id)
        )


async def postpone(db: Database, message_id: int, due: datetime) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_messages SET due_at = ? WHERE id = ?", (to_iso(due), message_id)
        )


async def due_member_messages(db: Database, now: datetime) -> list[Message]:
    """Members' answers due to be posted, with their server (whose process posts them)."""
    rows = await db.fetchall(
        "SELECT m.*, i.guild_id AS guild_id FROM feedback_messages m "
        "JOIN feedback_items i ON i.id = m.item_id "
        "WHERE m.side = 'member' AND m.state = 'pending' AND m.due_at <= ? ORDER BY m.id",
        (to_iso(now),),
    )
    return [replace(_message(r), guild_id=r["guild_id"]) for r in rows]


async def waiting(db: Database, guild_id: int, user_id: int) -> list[tuple[int, Message]]:
    """(item id, message) of team messages the member has not received by DM yet."""
    rows = await db.fetchall(
        "SELECT m.* FROM feedback_messages m JOIN feedback_items i ON i.id = m.item_id "
        "WHERE i.guild_id = ? AND i.author_id = ? AND m.side = 'team' AND m.state = 'waiting' "
        "ORDER BY m.id",
        (guild_id, user_id),
    )
    return [(r["item_id"], _message(r)) for r in rows]


async def mark_seen(db: Database, message_ids: list[int]) -> None:
    async with db.transaction() as tx:
        await tx.executemany(
            "UPDATE feedback_messages SET state = 'delivered' WHERE id = ? AND state = 'waiting'",
            [(i,) for i in message_ids],
        )


async def open_items_of(db: Database, guild_id: int, user_id: int) -> list[int]:
    """The member's items whose conversation is open, newest first."""
    rows = await db.fetchall(
        "SELECT c.item_id FROM feedback_conversations c JOIN feedback_items i ON i.id = c.item_id "
        "WHERE i.guild_id = ? AND i.author_id = ? AND c.closed_by IS NULL AND c.ending IS NULL "
        "ORDER BY c.item_id DESC",
        (guild_id, user_id),
    )
    return [r["item_id"] for r in rows]


async def transcript_of_user(db: Database, user_id: int) -> list[dict[str, object]]:
    """The conversations about the member's items, and what they wrote as a team member."""
    rows = await db.fetchall(
        "SELECT m.item_id, i.guild_id, m.side, m.kind, m.content, m.created_at, m.state "
        "FROM feedback_messages m JOIN feedback_items i ON i.id = m.item_id "
        "WHERE i.author_id = ? OR m.team_member_id = ? ORDER BY m.id",
        (user_id, user_id),
    )
    return [dict(r) for r in rows]


async def set_thread(db: Database, item_id: int, thread_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_conversations SET thread_id = ? WHERE item_id = ?",
            (thread_id, item_id),
        )


async def open_threads(db: Database) -> list[tuple[int, int, int | None]]:
    """(item id, thread id, last relayed) of open conversations: the Discord id of the last
    thread message relayed to the member (None: none yet)."""
    rows = await db.fetchall(
        "SELECT c.item_id, c.thread_id, max(m.source_id) AS last "
        "FROM feedback_conversations c LEFT JOIN feedback_messages m "
        "ON m.item_id = c.item_id AND m.side = 'team' "
        "WHERE c.closed_by IS NULL AND c.thread_id IS NOT NULL GROUP BY c.item_id ORDER BY c.item_id"
    )
    return [(r["item_id"], r["thread_id"], r["last"]) for r in rows]


async def relayed(db: Database, source_id: int) -> bool:
    """Whether the thread message ``source_id`` was relayed (or stands for a relay) already."""
    row = await db.fetchone("SELECT 1 FROM feedback_messages WHERE source_id = ?", (source_id,))
    return row is not None


async def set_source(db: Database, message_id: int, source_id: int) -> None:
    """The inbox answer's copy in the thread: catching up after a restart starts after it."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_messages SET source_id = ? WHERE id = ? AND source_id IS NULL",
            (source_id, message_id),
        )
