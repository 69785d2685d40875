"""Interaction objects seen from the test, and builders for INTERACTION_CREATE payloads."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import permissions as P
from .state import FakeChannel, FakeError, FakeGuild, FakeUser, Json, as_id

if TYPE_CHECKING:
    from .server import FakeDiscord

T = TypeVar("T")

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


async def _tick() -> None:
    await asyncio.sleep(0.005)


async def poll_until(
    predicate: Callable[[], T],
    timeout: float,
    what: str,
    wait: Callable[[], Awaitable[object]] = _tick,
) -> T:
    """Check ``predicate`` until truthy, waiting with ``wait`` in between (by default a short
    sleep; an interaction waits for its own change event); TimeoutError naming ``what``."""
    try:
        async with asyncio.timeout(timeout):
            while True:
                value = predicate()
                if value:
                    return value
                await wait()
    except TimeoutError:
        raise TimeoutError(f"fakediscord: timed out after {timeout}s waiting for {what}") from None


def message_text(msg: Json | None) -> list[str]:
    if not msg:
        return []
    parts = [msg.get("content") or ""]
    for e in msg.get("embeds") or []:
        parts += [
            (e.get("author") or {}).get("name") or "",
            e.get("title") or "",
            e.get("description") or "",
        ]
        for f in e.get("fields") or []:
            parts += [f.get("name") or "", str(f.get("value") or "")]
        parts.append((e.get("footer") or {}).get("text") or "")
    parts += _component_text(msg.get("components") or [])
    return [p for p in parts if p]


def _component_text(components: list[Json]) -> list[str]:
    out: list[str] = []
    for c in components:
        if c.get("type") == 10:
            out.append(c.get("content") or "")
        out += _component_text(c.get("components") or [])
        if isinstance(c.get("accessory"), dict):
            out += _component_text([c["accessory"]])
    return out


class FakeInteraction:
    """An interaction the fake sent to the bot, and everything the bot answered to it."""

    def __init__(
        self,
        fake: FakeDiscord,
        *,
        type: int,
        payload: Json,
        user: FakeUser,
        channel: FakeChannel,
        source_message: Json | None = None,
    ) -> None:
        self.fake = fake
        self.id = int(payload["id"])
        self.token = str(payload["token"])
        self.type = type
        self.payload = payload
        self.user = user
        self.channel = channel
        self.source_message = source_message
        self.created_at = time.monotonic()
        self.callbacks: list[Json] = []  # every callback body (only the first is accepted)
        #: seconds from dispatch to the first accepted callback (Discord's 3-second window)
        self.acknowledged_after: float | None = None
        self.followups: list[Json] = []
        self.original: Json | None = None
        self.original_edits = 0
        self.deleted_original = False
        self._followup_cursor = 0
        self._edit_cursor = 0
        self._changed: asyncio.Event | None = None

    def changed(self) -> None:
        """The fake recorded a callback, followup or edit: wake whoever waits on this one."""
        if self._changed is not None:
            self._changed.set()

    async def _next_change(self) -> None:
        self._changed = self._changed or asyncio.Event()
        await self._changed.wait()
        self._changed.clear()

    async def _wait(self, predicate: Callable[[], T], timeout: float, what: str) -> T:
        """Event-driven: sleeps until this interaction changes (no polling, so a thousand
        waiting clicks cost nothing while the bot works)."""
        return await poll_until(predicate, timeout, what, self._next_change)

    def __repr__(self) -> str:
        return f"<FakeInteraction id={self.id} type={self.type} responded={self.acknowledged}>"

    @property
    def acknowledged(self) -> bool:
        return bool(self.callbacks)

    @property
    def response_type(self) -> int | None:
        return int(self.callbacks[0]["type"]) if self.callbacks else None

    async def response(self, timeout: float = 5) -> Json:
        """The first (and only accepted) callback: ``{"type": int, "data": {...}}``."""
        await self._wait(lambda: self.callbacks, timeout, f"the response to interaction {self.id}")
        return self.callbacks[0]

    async def answered(self, timeout: float = 5) -> str:
        """What the member finally sees: the response, or after a defer the first followup (or
        the edit of @original) that follows it."""
        first = await self.response(timeout)
        if first.get("type") == 5:
            await self._wait(
                lambda: self.followups or self.original_edits,
                timeout,
                f"the answer after deferring interaction {self.id}",
            )
        return self.content_text()

    async def wait_for_followup(self, timeout: float = 5) -> Json:
        """The next followup message not returned by an earlier call."""
        await self._wait(
            lambda: len(self.followups) > self._followup_cursor, timeout, "a followup message"
        )
        self._followup_cursor += 1
        return self.followups[self._followup_cursor - 1]

    async def wait_for_original_edit(self, timeout: float = 5) -> Json:
        """Waits for the next edit of @original and returns the message after it."""
        await self._wait(
            lambda: self.original_edits > self._edit_cursor, timeout, "an edit of @original"
        )
        self._edit_cursor = self.original_edits
        assert self.original is not None
        return self.original

    @property
    def ephemeral(self) -> bool:
        if self.callbacks:
            first = self.callbacks[0]
            if first.get("type") in (4, 5):
                return bool(int((first.get("data") or {}).get("flags") or 0) & 64)
        if self.followups:
            return bool(int(self.followups[0].get("flags") or 0) & 64)
        return False

    def content_text(self) -> str:
        """Content, embed texts and text components of @original and all followups."""
        parts: list[str] = []
        if self.original is not None and not self.deleted_original:
            parts += message_text(self.original)
        elif self.callbacks:
            first = self.callbacks[0]
            data = first.get("data") or {}
            if first.get("type") == 9:
                parts.append(data.get("title") or "")
            elif first.get("type") == 8:
                parts += [c.get("name", "") for c in data.get("choices") or []]
            else:
                parts += message_text(data)
        for f in self.followups:
            parts += message_text(f)
        return "\n".join(p for p in parts if p)


# ---------------------------------------------------------------- payloads
def interaction_payload(
    fake: FakeDiscord,
    *,
    itype: int,
    user: FakeUser,
    channel: FakeChannel,
    data: Json,
    locale: str | None,
    message: Json | None = None,
) -> Json:
    world = fake.world
    iid = world.snowflake()
    payload: Json = {
        "id": str(iid),
        "application_id": str(fake.application_id),
        "type": itype,
        "data": data,
        "channel_id": str(channel.id),
        "token": f"fakeinteraction.{iid}.{secrets.token_urlsafe(24)}",
        "version": 1,
        "locale": locale or user.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "app_permissions": str(world.channel_permissions(channel, world.bot_user.id)),
    }
    if channel.guild_id is not None:
        guild = world.guilds[channel.guild_id]
        member = guild.members.get(user.id)
        if member is None:
            raise FakeError(f"{user.name} is not a member of guild {guild.name!r}")
        perms = world.channel_permissions(channel, user.id)
        if not perms & P.VIEW_CHANNEL:
            raise FakeError(f"{user.name} cannot see channel #{channel.name}")
        if world.bot_user.id not in guild.members:
            raise FakeError(f"the bot is not a member of guild {guild.name!r}")
        chan = channel.to_dict()
        chan["permissions"] = str(perms)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": guild.locale, "features": []},
            guild_locale=guild.locale,
            member=member.to_dict(permissions=perms),
            channel=chan,
            authorizing_integration_owners={"0": str(guild.id)},
            context=0,
        )
    else:
        payload.update(
            user=user.to_dict(),
            channel=channel.to_dict(),
            authorizing_integration_owners={"0": "0"},
            context=1,
        )
    if message is not None:
        payload["message"] = message
    return payload


def resolve_ids(
    fake: FakeDiscord, channel: FakeChannel, kind: int, ids: list[int], resolved: Json
) -> None:
    """Fill Discord's ``resolved`` structure for user(6)/channel(7)/role(8)/mentionable(9) ids."""
    world = fake.world
    guild: FakeGuild | None = world.guilds.get(channel.guild_id) if channel.guild_id else None
    for oid in ids:
        if kind in (6, 9) and oid in world.users:
            user = world.users[oid]
            resolved.setdefault("users", {})[str(oid)] = user.to_dict()
            if guild is not None and oid in guild.members:
                perms = world.channel_permissions(channel, oid)
                resolved.setdefault("members", {})[str(oid)] = guild.members[oid].to_dict(
                    with_user=False, permissions=perms
                )
            continue
        if kind in (8, 9) and guild is not None and oid in guild.roles:
            resolved.setdefault("roles", {})[str(oid)] = guild.roles[oid].to_dict()
            continue
        if kind == 7 and oid in world.channels:
            ch = world.channels[oid]
            if ch.guild_id != channel.guild_id:
                raise FakeError(f"channel {oid} is not in this guild")
            data = ch.to_dict(with_guild_id=False)
            data["permissions"] = "0"
            resolved.setdefault("channels", {})[str(oid)] = data
            continue
        raise FakeError(f"id {oid} does not resolve to a {_TYPE_NAMES.get(kind, kind)} here")


