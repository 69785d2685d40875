import sqlite3
from pathlib import Path

import pytest

from bot.database import Migration, load_migrations, split_statements
from bot.db_open import open_database
from bot.errors import DatabaseStartupError

MIGRATIONS = load_migrations()


def table_names(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


async def test_fresh_database_gets_every_migration_and_pragmas(tmp_path):
    path = tmp_path / "sub" / "bot.sqlite3"
    db = await open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert db.schema_version == len(MIGRATIONS)
        assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
        assert (await db.fetchone("PRAGMA busy_timeout"))[0] == 5000
        assert db.backup_before_migration is None  # nothing to back up in a new file
    finally:
        await db.close()
    assert user_version(path) == len(MIGRATIONS)
    assert {"meta", "guilds", "guild_settings", "guild_channels", "activity_daily"} <= table_names(
        path
    )


async def test_rerun_applies_nothing(tmp_path):
    path = tmp_path / "bot.sqlite3"
    db = await open_database(path)
    await db.close()
    db = await open_database(path, backup_dir=tmp_path / "b")
    try:
        assert await db.migrate(MIGRATIONS) == []
        assert db.backup_before_migration is None
    finally:
        await db.close()
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("start", range(1, len(MIGRATIONS)))
async def test_upgrade_from_every_earlier_version_keeps_data_and_backs_up(tmp_path, start):
    path = tmp_path / "bot.sqlite3"
    db = await open_database(path, migrations=MIGRATIONS[:start])
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO guilds (guild_id, joined_at) VALUES (1, '2026-01-01T00:00:00+00:00')"
        )
    await db.close()
    assert user_version(path) == start

    db = await open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert db.schema_version == len(MIGRATIONS)
        assert (await db.fetchone("SELECT count(*) FROM guilds"))[0] == 1
        backup = db.backup_before_migration
    finally:
        await db.close()
    assert backup is not None and backup.parent == tmp_path / "backups"
    assert user_version(backup) == start  # the copy is the database as it was before
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT guild_id FROM guilds").fetchall() == [(1,)]


async def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(DatabaseStartupError) as info:
        await open_database(path)
    assert "newer" in str(info.value) or "only knows" in str(info.value)
    assert info.value.exit_code == 4


async def test_corrupt_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseStartupError) as info:
        await open_database(path)
    assert "not a valid SQLite database" in str(info.value)
    assert "DATABASE_PATH" in str(info.value)


async def test_unwritable_location_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseStartupError) as info:
        await open_database(blocker / "sub" / "bot.sqlite3")
    assert "DATABASE_PATH" in str(info.value)


async def test_failed_migration_rolls_back_entirely(tmp_path):
    broken = [
        *MIGRATIONS,
        Migration(len(MIGRATIONS) + 1, "9999_broken", "CREATE TABLE ok (x);\nSELECT * FROM nope;"),
    ]
    path = tmp_path / "bot.sqlite3"
    with pytest.raises(DatabaseStartupError):
        await open_database(path, migrations=broken)
    assert user_version(path) == len(MIGRATIONS)
    assert "ok" not in table_names(path)


async def test_transaction_rolls_back_on_error_and_serialises(tmp_path):
    db = await open_database(tmp_path / "bot.sqlite3")
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await tx.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
                raise RuntimeError("boom")
        assert await db.fetchone("SELECT * FROM meta WHERE key = 'a'") is None
    finally:
        await db.close()


async def test_a_transaction_is_one_trip_per_statement_and_begins_with_the_first(tmp_path):
    """Each statement is one trip to the connection's thread (BEGIN rides along with the first),
    so a transaction of two statements costs three trips; one without statements costs none."""
    db = await open_database(tmp_path / "bot.sqlite3")
    conn = db._conn
    trips = 0
    real = conn._execute

    async def counting(fn, *args, **kwargs):
        nonlocal trips
        trips += 1
        return await real(fn, *args, **kwargs)

    conn._execute = counting  # type: ignore[method-assign]
    try:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            rowid = await tx.insert("INSERT INTO guilds (guild_id, joined_at) VALUES (5, 'x')")
        assert trips == 3 and rowid == 5
        trips = 0
        async with db.transaction():
            pass
        assert trips == 0 and not conn.in_transaction
        trips = 0
        row = await db.fetchone("SELECT value FROM meta WHERE key = 'a'")
        assert trips == 1 and row is not None and row["value"] == "1"
    finally:
        conn._execute = real  # type: ignore[method-assign]
        await db.close()


