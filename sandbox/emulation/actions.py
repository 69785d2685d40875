"""Simulated user actions: slash commands, autocomplete, buttons, selects, modals."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import permissions as P
from .interactions import (
    FakeInteraction,
    build_option_values,
    interaction_payload,
    resolve_ids,
)
from .state import FakeChannel, FakeError, FakeUser, Json, as_id, clone

if TYPE_CHECKING:
    from .server import FakeDiscord


def _find_command(fake: FakeDiscord, channel: FakeChannel, name: str) -> Json:
    pools = []
    if channel.guild_id is not None:
        pools.append(fake.guild_commands.get(channel.guild_id, []))
    pools.append(fake.global_commands)
    for pool in pools:
        for cmd in pool:
            if cmd["name"] == name and int(cmd.get("type", 1)) == 1:
                if "guild_id" not in cmd and channel.guild_id is None:
                    contexts = cmd.get("contexts")
                    if (contexts is not None and 1 not in contexts) or cmd.get(
                        "dm_permission"
                    ) is False:
                        raise FakeError(f"command {name!r} is not available in DMs")
                return cmd
    raise FakeError(f"command {name!r} is not registered by the bot here")


def _check_command_permissions(
    fake: FakeDiscord, cmd: Json, user: FakeUser, channel: FakeChannel, bypass: bool
) -> None:
    if channel.guild_id is None:
        return
    world = fake.world
    guild = world.guilds[channel.guild_id]
    if user.id not in guild.members:
        raise FakeError(f"{user.name} is not a member of {guild.name!r}")
    chan_perms = world.channel_permissions(channel, user.id)
    if not chan_perms & P.USE_APPLICATION_COMMANDS:
        raise FakeError(f"{user.name} lacks Use Application Commands in #{channel.name}")
    required = cmd.get("default_member_permissions")
    if required is None or bypass:
        return
    perms = world.guild_permissions(guild, user.id)
    needed = int(required)
    allowed = perms == P.ALL_PERMISSIONS if needed == 0 else P.has(perms, needed)
    if not allowed:
        raise FakeError(
            f"{user.name} lacks default_member_permissions {needed} for {cmd['name']!r}"
        )


def _command_data(
    fake: FakeDiscord,
    user: FakeUser,
    channel: FakeChannel,
    command: str,
    options: dict[str, Any] | None,
    *,
    focused: str | None = None,
    bypass: bool = False,
) -> Json:
    parts = command.split()
    if not parts:
        raise FakeError("empty command name")
    cmd = _find_command(fake, channel, parts[0])
    _check_command_permissions(fake, cmd, user, channel, bypass)
    chain: list[Json] = []
    node: Json = cmd
    for part in parts[1:]:
        sub = next(
            (
                o
                for o in node.get("options") or []
                if o["name"] == part and int(o["type"]) in (1, 2)
            ),
            None,
        )
        if sub is None:
            raise FakeError(f"{' '.join(parts)!r}: no subcommand {part!r}")
        chain.append(sub)
        node = sub
    schema = node.get("options") or []
    if any(int(o["type"]) in (1, 2) for o in schema):
        raise FakeError(f"{command!r} needs a subcommand")
    resolved: Json = {}
    values = build_option_values(
        fake, channel, user, schema, dict(options or {}), resolved, focused=focused
    )
    for sub in reversed(chain):
        values = [{"name": sub["name"], "type": int(sub["type"]), "options": values}]
    data: Json = {"id": cmd["id"], "name": cmd["name"], "type": 1}
    if values:
        data["options"] = values
    if resolved:
        data["resolved"] = resolved
    if "guild_id" in cmd:
        data["guild_id"] = cmd["guild_id"]
    return data


async def _send(
    fake: FakeDiscord,
    *,
    itype: int,
    user: FakeUser,
    channel: FakeChannel,
    data: Json,
    locale: str | None,
    message: Json | None = None,
) -> FakeInteraction:
    guild_id = getattr(channel, "guild_id", None)
    shard = 0 if guild_id is None else fake.guild_shard(guild_id)
    if not fake.shard_connected(shard):
        raise FakeError(
            f"no gateway session of shard {shard} is connected; the bot would not receive the "
            "interaction"
        )
    payload = interaction_payload(
        fake,
        itype=itype,
        user=user,
        channel=channel,
        data=data,
        locale=locale,
        message=clone(message) if message is not None else None,
    )
    inter = FakeInteraction(
        fake, type=itype, payload=payload, user=user, channel=channel, source_message=message
    )
    fake.interactions[inter.id] = inter
    fake.interactions_by_token[inter.token] = inter
    fake.interaction_log.append(inter)
    await fake.dispatch("INTERACTION_CREATE", payload)
    return inter


async def invoke(
    fake: FakeDiscord,
    user: Any,
    channel: Any,
    command: str,
    options: dict[str, Any] | None = None,
    *,
    locale: str | None = None,
    bypass_default_permissions: bool = False,
) -> FakeInteraction:
    u, ch = fake.world.user(user), fake.world.channel(channel)
    data = _command_data(fake, u, ch, command, options, bypass=bypass_default_permissions)
    return await _send(fake, itype=2, user=u, channel=ch, data=data, locale=locale)


async def autocomplete(
    fake: FakeDiscord,
    user: Any,
    channel: Any,
    command: str,
    options: dict[str, Any],
    focused: str,
    *,
    locale: str | None = None,
    timeout: float = 5,
) -> list[Json]:
    u, ch = fake.world.user(user), fake.world.channel(channel)
    data = _command_data(fake, u, ch, command, options, focused=focused)
    inter = await _send(fake, itype=4, user=u, channel=ch, data=data, locale=locale)
    resp = await inter.response(timeout=timeout)
    choices: list[Json] = (resp.get("data") or {}).get("choices") or []
    return choices


def walk_components(components: list[Json]) -> Iterator[Json]:
    for c in components:
        yield c
        yield from walk_components(c.get("components") or [])
        if isinstance(c.get("accessory"), dict):
            yield c["accessory"]
        if isinstance(c.get("component"), dict):
            yield c["component"]


def _current_message(fake: FakeDiscord, message: Json) -> Json:
    msg = fake.store.by_id.get(int(message["id"]))
    if msg is None:
        raise FakeError(f"message {message['id']} does not exist (deleted?)")
    if msg["author"]["id"] != str(fake.world.bot_user.id):
        raise FakeError("components can only be used on the bot's messages")
    return msg


def _find_component(msg: Json, custom_id: str, types: tuple[int, ...]) -> Json:
    for comp in walk_components(msg.get("components") or []):
        if comp.get("custom_id") == custom_id and int(comp.get("type", 0)) in types:
            if comp.get("disabled"):
                raise FakeError(f"component {custom_id!r} is disabled")
            return comp
    raise FakeError(f"no component with custom_id {custom_id!r} on message {msg['id']}")


async def click(
    fake: FakeDiscord, user: Any, message: Json, custom_id: str, *, locale: str | None = None
) -> FakeInteraction:
    msg = _current_message(fake, message)
    comp = _find_component(msg, custom_id, (2,))
    if int(comp.get("style", 1)) in (5, 6):
        raise FakeError(f"button {custom_id!r} is a link/premium button")
    u, ch = fake.world.user(user), fake.world.channel(int(msg["channel_id"]))
    data = {"custom_id": custom_id, "component_type": 2}
    return await _send(fake, itype=3, user=u, channel=ch, data=data, locale=locale, message=msg)


async def select(
    fake: FakeDiscord,
    user: Any,
    message: Json,
    custom_id: str,
    values: list[Any],
    *,
    locale: str | None = None,
) -> FakeInteraction:
    msg = _current_message(fake, message)
    comp = _find_component(msg, custom_id, (3, 5, 6, 7, 8))
    u, ch = fake.world.user(user), fake.world.channel(int(msg["channel_id"]))
    ctype = int(comp["type"])
    data: Json = {"custom_id": custom_id, "component_type": ctype}
    data["values"] = _select_values(fake, comp, ch, values, data)
    return await _send(fake, itype=3, user=u, channel=ch, data=data, locale=locale, message=msg)


def _select_values(
    fake: FakeDiscord, comp: Json, ch: FakeChannel, values: list[Any], data: Json
) -> list[str]:
    ctype = int(comp["type"])
    lo, hi = int(comp.get("min_values", 1)), int(comp.get("max_values", 1))
    if not lo <= len(values) <= hi:
        raise FakeError(
            f"select {comp.get('custom_id')!r} takes {lo}..{hi} values, got {len(values)}"
        )
    if ctype == 3:
        allowed = [o["value"] for o in comp.get("options") or []]
        for v in values:
            if v not in allowed:
                raise FakeError(
                    f"{v!r} is not an option of select {comp.get('custom_id')!r}: {allowed}"
                )
        return [str(v) for v in values]
    kind = {5: 6, 6: 8, 7: 9, 8: 7}[ctype]
    ids = [as_id(v) for v in values]
    resolved: Json = {}
    resolve_ids(fake, ch, kind, ids, resolved)
    data["resolved"] = resolved
    return [str(i) for i in ids]


async def submit_modal(
    fake: FakeDiscord,
    user: Any,
    channel: Any,
    custom_id: str,
    values: dict[str, Any],
    *,
    locale: str | None = None,
    from_interaction: FakeInteraction | None = None,
) -> FakeInteraction:
    modal: Json | None = None
    if from_interaction is not None:
        resp = await from_interaction.response()
        if resp.get("type") != 9:
            raise FakeError("that interaction was not answered with a modal")
        modal = resp["data"]
        if modal.get("custom_id") != custom_id:
            raise FakeError(f"modal custom_id is {modal.get('custom_id')!r}, not {custom_id!r}")
    else:
        modal = fake.modals.get(custom_id)
    if modal is None:
        raise FakeError(f"the bot never sent a modal with custom_id {custom_id!r}")
    u, ch = fake.world.user(user), fake.world.channel(channel)
    remaining = dict(values)
    components = [_submit_component(c, remaining) for c in modal.get("components") or []]
    if remaining:
        raise FakeError(f"modal {custom_id!r} has no fields {sorted(remaining)}")
    data: Json = {"custom_id": custom_id, "components": components}
    message = from_interaction.source_message if from_interaction is not None else None
    return await _send(fake, itype=5, user=u, channel=ch, data=data, locale=locale, message=message)


def _submit_component(comp: Json, values: dict[str, Any]) -> Json:
    ctype = int(comp.get("type", 0))
    out: Json = {"type": ctype}
    if "id" in comp:
        out["id"] = comp["id"]
    if ctype == 1:
        out["components"] = [_submit_component(c, values) for c in comp.get("components") or []]
    elif ctype == 18:
        out["component"] = _submit_component(comp["component"], values)
    elif ctype == 4:
        cid = comp["custom_id"]
        value = values.pop(cid, None)
        if value is None:
            value = comp.get("value") or ""
        value = str(value)
        if comp.get("required", True) and not value:
            raise FakeError(f"text input {cid!r} is required")
        if value and not int(comp.get("min_length", 0)) <= len(value) <= int(
            comp.get("max_length", 4000)
        ):
            raise FakeError(f"text input {cid!r}: length {len(value)} outside min/max_length")
        out.update(custom_id=cid, value=value)
    elif ctype in (3, 5, 6, 7, 8):
        cid = comp["custom_id"]
        chosen = values.pop(cid, [])
        if not isinstance(chosen, list):
            chosen = [chosen]
        if comp.get("required", True) and not chosen:
            raise FakeError(f"select {cid!r} is required")
        out.update(custom_id=cid, values=[str(v) for v in chosen])
    return out


async def invoke_message_command(
    fake: FakeDiscord, user: Any, message: Json, name: str, *, locale: str | None = None
) -> FakeInteraction:
    """A member uses a message context-menu command ("Apps" > ``name``) on ``message``."""
    u = fake.world.user(user)
    current = fake.store.by_id.get(as_id(message))
    if current is None:
        raise FakeError(f"message {as_id(message)} does not exist")
    ch = fake.world.channel(int(current["channel_id"]))
    pools = []
    if ch.guild_id is not None:
        pools.append(fake.guild_commands.get(ch.guild_id, []))
    pools.append(fake.global_commands)
    cmd = next(
        (c for pool in pools for c in pool if c["name"] == name and int(c.get("type", 1)) == 3),
        None,
    )
    if cmd is None:
        raise FakeError(f"message command {name!r} is not registered by the bot here")
    _check_command_permissions(fake, cmd, u, ch, bypass=False)
    perms = (
        fake.world.channel_permissions(ch, u.id) if ch.guild_id is not None else P.ALL_PERMISSIONS
    )
    if not P.has(perms, P.VIEW_CHANNEL):
        raise FakeError(f"{u.name} cannot see channel #{ch.name}")
    data: Json = {
        "id": cmd["id"],
        "name": name,
        "type": 3,
        "target_id": current["id"],
        "resolved": {"messages": {current["id"]: copy.deepcopy(current)}},
    }
    if ch.guild_id is not None:
        data["guild_id"] = str(ch.guild_id)
    return await _send(fake, itype=2, user=u, channel=ch, data=data, locale=locale)
