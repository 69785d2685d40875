"""In-memory model of the fake Discord world: users, guilds, roles, channels, members."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from . import permissions as P

DISCORD_EPOCH_MS = 1420070400000

#: news thread, public thread, private thread
THREAD_TYPES = (10, 11, 12)

Json = dict[str, Any]


class FakeError(Exception):
    """Raised *in the test* when a simulated user action would be impossible on Discord."""


class FakeHTTPError(Exception):
    """Raised inside REST handlers; rendered as Discord's error body."""

    def __init__(self, status: int, code: int, message: str, errors: Json | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> Json:
        body: Json = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def form_error(path: str, code: str, message: str) -> FakeHTTPError:
    """A 400/50035 "Invalid Form Body" error with Discord's nested errors object."""
    errors: Json = {"_errors": [{"code": code, "message": message}]}
    for part in reversed(path.split(".")):
        errors = {part: errors}
    return FakeHTTPError(400, 50035, "Invalid Form Body", errors)


class SnowflakeGen:
    """Timestamp based, strictly increasing snowflakes."""

    def __init__(self) -> None:
        self._last = 0
        self._inc = itertools.count()

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (1 << 17) | (next(self._inc) & 0xFFF)
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return value

    def advance_to(self, value: int) -> None:
        """Make every later snowflake larger than ``value`` (one chosen outside the generator)."""
        self._last = max(self._last, value)


def iso_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def as_id(obj: Any) -> int:
    """Accept ints, numeric strings, dicts with "id" and objects with ``.id``."""
    if isinstance(obj, bool):
        raise FakeError(f"not an id: {obj!r}")
    if isinstance(obj, int):
        return obj
    if isinstance(obj, str) and obj.isdigit():
        return int(obj)
    if isinstance(obj, dict) and "id" in obj:
        return int(obj["id"])
    if hasattr(obj, "id"):
        return int(obj.id)
    raise FakeError(f"not an id: {obj!r}")


@dataclass(eq=False)
class FakeUser:
    id: int
    name: str
    locale: str = "en-US"
    bot: bool = False
    dms_open: bool = True
    global_name: str | None = None

    def to_dict(self) -> Json:
        data: Json = {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(eq=False)
class FakeRole:
    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False

    def to_dict(self) -> Json:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {
                "primary_color": self.color,
                "secondary_color": None,
                "tertiary_color": None,
            },
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }


@dataclass(eq=False)
class FakeMember:
    user: FakeUser
    guild_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)
    #: ISO timestamp until which the member is timed out (None: not timed out)
    communication_disabled_until: str | None = None
    #: True while the member has not passed membership screening
    pending: bool = False

    @property
    def id(self) -> int:
        return self.user.id

    def to_dict(self, *, with_user: bool = True, permissions: int | None = None) -> Json:
        data: Json = {
            "roles": [str(r) for r in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": self.pending,
            "communication_disabled_until": self.communication_disabled_until,
        }
        if with_user:
            data["user"] = self.user.to_dict()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class FakeChannel:
    id: int
    type: int
    name: str | None
    guild_id: int | None = None
    overwrites: list[Json] = field(default_factory=list)
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    nsfw: bool = False
    recipient: FakeUser | None = None  # DM channels
    last_message_id: int | None = None
    rate_limit_per_user: int = 0
    owner_id: int | None = None  # threads
    thread_metadata: Json | None = None  # threads
    member_ids: list[int] = field(default_factory=list)  # threads: who was added (join_thread)

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    def to_dict(self, *, with_guild_id: bool = True) -> Json:
        if self.type == 1:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": 1,
                "last_message_id": _opt(self.last_message_id),
                "recipients": [self.recipient.to_dict()],
                "flags": 0,
            }
        data: Json = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [
                {
                    "id": str(o["id"]),
                    "type": int(o.get("type", 0)),
                    "allow": str(o.get("allow", 0)),
                    "deny": str(o.get("deny", 0)),
                }
                for o in self.overwrites
            ],
            "parent_id": _opt(self.parent_id),
            "nsfw": self.nsfw,
            "flags": 0,
        }
        if self.type in (0, 5):
            data.update(
                topic=self.topic,
                last_message_id=_opt(self.last_message_id),
                rate_limit_per_user=self.rate_limit_per_user,
            )
        if self.is_thread:
            for key in ("position", "permission_overwrites", "nsfw"):
                data.pop(key, None)
            data.update(
                owner_id=_opt(self.owner_id),
                last_message_id=_opt(self.last_message_id),
                rate_limit_per_user=self.rate_limit_per_user,
                thread_metadata=dict(self.thread_metadata or {}),
                message_count=0,
                member_count=1,
                total_message_sent=0,
            )
        if self.type == 2:
            data.update(bitrate=64000, user_limit=0, rtc_region=None)
        if with_guild_id and self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


