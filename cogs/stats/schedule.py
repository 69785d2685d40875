"""The statistics report in the schedules: report schedules stored before the report had its own
switch keep running, and /schedule list shows the report switched on in /stats settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord
from discord.utils import format_dt

from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.schedule_kinds import Listing, ScheduleKind, ScheduleOptions
from cogs.stats.periods import KINDS

if TYPE_CHECKING:
    from cogs.stats.cog import StatsCog


@dataclass(frozen=True)
class ReportRun(ScheduleOptions):
    period: str  # daily, weekly or monthly


def kind(cog: StatsCog) -> ScheduleKind[ReportRun]:
    """Report schedules made with the former ``/schedule report`` keep running; new reports are
    switched on in one place, ``/stats settings report`` (or the setup wizard), and
    ``/schedule list`` shows them (:func:`listing`)."""

    async def run(
        guild: discord.Guild, channel: discord.TextChannel, creator_id: int, options: ReportRun
    ) -> None:
        period = next((k for k in KINDS if k == options.period), None)
        if period is None:
            raise UserFacingError("stats.bad_period", value=options.period[:20])
        await cog.reports.scheduled_report(guild, channel, period)

    def describe(options: ReportRun, lang: Lang) -> str:
        return cog.bot.i18n.t(lang, f"stats.schedule_period.{options.period}")

    return ScheduleKind(
        "stats_report",
        ReportRun,
        run,
        None,
        title_key="stats.schedule_kind",
        describe=describe,
    )


def listing(cog: StatsCog) -> Listing:
    """The report switched on in /stats settings, as a line of /schedule list."""

    async def lines(guild_id: int, lang: Lang) -> list[str]:
        settings = cog.guild_settings(guild_id)
        if settings.report_period is None:
            return []
        channel_id = cog.bot.guild_settings.channel(guild_id, "reports")
        t = cog.bot.i18n.t
        upcoming = cog.reports.next_due(guild_id)
        return [
            t(
                lang,
                "stats.schedule_listing",
                period=t(lang, f"stats.schedule_period.{settings.report_period}"),
                hour=f"{settings.report_hour:02d}:00",
                channel=f"<#{channel_id}>" if channel_id else t(lang, "stats.no_channel"),
                next=format_dt(upcoming, "R") if upcoming else "–",
            )
        ]

    return lines
