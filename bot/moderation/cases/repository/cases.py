"""SQL of the case log: cases, their points and the strike ladder steps they cross."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.database import Database, Row, Transaction
from bot.dm import DmStatus
from bot.moderation.cases.repository.tempbans import TempBan, add_temp_ban_in
from bot.moderation.cases.strikes import LadderStep, escalation
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso

QUOTE_MAX = 1000  # characters of the flagged message kept for the review queue


class CaseState(StrEnum):
    PENDING = "pending"  # recorded, not yet carried out (a crash here is finished at start)
    APPLIED = "applied"
    FAILED = "failed"  # Discord refused or failed, the member is gone, or the moment passed
    REFUSED = "refused"  # checked locally: Discord would refuse, nothing was sent


@dataclass(frozen=True)
class Case:
    guild_id: int
    number: int
    user_id: int
    moderator_id: int
    action: str
    rule: str | None
    reason: str
    evidence: dict[str, Any]
    points: int
    duration_seconds: int | None
    channel_id: int | None
    message_id: int | None
    created_at: datetime
    points_expire_at: datetime | None
    revoked_at: datetime | None
    dm_status: DmStatus | None
    outcome: str | None
    log_message_id: int | None
    state: CaseState = CaseState.APPLIED

    @property
    def automatic(self) -> bool:
        return self.moderator_id == 0


def _case(row: Row) -> Case:
    return Case(
        guild_id=row["guild_id"],
        number=row["number"],
        user_id=row["user_id"],
        moderator_id=row["moderator_id"],
        action=row["action"],
        rule=row["rule"],
        reason=row["reason"],
        evidence=json.loads(row["evidence"]) if row["evidence"] else {},
        points=row["points"],
        duration_seconds=row["duration_seconds"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        created_at=from_iso(row["created_at"]),
        points_expire_at=from_iso(row["points_expire_at"]) if row["points_expire_at"] else None,
        revoked_at=from_iso(row["revoked_at"]) if row["revoked_at"] else None,
        dm_status=DmStatus(row["dm_status"]) if row["dm_status"] else None,
        outcome=row["outcome"],
        log_message_id=row["log_message_id"],
        state=CaseState(row["state"]),
    )


@dataclass(frozen=True)
class Escalation:
    """The ladder step a case's points crossed, and the case recorded for it."""

    before: int  # the member's active points before the triggering case
    after: int
    step: LadderStep
    case: Case


async def insert_offence(
    db: Database,
    *,
    ladder: Sequence[LadderStep],
    step_reason: Callable[[int], str],
    posts: Callable[[Case], Sequence[OutboxPost]] = lambda case: (),
    **fields: Any,
) -> tuple[Case, Escalation | None] | None:
    """Record a case with points and, in the same transaction, the ladder step it crosses.

    The member's active points are read inside the transaction, which the database serialises:
    concurrent offences of one member each see the points of those recorded before them, so
    every step is crossed exactly once and the step cases are numbered in the order crossed (the
    most severe step is taken when one case crosses several)."""
    now: datetime = fields["now"]
    climbs = bool(fields.get("points")) and bool(ladder)
    async with db.transaction() as tx:
        before = (
            await _active_points(tx, fields["guild_id"], fields["user_id"], now) if climbs else 0
        )
        case = await _insert(tx, **fields)
        if case is None:
            return None
        await add_posts(tx, posts(case), now)
        after = before + case.points
        step = escalation(before, after, ladder) if climbs else None
        if step is None:
            return case, None
        step_case = await _insert(
            tx,
            guild_id=case.guild_id,
            user_id=case.user_id,
            moderator_id=0,
            action=step.action,
            reason=step_reason(after)[:1000],
            now=now,
            rule="strikes",
            duration_seconds=int(step.duration.total_seconds()) if step.duration else None,
            state=fields.get("state", CaseState.PENDING),
        )
        assert step_case is not None
        await add_posts(tx, posts(step_case), now)
        return case, Escalation(before, after, step, step_case)


_ACTIVE_POINTS = (
    "SELECT coalesce(sum(points), 0) FROM cases WHERE guild_id = ? AND user_id = ? AND points > 0 "
    "AND revoked_at IS NULL AND points_expire_at > ?"
)


async def _active_points(tx: Transaction, guild_id: int, user_id: int, now: datetime) -> int:
    row = await tx.fetchone(
        _ACTIVE_POINTS,
        (guild_id, user_id, to_iso(now)),
    )
    return int(row[0]) if row else 0


