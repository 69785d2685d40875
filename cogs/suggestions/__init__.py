"""The public suggestions board (Vorschläge): members suggest with a form, everyone votes up or
down and talks about it in a thread, the team sets a status with a reason. Commands: cog.py;
buttons and forms: views.py; the work: service.py; embeds: render.py; the board's rules
(statuses, votes, order, median): board.py (no Discord); SQL: repository/."""

from __future__ import annotations

import discord

from bot.core import Bot

# the discussion thread made from each suggestion's message, and posting in it
REQUIRED_PERMISSIONS = discord.Permissions(
    create_public_threads=True, send_messages_in_threads=True, read_message_history=True
)


async def setup(bot: Bot) -> None:
    from cogs.suggestions import strings
    from cogs.suggestions.cog import SuggestionsCog

    bot.i18n.add_feature(strings)
    await bot.add_cog(SuggestionsCog(bot))
