"""Moving from SQLite to PostgreSQL: how long ``python -m bot migrate-to-postgres`` takes.

Run: .venv/bin/python -m bench.migrate_postgres [--mb 1024] [--url postgresql://...]
     [--sqlite PATH]

Builds an SQLite database of the bot's schema up to ``--mb`` megabytes: mostly statistics (per
member and channel, per member, and activity rows per day, for servers of 300 to 1,500 active
members a day over two years), plus 50 rows of every other table. A file given with ``--sqlite``
is kept and used again when it is already as large. Then copies it, as the command does, into a
new database ``bench_migrate`` on the server at ``--url`` (or TEST_DATABASE_URL; the database is
dropped afterwards) and prints size, rows, seconds, rows/s and MB/s, with the time at which each
table was done.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from bot.db_open import open_database
from bot.db_postgres import safe_url
from bot.migrate_postgres import migrate
from tests import dbfill
from tests.pg import with_database

KINDS = ("message", "reaction", "voice")
BENCH_DB = "bench_migrate"


def file_mb(path: Path) -> float:
    return sum(
        Path(f"{path}{suffix}").stat().st_size
        for suffix in ("", "-wal")
        if Path(f"{path}{suffix}").exists()
    ) / (1 << 20)


def pages_mb(conn: sqlite3.Connection) -> float:
    """The database's size without its write-ahead log."""
    (count,) = conn.execute("PRAGMA page_count").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    return float(count * size) / (1 << 20)


def statistics_rows(
    guild: int, day: date, rng: random.Random
) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """One server's day: rows for the three statistics tables, in key order."""
    active = rng.randint(300, 1500)
    users = sorted(rng.sample(range(10**17, 10**17 + 20_000), active))
    text = day.isoformat()
    channels = list(range(10**18, 10**18 + 40))
    per_channel: list[tuple[Any, ...]] = []
    for channel in channels:
        for user in rng.sample(users, max(1, active // 12)):
            per_channel.append((guild, text, channel, user, rng.randint(1, 80), rng.randint(0, 30)))
    per_channel.sort()
    yield "stats_member_channel_daily", per_channel
    yield (
        "stats_member_daily",
        [(guild, text, u, rng.randint(1, 200), rng.randint(0, 60)) for u in users],
    )
    activity = [
        (guild, text, kind, u, rng.randint(1, 100))
        for kind in KINDS
        for u in users
        if kind != "voice" or u % 5 == 0
    ]
    yield "activity_daily", activity


INSERTS = {
    "stats_member_channel_daily": "INSERT INTO stats_member_channel_daily "
    "(guild_id, day, channel_id, user_id, messages, reactions) VALUES (?, ?, ?, ?, ?, ?)",
    "stats_member_daily": "INSERT INTO stats_member_daily "
    "(guild_id, day, user_id, messages, reactions) VALUES (?, ?, ?, ?, ?)",
    "activity_daily": "INSERT INTO activity_daily (guild_id, day, kind, user_id, count) "
    "VALUES (?, ?, ?, ?, ?)",
}


async def build(path: Path, megabytes: int) -> None:
    db = await open_database(path)
    await db.close()
    dbfill.fill(path, rows=50)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        guilds = [r[0] for r in conn.execute("SELECT guild_id FROM guilds ORDER BY guild_id")]
        rng = random.Random(7)
        start = date(2024, 1, 1)
        started = time.monotonic()
        for guild in guilds:
            for offset in range(730):
                day = start + timedelta(days=offset)
                conn.execute("BEGIN")
                for table, rows in statistics_rows(guild, day, rng):
                    conn.executemany(INSERTS[table], rows)
                conn.execute("COMMIT")
                if offset % 20 == 0 and pages_mb(conn) >= megabytes:
                    break
            if pages_mb(conn) >= megabytes:
                break
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"built {path} ({file_mb(path):.0f} MB) in {time.monotonic() - started:.0f} s")
    finally:
        conn.close()


async def fresh_database(server: str) -> str:
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    finally:
        await admin.close()
    return with_database(server, BENCH_DB)


async def drop_database(server: str) -> None:
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    finally:
        await admin.close()


def row_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


async def run(args: argparse.Namespace) -> int:
    server = args.url or os.environ.get("TEST_DATABASE_URL")
    if not server:
        print("give --url or set TEST_DATABASE_URL (a server whose user may create databases)")
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        path = args.sqlite or Path(scratch) / "bot.sqlite3"
        if not path.exists() or file_mb(path) < args.mb * 0.98:
            path.unlink(missing_ok=True)
            await build(path, args.mb)
        size = file_mb(path)
        counts = row_counts(path)
        big = {t: counts[t] for t in INSERTS}
        print(f"SQLite: {size:.0f} MB, {sum(counts.values())} rows ({big})")
        url = await fresh_database(server)
        started = time.monotonic()

        def report(line: str) -> None:
            print(f"{time.monotonic() - started:7.1f} s  {line}", flush=True)

        try:
            outcome = await migrate(path, url, report=report)
        finally:
            await drop_database(server)
    seconds = outcome.seconds
    print(
        f"\nmigrated {size:.0f} MB, {outcome.rows} rows into {safe_url(url)} in {seconds:.1f} s: "
        f"{outcome.rows / seconds:,.0f} rows/s, {size / seconds:.1f} MB/s "
        f"(copy, read back and compare); tables differing: {outcome.differing or 'none'}"
    )
    return 0 if not outcome.differing else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024, help="size of the SQLite file")
    parser.add_argument("--url", help="PostgreSQL server (default: TEST_DATABASE_URL)")
    parser.add_argument("--sqlite", type=Path, help="keep the built file here, reuse it")
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
