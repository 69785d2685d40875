"""A global request budget: Discord allows a bot 50 requests per second in all (interaction
callbacks and followups excluded) and answers more with 429s, which count towards a temporary
IP ban. discord.py follows the per-route limits from the headers but only reacts to the global
one; this paces every request that counts, so a burst (a raid, a thousand DMs) stays below it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

PER_SECOND = 40.0  # well under Discord's 50, leaving room for what is not paced here
BURST = 5  # requests that may go at once; any one second sees at most PER_SECOND + BURST
EXEMPT = ("/interactions/", "/webhooks/")


class RequestBudget:
    """A token bucket: ``rate`` tokens per second, at most ``burst`` in store."""

    def __init__(
        self,
        rate: float = PER_SECOND,
        burst: float = BURST,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self._rate = rate
        self._burst = burst
        self._sleep = sleep
        self._tokens = burst
        self._clock = clock
        self._updated = clock()
        self._lock = asyncio.Lock()
        self.waited = 0.0  # seconds requests spent waiting (for benchmarks)

    async def take(self) -> None:
        async with self._lock:  # first come, first served
            while True:
                now = self._clock()
                self._tokens = min(self._burst, self._tokens + (now - self._updated) * self._rate)
                self._updated = now
                if self._tokens >= 1.0 - 1e-9:  # float dust must not make a token late
                    self._tokens = max(0.0, self._tokens - 1.0)
                    return
                pause = max((1.0 - self._tokens) / self._rate, 1e-4)
                self.waited += pause
                await self._sleep(pause)


def pace(http: Any, budget: RequestBudget) -> None:
    """Route every counted request of discord.py's HTTP client through ``budget``."""
    request = http.request

    async def paced(route: Any, *args: Any, **kwargs: Any) -> Any:
        if not str(getattr(route, "path", "")).startswith(EXEMPT):
            await budget.take()
        return await request(route, *args, **kwargs)

    http.request = paced
