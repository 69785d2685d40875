"""Auto-moderation: the Discord glue of the content check, with actions, strikes and raids."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    manage_messages=True,  # delete messages that break a rule
    read_message_history=True,
    moderate_members=True,  # timeouts
    kick_members=True,  # only when a server configures kicks
    ban_members=True,  # only when a server configures bans
    manage_roles=True,  # quarantine role; channel overwrites during a lockdown
    manage_channels=True,  # lockdown
    manage_threads=True,  # lock threads during a lockdown
    view_audit_log=True,  # actions taken in Discord's own interface become cases
)


async def setup(bot: Bot) -> None:
    from cogs.automod.cog import AutomodCog
    from cogs.automod.commands import AutomodCommands
    from cogs.automod.raid import RaidButton

    bot.add_dynamic_items(RaidButton)
    await bot.add_cog(AutomodCog(bot))
    await bot.add_cog(AutomodCommands(bot))
