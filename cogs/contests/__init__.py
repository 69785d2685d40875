"""Contests (Wettbewerbe): submissions, voting, a ranking. cog.py: commands; views.py: Vote button;
service.py: phases, votes, entries, results; ranking.py: pure ranking; results.py: the results
post's lines and embed; repository.py: the SQL."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(attach_files=True, create_events=True)


async def setup(bot: Bot) -> None:
    from cogs.contests.cog import ContestCog

    await bot.add_cog(ContestCog(bot))
