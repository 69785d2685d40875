"""The activity service: features report events, statistics count them.

Recording is a dictionary increment (no database on the per-message path); the buffer is flushed
in one transaction every few seconds and on shutdown. Counts are kept per guild, local day (in the
guild's time zone, like the statistics), kind and member, which is what the engagement reports
need and no more (no message text, no channel).

A member who asked not to be counted individually is recorded as user 0: the statistics feature
registers a predicate (:meth:`ActivityService.set_anonymous`) without the core knowing about it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, tzinfo
from typing import Any

from bot import loops, repository
from bot.database import Database
from bot.privacy import PrivacyRegistry
from bot.timeutil import Clock, LocalDays, utcnow

log = logging.getLogger(__name__)

Key = tuple[int, str, str, int]
Anonymous = Callable[[int, int], bool]
"""(guild id, user id) -> True if the member must not be counted individually."""


def _utc(_guild_id: int) -> tzinfo:
    return UTC


class ActivityService:
    def __init__(
        self,
        db: Database,
        clock: Clock = utcnow,
        flush_every: float = 5.0,
        zone_of: Callable[[int], tzinfo] = _utc,
    ) -> None:
        self._db = db
        self._clock = clock
        self._buffer: Counter[Key] = Counter()
        self._flusher = loops.every(flush_every, self.flush, what="Flushing activity counts")
        self._flush_lock = asyncio.Lock()
        self.days = LocalDays(zone_of)
        self._anonymous: Anonymous | None = None
        self._forgetting: set[int] = set()  # members being deleted right now: counted as 0

    def set_anonymous(self, predicate: Anonymous | None) -> None:
        """Register (None: remove) who is recorded as user 0 (members who opted out)."""
        self._anonymous = predicate

    def zone_changed(self, guild_id: int) -> None:
        """The guild's time zone changed: the next event is counted on the new local day."""
        self.days.invalidate(guild_id)

    def record(self, guild_id: int, kind: str, user_id: int | None = None, count: int = 1) -> None:
        """Count ``count`` events of ``kind`` on the guild's local today. Cheap: no I/O."""
        if count <= 0:
            return
        day = self.days.day(guild_id, self._clock())
        member = user_id or 0
        if member and (
            member in self._forgetting
            or (self._anonymous is not None and self._anonymous(guild_id, member))
        ):
            member = 0
        self._buffer[(guild_id, day, kind, member)] += count

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
        if not self._flusher.is_running():
            self._flusher.start()

    async def stop(self) -> None:
        await loops.halt(self._flusher)
        await self.flush()

    def register_privacy(self, registry: PrivacyRegistry) -> None:
        registry.register(
            "activity",
            "Daily counts of your activity per server (no message content).",
            self._export,
            self._delete,
            erase=repository.delete_activity_of_user,
        )

    async def _export(self, user_id: int) -> list[dict[str, Any]]:
        await self.flush()
        rows = await repository.activity_of_user(self._db, user_id)
        return [asdict(row) for row in rows]

    async def _delete(self, user_id: int) -> int:
        # Events recorded while the deletion runs are counted anonymously (else they would be
        # flushed under the member's id after their rows were deleted).
        self._forgetting.add(user_id)
        try:
            await self.flush()
            return await repository.delete_activity_of_user(self._db, user_id)
        finally:
            self._forgetting.discard(user_id)
