"""Shards: which guilds this process owns, and how its IDENTIFYs take turns with other processes.

Discord sends each guild's events to one shard: ``(guild_id >> 22) % shard_count``; direct
messages go to shard 0. A process runs some shards (``SHARD_IDS``, all by default) and owns the
guilds of those shards: it arms only their jobs, delivers only their posts and decides removals
only for them, so each guild's work happens in exactly one process.

Discord allows ``max_concurrency`` IDENTIFYs per 5 seconds, one per bucket
(``shard_id % max_concurrency``). :class:`IdentifyGate` spaces a bucket's identifies more than
5 s apart, across processes, by turns reserved in the shared database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

# seconds between two identifies of one bucket: Discord's 5, and a margin for the time from
# the turn to the identify leaving the process
IDENTIFY_WINDOW = 5.5
LEADER_LOCK = 0x67656D65696E2000  # held by the one process that runs the work of no guild


class ShardConfigError(ValueError):
    """SHARD_COUNT / SHARD_IDS do not make sense (the text names the setting)."""


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """The shard Discord sends a guild's events to; direct messages (None) go to shard 0."""
    if guild_id is None:
        return 0
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True)
class Ownership:
    """The shards this process runs, out of ``count``; ``ids`` empty means all of them."""

    count: int = 1
    ids: tuple[int, ...] = ()
    automatic: bool = False  # SHARD_COUNT=auto: as many as Discord recommends, all here

    @property
    def shard_ids(self) -> tuple[int, ...]:
        return self.ids or tuple(range(self.count))

    @property
    def partial(self) -> bool:
        """Does another process run the other shards?"""
        return len(self.shard_ids) < self.count

    def owns(self, guild_id: int | None) -> bool:
        return not self.partial or shard_of(guild_id, self.count) in self.shard_ids

    def owned(self, guild_ids: Iterable[int]) -> list[int]:
        return [guild_id for guild_id in guild_ids if self.owns(guild_id)]


def parse(count: str | None, ids: str | None, *, server_database: bool) -> Ownership | None:
    """Read ``SHARD_COUNT`` and ``SHARD_IDS``; None: not sharded (one shard, as Discord gives
    a bot in fewer than 2,500 servers). Raises ShardConfigError."""
    if count is None:
        if ids is not None:
            raise ShardConfigError("SHARD_IDS needs SHARD_COUNT (the total number of shards).")
        return None
    if count.lower() == "auto":
        if ids is not None:
            raise ShardConfigError(
                "SHARD_IDS needs a fixed SHARD_COUNT (with SHARD_COUNT=auto this process runs "
                "every shard Discord recommends)."
            )
        return Ownership(automatic=True)
    try:
        total = int(count)
    except ValueError:
        raise ShardConfigError(
            f"SHARD_COUNT must be a whole number or 'auto', got {count!r}."
        ) from None
    if not 1 <= total <= 4096:
        raise ShardConfigError(f"SHARD_COUNT must be between 1 and 4096, got {total}.")
    if ids is None:
        return Ownership(total)
    try:
        chosen = tuple(sorted({int(part) for part in ids.replace(" ", "").split(",") if part}))
    except ValueError:
        raise ShardConfigError(
            f"SHARD_IDS must list shard numbers separated by commas (e.g. 0,1), got {ids!r}."
        ) from None
    if not chosen or chosen[0] < 0 or chosen[-1] >= total:
        raise ShardConfigError(
            f"SHARD_IDS must name shards from 0 to {total - 1} (SHARD_COUNT={total}), got {ids!r}."
        )
    ownership = Ownership(total, chosen)
    if ownership.partial and not server_database:
        raise ShardConfigError(
            "SHARD_IDS names only some of the shards, so other processes run the rest; they must "
            "share one database, which needs PostgreSQL (DATABASE_URL). With SQLite, leave "
            "SHARD_IDS empty: this process then runs all SHARD_COUNT shards."
        )
    return ownership


Reserve = Callable[[int, float], Awaitable[float]]
"""(bucket, window) -> seconds to wait: the next free turn of the bucket, reserved atomically
for the caller (at least ``window`` after the turn before it, whoever reserved that)."""


class IdentifyGate:
    """One IDENTIFY per bucket per window, across every process: each identify reserves the
    next turn of its bucket in the shared database (``reserve``) and waits for it. A turn stays
    reserved if its process dies, so a process restarted at once still waits its turn (a lock
    held for the window would have died with the process)."""

    def __init__(
        self,
        max_concurrency: int = 1,
        *,
        reserve: Reserve | None = None,
        window: float = IDENTIFY_WINDOW,
    ) -> None:
        self.max_concurrency = max(1, max_concurrency)
        self._reserve = reserve or self._reserve_here
        self.window = window
        self._turns: dict[int, float] = {}  # without a database: this process's turns

    def bucket(self, shard_id: int) -> int:
        return shard_id % self.max_concurrency

    async def wait_turn(self, shard_id: int) -> None:
        """Return when ``shard_id`` may IDENTIFY."""
        delay = await self._reserve(self.bucket(shard_id), self.window)
        if delay > 0:
            await asyncio.sleep(delay)

    async def _reserve_here(self, bucket: int, window: float) -> float:
        now = time.time()
        turn = max(now, self._turns.get(bucket, now - window) + window)
        self._turns[bucket] = turn
        return turn - now
