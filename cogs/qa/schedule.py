"""Q&A rounds on a schedule: the options of each run and the ``/schedule qa`` subcommand. Each
run is announced ahead as a Discord scheduled event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.checks import require_guild
from bot.errors import UserFacingError
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
    from cogs.qa.service import QaService

DEFAULT_LENGTH_S = 3600


@dataclass(frozen=True)
class QaRun(ScheduleOptions):
    topic: str
    duration_s: int = DEFAULT_LENGTH_S
    moderated: bool = False
    anonymous: bool = False

    length_field = "duration_s"


def kind(service: QaService) -> ScheduleKind[QaRun]:
    @scoped(Scope.ADMIN)
    @app_commands.command(name="qa", description="Open a Q&A round on a schedule (Manage Server)")
    @app_commands.describe(
        when=WHEN_HINT,
        topic="What the round is about",
        duration="How long questions are taken, e.g. 1h",
        channel=CHANNEL_HINT,
        moderated="Questions wait for a moderator's approval",
        remind_before=REMIND_HINT,
    )
    async def schedule_qa(
        interaction: discord.Interaction,
        when: app_commands.Range[str, 1, 120],
        topic: app_commands.Range[str, 1, 200],
        duration: app_commands.Transform[
            timedelta, Duration(timedelta(minutes=5), timedelta(days=14))
        ],
        channel: discord.TextChannel,
        moderated: bool = False,
        remind_before: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        if moderated and service.bot.guild_settings.channel(guild.id, "modlog") is None:
            raise UserFacingError("qa.schedule_needs_review_channel")
        options = QaRun(topic, int(duration.total_seconds()), moderated)
        request = ScheduleRequest(when, topic, channel, options, remind_before)
        await service.bot.schedule_kinds.create(interaction, "qa", request)

    async def run(
        guild: discord.Guild, channel: discord.TextChannel, creator_id: int, options: QaRun
    ) -> None:
        await service.open_round(
            guild,
            channel,
            creator_id,
            options.topic,
            timedelta(seconds=options.duration_s),
            moderated=options.moderated,
            anonymous=options.anonymous,
        )

    return ScheduleKind(
        "qa",
        QaRun,
        run,
        schedule_qa,
        title_key="qa.schedule_kind",
        event_keys=("qa.schedule_event", "qa.schedule_event_description"),
    )
