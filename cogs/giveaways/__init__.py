"""Giveaways (Gewinnspiele), a verifiable draw exactly once. cog.py: commands; views.py: buttons;
service.py: opening, timers, draw, results; draw.py: the pure draw; repository.py: the SQL."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(attach_files=True, read_message_history=True)


async def setup(bot: Bot) -> None:
    from cogs.giveaways.cog import GiveawayCog

    await bot.add_cog(GiveawayCog(bot))
