"""All SQL of contests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.database import Database, Row, Transaction
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso


class ContestState(StrEnum):
    SUBMISSIONS = "submissions"
    VOTING = "voting"
    ENDED = "ended"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Contest:
    id: int
    guild_id: int
    channel_id: int
    title: str
    description: str | None
    submissions_close_at: datetime
    voting_close_at: datetime
    state: ContestState
    max_submissions: int
    votes_per_member: int
    anonymous: bool
    min_membership_age_s: int


@dataclass(frozen=True)
class Entry:
    id: int
    contest_id: int
    author_id: int
    text: str | None
    file_name: str | None
    message_id: int | None
    removed_reason: str | None
    title: str | None = None  # optional, since migration 0020


def _contest(row: Row) -> Contest:
    return Contest(
        row["id"],
        row["guild_id"],
        row["channel_id"],
        row["title"],
        row["description"],
        from_iso(row["submissions_close_at"]),
        from_iso(row["voting_close_at"]),
        ContestState(row["state"]),
        row["max_submissions"],
        row["votes_per_member"],
        bool(row["anonymous"]),
        row["min_membership_age_s"],
    )


def _entry(row: Row) -> Entry:
    return Entry(
        row["id"],
        row["contest_id"],
        row["author_id"],
        row["text"],
        row["file_name"],
        row["message_id"],
        row["removed_reason"],
        row["title"],
    )


async def create(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    title: str,
    description: str | None,
    submissions_close_at: datetime,
    voting_close_at: datetime,
    max_submissions: int,
    votes_per_member: int,
    anonymous: bool,
    min_membership_age_s: int,
    created_by: int,
    now: datetime,
) -> Contest:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO contests (guild_id, channel_id, title, description, submissions_close_at, voting_close_at, "
            "max_submissions, votes_per_member, anonymous, min_membership_age_s, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                guild_id,
                channel_id,
                title,
                description,
                to_iso(submissions_close_at),
                to_iso(voting_close_at),
                max_submissions,
                votes_per_member,
                int(anonymous),
                min_membership_age_s,
                created_by,
                to_iso(now),
            ),
        )
    assert row is not None
    return _contest(row)


async def get(db: Database, contest_id: int) -> Contest | None:
    row = await db.fetchone("SELECT * FROM contests WHERE id = ?", (contest_id,))
    return _contest(row) if row else None


async def running(db: Database) -> list[Contest]:
    rows = await db.fetchall("SELECT * FROM contests WHERE state IN ('submissions', 'voting')")
    return [_contest(r) for r in rows]


async def of_guild(db: Database, guild_id: int) -> list[Contest]:
    rows = await db.fetchall(
        "SELECT * FROM contests WHERE guild_id = ? ORDER BY id DESC LIMIT 25", (guild_id,)
    )
    return [_contest(r) for r in rows]


async def advance(
    db: Database, contest_id: int, from_state: ContestState, to_state: ContestState
) -> bool:
    """Exactly one caller moves a contest on (timers and restarts may race)."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE contests SET state = ? WHERE id = ? AND state = ?",
                (to_state, contest_id, from_state),
            )
            > 0
        )


async def end_with_results(
    db: Database, contest_id: int, post: OutboxPost | None, now: datetime
) -> bool:
    """Close voting and queue the results post in one transaction: the post cannot be lost or
    doubled by a crash (bot/outbox.py), and it is drawn from the votes as they stand at the end
    (a vote racing the end is refused in its own write). False if another caller ended the
    contest first."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE contests SET state = 'ended' WHERE id = ? AND state = 'voting'", (contest_id,)
        )
        if not changed:
            return False
        if post is not None:
            await add_posts(tx, [post], now)
        return True


async def add_entry(
    db: Database,
    contest: Contest,
    author_id: int,
    text: str | None,
    file_name: str | None,
    now: datetime,
    title: str | None = None,
) -> Entry | None:
    """None if the member already has ``max_submissions`` entries (checked in the same transaction)."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT count(*) FROM contest_entries WHERE contest_id = ? AND author_id = ? AND removed_reason IS NULL",
            (contest.id, author_id),
        )
        if row is not None and row[0] >= contest.max_submissions:
            return None
        created = await tx.fetchone(
            "INSERT INTO contest_entries (contest_id, author_id, title, text, file_name, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
            (contest.id, author_id, title, text, file_name, to_iso(now)),
        )
    assert created is not None
    return _entry(created)


