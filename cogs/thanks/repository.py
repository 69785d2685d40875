"""All SQL of the recognition: thanks, settings, the monthly posts and the top-helper role; and
small read-only queries of what other features already store (answered Q&A questions, FAQ
entries that helped, contest placements, suggestions marked done). Who may be named is the
statistics feature's decision (``bot.may_name``). Nothing here writes to another feature's
tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import repository as core
from bot.database import Database
from bot.timeutil import to_iso
from cogs.thanks.rules import DAY, WEEK, verdict


@dataclass(frozen=True)
class Settings:
    guild_id: int
    monthly: bool = False
    role_id: int | None = None
    rotate: bool = True
    posts_from: str | None = None  # first month (YYYY-MM) that may be posted


@dataclass(frozen=True)
class Given:
    accepted: bool
    counted: bool
    duplicate: bool = False  # this message was already thanked by the giver


# --- thanks -------------------------------------------------------------------------------------


async def give(
    db: Database,
    *,
    guild_id: int,
    giver_id: int,
    receiver_id: int,
    message_id: int | None,
    now: datetime,
) -> Given:
    """Check the limits and record the thank in one transaction (a burst cannot slip past)."""
    async with db.transaction() as tx:
        if message_id is not None:
            seen = await tx.fetchone(
                "SELECT 1 FROM thanks WHERE giver_id = ? AND message_id = ?",
                (giver_id, message_id),
            )
            if seen is not None:
                return Given(accepted=False, counted=False, duplicate=True)
        day = await tx.fetchone(
            "SELECT count(*) AS n FROM thanks WHERE giver_id = ? AND guild_id = ? AND given_at > ?",
            (giver_id, guild_id, to_iso(now - DAY)),
        )
        pair = await tx.fetchone(
            "SELECT count(*) AS n FROM thanks WHERE giver_id = ? AND receiver_id = ? "
            "AND guild_id = ? AND counted = 1 AND given_at > ?",
            (giver_id, receiver_id, guild_id, to_iso(now - WEEK)),
        )
        decided = verdict(int(day["n"]) if day else 0, int(pair["n"]) if pair else 0)
        if not decided.accepted:
            return Given(accepted=False, counted=False)
        await core.ensure_guild(tx, guild_id, now)
        await tx.execute(
            "INSERT INTO thanks (guild_id, giver_id, receiver_id, message_id, counted, given_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (guild_id, giver_id, receiver_id, message_id, int(decided.counted), to_iso(now)),
        )
    return Given(accepted=True, counted=decided.counted)


async def received(
    db: Database, guild_id: int, start: datetime | None, end: datetime | None
) -> dict[int, int]:
    """Counted thanks per receiver in [start, end) (None: unbounded)."""
    rows = await db.read_all(
        "SELECT receiver_id, count(*) AS n FROM thanks WHERE guild_id = ? AND counted = 1 "
        "AND given_at >= ? AND given_at < ? GROUP BY receiver_id",
        (guild_id, to_iso(start) if start else "", to_iso(end) if end else "9999"),
    )
    return {row["receiver_id"]: row["n"] for row in rows}


async def given_by(db: Database, guild_id: int, user_id: int) -> int:
    row = await db.fetchone(
        "SELECT count(*) AS n FROM thanks WHERE guild_id = ? AND giver_id = ?", (guild_id, user_id)
    )
    return int(row["n"]) if row else 0


async def received_by(db: Database, guild_id: int, user_id: int) -> int:
    row = await db.fetchone(
        "SELECT count(*) AS n FROM thanks WHERE guild_id = ? AND receiver_id = ? AND counted = 1",
        (guild_id, user_id),
    )
    return int(row["n"]) if row else 0


# --- what other features store (read only) ------------------------------------------------------


async def answers(db: Database, guild_id: int, start: datetime, end: datetime) -> dict[int, int]:
    """Q&A questions answered per member (rounds' hosts and helpers) in [start, end)."""
    rows = await db.read_all(
        "SELECT q.answered_by AS user_id, count(*) AS n FROM qa_questions q "
        "JOIN qa_rounds r ON r.id = q.round_id WHERE r.guild_id = ? "
        "AND q.answered_by IS NOT NULL AND q.answered_at >= ? AND q.answered_at < ? "
        "GROUP BY q.answered_by",
        (guild_id, to_iso(start), to_iso(end)),
    )
    return {row["user_id"]: row["n"] for row in rows}


async def faq_helped(db: Database, guild_id: int, start: datetime, end: datetime) -> dict[int, int]:
    """Per FAQ entry's author: members who said an auto-reply with it helped, in [start, end)."""
    rows = await db.read_all(
        "SELECT e.created_by AS user_id, count(*) AS n FROM faq_reply_votes v "
        "JOIN faq_replies r ON r.id = v.reply_id JOIN faq_entries e ON e.id = r.entry_id "
        "WHERE r.guild_id = ? AND v.helpful = 1 AND v.user_id != e.created_by "
        "AND r.created_at >= ? AND r.created_at < ? GROUP BY e.created_by",
        (guild_id, to_iso(start), to_iso(end)),
    )
    return {row["user_id"]: row["n"] for row in rows}


async def contest_entries(
    db: Database, guild_id: int, start: datetime, end: datetime
) -> list[tuple[int, int, int, int]]:
    """(contest, entry, author, votes) of contests that ended in [start, end)."""
    rows = await db.read_all(
        "SELECT c.id AS contest, e.id AS entry, e.author_id AS author, "
        "count(v.voter_id) AS votes FROM contests c "
        "JOIN contest_entries e ON e.contest_id = c.id "
        "LEFT JOIN contest_votes v ON v.entry_id = e.id "
        "WHERE c.guild_id = ? AND c.state = 'ended' AND e.removed_reason IS NULL "
        "AND c.voting_close_at >= ? AND c.voting_close_at < ? "
        "GROUP BY c.id, e.id, e.author_id ORDER BY c.id, e.id",
        (guild_id, to_iso(start), to_iso(end)),
    )
    return [(row["contest"], row["entry"], row["author"], row["votes"]) for row in rows]


async def suggestions_done(
    db: Database, guild_id: int, start: datetime, end: datetime
) -> dict[int, int]:
    """Suggestions per author that the team marked done in [start, end)."""
    rows = await db.read_all(
        "SELECT author_id AS user_id, count(*) AS n FROM suggestions WHERE guild_id = ? "
        "AND status = 'done' AND decided_at >= ? AND decided_at < ? GROUP BY author_id",
        (guild_id, to_iso(start), to_iso(end)),
    )
    return {row["user_id"]: row["n"] for row in rows}


# --- settings, posts and the role ---------------------------------------------------------------


async def load_settings(db: Database) -> dict[int, Settings]:
    rows = await db.fetchall("SELECT * FROM thanks_settings")
    return {
        row["guild_id"]: Settings(
            row["guild_id"],
            bool(row["monthly"]),
            row["role_id"],
            bool(row["rotate"]),
            row["posts_from"],
        )
        for row in rows
    }


async def save_settings(db: Database, settings: Settings, now: datetime) -> None:
    async with db.transaction() as tx:
        await core.ensure_guild(tx, settings.guild_id, now)
        await tx.execute(
            "INSERT INTO thanks_settings (guild_id, monthly, role_id, rotate, posts_from, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
            "monthly = excluded.monthly, role_id = excluded.role_id, rotate = excluded.rotate, "
            "posts_from = excluded.posts_from, updated_at = excluded.updated_at",
            (
                settings.guild_id,
                int(settings.monthly),
                settings.role_id,
                int(settings.rotate),
                settings.posts_from,
                to_iso(now),
            ),
        )


async def claim_post(db: Database, guild_id: int, month: str, now: datetime) -> str:
    """Claim the month's post: ``new``; ``unfinished`` if claimed before without a recorded
    message (the bot may have stopped while posting); ``done`` if posted (or a quiet month)."""
    async with db.transaction() as tx:
        if await tx.execute(
            "INSERT INTO thanks_posts (guild_id, month, posted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (guild_id, month, to_iso(now)),
        ):
            return "new"
        row = await tx.fetchone(
            "SELECT message_id FROM thanks_posts WHERE guild_id = ? AND month = ?",
            (guild_id, month),
        )
    return "unfinished" if row is not None and row["message_id"] is None else "done"


async def release_post(db: Database, guild_id: int, month: str) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "DELETE FROM thanks_posts WHERE guild_id = ? AND month = ?", (guild_id, month)
        )


