"""Discord glue of the statistics: counting, joins and invites, welcome, reports on a schedule."""

from __future__ import annotations

import asyncio
import io
import logging
from collections import Counter
from datetime import date, timedelta
from typing import Any, Literal

import aiohttp
import discord
from discord.ext import commands

from bot.checks import missing_permissions
from bot.core import Bot
from bot.errors import AlreadyDoneError, UserFacingError
from bot.moderation.cases.posting import post_note
from bot.replies import permission_label
from cogs.stats import chart, repository, schedule, strings
from cogs.stats.embeds import chart_labels, day_text, report_embed
from cogs.stats.greeting import Greeter
from cogs.stats.optout import kept_choice
from cogs.stats.periods import (
    Kind,
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
REPORT_PERMISSIONS = ("view_channel", "send_messages", "embed_links", "attach_files")
COUNTED_TYPES = (discord.MessageType.default, discord.MessageType.reply)  # not system messages

PostOutcome = Literal["posted", "already", "failed"]


def report_key(guild_id: int, period: Period) -> str:
    return f"stats:{guild_id}:{period.key}"


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
        self.prefs: dict[tuple[int, int], MemberPrefs] = {}
        self.service = StatsService(bot.db, bot.clock, bot.guild_settings.timezone)
        self._invites: dict[
            int, dict[str, tuple[int, int | None]]
        ] = {}  # guild -> code -> uses, inviter
        self._joins: dict[int, list[int]] = {}  # guild -> members waiting for an invite lookup
        self._join_workers: dict[int, asyncio.Task[None]] = {}
        # guild -> (invite, uses whose members had not arrived yet at the last lookup)
        self._invite_carry: dict[int, tuple[str, int]] = {}
        self._report_locks: dict[int, asyncio.Lock] = {}
        self.greeter = Greeter(bot, self.guild_settings)
        # Waits between tries when Discord fails with 5xx or the network drops a report post
        # (discord.py retries 500/502/504 itself first); bounded, then the claim is kept.
        self.retry_delays: tuple[float, ...] = (5.0, 30.0)

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
        self.bot.guild_settings.add_timezone_listener(self._zone_changed)
        self.bot.privacy.register(
            "statistics",
            "Daily counts of your messages and reactions per channel (no content), your joins and the invite used, your statistics privacy settings.",
            self._export,
            self._forget,
            # in a backup, the member's opt-outs go with the rest (a restore counts them anew)
            erase=lambda db, user_id: repository.forget_user(db, user_id),
        )
        self.bot.schedule_kinds.register(schedule.kind(self))
        self.service.start()
        for guild_id in self.settings:
            await self.arm_report(guild_id)
        self.bot.scheduler.run_at("stats:retention", self.bot.clock(), self._retention_job)
        # Last: messages reach the feature only once it has loaded.
        self.bot.add_message_hook("stats", self.count_message)

    async def cog_unload(self) -> None:
        self.bot.remove_message_hook("stats")
        self.bot.activity_service.set_anonymous(None)
        self.bot.guild_settings.remove_timezone_listener(self._zone_changed)
        self.bot.privacy.unregister("statistics")
        self.bot.schedule_kinds.unregister("stats_report")
        self.bot.scheduler.cancel_prefix("stats:")
        await asyncio.gather(*self._join_workers.values(), return_exceptions=True)
        await self.service.stop()

    def guild_settings(self, guild_id: int) -> StatsSettings:
        return self.settings.get(guild_id) or StatsSettings(guild_id)

    async def save_settings(self, settings: StatsSettings) -> None:
        await repository.save_settings(self.bot.db, settings, self.bot.clock())
        self.settings[settings.guild_id] = settings
        await self.arm_report(settings.guild_id)

    async def _zone_changed(self, guild_id: int) -> None:
        """/config timezone: days are counted in the new zone from now on, the report timer
        follows the new local hour."""
        self.service.days.invalidate(guild_id)
        await self.arm_report(guild_id)

    async def save_prefs(self, prefs: MemberPrefs) -> None:
        key = (prefs.guild_id, prefs.user_id)
        kept = self.service.kept
        kept_digest = kept.digest(*key) if kept.get(*key) is not None else None
        opting_out = not prefs.member_stats and key not in self.service.anonymous
        if opting_out:
            # Anonymous from this moment: nothing counted during the awaits below is attributed.
            self.service.anonymous.add(key)
        try:
            # Counts still buffered under the member are written first, then anonymised.
            await self.service.flush()
            await self.bot.activity_service.flush()
            await repository.save_prefs(self.bot.db, prefs, self.bot.clock(), kept_digest)
        except BaseException:
            if opting_out:
                self.service.anonymous.discard(key)
            raise
        self.prefs[key] = prefs
        kept.discard(*key)  # the named row is the member's choice now
        if prefs.member_stats:
            self.service.anonymous.discard(key)

    def member_prefs(self, guild_id: int, user_id: int) -> MemberPrefs:
        named = self.prefs.get((guild_id, user_id))
        if named is not None:
            return named
        kept = self.service.kept.get(guild_id, user_id)
        if kept is not None:  # chosen before a /mydata forget
            return MemberPrefs(guild_id, user_id, kept.leaderboard, kept.member_stats)
        return MemberPrefs(guild_id, user_id)

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
        data: dict[str, Any] = await repository.export_user(self.bot.db, user_id)
        kept = self.service.kept
        data["choices_kept_after_forget"] = [
            {
                "guild_id": guild_id,
                "member_stats": choice.member_stats,
                "leaderboard": choice.leaderboard,
            }
            for guild_id in kept.guilds()
            if (choice := kept.get(guild_id, user_id)) is not None
        ]
        return data

    async def _forget(self, user_id: int) -> int:
        """Delete or anonymise everything about the member. Their opt-outs stay in force, under a
        keyed hash: a forget must never make the bot count or name them again."""
        self.service.forgetting.add(user_id)  # counted as user 0 until this is done
        try:
            keep = [
                (guild_id, self.service.kept.digest(guild_id, user_id), choice)
                for (guild_id, member), prefs in self.prefs.items()
                if member == user_id
                and (choice := kept_choice(prefs.member_stats, prefs.leaderboard)) is not None
            ]
            await self.service.flush()
            changed = await repository.forget_user(self.bot.db, user_id, keep)
            for key in [k for k in self.prefs if k[1] == user_id]:
                del self.prefs[key]
                self.service.anonymous.discard(key)
            for guild_id, _, choice in keep:
                self.service.kept.add(guild_id, user_id, choice)
            for codes in self._invites.values():
                for code, (uses, inviter) in list(codes.items()):
                    if inviter == user_id:
                        codes[code] = (uses, None)
            return changed
        finally:
            self.service.forgetting.discard(user_id)

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

    async def _invite_used(
        self, guild: discord.Guild, joined: int
    ) -> tuple[str | None, int | None]:
        """Which invite brought the ``joined`` members who arrived since we last looked: the one
        invite whose uses went up by at least that many (None if that is not clear). Uses counted
        for members whose join event is still on its way are carried to the next lookup, once."""
        before = self._invites.get(guild.id)
        after = await self._fetch_invites(guild)
        if after is None:
            return None, None
        self._invites[guild.id] = after
        if before is None:
            return None, None
        grown = Counter(
            {
                code: uses - before.get(code, (0, None))[0]
                for code, (uses, _) in after.items()
                if uses > before.get(code, (0, None))[0]
            }
        )
        carried = self._invite_carry.pop(guild.id, None)
        if carried is not None:
            grown[carried[0]] += carried[1]
        if len(grown) != 1:
            return None, None
        ((code, uses),) = grown.items()
        if uses < joined or code not in after:
            return None, None
        if uses > joined:
            self._invite_carry[guild.id] = (code, uses - joined)
        return code, after[code][1]

    @commands.Cog.listener()
    async def on_member_join(self, member: discord.Member) -> None:
        if member.bot:
            return
        # Read now: the cached member changes while we wait (screening passed meanwhile greets
        # through on_member_update).
        if not member.pending:
            await self.greeter.greet(member)
        # Joins that arrive while an invite lookup runs share the next one: a raid of a thousand
        # members costs a handful of requests, not a thousand.
        guild = member.guild
        self._joins.setdefault(guild.id, []).append(member.id)
        if guild.id not in self._join_workers:
            self._join_workers[guild.id] = asyncio.create_task(
                self._record_joins(guild), name=f"stats-joins-{guild.id}"
            )

    async def _record_joins(self, guild: discord.Guild) -> None:
        try:
            await self._record_waiting_joins(guild)
        finally:
            self._join_workers.pop(guild.id, None)

    async def _record_waiting_joins(self, guild: discord.Guild) -> None:
        while self._joins.get(guild.id):
            batch = self._joins.pop(guild.id)
            try:
                code, inviter = await self._invite_used(guild, len(batch))
                if inviter is not None and self.service.is_anonymous(guild.id, inviter):
                    inviter = None
                for user_id in batch:
                    anonymous = self.service.is_anonymous(guild.id, user_id)
                    await repository.record_join(
                        self.bot.db,
                        guild.id,
                        None if anonymous else user_id,
                        self.service.today(guild.id),
                        self.bot.clock(),
                        code,
                        inviter,
                    )
            except Exception:
                log.exception("Recording %d join(s) in %s failed", len(batch), guild.id)

    @commands.Cog.listener()
    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        if before.pending and not after.pending and not after.bot:
            await self.greeter.greet(after)

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

    def kept_from(self, guild_id: int) -> date:
        """The first local day whose per-member rows are still kept (the retention window)."""
        zone = self.bot.guild_settings.timezone(guild_id)
        days = self.guild_settings(guild_id).retention_days
        return local_date(self.bot.clock(), zone) - timedelta(days=days)

    async def report_data(
        self, guild_id: int, period: Period, previous: Period | None = None
    ) -> ReportData:
        await self.service.flush()
        await self.bot.activity_service.flush()  # participation counted until now is included
        return await repository.report_data(
            self.bot.db,
            guild_id,
            period,
            self.bot.guild_settings.timezone(guild_id),
            self.guild_settings(guild_id).leaderboard_mode,
            previous,
            kept_from=self.kept_from(guild_id),
            hidden=lambda user_id: not self.may_name(guild_id, user_id),
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
    ) -> tuple[discord.Embed, tuple[str, bytes] | None]:
        """The report embed and its chart (file name, PNG); without a chart if drawing failed:
        the figures are worth posting on their own."""
        lang = self.bot.guild_settings.locale(guild.id)
        embed = report_embed(
            data,
            lang,
            self.bot.i18n,
            title_key=title_key,
            member_count=guild.member_count,
            footer=footer,
        )
        try:
            png = await self.render_chart(data, guild.id)
        except Exception:
            log.exception(
                "Drawing the chart of %s %s failed; posting without it", guild.id, data.period.key
            )
            return embed, None
        name = f"stats-{data.period.kind}-{data.period.start.isoformat()}.png"
        embed.set_image(url=f"attachment://{name}")
        return embed, (name, png)

    async def _find_posted(self, channel: discord.TextChannel, key: str) -> discord.Message | None:
        try:
            async for message in channel.history(limit=HISTORY_CHECK):
                mine = self.bot.user is not None and message.author.id == self.bot.user.id
                if mine and any(key in (e.footer.text or "") for e in message.embeds):
                    return message
        except discord.HTTPException:
            return None
        return None

    async def _send_report(
        self,
        channel: discord.TextChannel,
        embed: discord.Embed,
        chart_png: tuple[str, bytes] | None,
        key: str,
    ) -> tuple[discord.Message | None, bool, str]:
        """Post, retrying 5xx and network errors a bounded number of times. Returns the message,
        or None with whether the post certainly did not happen and why."""
        attempt = 0
        while True:
            extra: dict[str, Any] = {}
            if chart_png is not None:  # a fresh file each try: a sent file is closed
                extra["file"] = discord.File(io.BytesIO(chart_png[1]), filename=chart_png[0])
            try:
                message = await channel.send(
                    embed=embed, allowed_mentions=discord.AllowedMentions.none(), **extra
                )
                return message, False, ""
            except discord.DiscordServerError as exc:  # may or may not have been posted
                reason = f"HTTP {exc.status}"
            except discord.HTTPException as exc:  # 403, 404, 400: refused, nothing was posted
                return None, True, f"HTTP {exc.status}"
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                reason = type(exc).__name__
            if attempt >= len(self.retry_delays):
                return None, False, reason
            log.info("Posting report %s failed (%s); trying again", key, reason)
            await asyncio.sleep(self.retry_delays[attempt])
            attempt += 1
            found = await self._find_posted(channel, key)  # it went through after all
            if found is not None:
                return found, False, ""

    async def _report_note(
        self, guild_id: int, period: Period, channel: str, reason_key: str, **params: object
    ) -> None:
        lang = self.bot.guild_settings.locale(guild_id)
        t = self.bot.i18n.t
        await post_note(
            self.bot,
            guild_id,
            "stats.report_not_posted",
            kind=t(lang, f"stats.period.{period.kind}"),
            period=day_text(period, lang),
            channel=channel,
            reason=t(lang, reason_key, **params),
        )

    async def post_report(
        self, guild: discord.Guild, channel: discord.TextChannel, period: Period
    ) -> PostOutcome:
        """Post the report of ``period`` unless it was posted already.

        The period is claimed in the database first. The claim is released only when the post
        certainly did not happen (missing permissions, 403/404, a failure before sending), so a
        later try may post; after a server error or a lost connection it is kept, and the next
        start looks for the report's key in the channel before posting again. A report that
        cannot be posted is explained in the moderation log."""
        lock = self._report_locks.setdefault(guild.id, asyncio.Lock())
        async with lock:
            db, now = self.bot.db, self.bot.clock()
            key = report_key(guild.id, period)
            record = await repository.report_record(db, guild.id, period)
            if record is not None and record.message_id is not None:
                return "already"
            if record is not None:
                # Claimed, but the post may or may not have happened: look before posting again.
                earlier = self.bot.get_channel(record.channel_id)
                if isinstance(earlier, discord.TextChannel):
                    found = await self._find_posted(earlier, key)
                    if found is not None:
                        await repository.report_posted(db, guild.id, period, earlier.id, found.id)
                        return "already"
            missing = missing_permissions(channel.permissions_for(guild.me), REPORT_PERMISSIONS)
            if missing:
                log.warning("Cannot post the report %s in %s: missing %s", key, channel.id, missing)
                await self._report_note(
                    guild.id,
                    period,
                    channel.mention,
                    "stats.report_reason_permissions",
                    permissions=permission_label(missing),
                )
                return "failed"
            claimed_now = record is None
            if claimed_now and not await repository.claim_report(
                db, guild.id, period, channel.id, now
            ):
                return "already"
            try:
                data = await self.report_data(guild.id, period)
                lang = self.bot.guild_settings.locale(guild.id)
                footer = self.bot.i18n.t(lang, "stats.footer", key=key)
                embed, png = await self.build_report(guild, data, "stats.report_title", footer)
            except BaseException:
                if claimed_now:
                    await repository.release_report(db, guild.id, period)  # nothing was sent
                raise
            message, not_sent, reason = await self._send_report(channel, embed, png, key)
            if message is not None:
                await repository.report_posted(db, guild.id, period, channel.id, message.id)
                log.info("Posted the %s report of %s for %s", period.kind, guild.id, period.start)
                return "posted"
            if not_sent and claimed_now:
                await repository.release_report(db, guild.id, period)
            log.warning("The report %s was not posted (%s)", key, reason)
            await self._report_note(
                guild.id,
                period,
                channel.mention,
                "stats.report_reason_refused" if not_sent else "stats.report_reason_unsure",
                error=reason,
            )
            return "failed"

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
            settings.report_period,
            settings.report_hour,
            self.bot.guild_settings.timezone(guild_id),
            self.bot.clock(),
            last,
            settings.reports_from,
        )
        self.bot.scheduler.run_at(key, upcoming.due, self.report_job, guild_id)

    async def report_job(self, guild_id: int) -> None:
        await self.bot.wait_until_ready()
        settings = self.guild_settings(guild_id)
        if settings.report_period is None:
            return
        zone = self.bot.guild_settings.timezone(guild_id)
        last = await repository.last_reported(self.bot.db, guild_id, settings.report_period)
        upcoming = next_report(
            settings.report_period,
            settings.report_hour,
            zone,
            self.bot.clock(),
            last,
            settings.reports_from,
        )
        if upcoming.due > self.bot.clock() + timedelta(seconds=1):
            await self.arm_report(guild_id)  # woke early (settings changed): re-arm
            return
        guild = self.bot.get_guild(guild_id)
        channel_id = self.bot.guild_settings.channel(guild_id, "reports")
        channel = guild.get_channel(channel_id) if guild and channel_id else None
        try:
            if guild is None:
                log.warning(
                    "Not in guild %s; the %s report is skipped", guild_id, upcoming.period.key
                )
            elif not isinstance(channel, discord.TextChannel):
                log.warning(
                    "No reports channel in %s; the %s report is skipped",
                    guild_id,
                    upcoming.period.key,
                )
                await self._report_note(
                    guild_id, upcoming.period, "–", "stats.report_reason_no_channel"
                )
            else:
                await self.post_report(guild, channel, upcoming.period)
        except Exception:
            log.exception("Posting the report of %s failed", guild_id)
        finally:
            await self.arm_report(guild_id, done_through=upcoming.period.start)

    async def scheduled_report(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        period_kind: Kind,
    ) -> None:
        """A scheduled report: the report of the last complete period of *period_kind* in the
        schedule's channel, once per period."""
        today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild.id))
        period = last_complete(period_kind, today)
        outcome = await self.post_report(guild, channel, period)
        if outcome == "already":
            raise AlreadyDoneError("stats.report_already", period=period.key)
        if outcome == "failed":
            raise UserFacingError("stats.report_failed", period=period.key)

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
