"""All SQL of giveaways."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.database import Database, IntegrityError, Row, Transaction
from bot.errors import UserFacingError
from bot.repository import OutboxPost, add_posts, ensure_guild
from bot.timeutil import from_iso, to_iso


class GiveawayState(StrEnum):
    OPEN = "open"
    ENDED = "ended"  # entries closed; the draw is recorded in the same step or right after
    CANCELLED = "cancelled"


class Pick(StrEnum):
    """What the draw made of one receipt."""

    WINNER = "winner"
    SKIPPED = "skipped"  # drawn, but no longer eligible: the next receipt is drawn
    REPLACED = "replaced"  # a winner rerolled away


class GiveawayClosedError(UserFacingError):
    """The giveaway ended meanwhile (checked in the same transaction as the entry)."""

    key = "giveaway.closed"


@dataclass(frozen=True)
class Giveaway:
    id: int
    guild_id: int
    channel_id: int
    message_id: int | None
    prize: str
    description: str | None
    winners_count: int
    ends_at: datetime
    state: GiveawayState
    seed: str
    commitment: str
    required_role_id: int | None
    min_account_age_s: int
    min_membership_age_s: int
    created_by: int
    terms_url: str | None = None
    ended_at: datetime | None = None
    entrants_purged: bool = False
    claim_seconds: int | None = None


@dataclass(frozen=True)
class GiveawaySettings:
    terms_url: str | None = None
    retention_days: int = 30


@dataclass(frozen=True)
class Result:
    receipt: str
    user_id: int | None
    outcome: Pick
    round: int
    claimed: bool = False


def _giveaway(row: Row) -> Giveaway:
    return Giveaway(
        row["id"],
        row["guild_id"],
        row["channel_id"],
        row["message_id"],
        row["prize"],
        row["description"],
        row["winners_count"],
        from_iso(row["ends_at"]),
        GiveawayState(row["state"]),
        row["seed"],
        row["commitment"],
        row["required_role_id"],
        row["min_account_age_s"],
        row["min_membership_age_s"],
        row["created_by"],
        row["terms_url"],
        from_iso(row["ended_at"]) if row["ended_at"] else None,
        bool(row["entrants_purged"]),
        row["claim_seconds"],
    )


async def create(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    prize: str,
    description: str | None,
    winners_count: int,
    ends_at: datetime,
    seed: str,
    commitment: str,
    required_role_id: int | None,
    min_account_age_s: int,
    min_membership_age_s: int,
    created_by: int,
    now: datetime,
    terms_url: str | None = None,
) -> Giveaway:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO giveaways (guild_id, channel_id, prize, description, winners_count, ends_at, seed, commitment, "
            "required_role_id, min_account_age_s, min_membership_age_s, created_by, created_at, terms_url) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                guild_id,
                channel_id,
                prize,
                description,
                winners_count,
                to_iso(ends_at),
                seed,
                commitment,
                required_role_id,
                min_account_age_s,
                min_membership_age_s,
                created_by,
                to_iso(now),
                terms_url,
            ),
        )
    assert row is not None
    return _giveaway(row)


async def set_message(db: Database, giveaway_id: int, message_id: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE giveaways SET message_id = ?, shown_entries = 0 WHERE id = ?",
            (message_id, giveaway_id),
        )


async def get(db: Database, giveaway_id: int) -> Giveaway | None:
    row = await db.fetchone("SELECT * FROM giveaways WHERE id = ?", (giveaway_id,))
    return _giveaway(row) if row else None


async def open_giveaways(db: Database, guild_id: int | None = None) -> list[Giveaway]:
    if guild_id is None:
        rows = await db.fetchall("SELECT * FROM giveaways WHERE state = 'open' ORDER BY ends_at")
    else:
        rows = await db.fetchall(
            "SELECT * FROM giveaways WHERE state = 'open' AND guild_id = ? ORDER BY ends_at",
            (guild_id,),
        )
    return [_giveaway(r) for r in rows]


async def recent(db: Database, guild_id: int, limit: int = 25) -> list[Giveaway]:
    rows = await db.fetchall(
        "SELECT * FROM giveaways WHERE guild_id = ? ORDER BY id DESC LIMIT ?", (guild_id, limit)
    )
    return [_giveaway(r) for r in rows]


async def enter_in(
    tx: Transaction, giveaway_id: int, user_id: int, receipt: str, now: datetime
) -> bool:
    """One entry per member, while the giveaway is open (checked in the write: a click racing
    the end is refused). False if the member had already entered."""
    await _require_open(tx, giveaway_id)
    return (
        await tx.execute(
            "INSERT INTO giveaway_entries (giveaway_id, user_id, receipt, entered_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (giveaway_id, user_id, receipt, to_iso(now)),
        )
        > 0
    )


async def _require_open(tx: Transaction, giveaway_id: int) -> None:
    """Entries change only while the giveaway is open (checked in the write itself)."""
    row = await tx.fetchone(
        "SELECT 1 FROM giveaways WHERE id = ? AND state = 'open'", (giveaway_id,)
    )
    if row is None:
        raise GiveawayClosedError()


async def leave_in(tx: Transaction, giveaway_id: int, user_id: int) -> bool:
    await _require_open(tx, giveaway_id)
    return (
        await tx.execute(
            "DELETE FROM giveaway_entries WHERE giveaway_id = ? AND user_id = ?",
            (giveaway_id, user_id),
        )
        > 0
    )


async def set_shown_entries(db: Database, giveaway_id: int, entries: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE giveaways SET shown_entries = ? WHERE id = ?", (entries, giveaway_id)
        )


async def stale_giveaways(db: Database) -> list[int]:
    """Open giveaways whose message shows another entry count than stored (edits that were
    pending when the process died)."""
    rows = await db.fetchall(
        "SELECT g.id FROM giveaways g WHERE g.state = 'open' AND g.message_id IS NOT NULL "
        "AND coalesce(g.shown_entries, -1) != "
        "(SELECT count(*) FROM giveaway_entries e WHERE e.giveaway_id = g.id)"
    )
    return [int(row[0]) for row in rows]


async def count_entries(db: Database, giveaway_id: int) -> int:
    row = await db.fetchone(
        "SELECT count(*) FROM giveaway_entries WHERE giveaway_id = ?", (giveaway_id,)
    )
    return int(row[0]) if row else 0


async def entries(db: Database, giveaway_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT receipt, user_id FROM giveaway_entries WHERE giveaway_id = ?", (giveaway_id,)
    )
    return {r["receipt"]: r["user_id"] for r in rows}


async def close(db: Database, giveaway_id: int, state: GiveawayState, now: datetime) -> bool:
    """Exactly one caller closes an open giveaway (timer, /giveaway end and a restart may race)."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "UPDATE giveaways SET state = ?, ended_at = ? WHERE id = ? AND state = 'open'",
                (state, to_iso(now), giveaway_id),
            )
            > 0
        )


