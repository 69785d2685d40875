"""Carrying out a recorded case on Discord, and the strike ladder's steps; shared by
auto-moderation and the manual moderation commands (the case and the step it crosses are
recorded together first: ``CaseLog.record_offence``)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import TYPE_CHECKING

import discord

from bot import enforcement
from bot.appeals import appeal_view, false_positive_view
from bot.cases.posting import post_case
from bot.cases.repository import Case, Escalation
from bot.contentcheck.rules import CONTENT_RULES
from bot.replies import permission_label
from bot.timeutil import discord_timestamp

if TYPE_CHECKING:
    from bot.core import Bot


class Escalations:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._ladder_locks: dict[tuple[int, int], asyncio.Lock] = {}

    async def step(self, member: discord.Member, escalated: Escalation) -> None:
        """Carry out a ladder step. Steps of one member run one at a time, in the order they
        were crossed (their case numbers), so a later, harsher step is never undone."""
        async with self._ladder_lock(member.guild.id, member.id):
            step = escalated.step
            await self.carry_out(
                escalated.case, member, step.action, step.duration, escalated.case.reason
            )

    async def carry_out(
        self,
        case: Case,
        member: discord.Member,
        action: str,
        duration: timedelta | None,
        reason: str,
        deletable: bool = True,
    ) -> None:
        bot, guild = self.bot, member.guild
        lang = bot.guild_settings.locale(guild.id)
        if action == "flag":
            outcome, dm_status = None, None
        elif action == "delete" and not deletable:
            label = permission_label(["manage_messages"])
            outcome, dm_status = (
                bot.i18n.t(lang, "outcome.missing_permission", permission=label),
                "not_needed",
            )
        elif action == "delete":
            outcome, dm_status = bot.i18n.t(lang, "outcome.done"), "not_needed"
            if case.rule in CONTENT_RULES or case.rule == "offense":
                # Say why, so an honest member learns the rule instead of guessing.
                notice = bot.i18n.t(
                    lang,
                    "notice.delete",
                    server=guild.name,
                    reason=reason,
                    channel=f"<#{case.channel_id}>",
                )
                dm_status = await enforcement.notify(member, notice, appeal_view(bot, case))
        elif action == "warn":
            notice = bot.i18n.t(lang, "notice.warn", server=guild.name, reason=reason)
            dm_status = await enforcement.notify(member, notice, appeal_view(bot, case))
            outcome = bot.i18n.t(lang, "outcome.done")
        else:
            notice = self._notice(action, guild, reason, duration, lang)
            result = await enforcement.apply(
                bot,
                guild,
                member,
                action,
                reason,
                duration=duration,
                notice=notice,
                view=appeal_view(bot, case),
            )
            outcome, dm_status = result.outcome, result.dm_status
        if outcome is not None:
            await bot.cases.set_outcome(case, outcome, dm_status)
        refreshed = await bot.cases.get(case.guild_id, case.number) or case
        active = await bot.cases.active_points(guild.id, member.id) if case.points else None
        await post_case(bot, refreshed, active, false_positive_view(bot, refreshed))

    def _notice(
        self, action: str, guild: discord.Guild, reason: str, duration: timedelta | None, lang: str
    ) -> str:
        t = self.bot.i18n.t
        if action == "timeout":
            until = discord_timestamp(
                discord.utils.utcnow() + (duration or timedelta(minutes=10)), "f"
            )
            return t(lang, "notice.timeout", server=guild.name, reason=reason, until=until)  # type: ignore[arg-type]
        return t(lang, f"notice.{action}", server=guild.name, reason=reason)  # type: ignore[arg-type]

    def _ladder_lock(self, guild_id: int, user_id: int) -> asyncio.Lock:
        key = (guild_id, user_id)
        lock = self._ladder_locks.get(key)
        if lock is None:
            if len(self._ladder_locks) > 10_000:  # forget idle locks
                self._ladder_locks = {k: v for k, v in self._ladder_locks.items() if v.locked()}
            lock = self._ladder_locks[key] = asyncio.Lock()
        return lock
