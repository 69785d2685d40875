"""SQL of the posted reports: one per (guild, period), claimed before posting, the message id
recorded after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot import repository as core
from bot.database import Database
from bot.timeutil import from_iso, to_iso
from cogs.stats.periods import Period


@dataclass(frozen=True)
class ReportRecord:
    guild_id: int
    kind: str
    period_start: date
    channel_id: int
    message_id: int | None
    claimed_at: datetime


async def report_record(db: Database, guild_id: int, period: Period) -> ReportRecord | None:
    row = await db.fetchone(
        "SELECT * FROM stats_reports WHERE guild_id = ? AND kind = ? AND period_start = ?",
        (guild_id, period.kind, period.start.isoformat()),
    )
    if row is None:
        return None
    return ReportRecord(
        row["guild_id"],
        row["kind"],
        date.fromisoformat(row["period_start"]),
        row["channel_id"],
        row["message_id"],
        from_iso(row["claimed_at"]),
    )


async def last_reported(db: Database, guild_id: int, kind: str) -> date | None:
    """The latest period whose report was posted (a claim without a message, after a post that
    may or may not have gone through, does not count: after a restart the bot looks for it)."""
    row = await db.fetchone(
        "SELECT MAX(period_start) AS start FROM stats_reports WHERE guild_id = ? AND kind = ? "
        "AND message_id IS NOT NULL",
        (guild_id, kind),
    )
    return date.fromisoformat(row["start"]) if row and row["start"] else None


async def claim_report(
    db: Database, guild_id: int, period: Period, channel_id: int, now: datetime
) -> bool:
    """Claim the period's report before posting; False if it was claimed already."""
    async with db.transaction() as tx:
        await core.ensure_guild(tx, guild_id, now)
        return (
            await tx.execute(
                "INSERT INTO stats_reports (guild_id, kind, period_start, period_end, "
                "channel_id, claimed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    guild_id,
                    period.kind,
                    period.start.isoformat(),
                    period.end.isoformat(),
                    channel_id,
                    to_iso(now),
                ),
            )
            > 0
        )


async def report_posted(
    db: Database, guild_id: int, period: Period, channel_id: int, message_id: int
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE stats_reports SET message_id = ?, channel_id = ? WHERE guild_id = ? "
            "AND kind = ? AND period_start = ?",
            (message_id, channel_id, guild_id, period.kind, period.start.isoformat()),
        )


async def release_report(db: Database, guild_id: int, period: Period) -> None:
    """The post certainly did not happen: the claim is dropped so a later try can post."""
    async with db.transaction() as tx:
        await tx.execute(
            "DELETE FROM stats_reports WHERE guild_id = ? AND kind = ? AND period_start = ? "
            "AND message_id IS NULL",
            (guild_id, period.kind, period.start.isoformat()),
        )
