"""What one person sees of the server: channels by their permissions (a private thread: its
members and those with Manage Threads), messages (ephemeral ones only their own), their own DMs,
and the names the page needs to show mentions (channel names only of channels they see)."""

from __future__ import annotations

from typing import Any

from sandbox.emulation import FakeChannel, FakeUser
from sandbox.emulation import permissions as P
from sandbox.emulation.messages import EPHEMERAL, LOADING

from .scene import Scene, Visitor

Json = dict[str, Any]

#: messages a channel shows (the newest ones)
HISTORY = 100
#: text, announcement, voice, category, forum
_LISTED = (0, 5, 2, 4, 15)
_PRIVATE_THREAD = 12


def display_name(scene: Scene, user: FakeUser | Json) -> str:
    if isinstance(user, dict):
        uid = int(user["id"])
        found = scene.emulation.world.users.get(uid)
        if found is None:
            return str(user.get("global_name") or user.get("username") or uid)
        user = found
    member = scene.guild.members.get(user.id)
    if member is not None and member.nick:
        return member.nick
    return user.global_name or user.name


def can_see(scene: Scene, visitor: Visitor, channel: FakeChannel) -> bool:
    if channel.guild_id is None:
        return channel.recipient is visitor.user
    if channel.guild_id != scene.guild.id:
        return False
    perms = scene.emulation.world.channel_permissions(channel, visitor.user.id)
    if not P.has(perms, P.VIEW_CHANNEL):
        return False
    if channel.type == _PRIVATE_THREAD:  # its members (added by a mention) and moderators
        uid = visitor.user.id
        return (
            channel.owner_id == uid or uid in channel.member_ids or P.has(perms, P.MANAGE_THREADS)
        )
    return True


def can_send(scene: Scene, visitor: Visitor, channel: FakeChannel) -> bool:
    if channel.guild_id is None:
        return True
    perms = scene.emulation.world.channel_permissions(channel, visitor.user.id)
    need = P.SEND_MESSAGES_IN_THREADS if channel.is_thread else P.SEND_MESSAGES
    return P.has(perms, P.VIEW_CHANNEL | need) and channel.type in (0, 5, 10, 11, 12)


def channels(scene: Scene, visitor: Visitor) -> list[Json]:
    """The channel list in the client's order: categories with their channels, threads under
    their parent; then the visitor's DM with the bot, when there is one."""
    guild_channels = sorted(scene.guild.channels.values(), key=lambda c: (c.position, c.id))
    visible = [c for c in guild_channels if can_see(scene, visitor, c)]
    out: list[Json] = []
    for channel in visible:
        if channel.is_thread or channel.type not in _LISTED:
            continue
        out.append(_channel(scene, visitor, channel))
        for thread in visible:
            if thread.is_thread and thread.parent_id == channel.id:
                out.append(_channel(scene, visitor, thread))
    dm = scene.emulation.world.dm_channels.get(visitor.user.id)
    if dm is not None:
        out.append(_channel(scene, visitor, dm))
    return out


def _channel(scene: Scene, visitor: Visitor, channel: FakeChannel) -> Json:
    kind = "dm" if channel.type == 1 else "thread" if channel.is_thread else "channel"
    kind = "category" if channel.type == 4 else "voice" if channel.type == 2 else kind
    name = display_name(scene, scene.emulation.bot_user) if kind == "dm" else channel.name
    return {
        "id": str(channel.id),
        "name": name or "",
        "kind": kind,
        "parent": str(channel.parent_id) if channel.parent_id else None,
        "topic": channel.topic or "",
        "can_send": can_send(scene, visitor, channel),
        "archived": bool((channel.thread_metadata or {}).get("archived")),
        "last": str(channel.last_message_id or 0),
    }


def directory(scene: Scene, visitor: Visitor) -> Json:
    """Names for mentions and for user, role and channel menus: the members and roles, and of
    the channels only those the visitor sees (a mention of another one shows its id, as
    Discord shows it without a name)."""
    guild = scene.guild
    seen = sorted(
        (c for c in guild.channels.values() if can_see(scene, visitor, c)),
        key=lambda c: (c.position, c.id),
    )
    return {
        "users": {
            str(uid): display_name(scene, m.user)
            for uid, m in guild.members.items()
            if not m.user.bot or m.user is scene.emulation.bot_user
        },
        "roles": {
            str(r.id): {"name": r.name, "color": r.color}
            for r in sorted(guild.roles.values(), key=lambda r: -r.position)
            if r.id != guild.id and not r.managed
        },
        "channels": {str(c.id): c.name or "" for c in seen if c.type != 4},
        "channel_types": {str(c.id): c.type for c in seen},
    }


def _ephemeral_for(scene: Scene, visitor: Visitor, channel_id: int) -> list[Json]:
    """The ephemeral answers to the visitor's own interactions in this channel."""
    store = scene.emulation.store
    out: dict[str, Json] = {}
    for inter in scene.emulation.interaction_log:
        if inter.user is not visitor.user or inter.channel.id != channel_id:
            continue
        candidates = [inter.original] if not inter.deleted_original else []
        for msg in [*candidates, *inter.followups]:
            ephemeral = msg is not None and int(msg.get("flags", 0)) & EPHEMERAL
            if ephemeral and msg is not None and int(msg["id"]) in store.by_id:
                out[msg["id"]] = msg
    return list(out.values())


