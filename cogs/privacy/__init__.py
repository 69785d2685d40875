"""/mydata: members see and delete what the bot stores about them."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions()  # answers interactions, files go with the reply


async def setup(bot: Bot) -> None:
    from cogs.privacy.cog import PrivacyCog

    await bot.add_cog(PrivacyCog(bot))
