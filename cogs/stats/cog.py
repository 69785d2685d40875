"""Discord glue of the statistics: counting, joins and invites, welcome, reports on a schedule."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import discord
from discord.ext import commands

from bot.core import Bot
from bot.errors import UserFacingError
from cogs.stats import chart, repository, strings, welcome
from cogs.stats.embeds import chart_labels, report_embed
from cogs.stats.periods import (
    KINDS,
    Period,
    last_complete,
    local_date,
    next_report,
)
from cogs.stats.report import ReportData
from cogs.stats.repository import MemberPrefs, StatsSettings
from cogs.stats.service import StatsService

log = logging.getLogger(__name__)

RETENTION_EVERY = timedelta(hours=24)
HISTORY_CHECK = 50  # recent messages searched for a report's key after a crash mid-post


def report_key(guild_id: int, period: Period) -> str:
    return f"stats:{guild_id}:{period.key}"


class StatsCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.settings: dict[int, StatsSettings] = {}
        self.prefs: dict[tuple[int, int], MemberPrefs] = {}
        self.service = StatsService(bot.db, bot.clock, bot.guild_settings.timezone)
        self._invites: dict[
            int, dict[str, tuple[int, int | None]]
        ] = {}  # guild -> code -> uses, inviter
        self._join_locks: dict[int, asyncio.Lock] = {}
        self._report_locks: dict[int, asyncio.Lock] = {}

    # --- lifecycle ------------------------------------------------------------------------------

    async def cog_load(self) -> None:
        self.settings = await repository.load_settings(self.bot.db)
        self.prefs = await repository.load_prefs(self.bot.db)
        self.service.anonymous = {key for key, p in self.prefs.items() if not p.member_stats}
        self.bot.privacy.register(
            "statistics",
            "Daily counts of your messages and reactions per channel (no content), your joins and the invite used, your statistics privacy settings.",
            self._export,
            self._forget,
        )
        self.bot.scheduled_actions.register("stats_report", self.scheduled_report)
        self.service.start()
        for guild_id in self.settings:
            await self.arm_report(guild_id)
        self.bot.scheduler.run_at("stats:retention", self.bot.clock(), self._retention_job)

    async def cog_unload(self) -> None:
        self.bot.privacy.unregister("statistics")
        self.bot.scheduled_actions.unregister("stats_report")
        self.bot.scheduler.cancel_prefix("stats:")
        await self.service.stop()

    def guild_settings(self, guild_id: int) -> StatsSettings:
        return self.settings.get(guild_id) or StatsSettings(guild_id)

    async def save_settings(self, settings: StatsSettings) -> None:
        await repository.save_settings(self.bot.db, settings, self.bot.clock())
        self.settings[settings.guild_id] = settings
        await self.arm_report(settings.guild_id)

    async def save_prefs(self, prefs: MemberPrefs) -> None:
        await self.service.flush()  # counts still buffered under the member are written first
        await repository.save_prefs(self.bot.db, prefs, self.bot.clock())
        self.prefs[(prefs.guild_id, prefs.user_id)] = prefs
        key = (prefs.guild_id, prefs.user_id)
        if prefs.member_stats:
            self.service.anonymous.discard(key)
        else:
            self.service.anonymous.add(key)

    def member_prefs(self, guild_id: int, user_id: int) -> MemberPrefs:
        return self.prefs.get((guild_id, user_id)) or MemberPrefs(guild_id, user_id)

    def may_name(self, guild_id: int, user_id: int) -> bool:
        """May this member appear on leaderboards and in shout-outs?"""
        prefs = self.member_prefs(guild_id, user_id)
        if not prefs.member_stats:
            return False
        if prefs.leaderboard is not None:
            return prefs.leaderboard
        return self.guild_settings(guild_id).leaderboard_mode == "opt_out"

    async def _export(self, user_id: int) -> dict[str, Any]:
        await self.service.flush()
        return await repository.export_user(self.bot.db, user_id)

    async def _forget(self, user_id: int) -> int:
        await self.service.flush()
        changed = await repository.forget_user(self.bot.db, user_id)
        for key in [k for k in self.prefs if k[1] == user_id]:
            del self.prefs[key]
            self.service.anonymous.discard(key)
        for codes in self._invites.values():
            for code, (uses, inviter) in list(codes.items()):
                if inviter == user_id:
                    codes[code] = (uses, None)
        return changed

    # --- counting ---------------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or message.author.bot or message.webhook_id is not None:
            return
        self.service.message(
            message.guild.id, message.channel.id, message.author.id, message.content
        )

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        if payload.guild_id is None or (payload.member is not None and payload.member.bot):
            return
        self.service.reaction(payload.guild_id, payload.channel_id, payload.user_id)

    # --- joins, leaves, invites, welcome ------------------------------------------------------------

    def _can_track_invites(self, guild: discord.Guild) -> bool:
        return guild.me is not None and guild.me.guild_permissions.manage_guild

    async def _fetch_invites(
        self, guild: discord.Guild
    ) -> dict[str, tuple[int, int | None]] | None:
        if not self._can_track_invites(guild):
            return None
        try:
            invites = await guild.invites()
        except discord.HTTPException as exc:
            log.info("Cannot read the invites of %s: %s", guild.id, exc)
            return None
        return {i.code: (i.uses or 0, i.inviter.id if i.inviter else None) for i in invites}

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        for guild in self.bot.guilds:
            found = await self._fetch_invites(guild)
            if found is not None:
                self._invites[guild.id] = found

    @commands.Cog.listener()
    async def on_invite_create(self, invite: discord.Invite) -> None:
        if invite.guild is not None and invite.guild.id in self._invites:
            inviter = invite.inviter.id if invite.inviter else None
            self._invites[invite.guild.id][invite.code] = (invite.uses or 0, inviter)

    async def _invite_used(self, guild: discord.Guild) -> tuple[str | None, int | None]:
        """Which invite's uses went up since we last looked (None if not exactly one)."""
        lock = self._join_locks.setdefault(guild.id, asyncio.Lock())
        async with lock:
            before = self._invites.get(guild.id)
            after = await self._fetch_invites(guild)
            if after is None:
                return None, None
            self._invites[guild.id] = after
            if before is None:
                return None, None
            used = [
                code for code, (uses, _) in after.items() if uses > before.get(code, (0, None))[0]
            ]
            if len(used) != 1:
                return None, None
            return used[0], after[used[0]][1]

    @commands.Cog.listener()
    async def on_member_join(self, member: discord.Member) -> None:
        if member.bot:
            return
        guild = member.guild
        code, inviter = await self._invite_used(guild)
        anonymous = (guild.id, member.id) in self.service.anonymous
        if inviter is not None and (guild.id, inviter) in self.service.anonymous:
            inviter = None
        await repository.record_join(
            self.bot.db, guild.id, None if anonymous else member.id, self.service.today(guild.id),
            self.bot.clock(), code, inviter,
        )  # fmt: skip
        if not member.pending:
            await self.greet(member)

    @commands.Cog.listener()
    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        if before.pending and not after.pending and not after.bot:
            await self.greet(after)

    @commands.Cog.listener()
    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        if payload.user.bot:
            return
        await repository.record_leave(
            self.bot.db, payload.guild_id, payload.user.id,
            self.service.today(payload.guild_id), self.bot.clock(),
        )  # fmt: skip

    def welcome_text(self, member: discord.Member, template: str) -> str:
        return welcome.fill(
            template,
            member_id=member.id,
            member_name=member.display_name,
            server=member.guild.name,
            member_count=member.guild.member_count or len(member.guild.members),
        )

    def default_welcome(self, guild_id: int) -> str:
        return self.bot.i18n.raw("stats.welcome_default", self.bot.guild_settings.locale(guild_id))

    async def greet(self, member: discord.Member) -> None:
        """Welcome message and role (after Membership Screening, when it is on)."""
        settings = self.guild_settings(member.guild.id)
        if not settings.welcome_enabled:
            return
        channel_id = self.bot.guild_settings.channel(member.guild.id, "welcome")
        channel = member.guild.get_channel(channel_id) if channel_id else None
        if isinstance(channel, discord.TextChannel):
            template = settings.welcome_text or self.default_welcome(member.guild.id)
            pings = discord.AllowedMentions(everyone=False, roles=False, users=[member])
            try:
                await channel.send(self.welcome_text(member, template), allowed_mentions=pings)
            except discord.HTTPException as exc:
                log.warning("Welcome in %s failed: %s", member.guild.id, exc)
        role = member.guild.get_role(settings.welcome_role_id) if settings.welcome_role_id else None
        me = member.guild.me
        if (
            role is not None
            and me is not None
            and me.guild_permissions.manage_roles
            and role < me.top_role
            and not role.managed
            and not role.is_default()
        ):
            try:
                await member.add_roles(role, reason="Welcome role")
            except discord.HTTPException as exc:
                log.warning("Welcome role in %s failed: %s", member.guild.id, exc)

    # --- reports ------------------------------------------------------------------------------------

    async def report_data(
        self, guild_id: int, period: Period, previous: Period | None = None
    ) -> ReportData:
        await self.service.flush()
        return await repository.report_data(
            self.bot.db,
            guild_id,
            period,
            self.bot.guild_settings.timezone(guild_id),
            self.guild_settings(guild_id).leaderboard_mode,
            previous,
        )

    async def render_chart(self, data: ReportData, guild_id: int, days: int = 0) -> bytes:
        lang = self.bot.guild_settings.locale(guild_id)
        rows = data.days
        if len(rows) < 7:  # a daily report shows the last two weeks for context
            span = Period("daily", data.period.end - timedelta(days=max(days, 14)), data.period.end)
            rows = tuple(await repository.daily_rows(self.bot.db, guild_id, span))
        labels = dict(chart_labels(lang, self.bot.i18n, data.period))
        return await asyncio.to_thread(chart.render, rows, labels)

    async def build_report(
        self, guild: discord.Guild, data: ReportData, title_key: str, footer: str
    ) -> tuple[discord.Embed, discord.File]:
        lang = self.bot.guild_settings.locale(guild.id)
        embed = report_embed(
            data, lang, self.bot.i18n, title_key=title_key,
            member_count=guild.member_count, footer=footer,
        )  # fmt: skip
        png = await self.render_chart(data, guild.id)
        name = f"stats-{data.period.kind}-{data.period.start.isoformat()}.png"
        embed.set_image(url=f"attachment://{name}")
        return embed, discord.File(io.BytesIO(png), filename=name)

    async def _find_posted(self, channel: discord.TextChannel, key: str) -> discord.Message | None:
        try:
            async for message in channel.history(limit=HISTORY_CHECK):
                mine = self.bot.user is not None and message.author.id == self.bot.user.id
                if mine and any(key in (e.footer.text or "") for e in message.embeds):
                    return message
        except discord.HTTPException:
            return None
        return None

    async def post_report(
        self, guild: discord.Guild, channel: discord.TextChannel, period: Period
    ) -> bool:
        """Post the report of ``period`` unless it was posted already; True if posted now."""
        lock = self._report_locks.setdefault(guild.id, asyncio.Lock())
        async with lock:
            db, now = self.bot.db, self.bot.clock()
            key = report_key(guild.id, period)
            record = await repository.report_record(db, guild.id, period)
            if record is not None and record.message_id is not None:
                return False
            if record is not None:
                # Claimed, but the bot stopped before recording the post: look before posting again.
                earlier = self.bot.get_channel(record.channel_id)
                if isinstance(earlier, discord.TextChannel):
                    found = await self._find_posted(earlier, key)
                    if found is not None:
                        await repository.report_posted(db, guild.id, period, earlier.id, found.id)
                        return False
            elif not await repository.claim_report(db, guild.id, period, channel.id, now):
                return False
            try:
                data = await self.report_data(guild.id, period)
                lang = self.bot.guild_settings.locale(guild.id)
                footer = self.bot.i18n.t(lang, "stats.footer", key=key)
                embed, file = await self.build_report(guild, data, "stats.report_title", footer)
                message = await channel.send(
                    embed=embed, file=file, allowed_mentions=discord.AllowedMentions.none()
                )
            except BaseException:
                await repository.release_report(db, guild.id, period)
                raise
            await repository.report_posted(db, guild.id, period, channel.id, message.id)
            log.info("Posted the %s report of %s for %s", period.kind, guild.id, period.start)
            return True

    async def arm_report(self, guild_id: int, done_through: date | None = None) -> None:
        """Arm the guild's next report (one job per guild, keyed ``stats:report:<guild>``)."""
        key = f"stats:report:{guild_id}"
        settings = self.guild_settings(guild_id)
        if settings.report_period is None:
            self.bot.scheduler.cancel(key)
            return
        last = await repository.last_reported(self.bot.db, guild_id, settings.report_period)
        if done_through is not None and (last is None or last < done_through):
            last = done_through
        upcoming = next_report(
            settings.report_period, settings.report_hour, self.bot.guild_settings.timezone(guild_id),
            self.bot.clock(), last, settings.reports_from,
        )  # fmt: skip
        self.bot.scheduler.run_at(key, upcoming.due, self.report_job, guild_id)

    async def report_job(self, guild_id: int) -> None:
        await self.bot.wait_until_ready()
        settings = self.guild_settings(guild_id)
        if settings.report_period is None:
            return
        zone = self.bot.guild_settings.timezone(guild_id)
        last = await repository.last_reported(self.bot.db, guild_id, settings.report_period)
        upcoming = next_report(
            settings.report_period, settings.report_hour, zone, self.bot.clock(), last,
            settings.reports_from,
        )  # fmt: skip
        if upcoming.due > self.bot.clock() + timedelta(seconds=1):
            await self.arm_report(guild_id)  # woke early (settings changed): re-arm
            return
        guild = self.bot.get_guild(guild_id)
        channel_id = self.bot.guild_settings.channel(guild_id, "reports")
        channel = guild.get_channel(channel_id) if guild and channel_id else None
        try:
            if guild is None or not isinstance(channel, discord.TextChannel):
                log.warning(
                    "No reports channel in %s; the %s report is skipped",
                    guild_id,
                    upcoming.period.key,
                )
            else:
                await self.post_report(guild, channel, upcoming.period)
        except discord.HTTPException as exc:
            log.warning("Posting the report of %s failed: %s", guild_id, exc)
        finally:
            await self.arm_report(guild_id, done_through=upcoming.period.start)

    async def scheduled_report(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        creator_id: int,
        params: Mapping[str, Any],
    ) -> None:
        """The ``stats_report`` scheduled action: the report of the last complete period
        (``params["period"]``: daily, weekly or monthly) in the schedule's channel, once per period."""
        period_kind = next((k for k in KINDS if k == params.get("period")), None)
        if period_kind is None:
            raise UserFacingError("stats.bad_period", value=str(params.get("period"))[:20])
        today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild.id))
        period = last_complete(period_kind, today)
        if not await self.post_report(guild, channel, period):
            raise UserFacingError("stats.report_already", period=period.key)

    # --- retention ---------------------------------------------------------------------------------

    async def fold_old_rows(self) -> int:
        await self.service.flush()
        deleted = 0
        for guild_id in await repository.guilds_with_member_rows(self.bot.db):
            days = self.guild_settings(guild_id).retention_days
            today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild_id))
            deleted += await repository.fold_before(
                self.bot.db, guild_id, today - timedelta(days=days)
            )
        if deleted:
            await self.bot.db.checkpoint()
        return deleted

    async def _retention_job(self) -> None:
        try:
            deleted = await self.fold_old_rows()
            log.info("Folded %d per-member statistics rows past the retention window", deleted)
        finally:
            self.bot.scheduler.run_at(
                "stats:retention", self.bot.clock() + RETENTION_EVERY, self._retention_job
            )
