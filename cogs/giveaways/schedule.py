"""Giveaways on a schedule: the options of each run and the ``/schedule giveaway`` subcommand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.schedule_kinds import (
    CHANNEL_HINT,
    REMIND_HINT,
    WHEN_HINT,
    ScheduleKind,
    ScheduleOptions,
    ScheduleRequest,
)
from bot.scopes import Scope, scoped
from bot.ui.transformers import Duration

if TYPE_CHECKING:
    from cogs.giveaways.service import GiveawayService


@dataclass(frozen=True)
class GiveawayRun(ScheduleOptions):
    prize: str
    duration_s: int
    winners: int = 1

    length_field = "duration_s"


def kind(service: GiveawayService) -> ScheduleKind[GiveawayRun]:
    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="giveaway", description="Start a giveaway on a schedule (Manage Server)"
    )
    @app_commands.describe(
        when=WHEN_HINT,
        prize="What can be won",
        duration="How long each giveaway runs, e.g. 1d",
        channel=CHANNEL_HINT,
        winners="Number of winners (1-20)",
        remind_before=REMIND_HINT,
    )
    async def schedule_giveaway(
        interaction: discord.Interaction,
        when: app_commands.Range[str, 1, 120],
        prize: app_commands.Range[str, 1, 200],
        duration: app_commands.Transform[
            timedelta, Duration(timedelta(minutes=1), timedelta(days=60))
        ],
        channel: discord.TextChannel,
        winners: app_commands.Range[int, 1, 20] = 1,
        remind_before: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        options = GiveawayRun(prize, int(duration.total_seconds()), winners)
        request = ScheduleRequest(when, prize, channel, options, remind_before)
        await service.bot.schedule_kinds.create(interaction, "giveaway", request)

    async def run(
        guild: discord.Guild, channel: discord.TextChannel, creator_id: int, options: GiveawayRun
    ) -> None:
        await service.open_giveaway(
            guild,
            channel,
            creator_id,
            options.prize,
            timedelta(seconds=options.duration_s),
            options.winners,
            terms_url=service.terms_url(guild.id),
        )

    return ScheduleKind(
        "giveaway", GiveawayRun, run, schedule_giveaway, title_key="giveaway.schedule_kind"
    )
