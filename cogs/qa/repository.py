"""All SQL of Q&A rounds and the FAQ."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.database import Database, Transaction
from bot.errors import UserFacingError
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class QuestionState(StrEnum):
    PENDING = "pending"  # waits for the team's approval (moderated rounds)
    VISIBLE = "visible"
    REJECTED = "rejected"
    MERGED = "merged"  # a duplicate: its votes went to the question it was merged into


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
class Question:
    id: int
    round_id: int
    number: int
    author_id: int
    anonymous: bool
    text: str
    state: QuestionState
    reject_reason: str | None
    merged_into: int | None
    message_id: int | None
    review_message_id: int | None
    answer: str | None
    answered_by: int | None
    answer_message_id: int | None
    votes: int = 0
    merged: int = 0  # how many duplicates were merged into this one

    @property
    def answered(self) -> bool:
        return self.answer is not None


@dataclass(frozen=True)
class Summary:
    questions: int
    answered: int
    askers: int
    voters: int


@dataclass(frozen=True)
class FaqEntry:
    id: int
    guild_id: int
    question: str
    answer: str
    source_question_id: int | None
    helped: int
    not_helped: int


def _round(row: sqlite3.Row) -> Round:
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


def _question(row: sqlite3.Row) -> Question:
    keys = row.keys()
    return Question(
        row["id"],
        row["round_id"],
        row["number"],
        row["author_id"],
        bool(row["anonymous"]),
        row["text"],
        QuestionState(row["state"]),
        row["reject_reason"],
        row["merged_into"],
        row["message_id"],
        row["review_message_id"],
        row["answer"],
        row["answered_by"],
        row["answer_message_id"],
        row["votes"] if "votes" in keys else 0,
        row["merged"] if "merged" in keys else 0,
    )


def _faq(row: sqlite3.Row) -> FaqEntry:
    return FaqEntry(
        row["id"],
        row["guild_id"],
        row["question"],
        row["answer"],
        row["source_question_id"],
        row["helped"],
        row["not_helped"],
    )


_WITH_VOTES = (
    "SELECT q.*, (SELECT count(*) FROM qa_votes v WHERE v.question_id = q.id) AS votes, "
    "(SELECT count(*) FROM qa_questions m WHERE m.merged_into = q.id) AS merged FROM qa_questions q "
)

# --- rounds ------------------------------------------------------------------------------------


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
    """Close once and store the summary, and queue its post in the same transaction (a crash
    can neither lose nor double it); None if it was already closed (timer and command race)."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE qa_rounds SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'",
            (to_iso(now), round_id),
        )
        if not changed:
            return None
        row = await tx.fetchone(
            "SELECT count(*) FILTER (WHERE state IN ('visible', 'merged')), "
            "count(*) FILTER (WHERE state = 'visible' AND answer IS NOT NULL), "
            "count(DISTINCT author_id) FILTER (WHERE state IN ('visible', 'merged')) "
            "FROM qa_questions WHERE round_id = ?",
            (round_id,),
        )
        voters = await tx.fetchone(
            "SELECT count(DISTINCT v.voter_id) FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id "
            "WHERE q.round_id = ?",
            (round_id,),
        )
        assert row is not None and voters is not None
        summary = Summary(row[0], row[1], row[2], voters[0])
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


async def set_shown_votes(db: Database, question_id: int, votes: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE qa_questions SET shown_votes = ? WHERE id = ?", (votes, question_id)
        )


async def stale_questions(db: Database) -> list[Question]:
    """Visible questions of open rounds whose message shows another vote count than stored
    (edits that were pending when the process died)."""
    rows = await db.fetchall(
        "SELECT * FROM (" + _WITH_VOTES + "JOIN qa_rounds r ON r.id = q.round_id "
        "WHERE r.state = 'open' AND q.state = 'visible' AND q.message_id IS NOT NULL) "
        "WHERE shown_votes IS NULL OR shown_votes != votes"
    )
    return [_question(r) for r in rows]


# --- questions ---------------------------------------------------------------------------------


