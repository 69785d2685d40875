"""Q&A rounds (Fragerunden) and the community FAQ built from their answers."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(read_message_history=True)


async def setup(bot: Bot) -> None:
    from cogs.qa import strings
    from cogs.qa.cog import QaCog
    from cogs.qa.commands import QaCommands
    from cogs.qa.faq import FaqCog

    bot.i18n.add_feature(strings)
    await bot.add_cog(QaCog(bot))
    await bot.add_cog(QaCommands(bot))
    await bot.add_cog(FaqCog(bot))
