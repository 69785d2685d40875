"""The message path's counters: exact rollups, local days that change at the guild's midnight."""

from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from cogs.stats.counter import LocalDays, StatsBuffer, build_batch

G, C1, C2, A, B = 1, 10, 11, 100, 200


def test_a_batch_rolls_raw_counts_up_per_member_channel_and_guild():
    buffer = StatsBuffer()
    for key, n in {(G, "d", C1, A): 3, (G, "d", C2, A): 2, (G, "d", C1, B): 1}.items():
        buffer.messages[key] += n
    buffer.reactions[(G, "d", C1, B)] += 4
    buffer.add_sentiment((G, "d", C1), 0.5)
    buffer.add_sentiment((G, "d", C1), -0.25)  # negative: counted as such
    batch = buffer.take()
    assert len(buffer) == 0
    assert batch.raw == {(G, "d", C1, A): (3, 0), (G, "d", C2, A): (2, 0), (G, "d", C1, B): (1, 4)}
    assert batch.members == {(G, "d", A): (5, 0), (G, "d", B): (1, 4)}
    assert batch.channels == {
        (G, "d", C1): (4, 4, 0.25, 2, 1.0),
        (G, "d", C2): (2, 0, 0.0, 0, 0.0),
    }
    assert batch.guilds == {(G, "d"): (6, 4)}
    assert batch.rows == 3 + 2 + 2 + 1


def test_a_failed_flush_puts_every_count_back():
    buffer = StatsBuffer()
    buffer.messages[(G, "d", C1, A)] += 2
    buffer.add_sentiment((G, "d", C1), 0.5)
    buffer.add_sentiment((G, "d", C1), -0.5, weight=2.0)
    batch = buffer.take()
    buffer.messages[(G, "d", C1, A)] += 1  # counted meanwhile
    buffer.restore(batch)
    again = buffer.take()
    assert again.raw == {(G, "d", C1, A): (3, 0)}
    assert again.channels[(G, "d", C1)][2:] == (-0.5, 3, 2.0)


def test_sentiment_alone_makes_a_channel_and_guild_row():
    batch = build_batch(Counter(), Counter(), {(G, "d", C1): [0.5, 1.0, 0.0]})
    assert batch.channels == {(G, "d", C1): (0, 0, 0.5, 1, 0.0)}
    assert batch.guilds == {(G, "d"): (0, 0)}


def test_local_day_switches_at_the_guilds_midnight():
    days = LocalDays(lambda _g: ZoneInfo("Europe/Berlin"))
    assert days.day(G, datetime(2026, 3, 28, 22, 59, tzinfo=UTC)) == "2026-03-28"
    assert days.day(G, datetime(2026, 3, 28, 23, 0, tzinfo=UTC)) == "2026-03-29"  # CET midnight
    assert days.day(G, datetime(2026, 3, 29, 21, 59, tzinfo=UTC)) == "2026-03-29"
    assert days.day(G, datetime(2026, 3, 29, 22, 0, tzinfo=UTC)) == "2026-03-30"  # CEST midnight
