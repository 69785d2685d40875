"""/help for everyone and /status for the server team."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions()  # only answers interactions


async def setup(bot: Bot) -> None:
    from cogs.meta.cog import MetaCog

    await bot.add_cog(MetaCog(bot))
