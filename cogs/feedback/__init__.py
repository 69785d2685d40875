"""The feedback inbox: civil criticism from chat, /feedback, and member reports."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    create_public_threads=True,
    create_private_threads=True,
    send_messages_in_threads=True,
    read_message_history=True,  # what the team wrote in a conversation while the bot was away
)


async def setup(bot: Bot) -> None:
    from cogs.feedback.cog import FeedbackCog

    await bot.add_cog(FeedbackCog(bot))
