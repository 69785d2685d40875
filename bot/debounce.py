"""Debounced message edits: a burst of clicks becomes one edit per key and interval, which keeps a
busy panel inside Discord's rate limits (about five edits per message every five seconds)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable

log = logging.getLogger(__name__)


class Debouncer:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._timers: dict[Hashable, asyncio.TimerHandle] = {}
        self._running: set[asyncio.Task[None]] = set()

    def schedule(self, key: Hashable, action: Callable[[], Awaitable[None]]) -> None:
        """Run ``action`` once, ``delay`` seconds from the first request for ``key``; requests
        in between are folded into that run (it reads the latest state when it runs)."""
        if key in self._timers:
            return
        loop = asyncio.get_running_loop()
        self._timers[key] = loop.call_later(self.delay, self._start, key, action)

    def _start(self, key: Hashable, action: Callable[[], Awaitable[None]]) -> None:
        self._timers.pop(key, None)
        task = asyncio.create_task(self._run(action), name=f"debounced-{key}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    @staticmethod
    async def _run(action: Callable[[], Awaitable[None]]) -> None:
        try:
            await action()
        except Exception:
            log.exception("A debounced update failed")

    def cancel(self, key: Hashable) -> None:
        handle = self._timers.pop(key, None)
        if handle is not None:
            handle.cancel()

    async def aclose(self) -> None:
        """Drop what is waiting and let running updates finish (before the database closes)."""
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()
        await asyncio.gather(*self._running, return_exceptions=True)
