"""``python -m bot migrate-to-postgres``: an SQLite database with a row in every table is copied
into a fresh PostgreSQL database, compared, refused a second time, replaced on request; ids go on
past the copied ones; a value that does not fit stops the copy with its table and column."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import migrate_postgres
from bot.__main__ import main
from bot.db_open import open_database
from bot.migrate_postgres import MigrationError, migrate
from tests import dbfill, pg


@pytest.fixture
def pg_url() -> Iterator[str]:
    url, name = pg.fresh_database()
    yield url
    pg.drop_database(name)


async def filled_database(folder: Path) -> tuple[Path, dict[str, int]]:
    """The bot's schema with rows in every table (a new table gets them from tests/dbfill.py)."""
    path = folder / "bot.sqlite3"
    db = await open_database(path)
    await db.close()
    dbfill.fill(path)
    db = await open_database(path)
    try:
        tables = await db.tables()
        counts = {}
        for table in tables:
            row = await db.fetchone(f'SELECT count(*) FROM "{table}"')
            counts[table] = int(row[0]) if row else 0
    finally:
        await db.close()
    empty = [table for table, count in counts.items() if count == 0]
    assert not empty, f"tests/dbfill.py left these tables empty (add rows to OVERRIDES): {empty}"
    return path, counts


async def postgres_counts(url: str, tables: list[str]) -> dict[str, int]:
    db = await open_database(url)
    try:
        counts = {}
        for table in tables:
            row = await db.fetchone(f'SELECT count(*) FROM "{table}"')
            counts[table] = int(row[0]) if row else 0
        return counts
    finally:
        await db.close()


async def test_every_table_is_copied_compared_and_continues_its_ids(tmp_path, pg_url):
    path, counts = await filled_database(tmp_path)
    with sqlite3.connect(path) as conn:  # SQLite's counter is past rows deleted at the end
        conn.execute("UPDATE sqlite_sequence SET seq = 500 WHERE name = 'giveaways'")
        groups = conn.execute("SELECT id, group_id FROM feedback_items ORDER BY id").fetchall()
    lines: list[str] = []

    outcome = await migrate(path, pg_url, report=lines.append)

    assert outcome.differing == []
    assert {t.name: t.rows for t in outcome.tables} == counts
    assert all(t.target_rows == t.rows and t.target_sum == t.source_sum for t in outcome.tables)
    assert sum(line.endswith("checksum ok") for line in lines) == len(counts)
    assert await postgres_counts(pg_url, list(counts)) == counts

    db = await open_database(pg_url)
    try:
        # a reference to a later row of the same table survived
        copied = await db.fetchall("SELECT id, group_id FROM feedback_items ORDER BY id")
        assert [tuple(r) for r in copied] == groups
        assert any(group is not None and group > id_ for id_, group in groups)
        # every identity sequence is past the largest copied id
        identities = await db.fetchall(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND is_identity = 'YES'"
        )
        assert len(identities) >= 10
        for table, column in identities:
            row = await db.fetchone(
                f'SELECT nextval(pg_get_serial_sequence(?, ?)), max("{column}") FROM "{table}"',
                (f'"{table}"', column),
            )
            assert row is not None and row[0] > row[1], table
        row = await db.fetchone("SELECT nextval(pg_get_serial_sequence('giveaways', 'id'))")
        assert row is not None and row[0] > 500
        async with db.transaction() as tx:
            guild = (await tx.fetchall("SELECT guild_id FROM guilds"))[0][0]
            new_id = await tx.insert(
                "INSERT INTO feedback_items (guild_id, kind, content, created_at) "
                "VALUES (?, 'feedback', 'new', '2026-01-01T00:00:00+00:00')",
                (guild,),
            )
        assert new_id > max(id_ for id_, _ in groups)
    finally:
        await db.close()

    with pytest.raises(MigrationError, match="already holds data"):
        await migrate(path, pg_url, report=lines.append)

    with sqlite3.connect(path) as conn:
        conn.execute(
            "DELETE FROM stats_member_daily WHERE user_id = (SELECT min(user_id) FROM "
            "stats_member_daily)"
        )
    counts["stats_member_daily"] -= 1
    outcome = await migrate(path, pg_url, into_non_empty=True, report=lines.append)
    assert outcome.differing == []
    # the rows there (and the one inserted above) were replaced, not added to
    assert await postgres_counts(pg_url, list(counts)) == counts