_TYPE_NAMES = {
    3: "string",
    4: "integer",
    5: "boolean",
    6: "user",
    7: "channel",
    8: "role",
    9: "mentionable",
    10: "number",
    11: "attachment",
}


def build_option_values(
    fake: FakeDiscord,
    channel: FakeChannel,
    user: FakeUser,
    schema: list[Json],
    given: dict[str, Any],
    resolved: Json,
    *,
    focused: str | None = None,
) -> list[Json]:
    """Validate ``given`` against the registered option ``schema``; returns wire options."""
    by_name = {o["name"]: o for o in schema}
    out: list[Json] = []
    for name, value in given.items():
        opt = by_name.get(name)
        if opt is None:
            raise FakeError(f"unknown option {name!r} (registered: {sorted(by_name)})")
        otype = int(opt["type"])
        if otype in (1, 2):
            raise FakeError(f"{name!r} is a subcommand, not an option")
        if name == focused:
            if not opt.get("autocomplete"):
                raise FakeError(f"option {name!r} has no autocomplete")
            out.append({"name": name, "type": otype, "value": str(value), "focused": True})
            continue
        out.append(
            {
                "name": name,
                "type": otype,
                "value": _check_value(fake, channel, opt, value, resolved),
            }
        )
    if focused is None:
        for opt in schema:
            if opt.get("required") and opt["name"] not in given:
                raise FakeError(f"missing required option {opt['name']!r}")
    elif focused not in given:
        raise FakeError(f"focused option {focused!r} must be given in options")
    return out


