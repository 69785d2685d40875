"""The weekly report on a large statistics table, and clicks while reports run.

Run: .venv/bin/python -m bench.reportload [days] [runs] [--database-url URL]

A server of 10,000 members with ``days`` of history (default two years: about 27,000 messages
a day counted per member, channel and day, some 10 million rows in
``stats_member_channel_daily``), generated straight into the bot's schema: the last four weeks
day by day (``bench.stats.generate_year``), the earlier days as copies of them, shifted (in SQL,
so ten million rows take seconds, not minutes). Then, in the same run:

1. The weekly report (``cogs.stats.repository.report_data``: totals, active members, channels,
   top contributors with privacy applied, invites, retention, moderation, sparklines; read on
   the read-only connection) against a raw-SQL rollup of the same week straight from the raw
   table (messages, reactions and distinct members per channel, one ``GROUP BY``). Median of
   ``runs`` each; the ratio is the report's time over the raw query's.
2. Clicks: a write transaction each (what a button's grouped write costs: a savepoint, an insert,
   the commit), one every 5 ms for 3 s, through the bot's ``Database``; latency from the click to
   its commit. Measured with nothing else running, then while reports run back to back on the
   read-only connection (as the bot reads them), then, for comparison, while the same reads run
   on the writer's connection (as they did before reports had their own): p50 and p99 of each.

With ``--database-url postgresql://...`` the same rows also go into a fresh database on that
PostgreSQL server, and both backends are measured in turns (:mod:`bench.reportload_pg`).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.stats import GUILD, MEMBERS, MESSAGES_PER_DAY, ZONE, generate_year
from bot.database import Database
from bot.db_open import open_database
from cogs.stats import repository
from cogs.stats.periods import last_complete

END = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 8, tzinfo=UTC)
PERIOD = last_complete("weekly", END)
RAW_ROLLUP = (
    "SELECT channel_id, sum(messages), sum(reactions), count(DISTINCT user_id) "
    "FROM stats_member_channel_daily WHERE guild_id = ? AND day >= ? AND day < ? "
    "GROUP BY channel_id"
)


GENERATED = 28  # days generated one by one; the rest are copies of them
COPIED = (
    "stats_member_channel_daily",
    "stats_member_daily",
    "stats_channel_daily",
    "stats_guild_daily",
)


def generate(path: Path, days: int) -> int:
    """``days`` of history up to ``END``; rows in the raw table."""
    generate_year(path, min(days, GENERATED))
    conn = sqlite3.connect(path)
    # A scratch file: no journal, a cache that holds the indexes (the bot's own settings return
    # when open_database opens it).
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    first = (END - timedelta(days=min(days, GENERATED))).isoformat()
    with conn:
        for table in COPIED:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            shifted = ", ".join("date(day, ?)" if c == "day" else c for c in columns)
            for back in range(GENERATED, days, GENERATED):
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) SELECT {shifted} FROM {table} "
                    "WHERE day >= ? AND date(day, ?) >= ?",
                    (
                        f"-{back} days",
                        first,
                        f"-{back} days",
                        (END - timedelta(days=days)).isoformat(),
                    ),
                )
    conn.execute("ANALYZE")
    (rows,) = conn.execute("SELECT count(*) FROM stats_member_channel_daily").fetchone()
    conn.close()
    return int(rows)


async def report(db: Database) -> None:
    await repository.report_data(db, GUILD, PERIOD, ZONE, "opt_out", now=NOW)


async def timed_runs(action: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        await action()
        times.append(time.perf_counter() - began)
    return times


async def clicks(db: Database, seconds: float = 3.0, every: float = 0.005) -> list[float]:
    """Latency (s) of one small write transaction per ``every`` seconds, each awaited on its own
    task as a button's write is."""
    latencies: list[float] = []

    async def click(n: int) -> None:
        began = time.perf_counter()
        async with db.transaction() as tx:
            await tx.execute("SAVEPOINT unit0")
            await tx.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (f"click{n % 50}", "x"),
            )
            await tx.execute("RELEASE unit0")
        latencies.append(time.perf_counter() - began)

    tasks = []
    stop = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < stop:
        tasks.append(asyncio.create_task(click(n)))
        n += 1
        await asyncio.sleep(every)
    await asyncio.gather(*tasks)
    return latencies


async def while_reading(db: Database, read: Callable[[], Awaitable[object]]) -> list[float]:
    done = asyncio.Event()

    async def reports() -> int:
        count = 0
        while not done.is_set():
            await read()
            count += 1
        return count

    reader = asyncio.create_task(reports())
    await asyncio.sleep(0.05)  # a report is under way when the clicks start
    latencies = await clicks(db)
    done.set()
    await reader
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(name: str, latencies: list[float]) -> str:
    p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
    return f"  {name:44s} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  ({len(latencies)} clicks)"


async def main(days: int, runs: int, server: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite3"
        await (await open_database(path)).close()
        began = time.perf_counter()
        raw_rows = await asyncio.to_thread(generate, path, days)
        print(
            f"generated {days} days for {MEMBERS:,} members, {MESSAGES_PER_DAY:,} messages/day: "
            f"{raw_rows:,} rows in stats_member_channel_daily ({time.perf_counter() - began:.0f} s)"
        )
        if server:
            from bench.reportload_pg import compare

            await compare(path, days, runs, server)
            return
        db = await open_database(path)
        try:
            await repository.roll_up_active(db, GUILD, END - timedelta(days=1))
            params = (GUILD, PERIOD.start.isoformat(), PERIOD.end.isoformat())
            report_times = await timed_runs(lambda: report(db), runs)
            raw_times = await timed_runs(lambda: db.read_all(RAW_ROLLUP, params), runs)
            ratios = [r / q for r, q in zip(report_times, raw_times, strict=True)]
            print(
                f"weekly report: {statistics.median(report_times) * 1000:.1f} ms; raw-SQL rollup of "
                f"the same week from the raw table: {statistics.median(raw_times) * 1000:.1f} ms; "
                f"ratio {statistics.median(ratios):.2f}x (min {min(ratios):.2f}, max "
                f"{max(ratios):.2f}; median of {runs})"
            )
            idle = await clicks(db)
            reading = await while_reading(db, lambda: report(db))
            on_writer = await while_reading(db, lambda: db.fetchall(RAW_ROLLUP, params))
            print("clicks (a small write transaction every 5 ms for 3 s):")
            print(summary("nothing else running", idle))
            print(summary("reports back to back (read-only connection)", reading))
            print(summary("the same reads on the writer's connection", on_writer))
            print(
                f"  p99 during reports vs without: "
                f"{percentile(reading, 0.99) / percentile(idle, 0.99):.2f}x (goal <= 2x)"
            )
        finally:
            await db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("days", nargs="?", type=int, default=730)
    parser.add_argument("runs", nargs="?", type=int, default=10)
    parser.add_argument("--database-url", help="also measure on this PostgreSQL server")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.days, arguments.runs, arguments.database_url))
