"""The monthly recognition post: timed like the reports (one post per server and month, claimed
in the database first, the latest missed month posted once at start, never a burst), written in
the server's language, and the optional top-helper role moved to the new helpers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import discord

from bot.core import Bot
from bot.i18n import Lang
from bot.roles import granted_permissions, team_role_ids
from cogs.thanks import repository
from cogs.thanks.ranking import (
    ROLE_TOP,
    Helper,
    Tally,
    bounds,
    due,
    latest_due,
    month_of,
    podium,
    top,
)
from cogs.thanks.repository import Settings
from cogs.thanks.rules import role_problem

log = logging.getLogger(__name__)

#: after a failed post (Discord refused it, the channel is gone or the bot may not post there)
#: the month is tried again this much later, a few times, before waiting for the next month
RETRY_DELAYS = (timedelta(minutes=10), timedelta(minutes=30), timedelta(hours=2))


def role_issue(
    bot: Bot, guild: discord.Guild, role_id: int | None
) -> tuple[str, tuple[str, ...]] | None:
    """Why the top-helper role cannot be given now (None: it can)."""
    role = guild.get_role(role_id) if role_id else None
    me = guild.me
    problem = role_problem(
        exists=role is not None,
        managed=role is not None and (role.managed or role.is_default()),
        below_bot=role is not None and me is not None and role < me.top_role,
        permissions=granted_permissions(role) if role else 0,
        team=role is not None and role.id in team_role_ids(bot, guild.id),
    )
    return None if problem is None else (problem.key, problem.permissions)


class Recognition:
    def __init__(self, bot: Bot, settings_of: Callable[[int], Settings]) -> None:
        self.bot = bot
        self._settings_of = settings_of
        self._posting: set[tuple[int, str]] = set()  # months being posted right now
        self._failed: dict[int, int] = {}  # failed tries of the month being posted, per server

    def job_key(self, guild_id: int) -> str:
        return f"thanks:monthly:{guild_id}"

    def arm(self, guild_id: int) -> None:
        """Arm the next monthly post (or cancel it when switched off)."""
        key = self.job_key(guild_id)
        if not self._settings_of(guild_id).monthly:
            self.bot.scheduler.cancel(key)
            return
        zone = self.bot.guild_settings.timezone(guild_id)
        current = month_of(self.bot.clock(), zone)
        self.bot.scheduler.run_at(key, due(current, zone), self.monthly_job, guild_id)

    def next_due(self, guild_id: int) -> datetime | None:
        key = self.job_key(guild_id)
        return next((j.run_at for j in self.bot.scheduler.pending() if j.key == key), None)

    async def monthly_job(self, guild_id: int) -> None:
        await self.bot.wait_until_ready()
        failed = False
        try:
            failed = await self.post_due(guild_id) is None
        finally:
            tries = self._failed.pop(guild_id, 0)
            if failed and tries < len(RETRY_DELAYS) and self._settings_of(guild_id).monthly:
                self._failed[guild_id] = tries + 1
                when = self.bot.clock() + RETRY_DELAYS[tries]
                self.bot.scheduler.run_at(self.job_key(guild_id), when, self.monthly_job, guild_id)
            else:
                self.arm(guild_id)

    async def tally(self, guild_id: int, month: str) -> list[Helper]:
        zone = self.bot.guild_settings.timezone(guild_id)
        start, end = bounds(month, zone)
        db = self.bot.db
        return Tally(
            thanks=await repository.received(db, guild_id, start, end),
            answers=await repository.answers(db, guild_id, start, end),
            faq=await repository.faq_helped(db, guild_id, start, end),
            places=podium(await repository.contest_entries(db, guild_id, start, end)),
            done=await repository.suggestions_done(db, guild_id, start, end),
        ).helpers()

    async def nameable(self, guild: discord.Guild, helpers: list[Helper]) -> dict[int, bool]:
        return {
            h.user_id: guild.get_member(h.user_id) is not None
            and self.bot.may_name(guild.id, h.user_id)
            for h in helpers
        }

    async def post_due(self, guild_id: int) -> bool | None:
        """Post the latest month that is due, once. True if a post went out; None if it failed
        and is worth trying again (no channel, no permission, Discord refused)."""
        settings = self._settings_of(guild_id)
        guild = self.bot.get_guild(guild_id)
        if not settings.monthly or guild is None:
            return False
        zone = self.bot.guild_settings.timezone(guild_id)
        month = latest_due(self.bot.clock(), zone)
        if settings.posts_from is None or month < settings.posts_from:
            return False
        channel_id = self.bot.guild_settings.channel(guild_id, "announcements")
        channel = guild.get_channel(channel_id) if channel_id else None
        if not isinstance(channel, discord.TextChannel):
            log.warning("Recognition of %s for %s: no announcements channel", guild_id, month)
            return None
        perms = channel.permissions_for(guild.me)
        if not (perms.view_channel and perms.send_messages):
            log.warning("Recognition of %s for %s: cannot post in %s", guild_id, month, channel.id)
            return None
        if (guild_id, month) in self._posting:
            return False
        self._posting.add((guild_id, month))
        try:
            return await self._post(guild, channel, settings, month)
        finally:
            self._posting.discard((guild_id, month))

    async def _post(
        self, guild: discord.Guild, channel: discord.TextChannel, settings: Settings, month: str
    ) -> bool | None:
        db = self.bot.db
        state = await repository.claim_post(db, guild.id, month, self.bot.clock())
        key = f"-# ref thanks:{month}"
        found = None
        if state == "unfinished":  # stopped while posting: did the post go out?
            found = await self._find(channel, key)
            if found is not None:
                await repository.posted(db, guild.id, month, found)
        if state == "done" or found is not None:
            await self.finish_role(guild, settings, month)
            return False
        named = await self.named(guild, month)
        if not named:
            await repository.posted(db, guild.id, month, 0)  # a quiet month gets no post
            return False
        lang = self.bot.guild_settings.locale(guild.id)
        try:
            message = await channel.send(
                self.render(guild, named, lang) + "\n" + key,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            log.warning("Recognition of %s for %s failed: %s", guild.id, month, exc)
            await repository.release_post(db, guild.id, month)
            return None
        await repository.posted(db, guild.id, month, message.id)
        await self.finish_role(guild, settings, month, named)
        return True

    async def named(self, guild: discord.Guild, month: str) -> list[Helper]:
        """The month's helpers who may be named, the most helpful first."""
        helpers = await self.tally(guild.id, month)
        return top(helpers, await self.nameable(guild, helpers))

    async def finish_role(
        self,
        guild: discord.Guild,
        settings: Settings,
        month: str,
        named: list[Helper] | None = None,
    ) -> None:
        """Move the top-helper role on to the month's helpers, once: tracked apart from the post,
        so a stop in between (or a post found in the channel) still gives it at the next start."""
        if not await repository.role_pending(self.bot.db, guild.id, month):
            return
        if named is None:
            named = await self.named(guild, month)
        await self.rotate_role(guild, settings, month, [h.user_id for h in named[:ROLE_TOP]])
        await repository.role_moved(self.bot.db, guild.id, month)

    async def _find(self, channel: discord.TextChannel, key: str) -> int | None:
        me = channel.guild.me
        try:
            async for message in channel.history(limit=100):
                if me is not None and message.author.id == me.id and key in message.content:
                    return message.id
        except discord.HTTPException as exc:
            log.warning("Looking for the recognition post in %s failed: %s", channel.id, exc)
        return None

    def render(self, guild: discord.Guild, named: list[Helper], lang: Lang) -> str:
        t = self.bot.i18n.t
        lines = [t(lang, "thanks.post_title", server=discord.utils.escape_markdown(guild.name))]
        for place, helper in enumerate(named):
            parts = [
                t(lang, f"thanks.part_{kind}", count=value)
                for kind, value in (
                    ("thanks", helper.thanks),
                    ("answers", helper.answers),
                    ("faq", helper.faq),
                    ("places", helper.places),
                    ("done", helper.done),
                )
                if value
            ]
            what = (
                parts[0]
                if len(parts) == 1
                else t(lang, "thanks.and", first=", ".join(parts[:-1]), last=parts[-1])
            )
            key = "thanks.post_first" if place == 0 else "thanks.post_line"
            lines.append(t(lang, key, member=f"<@{helper.user_id}>", what=what))
        lines.append(t(lang, "thanks.post_footer"))
        return "\n".join(lines)[:1950]

    async def rotate_role(
        self, guild: discord.Guild, settings: Settings, month: str, winners: list[int]
    ) -> None:
        """Give the top-helper role to the month's first helpers; with rotation, take it back
        from last month's who are not among them. A role that became unsafe is not touched."""
        if settings.role_id is None:
            return
        issue = role_issue(self.bot, guild, settings.role_id)
        if issue is not None:
            log.warning("Top-helper role in %s not given: %s", guild.id, issue[0])
            return
        role = guild.get_role(settings.role_id)
        assert role is not None
        if settings.rotate:
            for user_id, role_id in await repository.role_holders(self.bot.db, guild.id):
                member = guild.get_member(user_id)
                if user_id in winners or member is None or role_id != role.id:
                    continue
                try:
                    await member.remove_roles(role, reason="Top helpers: a new month")
                except discord.HTTPException as exc:
                    log.warning("Top-helper role not taken back in %s: %s", guild.id, exc)
        given = []
        for user_id in winners:
            member = guild.get_member(user_id)
            if member is None:
                continue
            try:
                await member.add_roles(role, reason=f"Top helpers of {month}")
                given.append(user_id)
            except discord.HTTPException as exc:
                log.warning("Top-helper role not given in %s: %s", guild.id, exc)
        await repository.set_role_holders(
            self.bot.db, guild.id, role.id, month, given, keep=not settings.rotate
        )
