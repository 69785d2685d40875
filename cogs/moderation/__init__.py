"""Manual moderation: /warn, /timeout, /untimeout, /kick, /ban, /unban, /purge, /slowmode, /lockdown."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    moderate_members=True,
    kick_members=True,
    ban_members=True,
    manage_messages=True,
    read_message_history=True,
    manage_channels=True,
    manage_roles=True,
    manage_threads=True,
)


async def setup(bot: Bot) -> None:
    from cogs.moderation.cog import ModerationCog

    await bot.add_cog(ModerationCog(bot))
