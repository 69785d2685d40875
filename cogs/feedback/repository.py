"""All SQL of the feedback inbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from bot.database import Database, Row
from bot.repository import ensure_guild
from bot.timeutil import from_iso, to_iso


@dataclass(frozen=True)
class InboxSettings:
    show_authors: bool = False
    reply_mode: str = "dm"
    detect: bool = True


class ItemStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    REPLIED = "replied"
    RESOLVED = "resolved"  # final: no buttons, no further changes
    ESCALATED = "escalated"


@dataclass(frozen=True)
class Item:
    id: int
    guild_id: int
    kind: str
    status: ItemStatus
    author_id: int | None
    anonymous: bool
    channel_id: int | None
    message_id: int | None
    content: str
    reason: str | None
    created_at: datetime
    first_response_at: datetime | None
    inbox_message_id: int | None
    group_id: int | None = None  # the item whose group this one joined (same topic)


def _item(row: Row) -> Item:
    return Item(
        row["id"],
        row["guild_id"],
        row["kind"],
        ItemStatus(row["status"]),
        row["author_id"],
        bool(row["anonymous"]),
        row["channel_id"],
        row["message_id"],
        row["content"],
        row["reason"],
        from_iso(row["created_at"]),
        from_iso(row["first_response_at"]) if row["first_response_at"] else None,
        row["inbox_message_id"],
        row["group_id"],
    )


async def load_settings(db: Database) -> dict[int, InboxSettings]:
    rows = await db.fetchall("SELECT * FROM feedback_settings")
    return {
        r["guild_id"]: InboxSettings(bool(r["show_authors"]), r["reply_mode"], bool(r["detect"]))
        for r in rows
    }


async def save_settings(
    db: Database, guild_id: int, settings: InboxSettings, now: datetime
) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        await tx.execute(
            "INSERT INTO feedback_settings (guild_id, show_authors, reply_mode, detect) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET show_authors = excluded.show_authors, "
            "reply_mode = excluded.reply_mode, detect = excluded.detect",
            (guild_id, int(settings.show_authors), settings.reply_mode, int(settings.detect)),
        )


async def add_item(
    db: Database,
    *,
    guild_id: int,
    kind: str,
    author_id: int | None,
    content: str,
    now: datetime,
    anonymous: bool = False,
    channel_id: int | None = None,
    message_id: int | None = None,
    reason: str | None = None,
) -> Item | None:
    """A new inbox item; None if this message already has one of this kind (no duplicates)."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO feedback_items (guild_id, kind, author_id, anonymous, channel_id, message_id, "
            "content, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *",
            (
                guild_id,
                kind,
                author_id,
                int(anonymous),
                channel_id,
                message_id,
                content[:1000],
                reason,
                to_iso(now),
            ),
        )
    return _item(row) if row else None


async def open_report_for(db: Database, guild_id: int, message_id: int) -> Item | None:
    row = await db.fetchone(
        "SELECT * FROM feedback_items WHERE guild_id = ? AND message_id = ? AND kind = 'report' AND status != 'resolved'",
        (guild_id, message_id),
    )
    return _item(row) if row else None


async def add_reporter(
    db: Database, item_id: int, reporter_id: int, reason: str, note: str | None, now: datetime
) -> bool:
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "INSERT INTO feedback_reporters (item_id, reporter_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (item_id, reporter_id, reason, note, to_iso(now)),
            )
            > 0
        )


async def reporters(db: Database, item_id: int) -> list[tuple[int, str, str | None]]:
    rows = await db.fetchall(
        "SELECT reporter_id, reason, note FROM feedback_reporters WHERE item_id = ? "
        "ORDER BY created_at, reporter_id",
        (item_id,),
    )
    return [(r["reporter_id"], r["reason"], r["note"]) for r in rows]


async def get_item(db: Database, guild_id: int, item_id: int) -> Item | None:
    row = await db.fetchone(
        "SELECT * FROM feedback_items WHERE guild_id = ? AND id = ?", (guild_id, item_id)
    )
    return _item(row) if row else None


