"""The activity service: features report events, statistics count them.

Recording is a dictionary increment (no database on the per-message path); the buffer is flushed
in one transaction every few seconds and on shutdown. Counts are kept per guild, UTC day, kind and
member, which is what the engagement reports need and no more (no message text, no channel).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import asdict
from typing import Any

from bot import repository
from bot.database import Database
from bot.privacy import PrivacyRegistry
from bot.timeutil import Clock, utcnow

log = logging.getLogger(__name__)

Key = tuple[int, str, str, int]


class ActivityService:
    def __init__(self, db: Database, clock: Clock = utcnow, flush_every: float = 5.0) -> None:
        self._db = db
        self._clock = clock
        self._buffer: Counter[Key] = Counter()
        self._flush_every = flush_every
        self._task: asyncio.Task[None] | None = None
        self._flush_lock = asyncio.Lock()

    def record(self, guild_id: int, kind: str, user_id: int | None = None, count: int = 1) -> None:
        """Count ``count`` events of ``kind`` today. Cheap: no I/O."""
        if count <= 0:
            return
        day = self._clock().date().isoformat()
        self._buffer[(guild_id, day, kind, user_id or 0)] += count

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    async def flush(self) -> int:
        """Write the buffer in one transaction; on failure the counts stay buffered."""
        async with self._flush_lock:
            if not self._buffer:
                return 0
            batch, self._buffer = self._buffer, Counter()
            try:
                await repository.add_activity(self._db, batch, self._clock())
            except Exception:
                self._buffer.update(batch)
                raise
            return len(batch)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="activity-flush")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.flush()

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._flush_every)
            try:
                await self.flush()
            except Exception:
                log.exception("Flushing activity counts failed; will retry")

    def register_privacy(self, registry: PrivacyRegistry) -> None:
        registry.register(
            "activity",
            "Daily counts of your activity per server (no message content).",
            self._export,
            self._delete,
        )

    async def _export(self, user_id: int) -> list[dict[str, Any]]:
        await self.flush()
        rows = await repository.activity_of_user(self._db, user_id)
        return [asdict(row) for row in rows]

    async def _delete(self, user_id: int) -> int:
        await self.flush()
        return await repository.delete_activity_of_user(self._db, user_id)
