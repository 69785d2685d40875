"""Sentiment is scored on a bounded, uniform sample per interval: a quiet server has every text
scored, a busy one at most ``sample_size`` texts per interval, each with the same chance."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.database import Database
from cogs.stats.service import StatsService

NOW = datetime(2026, 5, 4, 12, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


async def test_a_quiet_interval_scores_every_text(db: Database):
    service = StatsService(db, lambda: NOW, lambda _g: BERLIN, sample_size=40)
    for n in range(10):
        service.message(1, 2, 3, f"This is great number {n}")
    assert await service.score_pending() == 10
    assert await service.score_pending() == 0  # the next interval starts empty


async def test_a_busy_interval_scores_a_bounded_uniform_sample(db: Database):
    service = StatsService(db, lambda: NOW, lambda _g: BERLIN, sample_size=40)
    service._random.seed(7)
    picked: Counter[int] = Counter()
    for _ in range(200):
        for channel in range(1, 1001):  # 1,000 texts, the first half in channel 1..500
            service.message(1, channel, 3, "ok")
        assert len(service._queue) == 40
        picked.update(key[2] for key, _ in service._queue)
        service._queue, service._offered = [], 0
    first_half = sum(count for channel, count in picked.items() if channel <= 500)
    assert 0.45 < first_half / (200 * 40) < 0.55  # no bias towards the end of the interval


async def test_a_burst_weighs_as_much_as_it_was_long(db: Database):
    """1,000 angry messages in one interval and 100 friendly ones in quiet intervals: the mean
    stays negative, as the messages were (an unweighted sample would turn it positive)."""
    service = StatsService(db, lambda: NOW, lambda _g: BERLIN, sample_size=40)
    for _ in range(1000):
        service.message(1, 2, 3, "This is terrible, awful and the worst")
    await service.score_pending()
    for _ in range(10):
        for _ in range(10):
            service.message(1, 2, 3, "This is great, wonderful and the best")
        await service.score_pending()
    ((total, weight, negative),) = list(service.buffer.sentiment.values())
    assert weight == 1100
    assert total / weight < -0.3
    assert negative == 1000  # the share of negative messages is weighted the same way
