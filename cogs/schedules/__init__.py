"""Recurring events, one run armed at a time, right across DST and downtime. cog.py: /schedule;
service.py: arming, firing, reminders, events, pausing; dates.py: run dates; repository.py: SQL."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions()  # posts where the core already may


async def setup(bot: Bot) -> None:
    from cogs.schedules.cog import ScheduleCog

    await bot.add_cog(ScheduleCog(bot))
