"""What moderators pick in case commands: one of this server's cases, by its number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.moderation.cases.repository import Case
from bot.ui.transformers import GuildObject

if TYPE_CHECKING:
    from bot.core import Bot


class CaseOption(GuildObject[Case]):
    unknown_key = "cases.not_found"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Case | None:
        return await bot.cases.get(guild_id, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Case]:
        from bot.replies import client_of

        return await client_of(interaction).cases.recent(guild_id)

    def number_of(self, obj: Case) -> int:
        return obj.number

    def label(self, obj: Case, interaction: discord.Interaction[Any]) -> str:
        from bot.replies import text

        return f"#{obj.number} · {text(interaction, f'action.{obj.action}')} · {obj.reason[:60]}"
