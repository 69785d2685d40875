"""The gateway WebSocket: HELLO/IDENTIFY/READY/RESUME, heartbeats, zlib-stream, intents, and
one session per shard (see :mod:`.sharding`)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .sharding import ShardRefused, event_guild_id, identify_wait, parse_shard, shard_of
from .state import Json, clone

if TYPE_CHECKING:
    from .server import FakeDiscord

GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_MODERATION = 1 << 2
GUILD_INVITES = 1 << 6
GUILD_PRESENCES = 1 << 8
GUILD_MESSAGES = 1 << 9
GUILD_MESSAGE_REACTIONS = 1 << 10
GUILD_MESSAGE_TYPING = 1 << 11
DIRECT_MESSAGES = 1 << 12
DIRECT_MESSAGE_REACTIONS = 1 << 13
DIRECT_MESSAGE_TYPING = 1 << 14
MESSAGE_CONTENT = 1 << 15
GUILD_SCHEDULED_EVENTS = 1 << 16

_EXPLICIT = {
    "GUILD_BAN_ADD": GUILD_MODERATION,
    "GUILD_BAN_REMOVE": GUILD_MODERATION,
    "GUILD_AUDIT_LOG_ENTRY_CREATE": GUILD_MODERATION,
    "INVITE_CREATE": GUILD_INVITES,
    "INVITE_DELETE": GUILD_INVITES,
    "GUILD_MEMBERS_CHUNK": 0,
}

PRIVILEGED = {
    "members": GUILD_MEMBERS,
    "presences": GUILD_PRESENCES,
    "message_content": MESSAGE_CONTENT,
}


def required_intent(event: str, data: Json) -> int:
    """The intent bit Discord requires for ``event`` (0 = always sent)."""
    in_guild = isinstance(data, dict) and data.get("guild_id") is not None
    if event in _EXPLICIT:
        return _EXPLICIT[event]
    if event.startswith("GUILD_SCHEDULED_EVENT"):
        return GUILD_SCHEDULED_EVENTS
    if event.startswith("GUILD_MEMBER"):
        return GUILD_MEMBERS
    if event.startswith(("GUILD_", "CHANNEL_", "THREAD_")):
        return GUILDS
    if event.startswith("MESSAGE_REACTION"):
        return GUILD_MESSAGE_REACTIONS if in_guild else DIRECT_MESSAGE_REACTIONS
    if event.startswith("MESSAGE_"):
        return GUILD_MESSAGES if in_guild else DIRECT_MESSAGES
    if event == "TYPING_START":
        return GUILD_MESSAGE_TYPING if in_guild else DIRECT_MESSAGE_TYPING
    if event == "PRESENCE_UPDATE":
        return GUILD_PRESENCES
    return 0


@dataclass(eq=False)
class Session:
    session_id: str
    intents: int
    seq: int = 0
    history: list[Json] = field(default_factory=list)
    connection: Connection | None = None
    invalid: bool = False
    large_threshold: int = 50
    shard_id: int = 0
    shard_count: int = 1

    def owns(self, guild_id: int | None) -> bool:
        """Whether this shard receives events of ``guild_id`` (None: no guild, shard 0)."""
        if guild_id is None:
            return self.shard_id == 0
        return shard_of(guild_id, self.shard_count) == self.shard_id


class Connection:
    """One WebSocket. All frames go through a queue so compression order is preserved."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.session: Session | None = None
        self.server_close_code: int | None = None
        self.writer = asyncio.get_running_loop().create_task(self._write_loop())

    def send(self, payload: Json) -> None:
        self._queue.put_nowait(("json", payload))

    def close(self, code: int, reason: str = "") -> None:
        self._queue.put_nowait(("close", (code, reason)))

    async def _write_loop(self) -> None:
        while True:
            kind, item = await self._queue.get()
            if self.ws.closed:
                return
            try:
                if kind == "close":
                    code, reason = item
                    self.server_close_code = code
                    await self.ws.close(code=code, message=reason.encode())
                    return
                raw = json.dumps(item, separators=(",", ":"))
                if self._zlib is not None:
                    data = self._zlib.compress(raw.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)
                else:
                    await self.ws.send_str(raw)
            except (ConnectionError, RuntimeError):
                return


