"""SQLite, the embedded default: one aiosqlite connection, explicit transactions, numbered
migrations, backups.

All coroutines share the single connection, so :meth:`SqliteDatabase.transaction` holds an
``asyncio.Lock`` from ``BEGIN`` to ``COMMIT``/``ROLLBACK``; reads through :meth:`fetchall` and
:meth:`fetchone` take the same lock so they never see another coroutine's half-done transaction.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

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

log = logging.getLogger(__name__)

T = TypeVar("T")


class SqliteTransaction(Transaction):
    """The handle inside ``async with db.transaction() as tx``; the lock is already held.

    Each statement is one trip to the connection's thread, its cursor's work (row count, row id,
    rows, closing) done there too: a trip costs about as much CPU as a small statement itself
    (two thread switches and the event loop's wake-up). ``BEGIN`` goes along with the first
    statement, so a transaction of one statement is two trips (with its ``COMMIT``), not five.
    """

    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, begin: str | None = None) -> None:
        self._conn = conn
        self._begin = begin
        self.sent = False  # has a statement gone to the connection (and so, maybe, BEGIN)?

    def _trip(self, work: Callable[[sqlite3.Connection], T]) -> Awaitable[T]:
        self.sent = True
        begin = self._begin
        raw: sqlite3.Connection = self._conn._conn

        def call() -> T:
            if begin is not None and not raw.in_transaction:
                raw.execute(begin)
            return work(raw)

        # aiosqlite's own queue to its thread (the method behind its public calls)
        return self._conn._execute(call)

    async def execute(self, sql: str, params: Params = ()) -> int:
        def work(raw: sqlite3.Connection) -> int:
            cursor = raw.execute(sql, params)
            count = cursor.rowcount
            cursor.close()
            return count

        return await self._trip(work)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        def work(raw: sqlite3.Connection) -> None:
            raw.executemany(sql, rows).close()

        await self._trip(work)

    async def insert(self, sql: str, params: Params = ()) -> int:
        def work(raw: sqlite3.Connection) -> int | None:
            cursor = raw.execute(sql, params)
            rowid = cursor.lastrowid
            cursor.close()
            return rowid

        rowid = await self._trip(work)
        if rowid is None:
            raise RuntimeError("INSERT produced no row id")
        return rowid

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        def work(raw: sqlite3.Connection) -> list[Row]:
            cursor = raw.execute(sql, params)
            rows = cursor.fetchall()
            cursor.close()
            return rows

        return await self._trip(work)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        def work(raw: sqlite3.Connection) -> Row | None:
            cursor = raw.execute(sql, params)
            row: Row | None = cursor.fetchone()
            cursor.close()
            return row

        return await self._trip(work)


def _commit(raw: sqlite3.Connection) -> None:
    if not raw.in_transaction:
        return  # no statement ran: nothing was begun
    try:
        raw.execute("COMMIT")
    except sqlite3.Error:
        # e.g. a deferred constraint: SQLite keeps the transaction open; end it.
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise


def _rollback(raw: sqlite3.Connection) -> None:
    if raw.in_transaction:  # SQLite may have ended it already (and BEGIN itself may have failed)
        raw.execute("ROLLBACK")


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by this user only (0700), whatever the
    umask; an existing folder is left as its owner set it."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for created in reversed(missing):
        created.mkdir(mode=0o700, exist_ok=True)
        os.chmod(created, 0o700)


def private_file(path: Path) -> None:
    """The database file and its companions (-wal, -shm; SQLite gives them the database file's
    mode) are readable by this user only (0600), whatever the umask."""
    if str(path) == ":memory:":
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.chmod(companion, 0o600)


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        super().__init__()
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()
        self._reader: aiosqlite.Connection | None = None
        self._reader_lock = asyncio.Lock()
        self.schema_version = 0
        self.backup_before_migration: Path | None = None

    @classmethod
    async def open_file(
        cls,
        path: Path,
        *,
        migrations: Sequence[Migration] | None = None,
        backup_dir: Path | None = None,
    ) -> SqliteDatabase:
        """Open (creating if needed), configure and migrate. Raises DatabaseStartupError."""
        path = Path(path)
        try:
            private_folder(path.parent)
            private_file(path)
        except OSError as exc:
            raise DatabaseStartupError(
                f"Cannot create DATABASE_PATH={path} or its folder: {exc.strerror}. "
                "Choose a writable location in DATABASE_PATH."
            ) from None
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise DatabaseStartupError(
                f"Cannot open the database at DATABASE_PATH={path}: {exc}. "
                "Check that the path is a writable file location."
            ) from None
        conn.row_factory = sqlite3.Row
        db = cls(conn, path)
        try:
            await db._configure()
            await db.migrate(load_migrations() if migrations is None else migrations, backup_dir)
        except DatabaseStartupError:
            await conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise DatabaseStartupError(_explain(path, exc)) from None
        return db

    @classmethod
    async def open_copy(cls, path: Path) -> SqliteDatabase:
        """Open a backup as it is, without migrating it (a pre-migration copy must stay
        restorable by the version that wrote it)."""
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        db = cls(conn, Path(path))
        try:
            await db._configure()
            db.schema_version = int(await db._scalar("PRAGMA user_version"))
        except sqlite3.DatabaseError:
            await conn.close()
            raise
        return db

    async def _configure(self) -> None:
        mode = await self._scalar("PRAGMA journal_mode=WAL")
        if str(mode).lower() != "wal" and str(self.path) != ":memory:":
            log.warning("SQLite refused WAL mode (got %s); continuing", mode)
        # secure_delete: deleted rows are overwritten with zeros, so a forgotten member's data
        # cannot be read from the file afterwards (see checkpoint()).
        for pragma in (
            "foreign_keys=ON",
            "busy_timeout=5000",
            "synchronous=NORMAL",
            "secure_delete=ON",
        ):
            await self._conn.execute(f"PRAGMA {pragma}")
        # Touch the schema so that a file which is not a database fails here, at start.
        await self._scalar("SELECT count(*) FROM sqlite_master")

    async def _scalar(self, sql: str) -> Any:
        cursor = await self._conn.execute(sql)
        row = await cursor.fetchone()
        await cursor.close()
        return None if row is None else row[0]

    async def migrate(
        self, migrations: Sequence[Migration], backup_dir: Path | None = None
    ) -> list[int]:
        """Apply the migrations newer than ``PRAGMA user_version``, each in its own transaction."""
        current = int(await self._scalar("PRAGMA user_version"))
        latest = migrations[-1].version if migrations else 0
        if current > latest:
            raise DatabaseStartupError(
                f"The database at {self.path} has schema version {current}, but this version of "
                f"the bot only knows up to {latest}. Update the bot, or restore a backup made "
                "by this version."
            )
        pending = [m for m in migrations if m.version > current]
        if pending and current > 0:
            folder = backup_dir if backup_dir is not None else self.path.parent
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            target = folder / f"pre-migration-v{current}-{stamp}.sqlite3"
            await self.backup_to(target)
            self.backup_before_migration = target
            log.info("Backed up the database to %s before migrating", target)
        applied: list[int] = []
        for migration in pending:
            async with self._lock:
                await self._conn.execute("BEGIN IMMEDIATE")
                try:
                    for statement in split_statements(migration.sql):
                        await self._conn.execute(statement)
                    await self._conn.execute(f"PRAGMA user_version = {migration.version:d}")
                except BaseException:
                    await self._conn.execute("ROLLBACK")
                    raise
                await self._conn.execute("COMMIT")
            applied.append(migration.version)
            log.info("Applied migration %s", migration.name)
        self.schema_version = max(current, latest)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on an exception). The lock is held
        throughout, so the ``BEGIN`` sent with the first statement sees what it would have seen
        here."""
        async with self._lock:
            conn = self._conn
            raw = conn._conn
            tx = SqliteTransaction(conn, "BEGIN IMMEDIATE")
            try:
                yield tx
            except BaseException:
                if tx.sent:
                    await conn._execute(_rollback, raw)
                raise
            if tx.sent:
                await conn._execute(_commit, raw)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._lock:
            return await SqliteTransaction(self._conn).fetchall(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._lock:
            return await SqliteTransaction(self._conn).fetchone(sql, params)

    async def backup_to(self, target: Path) -> Path:
        """A consistent copy through SQLite itself (``VACUUM INTO``), never a file copy."""
        private_folder(target.parent)
        if target.exists():
            raise FileExistsError(target)
        private_file(target)  # empty and 0600 before SQLite writes into it (VACUUM INTO allows)
        async with self._lock:
            await self._conn.execute("VACUUM INTO ?", (str(target),))
        return target

    async def compact(self) -> None:
        """Rewrite the file without free pages and fold the WAL in (used on backups after a
        forget, so nothing deleted remains anywhere in the file)."""
        async with self._lock:
            await self._conn.execute("VACUUM")
            cursor = await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await cursor.close()

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and truncate it, so deleted data is
        gone from the WAL too (after a forget)."""
        async with self._lock:
            cursor = await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await cursor.close()

    async def tables(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        return [str(row[0]) for row in rows]

    async def columns(self, table: str) -> list[str]:
        rows = await self.fetchall("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))
        return [str(row[0]) for row in rows]

    def describe(self) -> str:
        return f"SQLite at {self.path}"

    async def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            candidate = Path(f"{self.path}{suffix}")
            if candidate.exists():
                total += candidate.stat().st_size
        return total

    async def close(self) -> None:
        async with self._reader_lock:
            if self._reader is not None:
                await self._reader.close()
                self._reader = None
        async with self._lock:
            await self._conn.close()

    # --- reads that take long (reports): a second, read-only connection ---------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        """A read on the read-only connection: it never waits for, nor holds up, the writer
        (WAL lets readers and the writer work at once), so a long report does not delay clicks.
        It sees what was committed when it started."""
        reader = await self._read_connection()
        if reader is None:
            return await self.fetchall(sql, params)
        async with self._reader_lock:
            return await SqliteTransaction(reader).fetchall(sql, params)

    async def _read_connection(self) -> aiosqlite.Connection | None:
        if str(self.path) == ":memory:":
            return None  # a memory database has no second connection
        async with self._reader_lock:
            if self._reader is None:
                reader = await aiosqlite.connect(
                    f"file:{self.path}?mode=ro", uri=True, isolation_level=None
                )
                reader.row_factory = sqlite3.Row
                await reader.execute("PRAGMA busy_timeout=5000")
                self._reader = reader
            return self._reader


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return (
            f"The file at DATABASE_PATH={path} is not a valid SQLite database ({text}). "
            "Restore a backup (see README, 'Backups') or point DATABASE_PATH at a new file."
        )
    if "readonly" in text or "unable to open" in text:
        return (
            f"The database at DATABASE_PATH={path} cannot be written ({text}). "
            "Check the file's and folder's permissions or choose another DATABASE_PATH."
        )
    return f"The database at DATABASE_PATH={path} cannot be used: {text}."
