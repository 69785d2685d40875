"""The schedule's orchestration: arming the next run of each schedule, firing it (an announcement
or a feature's run), reminders, the Discord events announcing runs, pausing, resuming, removing.
APScheduler only ever holds the next one-shot run of each schedule; the database holds next and
last run."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import discord
from discord.utils import format_dt

from bot.checks import missing_permissions
from bot.core import Bot
from bot.errors import AlreadyDoneError, UserFacingError
from bot.guildjobs import held_back
from bot.i18n import Lang
from bot.moderation.cases.posting import post_note
from bot.outbox import Delivery, new_key
from bot.recurrence import missed, parse_stored
from bot.repository import OutboxPost
from bot.schedule_kinds import ScheduleKind
from cogs.schedules import repository
from cogs.schedules.dates import upcoming
from cogs.schedules.repository import Schedule

log = logging.getLogger(__name__)

GRACE = timedelta(hours=1)  # a run missed while offline still happens if at most this late


class ScheduleService:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def start(self) -> None:
        """Arm the next run of every active schedule; a run missed while offline is caught up."""
        now = self.bot.clock()
        for schedule in await repository.active(self.bot.db):
            if not self.bot.owns(schedule.guild_id):
                continue  # another process runs the other shards' schedules
            rule = parse_stored(schedule.phrase, schedule.zone)
            if schedule.next_run_at is not None and schedule.next_run_at <= now:
                # Missed while offline: the latest run once if within the grace window, never a burst.
                run, skipped = missed(rule, schedule.last_run_at or schedule.created_at, now, GRACE)
                if skipped:
                    log.info(
                        "Schedule %s: skipped %d run(s) missed while offline", schedule.id, skipped
                    )
                if run is not None:
                    await repository.set_next(self.bot.db, schedule.id, run)
                    self.arm(schedule, run, schedule.remind_seconds)
                    continue
                later = upcoming(rule, now, 1, schedule.starts_at, schedule.ends_at)
                await repository.set_next(
                    self.bot.db, schedule.id, later[0] if later else None, now
                )
                if later:
                    self.arm(schedule, later[0], schedule.remind_seconds)
            elif schedule.next_run_at is not None:
                self.arm(schedule, schedule.next_run_at, schedule.remind_seconds)

    def _announced(self, kind_name: str) -> ScheduleKind[Any] | None:
        """The kind, if its runs are announced ahead as Discord scheduled events."""
        kind = self.bot.schedule_kinds.get(kind_name)
        return kind if kind is not None and kind.event_keys is not None else None

    def kind_title(self, lang: Lang, kind_name: str) -> str:
        kind = self.bot.schedule_kinds.get(kind_name)
        if kind_name == "announcement":
            return self.bot.i18n.t(lang, "schedule.kind.announcement")
        if kind is None:  # its feature is not loaded here: its name as stored
            return kind_name
        return self.bot.i18n.t(lang, kind.title_key)

    def arm(self, schedule: Schedule, when: datetime, remind_seconds: int | None = None) -> None:
        schedule_id = schedule.id
        self.bot.scheduler.run_at(f"schedule:{schedule_id}", when, self._fire, schedule_id)
        if self._announced(schedule.kind) is not None and schedule.event_at != when:
            # In the background, once connected: the Discord event announcing this run.
            self.bot.scheduler.run_at(
                f"schedule-event:{schedule_id}",
                self.bot.clock(),
                self._announce_run,
                schedule_id,
                when,
            )
        if remind_seconds:
            remind_at = when - timedelta(seconds=remind_seconds)
            if remind_at > self.bot.clock():  # a reminder whose time passed is not sent late
                self.bot.scheduler.run_at(
                    f"schedule-remind:{schedule_id}", remind_at, self._remind, schedule_id, when
                )

    async def _announce_run(self, schedule_id: int, when: datetime) -> None:
        """A Discord scheduled event for the run at ``when``, once per run, so members can mark
        interest and get Discord's own reminder."""
        await self.bot.wait_until_ready()
        schedule = await repository.get(self.bot.db, schedule_id)
        kind = self._announced(schedule.kind) if schedule is not None else None
        if (
            schedule is None
            or kind is None
            or kind.event_keys is None
            or schedule.paused_reason is not None
            or schedule.event_at == when
            or when <= self.bot.clock() + timedelta(minutes=1)  # Discord needs a future start
        ):
            return
        guild = self.bot.get_guild(schedule.guild_id)
        channel = guild.get_channel(schedule.channel_id) if guild else None
        if guild is None or not isinstance(channel, discord.TextChannel):
            return
        if not guild.me.guild_permissions.create_events:
            log.info(
                "No Create Events permission in %s: schedule %s gets no event",
                guild.id,
                schedule_id,
            )
            return
        lang = self.bot.guild_settings.locale(guild.id)
        t = self.bot.i18n.t
        name_key, description_key = kind.event_keys
        length = kind.options.from_payload(schedule.payload).length() or timedelta(hours=1)
        try:
            event = await guild.create_scheduled_event(
                name=t(lang, name_key, topic=schedule.text)[:100],
                start_time=when,
                end_time=when + length,
                entity_type=discord.EntityType.external,  # passed explicitly: discord.py 2.7 omits it otherwise
                privacy_level=discord.PrivacyLevel.guild_only,
                location=channel.jump_url[:100],
                description=t(lang, description_key, channel=channel.mention)[:1000],
                reason=f"Schedule #{schedule.id}",
            )
        except discord.HTTPException as exc:
            log.warning("Creating the Discord event of schedule %s failed: %s", schedule_id, exc)
            return
        await repository.set_event(self.bot.db, schedule.id, event.id, when)

    async def _drop_event(self, schedule: Schedule) -> None:
        """A removed or paused schedule takes back the event of its next run."""
        if schedule.event_id is None or schedule.event_at is None:
            return
        if schedule.event_at > self.bot.clock():
            guild = self.bot.get_guild(schedule.guild_id)
            try:
                if guild is not None:
                    event = guild.get_scheduled_event(
                        schedule.event_id
                    ) or await guild.fetch_scheduled_event(schedule.event_id)
                    await event.delete(reason=f"Schedule #{schedule.id} stopped")
            except discord.HTTPException as exc:
                log.info("Could not delete the event of schedule %s: %s", schedule.id, exc)
        await repository.set_event(self.bot.db, schedule.id, None, None)

    async def _remind(self, schedule_id: int, when: datetime) -> None:
        await self.bot.wait_until_ready()
        schedule = await repository.get(self.bot.db, schedule_id)
        if schedule is None or schedule.paused_reason is not None or schedule.next_run_at != when:
            return  # removed, paused or moved meanwhile
        guild = self.bot.get_guild(schedule.guild_id)
        channel = guild.get_channel(schedule.channel_id) if guild else None
        if not isinstance(channel, discord.TextChannel):
            return
        lang = self.bot.guild_settings.locale(schedule.guild_id)
        kind = self.bot.schedule_kinds.get(schedule.kind)
        if schedule.kind == "announcement":
            label = self.kind_title(lang, schedule.kind)
        elif kind is not None and kind.describe is not None:
            label = kind.describe(kind.options.from_payload(schedule.payload), lang)
        else:
            label = schedule.text
        reminder = self.bot.i18n.t(
            lang, "schedule.reminder", what=label[:200], when=format_dt(when, "R")
        )
        try:
            await channel.send(reminder, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("Reminder of schedule %s failed: %s", schedule_id, exc)

    async def _fire(self, schedule_id: int) -> None:
        await self.bot.wait_until_ready()
        schedule = await repository.get(self.bot.db, schedule_id)
        if schedule is None or schedule.paused_reason is not None:
            return
        if held_back(
            self.bot, schedule.guild_id, f"schedule:{schedule_id}", self._fire, schedule_id
        ):
            return  # its server is not in view: the run stays due, nothing is paused or claimed
        now = self.bot.clock()
        due = schedule.next_run_at or now
        later = upcoming(
            parse_stored(schedule.phrase, schedule.zone),
            max(now, due),
            1,
            schedule.starts_at,
            schedule.ends_at,
        )
        nxt = later[0] if later else None

        async def claim(posts: Sequence[OutboxPost]) -> bool:
            # False: this occurrence already ran (a race with run-now or a restart)
            return await repository.claim_run(self.bot.db, schedule.id, due, nxt, now, posts)

        declined = await self.execute(schedule, claim, f"s{schedule.id:x}r{int(due.timestamp()):x}")
        if declined is not None and not isinstance(declined, AlreadyDoneError):
            # The feature refused this run (a round is still open there, a setting is missing):
            # the team hears why instead of the run failing silently every time.
            lang = self.bot.guild_settings.locale(schedule.guild_id)
            await post_note(
                self.bot,
                schedule.guild_id,
                "schedule.declined_note",
                id=schedule.id,
                phrase=schedule.phrase,
                reason=self.bot.i18n.t(lang, declined.key, **declined.params),
            )
        if nxt is not None:
            self.arm(schedule, nxt, schedule.remind_seconds)

    async def execute(
        self,
        schedule: Schedule,
        claim: Callable[[Sequence[OutboxPost]], Awaitable[bool]] | None = None,
        key: str | None = None,
    ) -> UserFacingError | None:
        """Checked at every run: the channel exists, and the bot and the creator may post there.
        Then the run is claimed (``claim``, once per occurrence; run-now claims nothing), for an
        announcement in one transaction with its post (exactly once, also across a crash).
        Returns why a feature declined to run (for run-now to show), else None."""
        guild = self.bot.get_guild(schedule.guild_id)
        if guild is None:
            return None
        lang = self.bot.guild_settings.locale(guild.id)
        t = self.bot.i18n.t
        channel = guild.get_channel(schedule.channel_id)
        if not isinstance(channel, discord.TextChannel):
            await self._pause(schedule, t(lang, "schedule.reason_channel"))
            return None
        if missing_permissions(
            channel.permissions_for(guild.me), ("view_channel", "send_messages")
        ):
            await self._pause(schedule, t(lang, "schedule.reason_bot", channel=channel.mention))
            return None
        creator = guild.get_member(schedule.created_by)
        if creator is None:
            try:
                creator = await guild.fetch_member(schedule.created_by)
            except discord.HTTPException:
                creator = None
        role = guild.get_role(schedule.role_id) if schedule.role_id else None
        creator_perms = channel.permissions_for(creator) if creator else None
        if (
            creator_perms is None
            or missing_permissions(creator_perms, ("view_channel", "send_messages"))
            or (role is not None and not role.mentionable and not creator_perms.mention_everyone)
        ):
            await self._pause(schedule, t(lang, "schedule.reason_creator", channel=channel.mention))
            return None
        if schedule.kind != "announcement":
            if claim is not None and not await claim(()):
                return AlreadyDoneError("schedule.already_ran")
            return await self._start_feature(schedule, guild, channel, creator)
        content = f"{role.mention} {schedule.text}" if role else schedule.text
        post = OutboxPost(
            key=key or new_key(),
            guild_id=guild.id,
            channel_id=channel.id,
            content=content[:1900],
            ping_roles=(role.id,) if role else (),
        )
        if claim is None:
            await repository.queue_post(self.bot.db, post, self.bot.clock())
        elif not await claim((post,)):
            return AlreadyDoneError("schedule.already_ran")
        outcome = await self.bot.outbox.deliver([post.key])
        if outcome.get(post.key) is Delivery.FAILED:
            await self._pause(schedule, t(lang, "schedule.reason_bot", channel=channel.mention))
        return None

    async def _start_feature(
        self,
        schedule: Schedule,
        guild: discord.Guild,
        channel: discord.TextChannel,
        creator: discord.Member | None,
    ) -> UserFacingError | None:
        lang = self.bot.guild_settings.locale(guild.id)
        t = self.bot.i18n.t
        kind = self.bot.schedule_kinds.get(schedule.kind)
        if kind is None:  # the feature is not loaded in this instance
            await self._pause(
                schedule,
                t(lang, "schedule.reason_feature", kind=self.kind_title(lang, schedule.kind)),
            )
            return None
        if creator is None or not creator.guild_permissions.manage_guild:
            await self._pause(schedule, t(lang, "schedule.reason_creator", channel=channel.mention))
            return None
        try:
            await kind.run(guild, channel, creator.id, kind.options.from_payload(schedule.payload))
        except discord.Forbidden:
            await self._pause(schedule, t(lang, "schedule.reason_bot", channel=channel.mention))
        except UserFacingError as exc:
            log.info("Scheduled %s %s did not start: %s", schedule.kind, schedule.id, exc.key)
            return exc
        except discord.HTTPException as exc:
            log.warning("Scheduled %s %s could not start: %s", schedule.kind, schedule.id, exc)
        return None

    async def _pause(self, schedule: Schedule, reason: str) -> None:
        await repository.pause(self.bot.db, schedule.id, reason)
        self.bot.scheduler.cancel(f"schedule:{schedule.id}")
        await self._drop_event(schedule)
        await post_note(
            self.bot,
            schedule.guild_id,
            "schedule.paused_note",
            id=schedule.id,
            phrase=schedule.phrase,
            reason=reason,
        )

    async def pause_manually(self, found: Schedule, moderator: str) -> None:
        """/schedule pause: no more runs (and no event for the next one) until resumed."""
        lang = self.bot.guild_settings.locale(found.guild_id)
        await repository.pause(
            self.bot.db,
            found.id,
            self.bot.i18n.t(lang, "schedule.reason_manual", moderator=moderator),
        )
        self.bot.scheduler.cancel(f"schedule:{found.id}")
        await self._drop_event(found)

    async def resume(self, found: Schedule) -> list[datetime]:
        """/schedule resume: the next run is armed again; returns the next three runs."""
        runs = upcoming(
            parse_stored(found.phrase, found.zone),
            self.bot.clock(),
            3,
            found.starts_at,
            found.ends_at,
        )
        await repository.pause(self.bot.db, found.id, None)
        await repository.set_next(self.bot.db, found.id, runs[0] if runs else None)
        if runs:
            self.arm(found, runs[0], found.remind_seconds)
        return runs

    async def remove(self, found: Schedule) -> None:
        """/schedule remove: the row, its timer and the event of its next run go."""
        await self._drop_event(found)
        await repository.remove(self.bot.db, found.id)
        self.bot.scheduler.cancel(f"schedule:{found.id}")
