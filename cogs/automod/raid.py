"""Raid defence: a join rate above the threshold alerts moderators (and can lock the server);
new accounts below a minimum age get a quarantine role or are kicked, if configured."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import discord

from bot.contentcheck.spam import JoinTracker
from bot.core import Bot
from bot.moderation import lockdown
from bot.moderation.pipeline import Order, Outcome

log = logging.getLogger(__name__)


class RaidGuard:
    def __init__(self, bot: Bot, joins: JoinTracker) -> None:
        self.bot = bot
        self.joins = joins
        self._alerted_at: dict[int, float] = {}

    async def member_joined(self, member: discord.Member) -> None:
        guild = member.guild
        settings = self.bot.content_check.config(guild.id).raid
        if settings.enabled:
            now = time.monotonic()
            count = self.joins.observe(guild.id, now, settings.seconds)
            if (
                count >= settings.joins
                and now - self._alerted_at.get(guild.id, -1e9) > settings.seconds
            ):
                self._alerted_at[guild.id] = now
                await self._alert(guild, count, settings.seconds, settings.lockdown)
        if settings.min_account_age_hours and settings.new_account_action != "none":
            age = discord.utils.utcnow() - member.created_at
            if age < timedelta(hours=settings.min_account_age_hours):
                await self._new_account(
                    member,
                    settings.new_account_action,
                    settings.quarantine_role_id,
                    settings.min_account_age_hours,
                )

    async def _alert(self, guild: discord.Guild, joins: int, seconds: int, lock: bool) -> None:
        bot = self.bot
        lang = bot.guild_settings.locale(guild.id)
        suffix = ""
        if lock:
            reason = bot.i18n.t(lang, "lockdown.reason_raid", joins=joins, seconds=seconds)
            result = await lockdown.lock(bot, guild, 0, reason)
            if result.started:
                suffix = bot.i18n.t(
                    lang, "raid.locked", channels=result.channels, threads=result.threads
                )
        text = bot.i18n.t(lang, "raid.alert", joins=joins, seconds=seconds, lockdown=suffix)
        channel_id = bot.guild_settings.channel(guild.id, "modlog")
        channel = guild.get_channel(channel_id) if channel_id else None
        if isinstance(channel, discord.TextChannel):
            try:
                await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException as exc:
                log.warning("Raid alert could not be posted in %s: %s", guild.id, exc)

    async def _new_account(
        self, member: discord.Member, action: str, role_id: int | None, hours: int
    ) -> Outcome:
        """A kick, or the quarantine role, through the moderation pipeline."""
        bot, guild = self.bot, member.guild
        lang = bot.guild_settings.locale(guild.id)
        reason = bot.i18n.t(lang, "automod.reason.new_account", hours=hours)
        order = Order(
            guild.id, member.id, "kick" if action == "kick" else "quarantine", reason,
            rule="new_account", role_id=role_id,
        )  # fmt: skip
        return await bot.moderation.run(order, member)