def messages(scene: Scene, visitor: Visitor, channel: FakeChannel) -> list[Json]:
    store = scene.emulation.store
    shown = list(store.by_channel.get(channel.id, [])[-HISTORY:])
    shown += _ephemeral_for(scene, visitor, channel.id)
    shown.sort(key=lambda m: int(m["id"]))
    return [_message(scene, visitor, m) for m in shown[-HISTORY:]]


def _reactions(scene: Scene, visitor: Visitor, msg: Json) -> list[Json]:
    reactors = scene.emulation.store.reactors.get(int(msg["id"]), {})
    out = []
    for reaction in msg.get("reactions") or []:
        emoji = reaction.get("emoji") or {}
        name = str(emoji.get("name") or "")
        users = reactors.get(str(emoji.get("id") or name), [])
        out.append(
            {
                "emoji": name if not emoji.get("id") else "",
                "label": name if not emoji.get("id") else f":{name}:",
                "count": int(reaction.get("count") or len(users)),
                "me": visitor.user.id in users,
            }
        )
    return out


def _message(scene: Scene, visitor: Visitor, msg: Json) -> Json:
    world = scene.emulation.world
    flags = int(msg.get("flags", 0))
    author = msg.get("author") or {}
    out: Json = {
        "id": msg["id"],
        "author": {
            "id": str(author.get("id", "")),
            "name": display_name(scene, author) if author else "",
            "bot": bool(author.get("bot")),
        },
        "content": msg.get("content") or "",
        "timestamp": msg.get("timestamp"),
        "edited": bool(msg.get("edited_timestamp")),
        "embeds": [_embed(e, msg) for e in msg.get("embeds") or []],
        "components": msg.get("components") or [],
        "attachments": [_attachment(a) for a in msg.get("attachments") or []],
        "ephemeral": bool(flags & EPHEMERAL),
        "loading": bool(flags & LOADING),
        "system": int(msg.get("type", 0)) not in (0, 19, 20),
        "reactions": _reactions(scene, visitor, msg),
    }
    meta = msg.get("interaction") or {}
    if meta.get("name"):
        out["command"] = {
            "name": _command_path(scene, meta),
            "user": display_name(scene, meta["user"]),
        }
    ref = msg.get("referenced_message")
    if ref:
        out["reply"] = {
            "name": display_name(scene, ref.get("author") or {"id": 0}),
            "excerpt": (ref.get("content") or "")[:80],
        }
    thread = world.channels.get(int(msg["id"]))
    if thread is not None and thread.is_thread:
        out["thread"] = {"id": str(thread.id), "name": thread.name or ""}
    return out


def _command_path(scene: Scene, meta: Json) -> str:
    """``stats overview`` for a message answering ``/stats overview`` (the message names only
    the command; the interaction knows its subcommands)."""
    path = [str(meta["name"])]
    inter = scene.emulation.interactions.get(int(meta.get("id") or 0))
    options = ((inter.payload.get("data") or {}).get("options") or []) if inter else []
    while options and int(options[0].get("type", 0)) in (1, 2):
        path.append(str(options[0]["name"]))
        options = options[0].get("options") or []
    return " ".join(path)


def _embed(embed: Json, msg: Json) -> Json:
    """The embed with its image and thumbnail pointing at the page's own attachment route
    (``attachment://name`` and the emulation's URLs); any other address is dropped, so the
    page never loads an external asset."""
    out = dict(embed)
    for key in ("image", "thumbnail"):
        media = embed.get(key)
        if not isinstance(media, dict):
            continue
        url = str(media.get("url") or "")
        found = None
        for att in msg.get("attachments") or []:
            if url == f"attachment://{att.get('filename')}" or url == att.get("url"):
                found = att
        if found is None:
            out.pop(key)
        else:
            out[key] = {"url": f"/api/attachments/{found['id']}", "filename": found["filename"]}
    for key in ("author", "footer"):
        if isinstance(embed.get(key), dict):
            out[key] = {k: v for k, v in embed[key].items() if "url" not in k}
    return out


def _attachment(att: Json) -> Json:
    name = str(att.get("filename") or "")
    ctype = str(att.get("content_type") or "")
    image = ctype.startswith("image/") or name.lower().endswith((".png", ".jpg", ".jpeg", ".gif"))
    return {
        "id": str(att["id"]),
        "filename": name,
        "size": int(att.get("size") or 0),
        "url": f"/api/attachments/{att['id']}",
        "image": image,
    }


def sees_message(scene: Scene, visitor: Visitor, msg: Json) -> bool:
    """The message is in a channel the visitor sees (an ephemeral one: answers them)."""
    channel = scene.emulation.world.channels.get(int(msg["channel_id"]))
    if channel is None or not can_see(scene, visitor, channel):
        return False
    if int(msg.get("flags", 0)) & EPHEMERAL:
        return msg["id"] in {m["id"] for m in _ephemeral_for(scene, visitor, channel.id)}
    return True


def attachment_visible(scene: Scene, visitor: Visitor, attachment_id: int) -> bool:
    """The attachment is on a message the visitor sees."""
    return any(
        sees_message(scene, visitor, msg)
        for msg in scene.emulation.store.by_id.values()
        if any(int(a["id"]) == attachment_id for a in msg.get("attachments") or [])
    )
