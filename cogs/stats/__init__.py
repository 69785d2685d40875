"""Engagement statistics, scheduled reports with charts, leaderboards, privacy."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    attach_files=True,  # the report chart, the CSV export
    read_message_history=True,  # after a crash mid-post, look for the report before posting again
    manage_guild=True,  # invite tracking: Discord lists invites with their uses only with it
)


async def setup(bot: Bot) -> None:
    from cogs.stats.cog import StatsCog
    from cogs.stats.commands import StatsCommands

    core = StatsCog(bot)
    await bot.add_cog(core)
    await bot.add_cog(StatsCommands(bot, core))
