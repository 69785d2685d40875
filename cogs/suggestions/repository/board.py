"""Suggestions, their votes, status changes and merges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.database import Database, Row, Transaction
from bot.errors import UserFacingError
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso
from cogs.suggestions.board import VOTABLE, Status, vote_after


@dataclass(frozen=True)
class Suggestion:
    id: int
    guild_id: int
    number: int
    author_id: int  # 0: the author was forgotten
    title: str
    body: str
    status: Status
    reason: str | None
    merged_into: int | None
    channel_id: int
    message_id: int | None
    thread_id: int | None
    created_at: datetime
    decided_at: datetime | None
    version: int
    up: int = 0
    down: int = 0
    merged: int = 0  # duplicates merged into this one


@dataclass(frozen=True)
class StatusChange:
    status: Status
    reason: str
    changed_by: int
    changed_at: datetime


class VotingClosedError(UserFacingError):
    """The suggestion was decided (or merged) meanwhile: checked in the vote's own write."""

    key = "suggestions.not_votable"


def _suggestion(row: Row) -> Suggestion:
    keys = row.keys()
    return Suggestion(
        id=row["id"],
        guild_id=row["guild_id"],
        number=row["number"],
        author_id=row["author_id"],
        title=row["title"],
        body=row["body"],
        status=Status(row["status"]),
        reason=row["reason"],
        merged_into=row["merged_into"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        thread_id=row["thread_id"],
        created_at=from_iso(row["created_at"]),
        decided_at=from_iso(row["decided_at"]) if row["decided_at"] else None,
        version=row["version"],
        up=row["up"] if "up" in keys else 0,
        down=row["down"] if "down" in keys else 0,
        merged=row["merged"] if "merged" in keys else 0,
    )


_WITH_VOTES = (
    "SELECT s.*, "
    "(SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id AND v.value = 1) AS up, "
    "(SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id AND v.value = -1) AS down, "
    "(SELECT count(*) FROM suggestions m WHERE m.merged_into = s.id) AS merged "
    "FROM suggestions s "
)


async def create(
    db: Database,
    guild_id: int,
    author_id: int,
    title: str,
    body: str,
    channel_id: int,
    now: datetime,
) -> Suggestion:
    """A new suggestion, numbered after the server's last one (not posted yet)."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO suggestions (guild_id, number, author_id, title, body, channel_id, created_at) "
            "VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM suggestions WHERE guild_id = ?), "
            "?, ?, ?, ?, ?) RETURNING *",
            (guild_id, guild_id, author_id, title, body, channel_id, to_iso(now)),
        )
    assert row is not None
    return _suggestion(row)


async def discard(db: Database, suggestion_id: int) -> None:
    """A suggestion whose message could not be posted was never made."""
    async with db.transaction() as tx:
        await tx.execute("DELETE FROM suggestions WHERE id = ?", (suggestion_id,))


async def set_message(
    db: Database, suggestion_id: int, message_id: int, thread_id: int | None
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE suggestions SET message_id = ?, thread_id = ?, shown_version = version "
            "WHERE id = ?",
            (message_id, thread_id, suggestion_id),
        )


async def get(db: Database, suggestion_id: int) -> Suggestion | None:
    row = await db.fetchone(_WITH_VOTES + "WHERE s.id = ?", (suggestion_id,))
    return _suggestion(row) if row else None


async def by_number(db: Database, guild_id: int, number: int) -> Suggestion | None:
    row = await db.fetchone(
        _WITH_VOTES + "WHERE s.guild_id = ? AND s.number = ? AND s.message_id IS NOT NULL",
        (guild_id, number),
    )
    return _suggestion(row) if row else None


async def recent(db: Database, guild_id: int, limit: int = 50) -> list[Suggestion]:
    """The server's latest posted suggestions, newest first (for autocomplete)."""
    rows = await db.fetchall(
        _WITH_VOTES + "WHERE s.guild_id = ? AND s.message_id IS NOT NULL "
        "ORDER BY s.number DESC LIMIT ?",
        (guild_id, limit),
    )
    return [_suggestion(r) for r in rows]


async def board(db: Database, guild_id: int, statuses: Sequence[Status]) -> list[Suggestion]:
    """The posted suggestions of a server with one of ``statuses`` (unordered)."""
    marks = ", ".join("?" for _ in statuses)
    rows = await db.fetchall(
        _WITH_VOTES
        + f"WHERE s.guild_id = ? AND s.message_id IS NOT NULL AND s.status IN ({marks})",
        (guild_id, *statuses),
    )
    return [_suggestion(r) for r in rows]


async def stale(db: Database) -> list[Suggestion]:
    """Posted suggestions whose message shows an older state than stored (edits that were
    pending when the process stopped)."""
    rows = await db.fetchall(
        _WITH_VOTES + "WHERE s.message_id IS NOT NULL AND s.version != s.shown_version"
    )
    return [_suggestion(r) for r in rows]


async def set_shown(db: Database, suggestion_id: int, version: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE suggestions SET shown_version = ? WHERE id = ? AND shown_version < ?",
            (version, suggestion_id, version),
        )


async def vote_in(
    tx: Transaction, suggestion_id: int, voter_id: int, pressed: int, now: datetime
) -> tuple[int | None, int, int]:
    """Press up (1) or down (-1): (the member's vote now, up votes, down votes). The status is
    checked in the same write, so a vote racing a decision is refused (VotingClosedError).
    Runs in the caller's transaction (the write queue's group)."""
    row = await tx.fetchone("SELECT status FROM suggestions WHERE id = ?", (suggestion_id,))
    if row is None or Status(row[0]) not in VOTABLE:
        raise VotingClosedError()
    current = await tx.fetchone(
        "SELECT value FROM suggestion_votes WHERE suggestion_id = ? AND voter_id = ?",
        (suggestion_id, voter_id),
    )
    after = vote_after(current[0] if current else None, pressed)
    if after is None:
        await tx.execute(
            "DELETE FROM suggestion_votes WHERE suggestion_id = ? AND voter_id = ?",
            (suggestion_id, voter_id),
        )
    else:
        await tx.execute(
            "INSERT INTO suggestion_votes (suggestion_id, voter_id, value, voted_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (suggestion_id, voter_id) "
            "DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at",
            (suggestion_id, voter_id, after, to_iso(now)),
        )
    await tx.execute("UPDATE suggestions SET version = version + 1 WHERE id = ?", (suggestion_id,))
    counts = await tx.fetchone(
        "SELECT coalesce(sum(CASE WHEN value = 1 THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN value = -1 THEN 1 ELSE 0 END), 0) "
        "FROM suggestion_votes WHERE suggestion_id = ?",
        (suggestion_id,),
    )
    assert counts is not None
    return after, int(counts[0]), int(counts[1])


async def change_status(
    db: Database,
    suggestion_id: int,
    status: Status,
    reason: str,
    by: int,
    now: datetime,
    posts: Callable[[int], list[OutboxPost]],
) -> int | None:
    """Set the status with its reason and record the change; ``posts(change id)`` are queued in
    the same transaction (the public note, the author's DM). None if the suggestion is gone or
    was merged meanwhile. The first decision's time is kept as the time to a decision."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE suggestions SET status = ?, reason = ?, version = version + 1, "
            "decided_at = CASE WHEN ? IN ('planned', 'done', 'declined') "
            "THEN coalesce(decided_at, ?) ELSE decided_at END "
            "WHERE id = ? AND status != 'merged'",
            (status, reason, status, to_iso(now), suggestion_id),
        )
        if not changed:
            return None
        change_id = await tx.insert(
            "INSERT INTO suggestion_status_log (suggestion_id, status, reason, changed_by, changed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (suggestion_id, status, reason, by, to_iso(now)),
        )
        queued = posts(change_id)
        if queued:
            await add_posts(tx, queued, now)
    return change_id


async def status_changes(db: Database, suggestion_id: int) -> list[StatusChange]:
    rows = await db.fetchall(
        "SELECT status, reason, changed_by, changed_at FROM suggestion_status_log "
        "WHERE suggestion_id = ? ORDER BY id",
        (suggestion_id,),
    )
    return [
        StatusChange(Status(r["status"]), r["reason"], r["changed_by"], from_iso(r["changed_at"]))
        for r in rows
    ]


async def merge(db: Database, duplicate: Suggestion, target: Suggestion, now: datetime) -> bool:
    """Fold a duplicate into another suggestion of the same server: its voters (up and down)
    and its author support the target, each member counted once (a vote already on the target
    stays as it is; the target's own author never votes for it)."""
    async with db.transaction() as tx:
        open_ = await tx.fetchone(
            "SELECT 1 FROM suggestions WHERE id = ? AND status != 'merged'", (target.id,)
        )
        if open_ is None:
            return False
        changed = await tx.execute(
            "UPDATE suggestions SET status = 'merged', merged_into = ?, version = version + 1 "
            "WHERE id = ? AND status != 'merged' AND guild_id = ?",
            (target.id, duplicate.id, target.guild_id),
        )
        if not changed:
            return False
        await tx.execute(
            "INSERT INTO suggestion_votes (suggestion_id, voter_id, value, voted_at) "
            "SELECT ?, voter_id, value, voted_at FROM suggestion_votes "
            "WHERE suggestion_id = ? AND voter_id NOT IN (?, 0) ON CONFLICT DO NOTHING",
            (target.id, duplicate.id, target.author_id),
        )
        if duplicate.author_id not in (target.author_id, 0):
            await tx.execute(
                "INSERT INTO suggestion_votes (suggestion_id, voter_id, value, voted_at) "
                "VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING",
                (target.id, duplicate.author_id, to_iso(now)),
            )
        await tx.execute("DELETE FROM suggestion_votes WHERE suggestion_id = ?", (duplicate.id,))
        # Suggestions merged into the duplicate before now point at the target.
        await tx.execute(
            "UPDATE suggestions SET merged_into = ? WHERE merged_into = ?",
            (target.id, duplicate.id),
        )
        await tx.execute("UPDATE suggestions SET version = version + 1 WHERE id = ?", (target.id,))
    return True


async def queue_posts(db: Database, posts: Sequence[OutboxPost], now: datetime) -> None:
    """Queue posts that follow no change of the board (a post already queued stays as it is)."""
    async with db.transaction() as tx:
        await add_posts(tx, posts, now, skip_existing=True)
