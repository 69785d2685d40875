"""Who may use a command, context menu, button or form: one declaration each, checked at run time.

Every command, context menu, persistent button and modal declares exactly one :class:`Access`:

- **member**: any member of the server (``/ask``, ``/mydata``, giveaway *Enter*, *Report message*);
- **owner**: only the member the object belongs to (their own appeal, their own question); the
  handler compares the object's owner, whose guild comes from the database (so it also works in
  DMs);
- **channel-moderator**: ``permission`` in the channel of use, for actions whose effect stays in
  that channel (``/purge``, ``/slowmode``);
- **server-moderator**: guild-level permissions from roles, the owner, Administrator, or a staff
  role from ``/config role``; with ``permission`` that permission server-wide (``/ban``);
- **admin**: Manage Server or Administrator server-wide (or an admin role from ``/config role``,
  unless ``permission`` names a Discord permission that is required as such).

``interaction.permissions`` includes channel overwrites, so it is used only for the channel scope:
a permission granted in one channel makes someone a helper there, never a server moderator.

Commands declare with :func:`scoped` (checked by the command tree before the command runs, before
its options are converted); persistent buttons subclass :class:`ScopedButton`, forms
:class:`ScopedModal`. The suite walks the command tree and the registered buttons and refuses
anything without a declaration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.cooldowns import Limit
from bot.errors import (
    CooldownError,
    ForeignIdError,
    GuildOnlyError,
    RestartingError,
    UserFacingError,
)
from bot.membertext import first_problem, printable, text_values

MODERATOR_PERMISSIONS = (
    "manage_guild",
    "moderate_members",
    "manage_messages",
    "kick_members",
    "ban_members",
)


class Scope(StrEnum):
    MEMBER = "member"
    OWNER = "owner"
    CHANNEL_MODERATOR = "channel-moderator"
    SERVER_MODERATOR = "server-moderator"
    ADMIN = "admin"


@dataclass(frozen=True)
class Access:
    scope: Scope
    permission: str | None = None
    #: a per-member rate limit taken when the check passes (bot/cooldowns.py)
    limit: Limit | None = None

    def __post_init__(self) -> None:
        if self.scope is Scope.CHANNEL_MODERATOR and self.permission is None:
            raise ValueError("a channel scope names the permission it needs in that channel")
        if self.permission is not None and not hasattr(discord.Permissions, self.permission):
            raise ValueError(f"unknown permission {self.permission!r}")

    @property
    def label(self) -> str:
        text = f"{self.scope.value} ({self.permission})" if self.permission else self.scope.value
        if self.limit is not None:
            text += f", {self.limit.count} per {self.limit.per:g} s"
        return text


MEMBER = Access(Scope.MEMBER)
OWNER = Access(Scope.OWNER)
SERVER_MODERATOR = Access(Scope.SERVER_MODERATOR)
ADMIN = Access(Scope.ADMIN)


class ServerPermissionError(UserFacingError):
    """Refused because the permission is not held server-wide (maybe only in a channel)."""

    key = "error.server_permission"


class ChannelPermissionError(UserFacingError):
    key = "error.missing_permissions"


def is_moderator(permissions: discord.Permissions) -> bool:
    """One of the moderation permissions (Administrator implies all)."""
    return any(getattr(permissions, name) for name in MODERATOR_PERMISSIONS)


def is_staff_member(member: discord.Member, staff_roles: frozenset[int]) -> bool:
    """Moderators and admins server-wide: a staff role from /config, or a moderation permission
    from the member's roles (``guild_permissions`` ignores channel overwrites)."""
    if staff_roles and any(role.id in staff_roles for role in member.roles):
        return True
    return is_moderator(member.guild_permissions)


