"""What members of the team pick in schedule commands: one of this server's schedules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.ui.transformers import GuildObject
from cogs.schedules import repository
from cogs.schedules.repository import Schedule

if TYPE_CHECKING:
    from bot.core import Bot


class ScheduleOption(GuildObject[Schedule]):
    unknown_key = "schedule.unknown"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Schedule | None:
        return await repository.get(bot.db, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Schedule]:
        from bot.replies import client_of

        return await repository.of_guild(client_of(interaction).db, guild_id)

    def label(self, obj: Schedule, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.id} {obj.phrase}"
