"""Discord permission arithmetic (guild base permissions and channel overwrites)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_AUDIT_LOG = 1 << 7
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CHANGE_NICKNAME = 1 << 26
MANAGE_NICKNAMES = 1 << 27
MANAGE_ROLES = 1 << 28
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_EVENTS = 1 << 33
MANAGE_THREADS = 1 << 34
CREATE_PUBLIC_THREADS = 1 << 35
CREATE_PRIVATE_THREADS = 1 << 36
SEND_MESSAGES_IN_THREADS = 1 << 38
MODERATE_MEMBERS = 1 << 40
CREATE_EVENTS = 1 << 44

#: every permission bit currently defined by Discord (up to bit 50)
ALL_PERMISSIONS = (1 << 51) - 1

#: the permissions Discord gives @everyone in a new guild
DEFAULT_EVERYONE = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_EXTERNAL_EMOJIS
    | (1 << 20)  # CONNECT
    | (1 << 21)  # SPEAK
    | (1 << 25)  # USE_VAD
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | CREATE_PRIVATE_THREADS
    | SEND_MESSAGES_IN_THREADS
)

#: permissions Discord reports for a bot in a DM (app_permissions in DM interactions)
DM_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
    | MENTION_EVERYONE
)


def base_permissions(
    *,
    user_id: int,
    owner_id: int,
    guild_id: int,
    role_permissions: Mapping[int, int],
    member_role_ids: Iterable[int],
) -> int:
    """Guild-level permissions: @everyone | member roles; owner and Administrator get all."""
    if user_id == owner_id:
        return ALL_PERMISSIONS
    perms = role_permissions.get(guild_id, 0)
    for role_id in member_role_ids:
        perms |= role_permissions.get(role_id, 0)
    if perms & ADMINISTRATOR:
        return ALL_PERMISSIONS
    return perms


def apply_overwrites(
    base: int,
    *,
    user_id: int,
    guild_id: int,
    member_role_ids: Iterable[int],
    overwrites: Iterable[Mapping[str, Any]],
) -> int:
    """Channel permissions as documented by Discord (everyone, roles combined, member)."""
    if base & ADMINISTRATOR or base == ALL_PERMISSIONS:
        return ALL_PERMISSIONS
    by_id = {int(o["id"]): o for o in overwrites}
    perms = base
    everyone = by_id.get(guild_id)
    if everyone is not None and int(everyone.get("type", 0)) == 0:
        perms &= ~int(everyone.get("deny", 0))
        perms |= int(everyone.get("allow", 0))
    allow = deny = 0
    for role_id in member_role_ids:
        ow = by_id.get(int(role_id))
        if ow is not None and int(ow.get("type", 0)) == 0:
            allow |= int(ow.get("allow", 0))
            deny |= int(ow.get("deny", 0))
    perms &= ~deny
    perms |= allow
    member_ow = by_id.get(user_id)
    if member_ow is not None and int(member_ow.get("type", 0)) == 1:
        perms &= ~int(member_ow.get("deny", 0))
        perms |= int(member_ow.get("allow", 0))
    # implicit denials: no View Channel means nothing else either
    if not perms & VIEW_CHANNEL:
        return 0
    if not perms & SEND_MESSAGES:
        perms &= ~(MENTION_EVERYONE | EMBED_LINKS | ATTACH_FILES | (1 << 12))
    return perms


def has(perms: int, required: int) -> bool:
    """True when every bit of ``required`` is present in ``perms``."""
    return perms & required == required
