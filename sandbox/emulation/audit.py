"""The guild audit log: entries for the bot's actions, and GUILD_AUDIT_LOG_ENTRY_CREATE."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import permissions as P
from .state import FakeGuild, Json

if TYPE_CHECKING:
    from .server import FakeDiscord

CHANNEL_CREATE = 10
CHANNEL_UPDATE = 11
CHANNEL_OVERWRITE_CREATE = 13
CHANNEL_OVERWRITE_UPDATE = 14
CHANNEL_OVERWRITE_DELETE = 15
MEMBER_KICK = 20
MEMBER_BAN_ADD = 22
MEMBER_BAN_REMOVE = 23
MEMBER_UPDATE = 24
MEMBER_ROLE_UPDATE = 25
INVITE_CREATE = 40
MESSAGE_DELETE = 72
MESSAGE_BULK_DELETE = 73
SCHEDULED_EVENT_CREATE = 100
SCHEDULED_EVENT_UPDATE = 101
SCHEDULED_EVENT_DELETE = 102
THREAD_CREATE = 110
THREAD_UPDATE = 111


def change(key: str, old: Any, new: Any) -> Json:
    data: Json = {"key": key}
    if old is not None:
        data["old_value"] = old
    if new is not None:
        data["new_value"] = new
    return data


def record(
    fake: FakeDiscord,
    guild: FakeGuild,
    action_type: int,
    *,
    target_id: int | None,
    reason: str | None,
    changes: list[Json] | None = None,
    options: Json | None = None,
    user_id: int | None = None,
) -> Json:
    """Append an entry (made by the bot unless ``user_id``) and dispatch it to the bot if it
    may see the audit log (View Audit Log; the GUILD_MODERATION intent is checked later)."""
    entry: Json = {
        "id": str(fake.world.snowflake()),
        "user_id": str(user_id if user_id is not None else fake.bot_user.id),
        "target_id": None if target_id is None else str(target_id),
        "action_type": action_type,
        "changes": changes or [],
    }
    if reason is not None:
        entry["reason"] = reason
    if options:
        entry["options"] = options
    guild.audit_log.append(entry)
    perms = fake.world.guild_permissions(guild, fake.bot_user.id)
    if perms & P.VIEW_AUDIT_LOG:
        fake.dispatch_nowait("GUILD_AUDIT_LOG_ENTRY_CREATE", {**entry, "guild_id": str(guild.id)})
    return entry


def query(
    guild: FakeGuild,
    *,
    user_id: int | None,
    action_type: int | None,
    before: int | None,
    after: int | None,
    limit: int,
) -> list[Json]:
    entries = list(reversed(guild.audit_log))  # newest first
    if user_id is not None:
        entries = [e for e in entries if e["user_id"] == str(user_id)]
    if action_type is not None:
        entries = [e for e in entries if e["action_type"] == action_type]
    if before is not None:
        entries = [e for e in entries if int(e["id"]) < before]
    if after is not None:
        entries = [e for e in entries if int(e["id"]) > after]
        entries = entries[-limit:]  # the oldest after ``after``
    return entries[:limit]
