"""What the setup wizard does besides showing pages: suggest channels by their names, take the
suggestions over, and create the channels that are still missing."""

from __future__ import annotations

from typing import Any

import discord

from bot.checks import POST_PERMISSIONS, missing_permissions
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import client_of, permission_label
from cogs.config.setup import (
    CHANNEL_PAGES,
    EXTRA_PERMISSIONS,
    NEW_NAMES,
    PRIVATE_PURPOSES,
    READ_ONLY_PURPOSES,
    suggest,
)

BOT_CHANNEL_RIGHTS = (
    "view_channel",
    "send_messages",
    "embed_links",
    "attach_files",
    "read_message_history",
)


def _usable(guild: discord.Guild, channel: discord.abc.GuildChannel) -> bool:
    return not missing_permissions(channel.permissions_for(guild.me), POST_PERMISSIONS)


def suggestions(bot: Any, guild: discord.Guild) -> dict[str, int]:
    """Recognised channels for the purposes not set yet (only where the bot can post)."""
    settings = bot.guild_settings
    unset = [
        p for page in CHANNEL_PAGES.values() for p in page if settings.channel(guild.id, p) is None
    ]
    taken = [
        cid
        for page in CHANNEL_PAGES.values()
        for p in page
        if (cid := settings.channel(guild.id, p)) is not None
    ]
    channels = [(c.id, c.name) for c in guild.text_channels if _usable(guild, c)]
    return suggest(unset, channels, taken)


async def accept_suggestions(
    interaction: discord.Interaction[Any], guild: discord.Guild, purposes: tuple[str, ...]
) -> None:
    settings = client_of(interaction).guild_settings
    for purpose, channel_id in suggestions(client_of(interaction), guild).items():
        if purpose in purposes and settings.channel(guild.id, purpose) is None:
            await settings.set_channel(guild.id, purpose, channel_id)


async def create_missing(
    interaction: discord.Interaction[Any], guild: discord.Guild, purposes: tuple[str, ...]
) -> None:
    """A channel for every purpose of the page that has neither a channel nor a suggestion: the
    team's channels private to the team, announcements and welcome read-only for members."""
    bot = client_of(interaction)
    settings = bot.guild_settings
    proposed = suggestions(bot, guild)
    wanted = [p for p in purposes if settings.channel(guild.id, p) is None and p not in proposed]
    if not wanted:
        return
    if not guild.me.guild_permissions.manage_channels:
        raise UserFacingError(
            "setup.cannot_create", permissions=permission_label(["manage_channels"])
        )
    await interaction.response.defer()
    lang: Lang = settings.locale(guild.id)
    have = guild.me.guild_permissions
    team = [r for r in (guild.get_role(i) for i in settings.staff_roles(guild.id)) if r]
    reason = bot.i18n.t(lang, "setup.audit_reason", user=str(interaction.user))[:500]
    for purpose in wanted:
        rights = BOT_CHANNEL_RIGHTS + EXTRA_PERMISSIONS.get(purpose, ())
        mine = discord.PermissionOverwrite(**{name: True for name in rights if getattr(have, name)})
        overwrites: dict[Any, discord.PermissionOverwrite] = {guild.me: mine}
        if purpose in PRIVATE_PURPOSES:
            overwrites[guild.default_role] = discord.PermissionOverwrite(view_channel=False)
            for role in team:
                overwrites[role] = discord.PermissionOverwrite(view_channel=True)
        elif purpose in READ_ONLY_PURPOSES:
            overwrites[guild.default_role] = discord.PermissionOverwrite(send_messages=False)
        channel = await guild.create_text_channel(
            NEW_NAMES[purpose][lang], overwrites=overwrites, reason=reason
        )
        await settings.set_channel(guild.id, purpose, channel.id)
