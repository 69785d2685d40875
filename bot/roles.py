"""Permissions a role the bot hands out must never carry: self-assignable roles in role menus and
the top-helper role of the monthly recognition (checked when the role is chosen and again each
time it is given, since a role may gain permissions later), counting what a role's channel
overwrites allow; and the roles the bot treats as its team's, which it never hands out either."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import discord

#: Discord's bit for each permission (no discord import: the rule modules stay pure)
DANGEROUS: Mapping[str, int] = MappingProxyType(
    {
        "administrator": 1 << 3,
        "manage_guild": 1 << 5,
        "manage_roles": 1 << 28,
        "manage_channels": 1 << 4,
        "manage_messages": 1 << 13,
        "manage_webhooks": 1 << 29,
        "manage_threads": 1 << 34,
        "manage_nicknames": 1 << 27,
        "manage_events": 1 << 33,
        "manage_expressions": 1 << 30,  # edit and delete the server's emojis, stickers, sounds
        "create_expressions": 1 << 43,
        "create_events": 1 << 44,
        "kick_members": 1 << 1,
        "ban_members": 1 << 2,
        "moderate_members": 1 << 40,
        "mute_members": 1 << 22,
        "deafen_members": 1 << 23,
        "move_members": 1 << 24,
        "mention_everyone": 1 << 17,
        "pin_messages": 1 << 51,
        "bypass_slowmode": 1 << 52,
        "view_audit_log": 1 << 7,
        "view_guild_insights": 1 << 19,
        "view_creator_monetization_analytics": 1 << 41,
    }
)
DANGEROUS_MASK = sum(DANGEROUS.values())


def dangerous_names(permissions: int) -> tuple[str, ...]:
    """The dangerous permissions among ``permissions`` (a Discord permission value)."""
    return tuple(name for name, bit in DANGEROUS.items() if permissions & bit)


def granted_permissions(role: discord.Role) -> int:
    """What the role grants anywhere on the server: its server-wide permissions and whatever its
    overwrites allow in any channel or category (Manage Messages in one channel is enough to
    delete members' messages there)."""
    value = role.permissions.value
    for channel in role.guild.channels:
        value |= channel.overwrites_for(role).pair()[0].value
    return value


def team_role_ids(bot: Any, guild_id: int) -> frozenset[int]:
    """Roles the bot itself treats as special, which it must never hand out whatever their
    permissions: moderator and admin roles from /config role (their members count as staff),
    roles exempt from an auto-moderation rule, and the quarantine role of the raid protection."""
    config = bot.content_check.config(guild_id)
    exempt: set[int] = set()
    for ids in config.exempt_roles.values():
        exempt |= ids
    quarantine = config.raid.quarantine_role_id
    if quarantine is not None:
        exempt.add(quarantine)
    return bot.guild_settings.staff_roles(guild_id) | exempt
