"""A readable transcript of what happened on the demo server: who did what and what the bot
answered (message texts, embed titles and fields, buttons, files), with mentions, channel
links, command mentions and Discord timestamps shown as a member would read them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sandbox.emulation import FakeDiscord

Json = dict[str, Any]

_USER = re.compile(r"<@!?(\d+)>")
_ROLE = re.compile(r"<@&(\d+)>")
_CHANNEL = re.compile(r"<#(\d+)>")
_COMMAND = re.compile(r"</([^:>]+):\d+>")
_TIME = re.compile(r"<t:(-?\d+)(?::([tTdDfFR]))?>")
MAX_LINES = 6
MAX_FIELD = 160


class Renderer:
    def __init__(self, fake: FakeDiscord, lang: str) -> None:
        self.fake = fake
        self.lang = lang
        self._off = " (aus)" if lang == "de" else " (disabled)"

    # --- names --------------------------------------------------------------------------------
    def user_name(self, user_id: int) -> str:
        user = self.fake.world.users.get(user_id)
        return user.name if user is not None else str(user_id)

    def where(self, channel_id: int) -> str:
        channel = self.fake.world.channels.get(channel_id)
        if channel is None:
            return f"#{channel_id}"
        if channel.recipient is not None:
            return ("DM an " if self.lang == "de" else "DM to ") + channel.recipient.name
        if channel.is_thread:
            return f"🧵 {channel.name}"
        return f"#{channel.name}"

    def plain(self, text: str) -> str:
        """Mentions, links and timestamps as a member reads them."""
        text = _USER.sub(lambda m: "@" + self.user_name(int(m.group(1))), text)
        text = _ROLE.sub(lambda m: "@" + self._role(int(m.group(1))), text)
        text = _CHANNEL.sub(lambda m: self.where(int(m.group(1))), text)
        text = _COMMAND.sub(lambda m: "/" + m.group(1), text)
        return _TIME.sub(lambda m: self._time(int(m.group(1))), text)

    def _role(self, role_id: int) -> str:
        for guild in self.fake.world.guilds.values():
            role = guild.roles.get(role_id)
            if role is not None:
                return role.name
        return str(role_id)

    def _time(self, stamp: int) -> str:
        moment = datetime.fromtimestamp(stamp, UTC).astimezone()
        return moment.strftime("%d.%m. %H:%M" if self.lang == "de" else "%d %b %H:%M")

    # --- messages -----------------------------------------------------------------------------
    def message(self, msg: Json, *, indent: str = "    ") -> list[str]:
        """The lines of one message: text, embeds, buttons and files."""
        lines: list[str] = []
        lines += self._text(msg.get("content") or "", indent)
        for embed in msg.get("embeds") or []:
            lines += self.embed(embed, indent)
        lines += self._components(msg.get("components") or [], indent)
        for att in msg.get("attachments") or []:
            size = int(att.get("size") or 0)
            lines.append(f"{indent}📎 {att.get('filename')} ({_size(size)})")
        return lines

    def embed(self, embed: Json, indent: str) -> list[str]:
        lines = []
        author = (embed.get("author") or {}).get("name")
        if author:
            lines.append(f"{indent}▌ {self.plain(author)}")
        if embed.get("title"):
            lines.append(f"{indent}▌ {self.plain(embed['title'])}")
        lines += self._text(embed.get("description") or "", indent + "│ ")
        for field in embed.get("fields") or []:
            value = " ".join(self.plain(str(field.get("value") or "")).split())
            if len(value) > MAX_FIELD:
                value = value[: MAX_FIELD - 1] + "…"
            name = self.plain(field.get("name") or "").strip("\u200b ")
            lines.append(f"{indent}│ • {name}: {value}" if name else f"{indent}│ • {value}")
        footer = (embed.get("footer") or {}).get("text")
        if footer:
            lines.append(f"{indent}│ ({self.plain(footer)})")
        image = (embed.get("image") or {}).get("url") or ""
        if image.startswith("attachment://"):
            lines.append(f"{indent}│ 🖼 {image[len('attachment://') :]}")
        return lines

    def _text(self, text: str, indent: str) -> list[str]:
        rows = [row for row in self.plain(text).splitlines() if row.strip()]
        if len(rows) > MAX_LINES:
            rows = [*rows[: MAX_LINES - 1], "…"]
        return [f"{indent}{row}" for row in rows]

    def _components(self, components: list[Json], indent: str) -> list[str]:
        labels: list[str] = []
        texts: list[str] = []
        stack = list(components)
        while stack:
            comp = stack.pop(0)
            kind = comp.get("type")
            if kind == 2:
                label = comp.get("label") or (comp.get("emoji") or {}).get("name") or "?"
                labels.append(f"[{label}]" + (self._off if comp.get("disabled") else ""))
            elif kind in (3, 5, 6, 7, 8):
                labels.append(f"[▾ {comp.get('placeholder') or '…'}]")
            elif kind == 10:
                texts.append(comp.get("content") or "")
            stack[:0] = comp.get("components") or []
            if isinstance(comp.get("accessory"), dict):
                stack.insert(0, comp["accessory"])
        lines = [line for text in texts for line in self._text(text, indent)]
        if labels:
            lines.append(indent + " ".join(labels))
        return lines


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"
