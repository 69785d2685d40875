"""PostgreSQL through asyncpg, behind the same interface as SQLite (see :mod:`bot.database`).

One writer connection and one read-only connection, as with SQLite. Every write transaction
takes a transaction-level advisory lock first, so write transactions run one at a time across
every process that shares the database, which is what SQLite's ``BEGIN IMMEDIATE`` gives; each
one reads, decides and writes with no other writer in between.

Statements arrive in SQLite's form and are turned into PostgreSQL's by :mod:`bot.sqldialect`;
migrations too, except where ``migrations/postgres/`` holds a migration's own PostgreSQL text.
The schema's version is kept in the table ``schema_version``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import asyncpg

from bot.database import (
    Database,
    Migration,
    Params,
    Row,
    Transaction,
    load_migrations,
    split_statements,
)
from bot.errors import DatabaseStartupError
from bot.sqldialect import ddl_to_postgres, inserted_table, to_postgres

log = logging.getLogger(__name__)

# Advisory lock keys (any 64-bit numbers no other program on the server uses for itself).
WRITE_LOCK = 0x67656D65696E0001  # one write transaction at a time, across processes
MIGRATE_LOCK = 0x67656D65696E0002  # one process migrates; the others wait and find it done
BEGIN_WRITE = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
VERSION_TABLE = "schema_version"
STATEMENT_CACHE = 1024  # prepared statements per connection (the bot has about 300)
_COUNT = re.compile(r"(\d+)$")


def _numeric(text: str) -> int | float:
    """``numeric`` (what ``SUM`` of integers and ``AVG`` return) as SQLite gives it: an int
    when whole, else a float, so arithmetic on results works as it does on SQLite."""
    if "." in text or "e" in text.lower() or text in ("NaN", "Infinity", "-Infinity"):
        return float(text)
    return int(text)


async def connect(url: str, *, read_only: bool = False) -> asyncpg.Connection:
    settings = {"application_name": "gemeinschaft-bot", "timezone": "UTC"}
    if read_only:
        settings["default_transaction_read_only"] = "on"
    conn = await asyncpg.connect(
        url, statement_cache_size=STATEMENT_CACHE, server_settings=settings
    )
    await conn.set_type_codec(
        "numeric", encoder=str, decoder=_numeric, schema="pg_catalog", format="text"
    )
    return conn


def safe_url(url: str) -> str:
    """The address without its password, for logs and messages."""
    parts = urlsplit(url)
    host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "localhost")
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"postgresql://{user}{host}{port}{parts.path}"


def _hearing(callback: Callable[[str], None]) -> Callable[..., None]:
    def heard(_conn: object, _pid: int, _channel: str, payload: str) -> None:
        callback(payload)

    return heard


def _count(status: str) -> int:
    match = _COUNT.search(status or "")
    return int(match.group(1)) if match else 0


class PostgresTransaction(Transaction):
    dialect = "postgresql"

    def __init__(self, conn: asyncpg.Connection, identities: dict[str, str], begin: bool) -> None:
        self._conn = conn
        self._identities = identities
        self._begin = begin
        self.sent = False

    async def _ready(self) -> asyncpg.Connection:
        if self._begin and not self.sent:
            await self._conn.execute(BEGIN_WRITE)
        self.sent = True
        return self._conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        statement = to_postgres(sql)
        conn = await self._ready()
        return _count(await conn.execute(statement.sql, *statement.arguments(params)))

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        statement = to_postgres(sql)
        arguments = [statement.arguments(row) for row in rows]
        if arguments:
            conn = await self._ready()
            await conn.executemany(statement.sql, arguments)

    async def insert(self, sql: str, params: Params = ()) -> int:
        table = inserted_table(sql)
        column = self._identities.get(table or "")
        if column is None:
            raise RuntimeError(f"INSERT into {table!r}: the table has no generated id")
        statement = to_postgres(sql.rstrip().rstrip(";") + f" RETURNING {column}")
        conn = await self._ready()
        rowid = await conn.fetchval(statement.sql, *statement.arguments(params))
        if rowid is None:
            raise RuntimeError("INSERT produced no row id")
        return int(rowid)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        statement = to_postgres(sql)
        conn = await self._ready()
        rows: list[Row] = await conn.fetch(statement.sql, *statement.arguments(params))
        return rows

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        statement = to_postgres(sql)
        conn = await self._ready()
        row: Row | None = await conn.fetchrow(statement.sql, *statement.arguments(params))
        return row


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str, conn: asyncpg.Connection) -> None:
        super().__init__()
        self.url = url
        self._conn = conn
        self._lock = asyncio.Lock()
        self._reader: asyncpg.Connection | None = None
        self._reader_lock = asyncio.Lock()
        self._identities: dict[str, str] = {}
        self._locks: asyncpg.Connection | None = None  # holds this process's session locks
        self._locks_lock = asyncio.Lock()
        self._listeners: list[tuple[str, Callable[[str], None]]] = []
        self._relisten: asyncio.Task[None] | None = None
        self._closing = False

    @classmethod
    async def open_url(
        cls, url: str, *, migrations: Sequence[Migration] | None = None
    ) -> PostgresDatabase:
        try:
            conn = await connect(url)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise DatabaseStartupError(_explain(url, exc)) from None
        db = cls(url, conn)
        try:
            await db.migrate(load_migrations() if migrations is None else migrations)
        except BaseException:
            await conn.close()
            raise
        return db

    def describe(self) -> str:
        return f"PostgreSQL at {safe_url(self.url)}"

    async def _writer(self) -> asyncpg.Connection:
        """The writer connection; a new one if the server dropped it (a restart, a failover)."""
        if self._conn.is_closed():
            log.warning("The connection to PostgreSQL was lost; connecting again")
            self._conn = await connect(self.url)
        return self._conn

    async def migrate(
        self, migrations: Sequence[Migration], backup_dir: Path | None = None
    ) -> list[int]:
        """Apply the migrations newer than the recorded version, each in its own transaction,
        holding an advisory lock throughout (a second process starting at the same time waits,
        then finds them applied). A failed migration leaves the database as it was before it."""
        latest = migrations[-1].version if migrations else 0
        applied: list[int] = []
        async with self._lock:
            conn = self._conn
            await conn.execute(f"SELECT pg_advisory_lock({MIGRATE_LOCK})")
            try:
                await conn.execute(
                    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version BIGINT NOT NULL)"
                )
                current = await self._version(conn)
                if current > latest:
                    raise DatabaseStartupError(
                        f"The database at {safe_url(self.url)} has schema version {current}, "
                        f"but this version of the bot only knows up to {latest}. Update the bot."
                    )
                for migration in migrations:
                    if migration.version <= current:
                        continue
                    text = migration.postgres_sql or ddl_to_postgres(migration.sql)
                    async with conn.transaction():
                        for statement in split_statements(text):
                            await conn.execute(statement)
                        await conn.execute(f"DELETE FROM {VERSION_TABLE}")
                        await conn.execute(
                            f"INSERT INTO {VERSION_TABLE} (version) VALUES ({migration.version:d})"
                        )
                    current = migration.version
                    applied.append(migration.version)
                    log.info("Applied migration %s", migration.name)
            finally:
                await conn.execute(f"SELECT pg_advisory_unlock({MIGRATE_LOCK})")
            self.schema_version = max(current, latest)
            self._identities = await self._load_identities(conn)
        return applied

    @staticmethod
    async def _version(conn: asyncpg.Connection) -> int:
        return int(await conn.fetchval(f"SELECT COALESCE(MAX(version), 0) FROM {VERSION_TABLE}"))

    @staticmethod
    async def _load_identities(conn: asyncpg.Connection) -> dict[str, str]:
        rows = await conn.fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND is_identity = 'YES'"
        )
        return {str(row["table_name"]): str(row["column_name"]) for row in rows}

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._lock:
            conn = await self._writer()
            tx = PostgresTransaction(conn, self._identities, begin=True)
            try:
                yield tx
            except BaseException:
                if tx.sent and conn.is_in_transaction():
                    await conn.execute("ROLLBACK")
                raise
            if tx.sent:
                await conn.execute("COMMIT")

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._lock:
            conn = await self._writer()
            return await PostgresTransaction(conn, self._identities, False).fetchall(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._lock:
            conn = await self._writer()
            return await PostgresTransaction(conn, self._identities, False).fetchone(sql, params)

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._reader_lock:
            if self._reader is None or self._reader.is_closed():
                self._reader = await connect(self.url, read_only=True)
            return await PostgresTransaction(self._reader, {}, False).fetchall(sql, params)

    async def _session(self) -> asyncpg.Connection:
        """The connection that holds this process's session locks and hears announcements
        (a new one after a drop: locks and subscriptions of the old one are gone with it)."""
        if self._locks is None or self._locks.is_closed():
            self._held.clear()  # the locks went with the old connection
            self._locks = await connect(self.url)
            for channel, callback in self._listeners:
                await self._locks.add_listener(channel, _hearing(callback))
            self._locks.add_termination_listener(self._session_lost)
        return self._locks

    def _session_lost(self, _conn: object) -> None:
        """The listening connection ended (a server restart, a network cut): listen again at
        once, retrying until the server is back, so no later announcement is missed."""
        if self._closing or not self._listeners:
            return  # nothing is listened to: the next lock or announcement connects again
        if self._relisten is None or self._relisten.done():
            self._relisten = asyncio.get_running_loop().create_task(self._listen_again())

    async def _listen_again(self) -> None:
        delay = 0.5
        while not self._closing:
            try:
                async with self._locks_lock:
                    await self._session()
                log.info("Listening to other processes' announcements again")
                return
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def hold(self, key: int) -> bool:
        async with self._locks_lock:
            session = await self._session()
            taken = bool(await session.fetchval("SELECT pg_try_advisory_lock($1)", key))
            if taken:
                self._held.add(key)
            return taken

    async def announce(self, channel: str, payload: str) -> None:
        async with self._locks_lock:
            session = await self._session()
            await session.execute("SELECT pg_notify($1, $2)", channel, payload)

    async def subscribe(self, channel: str, callback: Callable[[str], None]) -> None:
        async with self._locks_lock:
            fresh = self._locks is None or self._locks.is_closed()
            self._listeners.append((channel, callback))
            session = await self._session()  # a new connection subscribes to every listener
            if not fresh:
                await session.add_listener(channel, _hearing(callback))

    async def release(self, key: int) -> None:
        async with self._locks_lock:
            if self._locks is not None and not self._locks.is_closed():
                await self._locks.execute("SELECT pg_advisory_unlock($1)", key)
            self._held.discard(key)

    def holds(self, key: int) -> bool:
        return key in self._held and self._locks is not None and not self._locks.is_closed()

    async def tables(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
            f"AND table_name <> '{VERSION_TABLE}' ORDER BY table_name"
        )
        return [str(row[0]) for row in rows]

    async def columns(self, table: str) -> list[str]:
        rows = await self.fetchall(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [str(row[0]) for row in rows]

    async def backup_to(self, target: Path) -> Path:
        raise RuntimeError(
            "With PostgreSQL the server keeps the backups (pg_dump, or your provider's "
            "snapshots); the bot makes copies of SQLite files only."
        )

    async def compact(self) -> None:
        await self.checkpoint()

    async def checkpoint(self) -> None:
        """``VACUUM`` on a connection of its own (it cannot run in a transaction and does not
        block the bot's reads and writes): deleted rows' space is marked free for reuse.
        PostgreSQL has no secure delete; its write-ahead log and backups are the server's."""
        conn = await connect(self.url)
        try:
            await conn.execute("VACUUM")
        finally:
            await conn.close()

    async def size_bytes(self) -> int:
        row = await self.read_one("SELECT pg_database_size(current_database())")
        return int(row[0]) if row is not None else 0

    async def close(self) -> None:
        self._closing = True
        if self._relisten is not None:
            self._relisten.cancel()
        async with self._locks_lock:
            if self._locks is not None:
                await self._locks.close()  # gives back every session lock still held
                self._locks = None
        async with self._reader_lock:
            if self._reader is not None:
                await self._reader.close()
                self._reader = None
        async with self._lock:
            await self._conn.close()


def _explain(url: str, exc: BaseException) -> str:
    where = safe_url(url)
    if isinstance(exc, asyncpg.InvalidPasswordError):
        return f"PostgreSQL at {where} refused the user or password in DATABASE_URL."
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return (
            f"The database named in DATABASE_URL ({where}) does not exist; create it first "
            "(createdb, or your provider's console)."
        )
    if isinstance(exc, OSError):
        return (
            f"Cannot reach PostgreSQL at {where} ({exc.strerror or exc}). Check DATABASE_URL "
            "and that the server is running."
        )
    return f"Cannot use PostgreSQL at {where}: {type(exc).__name__}: {exc}"
