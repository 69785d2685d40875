"""Statistics reports on a schedule: the period of each run and the ``/schedule report``
subcommand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.schedule_kinds import CHANNEL_HINT, ScheduleKind, ScheduleOptions, ScheduleRequest
from bot.scopes import Scope, scoped
from cogs.stats.periods import KINDS

if TYPE_CHECKING:
    from cogs.stats.cog import StatsCog


@dataclass(frozen=True)
class ReportRun(ScheduleOptions):
    period: str  # daily, weekly or monthly


def kind(cog: StatsCog) -> ScheduleKind[ReportRun]:
    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="report", description="Post the statistics report on a schedule (Manage Server)"
    )
    @app_commands.describe(
        when="e.g. every monday 09:00, jeden Montag 9 Uhr, 0 9 * * MON",
        period="The period the report covers",
        channel=CHANNEL_HINT,
    )
    @app_commands.choices(
        period=[
            app_commands.Choice(name="day", value="daily"),
            app_commands.Choice(name="week", value="weekly"),
            app_commands.Choice(name="month", value="monthly"),
        ]
    )
    async def schedule_report(
        interaction: discord.Interaction,
        when: app_commands.Range[str, 1, 120],
        period: app_commands.Choice[str],
        channel: discord.TextChannel,
    ) -> None:
        request = ScheduleRequest(when, period.value, channel, ReportRun(period.value))
        await cog.bot.schedule_kinds.create(interaction, "stats_report", request)

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
        schedule_report,
        title_key="stats.schedule_kind",
        describe=describe,
    )