def _check_value(
    fake: FakeDiscord, channel: FakeChannel, opt: Json, value: Any, resolved: Json
) -> Any:
    otype = int(opt["type"])
    name = opt["name"]
    tname = _TYPE_NAMES.get(otype, str(otype))
    if otype == 3:
        if not isinstance(value, str):
            raise FakeError(f"option {name!r} expects a string, got {value!r}")
        if "min_length" in opt and len(value) < int(opt["min_length"]):
            raise FakeError(f"option {name!r} shorter than min_length")
        if len(value) > int(opt.get("max_length", 6000)):
            raise FakeError(f"option {name!r} longer than max_length")
    elif otype == 4:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FakeError(f"option {name!r} expects an integer, got {value!r}")
    elif otype == 10:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FakeError(f"option {name!r} expects a number, got {value!r}")
    elif otype == 5:
        if not isinstance(value, bool):
            raise FakeError(f"option {name!r} expects a boolean, got {value!r}")
    elif otype in (6, 7, 8, 9):
        try:
            oid = as_id(value)
        except FakeError:
            raise FakeError(f"option {name!r} expects a {tname} id, got {value!r}") from None
        resolve_ids(fake, channel, otype, [oid], resolved)
        if otype == 7 and opt.get("channel_types"):
            ctype = fake.world.channels[oid].type
            if ctype not in opt["channel_types"]:
                raise FakeError(f"channel type {ctype} not allowed for option {name!r}")
        return str(oid)
    elif otype == 11:
        if not (isinstance(value, tuple) and len(value) == 2):
            raise FakeError(f"option {name!r} expects (filename, bytes)")
        filename, data = value
        att = fake.store_attachment(str(filename), bytes(data))
        resolved.setdefault("attachments", {})[att["id"]] = att
        return att["id"]
    else:
        raise FakeError(f"unsupported option type {otype}")
    if otype in (4, 10):
        if "min_value" in opt and value < opt["min_value"]:
            raise FakeError(f"option {name!r}={value} below min_value {opt['min_value']}")
        if "max_value" in opt and value > opt["max_value"]:
            raise FakeError(f"option {name!r}={value} above max_value {opt['max_value']}")
    choices = opt.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise FakeError(
            f"option {name!r}={value!r} not among choices {[c['value'] for c in choices]}"
        )
    return value
