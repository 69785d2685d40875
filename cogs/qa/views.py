"""What members pick in Q&A commands: one of this server's rounds that they may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.checks import staff_member
from bot.ui.transformers import GuildObject
from cogs.qa import repository
from cogs.qa.repository import Round

if TYPE_CHECKING:
    from bot.core import Bot


def may_see(bot: Bot, interaction: discord.Interaction[Any], round_: Round, team: bool) -> bool:
    """Autocomplete shows a round to the team and to the round's host who can see its channel."""
    if team:
        return True
    if interaction.user.id != round_.host_id:
        return False
    channel = bot.get_channel(round_.channel_id)
    member = interaction.user
    return (
        isinstance(channel, discord.TextChannel)
        and isinstance(member, discord.Member)
        and channel.permissions_for(member).view_channel
    )


class RoundOption(GuildObject[Round]):
    unknown_key = "qa.unknown_round"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Round | None:
        return await repository.get_round(bot.db, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Round]:
        from bot.replies import client_of

        bot = client_of(interaction)
        team = staff_member(interaction) is not None
        rounds = await repository.recent_rounds(bot.db, guild_id)
        return [r for r in rounds if may_see(bot, interaction, r, team)]

    def label(self, obj: Round, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.id} {obj.topic}"
