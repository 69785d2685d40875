"""REST routes on guilds: invites and scheduled events."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import audit
from . import permissions as P
from .guards import authed, guild_of, missing_permissions, require_guild_perm, snowflake
from .rest import API_PREFIX, body_obj, json_response, no_content, reason_header
from .state import FakeGuild, FakeHTTPError, Json, form_error, parse_iso

if TYPE_CHECKING:
    from .server import FakeDiscord

STAGE, VOICE, EXTERNAL = 1, 2, 3
SCHEDULED, ACTIVE, COMPLETED, CANCELED = 1, 2, 3, 4
_TRANSITIONS = {SCHEDULED: {SCHEDULED, ACTIVE, CANCELED}, ACTIVE: {ACTIVE, COMPLETED}}


def unknown_event() -> FakeHTTPError:
    return FakeHTTPError(404, 10070, "Unknown Guild Scheduled Event")


class GuildRoutes:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, app: web.Application) -> None:
        p = API_PREFIX + "/guilds/{gid}"
        routes = [
            ("POST", "/channels", self.create_channel),
            ("GET", "/invites", self.guild_invites),
            ("GET", "/scheduled-events", self.list_events),
            ("POST", "/scheduled-events", self.create_event),
            ("GET", "/scheduled-events/{eid}", self.get_event),
            ("PATCH", "/scheduled-events/{eid}", self.edit_event),
            ("DELETE", "/scheduled-events/{eid}", self.delete_event),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, p + path, authed(self.fake, handler))

    async def create_channel(self, request: web.Request) -> web.Response:
        """A text channel or category: Manage Channels; overwrites may only allow or deny what
        the bot itself has (unless it is an administrator), as on Discord."""
        fake = self.fake
        guild = guild_of(fake, request)
        perms = require_guild_perm(fake, guild, P.MANAGE_CHANNELS)
        body = body_obj(request)
        name = str(body.get("name") or "")
        if not 1 <= len(name) <= 100:
            raise form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        ctype = int(body.get("type") or 0)
        if ctype not in (0, 4, 5):
            raise form_error("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 4, 5}.")
        overwrites = []
        for raw in body.get("permission_overwrites") or []:
            oid = int(raw["id"])
            otype = 1 if raw.get("type") in (1, "1", "member") else 0
            allow, deny = int(raw.get("allow") or 0), int(raw.get("deny") or 0)
            if otype == 0 and oid not in guild.roles:
                raise FakeHTTPError(404, 10011, "Unknown Role")
            if (
                perms != P.ALL_PERMISSIONS
                and not perms & P.ADMINISTRATOR
                and (allow | deny) & ~perms
            ):
                raise missing_permissions()
            overwrites.append({"id": str(oid), "type": otype, "allow": allow, "deny": deny})
        parent = body.get("parent_id")
        channel = fake.world.new_channel(
            guild,
            name,
            type=ctype,
            overwrites=overwrites,
            topic=body.get("topic"),
            parent_id=int(parent) if parent else None,
        )
        audit.record(
            fake, guild, audit.CHANNEL_CREATE, target_id=channel.id, reason=reason_header(request)
        )
        fake.dispatch_nowait("CHANNEL_CREATE", channel.to_dict())
        return json_response(channel.to_dict(), status=201)

    async def guild_invites(self, request: web.Request) -> web.Response:
        """Invites with their metadata (uses, max_uses, ...): Discord requires Manage Server."""
        guild = guild_of(self.fake, request)
        require_guild_perm(self.fake, guild, P.MANAGE_GUILD)
        return json_response(list(guild.invites.values()))

    # ----------------------------------------------------------- scheduled events
    def _event(self, guild: FakeGuild, request: web.Request) -> Json:
        event = guild.scheduled_events.get(snowflake(request, "eid", unknown_event()))
        if event is None:
            raise unknown_event()
        return event

    async def list_events(self, request: web.Request) -> web.Response:
        guild = guild_of(self.fake, request)
        with_count = request.query.get("with_user_count") in ("1", "true", "True")
        return json_response([_public(e, with_count) for e in guild.scheduled_events.values()])

    async def get_event(self, request: web.Request) -> web.Response:
        guild = guild_of(self.fake, request)
        with_count = request.query.get("with_user_count") in ("1", "true", "True")
        return json_response(_public(self._event(guild, request), with_count))

    async def create_event(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        # since February 2026 creating needs Create Events; Manage Events alone is not enough
        require_guild_perm(fake, guild, P.CREATE_EVENTS)
        body = body_obj(request)
        for key in ("name", "privacy_level", "scheduled_start_time", "entity_type"):
            if body.get(key) is None:
                raise form_error(key, "BASE_TYPE_REQUIRED", "This field is required")
        event: Json = {
            "id": str(fake.world.snowflake()),
            "guild_id": str(guild.id),
            "creator_id": str(fake.bot_user.id),
            "creator": fake.bot_user.to_dict(),
            "status": SCHEDULED,
            "entity_id": None,
            "user_count": 0,
            "image": None,
            "recurrence_rule": None,
            "description": None,
            "channel_id": None,
            "entity_metadata": None,
            "scheduled_end_time": None,
        }
        self._apply(guild, event, body, creating=True)
        guild.scheduled_events[int(event["id"])] = event
        audit.record(
            fake,
            guild,
            audit.SCHEDULED_EVENT_CREATE,
            target_id=int(event["id"]),
            reason=reason_header(request),
        )
        fake.dispatch_nowait("GUILD_SCHEDULED_EVENT_CREATE", _public(event, False))
        return json_response(_public(event, False))

    def _require_manage(self, guild: FakeGuild, event: Json) -> None:
        perms = self.fake.world.guild_permissions(guild, self.fake.bot_user.id)
        own = event["creator_id"] == str(self.fake.bot_user.id)
        if not (perms & P.MANAGE_EVENTS or (own and perms & P.CREATE_EVENTS)):
            raise missing_permissions()

    async def edit_event(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        event = self._event(guild, request)
        self._require_manage(guild, event)
        body = body_obj(request)
        if "status" in body:
            new = int(body["status"])
            if new not in _TRANSITIONS.get(int(event["status"]), set()):
                raise form_error(
                    "status",
                    "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION",
                    "Cannot change the status of this event that way.",
                )
        updated = dict(event)
        self._apply(guild, updated, body, creating=False)
        if "status" in body:
            updated["status"] = int(body["status"])
        event.clear()
        event.update(updated)
        audit.record(
            fake,
            guild,
            audit.SCHEDULED_EVENT_UPDATE,
            target_id=int(event["id"]),
            reason=reason_header(request),
        )
        fake.dispatch_nowait("GUILD_SCHEDULED_EVENT_UPDATE", _public(event, False))
        return json_response(_public(event, False))

    async def delete_event(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        event = self._event(guild, request)
        self._require_manage(guild, event)
        del guild.scheduled_events[int(event["id"])]
        audit.record(
            fake,
            guild,
            audit.SCHEDULED_EVENT_DELETE,
            target_id=int(event["id"]),
            reason=reason_header(request),
        )
        fake.dispatch_nowait("GUILD_SCHEDULED_EVENT_DELETE", _public(event, False))
        return no_content()

    def _apply(self, guild: FakeGuild, event: Json, body: Json, *, creating: bool) -> None:
        """Validate ``body`` like Discord and copy it onto ``event``."""
        for key in ("name", "description", "channel_id", "entity_metadata"):
            if key in body:
                event[key] = body[key]
        for key in ("scheduled_start_time", "scheduled_end_time"):
            if key in body:
                event[key] = None if body[key] is None else _time(key, body[key])
        if "privacy_level" in body:
            if body["privacy_level"] != 2:
                raise form_error("privacy_level", "BASE_TYPE_CHOICES", "Value must be one of {2}.")
            event["privacy_level"] = 2
        if "entity_type" in body:
            if body["entity_type"] not in (STAGE, VOICE, EXTERNAL):
                raise form_error(
                    "entity_type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}."
                )
            event["entity_type"] = body["entity_type"]
        name = str(event.get("name") or "")
        if not 1 <= len(name) <= 100:
            raise form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        start = parse_iso(event["scheduled_start_time"])
        if "scheduled_start_time" in body and start < dt.datetime.now(dt.UTC):
            raise form_error(
                "scheduled_start_time",
                "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST",
                "Cannot schedule event in the past.",
            )
        end = event.get("scheduled_end_time")
        if end is not None and parse_iso(end) <= start:
            raise form_error(
                "scheduled_end_time",
                "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
                "Cannot schedule event to end before starting.",
            )
        if event["entity_type"] == EXTERNAL:
            location = (event.get("entity_metadata") or {}).get("location")
            if not location:
                raise form_error(
                    "entity_metadata.location", "BASE_TYPE_REQUIRED", "This field is required"
                )
            if end is None:
                raise form_error(
                    "scheduled_end_time", "BASE_TYPE_REQUIRED", "This field is required"
                )
            event["channel_id"] = None
        else:
            channel = self.fake.world.channels.get(_int(event.get("channel_id")))
            wanted = 13 if event["entity_type"] == STAGE else 2
            if channel is None or channel.guild_id != guild.id or channel.type != wanted:
                raise form_error("channel_id", "BASE_TYPE_REQUIRED", "A valid channel is required")
            event["channel_id"] = str(channel.id)
            event["entity_metadata"] = None


def _public(event: Json, with_count: bool) -> Json:
    data = dict(event)
    if not with_count:
        data.pop("user_count", None)
    return data


def _time(key: str, raw: Any) -> str:
    try:
        return parse_iso(str(raw)).isoformat()
    except ValueError:
        raise form_error(key, "DATE_TIME_TYPE_PARSE", f"Could not parse {raw}.") from None


def _int(raw: Any) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 0
