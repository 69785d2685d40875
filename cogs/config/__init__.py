"""/config: per-server settings (channels, language, time zone) for admins."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions()  # only answers interactions


async def setup(bot: Bot) -> None:
    from cogs.config.cog import ConfigCog

    await bot.add_cog(ConfigCog(bot))