async def test_a_failed_statement_the_caller_handles_keeps_the_transaction(tmp_path):
    """A constraint error caught inside the transaction leaves it open (as SQLite does): the
    statements before and after it commit together, and a rollback takes all of them back."""
    db = await open_database(tmp_path / "bot.sqlite3")
    try:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            with pytest.raises(sqlite3.IntegrityError):
                await tx.execute("INSERT INTO meta (key, value) VALUES ('a', '2')")
            assert await tx.execute("UPDATE meta SET value = '3' WHERE key = 'a'") == 1
        row = await db.fetchone("SELECT value FROM meta WHERE key = 'a'")
        assert row is not None and row["value"] == "3"
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await tx.execute("INSERT INTO meta (key, value) VALUES ('b', '1')")
                with pytest.raises(sqlite3.IntegrityError):
                    await tx.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
                raise RuntimeError("boom")
        assert await db.fetchone("SELECT * FROM meta WHERE key = 'b'") is None
        assert not db._conn.in_transaction
    finally:
        await db.close()


def test_split_statements_keeps_triggers_whole():
    sql = """
    -- comment only
    CREATE TABLE t (x TEXT DEFAULT ';');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 'a;b'; END;
    """
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


async def test_backup_is_a_consistent_openable_copy(tmp_path):
    db = await open_database(tmp_path / "bot.sqlite3")
    try:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        target = await db.backup_to(tmp_path / "copy.sqlite3")
    finally:
        await db.close()
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT value FROM meta WHERE key='k'").fetchone()[0] == "v"


async def test_rebuilt_schedules_table_keeps_its_rows_and_id_counter(tmp_path):
    """Migration 11 rebuilds ``schedules``: rows survive and removed ids are never reused."""
    path = tmp_path / "bot.sqlite3"
    db = await open_database(path, migrations=MIGRATIONS[:10])
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO guilds (guild_id, joined_at) VALUES (1, '2026-01-01T00:00:00+00:00')"
        )
        for n in range(5):
            await tx.execute(
                "INSERT INTO schedules (guild_id, kind, phrase, zone, channel_id, text, created_by, "
                "created_at) VALUES (1, 'announcement', 'daily 09:00', 'Europe/Berlin', 2, ?, 3, "
                "'2026-01-01T00:00:00+00:00')",
                (f"post {n}",),
            )
        await tx.execute("DELETE FROM schedules WHERE id IN (4, 5)")
    await db.close()
    db = await open_database(path, backup_dir=tmp_path / "backups")
    try:
        rows = await db.fetchall("SELECT id, text FROM schedules ORDER BY id")
        assert [tuple(r) for r in rows] == [(1, "post 0"), (2, "post 1"), (3, "post 2")]
        async with db.transaction() as tx:
            new = await tx.fetchone(
                "INSERT INTO schedules (guild_id, kind, phrase, zone, channel_id, text, created_by, "
                "created_at) VALUES (1, 'qa', 'daily 09:00', 'Europe/Berlin', 2, 'x', 3, "
                "'2026-01-01T00:00:00+00:00') RETURNING id"
            )
        assert new is not None and new[0] == 6
        assert (await db.fetchone("PRAGMA foreign_key_check")) is None
    finally:
        await db.close()


async def test_reports_read_on_their_own_connection_while_the_writer_is_busy(tmp_path):
    """A report's reads never wait for the writer: with the writer's lock held (a long write),
    the weekly report's data is still read, and it sees what was committed."""
    import asyncio
    from datetime import date
    from zoneinfo import ZoneInfo

    from cogs.stats import repository as stats_repository
    from cogs.stats.periods import Period

    db = await open_database(tmp_path / "bot.sqlite3")
    try:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO guilds (guild_id, joined_at) VALUES (1, '2026-01-01')")
            await tx.execute(
                "INSERT INTO stats_guild_daily (guild_id, day, messages, reactions, joins, leaves) "
                "VALUES (1, '2026-11-24', 42, 0, 0, 0)"
            )
        period = Period("weekly", date(2026, 11, 23), date(2026, 11, 30))
        async with db._lock:  # the writer is busy
            data = await asyncio.wait_for(
                stats_repository.report_data(db, 1, period, ZoneInfo("Europe/Berlin"), "opt_out"),
                timeout=30,
            )
        assert data.current.messages == 42
    finally:
        await db.close()
