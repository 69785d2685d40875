"""Test-only hooks of the fake Discord: injected rate limits and errors, crash points (the bot's
process is killed at a chosen request), dropped and invalidated sessions, and inspection of what
the bot sent. The emulation itself lives in :mod:`sandbox.emulation`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from sandbox.emulation import FakeDiscord as Emulation
from sandbox.emulation.interactions import poll_until
from sandbox.emulation.ratelimits import InjectedRateLimit
from sandbox.emulation.rest import RecordedRequest, json_response
from sandbox.emulation.state import FakeHTTPError


@dataclass
class CrashPoint:
    method: str
    pattern: re.Pattern[str]
    action: Callable[[], Any]
    when: str
    body_contains: str | None


class FakeDiscord(Emulation):
    """The emulation with the hooks tests need to hurt the bot the way Discord can."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: (method, path regex, error) answered once instead of the route: see ``inject_error``
        self.injected_errors: list[tuple[str, re.Pattern[str], FakeHTTPError]] = []
        self.crash_points: list[CrashPoint] = []

    def before_route(self, method: str, rec: RecordedRequest) -> web.StreamResponse | None:
        crash = self._crash_point(method, rec, "before")
        if crash is not None:
            crash.action()  # the bot dies before this request is answered
            return json_response({"message": "fake: crashed", "code": 0}, status=503)
        for index, (wanted, pattern, error) in enumerate(self.injected_errors):
            if wanted in ("*", method) and pattern.search(rec.path):
                del self.injected_errors[index]
                raise error
        return None

    def after_route(self, method: str, rec: RecordedRequest) -> None:
        crash = self._crash_point(method, rec, "after")
        if crash is not None:
            crash.action()  # handled (the message exists), but the bot dies before the answer

    def assert_all_modelled(self) -> None:
        if self.internal_errors:
            rec, exc = self.internal_errors[0]
            raise AssertionError(
                f"fakediscord crashed on {rec.method} {rec.path}: {exc!r}"
            ) from exc
        if self.unmodelled:
            listing = ", ".join(f"{r.method} {r.path}" for r in self.unmodelled)
            raise AssertionError(f"fakediscord received unmodelled requests: {listing}")

    async def drop_connection(self, code: int = 4000, *, shard_id: int = 0) -> None:
        """Close a shard's socket abnormally (without sharding: the only one); discord.py will
        RESUME."""
        conn = self.gateway.active_on(shard_id)
        if conn is not None:
            conn.close(code, "fake: connection dropped")
            await poll_until(lambda: conn.ws.closed, 5, "the socket to close")

    async def send_reconnect(self, *, shard_id: int = 0) -> None:
        """Send op 7 RECONNECT on a shard; discord.py closes and RESUMEs."""
        conn = self.gateway.active_on(shard_id)
        if conn is not None:
            conn.send({"op": 7, "s": None, "t": None, "d": None})
            await asyncio.sleep(0)

    def crash_on(
        self,
        method: str,
        path_regex: str,
        action: Callable[[], Any],
        *,
        when: str = "before",
        body_contains: str | None = None,
    ) -> None:
        """Call ``action`` (e.g. SIGKILL the bot's process) once, when the next matching request
        arrives: ``before`` it is handled, or ``after`` it was handled but before the answer."""
        self.crash_points.append(
            CrashPoint(method, re.compile(path_regex), action, when, body_contains)
        )

    def _crash_point(self, method: str, rec: RecordedRequest, when: str) -> CrashPoint | None:
        for index, point in enumerate(self.crash_points):
            if point.when != when or point.method not in ("*", method):
                continue
            if not point.pattern.search(rec.path):
                continue
            if point.body_contains is not None and point.body_contains not in json.dumps(rec.json):
                continue
            del self.crash_points[index]
            return point
        return None

    def inject_error(
        self, method: str, path_regex: str, status: int, code: int, message: str = "injected"
    ) -> None:
        """Answer the next request matching method (``"*"``: any) and path regex with an error,
        as Discord would (e.g. 400/50035 on a command upload, 500 on an outage)."""
        self.injected_errors.append(
            (method, re.compile(path_regex), FakeHTTPError(status, code, message))
        )

    # ------------------------------------------------------------ rate limits
    def inject_rate_limit(
        self,
        method: str,
        path_regex: str,
        count: int = 1,
        retry_after: float = 0.05,
        global_: bool = False,
        *,
        scope: str | None = None,
    ) -> InjectedRateLimit:
        """Answer the next ``count`` requests whose method matches (``"*"``: any) and whose
        path (relative to /api/v10, e.g. ``/channels/1/messages``) matches ``path_regex``
        (``re.search``) with a 429 and Discord's headers; discord.py waits and retries."""
        return self.ratelimits.inject(
            method, path_regex, count=count, retry_after=retry_after, global_=global_, scope=scope
        )

    @property
    def error_counts(self) -> Counter[int]:
        """How many 401, 403 and 429 answers the bot received (Discord's invalid requests)."""
        return self.ratelimits.error_counts

    @property
    def invalid_request_count(self) -> int:
        """401 + 403 + 429 answers; Discord bans the IP at 10,000 per 10 minutes."""
        return self.ratelimits.invalid_request_count

    # ---------------------------------------------------------------- gateway
    async def invalidate_session(self, resumable: bool = False, *, shard_id: int = 0) -> None:
        """Send op 9 INVALID_SESSION on a shard. resumable=True: discord.py RESUMEs; False: the
        session is gone and discord.py IDENTIFYs again (a new READY and GUILD_CREATEs)."""
        conn = self.gateway.invalidate_session(resumable, shard_id)
        if conn is not None:
            await poll_until(lambda: conn.ws.closed, 5, "the socket to close")

    @contextlib.asynccontextmanager
    async def offline(
        self, *, reconnect: bool = False, code: int = 4000, timeout: float = 5, shard_id: int = 0
    ) -> AsyncIterator[None]:
        """Disconnect the bot's shard (op 7 RECONNECT if ``reconnect``, else a dropped
        connection with close ``code``) and keep it offline inside the block: new connections
        (of any shard) wait for HELLO. Events dispatched meanwhile are queued and replayed on
        RESUME. On exit the bot is let back in and this waits until the shard is connected."""
        gate = self.gateway.hello_gate
        gate.clear()
        try:
            if reconnect:
                await self.send_reconnect(shard_id=shard_id)
            else:
                await self.drop_connection(code, shard_id=shard_id)
            await poll_until(
                lambda: not self.shard_connected(shard_id), timeout, "the bot to disconnect"
            )
            yield
        finally:
            gate.set()
        await poll_until(lambda: self.shard_connected(shard_id), timeout, "the bot to reconnect")

    def requests_to(self, method: str, path_regex: str) -> list[Any]:
        """Recorded requests (including 429s and errors) matching method and path regex."""
        import re

        pattern = re.compile(path_regex)
        return [
            r
            for r in self.requests
            if method in ("*", r.method) and pattern.search(r.path) is not None
        ]
