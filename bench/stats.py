"""Statistics: ingestion rate, weekly report time on a big server, chart render time.

Run: .venv/bin/python -m bench.stats [days]

1. Counting on the message path (µs per message) and ingestion: flushes of the in-memory buffer
   (raw counts per member, channel and day plus the daily rollups per member, channel and guild),
   one transaction per flush, through the bot's own Database. Printed as rows written per second.
2. A weekly report card (this week against the one before: totals, active members, the share of
   negative messages, channels, top contributors with privacy applied, invite sources, two
   retention cohorts, moderation health, the previous week's days, the eight weeks of the
   sparklines, the open work, and the highlights and verdict) for a server of 10,000 members
   with a year of history, about 27,000 messages a day, generated into a temporary database.
   Median of 20 runs. The active members per 7 and 30 days are rolled up once a day at flush
   time; that roll-up is timed on its own (one day, and the 30 days a first start fills in).
3. The report chart (7 and 90 days): the plot spec and the drawing, in a worker thread. Median
   of 5 runs.
Figures are from one run on a shared machine; budgets: >= 100,000 rows/s, report <= 50 ms,
chart < 1 s.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.database import Database
from bot.db_open import open_database
from bot.i18n import I18n
from cogs.stats import chart, repository, strings
from cogs.stats.card import verdict
from cogs.stats.counter import Batch, StatsBuffer
from cogs.stats.embeds import chart_spec
from cogs.stats.highlights import highlights
from cogs.stats.periods import Period, last_complete
from cogs.stats.service import StatsService

ZONE = ZoneInfo("Europe/Berlin")
GUILD = 1_100_000_000_000_000_000
MEMBERS = 10_000
CHANNELS = 40
MESSAGES_PER_DAY = 27_000


def member_id(n: int) -> int:
    return GUILD + 10_000 + n


def channel_id(n: int) -> int:
    return GUILD + 1_000 + n


async def bench_counting(db: Database, messages: int = 200_000) -> float:
    service = StatsService(db, lambda: datetime.now(UTC), lambda _g: ZONE)
    rng = random.Random(1)
    events = [
        (GUILD, channel_id(rng.randrange(CHANNELS)), member_id(rng.randrange(MEMBERS)))
        for _ in range(messages)
    ]
    began = time.perf_counter()
    for guild, channel, user in events:
        service.message(guild, channel, user, "")
    elapsed = time.perf_counter() - began
    service.buffer.take()
    return elapsed / messages * 1e6


def raw_insert_rate(path: Path, batches: list[Batch]) -> float:
    """The floor: the same rows with plain ``sqlite3`` ``executemany`` INSERTs (no upsert, no
    event loop), one transaction per flush, the bot's journal settings; rows per second."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "secure_delete=ON"):
        conn.execute(f"PRAGMA {pragma}")
    rows, elapsed = 0, 0.0
    for batch in batches:
        began = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO stats_member_channel_daily (guild_id, day, channel_id, user_id, "
            "messages, reactions) VALUES (?, ?, ?, ?, ?, ?)",
            [(*key, m, r) for key, (m, r) in sorted(batch.raw.items())],
        )
        conn.executemany(
            "INSERT INTO stats_member_daily (guild_id, day, user_id, messages, reactions) "
            "VALUES (?, ?, ?, ?, ?)",
            [(*key, m, r) for key, (m, r) in sorted(batch.members.items())],
        )
        conn.executemany(
            "INSERT INTO stats_channel_daily (guild_id, day, channel_id, messages, reactions, "
            "sentiment_sum, sentiment_n, sentiment_neg) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*key, *value) for key, value in batch.channels.items()],
        )
        conn.executemany(
            "INSERT INTO stats_guild_daily (guild_id, day, messages, reactions, joins, leaves) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(*key, m, r, 0, 0) for key, (m, r) in batch.guilds.items()],
        )
        conn.execute("COMMIT")
        elapsed += time.perf_counter() - began
        rows += batch.rows
    conn.close()
    return rows / elapsed


