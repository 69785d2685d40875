"""FakeDiscord: the public entry point tying state, gateway and REST together."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from typing import Any

import yarl
from aiohttp import web

from . import actions
from . import permissions as P
from .gateway import Gateway
from .interactions import FakeInteraction, poll_until
from .messages import MessageStore, validate_message_payload
from .people import PeopleActions
from .ratelimits import Enforcer, RateLimits
from .rest import (
    API_PREFIX,
    FILES_KEY,
    JSON_KEY,
    RECORD_KEY,
    RecordedRequest,
    UploadedFile,
    error_response,
    json_response,
    parse_body,
    ratelimit_headers,
)
from .routes_channels import ChannelRoutes
from .routes_core import CoreRoutes
from .routes_guild import GuildRoutes
from .routes_interactions import InteractionRoutes
from .routes_moderation import ModerationRoutes
from .sharding import ShardingActions
from .state import (
    FakeChannel,
    FakeError,
    FakeGuild,
    FakeHTTPError,
    FakeMember,
    FakeRole,
    FakeUser,
    Json,
    SnowflakeGen,
    World,
    as_id,
    is_timed_out,
)

_FLAG_PRESENCE_LIMITED = 1 << 13
_FLAG_MEMBERS_LIMITED = 1 << 15
_FLAG_CONTENT_LIMITED = 1 << 19
_FLAG_COMMAND_BADGE = 1 << 23


def _decoded(resp: web.StreamResponse) -> Any:
    body = getattr(resp, "body", None)
    if resp.headers.get("Content-Type") != "application/json" or not isinstance(body, bytes):
        return None
    return json.loads(body)


class FakeDiscord(PeopleActions, ShardingActions):
    """A local Discord (REST v10 + gateway) that the unmodified bot connects to: the sandbox's
    demo server and the tests' world. ``shard_count`` above 1 makes the bot shard (see
    :mod:`.sharding`)."""

    def __init__(
        self,
        token: str = "test-token",
        privileged_intents: Iterable[str] = frozenset({"members", "message_content"}),
        *,
        bot_name: str = "FakeBot",
        shard_count: int = 1,
        max_concurrency: int = 1,
        identify_window: float = 5.0,
    ) -> None:
        self.token = token
        self._init_sharding(shard_count, max_concurrency, identify_window)
        self.privileged_intents = frozenset(privileged_intents)
        unknown = self.privileged_intents - {"members", "presences", "message_content"}
        if unknown:
            raise ValueError(f"unknown privileged intents: {sorted(unknown)}")
        gen = SnowflakeGen()
        bot = FakeUser(id=gen(), name=bot_name, bot=True)
        self.world = World(bot)
        self.world.snowflake = gen
        self.application_id: int = bot.id
        self.app_owner: FakeUser = self.world.new_user("app-owner")
        flags = _FLAG_COMMAND_BADGE
        if "presences" in self.privileged_intents:
            flags |= _FLAG_PRESENCE_LIMITED
        if "members" in self.privileged_intents:
            flags |= _FLAG_MEMBERS_LIMITED
        if "message_content" in self.privileged_intents:
            flags |= _FLAG_CONTENT_LIMITED
        self.application_flags = flags
        self.store = MessageStore(self.world)
        self.gateway = Gateway(self)
        self.global_commands: list[Json] = []
        self.guild_commands: dict[int, list[Json]] = {}
        self.command_sync_count = 0
        self.identify_count = 0
        self.resume_count = 0
        self.requests: list[RecordedRequest] = []
        self.unmodelled: list[RecordedRequest] = []
        #: requests that crashed inside the fake (answered 503); the fixture fails on them
        self.internal_errors: list[tuple[RecordedRequest, BaseException]] = []
        self.interactions: dict[int, FakeInteraction] = {}
        self.interactions_by_token: dict[str, FakeInteraction] = {}
        self.interaction_log: list[FakeInteraction] = []
        #: guilds in an outage: listed as unavailable in READY, no GUILD_CREATE until it ends
        self.outage_guilds: set[int] = set()
        self.modals: dict[str, Json] = {}
        #: seconds the bot has to send the first interaction callback (Discord: 3)
        self.interaction_deadline: float = 3.0
        #: seconds within which Discord deduplicates messages sent with enforce_nonce
        self.nonce_window: float = 300.0
        #: seconds an interaction token stays valid for webhooks (Discord: 15 min)
        self.interaction_token_ttl: float = 15 * 60.0
        self.ratelimits = RateLimits()
        #: set to an Enforcer to enforce Discord's limits (see ratelimits.BUCKETS)
        self.enforcer: Enforcer | None = None
        self._last_post: dict[tuple[int, int], float] = {}
        self._runner: web.AppRunner | None = None
        self._port = 0

    # --------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=100 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        CoreRoutes(self).register(app)
        InteractionRoutes(self).register(app, API_PREFIX)
        ModerationRoutes(self).register(app)
        ChannelRoutes(self).register(app)
        GuildRoutes(self).register(app)
        app.router.add_route("*", "/{tail:.*}", self._unmodelled)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self.store.base_url = f"http://127.0.0.1:{self._port}"

    async def stop(self) -> None:
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}/"

    @property
    def bot_user(self) -> FakeUser:
        return self.world.bot_user

    def redirect_discord_py(self) -> Callable[[], None]:
        """Point discord.py's REST base and gateway at this fake; returns an undo callable."""
        import discord.gateway
        import discord.http

        old_base = discord.http.Route.BASE
        old_gw = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.base_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

        def undo() -> None:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gw

        return undo

    # ------------------------------------------------------------------- http
    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        path = request.path
        if not path.startswith(API_PREFIX + "/"):
            result: web.StreamResponse = await handler(request)
            return result
        rec = RecordedRequest(
            method=request.method,
            path=path[len(API_PREFIX) :],
            raw_path=path,
            query=dict(request.query),
            headers=dict(request.headers),
        )
        self.requests.append(rec)
        request[RECORD_KEY] = rec
        resource = request.match_info.route.resource
        canonical = resource.canonical if resource is not None else path
        bucket = hashlib.md5(f"{request.method} {canonical}".encode()).hexdigest()[:16]
        limits: dict[str, str] = {}
        try:
            rec.json, rec.files = await parse_body(request)
            request[JSON_KEY], request[FILES_KEY] = rec.json, rec.files
            injected = self.ratelimits.take(request.method, rec.path)
            if injected is not None:
                resp = self.ratelimits.response(injected, bucket)
                rec.status, rec.response = 429, _decoded(resp)
                if injected.scope != "shared":  # shared 429s do not count against the IP
                    self.ratelimits.count(429)
                return resp
            if self.enforcer is not None:
                limits, limited = self.enforcer.check(request.method, rec.path)
                if limited is not None:
                    rec.status, rec.response = 429, _decoded(limited)
                    self.ratelimits.count(429)
                    return limited
            early = self.before_route(request.method, rec)
            if early is not None:
                return early
            resp = await handler(request)
        except FakeHTTPError as err:
            resp = error_response(err)
        except web.HTTPException:
            raise
        except Exception as exc:  # a bug in the fake: 503 is not retried by discord.py
            self.internal_errors.append((rec, exc))
            resp = json_response(
                {"message": f"fake: internal error: {exc!r}", "code": 0}, status=503
            )
        self.after_route(request.method, rec)
        resp.headers.update(ratelimit_headers(bucket))
        resp.headers.update(limits)
        rec.status = resp.status
        rec.response = _decoded(resp)
        self.ratelimits.count(resp.status)
        return resp

    def before_route(self, method: str, rec: RecordedRequest) -> web.StreamResponse | None:
        """Called before a route handles a request: an answer here replaces the route's."""
        return None

    def after_route(self, method: str, rec: RecordedRequest) -> None:
        """Called after a route handled a request, before the answer is sent."""

    async def _unmodelled(self, request: web.Request) -> web.Response:
        rec = request.get(RECORD_KEY)
        if rec is None:
            return web.Response(status=404, text="Not Found")
        self.unmodelled.append(rec)
        return json_response({"message": "fake: unmodelled route", "code": 0}, status=404)

    # ---------------------------------------------------------------- gateway
    @property
    def connected(self) -> bool:
        return self.gateway.active is not None

    async def wait_until_connected(self, timeout: float = 10) -> None:
        await poll_until(lambda: self.connected, timeout, "a gateway session")

    def dispatch_nowait(self, event: str, data: Json) -> None:
        """Queue a gateway DISPATCH (dropped for guilds the bot is not in)."""
        gid = data.get("guild_id") if isinstance(data, dict) else None
        if gid is not None and event != "GUILD_DELETE":
            guild = self.world.guilds.get(int(gid))
            if guild is None or self.bot_user.id not in guild.members:
                return
        self.gateway.dispatch(event, data)

    async def dispatch(self, event: str, data: Json) -> None:
        self.dispatch_nowait(event, data)
        await asyncio.sleep(0)

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5) -> Any:
        return await poll_until(predicate, timeout, getattr(predicate, "__name__", "predicate"))

    # ----------------------------------------------------------- world setup
    def create_user(self, name: str, *, locale: str = "en-US", bot: bool = False) -> FakeUser:
        return self.world.new_user(name, locale=locale, bot=bot)

    def create_guild(
        self,
        name: str,
        owner: Any = None,
        *,
        locale: str = "en-US",
        add_bot: bool = True,
        shard: int | None = None,
        shard_count: int | None = None,
    ) -> FakeGuild:
        """A new guild (``shard``: one owned by that shard of the fake's shard count, or of
        ``shard_count`` when the bot shards a fake that does not require it)."""
        owner_user = (
            self.world.user(owner) if owner is not None else self.create_user(f"{name}-owner")
        )
        gid = None if shard is None else self.guild_id_on_shard(shard, shard_count)
        guild = self.world.new_guild(name, owner_user, locale, gid)
        if add_bot:
            self.add_bot_to_guild(guild)
        return guild

    def create_role(
        self,
        guild: Any,
        name: str,
        *,
        permissions: int = 0,
        position: int | None = None,
        color: int = 0,
        mentionable: bool = False,
        hoist: bool = False,
    ) -> FakeRole:
        g = self.world.guild(guild)
        if position is None:
            position = max(r.position for r in g.roles.values()) + 1
        role = FakeRole(
            id=self.world.snowflake(),
            guild_id=g.id,
            name=name,
            permissions=permissions,
            position=position,
            color=color,
            mentionable=mentionable,
            hoist=hoist,
        )
        g.roles[role.id] = role
        self.dispatch_nowait("GUILD_ROLE_CREATE", {"guild_id": str(g.id), "role": role.to_dict()})
        return role

    def set_role_permissions(self, guild: Any, role: Any, permissions: int) -> FakeRole:
        g = self.world.guild(guild)
        found = self.world.role_in(g, role)
        found.permissions = permissions
        self.dispatch_nowait("GUILD_ROLE_UPDATE", {"guild_id": str(g.id), "role": found.to_dict()})
        return found

    def add_member(
        self,
        guild: Any,
        user: Any,
        *,
        roles: Iterable[Any] = (),
        nick: str | None = None,
        pending: bool = False,
    ) -> FakeMember:
        """A user joins (``pending=True``: not yet through membership screening)."""
        g, u = self.world.guild(guild), self.world.user(user)
        if u.id == self.bot_user.id:
            raise FakeError("use add_bot_to_guild() for the bot")
        if u.id in g.bans:
            raise FakeError(f"{u.name} is banned from {g.name!r}")
        role_ids = [self.world.role_in(g, r).id for r in roles]
        member = FakeMember(user=u, guild_id=g.id, roles=role_ids, nick=nick, pending=pending)
        g.members[u.id] = member
        self.dispatch_nowait("GUILD_MEMBER_ADD", self.world.member_payload(g, member))
        return member

    def remove_member(self, guild: Any, user: Any) -> None:
        g, u = self.world.guild(guild), self.world.user(user)
        if g.members.pop(u.id, None) is None:
            raise FakeError(f"{u.name} is not a member of {g.name!r}")
        self.dispatch_nowait("GUILD_MEMBER_REMOVE", {"guild_id": str(g.id), "user": u.to_dict()})

    def member(self, guild: Any, user: Any) -> FakeMember:
        g, u = self.world.guild(guild), self.world.user(user)
        try:
            return g.members[u.id]
        except KeyError:
            raise FakeError(f"{u.name} is not a member of {g.name!r}") from None

    def set_member_roles(self, guild: Any, user: Any, roles: Iterable[Any]) -> FakeMember:
        g = self.world.guild(guild)
        member = self.member(g, user)
        member.roles = [self.world.role_in(g, r).id for r in roles]
        self.dispatch_nowait("GUILD_MEMBER_UPDATE", self.world.member_payload(g, member))
        return member

    def set_bot_roles(self, guild: Any, roles: Iterable[Any]) -> FakeMember:
        return self.set_member_roles(guild, self.bot_user, roles)

    def bot_member(self, guild: Any) -> FakeMember:
        return self.member(guild, self.bot_user)

    def create_text_channel(
        self,
        guild: Any,
        name: str,
        *,
        overwrites: list[Json] | None = None,
        topic: str | None = None,
        category: Any = None,
        type: int = 0,
    ) -> FakeChannel:
        g = self.world.guild(guild)
        parent = as_id(category) if category is not None else None
        ch = self.world.new_channel(
            g, name, type=type, overwrites=overwrites, topic=topic, parent_id=parent
        )
        self.dispatch_nowait("CHANNEL_CREATE", ch.to_dict())
        return ch

    def create_category(
        self, guild: Any, name: str, *, overwrites: list[Json] | None = None
    ) -> FakeChannel:
        return self.create_text_channel(guild, name, overwrites=overwrites, type=4)

    def set_overwrites(self, channel: Any, overwrites: list[Json]) -> FakeChannel:
        ch = self.world.channel(channel)
        ch.overwrites = [dict(o) for o in overwrites]
        self.dispatch_nowait("CHANNEL_UPDATE", ch.to_dict())
        return ch

    def remove_bot_from_guild(self, guild: Any) -> None:
        g = self.world.guild(guild)
        g.members.pop(self.bot_user.id, None)
        self.gateway.dispatch("GUILD_DELETE", {"id": str(g.id)})

    def add_bot_to_guild(self, guild: Any) -> FakeMember:
        g = self.world.guild(guild)
        member = g.members.get(self.bot_user.id)
        if member is None:
            member = FakeMember(user=self.bot_user, guild_id=g.id)
            g.members[self.bot_user.id] = member
        s = self.gateway.session_for_guild(g.id)
        include = bool(s and s.intents & (1 << 1))
        payload = self.world.guild_create_payload(g, include_members=include)
        # A guild the bot just joined comes without "unavailable" (discord.py: on_guild_join);
        # "unavailable": false marks a known guild becoming available again.
        payload.pop("unavailable", None)
        self.gateway.dispatch("GUILD_CREATE", payload)
        return member

    def observe(self, observer: Callable[[str, Json], None]) -> Callable[[], None]:
        """Call ``observer(event, data)`` after every gateway dispatch (also one the bot does not
        receive) and every change of the message store (``"stored"``, ``"edited"``,
        ``"deleted"`` with the message, ephemeral ones included); returns the undo. The
        sandbox's web view follows the server through this."""
        self.gateway.observers.append(observer)
        self.store.observers.append(observer)

        def undo() -> None:
            for observers in (self.gateway.observers, self.store.observers):
                if observer in observers:
                    observers.remove(observer)

        return undo

    def dm_channel(self, user: Any) -> FakeChannel:
        return self.world.dm_channel(user)

    # ---------------------------------------------------------- user actions
    async def send_message(
        self,
        user: Any,
        channel: Any,
        content: str = "",
        *,
        embeds: list[Json] | None = None,
        files: dict[str, bytes] | None = None,
        reply_to: Json | None = None,
    ) -> Json:
        """A user posts a message: stored and dispatched as MESSAGE_CREATE."""
        u, ch = self.world.user(user), self.world.channel(channel)
        self._check_can_act(u, ch, sending=True)
        payload: Json = {"content": content, "embeds": embeds or []}
        if reply_to is not None:
            payload["message_reference"] = {
                "message_id": reply_to["id"],
                "channel_id": reply_to["channel_id"],
            }
        uploads = [
            UploadedFile(f"files[{i}]", n, "application/octet-stream", b)
            for i, (n, b) in enumerate((files or {}).items())
        ]
        try:
            validate_message_payload(payload, uploads)
            msg = self.store.build(u, ch, payload, uploads)
        except FakeHTTPError as err:
            raise FakeError(f"Discord would reject this message: {err}") from None
        self.world.join_thread(ch, u.id, msg)
        self.store.store(msg)
        self._last_post[(ch.id, u.id)] = time.monotonic()
        await self.dispatch("MESSAGE_CREATE", self.store.event_payload(msg))
        return msg

    def _check_can_act(self, u: FakeUser, ch: FakeChannel, *, sending: bool = False) -> None:
        """What the Discord client would prevent: no access, timeout, screening, slowmode."""
        if ch.guild_id is None:
            if ch.recipient is not u:
                raise FakeError(f"{u.name} is not the recipient of DM channel {ch.id}")
            return
        g = self.world.guilds[ch.guild_id]
        member = g.members.get(u.id)
        if member is None:
            raise FakeError(f"{u.name} is not a member of {g.name!r}")
        if is_timed_out(member):
            raise FakeError(f"{u.name} is timed out in {g.name!r}")
        if member.pending:
            raise FakeError(f"{u.name} has not passed membership screening in {g.name!r}")
        perms = self.world.channel_permissions(ch, u.id)
        need = P.VIEW_CHANNEL
        if sending:
            need |= P.SEND_MESSAGES_IN_THREADS if ch.is_thread else P.SEND_MESSAGES
        if not P.has(perms, need):
            raise FakeError(
                f"{u.name} cannot {'send messages in' if sending else 'use'} #{ch.name}"
            )
        if sending and ch.is_thread and (ch.thread_metadata or {}).get("locked"):
            raise FakeError(f"thread #{ch.name} is locked")
        last = self._last_post.get((ch.id, u.id))
        exempt = perms & (P.MANAGE_MESSAGES | P.MANAGE_CHANNELS)
        slow = ch.rate_limit_per_user
        if sending and slow and last is not None and not exempt and time.monotonic() - last < slow:
            raise FakeError(f"slowmode: {u.name} must wait before posting in #{ch.name}")

    async def invoke(
        self,
        user: Any,
        channel: Any,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        locale: str | None = None,
        bypass_default_permissions: bool = False,
    ) -> FakeInteraction:
        return await actions.invoke(
            self,
            user,
            channel,
            command,
            options,
            locale=locale,
            bypass_default_permissions=bypass_default_permissions,
        )

    async def invoke_message_command(
        self, user: Any, message: Json, name: str, *, locale: str | None = None
    ) -> FakeInteraction:
        return await actions.invoke_message_command(self, user, message, name, locale=locale)

    async def autocomplete(
        self,
        user: Any,
        channel: Any,
        command: str,
        options: dict[str, Any],
        focused: str,
        *,
        locale: str | None = None,
        timeout: float = 5,
    ) -> list[Json]:
        return await actions.autocomplete(
            self, user, channel, command, options, focused, locale=locale, timeout=timeout
        )

    async def click(
        self, user: Any, message: Json, custom_id: str, *, locale: str | None = None
    ) -> FakeInteraction:
        return await actions.click(self, user, message, custom_id, locale=locale)

    async def select(
        self,
        user: Any,
        message: Json,
        custom_id: str,
        values: list[Any],
        *,
        locale: str | None = None,
    ) -> FakeInteraction:
        return await actions.select(self, user, message, custom_id, values, locale=locale)

    async def submit_modal(
        self,
        user: Any,
        channel: Any,
        custom_id: str,
        values: dict[str, Any],
        *,
        locale: str | None = None,
        from_interaction: FakeInteraction | None = None,
    ) -> FakeInteraction:
        return await actions.submit_modal(
            self, user, channel, custom_id, values, locale=locale, from_interaction=from_interaction
        )

    # ------------------------------------------------------------ inspection
    def messages(self, channel: Any) -> list[Json]:
        return list(self.store.by_channel.get(as_id(channel), []))

    def dm_messages(self, user: Any) -> list[Json]:
        return self.messages(self.world.dm_channel(user))

    def message(self, message_id: Any) -> Json | None:
        return self.store.by_id.get(as_id(message_id))

    def commands(self, guild: Any = None) -> list[Json]:
        if guild is None:
            return list(self.global_commands)
        return list(self.guild_commands.get(as_id(guild), []))

    def attachment_bytes(self, attachment: Json) -> bytes:
        return self.store.attachment_data[int(attachment["id"])]

    def store_attachment(self, filename: str, data: bytes) -> Json:
        """Store bytes as an attachment (used for attachment command options)."""
        atts = self.store._attachments(
            {}, [UploadedFile("files[0]", filename, "application/octet-stream", data)], []
        )
        return atts[0]
