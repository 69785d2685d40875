"""The bot with several shards (``SHARD_COUNT``), in one process or, with PostgreSQL, several.

Everything the bot does is :class:`bot.core.Bot`'s; this adds discord.py's automatic sharding
(one gateway connection per shard) and IDENTIFYs that take turns per bucket with every other
process (:class:`bot.shards.IdentifyGate`, turns reserved in the shared database). Which guilds'
work is this process's is ``Bot.owns``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import discord
from discord.ext import commands

from bot import repository
from bot.config import Settings
from bot.core import Bot
from bot.database import Database
from bot.shards import IdentifyGate

log = logging.getLogger(__name__)


class ShardedBot(Bot, commands.AutoShardedBot):
    def __init__(self, settings: Settings, db: Database, **options: Any) -> None:
        shards = settings.shards
        assert shards is not None, "ShardedBot needs SHARD_COUNT"
        super().__init__(
            settings,
            db,
            # automatic: discord.py asks Discord (GET /gateway/bot) how many, and runs them all
            shard_count=None if shards.automatic else shards.count,
            shard_ids=None if shards.automatic else list(shards.shard_ids),
            **options,
        )
        self.identify_gate = IdentifyGate(reserve=self._reserve_turn)
        self._concurrency_known = False

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Wait for this shard's bucket: at most one IDENTIFY per bucket per 5 s, across every
        process of the cluster (discord.py's own hook only waits 5 s within one process)."""
        if not self._concurrency_known:
            self._concurrency_known = True
            try:
                limits = await self.fetch_session_start_limits()
                self.identify_gate.max_concurrency = max(1, limits.max_concurrency)
            except (discord.HTTPException, KeyError, TypeError, ValueError):
                log.warning("Could not read max_concurrency; identifying one shard at a time")
        await self.identify_gate.wait_turn(shard_id or 0)

    async def _reserve_turn(self, bucket: int, window: float) -> float:
        return await repository.reserve_identify_turn(self.db, bucket, window, time.time())


def make_bot(settings: Settings, db: Database, **options: Any) -> Bot:
    """The bot these settings ask for: sharded with SHARD_COUNT, else one connection."""
    if settings.shards is not None:
        return ShardedBot(settings, db, **options)
    return Bot(settings, db, **options)
