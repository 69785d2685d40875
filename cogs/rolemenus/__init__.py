"""Role menus: messages with buttons or a select where members pick roles themselves."""

from __future__ import annotations

import discord

from bot.core import Bot

REQUIRED_PERMISSIONS = discord.Permissions(
    manage_roles=True,  # hand out the menu's roles
)


async def setup(bot: Bot) -> None:
    from cogs.rolemenus.cog import RoleMenuCog

    await bot.add_cog(RoleMenuCog(bot))
