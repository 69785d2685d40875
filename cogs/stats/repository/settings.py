"""SQL of the statistics' settings per guild: reports, leaderboards, retention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot import repository as core
from bot.database import Database
from bot.timeutil import to_iso
from cogs.stats.periods import Kind


@dataclass(frozen=True)
class StatsSettings:
    guild_id: int
    report_period: Kind | None = None
    report_hour: int = 9
    reports_from: date | None = None
    leaderboard_mode: str = "opt_out"  # or "opt_in"
    retention_days: int = 90


MIN_RETENTION_DAYS = 61  # a monthly report's cohort joined up to 61 days before it is due
MAX_RETENTION_DAYS = 730


def _settings(row: Any) -> StatsSettings:
    return StatsSettings(
        guild_id=row["guild_id"],
        report_period=row["report_period"],
        report_hour=row["report_hour"],
        reports_from=date.fromisoformat(row["reports_from"]) if row["reports_from"] else None,
        leaderboard_mode=row["leaderboard_mode"],
        retention_days=row["retention_days"],
    )


async def load_settings(db: Database) -> dict[int, StatsSettings]:
    rows = await db.fetchall("SELECT * FROM stats_settings")
    return {row["guild_id"]: _settings(row) for row in rows}


async def save_settings(db: Database, settings: StatsSettings, now: datetime) -> None:
    async with db.transaction() as tx:
        await core.ensure_guild(tx, settings.guild_id, now)
        await tx.execute(
            "INSERT INTO stats_settings (guild_id, report_period, report_hour, reports_from, "
            "leaderboard_mode, retention_days, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET "
            "report_period = excluded.report_period, report_hour = excluded.report_hour, "
            "reports_from = excluded.reports_from, leaderboard_mode = excluded.leaderboard_mode, "
            "retention_days = excluded.retention_days, updated_at = excluded.updated_at",
            (
                settings.guild_id,
                settings.report_period,
                settings.report_hour,
                settings.reports_from.isoformat() if settings.reports_from else None,
                settings.leaderboard_mode,
                settings.retention_days,
                to_iso(now),
            ),
        )