class _AlreadyRecorded(Exception):
    """The draw or reroll was recorded meanwhile (a double click, a retry, a race)."""


async def record_draw(
    db: Database,
    giveaway_id: int,
    replaced: list[Result],
    picked: list[Result],
    now: datetime,
    posts: list[OutboxPost],
) -> bool:
    """A draw or reroll and its announcement, in one transaction, exactly once: a reroll only
    if every replaced receipt is still a winner (it becomes 'replaced' in the reroll's round),
    the first draw only if nothing was drawn yet, and never a receipt drawn before. False
    (nothing written) otherwise."""
    try:
        async with db.transaction() as tx:
            for r in replaced:
                changed = await tx.execute(
                    "UPDATE giveaway_results SET outcome = 'replaced', round = ? "
                    "WHERE giveaway_id = ? AND receipt = ? AND outcome = 'winner'",
                    (r.round, giveaway_id, r.receipt),
                )
                if not changed:
                    raise _AlreadyRecorded()
            if not replaced and await tx.fetchone(
                "SELECT 1 FROM giveaway_results WHERE giveaway_id = ?", (giveaway_id,)
            ):
                raise _AlreadyRecorded()
            await tx.executemany(
                "INSERT INTO giveaway_results (giveaway_id, receipt, user_id, outcome, round, drawn_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (giveaway_id, r.receipt, r.user_id, r.outcome, r.round, to_iso(now))
                    for r in picked
                ],
            )
            await add_posts(tx, posts, now)
    except _AlreadyRecorded:
        return False
    except IntegrityError:  # a receipt drawn before (its unique index refused it)
        return False
    return True


async def queued_result(db: Database, key: str) -> tuple[str, str] | None:
    """The text and the attachments (a JSON object: name -> text) queued with the result post
    ``key`` (the outbox row keeps one file; the result post has two)."""
    row = await db.fetchone("SELECT content, file_text FROM outbox WHERE key = ?", (key,))
    return (row["content"], row["file_text"] or "{}") if row else None


