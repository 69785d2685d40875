"""Temporary bans lift themselves: the end time is stored with the ban (in the transaction that
marks the ban applied), the scheduler is armed from the stored rows at start, and a ban whose
time passed while the bot was offline is lifted at once. The lift is an unban through the
pipeline; a failure other than "not banned" is retried ten minutes later, never lost."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.moderation.cases.repository import TempBan
from bot.moderation.pipeline import Order

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

RETRY_LIFT = timedelta(minutes=10)


class TempBans:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def arm_all(self) -> None:
        for ban in await self.bot.cases.temp_bans():
            if self.bot.owns(ban.guild_id):  # another process lifts the other shards' bans
                self.arm(ban)

    def arm(self, ban: TempBan) -> None:
        self.bot.scheduler.run_at(
            self._job(ban.guild_id, ban.user_id), ban.unban_at, self.lift, ban.guild_id, ban.user_id
        )

    async def end(self, guild_id: int, user_id: int) -> None:
        """The ban ends otherwise (an unban, a permanent ban, a revoked case)."""
        await self.bot.cases.cancel_temp_ban(guild_id, user_id)
        self.bot.scheduler.cancel(self._job(guild_id, user_id))

    async def lift(self, guild_id: int, user_id: int) -> None:
        """A temporary ban's time is up (also when it passed while the bot was offline)."""
        bot = self.bot
        await bot.wait_until_ready()
        if bot.get_guild(guild_id) is None:
            return  # not in that server now; the row stays and is re-armed at the next start
        ban = await bot.cases.take_due_temp_ban(guild_id, user_id)
        if ban is None:
            return
        lang = bot.guild_settings.locale(guild_id)
        reason = bot.i18n.t(lang, "mod.temp_ban_over")
        outcome = await bot.moderation.run(Order(guild_id, user_id, "unban", reason))
        if not outcome.applied:
            log.warning(
                "Lifting the temporary ban of %s in %s failed (%s); retrying later",
                user_id,
                guild_id,
                outcome.code,
            )
            retry = TempBan(guild_id, user_id, bot.clock() + RETRY_LIFT, ban.case_number)
            await bot.cases.add_temp_ban(retry)
            self.arm(retry)

    @staticmethod
    def _job(guild_id: int, user_id: int) -> str:
        return f"tempban:{guild_id}:{user_id}"