@dataclass(eq=False)
class FakeGuild:
    id: int
    name: str
    owner_id: int
    locale: str = "en-US"
    roles: dict[int, FakeRole] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    created: str = field(default_factory=iso_now)
    bans: dict[int, Json] = field(default_factory=dict)  # user id -> ban object
    audit_log: list[Json] = field(default_factory=list)  # oldest first
    invites: dict[str, Json] = field(default_factory=dict)  # code -> invite (with metadata)
    scheduled_events: dict[int, Json] = field(default_factory=dict)

    @property
    def everyone(self) -> FakeRole:
        return self.roles[self.id]

    def to_dict(self) -> Json:
        """The guild object as returned by ``GET /guilds/{id}``."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.to_dict() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "max_video_channel_users": 25,
        }


def _opt(value: int | None) -> str | None:
    return None if value is None else str(value)


class World:
    """All entities, plus permission computation. Holds no networking."""

    def __init__(self, bot_user: FakeUser) -> None:
        self.snowflake = SnowflakeGen()
        self.bot_user = bot_user
        self.users: dict[int, FakeUser] = {bot_user.id: bot_user}
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.dm_channels: dict[int, FakeChannel] = {}  # user id -> DM channel

    # ----------------------------------------------------------------- lookups
    def user(self, obj: Any) -> FakeUser:
        uid = as_id(obj)
        try:
            return self.users[uid]
        except KeyError:
            raise FakeError(f"unknown user {uid}") from None

    def guild(self, obj: Any) -> FakeGuild:
        gid = as_id(obj)
        try:
            return self.guilds[gid]
        except KeyError:
            raise FakeError(f"unknown guild {gid}") from None

    def channel(self, obj: Any) -> FakeChannel:
        cid = as_id(obj)
        try:
            return self.channels[cid]
        except KeyError:
            raise FakeError(f"unknown channel {cid}") from None

    def role_in(self, guild: FakeGuild, obj: Any) -> FakeRole:
        rid = as_id(obj)
        try:
            return guild.roles[rid]
        except KeyError:
            raise FakeError(f"unknown role {rid} in guild {guild.id}") from None

    def dm_channel(self, user: Any) -> FakeChannel:
        u = self.user(user)
        ch = self.dm_channels.get(u.id)
        if ch is None:
            ch = FakeChannel(id=self.snowflake(), type=1, name=None, recipient=u)
            self.dm_channels[u.id] = ch
            self.channels[ch.id] = ch
        return ch

    # ---------------------------------------------------------------- creation
    def new_user(self, name: str, *, locale: str = "en-US", bot: bool = False) -> FakeUser:
        user = FakeUser(id=self.snowflake(), name=name, locale=locale, bot=bot)
        self.users[user.id] = user
        return user

    def new_guild(
        self, name: str, owner: FakeUser, locale: str, gid: int | None = None
    ) -> FakeGuild:
        gid = self.snowflake() if gid is None else gid
        guild = FakeGuild(id=gid, name=name, owner_id=owner.id, locale=locale)
        guild.roles[gid] = FakeRole(
            id=gid, guild_id=gid, name="@everyone", permissions=P.DEFAULT_EVERYONE
        )
        guild.members[owner.id] = FakeMember(user=owner, guild_id=gid)
        self.guilds[gid] = guild
        return guild

    def new_channel(
        self,
        guild: FakeGuild,
        name: str,
        *,
        type: int = 0,
        overwrites: list[Json] | None = None,
        topic: str | None = None,
        parent_id: int | None = None,
    ) -> FakeChannel:
        ch = FakeChannel(
            id=self.snowflake(),
            type=type,
            name=name,
            guild_id=guild.id,
            overwrites=[dict(o) for o in (overwrites or [])],
            position=len(guild.channels),
            topic=topic,
            parent_id=parent_id,
        )
        guild.channels[ch.id] = ch
        self.channels[ch.id] = ch
        return ch

    # ------------------------------------------------------------- permissions
    def guild_permissions(self, guild: FakeGuild, user_id: int) -> int:
        member = guild.members.get(user_id)
        if member is None:
            return 0
        return P.base_permissions(
            user_id=user_id,
            owner_id=guild.owner_id,
            guild_id=guild.id,
            role_permissions={r.id: r.permissions for r in guild.roles.values()},
            member_role_ids=member.roles,
        )

    def channel_permissions(self, channel: FakeChannel, user_id: int) -> int:
        if channel.guild_id is None:
            return P.DM_PERMISSIONS
        guild = self.guilds[channel.guild_id]
        member = guild.members.get(user_id)
        if member is None:
            return 0
        base = self.guild_permissions(guild, user_id)
        overwrites = list(channel.overwrites)
        if channel.parent_id is not None and not overwrites:
            parent = guild.channels.get(channel.parent_id)
            overwrites = list(parent.overwrites) if parent else []
        return P.apply_overwrites(
            base,
            user_id=user_id,
            guild_id=guild.id,
            member_role_ids=member.roles,
            overwrites=overwrites,
        )

    def join_thread(
        self, thread: FakeChannel, author_id: int, msg: Json, allowed: Json | None = None
    ) -> None:
        """Who a message in a thread adds to its members, as on Discord: its author, and the
        users and the members of the roles it mentions (as far as ``allowed_mentions`` lets
        them be pinged; a role only if it is mentionable or the author may mention everyone)
        who can see the thread. In a private thread that is not invitable, only an author with
        Manage Threads adds others."""
        if not thread.is_thread or thread.guild_id is None:
            return
        guild = self.guilds[thread.guild_id]
        perms = self.channel_permissions(thread, author_id)
        meta = thread.thread_metadata or {}
        may_add = thread.type != 12 or meta.get("invitable", True) or perms & P.MANAGE_THREADS
        added = [author_id]
        if may_add:
            users = [int(u["id"]) for u in msg.get("mentions") or []]
            added += _may_ping(allowed, "users", users)
            for role_id in _may_ping(
                allowed, "roles", [int(r) for r in msg.get("mention_roles") or []]
            ):
                role = guild.roles.get(role_id)
                if role is not None and (role.mentionable or perms & P.MENTION_EVERYONE):
                    added += [m.id for m in guild.members.values() if role_id in m.roles]
        for user_id in dict.fromkeys(added):
            sees = self.channel_permissions(thread, user_id) & P.VIEW_CHANNEL
            if sees and user_id not in thread.member_ids:
                thread.member_ids.append(user_id)

    # ----------------------------------------------------------- serialization
    def guild_create_payload(
        self, guild: FakeGuild, *, include_members: bool, large_threshold: int = 250
    ) -> Json:
        """GUILD_CREATE. Like Discord, a guild above ``large_threshold`` comes without its
        member list (the client has to request member chunks)."""
        data = guild.to_dict()
        members = list(guild.members.values())
        large = len(guild.members) > large_threshold
        if not include_members or large:
            members = [m for m in members if m.id == self.bot_user.id]
        channels = [c for c in guild.channels.values() if not c.is_thread]
        threads = [
            c
            for c in guild.channels.values()
            if c.is_thread and not (c.thread_metadata or {}).get("archived")
        ]
        data.update(
            joined_at=(
                guild.members[self.bot_user.id].joined_at
                if self.bot_user.id in guild.members
                else iso_now()
            ),
            large=large,
            unavailable=False,
            member_count=len(guild.members),
            voice_states=[],
            members=[m.to_dict() for m in members],
            channels=[c.to_dict(with_guild_id=False) for c in channels],
            threads=[c.to_dict() for c in threads],
            presences=[],
            stage_instances=[],
            guild_scheduled_events=[dict(e) for e in guild.scheduled_events.values()],
            soundboard_sounds=[],
        )
        return data

    # --------------------------------------------------------------- hierarchy
    def top_position(self, guild: FakeGuild, user_id: int) -> int:
        """Position of the member's highest role (@everyone: 0)."""
        member = guild.members.get(user_id)
        if member is None:
            return 0
        return max([guild.roles[r].position for r in member.roles if r in guild.roles] + [0])

    def outranks(self, guild: FakeGuild, actor_id: int, target_id: int) -> bool:
        """Discord's hierarchy rule: the owner outranks all; nobody outranks the owner;
        otherwise the actor's highest role must be strictly above the target's."""
        if actor_id == guild.owner_id:
            return True
        if target_id == guild.owner_id:
            return False
        return self.top_position(guild, actor_id) > self.top_position(guild, target_id)

    def member_payload(self, guild: FakeGuild, member: FakeMember) -> Json:
        data = member.to_dict()
        data["guild_id"] = str(guild.id)
        return data


def parse_iso(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def is_timed_out(member: FakeMember) -> bool:
    until = member.communication_disabled_until
    return until is not None and parse_iso(until) > dt.datetime.now(dt.UTC)


def snowflake_time(snowflake: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, dt.UTC)


def clone(value: Any) -> Any:
    """A deep copy of a JSON value (several times faster than copy.deepcopy for payloads)."""
    return json.loads(json.dumps(value))


def _may_ping(allowed: Json | None, kind: str, found: list[int]) -> list[int]:
    """The mentioned ``users`` or ``roles`` that ``allowed_mentions`` lets through (no
    ``allowed_mentions``: all of them)."""
    if allowed is None or kind in (allowed.get("parse") or []):
        return found
    listed = {int(x) for x in allowed.get(kind) or []}
    return [x for x in found if x in listed]
