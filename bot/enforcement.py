"""Applying moderation actions on Discord, safely; shared by auto-moderation and the manual
moderation commands.

Every action is checked locally first (permissions, role hierarchy, owner, Administrator) so the
bot never sends a request Discord would refuse: 10,000 refused requests in 10 minutes get a bot's
IP banned. A member is notified *before* a kick or ban (afterwards the bot shares no server with
them). A 403 or 404 is never retried.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

import discord

from bot.cases.strikes import MAX_TIMEOUT
from bot.i18n import Localized

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

ACTION_PERMISSION = {
    "timeout": "moderate_members",
    "untimeout": "moderate_members",
    "kick": "kick_members",
    "ban": "ban_members",
    "unban": "ban_members",
    "quarantine": "manage_roles",
}
NOTIFIED_ACTIONS = ("warn", "timeout", "kick", "ban")


class Status(StrEnum):
    """What became of an action on Discord (decided on, never parsed from text)."""

    DONE = "done"
    REFUSED = "refused"  # checked locally: Discord would refuse, nothing was sent
    GONE = "gone"  # the member or user is no longer there
    FAILED = "failed"  # Discord refused or failed


@dataclass(frozen=True)
class ActionResult:
    status: Status
    outcome: str  # for the case, in the server's language
    dm_status: str  # sent, closed, failed or not_needed
    http_status: int | None = None

    @property
    def done(self) -> bool:
        return self.status is Status.DONE


@dataclass(frozen=True)
class Refusal:
    key: str  # an "outcome.*" string key
    permission: str | None = None


def check_actionable(guild: discord.Guild, target: discord.Member, action: str) -> Refusal | None:
    """Why the bot cannot apply ``action`` to ``target``, or None if it can."""
    permission = ACTION_PERMISSION.get(action)
    if permission is None:
        return None
    me = guild.me
    if not getattr(me.guild_permissions, permission):
        return Refusal("outcome.missing_permission", permission)
    if target.id == guild.owner_id:
        return Refusal("outcome.owner")
    if action in ("timeout", "untimeout") and target.guild_permissions.administrator:
        return Refusal("outcome.administrator")
    if target.top_role >= me.top_role:
        return Refusal("outcome.hierarchy")
    return None


def check_actor(
    guild: discord.Guild, actor: discord.Member, target: discord.Member
) -> Refusal | None:
    """A moderator may act only on members below them; never on themselves or the owner."""
    if actor.id == target.id:
        return Refusal("outcome.self")
    if target.id == guild.owner_id:
        return Refusal("outcome.owner")
    if actor.id != guild.owner_id and actor.top_role <= target.top_role:
        return Refusal("outcome.actor_hierarchy")
    return None


def describe_refusal(bot: Bot, guild_id: int, refusal: Refusal) -> str:
    from bot.replies import permission_label

    lang = bot.guild_settings.locale(guild_id)
    permission: str | Localized = (
        permission_label([refusal.permission]) if refusal.permission else ""
    )
    return bot.i18n.t(lang, refusal.key, permission=permission)


async def notify(
    member: discord.Member | discord.User, text: str, view: discord.ui.View | None = None
) -> str:
    """DM the member; returns the dm_status for the case: sent, closed or failed."""
    try:
        if view is not None:
            await member.send(text, view=view, allowed_mentions=discord.AllowedMentions.none())
        else:
            await member.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.Forbidden:
        return "closed"
    except discord.HTTPException as exc:
        log.info("DM to %s failed: %s", member.id, exc)
        return "failed"
    return "sent"


async def apply(
    bot: Bot,
    guild: discord.Guild,
    target: discord.Member,
    action: str,
    reason: str,
    *,
    duration: timedelta | None = None,
    notice: str | None = None,
    delete_seconds: int = 0,
    view: discord.ui.View | None = None,
) -> ActionResult:
    """Apply ``action``. A kick or ban is announced to the member first (afterwards the bot shares
    no server with them); if it then fails, the member gets a short correction."""
    lang = bot.guild_settings.locale(guild.id)
    dm_status = "not_needed"
    refusal = check_actionable(guild, target, action)
    if refusal is not None:
        return ActionResult(Status.REFUSED, describe_refusal(bot, guild.id, refusal), dm_status)
    if notice is not None and action in NOTIFIED_ACTIONS:
        dm_status = await notify(target, notice, view)
    audit_reason = reason[:500]
    try:
        if action == "timeout":
            await target.timeout(
                min(duration or timedelta(minutes=10), MAX_TIMEOUT), reason=audit_reason
            )
        elif action == "untimeout":
            await target.timeout(None, reason=audit_reason)
        elif action == "kick":
            await target.kick(reason=audit_reason)
        elif action == "ban":
            await guild.ban(target, reason=audit_reason, delete_message_seconds=delete_seconds)
    except discord.NotFound:
        return ActionResult(Status.GONE, bot.i18n.t(lang, "outcome.gone"), dm_status, 404)
    except discord.HTTPException as exc:
        log.warning("%s of %s in %s refused: %s", action, target.id, guild.id, exc)
        if dm_status == "sent" and action in ("kick", "ban"):
            # They were told it happened; it did not. Say so, in the server's language.
            correction = bot.i18n.t(
                lang,
                "notice.correction",
                server=guild.name,
                action=bot.i18n.t(lang, f"action.{action}"),
            )
            await notify(target, correction)
        return ActionResult(
            Status.FAILED,
            bot.i18n.t(lang, "outcome.failed", status=f"{exc.status}/{exc.code}"),
            dm_status,
            exc.status,
        )
    return ActionResult(Status.DONE, bot.i18n.t(lang, "outcome.done"), dm_status)


async def ban_user(
    bot: Bot, guild: discord.Guild, user_id: int, reason: str, delete_seconds: int = 0
) -> ActionResult:
    """Ban someone who is not (or no longer) a member: no hierarchy to check, nobody to notify."""
    lang = bot.guild_settings.locale(guild.id)
    try:
        await guild.ban(
            discord.Object(user_id), reason=reason[:500], delete_message_seconds=delete_seconds
        )
    except discord.HTTPException as exc:
        return ActionResult(
            Status.FAILED,
            bot.i18n.t(lang, "outcome.failed", status=f"{exc.status}/{exc.code}"),
            "not_needed",
            exc.status,
        )
    return ActionResult(Status.DONE, bot.i18n.t(lang, "outcome.done"), "not_needed")
