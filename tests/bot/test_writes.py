"""The write queue: a burst becomes few transactions, a failing unit fails alone, and nothing is
reported before its group committed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.database import Database, Transaction
from bot.db_open import open_database
from bot.writes import WriteQueue

pytestmark = pytest.mark.postgres


@pytest.fixture
async def db(tmp_path: Path, database_url: str | None):
    if database_url is None:
        database = await open_database(tmp_path / "w.sqlite3", migrations=[])
    else:  # a fresh database of the bot's schema, plus the table below
        database = await open_database(database_url)
    async with database.transaction() as tx:
        await tx.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
    yield database
    await database.close()


async def test_a_burst_is_written_in_few_transactions(db: Database):
    queue = WriteQueue(db)

    def insert(k: int):
        async def unit(tx: Transaction) -> int:
            return await tx.execute(
                "INSERT INTO t (k, v) VALUES (?, 'x') ON CONFLICT DO NOTHING", (k,)
            )

        return unit

    results = await asyncio.gather(*(queue.run(insert(k % 700)) for k in range(1000)))
    assert sum(results) == 700  # each key once, the repeats reported as such
    assert queue.groups <= 4
    row = await db.fetchone("SELECT count(*) FROM t")
    assert row is not None and row[0] == 700


async def test_a_failing_unit_fails_alone(db: Database):
    queue = WriteQueue(db)

    async def good(tx: Transaction) -> str:
        await tx.execute("INSERT INTO t (k, v) VALUES (1, 'a')")
        return "ok"

    async def bad(tx: Transaction) -> str:
        await tx.execute("INSERT INTO t (k, v) VALUES (2, 'b')")
        raise ValueError("refused")

    async def good_too(tx: Transaction) -> str:
        await tx.execute("INSERT INTO t (k, v) VALUES (3, 'c')")
        return "ok"

    outcomes = await asyncio.gather(
        queue.run(good), queue.run(bad), queue.run(good_too), return_exceptions=True
    )
    assert outcomes[0] == "ok" and outcomes[2] == "ok"
    assert isinstance(outcomes[1], ValueError)
    rows = await db.fetchall("SELECT k FROM t ORDER BY k")
    assert [r[0] for r in rows] == [1, 3]  # the failing unit's write is rolled back alone


async def test_nothing_is_reported_before_the_commit(db: Database):
    """A result is handed back only after its group committed: a failed commit fails every
    unit of the group, and none of their writes is stored."""
    queue = WriteQueue(db)
    seen: list[str] = []

    async def unit(tx: Transaction) -> str:
        await tx.execute("INSERT INTO t (k, v) VALUES (5, 'x')")
        return "stored"

    async def breaks_the_commit(tx: Transaction) -> None:
        # A deferred foreign key check fails at COMMIT time, after every unit succeeded.
        await tx.execute("CREATE TABLE IF NOT EXISTS p (id INTEGER PRIMARY KEY)")
        await tx.execute(
            "CREATE TABLE IF NOT EXISTS c (id INTEGER PRIMARY KEY, "
            "p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)"
        )
        await tx.execute("INSERT INTO c (id, p) VALUES (1, 99)")

    async def watch(coro) -> None:
        try:
            seen.append(await coro)
        except Exception as exc:
            seen.append(type(exc).__name__)

    await asyncio.gather(watch(queue.run(unit)), watch(queue.run(breaks_the_commit)))
    assert "stored" not in seen
    row = await db.fetchone("SELECT count(*) FROM t")
    assert row is not None and row[0] == 0