async def test_a_value_postgresql_cannot_hold_stops_the_copy_naming_table_and_column(
    tmp_path, pg_url
):
    path, _ = await filled_database(tmp_path)
    with sqlite3.connect(path) as conn:  # INTEGER affinity keeps a text that is no number
        conn.execute("UPDATE stats_member_daily SET messages = 'many'")

    with pytest.raises(MigrationError) as failed:
        await migrate(path, pg_url, report=lambda line: None)
    text = str(failed.value)
    assert "stats_member_daily" in text and "column messages" in text
    assert "TEXT" in text and "bigint" in text and "--into-non-empty" in text

    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE stats_member_daily SET messages = 3")
        conn.execute("UPDATE meta SET value = 'a' || char(0) || 'b'")
        conn.execute("UPDATE stats_channel_daily SET sentiment_sum = 'x'")
    with pytest.raises(MigrationError, match=r"Table meta, column value .*NUL"):
        await migrate(path, pg_url, into_non_empty=True, report=lambda line: None)


def run_cli(args: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(folder)  # no .env of the developer's
    for name in ("DATABASE_URL", "DATABASE_PATH", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return main(["migrate-to-postgres", *args])


def test_the_command_copies_and_never_shows_the_password(tmp_path, pg_url, monkeypatch, capsys):
    path, counts = asyncio.run(filled_database(tmp_path))
    url = pg_url.replace("postgresql://postgres@", "postgresql://postgres:hunter2@", 1)
    assert "hunter2" in url  # the test server trusts its user: the password is not checked

    assert run_cli([url, "--from", str(path)], tmp_path, monkeypatch) == 0
    out, err = capsys.readouterr()
    assert f"Copied {len(counts)} tables, {sum(counts.values())} rows" in out
    assert "stats_member_daily" in out and "hunter2" not in out + err

    assert run_cli([url, "--from", str(path)], tmp_path, monkeypatch) == 2
    out, err = capsys.readouterr()
    assert "--into-non-empty" in err and "Traceback" not in err and "hunter2" not in out + err

    read_back = migrate_postgres._read_back

    async def one_table_differs(conn, plan, batch):  # type: ignore[no-untyped-def]
        count, digest = await read_back(conn, plan, batch)
        return count, digest if plan.name != "thanks" else "0" * 64

    monkeypatch.setattr(migrate_postgres, "_read_back", one_table_differs)
    assert run_cli([url, "--from", str(path), "--into-non-empty"], tmp_path, monkeypatch) == 1
    out, err = capsys.readouterr()
    assert "thanks                " in out and "DIFFERS" in out
    assert "1 of " in err and ": thanks." in err


def test_bad_input_is_told_without_a_traceback(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "none.sqlite3"
    assert (
        run_cli(
            ["postgresql://u:hunter2@localhost/x", "--from", str(missing)], tmp_path, monkeypatch
        )
        == 2
    )
    assert "no SQLite database" in capsys.readouterr().err
    assert not missing.exists()
    assert (
        run_cli(["mysql://u:hunter2@localhost/x", "--from", str(missing)], tmp_path, monkeypatch)
        == 2
    )
    assert "postgresql://" in capsys.readouterr().err

    path, _ = asyncio.run(filled_database(tmp_path))
    code = run_cli(
        ["postgresql://u:hunter2@127.0.0.1:1/x", "--from", str(path)], tmp_path, monkeypatch
    )
    out, err = capsys.readouterr()
    assert code == 4
    assert "Cannot reach PostgreSQL" in err
    assert "hunter2" not in out + err and "Traceback" not in err
