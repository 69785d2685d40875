"""Discord glue of schedules. Occurrences come from bot/recurrence.py; APScheduler only ever holds
the next one-shot run of each schedule; the database holds next and last run."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.checks import (
    missing_permissions,
    require_guild,
    require_moderator,
    require_postable,
    require_same_guild,
)
from bot.core import Bot
from bot.durations import parse_duration
from bot.errors import AlreadyDoneError, UserFacingError
from bot.i18n import Lang
from bot.moderation.cases.posting import post_note
from bot.outbox import Delivery, new_key
from bot.recurrence import MIN_INTERVAL, Rule, missed, occurrences, parse, shortest_interval
from bot.replies import lang_for, quote, send_private, text
from bot.repository import OutboxPost
from bot.schedule_kinds import ScheduleKind, ScheduleRequest
from bot.scopes import ADMIN, Scope, enforce, scoped
from cogs.schedules import repository, strings
from cogs.schedules.repository import Schedule
from cogs.schedules.views import ScheduleOption

log = logging.getLogger(__name__)

ScheduleArg = app_commands.Transform[Schedule, ScheduleOption]
GRACE = timedelta(hours=1)  # a run missed while offline still happens if at most this late


def _runs(times: list[datetime]) -> str:
    return ", ".join(format_dt(t, "f") for t in times)


def upcoming(
    rule: Rule, after: datetime, count: int, starts: datetime | None, ends: datetime | None
) -> list[datetime]:
    """The next runs within the schedule's optional start and end dates."""
    begin = max(after, starts - timedelta(seconds=1)) if starts else after
    return occurrences(rule, begin, count, until=ends)


