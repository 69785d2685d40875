"""The local web page of the sandbox: the demo server shown like a chat client, where the
visitor is one of its people and acts as them. Served by aiohttp on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.emulation import FakeError, FakeInteraction

from . import commands, view
from .labels import labels
from .scene import Scene, Visitor
from .security import Guard

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
#: the event stream pushes at most this often; a burst of changes becomes one push
_PUSH_GAP = 0.05
_KEEPALIVE = 15.0
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"RIFF", "image/webp"),
)

Json = dict[str, Any]

#: what the emulation says when Discord's client would not let a person do something
_REASONS = (
    ("is timed out", "why.timeout"),
    ("slowmode", "why.slowmode"),
    ("cannot send messages", "why.cannot_send"),
    ("membership screening", "why.screening"),
    ("is disabled", "why.disabled"),
    ("is locked", "why.locked"),
)


class WebView:
    def __init__(self, scene: Scene, *, port: int = 0, token: str | None = None) -> None:
        self.scene = scene
        self.guard = Guard(token)
        self.requested_port = port
        self.version = 0
        self._waiters: set[asyncio.Event] = set()
        self._closing = False
        self._undo: Callable[[], None] | None = None
        self._runner: web.AppRunner | None = None
        self._files = {p.name: p for p in STATIC.iterdir() if p.suffix in _TYPES}

    @property
    def port(self) -> int:
        return self.guard.port

    @property
    def url(self) -> str:
        """The address to open: it carries the token once; the page moves it into a cookie."""
        return f"http://127.0.0.1:{self.port}/?token={self.guard.token}"

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        app = web.Application(middlewares=[self.guard.middleware], client_max_size=12 << 20)
        app.on_response_prepare.append(self.guard.add_headers)
        r = app.router
        r.add_get("/", self._index)
        r.add_get("/static/{name}", self._static)
        r.add_get("/favicon.ico", self._no_icon)
        r.add_get("/api/state", self._state)
        r.add_get("/api/view", self._view)
        r.add_get("/api/commands", self._commands)
        r.add_get("/api/attachments/{aid}", self._attachment)
        r.add_get("/api/events", self._events)
        r.add_post("/api/act", self._act)
        r.add_post("/api/tour/next", self._tour_next)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        try:
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.requested_port).start()
        except BaseException:  # a taken port, or Ctrl-C while starting: nothing stays open
            await self.stop()
            raise
        self.guard.port = int(self._runner.addresses[0][1])
        self._undo = self.scene.emulation.observe(self._changed)

    async def stop(self) -> None:
        self._closing = True
        if self._undo is not None:
            self._undo()
            self._undo = None
        for waiter in self._waiters:
            waiter.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _changed(self, event: str, data: Any) -> None:
        self.version += 1
        for waiter in self._waiters:
            waiter.set()

    # ------------------------------------------------------------------- helpers
    def _visitor(self, key: object) -> Visitor:
        try:
            return self.scene.visitor(key)
        except KeyError:
            raise web.HTTPNotFound(text="unknown person") from None

    def _channel(self, visitor: Visitor, raw: object) -> Any:
        try:
            channel = self.scene.emulation.world.channels[int(str(raw))]
        except (KeyError, ValueError):
            raise web.HTTPNotFound(text="unknown channel") from None
        if not view.can_see(self.scene, visitor, channel):
            raise web.HTTPForbidden(text="not visible")
        return channel

    def _message(self, visitor: Visitor, raw: object) -> Json:
        try:
            msg = self.scene.emulation.store.by_id[int(str(raw))]
        except (KeyError, ValueError):
            raise web.HTTPNotFound(text="unknown message") from None
        if not view.sees_message(self.scene, visitor, msg):
            raise web.HTTPForbidden(text="not visible")
        return msg

    # -------------------------------------------------------------------- pages
    async def _index(self, request: web.Request) -> web.StreamResponse:
        return await self._file("index.html")

    async def _no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _static(self, request: web.Request) -> web.StreamResponse:
        return await self._file(request.match_info["name"])

    async def _file(self, name: str) -> web.StreamResponse:
        path = self._files.get(name)
        if path is None:
            raise web.HTTPNotFound()
        return web.Response(
            body=path.read_bytes(), content_type=_TYPES[path.suffix], charset="utf-8"
        )

    def _tour(self) -> Json | None:
        tour = self.scene.tour
        if tour is None:
            return None
        return {
            "total": len(tour.steps),
            "done": tour.done,
            "next": tour.explanation(tour.done, self.scene.lang),
            "transcript": tour.transcript,
            "busy": tour.lock.locked(),
        }

    async def _state(self, request: web.Request) -> web.Response:
        scene = self.scene
        return web.json_response(
            {
                "lang": scene.lang,
                "labels": labels(scene.lang),
                "guild": {"id": str(scene.guild.id), "name": scene.guild.name},
                "bot": {
                    "id": str(scene.emulation.bot_user.id),
                    "name": view.display_name(scene, scene.emulation.bot_user),
                },
                "people": [
                    {"key": p.key, "name": p.name, "role": p.role, "locale": p.user.locale}
                    for p in scene.people
                ],
                "tour": self._tour(),
            }
        )

    async def _view(self, request: web.Request) -> web.Response:
        visitor = self._visitor(request.query.get("as"))
        version = self.version
        listed = view.channels(self.scene, visitor)
        wanted = request.query.get("channel")
        chosen = next((c for c in listed if c["id"] == wanted and c["kind"] != "category"), None)
        if chosen is None:  # the first channel the person may write in, else the first one
            readable = [c for c in listed if c["kind"] in ("channel", "thread")]
            chosen = next((c for c in readable if c["can_send"]), None) or next(
                iter(readable), None
            )
        shown: list[Json] = []
        if chosen is not None:
            channel = self.scene.emulation.world.channels[int(chosen["id"])]
            shown = view.messages(self.scene, visitor, channel)
        return web.json_response(
            {
                "version": version,
                "channels": listed,
                "channel": chosen,
                "hidden": wanted is not None and chosen is not None and chosen["id"] != wanted,
                "messages": shown,
                "directory": view.directory(self.scene, visitor),
                "tour": self._tour(),
            }
        )

    async def _commands(self, request: web.Request) -> web.Response:
        visitor = self._visitor(request.query.get("as"))
        return web.json_response(
            {
                "commands": commands.entries(self.scene, visitor),
                "message_commands": commands.message_entries(self.scene, visitor),
            }
        )

    async def _attachment(self, request: web.Request) -> web.Response:
        visitor = self._visitor(request.query.get("as"))
        try:
            aid = int(request.match_info["aid"])
            data = self.scene.emulation.store.attachment_data[aid]
        except (KeyError, ValueError):
            raise web.HTTPNotFound() from None
        if not view.attachment_visible(self.scene, visitor, aid):
            raise web.HTTPForbidden()
        # Images by their first bytes show inline; anything else (an HTML page too) is only
        # ever downloaded, never opened as a page of this origin.
        kind = next((k for magic, k in _IMAGES if data.startswith(magic)), None)
        if kind == "image/webp" and data[8:12] != b"WEBP":
            kind = None
        headers = {"Content-Disposition": "inline" if kind else "attachment"}
        return web.Response(
            body=data, content_type=kind or "application/octet-stream", headers=headers
        )

    async def _events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            await response.write(f"retry: 1000\nevent: change\ndata: {self.version}\n\n".encode())
            while not self._closing:
                try:
                    await asyncio.wait_for(waiter.wait(), _KEEPALIVE)
                except TimeoutError:
                    await response.write(b": keepalive\n\n")
                    continue
                waiter.clear()
                if self._closing:
                    break
                await response.write(f"event: change\ndata: {self.version}\n\n".encode())
                await asyncio.sleep(_PUSH_GAP)
        except (ConnectionError, RuntimeError):
            pass  # the page was closed
        finally:
            self._waiters.discard(waiter)
        return response

    # ------------------------------------------------------------------- actions
    async def _act(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise web.HTTPBadRequest() from None
        if not isinstance(body, dict):
            raise web.HTTPBadRequest()
        visitor = self._visitor(body.get("as"))
        action = str(body.get("action"))
        handler = getattr(self, f"_do_{action}", None)
        if handler is None:
            raise web.HTTPBadRequest(text="unknown action")
        words = labels(self.scene.lang)
        try:
            result: Json = await handler(visitor, body)
        except (FakeError, ValueError) as err:
            reason = next((words[k] for part, k in _REASONS if part in str(err)), str(err))
            return web.json_response({"ok": False, "error": words["refused"].format(reason=reason)})
        except TimeoutError:
            return web.json_response({"ok": False, "error": words["no_answer"]})
        return web.json_response({"ok": True, **result})

    async def _answer(self, inter: FakeInteraction) -> Json:
        """Waits for the bot's first answer; a form comes back to be shown as a dialog."""
        response = await inter.response(timeout=self.scene.emulation.interaction_deadline + 2)
        if response.get("type") == 9:
            return {"modal": response.get("data") or {}, "interaction": str(inter.id)}
        return {}

    async def _do_send(self, visitor: Visitor, body: Json) -> Json:
        channel = self._channel(visitor, body.get("channel"))
        content = str(body.get("content") or "")
        await self.scene.emulation.send_message(visitor.user, channel, content)
        return {}

    def _entry(self, visitor: Visitor, body: Json) -> Json:
        entry = commands.find(self.scene, visitor, str(body.get("command") or ""))
        if entry is None:
            raise FakeError(str(body.get("command")))
        return entry

    async def _do_invoke(self, visitor: Visitor, body: Json) -> Json:
        channel = self._channel(visitor, body.get("channel"))
        entry = self._entry(visitor, body)
        options = commands.values(entry, dict(body.get("options") or {}))
        inter = await self.scene.emulation.invoke(
            visitor.user, channel, entry["path"], options, locale=visitor.user.locale
        )
        return await self._answer(inter)

    async def _do_autocomplete(self, visitor: Visitor, body: Json) -> Json:
        channel = self._channel(visitor, body.get("channel"))
        entry = self._entry(visitor, body)
        given = dict(body.get("options") or {})
        focused = str(body.get("focused"))
        options = commands.values(
            entry, {k: v for k, v in given.items() if k != focused}, lenient=True
        )
        options[focused] = str(given.get(focused) or "")
        found = await self.scene.emulation.autocomplete(
            visitor.user, channel, entry["path"], options, focused, locale=visitor.user.locale
        )
        locale = visitor.user.locale
        return {
            "choices": [
                {"label": commands.localized(c, "name", locale), "value": c["value"]} for c in found
            ]
        }

    async def _do_click(self, visitor: Visitor, body: Json) -> Json:
        msg = self._message(visitor, body.get("message"))
        inter = await self.scene.emulation.click(
            visitor.user, msg, str(body.get("custom_id")), locale=visitor.user.locale
        )
        return await self._answer(inter)

    async def _do_select(self, visitor: Visitor, body: Json) -> Json:
        msg = self._message(visitor, body.get("message"))
        chosen = [str(v) for v in body.get("values") or []]
        inter = await self.scene.emulation.select(
            visitor.user, msg, str(body.get("custom_id")), chosen, locale=visitor.user.locale
        )
        return await self._answer(inter)

    async def _do_react(self, visitor: Visitor, body: Json) -> Json:
        """Adds the visitor's reaction (a Unicode emoji), or takes it back."""
        msg = self._message(visitor, body.get("message"))
        emoji = str(body.get("emoji") or "")
        if not 0 < len(emoji) <= 16 or any(c.isalnum() or c in "<>:" for c in emoji):
            raise FakeError(emoji)
        reacted = self.scene.emulation.store.reactors.get(int(msg["id"]), {}).get(emoji, [])
        if visitor.user.id in reacted:
            await self.scene.emulation.remove_reaction(visitor.user, msg, emoji)
        else:
            await self.scene.emulation.add_reaction(visitor.user, msg, emoji)
        return {}

    async def _do_message_command(self, visitor: Visitor, body: Json) -> Json:
        msg = self._message(visitor, body.get("message"))
        name = str(body.get("name") or "")
        if name not in {e["name"] for e in commands.message_entries(self.scene, visitor)}:
            raise FakeError(name)
        inter = await self.scene.emulation.invoke_message_command(
            visitor.user, msg, name, locale=visitor.user.locale
        )
        return await self._answer(inter)

    async def _do_modal(self, visitor: Visitor, body: Json) -> Json:
        fake = self.scene.emulation
        try:
            opened = fake.interactions[int(str(body.get("interaction")))]
        except (KeyError, ValueError):
            raise web.HTTPNotFound(text="unknown form") from None
        if opened.user is not visitor.user:
            raise web.HTTPForbidden(text="not your form")
        given = body.get("values") or {}
        inter = await fake.submit_modal(
            visitor.user,
            opened.channel,
            str(body.get("custom_id")),
            {str(k): v for k, v in dict(given).items()},
            locale=visitor.user.locale,
            from_interaction=opened,
        )
        return await self._answer(inter)

    async def _tour_next(self, request: web.Request) -> web.Response:
        tour = self.scene.tour
        if tour is None:
            raise web.HTTPNotFound()
        try:
            lines = await tour.next_step(self.scene.lang)
        except Exception as err:  # a failed step is shown; the page keeps running
            log.exception("tour step failed")
            return web.json_response({"ok": False, "error": str(err)})
        return web.json_response({"ok": True, "transcript": lines, "done": tour.done})


async def start(scene: Scene, *, port: int = 0, token: str | None = None) -> WebView:
    page = WebView(scene, port=port, token=token)
    await page.start()
    return page