async def _insert(
    tx: Transaction,
    *,
    guild_id: int,
    user_id: int,
    moderator_id: int,
    action: str,
    reason: str,
    now: datetime,
    rule: str | None = None,
    evidence: dict[str, Any] | None = None,
    points: int = 0,
    duration_seconds: int | None = None,
    channel_id: int | None = None,
    message_id: int | None = None,
    points_expire_at: datetime | None = None,
    state: CaseState = CaseState.PENDING,
    outcome: str | None = None,
    quote: str | None = None,
) -> Case | None:
    await ensure_guild(tx, guild_id, now)
    if message_id is not None and rule is not None:
        exists = await tx.fetchone(
            "SELECT 1 FROM cases WHERE guild_id = ? AND message_id = ? AND rule = ?",
            (guild_id, message_id, rule),
        )
        if exists is not None:
            return None
    row = await tx.fetchone(
        "INSERT INTO case_counters (guild_id, last_number) VALUES (?, 1) ON CONFLICT (guild_id) "
        "DO UPDATE SET last_number = case_counters.last_number + 1 RETURNING last_number",
        (guild_id,),
    )
    assert row is not None
    number = int(row[0])
    await tx.execute(
        "INSERT INTO cases (guild_id, number, user_id, moderator_id, action, rule, reason, evidence, "
        "points, duration_seconds, channel_id, message_id, created_at, points_expire_at, state, "
        "outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            guild_id,
            number,
            user_id,
            moderator_id,
            action,
            rule,
            reason,
            json.dumps(evidence, ensure_ascii=False) if evidence else None,
            points,
            duration_seconds,
            channel_id,
            message_id,
            to_iso(now),
            to_iso(points_expire_at) if points_expire_at else None,
            state,
            outcome,
        ),
    )
    if action == "flag":  # a flag is a question to the moderators: it waits in the review queue
        await tx.execute(
            "INSERT INTO review_items (guild_id, case_number, user_id, quote, opened_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (guild_id, number, user_id, quote[:QUOTE_MAX] if quote else None, to_iso(now)),
        )
    created = await tx.fetchone(
        "SELECT * FROM cases WHERE guild_id = ? AND number = ?", (guild_id, number)
    )
    assert created is not None
    return _case(created)


async def get_case(db: Database, guild_id: int, number: int) -> Case | None:
    row = await db.fetchone(
        "SELECT * FROM cases WHERE guild_id = ? AND number = ?", (guild_id, number)
    )
    return _case(row) if row else None


async def cases_of_user(db: Database, guild_id: int, user_id: int, limit: int = 25) -> list[Case]:
    rows = await db.fetchall(
        "SELECT * FROM cases WHERE guild_id = ? AND user_id = ? ORDER BY number DESC LIMIT ?",
        (guild_id, user_id, limit),
    )
    return [_case(row) for row in rows]


async def recent_cases(db: Database, guild_id: int, limit: int = 25) -> list[Case]:
    rows = await db.fetchall(
        "SELECT * FROM cases WHERE guild_id = ? ORDER BY number DESC LIMIT ?", (guild_id, limit)
    )
    return [_case(row) for row in rows]


async def active_points(db: Database, guild_id: int, user_id: int, now: datetime) -> int:
    row = await db.fetchone(
        _ACTIVE_POINTS,
        (guild_id, user_id, to_iso(now)),
    )
    return int(row[0]) if row else 0


async def finish_case(
    db: Database,
    guild_id: int,
    number: int,
    *,
    state: str,
    outcome: str,
    posts: Sequence[OutboxPost],
    now: datetime,
    temp_ban: TempBan | None = None,
) -> Case | None:
    """A pending case's end, in one transaction with what follows from it: the notices and log
    post it sends and, for a temporary ban, the time it is lifted. None if it was not pending
    (finished by someone else, e.g. a second start)."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "UPDATE cases SET state = ?, outcome = ? WHERE guild_id = ? AND number = ? "
            "AND state = 'pending' RETURNING *",
            (state, outcome[:300], guild_id, number),
        )
        if row is None:
            return None
        await add_posts(tx, posts, now)
        if temp_ban is not None:
            await add_temp_ban_in(tx, temp_ban)
    return _case(row)


async def pending_cases(db: Database) -> list[Case]:
    rows = await db.fetchall(
        "SELECT * FROM cases WHERE state = 'pending' ORDER BY guild_id, number"
    )
    return [_case(row) for row in rows]


async def update_case(db: Database, guild_id: int, number: int, **values: object) -> bool:
    allowed = {"reason", "dm_status", "outcome", "log_message_id", "revoked_at", "evidence"}
    if not values or set(values) - allowed:
        raise ValueError(f"cannot update {sorted(set(values) - allowed)}")
    columns = ", ".join(f"{name} = ?" for name in values)
    params = [to_iso(v) if isinstance(v, datetime) else v for v in values.values()]
    async with db.transaction() as tx:
        return (
            await tx.execute(
                f"UPDATE cases SET {columns} WHERE guild_id = ? AND number = ?",
                (*params, guild_id, number),
            )
            > 0
        )


async def all_cases_of_user(db: Database, user_id: int) -> list[Case]:
    rows = await db.fetchall(
        "SELECT * FROM cases WHERE user_id = ? ORDER BY guild_id, number", (user_id,)
    )
    return [_case(row) for row in rows]


async def erase_evidence_of_user(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        return await tx.execute(
            "UPDATE cases SET evidence = NULL WHERE user_id = ? AND evidence IS NOT NULL",
            (user_id,),
        )
