"""/case, /cases and /mystatus; actions taken in Discord's own interface become cases."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(view_audit_log=True)


async def setup(bot: Bot) -> None:
    from cogs.cases.cog import CasesCog

    await bot.add_cog(CasesCog(bot))