class RoundClosedError(UserFacingError):
    """The round closed meanwhile (checked in the same transaction as the write)."""

    key = "qa.closed"


async def add_question(
    db: Database,
    round_: Round,
    author_id: int,
    text: str,
    anonymous: bool,
    now: datetime,
    *,
    pending: bool,
) -> Question | None:
    """None when the member reached the round's limit (checked in the same transaction).
    Raises RoundClosedError when the round closed meanwhile."""
    async with db.transaction() as tx:
        state = await tx.fetchone("SELECT state FROM qa_rounds WHERE id = ?", (round_.id,))
        if state is None or state[0] != RoundState.OPEN:
            raise RoundClosedError()
        row = await tx.fetchone(
            "SELECT count(*) FROM qa_questions WHERE round_id = ? AND author_id = ? AND state != 'rejected'",
            (round_.id, author_id),
        )
        if row is not None and row[0] >= round_.max_questions:
            return None
        number = await tx.fetchone(
            "SELECT coalesce(max(number), 0) + 1 FROM qa_questions WHERE round_id = ?", (round_.id,)
        )
        assert number is not None
        created = await tx.fetchone(
            "INSERT INTO qa_questions (round_id, number, author_id, anonymous, text, state, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                round_.id,
                number[0],
                author_id,
                int(anonymous or round_.anonymous),
                text,
                QuestionState.PENDING if pending else QuestionState.VISIBLE,
                to_iso(now),
            ),
        )
    assert created is not None
    return _question(created)


async def get_question(db: Database, question_id: int) -> Question | None:
    row = await db.fetchone(_WITH_VOTES + "WHERE q.id = ?", (question_id,))
    return _question(row) if row else None


async def question_by_number(db: Database, round_id: int, number: int) -> Question | None:
    row = await db.fetchone(
        _WITH_VOTES + "WHERE q.round_id = ? AND q.number = ?", (round_id, number)
    )
    return _question(row) if row else None


async def questions(db: Database, round_id: int) -> list[Question]:
    """Every question of a round, most votes first, then oldest first."""
    rows = await db.fetchall(
        _WITH_VOTES + "WHERE q.round_id = ? ORDER BY votes DESC, q.number", (round_id,)
    )
    return [_question(r) for r in rows]


async def questions_of_guild(db: Database, guild_id: int, limit: int = 200) -> list[Question]:
    rows = await db.fetchall(
        _WITH_VOTES + "JOIN qa_rounds r ON r.id = q.round_id WHERE r.guild_id = ? "
        "ORDER BY q.id DESC LIMIT ?",
        (guild_id, limit),
    )
    return [_question(r) for r in rows]


async def set_question_message(
    db: Database, question_id: int, *, message_id: int | None = None, review_id: int | None = None
) -> None:
    async with db.transaction() as tx:
        if message_id is not None:  # a new message shows no votes
            await tx.execute(
                "UPDATE qa_questions SET message_id = ?, shown_votes = 0 WHERE id = ?",
                (message_id, question_id),
            )
        if review_id is not None:
            await tx.execute(
                "UPDATE qa_questions SET review_message_id = ? WHERE id = ?",
                (review_id, question_id),
            )


async def review(db: Database, question_id: int, approve: bool, reason: str | None) -> bool:
    """Approve or reject a pending question exactly once. Approving needs the round still open."""
    async with db.transaction() as tx:
        if approve:
            open_ = await tx.fetchone(
                "SELECT 1 FROM qa_questions q JOIN qa_rounds r ON r.id = q.round_id "
                "WHERE q.id = ? AND r.state = 'open'",
                (question_id,),
            )
            if open_ is None:
                raise RoundClosedError()
        return (
            await tx.execute(
                "UPDATE qa_questions SET state = ?, reject_reason = ? WHERE id = ? AND state = 'pending'",
                (QuestionState.VISIBLE if approve else QuestionState.REJECTED, reason, question_id),
            )
            > 0
        )


