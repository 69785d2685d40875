"""Run-time checks for commands and buttons: permissions, channels, guild boundaries.

Slash-command ``default_permissions`` are only a hint that server admins can change; these checks
run on every use.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.errors import ChannelUnusableError, ForeignIdError, GuildOnlyError, UserFacingError
from bot.replies import permission_label
from bot.scopes import SERVER_MODERATOR, Access, Scope, enforce

POST_PERMISSIONS = ("view_channel", "send_messages", "embed_links")


def require_guild(interaction: discord.Interaction[Any]) -> discord.Guild:
    if interaction.guild is None:
        raise GuildOnlyError()
    return interaction.guild


def require_moderator(interaction: discord.Interaction[Any]) -> None:
    """The user is on the server team server-wide (never by a channel overwrite alone)."""
    enforce(interaction, SERVER_MODERATOR)


def staff_member(interaction: discord.Interaction[Any]) -> discord.Member | None:
    """The member if they are on the server team by *guild-level* permissions or a staff role
    from /config, else None (a permission granted in one channel only does not count)."""
    try:
        return require_staff(interaction)
    except UserFacingError:
        return None


def require_staff(interaction: discord.Interaction[Any]) -> discord.Member:
    """The member on the server team, or a refusal naming the missing permission."""
    member = enforce(interaction, SERVER_MODERATOR)
    assert member is not None
    return member


def require_guild_permission(interaction: discord.Interaction[Any], name: str) -> discord.Member:
    """The member has ``name`` (e.g. ``manage_guild``) server-wide, not only in this channel."""
    member = enforce(interaction, Access(Scope.SERVER_MODERATOR, name))
    assert member is not None
    return member


def require_moderator_of(interaction: discord.Interaction[Any], guild_id: int) -> None:
    """For persistent buttons: the click comes from that guild, by someone on its team."""
    enforce(interaction, SERVER_MODERATOR, guild_id=guild_id)


def require_same_guild(interaction: discord.Interaction[Any], guild_id: int | None) -> None:
    """An id from an option, autocomplete value or custom_id must belong to this guild."""
    if guild_id is None or interaction.guild_id is None or guild_id != interaction.guild_id:
        raise ForeignIdError()


def parse_id(value: str) -> int:
    """An id typed into (or autocompleted in) a string option; anything else is refused."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 20 or int(text) >= 2**63:
        raise ForeignIdError()  # SQLite integers are 64-bit: a larger number names nothing
    return int(text)


def missing_permissions(permissions: discord.Permissions, needed: tuple[str, ...]) -> list[str]:
    """The permissions of ``needed`` that are missing; without View Channel, only that one."""
    missing = [name for name in needed if not getattr(permissions, name)]
    return ["view_channel"] if "view_channel" in missing else missing


def require_postable(
    interaction: discord.Interaction[Any],
    channel: discord.abc.GuildChannel | discord.Thread,
    needed: tuple[str, ...] = POST_PERMISSIONS,
) -> None:
    """The bot can post in ``channel``, and so can the member who asked it to."""
    guild = require_guild(interaction)
    require_same_guild(interaction, channel.guild.id)
    if guild.get_channel_or_thread(channel.id) is None:
        raise ForeignIdError()
    me_missing = missing_permissions(channel.permissions_for(guild.me), needed)
    if me_missing:
        raise ChannelUnusableError(
            channel=channel.mention, permissions=permission_label(me_missing)
        )
    member = interaction.user
    if isinstance(member, discord.Member):
        member_missing = missing_permissions(channel.permissions_for(member), needed[:2])
        if member_missing:
            raise ChannelUnusableError(
                "error.channel_unusable_member",
                channel=channel.mention,
                permissions=permission_label(member_missing),
            )


def posting_channel(
    interaction: discord.Interaction[Any],
    channel: discord.TextChannel | None,
    needed: tuple[str, ...] = POST_PERMISSIONS,
) -> discord.TextChannel:
    """Where a command posts: the channel given, else the current one; a text channel of this
    guild where the bot and the member may both post."""
    target = channel or interaction.channel
    if not isinstance(target, discord.TextChannel):
        raise UserFacingError("error.not_allowed")
    require_postable(interaction, target, needed)
    return target
