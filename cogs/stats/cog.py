"""Discord glue of the statistics: counting, joins and leaves, members' choices, reports on a
schedule, retention."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import Any

import discord
from discord.ext import commands

from bot.core import Bot
from bot.errors import UserFacingError
from bot.switches import Switch
from cogs.stats import repository, schedule, strings
from cogs.stats.choices import MemberChoices
from cogs.stats.invites import JoinTracker
from cogs.stats.periods import Kind, Period, local_date
from cogs.stats.report import ReportData
from cogs.stats.reports import Reports
from cogs.stats.repository import MemberPrefs, StatsSettings
from cogs.stats.sentiment import score_batch
from cogs.stats.service import StatsService

log = logging.getLogger(__name__)

RETENTION_EVERY = timedelta(hours=24)
COUNTED_TYPES = (discord.MessageType.default, discord.MessageType.reply)  # not system messages


def counted_channel_id(channel: Any) -> int:
    """Threads and forum posts count for their parent channel."""
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return channel.parent_id
    return int(channel.id)


class StatsCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.settings: dict[int, StatsSettings] = {}
        self.service = StatsService(bot.db, bot.clock, bot.guild_settings.timezone)
        self.choices = MemberChoices(bot, self.service, self.guild_settings)
        self.joins = JoinTracker(bot, self.service)
        self.reports = Reports(bot, self.service, self.guild_settings, self.may_name)

    # --- lifecycle ------------------------------------------------------------------------------

    async def cog_load(self) -> None:
        self.settings = await repository.load_settings(self.bot.db)
        self.prefs = await repository.load_prefs(self.bot.db)
        self.service.anonymous = {key for key, p in self.prefs.items() if not p.member_stats}
        self.service.kept.load(
            await repository.optout_secret(self.bot.db),
            await repository.load_kept_optouts(self.bot.db),
        )
        # The core's activity service counts opted-out members as user 0 too.
        self.bot.activity_service.set_anonymous(self.service.is_anonymous)
        self.bot.set_naming(self.may_name)  # recognition names members as leaderboards do
        self.bot.guild_settings.add_timezone_listener(self._zone_changed)
        self.bot.privacy.register(
            "statistics",
            "Daily counts of your messages and reactions per channel (no content), your joins and the invite used, your statistics privacy settings.",
            self.choices.export,
            self._forget,
            # in a backup, the member's opt-outs go with the rest (a restore counts them anew)
            erase=lambda db, user_id: repository.forget_user(db, user_id),
        )
        self.bot.schedule_kinds.register(schedule.kind(self))
        self.bot.schedule_kinds.add_listing("stats", schedule.listing(self))
        self.bot.switches.register(
            Switch(
                "weekly_report",
                "stats.switch",
                "stats.switch_hint",
                lambda guild_id: self.guild_settings(guild_id).report_period == "weekly",
                self.switch_weekly_report,
            )
        )
        self.service.start()
        for guild_id in self.settings:
            if self.bot.owns(guild_id):  # another process arms the other shards' reports
                await self.reports.arm_report(guild_id)
        self.bot.scheduler.run_at("stats:retention", self.bot.clock(), self._retention_job)
        # TextBlob's lexicon (some 100,000 objects) loads on its first English sentence
        self.bot.add_warmup("stats", lambda: score_batch(["what a really good event this was"]))
        # Last: messages reach the feature only once it has loaded.
        self.bot.add_message_hook("stats", self.count_message)

    async def cog_unload(self) -> None:
        self.bot.remove_message_hook("stats")
        self.bot.remove_warmup("stats")
        self.bot.activity_service.set_anonymous(None)
        self.bot.set_naming(None)
        self.bot.guild_settings.remove_timezone_listener(self._zone_changed)
        self.bot.privacy.unregister("statistics")
        self.bot.schedule_kinds.unregister("stats_report")
        self.bot.schedule_kinds.remove_listing("stats")
        self.bot.switches.unregister("weekly_report")
        self.bot.scheduler.cancel_prefix("stats:")
        await self.joins.stop()
        await self.service.stop()

    def guild_settings(self, guild_id: int) -> StatsSettings:
        return self.settings.get(guild_id) or StatsSettings(guild_id)

    async def save_settings(self, settings: StatsSettings) -> None:
        await repository.save_settings(self.bot.db, settings, self.bot.clock())
        self.settings[settings.guild_id] = settings
        await self.reports.arm_report(settings.guild_id)

    async def switch_weekly_report(self, interaction: discord.Interaction, on: bool) -> None:
        """The setup wizard's switch: the weekly report (at the hour set with /stats settings)
        goes to the reports channel, which must be chosen first."""
        guild_id = interaction.guild_id or 0
        if on and self.bot.guild_settings.channel(guild_id, "reports") is None:
            raise UserFacingError("stats.switch_needs_channel")
        current = self.guild_settings(guild_id)
        wanted: Kind | None = "weekly" if on else None
        if current.report_period == wanted:
            return
        reports_from = current.reports_from
        if wanted is not None:
            reports_from = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild_id))
        await self.save_settings(replace(current, report_period=wanted, reports_from=reports_from))

    async def _zone_changed(self, guild_id: int) -> None:
        """/config timezone: days are counted in the new zone from now on, the report timer
        follows the new local hour."""
        self.service.days.invalidate(guild_id)
        await self.reports.arm_report(guild_id)

    # --- members' choices -------------------------------------------------------------------------

    @property
    def prefs(self) -> dict[tuple[int, int], MemberPrefs]:
        return self.choices.prefs

    @prefs.setter
    def prefs(self, prefs: dict[tuple[int, int], MemberPrefs]) -> None:
        self.choices.prefs = prefs

    async def save_prefs(self, prefs: MemberPrefs) -> None:
        await self.choices.save_prefs(prefs)

    def member_prefs(self, guild_id: int, user_id: int) -> MemberPrefs:
        return self.choices.member_prefs(guild_id, user_id)

    def may_name(self, guild_id: int, user_id: int) -> bool:
        """May this member appear on leaderboards and in shout-outs?"""
        return self.choices.may_name(guild_id, user_id)

    async def _forget(self, user_id: int) -> int:
        changed = await self.choices.forget(user_id)
        self.joins.forget_inviter(user_id)
        return changed

    # --- counting ---------------------------------------------------------------------------------

    def count_message(self, message: discord.Message) -> None:
        """A message hook (no task per message): a dictionary increment, nothing awaited."""
        if message.guild is None or message.author.bot or message.webhook_id is not None:
            return
        if message.type not in COUNTED_TYPES:  # joins, boosts, pins, "thread created" ...
            return
        self.service.message(
            message.guild.id,
            counted_channel_id(message.channel),
            message.author.id,
            message.content,
        )

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        if payload.guild_id is None or (payload.member is not None and payload.member.bot):
            return
        guild = self.bot.get_guild(payload.guild_id)
        thread = guild.get_thread(payload.channel_id) if guild is not None else None
        channel_id = counted_channel_id(thread) if thread is not None else payload.channel_id
        self.service.reaction(payload.guild_id, channel_id, payload.user_id)

    # --- joins, leaves, invites -----------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self.joins.refresh()

    @commands.Cog.listener()
    async def on_invite_create(self, invite: discord.Invite) -> None:
        self.joins.invite_created(invite)

    @commands.Cog.listener()
    async def on_member_join(self, member: discord.Member) -> None:
        if member.bot:
            return
        self.joins.joined(member)

    @commands.Cog.listener()
    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        if payload.user.bot:
            return
        await repository.record_leave(
            self.bot.db,
            payload.guild_id,
            payload.user.id,
            self.service.today(payload.guild_id),
            self.bot.clock(),
        )

    # --- reports ------------------------------------------------------------------------------------

    @property
    def retry_delays(self) -> tuple[float, ...]:
        return self.reports.retry_delays

    @retry_delays.setter
    def retry_delays(self, delays: tuple[float, ...]) -> None:
        self.reports.retry_delays = delays

    async def report_data(
        self, guild_id: int, period: Period, previous: Period | None = None
    ) -> ReportData:
        return await self.reports.report_data(guild_id, period, previous)

    async def report_job(self, guild_id: int) -> None:
        await self.reports.report_job(guild_id)

    # --- retention ---------------------------------------------------------------------------------

    async def fold_old_rows(self) -> int:
        await self.service.flush()
        deleted = 0
        for guild_id in await repository.guilds_with_member_rows(self.bot.db):
            if not self.bot.owns(guild_id):
                continue  # another process's server: its settings are that process's
            days = self.guild_settings(guild_id).retention_days
            today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild_id))
            deleted += await repository.fold_before(
                self.bot.db, guild_id, today - timedelta(days=days)
            )
        if deleted:
            await self.bot.db.checkpoint()
        return deleted

    async def _retention_job(self) -> None:
        try:  # every process folds its own servers' rows, by the settings it keeps for them
            deleted = await self.fold_old_rows()
            log.info("Folded %d per-member statistics rows past the retention window", deleted)
        finally:
            self.bot.scheduler.run_at(
                "stats:retention", self.bot.clock() + RETENTION_EVERY, self._retention_job
            )
