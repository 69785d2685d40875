"""Statistics reports: their figures, the embed and chart, posting once per period (also across
crashes and failures), the timer of each guild's next report."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

import aiohttp
import discord

from bot.checks import missing_permissions
from bot.core import Bot
from bot.errors import AlreadyDoneError, UserFacingError
from bot.i18n import Lang
from bot.moderation.cases.posting import post_note
from bot.replies import permission_label
from cogs.stats import chart, repository
from cogs.stats.embeds import chart_spec, day_text, report_embed
from cogs.stats.periods import (
    Kind,
    Period,
    last_complete,
    local_date,
    next_report,
)
from cogs.stats.report import ReportData
from cogs.stats.repository import StatsSettings
from cogs.stats.service import StatsService

log = logging.getLogger(__name__)

HISTORY_CHECK = 50  # recent messages searched for a report's key after a crash mid-post
REPORT_PERMISSIONS = ("view_channel", "send_messages", "embed_links", "attach_files")

PostOutcome = Literal["posted", "already", "failed"]


def report_key(guild_id: int, period: Period) -> str:
    return f"stats:{guild_id}:{period.key}"


class Reports:
    def __init__(
        self,
        bot: Bot,
        service: StatsService,
        guild_settings: Callable[[int], StatsSettings],
        may_name: Callable[[int, int], bool],
    ) -> None:
        self.bot = bot
        self.service = service
        self.guild_settings = guild_settings
        self.may_name = may_name
        self._report_locks: dict[int, asyncio.Lock] = {}
        # Waits between tries when Discord fails with 5xx or the network drops a report post
        # (discord.py retries 500/502/504 itself first); bounded, then the claim is kept.
        self.retry_delays: tuple[float, ...] = (5.0, 30.0)

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
        await repository.roll_up_active(self.bot.db, guild_id, period.end)
        return await repository.report_data(
            self.bot.db,
            guild_id,
            period,
            self.bot.guild_settings.timezone(guild_id),
            self.guild_settings(guild_id).leaderboard_mode,
            previous,
            kept_from=self.kept_from(guild_id),
            hidden=lambda user_id: not self.may_name(guild_id, user_id),
            now=self.bot.clock(),
        )

    async def render_chart(self, data: ReportData, guild_id: int) -> bytes:
        """The report's chart, drawn in a worker thread. A daily report shows the last two weeks
        for context (outlined against the two weeks before)."""
        lang = self.bot.guild_settings.locale(guild_id)
        rows, previous = data.days, data.previous_days
        if len(rows) < 7:
            span = Period("daily", data.period.end - timedelta(days=14), data.period.end)
            before = Period("daily", span.start - timedelta(days=14), span.start)
            rows = tuple(await repository.daily_rows(self.bot.db, guild_id, span))
            previous = tuple(await repository.daily_rows(self.bot.db, guild_id, before))
        spec = chart_spec(data, rows, previous, lang, self.bot.i18n)
        return await asyncio.to_thread(chart.render, spec)

    async def sections(self, guild_id: int, period: Period, lang: Lang) -> list[tuple[str, str]]:
        """What other features add to the report for this period (the suggestions board); a
        section that fails is left out, the report is posted without it."""
        zone = self.bot.guild_settings.timezone(guild_id)
        start = datetime.combine(period.start, time(), zone)
        end = datetime.combine(period.end, time(), zone)
        found = []
        for section in self.bot.report_sections.all():
            try:
                field = await section.render(guild_id, start, end, lang)
            except Exception:
                log.exception("The report section %s of %s failed", section.key, guild_id)
                continue
            if field is not None:
                found.append(field)
        return found

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
        for name, value in await self.sections(guild.id, data.period, lang):
            if len(embed.fields) < 25 and len(embed) + len(name) + len(value) <= 6000:
                embed.add_field(name=name, value=value, inline=False)
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

    def next_due(self, guild_id: int) -> datetime | None:
        """When the report switched on in /stats settings runs next (its armed job)."""
        job = next(
            (j for j in self.bot.scheduler.pending() if j.key == f"stats:report:{guild_id}"), None
        )
        return job.run_at if job is not None else None

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