def local_date(value: str, zone: str, *, end: bool) -> datetime:
    """``2026-12-24`` -> the start (or the end) of that day in ``zone``, as UTC."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise UserFacingError("schedule.bad_date", value=value[:20]) from None
    moment = datetime.combine(day, time(23, 59) if end else time(0, 0), tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


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

    async def cog_load(self) -> None:
        self.bot.schedule_kinds.host(self.schedule, self._create_kind)
        now = self.bot.clock()
        for schedule in await repository.active(self.bot.db):
            rule = parse(schedule.phrase, schedule.zone)
            if schedule.next_run_at is not None and schedule.next_run_at <= now:
                # Missed while offline: the latest run once if within the grace window, never a burst.
                run, skipped = missed(rule, schedule.last_run_at or schedule.created_at, now, GRACE)
                if skipped:
                    log.info(
                        "Schedule %s: skipped %d run(s) missed while offline", schedule.id, skipped
                    )
                if run is not None:
                    await repository.set_next(self.bot.db, schedule.id, run)
                    self._arm(schedule, run, schedule.remind_seconds)
                    continue
                later = upcoming(rule, now, 1, schedule.starts_at, schedule.ends_at)
                await repository.set_next(
                    self.bot.db, schedule.id, later[0] if later else None, now
                )
                if later:
                    self._arm(schedule, later[0], schedule.remind_seconds)
            elif schedule.next_run_at is not None:
                self._arm(schedule, schedule.next_run_at, schedule.remind_seconds)

    async def cog_unload(self) -> None:
        self.bot.schedule_kinds.unhost()

    def _announced(self, kind_name: str) -> ScheduleKind[Any] | None:
        """The kind, if its runs are announced ahead as Discord scheduled events."""
        kind = self.bot.schedule_kinds.get(kind_name)
        return kind if kind is not None and kind.event_keys is not None else None

    def _kind_title(self, lang: Lang, kind_name: str) -> str:
        kind = self.bot.schedule_kinds.get(kind_name)
        if kind_name == "announcement":
            return self.bot.i18n.t(lang, "schedule.kind.announcement")
        if kind is None:  # its feature is not loaded here: its name as stored
            return kind_name
        return self.bot.i18n.t(lang, kind.title_key)

    def _arm(self, schedule: Schedule, when: datetime, remind_seconds: int | None = None) -> None:
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

    @staticmethod
    def _reminder_seconds(remind_before: str | None) -> int | None:
        """The reminder's lead time, validated before anything is stored."""
        if not remind_before:
            return None
        return int(
            parse_duration(
                remind_before, minimum=timedelta(minutes=1), maximum=timedelta(days=7)
            ).total_seconds()
        )

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
            label = self._kind_title(lang, schedule.kind)
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
        now = self.bot.clock()
        due = schedule.next_run_at or now
        later = upcoming(
            parse(schedule.phrase, schedule.zone),
            max(now, due),
            1,
            schedule.starts_at,
            schedule.ends_at,
        )
        nxt = later[0] if later else None

        async def claim(posts: Sequence[OutboxPost]) -> bool:
            # False: this occurrence already ran (a race with run-now or a restart)
            return await repository.claim_run(self.bot.db, schedule.id, due, nxt, now, posts)

        declined = await self._execute(
            schedule, claim, f"s{schedule.id:x}r{int(due.timestamp()):x}"
        )
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
            self._arm(schedule, nxt, schedule.remind_seconds)

    async def _execute(
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
                t(lang, "schedule.reason_feature", kind=self._kind_title(lang, schedule.kind)),
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

    # --- commands ---------------------------------------------------------------------------

    def _rule(self, interaction: discord.Interaction, phrase: str) -> Rule:
        guild = require_guild(interaction)
        return parse(phrase, self.bot.guild_settings.timezone_name(guild.id))

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
        remind = self._reminder_seconds(remind_before)
        require_postable(interaction, channel, ("view_channel", "send_messages"))
        now = self.bot.clock()
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
            phrase=when,
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
        self._arm(schedule, runs[0], remind)
        await send_private(
            interaction,
            text(
                interaction,
                "schedule.created",
                id=schedule.id,
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
        rule = self._rule(interaction, when)
        runs = occurrences(rule, self.bot.clock(), 5)
        await send_private(
            interaction,
            text(
                interaction,
                "schedule.preview",
                phrase=when,
                zone=rule.zone,
                runs=_runs(runs) or text(interaction, "schedule.never"),
            ),
        )

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="list", description="Schedules of this server")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        found = await repository.of_guild(self.bot.db, guild.id)
        if not found:
            await send_private(interaction, text(interaction, "schedule.none"))
            return
        now = self.bot.clock()
        lines = []
        for s in found:
            kind = self._kind_title(lang_for(interaction), s.kind)
            if s.paused_reason:
                lines.append(
                    text(
                        interaction,
                        "schedule.line_paused",
                        id=s.id,
                        kind=kind,
                        channel=f"<#{s.channel_id}>",
                        phrase=s.phrase,
                        reason=s.paused_reason,
                    )
                )
            else:
                runs = upcoming(parse(s.phrase, s.zone), now, 3, s.starts_at, s.ends_at)
                lines.append(
                    text(
                        interaction,
                        "schedule.line",
                        id=s.id,
                        kind=kind,
                        channel=f"<#{s.channel_id}>",
                        phrase=s.phrase,
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
        lang = self.bot.guild_settings.locale(found.guild_id)
        await repository.pause(
            self.bot.db,
            found.id,
            self.bot.i18n.t(lang, "schedule.reason_manual", moderator=interaction.user.mention),
        )
        self.bot.scheduler.cancel(f"schedule:{found.id}")
        await self._drop_event(found)
        await send_private(interaction, text(interaction, "schedule.paused", id=found.id))

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="resume", description="Resume a paused schedule")
    @app_commands.describe(found="The schedule")
    @app_commands.rename(found="schedule")
    async def resume(self, interaction: discord.Interaction, found: ScheduleArg) -> None:
        require_moderator(interaction)
        runs = upcoming(
            parse(found.phrase, found.zone), self.bot.clock(), 3, found.starts_at, found.ends_at
        )
        await repository.pause(self.bot.db, found.id, None)
        await repository.set_next(self.bot.db, found.id, runs[0] if runs else None)
        if runs:
            self._arm(found, runs[0], found.remind_seconds)
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
        await self._drop_event(found)
        await repository.remove(self.bot.db, found.id)
        self.bot.scheduler.cancel(f"schedule:{found.id}")
        await send_private(interaction, text(interaction, "schedule.removed", id=found.id))

    @scoped(Scope.SERVER_MODERATOR)
    @schedule.command(name="run-now", description="Run a schedule once now")
    @app_commands.describe(found="The schedule")
    @app_commands.rename(found="schedule")
    async def run_now(self, interaction: discord.Interaction, found: ScheduleArg) -> None:
        require_moderator(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        declined = await self._execute(found)
        if declined is not None:
            raise declined
        await interaction.followup.send(
            text(interaction, "schedule.ran", id=found.id), ephemeral=True
        )