async def back_to_review(db: Database, question_id: int) -> None:
    """An approval whose post failed: the question waits again."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE qa_questions SET state = 'pending' WHERE id = ? AND state = 'visible'",
            (question_id,),
        )


async def discard_question(db: Database, question_id: int) -> None:
    """A question whose message could not be posted was never asked (and does not count)."""
    async with db.transaction() as tx:
        await tx.execute("DELETE FROM qa_questions WHERE id = ?", (question_id,))


async def toggle_vote_in(
    tx: Transaction, question_id: int, voter_id: int, now: datetime
) -> tuple[bool, int]:
    """Add the member's vote, or take it back if it was there: (the vote now counts, the
    question's votes). Raises RoundClosedError when the round closed (or the question left the
    ballot) meanwhile. Runs in the caller's transaction (the write queue's group)."""
    open_ = await tx.fetchone(
        "SELECT 1 FROM qa_questions q JOIN qa_rounds r ON r.id = q.round_id "
        "WHERE q.id = ? AND q.state = 'visible' AND r.state = 'open'",
        (question_id,),
    )
    if open_ is None:
        raise RoundClosedError()
    removed = await tx.execute(
        "DELETE FROM qa_votes WHERE question_id = ? AND voter_id = ?", (question_id, voter_id)
    )
    if not removed:
        await tx.execute(
            "INSERT INTO qa_votes (question_id, voter_id, voted_at) VALUES (?, ?, ?)",
            (question_id, voter_id, to_iso(now)),
        )
    votes = await tx.fetchone("SELECT count(*) FROM qa_votes WHERE question_id = ?", (question_id,))
    assert votes is not None
    return not removed, int(votes[0])


async def merge(db: Database, duplicate: Question, target: Question, now: datetime) -> bool:
    """Fold a duplicate into another question: its voters and its author support the target,
    each member counted once; the target's own author never votes for it."""
    async with db.transaction() as tx:
        open_ = await tx.fetchone(
            "SELECT 1 FROM qa_rounds WHERE id = ? AND state = 'open'", (target.round_id,)
        )
        if open_ is None:
            raise RoundClosedError()
        changed = await tx.execute(
            "UPDATE qa_questions SET state = 'merged', merged_into = ? WHERE id = ? AND state IN ('visible', 'pending')",
            (target.id, duplicate.id),
        )
        if not changed:
            return False
        await tx.execute(
            "INSERT OR IGNORE INTO qa_votes (question_id, voter_id, voted_at) "
            "SELECT ?, voter_id, voted_at FROM qa_votes WHERE question_id = ? AND voter_id != ?",
            (target.id, duplicate.id, target.author_id),
        )
        if duplicate.author_id != target.author_id:
            await tx.execute(
                "INSERT OR IGNORE INTO qa_votes (question_id, voter_id, voted_at) VALUES (?, ?, ?)",
                (target.id, duplicate.author_id, to_iso(now)),
            )
        await tx.execute("DELETE FROM qa_votes WHERE question_id = ?", (duplicate.id,))
        # Questions merged into the duplicate before now point at the target.
        await tx.execute(
            "UPDATE qa_questions SET merged_into = ? WHERE merged_into = ?",
            (target.id, duplicate.id),
        )
    return True


