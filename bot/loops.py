"""Background loops on ``discord.ext.tasks``: an error is logged and the next round runs anyway.

``tasks.loop`` by itself ends a loop on any exception other than a few network errors, silently
unless someone reads the log; a flush that fails once must not stop statistics for good.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from discord.ext import tasks

log = logging.getLogger(__name__)


def every(seconds: float, body: Callable[[], Awaitable[object]], *, what: str) -> tasks.Loop[Any]:
    """A loop that runs *body* now and then every *seconds*; *what* names it in the log."""

    async def round_() -> None:
        try:
            await body()
        except Exception:
            log.exception("%s failed; the next round runs as planned", what)

    return tasks.loop(seconds=seconds)(round_)


async def halt(loop: tasks.Loop[Any]) -> None:
    """Cancel *loop* and wait until its task has ended (a round in flight is cancelled)."""
    task = loop.get_task()
    loop.cancel()
    if task is not None:
        await asyncio.gather(task, return_exceptions=True)
