"""The weekly report and clicks during reports on PostgreSQL beside SQLite (``bench.reportload
--database-url URL``).

The same rows as the SQLite file: its four generated weeks are copied into a fresh database on
the PostgreSQL server (``COPY``, through asyncpg's ``copy_records_to_table``), and the earlier
days are made there as in SQLite, as copies of those weeks with shifted days, in SQL
(``INSERT ... SELECT``). Then ``VACUUM ANALYZE`` (what autovacuum does to a table this size
soon after loading; the SQLite file gets ``ANALYZE``). The database is dropped at the end.

The two backends are then measured in turns, alternating which goes first: the weekly report
and the raw-SQL rollup (``runs`` each), and ``ROUNDS`` rounds of clicks (nothing else running,
reports on the read-only connection, the same reads on the writer's connection). Printed: each
backend's medians with their range, and PostgreSQL over SQLite.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import asyncpg

from bench.pgserver import create_database, drop_database
from bench.reportload import (
    COPIED,
    END,
    GENERATED,
    GUILD,
    PERIOD,
    RAW_ROLLUP,
    clicks,
    percentile,
    report,
    while_reading,
)
from bot.database import Database
from bot.db_open import open_database
from cogs.stats import repository

# Every table bench.stats.generate_year writes; the COPIED ones also get the earlier days.
TABLES = ("guilds", *COPIED, "stats_joins", "stats_invite_daily", "cases")
ROUNDS = 3


async def generate_postgres(url: str, path: Path, days: int) -> int:
    """The generated weeks of the SQLite file at ``path`` into ``url``, the earlier days as
    shifted copies; rows in the raw table."""
    first = (END - timedelta(days=min(days, GENERATED))).isoformat()
    oldest = (END - timedelta(days=days)).isoformat()
    lite = sqlite3.connect(path)
    conn = await asyncpg.connect(url)
    try:
        for table in TABLES:
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            where = " WHERE day >= ?" if table in COPIED else ""
            rows = lite.execute(
                f"SELECT {', '.join(columns)} FROM {table}{where}", (first,) if where else ()
            ).fetchall()
            await conn.copy_records_to_table(table, records=rows, columns=columns)
        for table in COPIED:
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            shifted = ", ".join(
                "to_char(day::date - $1::int, 'YYYY-MM-DD')" if c == "day" else c for c in columns
            )
            for back in range(GENERATED, days, GENERATED):
                await conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) SELECT {shifted} FROM {table} "
                    "WHERE day >= $2 AND to_char(day::date - $1::int, 'YYYY-MM-DD') >= $3",
                    back,
                    first,
                    oldest,
                )
        await conn.execute("VACUUM ANALYZE")
        return int(await conn.fetchval("SELECT count(*) FROM stats_member_channel_daily"))
    finally:
        await conn.close()
        lite.close()


def span(values: list[float], scale: float = 1.0, unit: str = "") -> str:
    values = [v * scale for v in values]
    return f"{statistics.median(values):.2f}{unit} (min {min(values):.2f}, max {max(values):.2f})"


def ratio(pg: list[float], lite: list[float]) -> str:
    return span([p / s for p, s in zip(pg, lite, strict=True)], unit="x")


async def compare(path: Path, days: int, runs: int, server: str) -> None:
    """``path``: the generated SQLite file; ``server``: where the PostgreSQL copy goes."""
    url = await create_database(server, "reportload")
    try:
        await (await open_database(url)).close()
        began = time.perf_counter()
        rows = await generate_postgres(url, path, days)
        lite_db = await open_database(path)
        pg_db = await open_database(url)
        size = await pg_db.read_one(
            "SELECT pg_total_relation_size('stats_member_channel_daily'), "
            "pg_database_size(current_database())"
        )
        assert size is not None
        print(
            f"PostgreSQL: {rows:,} rows in stats_member_channel_daily "
            f"({time.perf_counter() - began:.0f} s to load; table with indexes "
            f"{size[0] / 2**20:,.0f} MiB, database {size[1] / 2**20:,.0f} MiB; SQLite file "
            f"{path.stat().st_size / 2**20:,.0f} MiB)"
        )
        try:
            await measure({"SQLite": lite_db, "PostgreSQL": pg_db}, runs)
        finally:
            await lite_db.close()
            await pg_db.close()
    finally:
        await drop_database(url)


async def measure(dbs: dict[str, Database], runs: int) -> None:
    params = (GUILD, PERIOD.start.isoformat(), PERIOD.end.isoformat())
    for db in dbs.values():
        await repository.roll_up_active(db, GUILD, END - timedelta(days=1))
    names = list(dbs)
    times: dict[tuple[str, str], list[float]] = {}

    async def timed(name: str, what: str, action: Callable[[], Awaitable[object]]) -> None:
        began = time.perf_counter()
        await action()
        times.setdefault((name, what), []).append(time.perf_counter() - began)

    for n in range(runs):  # in turns, alternating who goes first
        for name in names if n % 2 == 0 else names[::-1]:
            db = dbs[name]
            await timed(name, "report", lambda db=db: report(db))
            await timed(name, "raw", lambda db=db: db.read_all(RAW_ROLLUP, params))
    print(f"weekly report and raw-SQL rollup of the same week, {runs} runs each (ms):")
    for name in names:
        report_t, raw_t = times[name, "report"], times[name, "raw"]
        print(
            f"  {name:10s} report {span(report_t, 1000)}, raw rollup {span(raw_t, 1000)}; "
            f"report / raw {ratio(report_t, raw_t)}"
        )
    print(
        f"  PostgreSQL / SQLite: report {ratio(times['PostgreSQL', 'report'], times['SQLite', 'report'])}, "
        f"raw rollup {ratio(times['PostgreSQL', 'raw'], times['SQLite', 'raw'])}"
    )
    await click_rounds(dbs, params)


async def click_rounds(dbs: dict[str, Database], params: tuple[object, ...]) -> None:
    names = list(dbs)
    kinds = {
        "nothing else running": lambda db: clicks(db),
        "reports back to back (read-only connection)": lambda db: while_reading(
            db, lambda: report(db)
        ),
        "the same reads on the writer's connection": lambda db: while_reading(
            db, lambda: db.fetchall(RAW_ROLLUP, params)
        ),
    }
    found: dict[tuple[str, str, float], list[float]] = {}
    for n in range(ROUNDS):
        for kind, run in kinds.items():
            for name in names if n % 2 == 0 else names[::-1]:
                latencies = await run(dbs[name])
                for share in (0.5, 0.99):
                    found.setdefault((name, kind, share), []).append(percentile(latencies, share))
    print(f"clicks (a small write transaction every 5 ms for 3 s), {ROUNDS} rounds (ms):")
    for kind in kinds:
        print(f"  {kind}:")
        for name in names:
            print(
                f"    {name:10s} p50 {span(found[name, kind, 0.5], 1000)}, "
                f"p99 {span(found[name, kind, 0.99], 1000)}"
            )
        print(
            f"    PostgreSQL / SQLite: p50 "
            f"{ratio(found['PostgreSQL', kind, 0.5], found['SQLite', kind, 0.5])}, p99 "
            f"{ratio(found['PostgreSQL', kind, 0.99], found['SQLite', kind, 0.99])}"
        )
    idle, busy = "nothing else running", "reports back to back (read-only connection)"
    for name in names:
        during = [
            b / a for a, b in zip(found[name, idle, 0.99], found[name, busy, 0.99], strict=True)
        ]
        print(f"  {name}: p99 during reports vs without: {span(during, unit='x')} (goal <= 2x)")