async def answer(
    db: Database, question_id: int, text: str, by: int, message_id: int, now: datetime
) -> bool:
    """Record the posted answer; False if another answer was recorded first. An answer after the
    round closed also counts in the round's stored summary."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE qa_questions SET answer = ?, answered_by = ?, answered_at = ?, answer_message_id = ? "
            "WHERE id = ? AND answer IS NULL AND state = 'visible'",
            (text, by, to_iso(now), message_id, question_id),
        )
        if changed:
            await tx.execute(
                "UPDATE qa_rounds SET answered_count = answered_count + 1 WHERE state = 'closed' "
                "AND answered_count IS NOT NULL AND id = (SELECT round_id FROM qa_questions WHERE id = ?)",
                (question_id,),
            )
    return changed > 0


# --- privacy -----------------------------------------------------------------------------------


async def data_of_user(db: Database, user_id: int) -> list[dict[str, Any]]:
    asked = await db.fetchall(
        "SELECT q.round_id, r.topic, q.number, q.text, q.anonymous, q.state, q.answer, q.created_at "
        "FROM qa_questions q JOIN qa_rounds r ON r.id = q.round_id WHERE q.author_id = ?",
        (user_id,),
    )
    voted = await db.fetchall(
        "SELECT q.round_id, q.number, v.voted_at FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id "
        "WHERE v.voter_id = ?",
        (user_id,),
    )
    rated = await db.fetchall(
        "SELECT r.entry_id, v.helpful FROM faq_reply_votes v JOIN faq_replies r ON r.id = v.reply_id "
        "WHERE v.user_id = ?",
        (user_id,),
    )
    answered = await db.fetchall(
        "SELECT q.round_id, q.number, q.answer, q.answered_at FROM qa_questions q WHERE q.answered_by = ?",
        (user_id,),
    )
    hosted = await db.fetchall(
        "SELECT id, topic, created_at, host_id = ? AS hosted, created_by = ? AS opened FROM qa_rounds "
        "WHERE host_id = ? OR created_by = ?",
        (user_id, user_id, user_id, user_id),
    )
    faq = await db.fetchall(
        "SELECT id, question, answer, created_at FROM faq_entries WHERE created_by = ?", (user_id,)
    )
    return (
        [{"question": dict(r)} for r in asked]
        + [{"vote": dict(r)} for r in voted]
        + [{"faq_rating": dict(r)} for r in rated]
        + [{"answer": dict(r)} for r in answered]
        + [{"round": dict(r)} for r in hosted]
        + [{"faq_entry": dict(r)} for r in faq]
    )


async def forget_user(db: Database, user_id: int) -> int:
    """Questions are removed (their text too), votes and FAQ ratings deleted; an answer the member
    gave as host stays with the question it answers, without their id."""
    async with db.transaction() as tx:
        # FAQ entries made from the member's questions carry their words: they go too.
        removed = await tx.execute(
            "DELETE FROM faq_entries WHERE source_question_id IN "
            "(SELECT id FROM qa_questions WHERE author_id = ?)",
            (user_id,),
        )
        # Their ratings leave the entries' counts, so rating again later counts once.
        await tx.execute(
            "UPDATE faq_entries SET "
            "helped = max(helped - (SELECT count(*) FROM faq_reply_votes v JOIN faq_replies r ON r.id = v.reply_id "
            "  WHERE r.entry_id = faq_entries.id AND v.user_id = ? AND v.helpful = 1), 0), "
            "not_helped = max(not_helped - (SELECT count(*) FROM faq_reply_votes v JOIN faq_replies r ON r.id = v.reply_id "
            "  WHERE r.entry_id = faq_entries.id AND v.user_id = ? AND v.helpful = 0), 0)",
            (user_id, user_id),
        )
        removed += await tx.execute(
            "UPDATE qa_questions SET author_id = 0, anonymous = 1, text = '', state = 'rejected', "
            "reject_reason = 'erased' WHERE author_id = ?",
            (user_id,),
        )
        removed += await tx.execute("DELETE FROM qa_votes WHERE voter_id = ?", (user_id,))
        removed += await tx.execute(
            "UPDATE qa_questions SET answered_by = 0 WHERE answered_by = ?", (user_id,)
        )
        removed += await tx.execute("DELETE FROM faq_reply_votes WHERE user_id = ?", (user_id,))
        await tx.execute("UPDATE qa_rounds SET host_id = 0 WHERE host_id = ?", (user_id,))
        await tx.execute("UPDATE qa_rounds SET created_by = 0 WHERE created_by = ?", (user_id,))
        await tx.execute("UPDATE faq_entries SET created_by = 0 WHERE created_by = ?", (user_id,))
    return removed


# --- FAQ ---------------------------------------------------------------------------------------


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
                "INSERT OR IGNORE INTO faq_channels (guild_id, channel_id) VALUES (?, ?)",
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
                + (f", {other} = max({other} - 1, 0)" if before is not None else "")
                + " WHERE id = ?",
                (entry[0],),
            )
    return True
