"""The welcome: a message and an optional role for new members (after Membership Screening)."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    manage_roles=True,  # the optional welcome role
)


async def setup(bot: Bot) -> None:
    from cogs.welcome.cog import WelcomeCog

    await bot.add_cog(WelcomeCog(bot))