async def bench_ingestion(
    db: Database, flushes: int = 20, keys: int = 10_000, batches: list[Batch] | None = None
) -> tuple[float, int]:
    """Rows written per second: each flush has ``keys`` distinct (guild, day, channel, member).
    The flushed batches are appended to ``batches`` for the raw floor."""
    rng = random.Random(2)
    buffer = StatsBuffer()
    total_rows, total_time = 0, 0.0
    now = datetime.now(UTC)
    for flush in range(flushes):
        day = (date(2026, 1, 1) + timedelta(days=flush)).isoformat()
        for _ in range(keys):
            guild = GUILD + rng.randrange(20)
            key = (guild, day, channel_id(rng.randrange(50)), member_id(rng.randrange(MEMBERS)))
            buffer.messages[key] += rng.randint(1, 5)
            if rng.random() < 0.3:
                buffer.reactions[key] += 1
        for channel in range(50):
            buffer.add_sentiment((GUILD, day, channel_id(channel)), rng.uniform(-1, 1))
        began = time.perf_counter()
        batch = buffer.take()
        total_rows += await repository.write_batch(db, batch, now)
        total_time += time.perf_counter() - began
        if batches is not None:
            batches.append(batch)
    return total_rows / total_time, total_rows // flushes


def generate_year(path: Path, days: int) -> int:
    """A server's history straight into SQLite (the schema is the bot's, made by open_database)."""
    rng = random.Random(3)
    weights = [1 / (n + 1) ** 0.9 for n in range(MEMBERS)]  # a few very active members
    end = date(2026, 11, 30)
    start = end - timedelta(days=days)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.execute(
        "INSERT OR IGNORE INTO guilds (guild_id, joined_at) VALUES (?, ?)",
        (GUILD, "2025-01-01T00:00:00+00:00"),
    )
    rows = 0
    join_id = 0
    for offset in range(days):
        day = (start + timedelta(days=offset)).isoformat()
        authors = rng.choices(range(MEMBERS), weights=weights, k=MESSAGES_PER_DAY)
        raw: dict[tuple[int, int], int] = {}
        for author in authors:
            key = (rng.randrange(CHANNELS) if rng.random() < 0.5 else author % CHANNELS, author)
            raw[key] = raw.get(key, 0) + 1
        per_member: dict[int, int] = {}
        per_channel: dict[int, int] = {}
        for (channel, author), n in raw.items():
            per_member[author] = per_member.get(author, 0) + n
            per_channel[channel] = per_channel.get(channel, 0) + n
        conn.executemany(
            "INSERT INTO stats_member_channel_daily VALUES (?, ?, ?, ?, ?, ?)",
            [
                (GUILD, day, channel_id(c), member_id(a), n, n // 3)
                for (c, a), n in sorted(raw.items())
            ],
        )
        conn.executemany(
            "INSERT INTO stats_member_daily VALUES (?, ?, ?, ?, ?)",
            [(GUILD, day, member_id(a), n, n // 3) for a, n in sorted(per_member.items())],
        )
        conn.executemany(
            "INSERT INTO stats_channel_daily VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    GUILD,
                    day,
                    channel_id(c),
                    n,
                    n // 3,
                    rng.uniform(-0.1, 0.3) * n / 2,
                    n // 2,
                    n // 2 * rng.uniform(0.03, 0.12),
                )
                for c, n in per_channel.items()
            ],
        )
        joins, leaves = rng.randint(10, 50), rng.randint(5, 30)
        conn.execute(
            "INSERT INTO stats_guild_daily VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
            (GUILD, day, MESSAGES_PER_DAY, MESSAGES_PER_DAY // 3, joins, leaves),
        )
        for _ in range(joins):
            join_id += 1
            code = rng.choice(["spring", "partner", "website", ""])
            conn.execute(
                "INSERT INTO stats_joins (guild_id, user_id, day, joined_at, invite_code, inviter_id, left_at) VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                (
                    GUILD,
                    member_id(rng.randrange(MEMBERS)),
                    day,
                    day + "T12:00:00+00:00",
                    code or None,
                ),
            )
            conn.execute(
                "INSERT INTO stats_invite_daily VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET joins = joins + 1",
                (GUILD, day, code),
            )
        for number in range(rng.randint(3, 15)):
            conn.execute(
                "INSERT INTO cases (guild_id, number, user_id, moderator_id, action, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    GUILD,
                    offset * 100 + number,
                    member_id(rng.randrange(MEMBERS)),
                    rng.choice([0, 0, 1]),
                    rng.choice(["delete", "warn", "timeout"]),
                    "x",
                    day + "T10:00:00+00:00",
                ),
            )
        rows += len(raw) + len(per_member) + len(per_channel) + 1
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return rows


