"""Save the emulated world to a directory and restore it, with the same ids.

``save(fake, directory)`` writes ``world.json`` (users, guilds with their roles, members,
channels, bans, invites and audit log, DM channels, every stored message and its reactions, the
bot's registered commands) and one file per attachment under ``attachments/``. ``restore(fake,
directory)`` puts that world back into a freshly started :class:`FakeDiscord` before the bot
connects: the bot user, the application and every id stay what they were, so a bot whose
database refers to them finds them again. Ephemeral messages and interactions are not kept.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .state import FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser, Json

if TYPE_CHECKING:
    from .server import FakeDiscord

FORMAT = 1
WORLD_FILE = "world.json"
ATTACHMENTS = "attachments"


def _channel(ch: FakeChannel) -> Json:
    data = {f.name: getattr(ch, f.name) for f in fields(ch) if f.name != "recipient"}
    data["recipient"] = ch.recipient.id if ch.recipient is not None else None
    return data


def _guild(g: FakeGuild) -> Json:
    return {
        "id": g.id,
        "name": g.name,
        "owner_id": g.owner_id,
        "locale": g.locale,
        "created": g.created,
        "roles": [asdict(r) for r in g.roles.values()],
        "members": [
            {f.name: getattr(m, f.name) for f in fields(m) if f.name != "user"} | {"user": m.id}
            for m in g.members.values()
        ],
        "channels": [_channel(c) for c in g.channels.values()],
        "bans": {str(k): v for k, v in g.bans.items()},
        "audit_log": g.audit_log,
        "invites": g.invites,
        "scheduled_events": {str(k): v for k, v in g.scheduled_events.items()},
    }


def snapshot(fake: FakeDiscord) -> Json:
    """The world as JSON-ready data (attachment bytes not included)."""
    world, store = fake.world, fake.store
    messages = [m for ch in store.by_channel.values() for m in ch]
    return {
        "format": FORMAT,
        "application_id": fake.application_id,
        "bot_user": world.bot_user.id,
        "app_owner": fake.app_owner.id,
        "users": [asdict(u) for u in world.users.values()],
        "guilds": [_guild(g) for g in world.guilds.values()],
        "dm_channels": [_channel(c) for c in world.dm_channels.values()],
        "messages": messages,
        "reactors": {str(k): v for k, v in store.reactors.items()},
        "global_commands": fake.global_commands,
        "guild_commands": {str(k): v for k, v in fake.guild_commands.items()},
    }


def save(fake: FakeDiscord, directory: Path) -> Path:
    """Write the world to ``directory`` (atomically replacing ``world.json``)."""
    directory.mkdir(parents=True, exist_ok=True)
    files = directory / ATTACHMENTS
    files.mkdir(exist_ok=True)
    for att_id, data in fake.store.attachment_data.items():
        path = files / str(att_id)
        if not path.exists():
            path.write_bytes(data)
    target = directory / WORLD_FILE
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(json.dumps(snapshot(fake), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target)
    return target


def exists(directory: Path) -> bool:
    return (directory / WORLD_FILE).is_file()


def _make_channel(data: Json, users: dict[int, FakeUser]) -> FakeChannel:
    values = dict(data)
    recipient = values.pop("recipient", None)
    return FakeChannel(**values, recipient=users[recipient] if recipient is not None else None)


def restore(fake: FakeDiscord, directory: Path) -> None:
    """Replace the (fresh, started, not yet connected) fake's world with the saved one."""
    data: Json = json.loads((directory / WORLD_FILE).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{directory / WORLD_FILE}: unknown format {data.get('format')!r}")
    world, store = fake.world, fake.store
    users = {int(u["id"]): FakeUser(**u) for u in data["users"]}
    world.users = dict(users)
    world.bot_user = users[int(data["bot_user"])]
    fake.application_id = int(data["application_id"])
    fake.app_owner = users[int(data["app_owner"])]
    world.guilds, world.channels, world.dm_channels = {}, {}, {}
    for g in data["guilds"]:
        guild = FakeGuild(id=g["id"], name=g["name"], owner_id=g["owner_id"], locale=g["locale"])
        guild.created = g["created"]
        guild.roles = {r["id"]: FakeRole(**r) for r in g["roles"]}
        for m in g["members"]:
            values = dict(m)
            member = FakeMember(user=users[int(values.pop("user"))], **values)
            guild.members[member.id] = member
        for c in g["channels"]:
            channel = _make_channel(c, users)
            guild.channels[channel.id] = channel
            world.channels[channel.id] = channel
        guild.bans = {int(k): v for k, v in g["bans"].items()}
        guild.audit_log = list(g["audit_log"])
        guild.invites = dict(g["invites"])
        guild.scheduled_events = {int(k): v for k, v in g["scheduled_events"].items()}
        world.guilds[guild.id] = guild
    for c in data["dm_channels"]:
        channel = _make_channel(c, users)
        assert channel.recipient is not None
        world.dm_channels[channel.recipient.id] = channel
        world.channels[channel.id] = channel
    store.by_channel, store.by_id, store.attachment_data = {}, {}, {}
    files = directory / ATTACHMENTS
    for msg in data["messages"]:
        for att in msg.get("attachments") or []:
            _rebase(att, store.base_url)
            path = files / str(att["id"])
            if path.is_file():
                store.attachment_data[int(att["id"])] = path.read_bytes()
        store.store(msg)
    store.reactors = {int(k): v for k, v in data["reactors"].items()}
    fake.global_commands = list(data["global_commands"])
    fake.guild_commands = {int(k): v for k, v in data["guild_commands"].items()}


def _rebase(attachment: dict[str, Any], base_url: str) -> None:
    """Attachment links point at this run's port."""
    url = f"{base_url}/attachments/{attachment['id']}/{attachment['filename']}"
    attachment["url"] = attachment["proxy_url"] = url