class Gateway:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        #: the current session of each shard (without sharding: only shard 0)
        self.sessions: dict[int, Session] = {}
        self.connections: set[Connection] = set()
        self.heartbeat_interval_ms = 41250
        #: members per GUILD_MEMBERS_CHUNK (Discord: 1000)
        self.chunk_size = 1000
        #: cleared while the fake keeps new connections waiting for HELLO (FakeDiscord.offline)
        self.hello_gate = asyncio.Event()
        self.hello_gate.set()
        #: called with (event, data) for every dispatch, also one the bot does not receive
        self.observers: list[Callable[[str, Json], None]] = []

    @property
    def session(self) -> Session | None:
        """Shard 0's session (the only one without sharding)."""
        return self.sessions.get(0)

    @property
    def active(self) -> Connection | None:
        """Shard 0's connection while its session is usable."""
        return self.active_on(0)

    def active_on(self, shard_id: int) -> Connection | None:
        s = self.sessions.get(shard_id)
        if s is None or s.invalid or s.connection is None or s.connection.ws.closed:
            return None
        return s.connection

    def session_for_guild(self, guild_id: int | None) -> Session | None:
        """The session of the shard that owns ``guild_id``."""
        return next((s for s in self.sessions.values() if s.owns(guild_id)), None)

    # ---------------------------------------------------------------- dispatch
    def dispatch(self, event: str, data: Json) -> None:
        """Sequence ``event`` into the session of the shard owning its guild (buffered for
        RESUME while offline)."""
        for observer in self.observers:
            observer(event, data)
        guild_id = event_guild_id(event, data)
        for s in list(self.sessions.values()):
            if s.owns(guild_id):
                self._deliver(s, event, data)

    def _dispatch_to(self, s: Session, event: str, data: Json) -> None:
        """Dispatch an event of one session (READY, RESUMED, its member chunks)."""
        for observer in self.observers:
            observer(event, data)
        self._deliver(s, event, data)

    def _deliver(self, s: Session, event: str, data: Json) -> None:
        if s.invalid:
            return
        need = required_intent(event, data)
        if need and not s.intents & need:
            return
        data = clone(data)
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and not s.intents & MESSAGE_CONTENT:
            self._strip_content(data)
        s.seq += 1
        payload = {"op": 0, "t": event, "s": s.seq, "d": data}
        s.history.append(payload)
        if s.connection is not None and not s.connection.ws.closed:
            s.connection.send(payload)

    def _strip_content(self, data: Json) -> None:
        bot_id = str(self.fake.world.bot_user.id)
        if data.get("guild_id") is None:
            return
        if data.get("author", {}).get("id") == bot_id:
            return
        if any(u.get("id") == bot_id for u in data.get("mentions", [])):
            return
        data.update(content="", embeds=[], attachments=[], components=[])
        data.pop("poll", None)

    # ----------------------------------------------------------------- handler
    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        compress = request.query.get("compress")
        conn = Connection(ws, compress)
        self.connections.add(conn)
        await self.hello_gate.wait()
        conn.send(
            {
                "op": 10,
                "s": None,
                "t": None,
                "d": {"heartbeat_interval": self.heartbeat_interval_ms},
            }
        )
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_payload(conn, json.loads(msg.data))
                elif msg.type == WSMsgType.BINARY:
                    await self._on_payload(conn, json.loads(msg.data.decode()))
                elif msg.type == WSMsgType.ERROR:
                    break
        except (ConnectionError, json.JSONDecodeError):
            pass
        finally:
            self.connections.discard(conn)
            s = conn.session
            if s is not None and s.connection is conn:
                s.connection = None
                if conn.server_close_code is None and ws.close_code in (1000, 1001):
                    s.invalid = True  # Discord invalidates sessions closed normally
            with contextlib.suppress(Exception):
                await ws.close()
            conn.writer.cancel()
        return ws

    async def _on_payload(self, conn: Connection, payload: Json) -> None:
        op = payload.get("op")
        data = payload.get("d")
        if op == 1:
            conn.send({"op": 11, "s": None, "t": None, "d": None})
        elif op == 2:
            self._identify(conn, data or {})
        elif op == 6:
            self._resume(conn, data or {})
        elif op == 8:
            self._request_members(conn, data or {})
        elif op in (3, 4):
            return
        else:
            conn.close(4001, "Unknown opcode.")

    def _identify(self, conn: Connection, data: Json) -> None:
        fake = self.fake
        if conn.session is not None:
            conn.close(4005, "Already authenticated.")
            return
        if data.get("token") != fake.token:
            conn.close(4004, "Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            conn.close(4013, "Invalid intent(s).")
            return
        enabled = 0
        for name in fake.privileged_intents:
            enabled |= PRIVILEGED.get(name, 0)
        for bit in PRIVILEGED.values():
            if intents & bit and not enabled & bit:
                conn.close(4014, "Disallowed intent(s).")
                return
        try:
            shard_id, shard_count = parse_shard(data.get("shard"), fake.shard_count)
        except ShardRefused as refused:
            conn.close(refused.code, refused.reason)
            return
        now = time.monotonic()
        if fake.identify_limited and identify_wait(
            fake.identifies,
            shard_id,
            now,
            max_concurrency=fake.max_concurrency,
            window=fake.identify_window,
        ):
            fake.identify_refusals += 1  # the bucket identified within the window
            conn.send({"op": 9, "s": None, "t": None, "d": False})
            return
        fake.identifies.append((shard_id, now))
        old = self.sessions.get(shard_id)
        if old is not None and old.connection is not None and old.connection is not conn:
            old.connection.close(4000, "Session replaced.")
        s = Session(
            session_id=secrets.token_hex(16),
            intents=intents,
            connection=conn,
            shard_id=shard_id,
            shard_count=shard_count,
        )
        s.large_threshold = max(50, min(250, int(data.get("large_threshold") or 50)))
        self.sessions[shard_id] = s
        conn.session = s
        fake.identify_count += 1
        world = fake.world
        bot_guilds = [
            g for g in world.guilds.values() if world.bot_user.id in g.members and s.owns(g.id)
        ]
        self._dispatch_to(
            s,
            "READY",
            {
                "v": 10,
                "user": {**world.bot_user.to_dict(), "verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(g.id), "unavailable": True} for g in bot_guilds],
                "session_id": s.session_id,
                "session_type": "normal",
                "resume_gateway_url": fake.gateway_url,
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "user_settings": {},
                "geo_ordered_rtc_regions": [],
                "auth": {},
                "application": {"id": str(fake.application_id), "flags": fake.application_flags},
                "shard": [shard_id, shard_count],
                "_trace": ["fakediscord"],
            },
        )
        for g in bot_guilds:
            if g.id in fake.outage_guilds:
                continue  # listed as unavailable in READY, and stays so (a Discord outage)
            self._dispatch_to(
                s,
                "GUILD_CREATE",
                world.guild_create_payload(
                    g,
                    include_members=bool(intents & GUILD_MEMBERS),
                    large_threshold=s.large_threshold,
                ),
            )

    def _resume(self, conn: Connection, data: Json) -> None:
        fake = self.fake
        wanted = data.get("session_id")
        s = next((x for x in self.sessions.values() if x.session_id == wanted), None)
        if data.get("token") != fake.token or s is None or s.invalid:
            if data.get("token") != fake.token:
                conn.close(4004, "Authentication failed.")
                return
            conn.send({"op": 9, "s": None, "t": None, "d": False})
            return
        if s.connection is not None and s.connection is not conn:
            s.connection.close(4000, "Session resumed elsewhere.")
        s.connection = conn
        conn.session = s
        fake.resume_count += 1
        seq = int(data.get("seq") or 0)
        for payload in s.history:
            if payload["s"] > seq:
                conn.send(payload)
        self._dispatch_to(s, "RESUMED", {"_trace": ["fakediscord"]})

    def _request_members(self, conn: Connection, data: Json) -> None:
        s = conn.session
        if s is None:
            conn.close(4003, "Not authenticated.")
            return
        world = self.fake.world
        guild = world.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        members = list(guild.members.values())
        not_found: list[str] = []
        if data.get("user_ids"):
            ids = [int(u) for u in data["user_ids"]]
            not_found = [str(u) for u in ids if u not in guild.members]
            members = [m for m in members if m.id in ids]
        elif data.get("query"):
            q = str(data["query"]).lower()
            members = [
                m
                for m in members
                if m.user.name.lower().startswith(q) or (m.nick or "").lower().startswith(q)
            ]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        size = max(1, self.chunk_size)
        parts = [members[i : i + size] for i in range(0, len(members), size)] or [[]]
        for index, part in enumerate(parts):
            chunk: Json = {
                "guild_id": str(guild.id),
                "members": [m.to_dict() for m in part],
                "chunk_index": index,
                "chunk_count": len(parts),
            }
            if not_found and index == 0:
                chunk["not_found"] = not_found
            if data.get("nonce") is not None:
                chunk["nonce"] = data["nonce"]
            if data.get("presences"):
                chunk["presences"] = []
            self._dispatch_to(s, "GUILD_MEMBERS_CHUNK", chunk)

    def invalidate_session(self, resumable: bool, shard_id: int = 0) -> Connection | None:
        """Send op 9 INVALID_SESSION on a shard; a non-resumable session is gone (the bot must
        IDENTIFY)."""
        conn = self.active_on(shard_id)
        s = self.sessions.get(shard_id)
        if conn is None or s is None:
            return None
        if not resumable:
            s.invalid = True
        conn.send({"op": 9, "s": None, "t": None, "d": resumable})
        return conn

    async def close_all(self) -> None:
        for conn in list(self.connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001, message=b"fake shutting down")
            conn.writer.cancel()