async def bench_rollup(db: Database) -> tuple[float, float]:
    """The roll-up of active members per 7 and 30 days: the 30 days a first start fills in, then
    the one day a day's first flush adds (ms)."""
    end = date(2026, 11, 30)
    began = time.perf_counter()
    await repository.roll_up_active(db, GUILD, end - timedelta(days=1))
    backfill = time.perf_counter() - began
    began = time.perf_counter()
    await repository.roll_up_active(db, GUILD, end)
    return backfill * 1000, (time.perf_counter() - began) * 1000


async def bench_report(db: Database, runs: int = 20) -> tuple[float, list[str]]:
    period = last_complete("weekly", date(2026, 11, 30))
    now = datetime(2026, 11, 30, 8, tzinfo=UTC)
    times = []
    data = None
    for _ in range(runs):
        began = time.perf_counter()
        data = await repository.report_data(db, GUILD, period, ZONE, "opt_out", now=now)
        found = highlights(data)
        verdict(data)
        times.append(time.perf_counter() - began)
    assert data is not None
    return statistics.median(times) * 1000, [h.key for h in found]


async def bench_chart(db: Database, runs: int = 5) -> tuple[float, float, float]:
    end = date(2026, 11, 30)
    week = last_complete("weekly", end)
    quarter = Period("daily", end - timedelta(days=90), end)
    before = Period("daily", end - timedelta(days=180), quarter.start)
    now = datetime(2026, 11, 30, 8, tzinfo=UTC)
    data = await repository.report_data(db, GUILD, week, ZONE, "opt_out", now=now)
    rows_quarter = await repository.daily_rows(db, GUILD, quarter)
    before_quarter = await repository.daily_rows(db, GUILD, before)
    i18n = I18n()
    i18n.add_feature(strings)

    def week_chart() -> bytes:
        return chart.render(chart_spec(data, data.days, data.previous_days, "de", i18n))

    def quarter_chart() -> bytes:
        return chart.render(chart_spec(data, rows_quarter, before_quarter, "de", i18n))

    began = time.perf_counter()
    await asyncio.to_thread(week_chart)
    first = time.perf_counter() - began
    weekly, quarterly = [], []
    for _ in range(runs):
        began = time.perf_counter()
        await asyncio.to_thread(week_chart)
        weekly.append(time.perf_counter() - began)
        began = time.perf_counter()
        await asyncio.to_thread(quarter_chart)
        quarterly.append(time.perf_counter() - began)
    return first * 1000, statistics.median(weekly) * 1000, statistics.median(quarterly) * 1000


async def main(days: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = await open_database(folder / "ingest.sqlite3")
        batches: list[Batch] = []
        try:
            per_message = await bench_counting(db)
            rate, per_flush = await bench_ingestion(db, batches=batches)
        finally:
            await db.close()
        floor = folder / "floor.sqlite3"
        await (await open_database(floor)).close()  # the same schema, empty
        raw_rate = raw_insert_rate(floor, batches)
        print(f"counting on the message path: {per_message:.2f} µs per message")
        print(
            f"ingestion: {rate:,.0f} rows/s (raw + daily rollups, {per_flush:,} rows per flush, one transaction each)"
        )
        print(
            f"  plain sqlite3 executemany of the same rows: {raw_rate:,.0f} rows/s; "
            f"the bot reaches {rate / raw_rate:.2f}x of it (goal >= 0.45x)"
        )

        path = folder / "year.sqlite3"
        db = await open_database(path)
        await db.close()
        began = time.perf_counter()
        rows = await asyncio.to_thread(generate_year, path, days)
        print(
            f"generated {days} days for {MEMBERS:,} members, {MESSAGES_PER_DAY:,} messages/day: {rows:,} rows in {time.perf_counter() - began:.1f} s"
        )
        db = await open_database(path)
        try:
            backfill_ms, day_ms = await bench_rollup(db)
            report_ms, keys = await bench_report(db)
            first, weekly, quarterly = await bench_chart(db)
        finally:
            await db.close()
        print(
            f"roll-up of active members per 7 and 30 days: {day_ms:.0f} ms for one day (once a day, at the day's first flush), {backfill_ms:.0f} ms for the 30 days a first start fills in"
        )
        print(
            f"weekly report card (figures, sparklines, open work, highlights, verdict): {report_ms:.1f} ms (median of 20); highlights: {', '.join(keys)}"
        )
        print(
            f"chart (plot spec + drawing, worker thread): {weekly:.0f} ms for 7 days, {quarterly:.0f} ms for 90 days (first render incl. matplotlib import {first:.0f} ms)"
        )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 365))
