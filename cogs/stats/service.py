"""The statistics' ingestion: counters on the message path, batched flushes, sentiment off the loop.

``message`` and ``reaction`` are a dictionary increment each (plus, for messages with text, an
append to a bounded queue); nothing waits for the database. A background task flushes the buffer
in one transaction every ``flush_every`` seconds and on stop, so a crash loses at most one flush
interval of counts and never leaves a half-written batch (the transaction rolls back). Another
task scores a sample of the texts every ``sentiment_every`` seconds in a worker thread, in one
batch, and adds the polarities to the buffer. The sample is a uniform reservoir of at most
``sample_size`` texts per interval: a quiet server has every message scored, a busy one a fair
random sample, each scored text weighted by how many messages of its interval it stands for (so
the mean polarity per channel and day stays unbiased), and the scoring, which
holds Python's interpreter lock while it runs, stays a small, bounded share of the process.
Queued texts are cut to the ``MAX_CHARS`` the scorer reads, so the queue never holds more of a
message than needed.

Members who opted out of per-member statistics (``anonymous``, or an opt-out kept after a forget
in ``kept``) and members being forgotten right now (``forgetting``) are counted as user 0.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from bot import loops
from bot.database import Database
from bot.timeutil import Clock
from cogs.stats import repository
from cogs.stats.counter import ChannelKey, LocalDays, StatsBuffer
from cogs.stats.optout import KeptOptOuts
from cogs.stats.sentiment import MAX_CHARS, score_batch

log = logging.getLogger(__name__)

SENTIMENT_BATCH = 256


class StatsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        zone_of: Callable[[int], ZoneInfo],
        *,
        flush_every: float = 5.0,
        sentiment_every: float = 2.0,
        sample_size: int = 40,
    ) -> None:
        self._db = db
        self._clock = clock
        self.days = LocalDays(zone_of)
        self.buffer = StatsBuffer()
        self.anonymous: set[tuple[int, int]] = set()  # (guild, member) without per-member stats
        self.kept = KeptOptOuts()  # opt-outs kept after a forget, by keyed hash
        self.forgetting: set[int] = set()  # members whose data is being deleted right now
        self._queue: list[tuple[ChannelKey, str]] = []  # the reservoir of this interval
        self._offered = 0  # texts offered to the reservoir in this interval
        self._sample_size = sample_size
        self._random = random.Random()
        self._flush_lock = asyncio.Lock()
        self._loops = (
            loops.every(flush_every, self.flush, what="Flushing statistics"),
            loops.every(sentiment_every, self.score_pending, what="Scoring sentiment"),
        )
        self.scored = 0
        self._rolled: dict[int, str] = {}  # guild -> the day whose earlier days are rolled up

    # --- the message path ---------------------------------------------------------------------

    def is_anonymous(self, guild_id: int, user_id: int) -> bool:
        """Is this member counted as user 0 (no per-member statistics)?"""
        if (guild_id, user_id) in self.anonymous or user_id in self.forgetting:
            return True
        choice = self.kept.get(guild_id, user_id)
        return choice is not None and not choice.member_stats

    def message(self, guild_id: int, channel_id: int, user_id: int, text: str) -> None:
        day = self.days.day(guild_id, self._clock())
        member = 0 if self.is_anonymous(guild_id, user_id) else user_id
        self.buffer.messages[(guild_id, day, channel_id, member)] += 1
        if text:
            # Reservoir sampling: every text of the interval has the same chance to be scored.
            self._offered += 1
            if len(self._queue) < self._sample_size:
                self._queue.append(((guild_id, day, channel_id), text[:MAX_CHARS]))
            else:
                # random() is a C call; randrange a few Python ones (the bias of the float's
                # 53 bits over at most a few million offers is far below one in a billion)
                slot = int(self._random.random() * self._offered)
                if slot < self._sample_size:
                    self._queue[slot] = ((guild_id, day, channel_id), text[:MAX_CHARS])

    def reaction(self, guild_id: int, channel_id: int, user_id: int) -> None:
        day = self.days.day(guild_id, self._clock())
        member = 0 if self.is_anonymous(guild_id, user_id) else user_id
        self.buffer.reactions[(guild_id, day, channel_id, member)] += 1

    def today(self, guild_id: int) -> str:
        return self.days.day(guild_id, self._clock())

    # --- background work ------------------------------------------------------------------------

    async def flush(self) -> int:
        """Write what was counted in one transaction; on failure the counts stay buffered.
        The first flush of a guild's new day rolls up the days before it (active members in
        the 7 and 30 days up to each), once a day, so reports only read the result."""
        async with self._flush_lock:
            batch = self.buffer.take()
            if not batch:
                return 0
            try:
                written = await repository.write_batch(self._db, batch, self._clock())
            except BaseException:
                self.buffer.restore(batch)
                raise
        newest: dict[int, str] = {}
        for guild_id, day in batch.guilds:
            newest[guild_id] = max(day, newest.get(guild_id, day))
        for guild_id, day in newest.items():
            if self._rolled.get(guild_id, "") < day:
                self._rolled[guild_id] = day
                try:
                    await repository.roll_up_active(self._db, guild_id, date.fromisoformat(day))
                except Exception:
                    log.exception("Rolling up the active members of %s failed", guild_id)
        return written

    async def score_pending(self) -> int:
        """Score the sampled texts (worker thread, in batches); returns how many."""
        done = 0
        items_all, self._queue = self._queue, []
        # Each sampled text stands for offered / sampled messages of its interval, so a burst
        # weighs as much as it was long (the mean per channel and day stays unbiased).
        weight = self._offered / len(items_all) if items_all else 1.0
        self._offered = 0
        while items_all:
            items, items_all = items_all[:SENTIMENT_BATCH], items_all[SENTIMENT_BATCH:]
            scores = await asyncio.to_thread(score_batch, [text for _, text in items])
            for (key, _), score in zip(items, scores, strict=True):
                if score is not None:
                    self.buffer.add_sentiment(key, score, weight)
            done += len(items)
        self.scored += done
        return done

    def start(self) -> None:
        for loop in self._loops:
            if not loop.is_running():
                loop.start()

    async def stop(self) -> None:
        for loop in self._loops:
            await loops.halt(loop)
        try:
            await self.score_pending()
        except Exception:
            log.exception("Scoring the last messages failed")
        await self.flush()
