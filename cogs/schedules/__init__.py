"""Recurring events: /schedule, one occurrence armed at a time, correct across DST and downtime."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions()  # posts where the core already may


async def setup(bot: Bot) -> None:
    from cogs.schedules.cog import ScheduleCog

    await bot.add_cog(ScheduleCog(bot))
