"""Rounds: opening, finding, closing and their stored summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.database import Database, Row
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso
from cogs.qa.counting import SQL_COUNTED, tally


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Round:
    id: int
    guild_id: int
    channel_id: int
    topic: str
    host_id: int
    anonymous: bool
    moderated: bool
    max_questions: int
    ends_at: datetime
    state: RoundState
    panel_message_id: int | None
    created_by: int
    closed_at: datetime | None

    @property
    def open(self) -> bool:
        return self.state == RoundState.OPEN


@dataclass(frozen=True)
class _Counted:
    """A question as far as counting needs it."""

    state: str
    answered: bool
    author_id: int


@dataclass(frozen=True)
class Summary:
    """A round's counts as stored when it closed (see ``cogs/qa/counting.py``); an answer
    given later adds to ``answered``."""

    questions: int
    answered: int
    askers: int
    voters: int


def _round(row: Row) -> Round:
    return Round(
        row["id"],
        row["guild_id"],
        row["channel_id"],
        row["topic"],
        row["host_id"],
        bool(row["anonymous"]),
        bool(row["moderated"]),
        row["max_questions"],
        from_iso(row["ends_at"]),
        RoundState(row["state"]),
        row["panel_message_id"],
        row["created_by"],
        from_iso(row["closed_at"]) if row["closed_at"] else None,
    )


async def create_round(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    topic: str,
    host_id: int,
    anonymous: bool,
    moderated: bool,
    max_questions: int,
    ends_at: datetime,
    created_by: int,
    now: datetime,
) -> Round | None:
    """None if a round is already open in that channel (a unique index decides, so races too)."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO qa_rounds (guild_id, channel_id, topic, host_id, anonymous, moderated, max_questions, "
            "ends_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING *",
            (
                guild_id,
                channel_id,
                topic,
                host_id,
                int(anonymous),
                int(moderated),
                max_questions,
                to_iso(ends_at),
                created_by,
                to_iso(now),
            ),
        )
    return _round(row) if row else None


async def set_panel(db: Database, round_id: int, message_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE qa_rounds SET panel_message_id = ? WHERE id = ?", (message_id, round_id)
        )


async def discard_round(db: Database, round_id: int) -> None:
    """A round whose panel could not be posted never existed."""
    async with db.transaction() as tx:
        await tx.execute("DELETE FROM qa_rounds WHERE id = ?", (round_id,))


async def get_round(db: Database, round_id: int) -> Round | None:
    row = await db.fetchone("SELECT * FROM qa_rounds WHERE id = ?", (round_id,))
    return _round(row) if row else None


async def open_round_in(db: Database, channel_id: int) -> Round | None:
    row = await db.fetchone(
        "SELECT * FROM qa_rounds WHERE channel_id = ? AND state = 'open'", (channel_id,)
    )
    return _round(row) if row else None


async def latest_round_in(db: Database, channel_id: int) -> Round | None:
    row = await db.fetchone(
        "SELECT * FROM qa_rounds WHERE channel_id = ? ORDER BY id DESC LIMIT 1", (channel_id,)
    )
    return _round(row) if row else None


async def open_rounds(db: Database, guild_id: int | None = None) -> list[Round]:
    if guild_id is None:
        rows = await db.fetchall("SELECT * FROM qa_rounds WHERE state = 'open' ORDER BY id")
    else:
        rows = await db.fetchall(
            "SELECT * FROM qa_rounds WHERE state = 'open' AND guild_id = ? ORDER BY id", (guild_id,)
        )
    return [_round(r) for r in rows]


async def recent_rounds(db: Database, guild_id: int, limit: int = 25) -> list[Round]:
    rows = await db.fetchall(
        "SELECT * FROM qa_rounds WHERE guild_id = ? ORDER BY id DESC LIMIT ?", (guild_id, limit)
    )
    return [_round(r) for r in rows]


async def close_round(
    db: Database, round_id: int, now: datetime, summary_post: OutboxPost | None = None
) -> Summary | None:
    """Close once and store the summary (counted as ``cogs/qa/counting.py`` defines, like the
    panel and the transcript), and queue its post in the same transaction (a crash can neither
    lose nor double it); None if it was already closed (timer and command race)."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE qa_rounds SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'",
            (to_iso(now), round_id),
        )
        if not changed:
            return None
        rows = await tx.fetchall(
            "SELECT state, answer IS NOT NULL AS answered, author_id FROM qa_questions "
            "WHERE round_id = ?",
            (round_id,),
        )
        voters = await tx.fetchone(
            "SELECT count(DISTINCT v.voter_id) FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id "
            f"WHERE q.round_id = ? AND q.{SQL_COUNTED}",
            (round_id,),
        )
        assert voters is not None
        counts = tally(_Counted(r["state"], bool(r["answered"]), r["author_id"]) for r in rows)
        summary = Summary(counts.questions, counts.answered, counts.askers, voters[0])
        await tx.execute(
            "UPDATE qa_rounds SET questions_count = ?, answered_count = ?, askers_count = ?, voters_count = ? "
            "WHERE id = ?",
            (summary.questions, summary.answered, summary.askers, summary.voters, round_id),
        )
        if summary_post is not None:
            await add_posts(tx, [summary_post], now)
    return summary


async def summary_of(db: Database, round_id: int) -> Summary | None:
    row = await db.fetchone(
        "SELECT questions_count, answered_count, askers_count, voters_count FROM qa_rounds WHERE id = ?",
        (round_id,),
    )
    if row is None or row[0] is None:
        return None
    return Summary(row[0], row[1], row[2], row[3])


async def set_summary_message(db: Database, round_id: int, message_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE qa_rounds SET summary_message_id = ? WHERE id = ?", (message_id, round_id)
        )


async def queue_missing_summaries(
    db: Database, post: Callable[[Round], OutboxPost], now: datetime, since: datetime
) -> int:
    """Rounds closed (since ``since``) without a posted summary and without a queued one, e.g.
    closed by an older version: their summary is queued now."""
    rows = await db.fetchall(
        "SELECT * FROM qa_rounds WHERE state = 'closed' AND summary_message_id IS NULL "
        "AND questions_count IS NOT NULL AND closed_at >= ?",
        (to_iso(since),),
    )
    if not rows:
        return 0
    async with db.transaction() as tx:
        await add_posts(tx, [post(_round(r)) for r in rows], now, skip_existing=True)
    return len(rows)
