"""Message objects: validation as Discord does it, storage, attachments."""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable
from typing import Any

from .rest import UploadedFile
from .state import FakeChannel, FakeHTTPError, FakeUser, Json, World, form_error, iso_now

EPHEMERAL = 1 << 6
LOADING = 1 << 7
COMPONENTS_V2 = 1 << 15

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")

_EMBED_LIMITS = {"title": 256, "description": 4096}


def _embed_chars(embed: Json) -> int:
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def validate_message_payload(
    payload: Json, files: list[UploadedFile], *, editing: bool = False
) -> None:
    """Raise the FakeHTTPError Discord would answer for an invalid message body."""
    content = payload.get("content")
    if content is not None:
        content = str(content).strip()
    if content is not None and len(content) > 2000:
        raise form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        raise form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    total = 0
    for i, embed in enumerate(embeds):
        for key, limit in _EMBED_LIMITS.items():
            if len(embed.get(key) or "") > limit:
                raise form_error(
                    f"embeds.{i}.{key}",
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {limit} or fewer in length.",
                )
        fields = embed.get("fields") or []
        if len(fields) > 25:
            raise form_error(
                f"embeds.{i}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
            )
        for j, f in enumerate(fields):
            if not f.get("name") or f.get("value") in (None, ""):
                raise form_error(
                    f"embeds.{i}.fields.{j}.value", "BASE_TYPE_REQUIRED", "This field is required"
                )
            if len(f["name"]) > 256 or len(str(f["value"])) > 1024:
                raise form_error(
                    f"embeds.{i}.fields.{j}", "BASE_TYPE_MAX_LENGTH", "Field too long."
                )
        total += _embed_chars(embed)
    if total > 6000:
        raise form_error(
            "embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"
        )
    components = payload.get("components") or []
    flags = int(payload.get("flags") or 0)
    if not flags & COMPONENTS_V2:
        if len(components) > 5:
            raise form_error("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
        seen: set[str] = set()
        for i, row in enumerate(components):
            if row.get("type") != 1:
                raise form_error(
                    f"components.{i}.type",
                    "UNION_TYPE_CHOICES",
                    'Value of field "type" must be one of (1,).',
                )
            inner = row.get("components") or []
            if not 1 <= len(inner) <= 5:
                raise form_error(
                    f"components.{i}.components",
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 5 in length.",
                )
            for j, comp in enumerate(inner):
                cid = comp.get("custom_id")
                if cid is not None:
                    if len(cid) > 100:
                        raise form_error(
                            f"components.{i}.components.{j}.custom_id",
                            "BASE_TYPE_MAX_LENGTH",
                            "Must be 100 or fewer in length.",
                        )
                    if cid in seen:
                        raise form_error(
                            f"components.{i}.components.{j}.custom_id",
                            "COMPONENT_CUSTOM_ID_DUPLICATED",
                            "Component custom id cannot be duplicated",
                        )
                    seen.add(cid)
                _validate_legacy_component(comp, f"components.{i}.components.{j}", len(inner))
    if editing:
        return
    has_body = bool(
        content
        or embeds
        or files
        or components
        or payload.get("sticker_ids")
        or payload.get("poll")
    )
    if not has_body:
        raise FakeHTTPError(400, 50006, "Cannot send an empty message")


def _validate_legacy_component(comp: Json, path: str, row_size: int) -> None:
    ctype = comp.get("type")
    if ctype == 2:
        style = int(comp.get("style") or 0)
        if style not in (1, 2, 3, 4, 5, 6):
            raise form_error(f"{path}.style", "BASE_TYPE_CHOICES", "Value must be one of 1..6.")
        if len(comp.get("label") or "") > 80:
            raise form_error(
                f"{path}.label", "BASE_TYPE_MAX_LENGTH", "Must be 80 or fewer in length."
            )
        if style != 6 and not comp.get("label") and not comp.get("emoji"):
            raise form_error(
                f"{path}", "COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required"
            )
        if style == 5 and (not comp.get("url") or comp.get("custom_id")):
            raise form_error(f"{path}.url", "BUTTON_LINK_URL_REQUIRED", "Link buttons need a url")
        if style not in (5, 6) and not comp.get("custom_id"):
            raise form_error(f"{path}.custom_id", "BASE_TYPE_REQUIRED", "This field is required")
    elif ctype in (3, 5, 6, 7, 8):
        if row_size != 1:
            raise form_error(
                path,
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        if not comp.get("custom_id"):
            raise form_error(f"{path}.custom_id", "BASE_TYPE_REQUIRED", "This field is required")
        if ctype == 3 and not 1 <= len(comp.get("options") or []) <= 25:
            raise form_error(
                f"{path}.options", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length."
            )
    elif ctype == 4:
        raise form_error(f"{path}.type", "UNION_TYPE_CHOICES", "Text inputs only fit in modals.")


class MessageStore:
    """Messages per channel (oldest first), ephemeral messages, and attachment bytes."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.base_url = ""
        self.by_channel: dict[int, list[Json]] = {}
        self.by_id: dict[int, Json] = {}
        self.sent_at: dict[int, float] = {}  # message id -> time.time() when stored
        self.attachment_data: dict[int, bytes] = {}
        #: message id -> emoji key -> ids of the users who reacted (in order)
        self.reactors: dict[int, dict[str, list[int]]] = {}
        #: called with ("stored" | "edited" | "deleted", message) after every change, also of
        #: ephemeral messages (the sandbox's web view follows the store through this)
        self.observers: list[Callable[[str, Json], None]] = []

    def _changed(self, kind: str, msg: Json) -> None:
        for observer in self.observers:
            observer(kind, msg)

    # ------------------------------------------------------------ attachments
    def _attachments(
        self, payload: Json, files: list[UploadedFile], keep: list[Json]
    ) -> list[Json]:
        meta = {str(a.get("id")): a for a in payload.get("attachments") or []}
        result = list(keep)
        for index, f in enumerate(files):
            key = f.field[len("files[") : -1] if f.field.startswith("files[") else str(index)
            info = meta.get(key, {})
            att_id = self.world.snowflake()
            filename = info.get("filename") or f.filename
            url = f"{self.base_url}/attachments/{att_id}/{filename}"
            att: Json = {
                "id": str(att_id),
                "filename": filename,
                "size": len(f.data),
                "url": url,
                "proxy_url": url,
                "content_type": f.content_type,
            }
            if info.get("description"):
                att["description"] = info["description"]
            self.attachment_data[att_id] = f.data
            result.append(att)
        return result

    # ----------------------------------------------------------------- create
    def build(
        self,
        author: FakeUser,
        channel: FakeChannel,
        payload: Json,
        files: list[UploadedFile] | None = None,
        *,
        msg_type: int = 0,
        extra: Json | None = None,
    ) -> Json:
        files = files or []
        content = payload.get("content")
        content = "" if content is None else str(content).strip()  # Discord trims content
        flags = int(payload.get("flags") or 0) & (
            EPHEMERAL | LOADING | COMPONENTS_V2 | (1 << 2) | (1 << 12)
        )
        msg: Json = {
            "id": str(self.world.snowflake()),
            "type": msg_type,
            "channel_id": str(channel.id),
            "author": author.to_dict(),
            "content": content,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": bool(payload.get("tts", False)),
            "mention_everyone": "@everyone" in content or "@here" in content,
            "mentions": self._mentions(content),
            "mention_roles": _ROLE_MENTION.findall(content),
            "attachments": self._attachments(payload, files, []),
            "embeds": [{"type": "rich", **e} for e in payload.get("embeds") or []],
            "components": copy.deepcopy(payload.get("components") or []),
            "pinned": False,
            "flags": flags,
        }
        if payload.get("nonce") is not None:
            msg["nonce"] = payload["nonce"]
        if channel.guild_id is not None:
            msg["guild_id"] = str(channel.guild_id)
        ref = payload.get("message_reference")
        if ref and ref.get("message_id"):
            ref_channel = int(ref.get("channel_id") or channel.id)
            referenced = self.get(ref_channel, int(ref["message_id"]))
            if referenced is None and ref.get("fail_if_not_exists", True):
                raise form_error(
                    "message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
            if referenced is not None:
                msg["type"] = 19 if msg_type == 0 else msg_type
                msg["message_reference"] = {
                    "type": 0,
                    "message_id": referenced["id"],
                    "channel_id": referenced["channel_id"],
                    **({"guild_id": msg["guild_id"]} if "guild_id" in msg else {}),
                }
                msg["referenced_message"] = copy.deepcopy(referenced)
        if extra:
            msg.update(extra)
        return msg

    def _mentions(self, content: str) -> list[Json]:
        result = []
        for raw in dict.fromkeys(_USER_MENTION.findall(content)):
            user = self.world.users.get(int(raw))
            if user is not None:
                result.append(user.to_dict())
        return result

    def store(self, msg: Json) -> None:
        mid = int(msg["id"])
        self.by_id[mid] = msg
        self.sent_at[mid] = time.time()
        if not int(msg.get("flags", 0)) & EPHEMERAL:
            cid = int(msg["channel_id"])
            self.by_channel.setdefault(cid, []).append(msg)
            channel = self.world.channels.get(cid)
            if channel is not None:
                channel.last_message_id = mid
        self._changed("stored", msg)

    # ------------------------------------------------------------- read/edit
    def get(self, channel_id: int, message_id: int) -> Json | None:
        msg = self.by_id.get(message_id)
        if msg is None or int(msg["channel_id"]) != channel_id:
            return None
        return msg

    def require(self, channel_id: int, message_id: int) -> Json:
        msg = self.get(channel_id, message_id)
        if msg is None:
            raise FakeHTTPError(404, 10008, "Unknown Message")
        return msg

    def edit(self, msg: Json, payload: Json, files: list[UploadedFile] | None = None) -> Json:
        files = files or []
        if "content" in payload:
            msg["content"] = "" if payload["content"] is None else str(payload["content"]).strip()
            msg["mentions"] = self._mentions(msg["content"])
            msg["mention_roles"] = _ROLE_MENTION.findall(msg["content"])
        if "embeds" in payload:
            msg["embeds"] = [{"type": "rich", **e} for e in payload["embeds"] or []]
        if "components" in payload:
            msg["components"] = copy.deepcopy(payload["components"] or [])
        if "flags" in payload and payload["flags"] is not None:
            keep = int(msg.get("flags", 0)) & EPHEMERAL
            msg["flags"] = keep | (int(payload["flags"]) & ~EPHEMERAL)
        msg["flags"] = int(msg.get("flags", 0)) & ~LOADING
        if "attachments" in payload or files:
            wanted = {str(a.get("id")) for a in payload.get("attachments") or []}
            if "attachments" in payload:
                kept = [a for a in msg["attachments"] if a["id"] in wanted]
            else:
                kept = list(msg["attachments"])
            msg["attachments"] = self._attachments(payload, files, kept)
        msg["edited_timestamp"] = iso_now()
        self._changed("edited", msg)
        return msg

    def delete(self, msg: Json) -> None:
        mid = int(msg["id"])
        self.by_id.pop(mid, None)
        lst = self.by_channel.get(int(msg["channel_id"]), [])
        for i, m in enumerate(lst):
            if m["id"] == msg["id"]:
                del lst[i]
                break
        self._changed("deleted", msg)

    def recent_with_nonce(
        self, channel_id: int, nonce: str, author_id: int, window: float
    ) -> Json | None:
        """The message with this nonce by this author, if sent within ``window`` seconds."""
        cutoff = time.time() - window
        for msg in reversed(self.by_channel.get(channel_id, [])):
            if (
                str(msg.get("nonce")) == nonce
                and int(msg["author"]["id"]) == author_id
                and self.sent_at.get(int(msg["id"]), 0.0) >= cutoff
            ):
                return msg
        return None

    def history(
        self,
        channel_id: int,
        *,
        limit: int = 50,
        before: int | None = None,
        after: int | None = None,
        around: int | None = None,
    ) -> list[Json]:
        msgs = self.by_channel.get(channel_id, [])
        if around is not None:
            older = [m for m in msgs if int(m["id"]) <= around][-((limit + 1) // 2) :]
            newer = [m for m in msgs if int(m["id"]) > around][: limit // 2]
            return list(reversed(older + newer))
        if after is not None:
            selected = [m for m in msgs if int(m["id"]) > after][:limit]
            return list(reversed(selected))
        if before is not None:
            msgs = [m for m in msgs if int(m["id"]) < before]
        return list(reversed(msgs[-limit:])) if limit else []

    def event_payload(self, msg: Json) -> Json:
        """A message as the gateway sends it (``guild_id`` and partial ``member`` for guilds)."""
        data = copy.deepcopy(msg)
        gid = msg.get("guild_id")
        if gid is not None:
            guild = self.world.guilds.get(int(gid))
            if guild is not None:
                member = guild.members.get(int(msg["author"]["id"]))
                if member is not None and "webhook_id" not in msg:
                    data["member"] = member.to_dict(with_user=False)
        return data


def plain(value: Any) -> Any:
    return copy.deepcopy(value)
