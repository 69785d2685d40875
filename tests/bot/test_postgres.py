"""The PostgreSQL backend itself: its schema matches SQLite's, its promises hold with two
processes on one database (serialised writers, one migration), and its failures are friendly."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from bot.database import Database, IntegrityError, load_migrations
from bot.db_open import open_database
from bot.db_postgres import VERSION_TABLE, PostgresDatabase
from bot.errors import DatabaseStartupError
from sandbox.emulation.interactions import poll_until
from tests import pg


@pytest.fixture
async def pair(url: str) -> AsyncIterator[tuple[Database, Database]]:
    """Two connections to one database, as two processes would have."""
    first, second = await open_database(url), await open_database(url)
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


@pytest.fixture
async def url() -> AsyncIterator[str]:
    address, name = pg.fresh_database()
    yield address
    pg.drop_database(name)


@pytest.fixture
def empty_url() -> AsyncIterator[str]:
    """A database without the bot's schema (migrations not yet applied)."""
    server = pg.require_server()
    name = f"empty_{pg._SESSION}_{id(object())}"
    pg.on_server(server, f'CREATE DATABASE "{name}"')
    yield pg.with_database(server, name)
    pg.drop_database(name)


async def catalog(db: Database) -> dict[str, list[str]]:
    return {table: await db.columns(table) for table in await db.tables()}


async def test_the_schema_has_the_same_tables_and_columns_on_both(tmp_path: Path, url: str):
    lite = await open_database(tmp_path / "bot.sqlite3")
    post = await open_database(url)
    try:
        assert post.schema_version == lite.schema_version
        assert await catalog(post) == await catalog(lite)
    finally:
        await lite.close()
        await post.close()


async def test_writers_in_two_processes_never_lose_an_update(pair: tuple[Database, Database]):
    """Read, decide, write: each transaction reads the counter and writes it plus one. Two
    connections (as two processes would have) interleave 2 x 40 of them; with writers not
    serialised across connections, READ COMMITTED loses updates."""
    first, second = pair
    async with first.transaction() as tx:
        await tx.execute("INSERT INTO meta (key, value) VALUES ('n', '0')")

    async def bump(db: Database) -> None:
        async with db.transaction() as tx:
            row = await tx.fetchone("SELECT value FROM meta WHERE key = 'n'")
            assert row is not None
            await asyncio.sleep(0)  # let the other connection's transaction try to start
            await tx.execute("UPDATE meta SET value = ? WHERE key = 'n'", (str(int(row[0]) + 1),))

    await asyncio.gather(*(bump(db) for _ in range(40) for db in (first, second)))
    row = await second.fetchone("SELECT value FROM meta WHERE key = 'n'")
    assert row is not None and row["value"] == "80"


async def test_two_processes_starting_at_once_migrate_once(empty_url: str):
    first, second = await asyncio.gather(open_database(empty_url), open_database(empty_url))
    try:
        assert first.schema_version == second.schema_version > 0
        rows = await first.fetchall(f"SELECT version FROM {VERSION_TABLE}")
        assert [row[0] for row in rows] == [first.schema_version]
        assert await first.migrate(load_migrations()) == []
    finally:
        await first.close()
        await second.close()


async def test_a_failed_statement_rolls_back_its_transaction_and_the_connection_goes_on(url: str):
    db = await open_database(url)
    try:
        with pytest.raises(IntegrityError):
            async with db.transaction() as tx:
                await tx.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
                await tx.execute("INSERT INTO meta (key, value) VALUES ('a', '2')")
        assert await db.fetchone("SELECT * FROM meta WHERE key = 'a'") is None
        async with db.transaction() as tx:
            new_id = await tx.insert(
                "INSERT INTO guilds (guild_id, joined_at) VALUES (?, ?)", (2**62, "2026-01-01")
            )
        assert new_id == 2**62  # Discord ids need all 64 bits
    finally:
        await db.close()


async def test_reports_read_on_a_read_only_connection_and_sums_are_numbers(url: str):
    db = await open_database(url)
    try:
        async with db.transaction() as tx:
            await tx.executemany(
                "INSERT INTO guilds (guild_id, joined_at) VALUES (?, ?)",
                [(1, "2026-01-01"), (2, "2026-01-02")],
            )
        row = await db.read_one("SELECT SUM(guild_id) AS s, AVG(guild_id) AS a FROM guilds")
        assert row is not None and (row["s"], row["a"]) == (3, 1.5)
        assert type(row["s"]) is int and type(row["a"]) is float
        with pytest.raises(asyncpg.ReadOnlySQLTransactionError):
            await db.read_all("DELETE FROM guilds")
    finally:
        await db.close()


