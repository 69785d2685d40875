"""The FAQ: entries, auto-reply channels, auto-replies and their ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.database import Database, Row
from bot.repository import ensure_guild
from bot.timeutil import to_iso


@dataclass(frozen=True)
class FaqEntry:
    id: int
    guild_id: int
    question: str
    answer: str
    source_question_id: int | None
    helped: int
    not_helped: int


def _faq(row: Row) -> FaqEntry:
    return FaqEntry(
        row["id"],
        row["guild_id"],
        row["question"],
        row["answer"],
        row["source_question_id"],
        row["helped"],
        row["not_helped"],
    )


async def faq_entries(db: Database, guild_id: int | None = None) -> list[FaqEntry]:
    if guild_id is None:
        rows = await db.fetchall("SELECT * FROM faq_entries ORDER BY id")
    else:
        rows = await db.fetchall(
            "SELECT * FROM faq_entries WHERE guild_id = ? ORDER BY id", (guild_id,)
        )
    return [_faq(r) for r in rows]


async def faq_entry(db: Database, entry_id: int) -> FaqEntry | None:
    row = await db.fetchone("SELECT * FROM faq_entries WHERE id = ?", (entry_id,))
    return _faq(row) if row else None


async def add_faq(
    db: Database,
    *,
    guild_id: int,
    question: str,
    answer: str,
    created_by: int,
    now: datetime,
    source_question_id: int | None = None,
) -> FaqEntry | None:
    """None if that Q&A question is already in the FAQ."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO faq_entries (guild_id, question, answer, source_question_id, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *",
            (guild_id, question, answer, source_question_id, created_by, to_iso(now)),
        )
    return _faq(row) if row else None


async def remove_faq(db: Database, entry_id: int) -> bool:
    async with db.transaction() as tx:
        return await tx.execute("DELETE FROM faq_entries WHERE id = ?", (entry_id,)) > 0


async def faq_channels(db: Database) -> set[tuple[int, int]]:
    rows = await db.fetchall("SELECT guild_id, channel_id FROM faq_channels")
    return {(r[0], r[1]) for r in rows}


async def set_faq_channel(
    db: Database, guild_id: int, channel_id: int, enabled: bool, now: datetime
) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        if enabled:
            await tx.execute(
                "INSERT INTO faq_channels (guild_id, channel_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (guild_id, channel_id),
            )
        else:
            await tx.execute(
                "DELETE FROM faq_channels WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )


async def claim_reply(
    db: Database, guild_id: int, entry_id: int, source_message_id: int, score: float, now: datetime
) -> int | None:
    """The id of a new auto-reply row, or None if this message was already answered once."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "INSERT INTO faq_replies (guild_id, entry_id, source_message_id, score, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (guild_id, entry_id, source_message_id, score, to_iso(now)),
        )
    return int(row[0]) if row else None


async def set_reply_message(db: Database, reply_id: int, message_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE faq_replies SET reply_message_id = ? WHERE id = ?", (message_id, reply_id)
        )


async def reply_info(db: Database, reply_id: int) -> tuple[int, int | None] | None:
    """(guild id, entry id) of an auto-reply."""
    row = await db.fetchone("SELECT guild_id, entry_id FROM faq_replies WHERE id = ?", (reply_id,))
    return (row[0], row[1]) if row else None


async def rate_reply(db: Database, reply_id: int, user_id: int, helpful: bool) -> bool:
    """One rating per member and reply (a changed mind moves it); the entry's counts follow.
    False if the member had already given that same rating."""
    async with db.transaction() as tx:
        before = await tx.fetchone(
            "SELECT helpful FROM faq_reply_votes WHERE reply_id = ? AND user_id = ?",
            (reply_id, user_id),
        )
        if before is not None and bool(before[0]) == helpful:
            return False
        entry = await tx.fetchone("SELECT entry_id FROM faq_replies WHERE id = ?", (reply_id,))
        await tx.execute(
            "INSERT INTO faq_reply_votes (reply_id, user_id, helpful) VALUES (?, ?, ?) "
            "ON CONFLICT (reply_id, user_id) DO UPDATE SET helpful = excluded.helpful",
            (reply_id, user_id, int(helpful)),
        )
        if entry is not None and entry[0] is not None:
            column, other = ("helped", "not_helped") if helpful else ("not_helped", "helped")
            await tx.execute(
                f"UPDATE faq_entries SET {column} = {column} + 1"
                + (
                    f", {other} = CASE WHEN {other} > 0 THEN {other} - 1 ELSE 0 END"
                    if before is not None
                    else ""
                )
                + " WHERE id = ?",
                (entry[0],),
            )
    return True
