"""Recognition (Danke): members thank each other, the bot counts what helpful members already do,
and a monthly post names them, optionally with a role for the top helpers."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    manage_roles=True,  # the optional top-helper role
)


async def setup(bot: Bot) -> None:
    from cogs.thanks.cog import ThanksCog

    await bot.add_cog(ThanksCog(bot))
