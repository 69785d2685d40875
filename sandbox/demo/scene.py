"""What people do on the demo server, recorded as transcript lines.

Every action goes through the emulation as a Discord client would send it (a message, a slash
command, a button, a form); every wait is for the bot's own answer (its interaction response,
a followup, a message in a channel or a DM), with a generous timeout and never a fixed sleep.
Messages the bot posted meanwhile are added to the transcript after each action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sandbox.emulation import FakeChannel, FakeInteraction

from .transcript import Json, Renderer

if TYPE_CHECKING:
    from .session import DemoSession
    from .world import Person

T = TypeVar("T")
WAIT = 30.0


class StepFailed(Exception):
    """A step did not see what it expected (``expected`` says what, in the demo's language)."""

    def __init__(self, expected: str, detail: str = "") -> None:
        super().__init__(expected if not detail else f"{expected} ({detail})")
        self.expected = expected
        self.detail = detail


class Scene:
    def __init__(self, demo: DemoSession) -> None:
        self.demo = demo
        self.fake = demo.emulation
        self.render = Renderer(self.fake, demo.lang)
        self.lines: list[str] = []
        self.files: list[str] = []
        self._seen: set[int] = set(self.fake.store.by_id)
        self._before: frozenset[int] = frozenset(self._seen)  # messages from before this scene

    # --- who and where ------------------------------------------------------------------------
    def person(self, part: str) -> Person:
        return self.demo.by_part(part)

    def channel(self, key: str) -> FakeChannel:
        return self.fake.world.channels[self.demo.world.channels[key]]

    def note(self, line: str) -> None:
        self.lines.append(line)

    # --- actions ------------------------------------------------------------------------------
    async def say(self, part: str, key: str, text: str) -> Json:
        person, channel = self.person(part), self.channel(key)
        self.note(f"💬 {person.name} in #{channel.name}: {text}")
        message = await self.fake.send_message(person.user, channel, text)
        self._seen.add(int(message["id"]))
        return message

    async def command(
        self, part: str, key: str, command: str, options: dict[str, Any] | None = None
    ) -> FakeInteraction:
        """A slash command; returns once the bot answered (after a defer: its followup)."""
        person, channel = self.person(part), self.channel(key)
        shown = " ".join(f"{k}:{self._option(v)}" for k, v in (options or {}).items())
        self.note(f"⌨ {person.name} in #{channel.name}: /{command} {shown}".rstrip())
        reply = await self.fake.invoke(person.user, channel, command, options or {})
        await self.finish(reply)
        return reply

    async def click(self, part: str, message: Json, custom_id: str, label: str) -> FakeInteraction:
        person = self.person(part)
        where = self.render.where(int(message["channel_id"]))
        self.note(f"🖱 {person.name} ({where}): [{label}]")
        reply = await self.fake.click(person.user, message, custom_id)
        await self.finish(reply)
        return reply

    async def fill_form(self, part: str, opened: FakeInteraction, text: str) -> FakeInteraction:
        """The form the bot opened in answer to ``opened``: type ``text`` and send it."""
        person = self.person(part)
        modal = opened.callbacks[0]["data"]
        self.note(f"📝 {person.name} ({modal.get('title', '')}): {text}")
        submitted = await self.fake.submit_modal(
            person.user,
            opened.channel,
            modal["custom_id"],
            {text_input_id(modal): text},
            from_interaction=opened,
        )
        await self.finish(submitted)
        return submitted

    async def finish(self, reply: FakeInteraction) -> None:
        """Wait for the bot's answer to an interaction and put it in the transcript."""
        try:
            first = await reply.response(timeout=WAIT)
            if first.get("type") == 5:
                await reply.answered(timeout=WAIT)
        except TimeoutError:
            raise StepFailed(self.demo.text("expect.answer")) from None
        self.flush()
        kind = first.get("type")
        if kind == 9:
            return  # a form opened; fill_form records it
        shown: list[Json] = []
        if reply.original is not None and not reply.deleted_original and kind != 7:
            shown.append(reply.original)
        elif kind == 4:
            shown.append(first.get("data") or {})
        shown += reply.followups
        private = self.demo.text("private") if reply.ephemeral else ""
        done: set[str] = set()
        for msg in shown:
            if "id" in msg:
                if msg["id"] in done:
                    continue
                done.add(msg["id"])
                self._seen.add(int(msg["id"]))
            body = self.render.message(msg)
            if body:
                self.note(f"   🤖 → {reply.user.name}{private}:")
                self.lines += body
                self._files(msg)

    # --- the bot's messages -------------------------------------------------------------------
    def flush(self) -> None:
        """Messages the bot posted since the last look, in the order it posted them."""
        bot_id = str(self.fake.bot_user.id)
        for mid, msg in list(self.fake.store.by_id.items()):
            if mid in self._seen:
                continue
            self._seen.add(mid)
            if msg["author"]["id"] != bot_id or int(msg.get("flags") or 0) & 64:
                continue
            self.note(
                f"   🤖 {self.fake.bot_user.name} → {self.render.where(int(msg['channel_id']))}:"
            )
            self.lines += self.render.message(msg)
            self._files(msg)

    def _files(self, msg: Json) -> None:
        self.files += [str(a.get("filename")) for a in msg.get("attachments") or []]

    async def wait(self, predicate: Callable[[], T | None], expected: str) -> T:
        """Wait (event by event of the emulation) until the bot did what ``expected`` says."""
        try:
            value: T = await self.fake.wait_for(predicate, timeout=WAIT)
        except TimeoutError:
            self.flush()
            raise StepFailed(expected) from None
        self.flush()
        return value

    def bot_messages(
        self, key: str | None = None, *, dm: str | None = None, old: bool = False
    ) -> list[Json]:
        """The bot's messages in a channel of the demo, or in a DM, as they are now: those of
        this scene (``old``: also the earlier ones)."""
        if dm is not None:
            found = self.fake.dm_messages(self.person(dm).user)
        else:
            assert key is not None
            found = self.fake.messages(self.channel(key))
        bot_id = str(self.fake.bot_user.id)
        return [
            m
            for m in found
            if m["author"]["id"] == bot_id and (old or int(m["id"]) not in self._before)
        ]

    def _option(self, value: Any) -> str:
        if isinstance(value, tuple):  # an attachment: (filename, bytes)
            return f"📎{value[0]}"
        if isinstance(value, bool):
            return str(value).lower()
        text = str(value)
        if text.isdigit() and int(text) in self.fake.world.users:
            return "@" + self.render.user_name(int(text))
        if text.isdigit() and int(text) in self.fake.world.channels:
            return self.render.where(int(text))
        if text.isdigit() and len(text) > 15:
            return self.render.plain(f"<@&{text}>")
        return self.render.plain(text)


def answers(reply: FakeInteraction) -> list[Json]:
    """What the bot answered to an interaction: its response message and every followup."""
    first: Json | None = reply.original
    if first is None and reply.callbacks and reply.callbacks[0].get("type") in (4, 7):
        first = reply.callbacks[0].get("data")
    return [m for m in [first, *reply.followups] if m]


def buttons(message: Json) -> list[Json]:
    found, stack = [], list(message.get("components") or [])
    while stack:
        comp = stack.pop(0)
        if comp.get("type") == 2:
            found.append(comp)
        stack[:0] = comp.get("components") or []
    return found


def button(message: Json, fragment: str) -> Json:
    """The button whose custom id contains ``fragment``."""
    for found in buttons(message):
        if fragment in str(found.get("custom_id")):
            return found
    raise StepFailed(f"[{fragment}]", "button missing")


def text_input_id(modal: Json) -> str:
    stack = list(modal.get("components") or [])
    while stack:
        component = stack.pop()
        if component.get("type") == 4:
            return str(component["custom_id"])
        stack.extend(component.get("components") or [])
        if "component" in component:
            stack.append(component["component"])
    raise StepFailed("a form with a text field")


def embed_text(message: Json | None) -> str:
    if not message:
        return ""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f.get('name')} {f.get('value')}" for f in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)