async def test_a_dropped_connection_is_replaced(url: str):
    db = await open_database(url)
    assert isinstance(db, PostgresDatabase)
    try:
        pid = (await db.fetchone("SELECT pg_backend_pid()"))[0]  # type: ignore[index]
        admin = await asyncpg.connect(url)
        try:
            await admin.execute("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()
        await poll_until(
            db._conn.is_closed, 10, "the session to end"
        )  # the server ends the session shortly after
        assert db._conn.is_closed()
        assert (await db.fetchone("SELECT 1"))[0] == 1  # type: ignore[index]
    finally:
        await db.close()


async def test_startup_errors_are_friendly_and_keep_the_password_out(url: str):
    missing = pg.with_database(url, "no_such_database").replace("postgres@", "postgres:pw123@")
    with pytest.raises(DatabaseStartupError) as caught:
        await open_database(missing)
    assert "does not exist" in str(caught.value) and "pw123" not in str(caught.value)
    with pytest.raises(DatabaseStartupError) as caught:
        await open_database("postgresql://bot:pw123@127.0.0.1:1/x")
    assert "Cannot reach PostgreSQL" in str(caught.value) and "pw123" not in str(caught.value)


async def test_a_forget_reaches_the_other_processes_and_runs_there_once(
    pair: tuple[Database, Database],
):
    """Process B holds counts of the member in memory (not yet written): A's forget must reach
    B, which then forgets them too; A does not hear its own announcement."""
    from bot.privacy import PrivacyRegistry

    first, second = pair
    here, there = PrivacyRegistry(first), PrivacyRegistry(second)
    calls: dict[str, list[int]] = {"here": [], "there": []}
    heard = asyncio.Event()

    def source(name: str):  # type: ignore[no-untyped-def]
        async def delete(user_id: int) -> int:
            calls[name].append(user_id)
            if name == "there":
                heard.set()
            return 1

        async def erase(_db: Database, _user_id: int) -> int:
            return 0

        async def export(_user_id: int) -> list[object]:
            return []

        return delete, erase, export

    for registry, name in ((here, "here"), (there, "there")):
        delete, erase, export = source(name)
        registry.register("buffer", "counts in memory", export, delete, erase=erase)
    await here.listen()
    await there.listen()
    await here.forget_everywhere(42)
    await asyncio.wait_for(heard.wait(), 10)
    await first.hold(12345)  # a round trip on A's listening connection: A's copy is in too
    await there.settled()
    await here.settled()
    assert calls == {"here": [42], "there": [42]}


async def test_a_session_lock_is_one_processes_and_goes_with_its_connection(
    pair: tuple[Database, Database],
):
    first, second = pair
    assert isinstance(first, PostgresDatabase)
    assert await first.hold(7) and first.holds(7)
    assert not await second.hold(7) and not second.holds(7)
    session = first._locks
    assert session is not None
    pid = await session.fetchval("SELECT pg_backend_pid()")
    await second.fetchone("SELECT pg_terminate_backend(?)", (pid,))
    await poll_until(session.is_closed, 10, "the session to end")
    assert not first.holds(7)  # the server let go of it with the connection
    assert await second.hold(7) and not await first.hold(7)


async def test_a_process_whose_listening_connection_dropped_listens_again_at_once(
    pair: tuple[Database, Database],
):
    first, second = pair
    assert isinstance(second, PostgresDatabase)
    heard: asyncio.Queue[str] = asyncio.Queue()
    await second.subscribe("test_channel", heard.put_nowait)
    old = second._locks
    assert old is not None
    await first.fetchone("SELECT pg_terminate_backend(?)", (old.get_server_pid(),))
    # a new connection, made without anything else asking for one
    await poll_until(
        lambda: second._locks is not None and second._locks is not old, 10, "a new session"
    )
    assert second._locks is not old
    await first.announce("test_channel", "hello")
    assert await asyncio.wait_for(heard.get(), 10) == "hello"