class StaffCache:
    """:func:`is_staff_member` for the message path, decided once per guild, set of role ids and
    staff roles, not once per message (computing a member's guild permissions sorts their roles).
    Role changes in the guild forget the guild's decisions (:meth:`forget`); a member's own role
    change needs nothing, as their role ids are part of the key."""

    def __init__(self) -> None:
        self._decided: dict[tuple[int, tuple[int, ...], frozenset[int]], bool] = {}

    def is_staff(self, member: discord.Member, staff_roles: frozenset[int]) -> bool:
        guild = member.guild
        if member.id == guild.owner_id:
            return True
        key = (guild.id, tuple(member._roles), staff_roles)
        decided = self._decided.get(key)
        if decided is None:
            if len(self._decided) > 50_000:
                self._decided.clear()
            decided = self._decided[key] = is_staff_member(member, staff_roles)
        return decided

    def forget(self, guild_id: int) -> None:
        self._decided = {k: v for k, v in self._decided.items() if k[0] != guild_id}


def _bot(interaction: discord.Interaction[Any]) -> Any:
    from bot.replies import client_of

    return client_of(interaction)


def _member_of(
    interaction: discord.Interaction[Any], guild: discord.Guild
) -> discord.Member | None:
    user = interaction.user
    if isinstance(user, discord.Member) and user.guild.id == guild.id:
        return user
    return guild.get_member(user.id)


def _labels(*names: str) -> Any:
    from bot.replies import permission_label

    return permission_label(list(names))


def holds(
    member: discord.Member,
    access: Access,
    *,
    staff_roles: frozenset[int] = frozenset(),
    admin_roles: frozenset[int] = frozenset(),
) -> bool:
    """Whether ``member`` holds ``access`` server-wide (member, server-moderator and admin scopes).

    The pure decision: channel overwrites play no part."""
    permissions = member.guild_permissions  # the owner and Administrator have every permission
    if access.scope in (Scope.MEMBER, Scope.OWNER):
        return True
    if access.scope is Scope.SERVER_MODERATOR:
        if access.permission is not None:
            return bool(getattr(permissions, access.permission))
        return is_staff_member(member, staff_roles)
    if access.scope is Scope.ADMIN:
        if access.permission is not None:
            return bool(getattr(permissions, access.permission))
        return permissions.manage_guild or any(r.id in admin_roles for r in member.roles)
    return False


def require_running(interaction: discord.Interaction[Any]) -> None:
    """While the bot stops, nothing new starts: the member is told to try again shortly."""
    if getattr(interaction.client, "stopping", False):
        raise RestartingError()


def running_cog(interaction: discord.Interaction[Any], name: str) -> Any:
    """The loaded feature ``name``; gone (unloading at shutdown): a friendly refusal."""
    cog = interaction.client.get_cog(name)
    if cog is None:
        raise RestartingError()
    return cog


def enforce(
    interaction: discord.Interaction[Any], access: Access, *, guild_id: int | None = None
) -> discord.Member | None:
    """Raise a friendly refusal unless the interaction's user holds ``access``; for the
    server-moderator and admin scopes, return that member.

    ``guild_id``: the guild an object (from a custom_id) belongs to; a click from another guild is
    refused. Member and owner scopes pass here; owner checks compare the object's owner."""
    if access.scope in (Scope.MEMBER, Scope.OWNER):
        return None
    guild = interaction.guild
    if guild is None:
        raise GuildOnlyError()
    if guild_id is not None and guild_id != guild.id:
        raise ForeignIdError()
    if access.scope is Scope.CHANNEL_MODERATOR:
        assert access.permission is not None
        if not getattr(interaction.permissions, access.permission):
            raise ChannelPermissionError(permissions=_labels(access.permission))
        return None
    member = _member_of(interaction, guild)
    if member is None:
        raise GuildOnlyError()
    settings = _bot(interaction).guild_settings.get(guild.id)
    if holds(
        member,
        access,
        staff_roles=settings.moderator_roles | settings.admin_roles,
        admin_roles=settings.admin_roles,
    ):
        return member
    if access.permission is not None:
        needed = access.permission
    elif access.scope is Scope.ADMIN:
        needed = "manage_guild"
    else:
        needed = "moderate_members"
    raise ServerPermissionError(permissions=_labels(needed))


