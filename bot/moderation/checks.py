"""Step 2 of the pipeline: would Discord accept the action? Checked locally, so the bot never
sends a request Discord would refuse (10,000 refused requests in 10 minutes get a bot's IP
banned). Pure functions of the guild's cached state."""

from __future__ import annotations

from dataclasses import dataclass

import discord

ACTION_PERMISSION = {
    "timeout": "moderate_members",
    "untimeout": "moderate_members",
    "kick": "kick_members",
    "ban": "ban_members",
    "unban": "ban_members",
    "quarantine": "manage_roles",
    "delete": "manage_messages",
}
# The permission a moderator needs for a manual command.
COMMAND_PERMISSION = {**ACTION_PERMISSION, "warn": "moderate_members"}
# A quarantine role restricts; one that grants any of these could be abused to hand out power
# (checked when it is chosen and again when it is given: it may have gained permissions since).
DANGEROUS_ROLE_PERMISSIONS = discord.Permissions(
    administrator=True,
    manage_guild=True,
    manage_roles=True,
    manage_channels=True,
    manage_messages=True,
    kick_members=True,
    ban_members=True,
    moderate_members=True,
    manage_webhooks=True,
    mention_everyone=True,
    manage_nicknames=True,
    manage_threads=True,
    manage_events=True,
    view_audit_log=True,
)


@dataclass(frozen=True)
class Refusal:
    """Why an action cannot be carried out; ``code`` is stored on the case (see outcomes)."""

    code: str  # missing_permission, owner, administrator, hierarchy, self, actor_hierarchy, ...
    permission: str | None = None

    @property
    def outcome(self) -> str:
        return f"{self.code}:{self.permission}" if self.permission else self.code


def check_actionable(
    guild: discord.Guild, target: discord.Member | None, action: str
) -> Refusal | None:
    """Why the bot cannot apply ``action`` to ``target``, or None if it can."""
    permission = ACTION_PERMISSION.get(action)
    if permission is None or action == "delete":
        return None  # deleting a message is checked per channel by the caller
    me = guild.me
    if not getattr(me.guild_permissions, permission):
        return Refusal("missing_permission", permission)
    if target is None or action == "unban":
        return None
    if target.id == guild.owner_id:
        return Refusal("owner")
    if action in ("timeout", "untimeout") and target.guild_permissions.administrator:
        return Refusal("administrator")
    if target.top_role >= me.top_role:
        return Refusal("hierarchy")
    return None


def check_role(guild: discord.Guild, role: discord.Role | None) -> Refusal | None:
    """A quarantine role the bot may hand out: it exists, ranks below the bot and grants nothing
    dangerous."""
    if role is None:
        return Refusal("no_quarantine_role")
    if role >= guild.me.top_role or role.permissions.value & DANGEROUS_ROLE_PERMISSIONS.value:
        return Refusal("hierarchy")
    return None


def check_actor(
    guild: discord.Guild, actor: discord.Member, target: discord.Member
) -> Refusal | None:
    """A moderator may act only on members below them; never on themselves or the owner."""
    if actor.id == target.id:
        return Refusal("self")
    if target.id == guild.owner_id:
        return Refusal("owner")
    if actor.id != guild.owner_id and actor.top_role <= target.top_role:
        return Refusal("actor_hierarchy")
    return None
