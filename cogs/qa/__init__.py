"""Q&A rounds (Fragerunden) and the community FAQ built from their answers. Cogs: cog.py, commands.py,
faq.py; buttons and forms: views.py; the work: service.py, questions.py; embeds: render.py; how
a round's questions are counted: counting.py; FAQ
matching: words.py, terms.py, matching.py (no Discord); SQL: repository/."""

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