async def unclaimed_winners(
    db: Database, giveaway_id: int, deadline_seconds: int, now: datetime
) -> list[Result]:
    """Winners who did not claim within the deadline, counted from when they were drawn."""
    rows = await db.fetchall(
        "SELECT * FROM giveaway_results WHERE giveaway_id = ? AND outcome = 'winner' AND claimed_at IS NULL "
        "AND drawn_at IS NOT NULL",
        (giveaway_id,),
    )
    return [
        Result(r["receipt"], r["user_id"], Pick(r["outcome"]), r["round"])
        for r in rows
        if (now - from_iso(r["drawn_at"])).total_seconds() >= deadline_seconds
    ]


async def results(db: Database, giveaway_id: int) -> list[Result]:
    rows = await db.fetchall(
        "SELECT * FROM giveaway_results WHERE giveaway_id = ? ORDER BY round, receipt",
        (giveaway_id,),
    )
    return [
        Result(
            r["receipt"], r["user_id"], Pick(r["outcome"]), r["round"], r["claimed_at"] is not None
        )
        for r in rows
    ]


async def entries_of_user(db: Database, user_id: int) -> list[dict[str, object]]:
    rows = await db.fetchall(
        "SELECT e.giveaway_id, g.guild_id, g.prize, e.receipt, e.entered_at FROM giveaway_entries e "
        "JOIN giveaways g ON g.id = e.giveaway_id WHERE e.user_id = ?",
        (user_id,),
    )
    return [dict(r) for r in rows]


async def forget_user(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        removed = await tx.execute("DELETE FROM giveaway_entries WHERE user_id = ?", (user_id,))
        removed += await tx.execute(
            "UPDATE giveaway_results SET user_id = NULL WHERE user_id = ?", (user_id,)
        )
        return removed


async def load_settings(db: Database) -> dict[int, GiveawaySettings]:
    rows = await db.fetchall("SELECT * FROM giveaway_settings")
    return {r["guild_id"]: GiveawaySettings(r["terms_url"], r["retention_days"]) for r in rows}


async def save_settings(
    db: Database, guild_id: int, settings: GiveawaySettings, now: datetime
) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        await tx.execute(
            "INSERT INTO giveaway_settings (guild_id, terms_url, retention_days) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET terms_url = excluded.terms_url, retention_days = excluded.retention_days",
            (guild_id, settings.terms_url, settings.retention_days),
        )


async def ended_with_entrants(db: Database) -> list[Giveaway]:
    rows = await db.fetchall(
        "SELECT * FROM giveaways WHERE state != 'open' AND entrants_purged = 0"
    )
    return [_giveaway(r) for r in rows]


async def purge_entrants(db: Database, giveaway_id: int) -> bool:
    """Delete the entrant list; the count, the winners and the published receipts stay."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE giveaways SET entrants_purged = 1, entry_count = "
            "(SELECT count(*) FROM giveaway_entries WHERE giveaway_id = ?) WHERE id = ? AND entrants_purged = 0",
            (giveaway_id, giveaway_id),
        )
        if changed:
            await tx.execute("DELETE FROM giveaway_entries WHERE giveaway_id = ?", (giveaway_id,))
            await tx.execute(
                "UPDATE giveaway_results SET user_id = NULL WHERE giveaway_id = ? AND outcome != 'winner'",
                (giveaway_id,),
            )
        return changed > 0


async def needs_draw(db: Database, giveaway_id: int) -> bool:
    """Ended with entrants but no recorded draw (the bot stopped between closing and drawing)."""
    row = await db.fetchone(
        "SELECT (SELECT count(*) FROM giveaway_entries WHERE giveaway_id = ?) > 0 "
        "AND (SELECT count(*) FROM giveaway_results WHERE giveaway_id = ?) = 0",
        (giveaway_id, giveaway_id),
    )
    return bool(row and row[0])


async def set_claim_seconds(db: Database, giveaway_id: int, seconds: int | None) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE giveaways SET claim_seconds = ? WHERE id = ?", (seconds, giveaway_id)
        )


async def claim(db: Database, giveaway_id: int, user_id: int, now: datetime) -> str:
    """ "claimed", "already" or "not_winner"."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT claimed_at FROM giveaway_results WHERE giveaway_id = ? AND user_id = ? AND outcome = 'winner'",
            (giveaway_id, user_id),
        )
        if row is None:
            return "not_winner"
        if row["claimed_at"] is not None:
            return "already"
        await tx.execute(
            "UPDATE giveaway_results SET claimed_at = ? WHERE giveaway_id = ? AND user_id = ? AND outcome = 'winner'",
            (to_iso(now), giveaway_id, user_id),
        )
        return "claimed"
