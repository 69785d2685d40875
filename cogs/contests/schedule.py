"""Contests on a schedule: the options of each run and the ``/schedule contest`` subcommand."""

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
    from cogs.contests.service import ContestService

PHASE_MINIMUM = timedelta(minutes=1)
PHASE_MAXIMUM = timedelta(days=90)
Phase = app_commands.Transform[timedelta, Duration(PHASE_MINIMUM, PHASE_MAXIMUM)]


@dataclass(frozen=True)
class ContestRun(ScheduleOptions):
    title: str
    submit_s: int
    voting_s: int


def kind(service: ContestService) -> ScheduleKind[ContestRun]:
    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="contest", description="Start a contest on a schedule (Manage Server)"
    )
    @app_commands.describe(
        when=WHEN_HINT,
        title="The contest's title",
        submission_time="How long submissions are open, e.g. 3d",
        voting_time="How long voting is open after that, e.g. 2d",
        channel=CHANNEL_HINT,
        remind_before=REMIND_HINT,
    )
    async def schedule_contest(
        interaction: discord.Interaction,
        when: app_commands.Range[str, 1, 120],
        title: app_commands.Range[str, 1, 100],
        submission_time: Phase,
        voting_time: Phase,
        channel: discord.TextChannel,
        remind_before: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        submit, voting = submission_time, voting_time
        options = ContestRun(title, int(submit.total_seconds()), int(voting.total_seconds()))
        request = ScheduleRequest(when, title, channel, options, remind_before)
        await service.bot.schedule_kinds.create(interaction, "contest", request)

    async def run(
        guild: discord.Guild, channel: discord.TextChannel, creator_id: int, options: ContestRun
    ) -> None:
        await service.open_scheduled(
            guild,
            channel,
            creator_id,
            options.title,
            timedelta(seconds=options.submit_s),
            timedelta(seconds=options.voting_s),
        )

    return ScheduleKind(
        "contest", ContestRun, run, schedule_contest, title_key="contest.schedule_kind"
    )
