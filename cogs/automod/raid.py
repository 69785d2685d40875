"""Raid defence: a join rate above the threshold alerts moderators (and can lock the server);
new accounts below a minimum age get a quarantine role or are kicked, if configured.

The alert names its wave (the members who joined in the window) and carries buttons: lock the
server down now, or time out or kick the whole wave. Acting on the wave is claimed once (two
moderators clicking at once cannot double it) and runs through the moderation pipeline for each
member, so hierarchy, permissions, cases and DMs are the same as for any other action.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import timedelta
from typing import Any

import discord

from bot.contentcheck import repository
from bot.contentcheck.spam import JoinTracker
from bot.core import Bot
from bot.errors import ForeignIdError, UserFacingError
from bot.moderation import lockdown
from bot.moderation.orders import Order, Outcome, Result
from bot.replies import client_of, send_private, text
from bot.scopes import SERVER_MODERATOR, Access, Scope
from bot.ui.buttons import ScopedButton

log = logging.getLogger(__name__)

WAVE_TIMEOUT = timedelta(hours=1)


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
            count = self.joins.observe(guild.id, now, settings.seconds, member.id)
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
        locked = False
        if lock:
            reason = bot.i18n.t(lang, "lockdown.reason_raid", joins=joins, seconds=seconds)
            result = await lockdown.lock(bot, guild, 0, reason)
            locked = True
            if result.started:
                suffix = bot.i18n.t(
                    lang, "raid.locked", channels=result.channels, threads=result.threads
                )
        wave = self.joins.wave(guild.id)
        wave_id = await repository.add_wave(bot.db, guild.id, wave, bot.clock())
        members = " ".join(f"<@{m}>" for m in wave[:40]) + (" …" if len(wave) > 40 else "")
        text_ = bot.i18n.t(lang, "raid.alert", joins=joins, seconds=seconds, lockdown=suffix)
        text_ += "\n" + bot.i18n.t(lang, "raid.wave", count=len(wave), members=members)
        channel_id = bot.guild_settings.channel(guild.id, "modlog")
        channel = guild.get_channel(channel_id) if channel_id else None
        if isinstance(channel, discord.TextChannel):
            try:
                await channel.send(
                    text_[:2000],
                    view=wave_view(bot, guild.id, wave_id, locked),
                    allowed_mentions=discord.AllowedMentions.none(),
                )
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
            guild.id,
            member.id,
            "kick" if action == "kick" else "quarantine",
            reason,
            rule="new_account",
            role_id=role_id,
        )
        return await bot.moderation.run(order, member)


def wave_view(bot: Bot, guild_id: int, wave_id: int, locked: bool) -> discord.ui.View:
    lang = bot.guild_settings.locale(guild_id)
    view = discord.ui.View(timeout=None)
    for action in ("timeout", "kick") if locked else ("lock", "timeout", "kick"):
        label = bot.i18n.t(lang, f"raid.button.{action}")
        view.add_item(RaidButton(guild_id, wave_id, action, label))
    return view


class RaidButton(
    ScopedButton, template=r"raid:(?P<guild>\d+):(?P<wave>\d+):(?P<action>lock|timeout|kick)"
):
    """On a raid alert: moderators of the whole server, with the action's permission."""

    doc = "Lock down now / Time out the wave / Kick the wave (raid alert in the moderation log)"

    actions = {  # noqa: RUF012 (a class-level table, never mutated)
        "lock": SERVER_MODERATOR,
        "timeout": Access(Scope.SERVER_MODERATOR, "moderate_members"),
        "kick": Access(Scope.SERVER_MODERATOR, "kick_members"),
    }

    def __init__(self, guild_id: int, wave_id: int, action: str, label: str = "") -> None:
        style = discord.ButtonStyle.danger if action != "lock" else discord.ButtonStyle.primary
        super().__init__(
            discord.ui.Button(
                label=(label or action)[:80],
                style=style,
                custom_id=f"raid:{guild_id}:{wave_id}:{action}",
            )
        )
        self.guild_id, self.wave_id, self.action = guild_id, wave_id, action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RaidButton:
        return cls(int(match["guild"]), int(match["wave"]), match["action"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        bot = client_of(interaction)
        guild = bot.get_guild(self.guild_id)
        wave = await repository.get_wave(bot.db, self.guild_id, self.wave_id)
        if guild is None or wave is None:
            raise ForeignIdError()
        if self.action == "lock":
            await self._lock(interaction, bot, guild)
        else:
            await self._act(interaction, bot, guild, wave)

    async def _lock(
        self, interaction: discord.Interaction[Any], bot: Bot, guild: discord.Guild
    ) -> None:
        lang = bot.guild_settings.locale(guild.id)
        reason = bot.i18n.t(lang, "raid.lock_reason", moderator=str(interaction.user))
        result = await lockdown.lock(bot, guild, interaction.user.id, reason)
        if result.started:
            await bot.moderation.record(
                guild.id, 0, interaction.user.id, "lockdown", f"on: {reason}"
            )
        key = "mod.lockdown_on" if result.started else "mod.lockdown_already"
        await send_private(
            interaction,
            text(
                interaction,
                key,
                channels=result.channels,
                threads=result.threads,
                failed=result.failed,
            ),
        )

    async def _act(
        self,
        interaction: discord.Interaction[Any],
        bot: Bot,
        guild: discord.Guild,
        wave: repository.RaidWave,
    ) -> None:
        if not await repository.claim_wave(
            bot.db, guild.id, wave.id, self.action, interaction.user.id, bot.clock()
        ):
            fresh = await repository.get_wave(bot.db, guild.id, wave.id) or wave
            raise UserFacingError(
                "raid.already",
                action=text(interaction, f"raid.did.{fresh.decision}"),
                moderator=f"<@{fresh.decided_by}>",
            )
        lang = bot.guild_settings.locale(guild.id)
        reason = bot.i18n.t(lang, "raid.wave_reason")
        done = refused = gone = 0
        for user_id in wave.member_ids:
            member = await bot.moderation.member(guild, user_id)
            if member is None:
                gone += 1
                continue
            order = Order(
                guild.id,
                user_id,
                self.action,
                reason,
                moderator_id=interaction.user.id,
                duration=WAVE_TIMEOUT if self.action == "timeout" else None,
                record_refusal=False,
            )
            outcome = await bot.moderation.run(order, member)
            if outcome.result is Result.APPLIED:
                done += 1
            elif outcome.result is Result.REFUSED:
                refused += 1
            else:
                gone += 1
        await send_private(
            interaction,
            text(
                interaction,
                f"raid.result.{self.action}",
                done=done,
                refused=refused,
                gone=gone,
                total=len(wave.member_ids),
            ),
        )
        message = interaction.message
        if message is not None:
            note = bot.i18n.t(
                lang,
                "raid.decided",
                action=bot.i18n.t(lang, f"raid.did.{self.action}"),
                moderator=interaction.user.mention,
            )
            try:
                await message.edit(content=f"{message.content}\n{note}"[:2000], view=None)
            except discord.HTTPException as exc:
                log.warning("Raid alert %s not updated: %s", message.id, exc)