async def posted(db: Database, guild_id: int, month: str, message_id: int) -> None:
    """The month is done: its post's message id (0: a quiet month, nothing was posted and no
    role moves on)."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE thanks_posts SET message_id = ?, "
            "role_done = CASE WHEN ? = 1 THEN 1 ELSE role_done END "
            "WHERE guild_id = ? AND month = ?",
            (message_id, int(message_id == 0), guild_id, month),
        )


async def role_pending(db: Database, guild_id: int, month: str) -> bool:
    """Whether the month was posted but its top-helper role not yet moved on."""
    row = await db.fetchone(
        "SELECT 1 FROM thanks_posts WHERE guild_id = ? AND month = ? "
        "AND message_id IS NOT NULL AND message_id != 0 AND role_done = 0",
        (guild_id, month),
    )
    return row is not None


async def role_moved(db: Database, guild_id: int, month: str) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE thanks_posts SET role_done = 1 WHERE guild_id = ? AND month = ?",
            (guild_id, month),
        )


async def role_holders(db: Database, guild_id: int) -> list[tuple[int, int]]:
    rows = await db.fetchall(
        "SELECT user_id, role_id FROM thanks_role_holders WHERE guild_id = ? ORDER BY user_id",
        (guild_id,),
    )
    return [(row["user_id"], row["role_id"]) for row in rows]


async def set_role_holders(
    db: Database, guild_id: int, role_id: int, month: str, user_ids: list[int], keep: bool
) -> None:
    async with db.transaction() as tx:
        if not keep:
            await tx.execute("DELETE FROM thanks_role_holders WHERE guild_id = ?", (guild_id,))
        await tx.executemany(
            "INSERT INTO thanks_role_holders (guild_id, user_id, role_id, month) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, user_id) "
            "DO UPDATE SET role_id = excluded.role_id, month = excluded.month",
            [(guild_id, user_id, role_id, month) for user_id in user_ids],
        )


# --- privacy ------------------------------------------------------------------------------------


async def export_user(db: Database, user_id: int) -> dict[str, Any]:
    thanks = await db.fetchall(
        "SELECT guild_id, giver_id, receiver_id, message_id, counted, given_at FROM thanks "
        "WHERE giver_id = ? OR receiver_id = ? ORDER BY id",
        (user_id, user_id),
    )
    holders = await db.fetchall(
        "SELECT guild_id, role_id, month FROM thanks_role_holders WHERE user_id = ? "
        "ORDER BY guild_id",
        (user_id,),
    )
    return {
        "thanks": [
            {
                "guild_id": row["guild_id"],
                "direction": "given" if row["giver_id"] == user_id else "received",
                "message_id": row["message_id"],
                "counted": bool(row["counted"]),
                "at": row["given_at"],
            }
            for row in thanks
        ],
        "top_helper_role": [dict(row) for row in holders],
    }


async def roles_held_by(db: Database, user_id: int) -> list[tuple[int, int]]:
    """(guild, role) of each top-helper role the bot gave this member."""
    rows = await db.fetchall(
        "SELECT guild_id, role_id FROM thanks_role_holders WHERE user_id = ? ORDER BY guild_id",
        (user_id,),
    )
    return [(row["guild_id"], row["role_id"]) for row in rows]


async def forget_user(db: Database, user_id: int) -> int:
    """Thanks the member received are deleted; thanks they gave stay for the receivers, with
    nobody as the giver (and no message, which could name them)."""
    async with db.transaction() as tx:
        changed = await tx.execute("DELETE FROM thanks WHERE receiver_id = ?", (user_id,))
        changed += await tx.execute(
            "UPDATE thanks SET giver_id = 0, message_id = NULL WHERE giver_id = ?", (user_id,)
        )
        changed += await tx.execute("DELETE FROM thanks_role_holders WHERE user_id = ?", (user_id,))
    return changed