async def set_status(db: Database, item: Item, status: ItemStatus, now: datetime) -> bool:
    """Move the item on; the first response time is stored once. False if already resolved."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE feedback_items SET status = ?, first_response_at = coalesce(first_response_at, ?), "
                "resolved_at = CASE WHEN ? = 'resolved' THEN ? ELSE resolved_at END "
                "WHERE id = ? AND status != 'resolved'",
                (status, to_iso(now), status, to_iso(now), item.id),
            )
            > 0
        )


async def set_inbox_message(db: Database, item_id: int, message_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_items SET inbox_message_id = ? WHERE id = ?", (message_id, item_id)
        )


async def items_of_user(db: Database, user_id: int) -> list[dict[str, object]]:
    rows = await db.fetchall(
        "SELECT id, guild_id, kind, status, content, reason, created_at FROM feedback_items "
        "WHERE author_id = ? AND kind != 'report' "
        "UNION SELECT i.id, i.guild_id, 'report (you reported)', i.status, r.note, r.reason, r.created_at "
        "FROM feedback_reporters r JOIN feedback_items i ON i.id = r.item_id WHERE r.reporter_id = ? "
        "ORDER BY created_at, id, kind",
        (user_id, user_id),
    )
    return [dict(row) for row in rows]


async def forget_user(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        removed = await tx.execute(
            "DELETE FROM feedback_reporters WHERE reporter_id = ?", (user_id,)
        )
        # Conversations about the member's items: the transcript goes, the conversation ends
        # (its thread stays the team's, no longer relayed); what they wrote as team stays for
        # the member it was written to, without their id.
        removed += await tx.execute(
            "DELETE FROM feedback_messages WHERE item_id IN (SELECT id FROM feedback_items "
            "WHERE author_id = ? AND kind != 'report')",
            (user_id,),
        )
        # an anonymous member's open conversation ends for the team only at the next slot
        # (the bot's loop sets it), so the moment of the forget is not told either
        await tx.execute(
            "UPDATE feedback_conversations SET ending = 'forgotten' WHERE closed_by IS NULL "
            "AND item_id IN (SELECT id FROM feedback_items "
            "WHERE author_id = ? AND kind != 'report' AND anonymous = 1)",
            (user_id,),
        )
        await tx.execute(
            "UPDATE feedback_conversations SET closed_by = 'forgotten', "
            "closed_at = coalesce(closed_at, ?) WHERE ending IS NULL AND item_id IN "
            "(SELECT id FROM feedback_items WHERE author_id = ? AND kind != 'report')",
            (to_iso(datetime.now(UTC)), user_id),
        )
        await tx.execute(
            "UPDATE feedback_messages SET team_member_id = NULL WHERE team_member_id = ?",
            (user_id,),
        )
        # an offer to post their criticism as a suggestion: its text is theirs (a suggestion
        # they agreed to is the suggestions board's, and forgotten there)
        removed += await tx.execute(
            "DELETE FROM feedback_publish WHERE item_id IN (SELECT id FROM feedback_items "
            "WHERE author_id = ? AND kind != 'report')",
            (user_id,),
        )
        await tx.execute(
            "UPDATE feedback_publish SET asked_by = NULL WHERE asked_by = ?", (user_id,)
        )
        removed += await tx.execute(
            "UPDATE feedback_items SET author_id = NULL, content = '[deleted]' "
            "WHERE author_id = ? AND kind != 'report'",  # a report is not the reported member's data
            (user_id,),
        )
        return removed


# --- one voice per topic --------------------------------------------------------------------


async def group_candidates(
    db: Database, guild_id: int, kind: str, channel_id: int | None, since: datetime, exclude: int
) -> list[tuple[Item, list[str]]]:
    """Open items of the same kind and channel that lead a topic (posted, not in a group
    themselves, written since ``since``), newest first, each with its members' texts."""
    rows = await db.fetchall(
        "SELECT * FROM feedback_items WHERE guild_id = ? AND kind = ? AND channel_id IS NOT DISTINCT FROM ? "
        "AND group_id IS NULL AND status != 'resolved' AND inbox_message_id IS NOT NULL "
        "AND id != ? AND created_at >= ? ORDER BY id DESC LIMIT 50",
        (guild_id, kind, channel_id, exclude, to_iso(since)),
    )
    found = []
    for row in rows:
        members = await db.fetchall(
            "SELECT content FROM feedback_items WHERE group_id = ? ORDER BY id DESC LIMIT 5",
            (row["id"],),
        )
        found.append((_item(row), [m["content"] for m in members]))
    return found


async def leaders_of(db: Database, user_id: int) -> list[tuple[int, int]]:
    """(guild id, leading item id) of the topic groups the member's items are in or lead: their
    inbox messages quote the member."""
    rows = await db.fetchall(
        "SELECT DISTINCT guild_id, coalesce(group_id, id) AS leader FROM feedback_items "
        "WHERE author_id = ? AND kind != 'report' AND (group_id IS NOT NULL OR id IN "
        "(SELECT group_id FROM feedback_items WHERE group_id IS NOT NULL)) "
        "ORDER BY guild_id, leader",
        (user_id,),
    )
    return [(r["guild_id"], r["leader"]) for r in rows]


async def join_group(db: Database, item_id: int, leader_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_items SET group_id = ? WHERE id = ?", (leader_id, item_id)
        )


async def group_members(db: Database, leader_id: int) -> list[Item]:
    rows = await db.fetchall(
        "SELECT * FROM feedback_items WHERE group_id = ? ORDER BY id", (leader_id,)
    )
    return [_item(r) for r in rows]


async def split(db: Database, item_id: int, leader_id: int) -> bool:
    """Take an item out of its group (it was about something else); False if it was not in it."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE feedback_items SET group_id = NULL WHERE id = ? AND group_id = ?",
                (item_id, leader_id),
            )
            > 0
        )


async def recent_leaders(db: Database, since: datetime) -> list[Item]:
    """Open items whose group grew since ``since`` (their message may show an older count)."""
    rows = await db.fetchall(
        "SELECT * FROM feedback_items WHERE id IN (SELECT DISTINCT group_id FROM feedback_items "
        "WHERE group_id IS NOT NULL AND created_at >= ?) AND status != 'resolved' "
        "AND inbox_message_id IS NOT NULL ORDER BY id",
        (to_iso(since),),
    )
    return [_item(r) for r in rows]
