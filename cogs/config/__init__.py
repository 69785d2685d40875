"""Per-server settings for admins: the /setup wizard (views.py, its decisions in setup.py) and
/config for single settings (cog.py)."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions()  # only answers interactions


async def setup(bot: Bot) -> None:
    from cogs.config.cog import ConfigCog, SetupCog

    await bot.add_cog(ConfigCog(bot))
    await bot.add_cog(SetupCog(bot))
