"""The bot's database as another process sees it, on either backend.

Tests read it, and change it while the bot is stopped (as if a process died half-way), through
their own connection, written in SQLite's SQL: on SQLite that is ``sqlite3.connect`` on the
file, on PostgreSQL an asyncpg connection to the test's database (the statements translated as
the bot's are). Both are used the same way, synchronously, so a ``wait_for`` predicate can read::

    with connect(runner.settings) as conn:
        conn.execute("UPDATE giveaways SET ends_at = ?", (past,))

On PostgreSQL every statement commits on its own; a lock the bot holds is waited for at most
five seconds, as SQLite's busy timeout does.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bot.config import Settings
from bot.db_postgres import connect as pg_connect
from bot.sqldialect import to_postgres

_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()
TIMEOUT = 30.0


def _background_loop() -> asyncio.AbstractEventLoop:
    """A loop in a thread of its own: the test's loop (the bot's too) is blocked while a direct
    statement runs, as it is while ``sqlite3`` reads the file."""
    global _loop
    with _loop_lock:
        if _loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="direct-sql", daemon=True).start()
            _loop = loop
        return _loop


def _run(coro: Any) -> Any:
    return asyncio.run_coroutine_threadsafe(coro, _background_loop()).result(TIMEOUT)


class Cursor:
    def __init__(self, rows: list[Any], rowcount: int = -1) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return list(self._rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class PgConnection:
    """What the tests use of ``sqlite3.Connection``, on PostgreSQL. Rows are tuples, or (with
    ``row_factory`` set, as to ``sqlite3.Row``) records read by name."""

    def __init__(self, url: str) -> None:
        self.row_factory: Any = None
        self._conn = _run(self._open(url))

    @staticmethod
    async def _open(url: str) -> Any:
        conn = await pg_connect(url)
        await conn.execute("SET lock_timeout = '5s'")
        return conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        statement = to_postgres(sql)
        arguments = statement.arguments(params)

        async def run() -> tuple[list[Any], str]:
            prepared = await self._conn.prepare(statement.sql)
            rows = await prepared.fetch(*arguments)
            return rows, prepared.get_statusmsg() or ""

        rows, status = _run(run())
        count = int(status.rsplit(" ", 1)[-1]) if status[-1:].isdigit() else -1
        if self.row_factory is None:
            rows = [tuple(row) for row in rows]
        return Cursor(rows, count)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> None:
        statement = to_postgres(sql)
        arguments = [statement.arguments(row) for row in rows]
        if arguments:
            _run(self._conn.executemany(statement.sql, arguments))

    def commit(self) -> None:
        """Each statement has committed already."""

    def close(self) -> None:
        if not self._conn.is_closed():
            _run(self._conn.close())

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(settings: Settings) -> Any:
    """A connection of the test's own to the bot's database (``sqlite3`` or :class:`PgConnection`)."""
    if settings.database_url:
        return PgConnection(settings.database_url)
    return sqlite3.connect(settings.database_path)


def on_postgres(settings: Settings) -> bool:
    return bool(settings.database_url)


def tables(conn: Any) -> list[str]:
    """Every table of the bot's schema, from the engine's catalogue (new tables are covered)."""
    if isinstance(conn, PgConnection):
        sql = (
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'"
        )
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return sorted(str(row[0]) for row in conn.execute(sql))


def columns(conn: Any, table: str) -> list[str]:
    if isinstance(conn, PgConnection):
        sql = (
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position"
        )
    else:
        sql = "SELECT name FROM pragma_table_info(?) ORDER BY cid"
    return [str(row[0]) for row in conn.execute(sql, (table,))]
