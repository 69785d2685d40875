"""Giveaways (Gewinnspiele) with a verifiable draw, exactly once, restart-proof."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(attach_files=True, read_message_history=True)


async def setup(bot: Bot) -> None:
    from cogs.giveaways.cog import GiveawayCog

    await bot.add_cog(GiveawayCog(bot))