async def set_entry_message(db: Database, entry_id: int, message_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE contest_entries SET message_id = ? WHERE id = ?", (message_id, entry_id)
        )


async def entries(db: Database, contest_id: int) -> list[Entry]:
    rows = await db.fetchall(
        "SELECT * FROM contest_entries WHERE contest_id = ? ORDER BY id", (contest_id,)
    )
    return [_entry(r) for r in rows]


async def get_entry(db: Database, entry_id: int) -> Entry | None:
    row = await db.fetchone("SELECT * FROM contest_entries WHERE id = ?", (entry_id,))
    return _entry(row) if row else None


async def remove_entry(db: Database, entry_id: int, reason: str) -> bool:
    async with db.transaction() as tx:
        await tx.execute("DELETE FROM contest_votes WHERE entry_id = ?", (entry_id,))
        return (
            await tx.execute(
                "UPDATE contest_entries SET removed_reason = ? WHERE id = ? AND removed_reason IS NULL",
                (reason, entry_id),
            )
            > 0
        )


async def toggle_vote(
    db: Database, contest: Contest, entry_id: int, voter_id: int, now: datetime
) -> str:
    """ "added", "removed", "limit" (the member has used all their votes) or "closed" (voting
    ended meanwhile: checked in the same write, so the posted results always match)."""
    async with db.transaction() as tx:
        return await toggle_vote_in(tx, contest, entry_id, voter_id, now)


async def toggle_vote_in(
    tx: Transaction, contest: Contest, entry_id: int, voter_id: int, now: datetime
) -> str:
    """:func:`toggle_vote` inside the caller's transaction (the write queue's group)."""
    state = await tx.fetchone("SELECT state FROM contests WHERE id = ?", (contest.id,))
    if state is None or state[0] != ContestState.VOTING:
        return "closed"
    removed = await tx.execute(
        "DELETE FROM contest_votes WHERE contest_id = ? AND entry_id = ? AND voter_id = ?",
        (contest.id, entry_id, voter_id),
    )
    if removed:
        return "removed"
    row = await tx.fetchone(
        "SELECT count(*) FROM contest_votes WHERE contest_id = ? AND voter_id = ?",
        (contest.id, voter_id),
    )
    if row is not None and row[0] >= contest.votes_per_member:
        return "limit"
    await tx.execute(
        "INSERT INTO contest_votes (contest_id, entry_id, voter_id, voted_at) VALUES (?, ?, ?, ?)",
        (contest.id, entry_id, voter_id, to_iso(now)),
    )
    return "added"


async def vote_counts(db: Database, contest_id: int) -> dict[int, int]:
    rows = await db.fetchall(
        "SELECT e.id, count(v.voter_id) AS n FROM contest_entries e LEFT JOIN contest_votes v ON v.entry_id = e.id "
        "WHERE e.contest_id = ? AND e.removed_reason IS NULL GROUP BY e.id",
        (contest_id,),
    )
    return {r["id"]: r["n"] for r in rows}


async def data_of_user(db: Database, user_id: int) -> list[dict[str, object]]:
    rows = await db.fetchall(
        "SELECT 'entry' AS kind, contest_id, id AS entry_id, title, text, file_name, created_at "
        "FROM contest_entries WHERE author_id = ? "
        "UNION ALL SELECT 'vote', contest_id, entry_id, NULL, NULL, NULL, voted_at FROM contest_votes WHERE voter_id = ?",
        (user_id, user_id),
    )
    return [dict(r) for r in rows]


async def forget_user(db: Database, user_id: int) -> int:
    """The member's votes, and their entries with everything they wrote (title, text)."""
    async with db.transaction() as tx:
        removed = await tx.execute("DELETE FROM contest_votes WHERE voter_id = ?", (user_id,))
        removed += await tx.execute("DELETE FROM contest_entries WHERE author_id = ?", (user_id,))
        return removed
