"""REST routes: users, application, gateway, commands, guilds, channels, messages."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import audit
from . import permissions as P
from .messages import validate_message_payload
from .rest import (
    API_PREFIX,
    body_files,
    body_json,
    body_obj,
    int_query,
    json_response,
    no_content,
    reason_header,
)
from .state import FakeChannel, FakeGuild, FakeHTTPError, Json, form_error, is_timed_out

if TYPE_CHECKING:
    from .server import FakeDiscord

_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")

MISSING_ACCESS = FakeHTTPError(403, 50001, "Missing Access")
MISSING_PERMISSIONS = FakeHTTPError(403, 50013, "Missing Permissions")


def _snowflake_arg(request: web.Request, key: str, error: FakeHTTPError) -> int:
    try:
        return int(request.match_info[key])
    except ValueError:
        raise error from None


class CoreRoutes:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    # --------------------------------------------------------------- wiring
    def register(self, app: web.Application) -> None:
        p = API_PREFIX
        routes: list[tuple[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]]] = [
            ("GET", "/users/@me", self.get_me),
            ("GET", "/users/@me/guilds", self.my_guilds),
            ("DELETE", "/users/@me/guilds/{gid}", self.leave_guild),
            ("POST", "/users/@me/channels", self.create_dm),
            ("GET", "/users/{uid}", self.get_user),
            ("GET", "/oauth2/applications/@me", self.app_info),
            ("GET", "/applications/@me", self.app_info),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway_bot),
            ("GET", "/applications/{app}/commands", self.get_commands),
            ("PUT", "/applications/{app}/commands", self.put_commands),
            ("GET", "/applications/{app}/guilds/{gid}/commands", self.get_commands),
            ("PUT", "/applications/{app}/guilds/{gid}/commands", self.put_commands),
            ("GET", "/guilds/{gid}", self.get_guild),
            ("GET", "/guilds/{gid}/channels", self.get_guild_channels),
            ("GET", "/guilds/{gid}/roles", self.get_roles),
            ("GET", "/guilds/{gid}/members", self.list_members),
            ("GET", "/guilds/{gid}/members/{uid}", self.get_member),
            ("GET", "/channels/{cid}", self.get_channel),
            ("POST", "/channels/{cid}/typing", self.typing),
            ("GET", "/channels/{cid}/messages", self.get_messages),
            ("POST", "/channels/{cid}/messages", self.create_message),
            ("GET", "/channels/{cid}/messages/{mid}", self.get_message),
            ("PATCH", "/channels/{cid}/messages/{mid}", self.edit_message),
            ("DELETE", "/channels/{cid}/messages/{mid}", self.delete_message),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, p + path, self._authed(handler))
        app.router.add_get("/attachments/{aid}/{filename}", self.attachment)

    def _authed(
        self, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def wrapper(request: web.Request) -> web.StreamResponse:
            if request.headers.get("Authorization") != f"Bot {self.fake.token}":
                raise FakeHTTPError(401, 0, "401: Unauthorized")
            return await handler(request)

        return wrapper

    # -------------------------------------------------------------- helpers
    def _guild(self, request: web.Request) -> FakeGuild:
        world = self.fake.world
        gid = _snowflake_arg(request, "gid", FakeHTTPError(404, 10004, "Unknown Guild"))
        guild = world.guilds.get(gid)
        if guild is None:
            raise FakeHTTPError(404, 10004, "Unknown Guild")
        if world.bot_user.id not in guild.members:
            raise MISSING_ACCESS
        return guild

    def _channel(self, request: web.Request, *, need: int = P.VIEW_CHANNEL) -> FakeChannel:
        world = self.fake.world
        cid = _snowflake_arg(request, "cid", FakeHTTPError(404, 10003, "Unknown Channel"))
        channel = world.channels.get(cid)
        if channel is None:
            raise FakeHTTPError(404, 10003, "Unknown Channel")
        if channel.guild_id is not None:
            guild = world.guilds[channel.guild_id]
            if world.bot_user.id not in guild.members:
                raise MISSING_ACCESS
            perms = world.channel_permissions(channel, world.bot_user.id)
            if not perms & P.VIEW_CHANNEL:
                raise MISSING_ACCESS
            if not P.has(perms, need):
                raise MISSING_PERMISSIONS
        return channel

    def _app(self, request: web.Request) -> None:
        if request.match_info["app"] != str(self.fake.application_id):
            raise FakeHTTPError(403, 50001, "Missing Access")

    # ----------------------------------------------------------------- users
    async def get_me(self, request: web.Request) -> web.Response:
        user = self.fake.world.bot_user.to_dict()
        user.update(verified=True, mfa_enabled=False, locale="en-US", email=None, bio="")
        return json_response(user)

    async def get_user(self, request: web.Request) -> web.Response:
        uid = _snowflake_arg(request, "uid", FakeHTTPError(404, 10013, "Unknown User"))
        user = self.fake.world.users.get(uid)
        if user is None:
            raise FakeHTTPError(404, 10013, "Unknown User")
        return json_response(user.to_dict())

    async def my_guilds(self, request: web.Request) -> web.Response:
        world = self.fake.world
        out: list[Json] = []
        for g in world.guilds.values():
            if world.bot_user.id in g.members:
                out.append(
                    {
                        "id": str(g.id),
                        "name": g.name,
                        "icon": None,
                        "banner": None,
                        "owner": g.owner_id == world.bot_user.id,
                        "permissions": str(world.guild_permissions(g, world.bot_user.id)),
                        "features": [],
                    }
                )
        return json_response(out)

    async def leave_guild(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        self.fake.remove_bot_from_guild(guild)
        return no_content()

    async def create_dm(self, request: web.Request) -> web.Response:
        body = body_obj(request)
        try:
            uid = int(body.get("recipient_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise form_error(
                "recipient_id", "BASE_TYPE_REQUIRED", "This field is required"
            ) from None
        if uid not in self.fake.world.users or uid == self.fake.world.bot_user.id:
            raise FakeHTTPError(404, 10013, "Unknown User")
        return json_response(self.fake.world.dm_channel(uid).to_dict())

    # ----------------------------------------------------------- application
    async def app_info(self, request: web.Request) -> web.Response:
        fake = self.fake
        owner = fake.app_owner.to_dict()
        return json_response(
            {
                "id": str(fake.application_id),
                "name": fake.world.bot_user.name,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": fake.application_flags,
                "owner": owner,
                "team": None,
                "bot": fake.world.bot_user.to_dict(),
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "tags": [],
                "approximate_guild_count": len(fake.world.guilds),
                "integration_types_config": {"0": {}, "1": {}},
            }
        )

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.fake.gateway_url.rstrip("/")})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "url": self.fake.gateway_url.rstrip("/"),
                "shards": self.fake.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 86400000,
                    "max_concurrency": self.fake.max_concurrency,
                },
            }
        )

    # -------------------------------------------------------------- commands
    async def get_commands(self, request: web.Request) -> web.Response:
        self._app(request)
        gid = request.match_info.get("gid")
        if gid is not None:
            self._guild(request)
        return json_response(self.fake.commands(None if gid is None else int(gid)))

    async def put_commands(self, request: web.Request) -> web.Response:
        self._app(request)
        fake = self.fake
        gid: int | None = None
        if "gid" in request.match_info:
            gid = self._guild(request).id
        body = body_json(request)
        if not isinstance(body, list):
            raise form_error("_", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
        if len(body) > 100:
            raise form_error("_", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
        old = {(c["name"], c["type"]): c for c in fake.commands(gid)}
        seen: set[tuple[str, int]] = set()
        result: list[Json] = []
        for i, cmd in enumerate(body):
            ctype = int(cmd.get("type") or 1)
            name = str(cmd.get("name") or "")
            _validate_command(cmd, ctype, str(i))
            if (name, ctype) in seen:
                raise form_error(
                    f"{i}.name",
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    f"Application command names must be unique: {name}",
                )
            seen.add((name, ctype))
            prev = old.get((name, ctype))
            stored: Json = {
                "id": prev["id"] if prev else str(fake.world.snowflake()),
                "application_id": str(fake.application_id),
                "version": str(fake.world.snowflake()),
                "type": ctype,
                "name": name,
                "description": cmd.get("description", ""),
                "default_member_permissions": cmd.get("default_member_permissions"),
                "dm_permission": cmd.get("dm_permission", True),
                "nsfw": bool(cmd.get("nsfw", False)),
                "contexts": cmd.get("contexts"),
                "integration_types": cmd.get("integration_types") or [0],
            }
            for key in ("name_localizations", "description_localizations"):
                if cmd.get(key):
                    stored[key] = cmd[key]
            if cmd.get("options"):
                stored["options"] = cmd["options"]
            if gid is not None:
                stored["guild_id"] = str(gid)
            result.append(stored)
        if gid is None:
            fake.global_commands = result
        else:
            fake.guild_commands[gid] = result
        fake.command_sync_count += 1
        return json_response(result)

    # ---------------------------------------------------------------- guilds
    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        data = guild.to_dict()
        if request.query.get("with_counts") in ("true", "1"):
            data["approximate_member_count"] = len(guild.members)
            data["approximate_presence_count"] = 0
        return json_response(data)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return json_response([c.to_dict() for c in guild.channels.values() if not c.is_thread])

    async def get_roles(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return json_response([r.to_dict() for r in guild.roles.values()])

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        uid = _snowflake_arg(request, "uid", FakeHTTPError(404, 10013, "Unknown User"))
        if uid not in self.fake.world.users:
            raise FakeHTTPError(404, 10013, "Unknown User")
        member = guild.members.get(uid)
        if member is None:
            raise FakeHTTPError(404, 10007, "Unknown Member")
        return json_response(member.to_dict())

    async def list_members(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if "members" not in self.fake.privileged_intents:
            raise MISSING_ACCESS
        limit = int_query(request, "limit", 1) or 1
        if not 1 <= limit <= 1000:
            raise form_error(
                "limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 1000."
            )
        after = int_query(request, "after", 0) or 0
        members = sorted(guild.members.values(), key=lambda m: m.id)
        members = [m for m in members if m.id > after][:limit]
        return json_response([m.to_dict() for m in members])

    # -------------------------------------------------------------- channels
    async def get_channel(self, request: web.Request) -> web.Response:
        return json_response(self._channel(request).to_dict())

    async def typing(self, request: web.Request) -> web.Response:
        self._channel(request, need=P.VIEW_CHANNEL | P.SEND_MESSAGES)
        return no_content()

    async def get_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request, need=P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY)
        limit = int_query(request, "limit", 50) or 50
        if not 1 <= limit <= 100:
            raise form_error(
                "limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100."
            )
        msgs = self.fake.store.history(
            channel.id,
            limit=limit,
            before=int_query(request, "before"),
            after=int_query(request, "after"),
            around=int_query(request, "around"),
        )
        return json_response(msgs)

    async def get_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request, need=P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY)
        mid = _snowflake_arg(request, "mid", FakeHTTPError(404, 10008, "Unknown Message"))
        msg = self.fake.store.require(channel.id, mid)
        if int(msg.get("flags", 0)) & 64:
            raise FakeHTTPError(404, 10008, "Unknown Message")
        return json_response(msg)

    async def create_message(self, request: web.Request) -> web.Response:
        fake = self.fake
        body = body_obj(request)
        files = body_files(request)
        channel = self._channel(request)
        need = P.VIEW_CHANNEL
        need |= P.SEND_MESSAGES_IN_THREADS if channel.is_thread else P.SEND_MESSAGES
        if body.get("embeds"):
            need |= P.EMBED_LINKS
        if files:
            need |= P.ATTACH_FILES
        channel = self._channel(request, need=need)
        if channel.type == 1:
            assert channel.recipient is not None
            if not channel.recipient.dms_open or not self._shares_guild(channel.recipient.id):
                raise FakeHTTPError(403, 50007, "Cannot send messages to this user")
        if channel.guild_id is not None:
            bot_member = fake.world.guilds[channel.guild_id].members[fake.world.bot_user.id]
            if is_timed_out(bot_member):
                raise MISSING_PERMISSIONS
        if channel.is_thread:
            self._post_in_thread(channel)
        validate_message_payload(body, files)
        if body.get("enforce_nonce") and body.get("nonce") is not None:
            # Discord: a message with the same nonce from the same author within a few minutes
            # is not created again; the earlier one is returned.
            same = fake.store.recent_with_nonce(
                channel.id, str(body["nonce"]), fake.world.bot_user.id, fake.nonce_window
            )
            if same is not None:
                return json_response(same)
        msg = fake.store.build(fake.world.bot_user, channel, body, files)
        fake.world.join_thread(channel, fake.world.bot_user.id, msg, body.get("allowed_mentions"))
        fake.store.store(msg)
        fake.dispatch_nowait("MESSAGE_CREATE", fake.store.event_payload(msg))
        return json_response(msg)

    def _shares_guild(self, user_id: int) -> bool:
        bot_id = self.fake.world.bot_user.id
        return any(
            bot_id in g.members and user_id in g.members for g in self.fake.world.guilds.values()
        )

    def _post_in_thread(self, thread: FakeChannel) -> None:
        """Posting in an archived thread unarchives it, unless it is locked (then 50083)."""
        meta = thread.thread_metadata or {}
        if not meta.get("archived"):
            return
        perms = self.fake.world.channel_permissions(thread, self.fake.world.bot_user.id)
        if meta.get("locked") and not perms & P.MANAGE_THREADS:
            raise FakeHTTPError(400, 50083, "Thread is archived")
        thread.thread_metadata = {**meta, "archived": False}
        self.fake.dispatch_nowait("THREAD_UPDATE", thread.to_dict())

    async def edit_message(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = self._channel(request)
        mid = _snowflake_arg(request, "mid", FakeHTTPError(404, 10008, "Unknown Message"))
        msg = fake.store.require(channel.id, mid)
        body = body_obj(request)
        files = body_files(request)
        not_own = msg["author"]["id"] != str(fake.world.bot_user.id) or msg.get("webhook_id")
        if not_own and set(body) - {"flags"}:
            raise FakeHTTPError(403, 50005, "Cannot edit a message authored by another user")
        validate_message_payload(body, files, editing=True)
        msg = fake.store.edit(msg, body, files)
        fake.dispatch_nowait("MESSAGE_UPDATE", fake.store.event_payload(msg))
        return json_response(msg)

    async def delete_message(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel = self._channel(request)
        mid = _snowflake_arg(request, "mid", FakeHTTPError(404, 10008, "Unknown Message"))
        msg = fake.store.require(channel.id, mid)
        if msg["author"]["id"] != str(fake.world.bot_user.id):
            if channel.type == 1:
                raise FakeHTTPError(403, 50003, "Cannot execute action on a DM channel")
            perms = fake.world.channel_permissions(channel, fake.world.bot_user.id)
            if not perms & P.MANAGE_MESSAGES:
                raise MISSING_PERMISSIONS
            if channel.guild_id is not None:
                audit.record(
                    fake,
                    fake.world.guilds[channel.guild_id],
                    audit.MESSAGE_DELETE,
                    target_id=int(msg["author"]["id"]),
                    reason=reason_header(request),
                    options={"channel_id": str(channel.id), "count": "1"},
                )
        fake.store.delete(msg)
        data: Json = {"id": msg["id"], "channel_id": msg["channel_id"]}
        if channel.guild_id is not None:
            data["guild_id"] = str(channel.guild_id)
        fake.dispatch_nowait("MESSAGE_DELETE", data)
        return no_content()

    async def attachment(self, request: web.Request) -> web.Response:
        try:
            aid = int(request.match_info["aid"])
            data = self.fake.store.attachment_data[aid]
        except (ValueError, KeyError):
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, content_type="application/octet-stream")


def _validate_command(cmd: Json, ctype: int, path: str) -> None:
    name = str(cmd.get("name") or "")
    # Slash commands: lowercase, no spaces. Context-menu commands (types 2 and 3) may have
    # capitals and spaces ("Report message"), 1 to 32 characters, as on Discord.
    valid = _NAME_RE.match(name) and name == name.lower() if ctype == 1 else 0 < len(name) <= 32
    if not valid:
        raise form_error(
            f"{path}.name", "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}"
        )
    desc = cmd.get("description") or ""
    if ctype == 1 and not 1 <= len(desc) <= 100:
        raise form_error(
            f"{path}.description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    if ctype != 1 and desc:
        raise form_error(
            f"{path}.description",
            "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
            "Context menu commands cannot have description",
        )
    _validate_options(cmd.get("options") or [], f"{path}.options", parent_type=None)


def _validate_options(options: list[Any], path: str, parent_type: int | None) -> None:
    if len(options) > 25:
        raise form_error(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    names: set[str] = set()
    optional_seen = False
    for i, opt in enumerate(options):
        here = f"{path}.{i}"
        otype = int(opt.get("type") or 0)
        name = str(opt.get("name") or "")
        if not _NAME_RE.match(name) or name != name.lower():
            raise form_error(
                f"{here}.name",
                "APPLICATION_COMMAND_INVALID_NAME",
                f"Command name is invalid: {name!r}",
            )
        if name in names:
            raise form_error(
                f"{here}.name",
                "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            )
        names.add(name)
        if not 1 <= len(opt.get("description") or "") <= 100:
            raise form_error(
                f"{here}.description",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            )
        if parent_type == 2 and otype != 1:
            raise form_error(
                f"{here}.type",
                "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                "Subcommand groups may only contain subcommands",
            )
        if parent_type == 1 and otype in (1, 2):
            raise form_error(
                f"{here}.type",
                "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                "Subcommands cannot be nested",
            )
        if otype in (1, 2):
            _validate_options(opt.get("options") or [], f"{here}.options", parent_type=otype)
            continue
        if opt.get("required"):
            if optional_seen:
                raise form_error(
                    f"{here}.required",
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            optional_seen = True
        if len(opt.get("choices") or []) > 25:
            raise form_error(
                f"{here}.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
            )
        if opt.get("choices") and opt.get("autocomplete"):
            raise form_error(
                f"{here}.autocomplete",
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
                "Autocomplete cannot be set with choices",
            )
