"""Contests (Wettbewerbe): submissions, a voting window and a ranking; restart-proof."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(attach_files=True, create_events=True)


async def setup(bot: Bot) -> None:
    from cogs.contests.cog import ContestCog

    await bot.add_cog(ContestCog(bot))