def take_limit(interaction: discord.Interaction[Any], access: Access) -> None:
    """Take one use of the access's rate limit, atomically (no await between check and take).
    Member limits do not bind the server team; bulk limits bind every moderator. The use is
    remembered on the interaction, so a refusal for bad input gives it back (bot/replies.py)."""
    limit = access.limit
    if limit is None:
        return
    bot = _bot(interaction)
    guild = interaction.guild
    if not limit.moderators and guild is not None:
        member = _member_of(interaction, guild)
        if member is not None and is_staff_member(member, bot.guild_settings.staff_roles(guild.id)):
            return
    retry = bot.cooldowns.take(limit, interaction.guild_id or 0, interaction.user.id)
    if retry is not None:
        when = bot.clock() + timedelta(seconds=retry + 1)
        error = CooldownError(retry=discord.utils.format_dt(when, "R"))
        # what the member typed comes back with the refusal
        error.kept = "\n".join(v for v in text_values(interaction.data) if len(v) > 1) or None
        raise error
    interaction.extras["cooldown"] = limit


# --- commands -------------------------------------------------------------------------------

CommandT = TypeVar("CommandT", app_commands.Command[Any, ..., Any], app_commands.ContextMenu)


def scoped(scope: Scope, permission: str | None = None, *, limit: Limit | None = None) -> Any:
    """Declare who may use a command or context menu (put it above ``@app_commands.command``),
    and optionally its rate limit.

    The command tree enforces it before the command runs (:func:`check_command`)."""
    access = Access(scope, permission, limit)

    def decorate(command: CommandT) -> CommandT:
        if not isinstance(command, app_commands.Command | app_commands.ContextMenu):
            raise TypeError("@scoped goes above @app_commands.command / context_menu")
        command.extras["access"] = access
        return command

    return decorate


def access_of(command: Any) -> Access | None:
    extras = getattr(command, "extras", None) or {}
    access = extras.get("access")
    return access if isinstance(access, Access) else None


class UndeclaredScopeError(UserFacingError):
    key = "error.not_allowed"


def check_command(interaction: discord.Interaction[Any]) -> None:
    """The tree-wide check: the command's declared access, enforced; undeclared ones refused."""
    require_running(interaction)
    command = interaction.command
    if command is None:
        return  # unknown command: discord.py reports it
    access = access_of(command)
    if access is None:
        raise UndeclaredScopeError()
    enforce(interaction, access)
    if interaction.type is not discord.InteractionType.autocomplete:
        unusable = first_problem(interaction.data)
        if unusable is not None:
            raise UnusableTextError(unusable[0], kept=printable(unusable[1]))
        take_limit(interaction, access)


class UnusableTextError(UserFacingError):
    """Typed text that cannot be stored or says nothing; ``kept`` is shown back."""

    def __init__(self, key: str, *, kept: str) -> None:
        super().__init__(key)
        self.kept = kept


def undeclared_commands(tree: app_commands.CommandTree[Any]) -> list[str]:
    """Commands and context menus without a declared access (the suite keeps this empty)."""
    missing = []
    for command in tree.walk_commands():
        if isinstance(command, app_commands.Command) and access_of(command) is None:
            missing.append(command.qualified_name)
    for kind in (discord.AppCommandType.message, discord.AppCommandType.user):
        for menu in tree.get_commands(type=kind):
            if access_of(menu) is None:
                missing.append(menu.name)
    return missing


def command_table(tree: app_commands.CommandTree[Any]) -> list[tuple[str, Access]]:
    """(name, access) for every command and context menu: the README's permission table."""
    rows: list[tuple[str, Access]] = []
    for command in tree.walk_commands():
        if isinstance(command, app_commands.Command):
            access = access_of(command)
            if access is not None:
                rows.append((f"/{command.qualified_name}", access))
    for menu in tree.get_commands(type=discord.AppCommandType.message):
        access = access_of(menu)
        if access is not None:
            rows.append((f"Apps › {menu.name}", access))
    return rows


__all__ = [
    "ADMIN",
    "MEMBER",
    "OWNER",
    "SERVER_MODERATOR",
    "Access",
    "CooldownError",
    "Scope",
    "check_command",
    "command_table",
    "enforce",
    "holds",
    "is_moderator",
    "is_staff_member",
    "scoped",
    "undeclared_commands",
]
