"""Discord's sharding: which shard owns a guild or an event, IDENTIFY's ``shard`` check, the
identify limit per bucket (``max_concurrency``), and guild ids that land on a chosen shard.

A guild belongs to shard ``(guild_id >> 22) % shard_count``; events without a guild (DMs,
interactions in DMs) go to shard 0. Identifies are limited to one per ``identify_window`` per
bucket ``shard_id % max_concurrency``; one beyond that gets op 9 INVALID_SESSION (d: false)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .interactions import poll_until
from .state import Json, SnowflakeGen, World

if TYPE_CHECKING:
    from .gateway import Gateway

#: events whose guild is the payload's "id" (the others name it in "guild_id")
GUILD_ID_EVENTS = frozenset({"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"})


class ShardRefused(Exception):
    """IDENTIFY's shard is not acceptable: the gateway closes with ``code``."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> 22) % max(1, shard_count)


def event_guild_id(event: str, data: Json) -> int | None:
    """The guild an event is routed by (None: no guild, shard 0)."""
    if not isinstance(data, dict):
        return None
    raw = data.get("id") if event in GUILD_ID_EVENTS else data.get("guild_id")
    return None if raw is None else int(raw)


def parse_shard(raw: Any, required_count: int) -> tuple[int, int]:
    """IDENTIFY's ``shard`` as (shard_id, shard_count); absent means [0, 1]. ``required_count``
    is the fake's shard count: above 1, the bot must shard and with exactly that count."""
    if raw is None:
        if required_count > 1:
            raise ShardRefused(4011, "Sharding required.")
        return 0, 1
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
    ):
        raise ShardRefused(4010, "Invalid shard.")
    shard_id, shard_count = raw
    if shard_count < 1 or not 0 <= shard_id < shard_count:
        raise ShardRefused(4010, "Invalid shard.")
    if required_count > 1 and shard_count != required_count:
        raise ShardRefused(4010, "Invalid shard.")
    return shard_id, shard_count


def identify_wait(
    identifies: Iterable[tuple[int, float]],
    shard_id: int,
    now: float,
    *,
    max_concurrency: int,
    window: float,
) -> float:
    """Seconds until ``shard_id`` may identify, given the accepted identifies (shard, time)."""
    concurrency = max(1, max_concurrency)
    bucket = shard_id % concurrency
    last = [t for sid, t in identifies if sid % concurrency == bucket]
    if not last:
        return 0.0
    return max(0.0, max(last) + window - now)


def snowflake_on_shard(gen: SnowflakeGen, shard_id: int, shard_count: int) -> int:
    """A fresh snowflake whose ``(id >> 22) % shard_count`` is ``shard_id`` (its timestamp is
    at most ``shard_count - 1`` ms ahead; later snowflakes stay larger)."""
    if not 0 <= shard_id < shard_count:
        raise ValueError(f"shard {shard_id} is not in 0..{shard_count - 1}")
    base = gen()
    ms = base >> 22
    ms += (shard_id - ms) % shard_count
    value = (ms << 22) | (base & ((1 << 22) - 1))
    gen.advance_to(value)
    return value


class ShardingActions:
    """FakeDiscord's sharding settings and helpers (mixed into FakeDiscord)."""

    gateway: Gateway
    world: World
    #: shards the bot must use (GET /gateway/bot; above 1, IDENTIFY must carry it)
    shard_count: int
    #: identify buckets: ``shard_id % max_concurrency`` (GET /gateway/bot)
    max_concurrency: int
    #: seconds between two identifies in one bucket (Discord: 5)
    identify_window: float
    #: None: the identify limit applies when the fake is sharded (shard_count > 1); a bool
    #: enforces it, or not, whatever the shard count
    enforce_identify_window: bool | None
    #: accepted identifies: (shard_id, time.monotonic())
    identifies: list[tuple[int, float]]
    #: identifies refused with op 9 because their bucket identified within the window
    identify_refusals: int

    def _init_sharding(
        self, shard_count: int, max_concurrency: int, identify_window: float
    ) -> None:
        if shard_count < 1 or max_concurrency < 1:
            raise ValueError("shard_count and max_concurrency must be at least 1")
        self.shard_count = shard_count
        self.max_concurrency = max_concurrency
        self.identify_window = identify_window
        self.enforce_identify_window = None
        self.identifies = []
        self.identify_refusals = 0

    @property
    def identify_limited(self) -> bool:
        if self.enforce_identify_window is not None:
            return self.enforce_identify_window
        return self.shard_count > 1

    def guild_shard(self, guild_id: int) -> int:
        """The shard that owns ``guild_id`` under the fake's shard count."""
        return shard_of(guild_id, self.shard_count)

    def guild_id_on_shard(self, shard_id: int, shard_count: int | None = None) -> int:
        """A new snowflake for a guild owned by ``shard_id`` (of the fake's shard count, or of
        ``shard_count``); ``create_guild(..., shard=...)`` uses it."""
        count = self.shard_count if shard_count is None else shard_count
        return snowflake_on_shard(self.world.snowflake, shard_id, count)

    def shard_connected(self, shard_id: int) -> bool:
        return self.gateway.active_on(shard_id) is not None

    @property
    def connected_shards(self) -> set[int]:
        return {sid for sid in list(self.gateway.sessions) if self.shard_connected(sid)}

    async def wait_until_shards_connected(
        self, shard_ids: Iterable[int], timeout: float = 10
    ) -> None:
        wanted = set(shard_ids)
        await poll_until(
            lambda: wanted <= self.connected_shards, timeout, f"shards {sorted(wanted)}"
        )
