"""REST routes on channels beyond messages: edit, overwrites, threads, bulk delete, reactions,
channel invites."""

from __future__ import annotations

import datetime as dt
import secrets
import urllib.parse
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import audit
from . import permissions as P
from .guards import (
    authed,
    channel_of,
    channel_perms,
    missing_permissions,
    snowflake,
)
from .rest import API_PREFIX, body_obj, int_query, json_response, no_content, reason_header
from .state import FakeChannel, FakeHTTPError, FakeUser, Json, form_error, iso_now, snowflake_time

if TYPE_CHECKING:
    from .server import FakeDiscord

BULK_DELETE_MAX_AGE = dt.timedelta(days=14)
_ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)


def unknown_message() -> FakeHTTPError:
    return FakeHTTPError(404, 10008, "Unknown Message")


class ChannelRoutes:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, app: web.Application) -> None:
        p = API_PREFIX + "/channels/{cid}"
        routes = [
            ("PATCH", "", self.edit_channel),
            ("PUT", "/permissions/{oid}", self.put_overwrite),
            ("DELETE", "/permissions/{oid}", self.delete_overwrite),
            ("POST", "/threads", self.thread_without_message),
            ("POST", "/messages/{mid}/threads", self.thread_from_message),
            ("POST", "/messages/bulk-delete", self.bulk_delete),
            ("PUT", "/messages/{mid}/reactions/{emoji}/@me", self.add_reaction),
            ("DELETE", "/messages/{mid}/reactions/{emoji}/@me", self.remove_own_reaction),
            ("DELETE", "/messages/{mid}/reactions/{emoji}/{uid}", self.remove_reaction),
            ("GET", "/messages/{mid}/reactions/{emoji}", self.get_reactions),
            ("POST", "/invites", self.create_invite),
            ("GET", "/invites", self.channel_invites),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, p + path, authed(self.fake, handler))

    # --------------------------------------------------------------- editing
    async def edit_channel(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = channel_of(fake, request)
        if channel.guild_id is None:
            raise FakeHTTPError(403, 50003, "Cannot execute action on a DM channel")
        guild = fake.world.guilds[channel.guild_id]
        perms = channel_perms(fake, channel)
        body = body_obj(request)
        if channel.is_thread:
            return self._edit_thread(channel, perms, body, reason_header(request))
        if not perms & P.MANAGE_CHANNELS:
            raise missing_permissions()
        changes: list[Json] = []
        if "name" in body:
            name = str(body["name"] or "")
            if not 1 <= len(name) <= 100:
                raise form_error(
                    "name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
                )
            changes.append(audit.change("name", channel.name, name))
            channel.name = name
        if "topic" in body:
            topic = body["topic"]
            if topic is not None and len(str(topic)) > 1024:
                raise form_error(
                    "topic", "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length."
                )
            changes.append(audit.change("topic", channel.topic, topic))
            channel.topic = topic
        if "rate_limit_per_user" in body:
            slowmode = _slowmode(body["rate_limit_per_user"])
            changes.append(
                audit.change("rate_limit_per_user", channel.rate_limit_per_user, slowmode)
            )
            channel.rate_limit_per_user = slowmode
        if "nsfw" in body:
            channel.nsfw = bool(body["nsfw"])
        if "permission_overwrites" in body:
            if not perms & P.MANAGE_ROLES:
                raise missing_permissions()
            channel.overwrites = [_overwrite(o, o.get("id")) for o in body["permission_overwrites"]]
        audit.record(
            fake,
            guild,
            audit.CHANNEL_UPDATE,
            target_id=channel.id,
            reason=reason_header(request),
            changes=changes,
        )
        fake.dispatch_nowait("CHANNEL_UPDATE", channel.to_dict())
        return json_response(channel.to_dict())

    def _edit_thread(
        self, thread: FakeChannel, perms: int, body: Json, reason: str | None
    ) -> web.Response:
        fake = self.fake
        manage = bool(perms & P.MANAGE_THREADS)
        owner = thread.owner_id == fake.bot_user.id
        meta = dict(thread.thread_metadata or {})
        if meta.get("locked") and not manage:
            raise missing_permissions()
        if ("name" in body or "rate_limit_per_user" in body) and not (manage or owner):
            raise missing_permissions()
        if "locked" in body and not manage:
            raise missing_permissions()
        if "archived" in body and not (manage or owner):
            raise missing_permissions()
        if "name" in body:
            thread.name = str(body["name"])
        if "rate_limit_per_user" in body:
            thread.rate_limit_per_user = _slowmode(body["rate_limit_per_user"])
        for key in ("archived", "locked", "invitable"):
            if key in body and body[key] is not None:
                meta[key] = bool(body[key])
        if "auto_archive_duration" in body:
            meta["auto_archive_duration"] = _archive_duration(body["auto_archive_duration"])
        if "archived" in body:
            meta["archive_timestamp"] = iso_now()
        thread.thread_metadata = meta
        guild = fake.world.guilds[thread.guild_id or 0]
        audit.record(fake, guild, audit.THREAD_UPDATE, target_id=thread.id, reason=reason)
        fake.dispatch_nowait("THREAD_UPDATE", thread.to_dict())
        return json_response(thread.to_dict())

    async def put_overwrite(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = channel_of(fake, request)
        if channel.guild_id is None or channel.is_thread:
            raise FakeHTTPError(400, 50024, "Cannot execute action on this channel type")
        perms = channel_perms(fake, channel)
        if not perms & P.MANAGE_ROLES:
            raise missing_permissions()
        guild = fake.world.guilds[channel.guild_id]
        oid = snowflake(request, "oid", FakeHTTPError(404, 10009, "Unknown Overwrite"))
        new = _overwrite(body_obj(request), oid)
        if new["type"] == 0 and oid not in guild.roles:
            raise FakeHTTPError(404, 10011, "Unknown Role")
        if new["type"] == 1 and oid not in guild.members:
            raise FakeHTTPError(404, 10013, "Unknown User")
        # without Administrator, the bot can only allow or deny permissions it has itself
        if perms != P.ALL_PERMISSIONS and (new["allow"] | new["deny"]) & ~perms:
            raise missing_permissions()
        old = next((o for o in channel.overwrites if int(o["id"]) == oid), None)
        channel.overwrites = [o for o in channel.overwrites if int(o["id"]) != oid] + [new]
        action = audit.CHANNEL_OVERWRITE_CREATE if old is None else audit.CHANNEL_OVERWRITE_UPDATE
        audit.record(
            fake,
            guild,
            action,
            target_id=channel.id,
            reason=reason_header(request),
            options={"id": str(oid), "type": str(new["type"])},
        )
        fake.dispatch_nowait("CHANNEL_UPDATE", channel.to_dict())
        return no_content()

    async def delete_overwrite(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = channel_of(fake, request)
        if channel.guild_id is None or channel.is_thread:
            raise FakeHTTPError(400, 50024, "Cannot execute action on this channel type")
        if not channel_perms(fake, channel) & P.MANAGE_ROLES:
            raise missing_permissions()
        oid = snowflake(request, "oid", FakeHTTPError(404, 10009, "Unknown Overwrite"))
        old = next((o for o in channel.overwrites if int(o["id"]) == oid), None)
        if old is not None:
            channel.overwrites = [o for o in channel.overwrites if int(o["id"]) != oid]
            guild = fake.world.guilds[channel.guild_id]
            audit.record(
                fake,
                guild,
                audit.CHANNEL_OVERWRITE_DELETE,
                target_id=channel.id,
                reason=reason_header(request),
                options={"id": str(oid), "type": str(old.get("type", 0))},
            )
            fake.dispatch_nowait("CHANNEL_UPDATE", channel.to_dict())
        return no_content()

    # --------------------------------------------------------------- threads
    def _new_thread(
        self,
        parent: FakeChannel,
        body: Json,
        ttype: int,
        reason: str | None,
        thread_id: int | None = None,
    ) -> web.Response:
        fake = self.fake
        name = str(body.get("name") or "")
        if not 1 <= len(name) <= 100:
            raise form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        guild = fake.world.guilds[parent.guild_id or 0]
        now = iso_now()
        thread = FakeChannel(
            id=thread_id or fake.world.snowflake(),
            type=ttype,
            name=name,
            guild_id=guild.id,
            parent_id=parent.id,
            owner_id=fake.bot_user.id,
            member_ids=[fake.bot_user.id],
            rate_limit_per_user=_slowmode(body.get("rate_limit_per_user") or 0),
            thread_metadata={
                "archived": False,
                "auto_archive_duration": _archive_duration(
                    body.get("auto_archive_duration") or 4320
                ),
                "archive_timestamp": now,
                "locked": False,
                "create_timestamp": now,
                **({"invitable": bool(body.get("invitable", True))} if ttype == 12 else {}),
            },
        )
        guild.channels[thread.id] = thread
        fake.world.channels[thread.id] = thread
        audit.record(fake, guild, audit.THREAD_CREATE, target_id=thread.id, reason=reason)
        fake.dispatch_nowait("THREAD_CREATE", {**thread.to_dict(), "newly_created": True})
        return json_response(thread.to_dict(), status=201)

    async def thread_without_message(self, request: web.Request) -> web.Response:
        fake = self.fake
        parent = channel_of(fake, request)
        if parent.type not in (0, 5):
            raise FakeHTTPError(400, 50024, "Cannot execute action on this channel type")
        body = body_obj(request)
        # Discord's default without "type" is a PRIVATE thread (discord.py sends it explicitly)
        ttype = int(body.get("type") or 12)
        if ttype not in (10, 11, 12) or (ttype == 12 and parent.type == 5):
            raise form_error("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
        need = P.CREATE_PRIVATE_THREADS if ttype == 12 else P.CREATE_PUBLIC_THREADS
        if not P.has(channel_perms(fake, parent), need):
            raise missing_permissions()
        return self._new_thread(parent, body, ttype, reason_header(request))

    async def thread_from_message(self, request: web.Request) -> web.Response:
        fake = self.fake
        parent = channel_of(fake, request, P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY)
        if parent.type not in (0, 5):
            raise FakeHTTPError(400, 50024, "Cannot execute action on this channel type")
        if not channel_perms(fake, parent) & P.CREATE_PUBLIC_THREADS:
            raise missing_permissions()
        mid = snowflake(request, "mid", unknown_message())
        msg = fake.store.require(parent.id, mid)
        if msg.get("thread"):
            raise FakeHTTPError(400, 160004, "A thread has already been created for this message")
        ttype = 10 if parent.type == 5 else 11
        resp = self._new_thread(parent, body_obj(request), ttype, reason_header(request), mid)
        msg["thread"] = fake.world.channels[mid].to_dict()
        return resp

    # ------------------------------------------------------------ bulk delete
    async def bulk_delete(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = channel_of(fake, request, P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY)
        if channel.guild_id is None:
            raise FakeHTTPError(403, 50003, "Cannot execute action on a DM channel")
        if not channel_perms(fake, channel) & P.MANAGE_MESSAGES:
            raise missing_permissions()
        raw = body_obj(request).get("messages")
        if not isinstance(raw, list):
            raise form_error("messages", "BASE_TYPE_REQUIRED", "This field is required")
        if len(raw) < 2:
            raise form_error("messages", "BASE_TYPE_MIN_LENGTH", "Must be 2 or more in length.")
        if len(raw) > 100:
            raise form_error("messages", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
        ids: list[int] = []
        for i, value in enumerate(raw):
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                raise form_error(
                    f"messages.{i}", "NUMBER_TYPE_COERCE", f'Value "{value}" is not snowflake.'
                ) from None
        if len(set(ids)) != len(ids):
            raise form_error(
                "messages", "BASE_TYPE_DUPLICATES", "Duplicate values are not allowed."
            )
        oldest = dt.datetime.now(dt.UTC) - BULK_DELETE_MAX_AGE
        if any(snowflake_time(i) < oldest for i in ids):
            raise FakeHTTPError(
                400, 50034, "You can only bulk delete messages that are under 14 days old."
            )
        doomed = [m for m in (fake.store.get(channel.id, i) for i in ids) if m is not None]
        for msg in doomed:
            fake.store.delete(msg)
        guild = fake.world.guilds[channel.guild_id]
        audit.record(
            fake,
            guild,
            audit.MESSAGE_BULK_DELETE,
            target_id=channel.id,
            reason=reason_header(request),
            options={"count": str(len(doomed))},
        )
        fake.dispatch_nowait(
            "MESSAGE_DELETE_BULK",
            {
                "ids": [str(i) for i in ids],
                "channel_id": str(channel.id),
                "guild_id": str(guild.id),
            },
        )
        return no_content()

    # -------------------------------------------------------------- reactions
    def _message(self, request: web.Request, need: int) -> tuple[FakeChannel, Json]:
        channel = channel_of(self.fake, request, P.VIEW_CHANNEL | need)
        mid = snowflake(request, "mid", unknown_message())
        return channel, self.fake.store.require(channel.id, mid)

    async def add_reaction(self, request: web.Request) -> web.Response:
        channel, msg = self._message(request, P.READ_MESSAGE_HISTORY)
        emoji = parse_emoji(self.fake, channel, request.match_info["emoji"])
        existing = find_reaction(msg, emoji)
        if existing is None and not channel_perms(self.fake, channel) & P.ADD_REACTIONS:
            raise missing_permissions()
        react(self.fake, self.fake.bot_user, channel, msg, emoji, add=True)
        return no_content()

    async def remove_own_reaction(self, request: web.Request) -> web.Response:
        channel, msg = self._message(request, P.READ_MESSAGE_HISTORY)
        emoji = parse_emoji(self.fake, channel, request.match_info["emoji"])
        react(self.fake, self.fake.bot_user, channel, msg, emoji, add=False)
        return no_content()

    async def remove_reaction(self, request: web.Request) -> web.Response:
        channel, msg = self._message(request, P.READ_MESSAGE_HISTORY)
        if channel.guild_id is None:
            raise FakeHTTPError(403, 50003, "Cannot execute action on a DM channel")
        if not channel_perms(self.fake, channel) & P.MANAGE_MESSAGES:
            raise missing_permissions()
        emoji = parse_emoji(self.fake, channel, request.match_info["emoji"])
        user = self.fake.world.users.get(snowflake(request, "uid", unknown_message()))
        if user is not None:
            react(self.fake, user, channel, msg, emoji, add=False)
        return no_content()

    async def get_reactions(self, request: web.Request) -> web.Response:
        channel, msg = self._message(request, P.READ_MESSAGE_HISTORY)
        emoji = parse_emoji(self.fake, channel, request.match_info["emoji"])
        limit = int_query(request, "limit", 25) or 25
        after = int_query(request, "after", 0) or 0
        users = sorted(self.fake.store.reactors.get(int(msg["id"]), {}).get(emoji_key(emoji), []))
        world = self.fake.world
        return json_response([world.users[u].to_dict() for u in users if u > after][:limit])

    # ---------------------------------------------------------------- invites
    async def create_invite(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = channel_of(fake, request, P.VIEW_CHANNEL | P.CREATE_INSTANT_INVITE)
        if channel.guild_id is None or channel.is_thread:
            raise FakeHTTPError(400, 50024, "Cannot execute action on this channel type")
        body = body_obj(request)
        max_age = int(body.get("max_age", 86400))
        max_uses = int(body.get("max_uses", 0))
        if not 0 <= max_age <= 604800:
            raise form_error("max_age", "NUMBER_TYPE_MAX", "Must be between 0 and 604800.")
        if not 0 <= max_uses <= 100:
            raise form_error("max_uses", "NUMBER_TYPE_MAX", "Must be between 0 and 100.")
        guild = fake.world.guilds[channel.guild_id]
        created = dt.datetime.now(dt.UTC)
        expires = (created + dt.timedelta(seconds=max_age)).isoformat() if max_age else None
        code = secrets.token_urlsafe(6).replace("-", "a").replace("_", "b")[:8]
        invite: Json = {
            "type": 0,
            "code": code,
            "guild": {"id": str(guild.id), "name": guild.name, "features": [], "icon": None},
            "channel": {"id": str(channel.id), "name": channel.name, "type": channel.type},
            "inviter": fake.bot_user.to_dict(),
            "expires_at": expires,
            "uses": 0,
            "max_uses": max_uses,
            "max_age": max_age,
            "temporary": bool(body.get("temporary", False)),
            "created_at": created.isoformat(),
        }
        guild.invites[code] = invite
        audit.record(
            fake,
            guild,
            audit.INVITE_CREATE,
            target_id=None,
            reason=reason_header(request),
            changes=[audit.change("code", None, code)],
        )
        fake.dispatch_nowait(
            "INVITE_CREATE",
            {
                "channel_id": str(channel.id),
                "guild_id": str(guild.id),
                **{k: invite[k] for k in ("code", "created_at", "inviter", "max_age")},
                **{k: invite[k] for k in ("max_uses", "temporary", "uses", "expires_at")},
            },
        )
        return json_response(invite)

    async def channel_invites(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = channel_of(fake, request, P.VIEW_CHANNEL | P.MANAGE_CHANNELS)
        guild = fake.world.guilds[channel.guild_id or 0]
        return json_response(
            [i for i in guild.invites.values() if i["channel"]["id"] == str(channel.id)]
        )


# ------------------------------------------------------------------ helpers
def _slowmode(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise form_error(
            "rate_limit_per_user", "NUMBER_TYPE_COERCE", f'Value "{raw}" is not int.'
        ) from None
    if not 0 <= value <= 21600:
        raise form_error(
            "rate_limit_per_user",
            "NUMBER_TYPE_MAX",
            "int value should be less than or equal to 21600.",
        )
    return value


def _archive_duration(raw: Any) -> int:
    if int(raw) not in _ARCHIVE_DURATIONS:
        raise form_error(
            "auto_archive_duration",
            "BASE_TYPE_CHOICES",
            "Value must be one of (60, 1440, 4320, 10080).",
        )
    return int(raw)


def _overwrite(body: Json, oid: Any) -> Json:
    otype = body.get("type")
    if otype not in (0, 1, "0", "1", "role", "member"):
        raise form_error("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 1}.")
    return {
        "id": str(oid),
        "type": 1 if otype in (1, "1", "member") else 0,
        "allow": int(body.get("allow") or 0),
        "deny": int(body.get("deny") or 0),
    }


def parse_emoji(fake: FakeDiscord, channel: FakeChannel, raw: str) -> Json:
    """``name:id`` for custom emoji (must exist: the fake has none, so 10014), else unicode."""
    text = urllib.parse.unquote(raw)
    if ":" in text:
        raise FakeHTTPError(400, 10014, "Unknown Emoji")
    if not text:
        raise FakeHTTPError(400, 10014, "Unknown Emoji")
    return {"id": None, "name": text}


def emoji_key(emoji: Json) -> str:
    return str(emoji.get("id") or emoji["name"])


def find_reaction(msg: Json, emoji: Json) -> Json | None:
    for r in msg.get("reactions") or []:
        if emoji_key(r["emoji"]) == emoji_key(emoji):
            reaction: Json = r
            return reaction
    return None


def react(
    fake: FakeDiscord, user: FakeUser, channel: FakeChannel, msg: Json, emoji: Json, *, add: bool
) -> None:
    """Add or remove ``user``'s reaction on a stored message, dispatching the gateway event."""
    reactors = fake.store.reactors.setdefault(int(msg["id"]), {})
    users = reactors.setdefault(emoji_key(emoji), [])
    if add == (user.id in users):
        return
    if add:
        users.append(user.id)
    else:
        users.remove(user.id)
    reactions = [r for r in msg.get("reactions") or [] if emoji_key(r["emoji"]) != emoji_key(emoji)]
    if users:
        reactions.append(
            {
                "count": len(users),
                "count_details": {"burst": 0, "normal": len(users)},
                "me": fake.bot_user.id in users,
                "me_burst": False,
                "emoji": emoji,
                "burst_colors": [],
            }
        )
    msg["reactions"] = reactions
    data: Json = {
        "user_id": str(user.id),
        "channel_id": str(channel.id),
        "message_id": msg["id"],
        "emoji": emoji,
        "burst": False,
        "type": 0,
    }
    if channel.guild_id is not None:
        data["guild_id"] = str(channel.guild_id)
        member = fake.world.guilds[channel.guild_id].members.get(user.id)
        if add and member is not None:
            data["member"] = member.to_dict()
    if add:
        data["message_author_id"] = msg["author"]["id"]
    fake.dispatch_nowait("MESSAGE_REACTION_ADD" if add else "MESSAGE_REACTION_REMOVE", data)
