"""All SQL of schedules."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.database import Database, Row
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso


@dataclass(frozen=True)
class Schedule:
    id: int
    guild_id: int
    kind: str
    phrase: str
    zone: str
    channel_id: int
    role_id: int | None
    text: str
    created_by: int
    created_at: datetime
    next_run_at: datetime | None
    last_run_at: datetime | None
    paused_reason: str | None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    remind_seconds: int | None = None
    event_id: int | None = None  # the Discord scheduled event announcing the run at event_at
    event_at: datetime | None = None


def _schedule(row: Row) -> Schedule:
    return Schedule(
        row["id"],
        row["guild_id"],
        row["kind"],
        row["phrase"],
        row["zone"],
        row["channel_id"],
        row["role_id"],
        row["text"],
        row["created_by"],
        from_iso(row["created_at"]),
        from_iso(row["next_run_at"]) if row["next_run_at"] else None,
        from_iso(row["last_run_at"]) if row["last_run_at"] else None,
        row["paused_reason"],
        from_iso(row["starts_at"]) if row["starts_at"] else None,
        from_iso(row["ends_at"]) if row["ends_at"] else None,
        json.loads(row["payload"]) if row["payload"] else {},
        row["remind_seconds"],
        row["event_id"],
        from_iso(row["event_at"]) if row["event_at"] else None,
    )


async def create(
    db: Database,
    *,
    guild_id: int,
    kind: str,
    phrase: str,
    zone: str,
    channel_id: int,
    role_id: int | None,
    text: str,
    created_by: int,
    next_run_at: datetime | None,
    now: datetime,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    payload: dict[str, Any] | None = None,
    remind_seconds: int | None = None,
) -> Schedule:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO schedules (guild_id, kind, phrase, zone, channel_id, role_id, text, created_by, created_at, "
            "next_run_at, starts_at, ends_at, payload, remind_seconds) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                guild_id,
                kind,
                phrase,
                zone,
                channel_id,
                role_id,
                text,
                created_by,
                to_iso(now),
                to_iso(next_run_at) if next_run_at else None,
                to_iso(starts_at) if starts_at else None,
                to_iso(ends_at) if ends_at else None,
                json.dumps(payload) if payload else None,
                remind_seconds,
            ),
        )
    assert row is not None
    return _schedule(row)


async def get(db: Database, schedule_id: int) -> Schedule | None:
    row = await db.fetchone("SELECT * FROM schedules WHERE id = ?", (schedule_id,))
    return _schedule(row) if row else None


async def of_guild(db: Database, guild_id: int) -> list[Schedule]:
    rows = await db.fetchall("SELECT * FROM schedules WHERE guild_id = ? ORDER BY id", (guild_id,))
    return [_schedule(r) for r in rows]


async def active(db: Database) -> list[Schedule]:
    rows = await db.fetchall("SELECT * FROM schedules WHERE paused_reason IS NULL")
    return [_schedule(r) for r in rows]


async def claim_run(
    db: Database,
    schedule_id: int,
    due: datetime,
    next_run: datetime | None,
    now: datetime,
    posts: Sequence[OutboxPost] = (),
) -> bool:
    """Record a run of the occurrence ``due``, with the posts it makes, in one transaction;
    exactly one caller gets it (timer, run-now, restart)."""
    async with db.transaction() as tx:
        claimed = (
            await tx.execute(
                "UPDATE schedules SET last_run_at = ?, next_run_at = ? WHERE id = ? AND paused_reason IS NULL "
                "AND (last_run_at IS NULL OR last_run_at < ?)",
                (to_iso(now), to_iso(next_run) if next_run else None, schedule_id, to_iso(due)),
            )
            > 0
        )
        if claimed and posts:
            await add_posts(tx, posts, now)
        return claimed


async def queue_post(db: Database, post: OutboxPost, now: datetime) -> None:
    async with db.transaction() as tx:
        await add_posts(tx, [post], now)


async def set_next(
    db: Database, schedule_id: int, next_run: datetime | None, last_run: datetime | None = None
) -> None:
    async with db.transaction() as tx:
        if last_run is None:
            await tx.execute(
                "UPDATE schedules SET next_run_at = ? WHERE id = ?",
                (to_iso(next_run) if next_run else None, schedule_id),
            )
        else:
            await tx.execute(
                "UPDATE schedules SET next_run_at = ?, last_run_at = ? WHERE id = ?",
                (to_iso(next_run) if next_run else None, to_iso(last_run), schedule_id),
            )


async def pause(db: Database, schedule_id: int, reason: str | None) -> bool:
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE schedules SET paused_reason = ? WHERE id = ?", (reason, schedule_id)
            )
            > 0
        )


async def remove(db: Database, schedule_id: int) -> bool:
    async with db.transaction() as tx:
        return await tx.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,)) > 0


async def set_event(
    db: Database, schedule_id: int, event_id: int | None, when: datetime | None
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE schedules SET event_id = ?, event_at = ? WHERE id = ?",
            (event_id, to_iso(when) if when else None, schedule_id),
        )
