"""What admins pick in giveaway commands: one of this server's giveaways."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.ui.transformers import GuildObject
from cogs.giveaways import repository
from cogs.giveaways.repository import Giveaway

if TYPE_CHECKING:
    from bot.core import Bot


class GiveawayOption(GuildObject[Giveaway]):
    unknown_key = "giveaway.unknown"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Giveaway | None:
        return await repository.get(bot.db, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Giveaway]:
        from bot.replies import client_of

        return await repository.recent(client_of(interaction).db, guild_id)

    def label(self, obj: Giveaway, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.id} {obj.prize}"
