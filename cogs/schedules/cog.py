"""The /schedule commands: add, preview, list, pause, resume, remove, run-now, and the host of
every feature's schedule kind (``/schedule giveaway`` ...). Occurrences come from
bot/recurrence.py; the service (service.py) arms and fires the runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.checks import (
    require_guild,
    require_moderator,
    require_postable,
    require_same_guild,
)
from bot.core import Bot
from bot.errors import UserFacingError
from bot.recurrence import (
    MIN_INTERVAL,
    Rule,
    anchored,
    describe,
    occurrences,
    parse,
    parse_stored,
    shortest_interval,
    stored_phrase,
)
from bot.replies import lang_for, quote, send_private, text
from bot.schedule_kinds import ScheduleKind, ScheduleRequest
from bot.scopes import ADMIN, Scope, enforce, scoped
from cogs.schedules import repository, strings
from cogs.schedules.dates import begin, local_date, reminder_seconds, upcoming
from cogs.schedules.repository import Schedule
from cogs.schedules.service import ScheduleService
from cogs.schedules.views import ScheduleOption

ScheduleArg = app_commands.Transform[Schedule, ScheduleOption]


def _runs(times: list[datetime]) -> str:
    return ", ".join(format_dt(t, "f") for t in times)


class ScheduleCog(commands.Cog):
    schedule = app_commands.Group(
        name="schedule",
        description="Recurring events",
        guild_only=True,
        default_permissions=discord.Permissions(moderate_members=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.service = ScheduleService(bot)

    async def cog_load(self) -> None:
        self.bot.schedule_kinds.host(self.schedule, self._create_kind)
        await self.service.start()

    async def cog_unload(self) -> None:
        self.bot.schedule_kinds.unhost()

    # --- commands ---------------------------------------------------------------------------

    def _rule(self, interaction: discord.Interaction, phrase: str) -> Rule:
        guild = require_guild(interaction)
        return parse(phrase, self.bot.guild_settings.timezone_name(guild.id))

    def _reading(self, interaction: discord.Interaction, rule: Rule) -> str:
        """How the phrase was read, in words, in the moderator's language."""
        today = self.bot.clock().astimezone(ZoneInfo(rule.zone)).date()
        return describe(rule, lang_for(interaction), self.bot.i18n.t, today)

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="add", description="Post an announcement on a schedule")
    @app_commands.describe(
        when="e.g. every friday 18:00, jeden Freitag 18 Uhr, 0 18 * * FRI",
        text_="What to post",
        channel="Where to post",
        role="A role to ping (only this one)",
        first_day="First day, e.g. 2026-12-01 (optional)",
        last_day="Last day, e.g. 2027-03-31 (optional)",
        remind_before="Post a reminder this long before each run, e.g. 1h (optional)",
    )
    @app_commands.rename(text_="text")
    async def add(
        self,
        interaction: discord.Interaction,
        when: app_commands.Range[str, 1, 120],
        text_: app_commands.Range[str, 1, 1800],
        channel: discord.TextChannel,
        role: discord.Role | None = None,
        first_day: app_commands.Range[str, 10, 10] | None = None,
        last_day: app_commands.Range[str, 10, 10] | None = None,
        remind_before: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        require_guild(interaction)
        require_moderator(interaction)
        actor = interaction.user
        assert isinstance(actor, discord.Member)
        if role is not None:
            require_same_guild(interaction, role.guild.id)
            if not role.mentionable and not channel.permissions_for(actor).mention_everyone:
                raise UserFacingError("schedule.cannot_mention", role=role.mention)
        await self._create(
            interaction,
            "announcement",
            when,
            text_,
            channel,
            remind_before=remind_before,
            role_id=role.id if role else None,
            first_day=first_day,
            last_day=last_day,
        )

    async def _create(
        self,
        interaction: discord.Interaction,
        kind: str,
        when: str,
        label: str,
        channel: discord.TextChannel,
        payload: dict[str, object] | None = None,
        remind_before: str | None = None,
        role_id: int | None = None,
        first_day: str | None = None,
        last_day: str | None = None,
    ) -> None:
        """Shared by every kind: checks, the first runs, the row, the timer and the reply."""
        guild = require_guild(interaction)
        require_moderator(interaction)
        if kind != "announcement":
            enforce(interaction, ADMIN)
            if self.bot.schedule_kinds.get(kind) is None:
                raise UserFacingError("schedule.feature_missing")
        # Everything is validated first; the schedule is then written in one transaction.
        rule = self._rule(interaction, when)
        starts = local_date(first_day, rule.zone, end=False) if first_day else None
        ends = local_date(last_day, rule.zone, end=True) if last_day else None
        if starts is not None and ends is not None and starts > ends:
            raise UserFacingError("schedule.first_after_last")
        remind = reminder_seconds(remind_before)
        require_postable(interaction, channel, ("view_channel", "send_messages"))
        now = self.bot.clock()
        rule = anchored(rule, begin(now, starts))  # every other week: from its first run
        runs = upcoming(rule, now, 3, starts, ends)
        if not runs:
            raise UserFacingError("schedule.never_runs", phrase=quote(when, 120))
        gap = shortest_interval(rule, now)
        if gap is not None and gap < MIN_INTERVAL:
            raise UserFacingError(
                "schedule.too_often", minutes=int(MIN_INTERVAL.total_seconds() // 60)
            )
        schedule = await repository.create(
            self.bot.db,
            guild_id=guild.id,
            kind=kind,
            phrase=stored_phrase(when, rule, lang_for(interaction)),
            zone=rule.zone,
            channel_id=channel.id,
            role_id=role_id,
            text=label,
            created_by=interaction.user.id,
            next_run_at=runs[0],
            now=now,
            payload=payload,
            starts_at=starts,
            ends_at=ends,
            remind_seconds=remind,
        )
        self.service.arm(schedule, runs[0], remind)
        await send_private(
            interaction,
            text(
                interaction,
                "schedule.created",
                id=schedule.id,
                reading=self._reading(interaction, rule),
                runs=_runs(runs) or text(interaction, "schedule.never"),
            ),
        )

    async def _create_kind(
        self,
        interaction: discord.Interaction[Any],
        kind: ScheduleKind[Any],
        request: ScheduleRequest[Any],
    ) -> None:
        """A feature's subcommand (``/schedule giveaway`` ...) creates its schedule here."""
        await self._create(
            interaction,
            kind.name,
            request.when,
            request.label,
            request.channel,
            request.options.payload(),
            request.remind_before,
        )

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="preview", description="Show the next five runs of a schedule phrase")
    @app_commands.describe(when="e.g. every friday 18:00, jeden Freitag 18 Uhr, 0 18 * * FRI")
    async def preview(
        self, interaction: discord.Interaction, when: app_commands.Range[str, 1, 120]
    ) -> None:
        now = self.bot.clock()
        rule = anchored(self._rule(interaction, when), now)
        runs = occurrences(rule, now, 5)
        await send_private(
            interaction,
            text(
                interaction,
                "schedule.preview",
                phrase=when,
                zone=rule.zone,
                reading=self._reading(interaction, rule),
                runs=_runs(runs) or text(interaction, "schedule.never"),
            ),
        )

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="list", description="Schedules of this server")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        found = await repository.of_guild(self.bot.db, guild.id)
        # what features run on their own timers (the statistics report), shown here too
        lines = await self.bot.schedule_kinds.listed(guild.id, lang_for(interaction))
        if not found and not lines:
            await send_private(interaction, text(interaction, "schedule.none"))
            return
        now = self.bot.clock()
        for s in found:
            kind = self.service.kind_title(lang_for(interaction), s.kind)
            rule = parse_stored(s.phrase, s.zone)
            reading = self._reading(interaction, rule)
            if s.paused_reason:
                lines.append(
                    text(
                        interaction,
                        "schedule.line_paused",
                        id=s.id,
                        kind=kind,
                        channel=f"<#{s.channel_id}>",
                        phrase=s.phrase,
                        reading=reading,
                        reason=s.paused_reason,
                    )
                )
            else:
                runs = upcoming(rule, now, 3, s.starts_at, s.ends_at)
                lines.append(
                    text(
                        interaction,
                        "schedule.line",
                        id=s.id,
                        kind=kind,
                        channel=f"<#{s.channel_id}>",
                        phrase=s.phrase,
                        reading=reading,
                        runs=_runs(runs),
                    )
                )
        await send_private(interaction, "\n".join(lines)[:2000])

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="pause", description="Pause a schedule")
    @app_commands.describe(found="The schedule")
    @app_commands.rename(found="schedule")
    async def pause(self, interaction: discord.Interaction, found: ScheduleArg) -> None:
        require_moderator(interaction)
        await self.service.pause_manually(found, interaction.user.mention)
        await send_private(interaction, text(interaction, "schedule.paused", id=found.id))

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="resume", description="Resume a paused schedule")
    @app_commands.describe(found="The schedule")
    @app_commands.rename(found="schedule")
    async def resume(self, interaction: discord.Interaction, found: ScheduleArg) -> None:
        require_moderator(interaction)
        runs = await self.service.resume(found)
        await send_private(
            interaction,
            text(
                interaction,
                "schedule.resumed",
                id=found.id,
                runs=_runs(runs) or text(interaction, "schedule.never"),
            ),
        )

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="remove", description="Remove a schedule")
    @app_commands.describe(found="The schedule")
    @app_commands.rename(found="schedule")
    async def remove(self, interaction: discord.Interaction, found: ScheduleArg) -> None:
        require_moderator(interaction)
        await self.service.remove(found)
        await send_private(interaction, text(interaction, "schedule.removed", id=found.id))

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="run-now", description="Run a schedule once now")
    @app_commands.describe(found="The schedule")
    @app_commands.rename(found="schedule")
    async def run_now(self, interaction: discord.Interaction, found: ScheduleArg) -> None:
        require_moderator(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        declined = await self.service.execute(found)
        if declined is not None:
            raise declined
        await interaction.followup.send(
            text(interaction, "schedule.ran", id=found.id), ephemeral=True
        )
