"""The database every repository talks to: SQLite (the embedded default) or PostgreSQL.

Both backends offer the same small interface: explicit transactions (``async with
db.transaction() as tx``), reads outside one (:meth:`Database.fetchall`, :meth:`fetchone`), and
long reads for reports on a separate read-only connection (:meth:`read_all`, :meth:`read_one`)
that never wait for the writer. Repositories write their SQL once, in the form both engines
accept, with SQLite's parameter markers; :mod:`bot.sqldialect` gives PostgreSQL its form.

Write transactions are serialised, on both: one at a time in this process (an ``asyncio.Lock``),
and one at a time across processes (SQLite's ``BEGIN IMMEDIATE`` takes the file's write lock;
on PostgreSQL a transaction-level advisory lock does the same). So every transaction may read,
decide and write without another writer in between, whichever backend runs it.

A statement that fails ends its transaction (PostgreSQL allows nothing else): let the error
leave the ``async with`` block, which rolls the whole transaction back.

:func:`bot.db_open.open_database` opens one: a file path (SQLite) or a ``postgresql://`` address.
"""

from __future__ import annotations

import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import asyncpg

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

Params = Sequence[Any] | dict[str, Any]

# A unique or foreign-key constraint refused a write, on either backend.
IntegrityError: tuple[type[Exception], ...] = (
    sqlite3.IntegrityError,
    asyncpg.IntegrityConstraintViolationError,
)


class Row(Protocol):
    """A result row: by column name or position (``sqlite3.Row`` and ``asyncpg.Record``)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> Any: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Any]: ...


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    postgres_sql: str | None = None  # the PostgreSQL text, where it is written apart


def load_migrations(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Read ``NNNN_name.sql`` files; versions must run 1, 2, 3, ... without gaps. A file of the
    same name in ``postgres/`` beside them is that migration's PostgreSQL text."""
    found: list[Migration] = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise RuntimeError(f"migration file name {path.name!r} is not NNNN_name.sql")
        twin = folder / "postgres" / path.name
        found.append(
            Migration(
                int(match.group(1)),
                path.stem,
                path.read_text("utf-8"),
                twin.read_text("utf-8") if twin.exists() else None,
            )
        )
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration {migration.name} should be number {expected:04d}")
    names = {path.name for path in folder.glob("*.sql")}
    for orphan in sorted(p.name for p in (folder / "postgres").glob("*.sql")):
        if orphan not in names:
            raise RuntimeError(f"postgres/{orphan} has no migration of the same name")
    return found


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers with inner ';' stay whole)."""
    statements: list[str] = []
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            text = buffer.strip()
            if text.strip(";").strip() and not _only_comments(text):
                statements.append(text)
            buffer = ""
    if buffer.strip(" \n\t;") and not _only_comments(buffer):
        raise RuntimeError(f"incomplete SQL statement at the end of a migration: {buffer[:80]!r}")
    return statements


def _only_comments(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    return all(not line or line.startswith("--") or line == ";" for line in lines)


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Transaction(ABC):
    """The handle inside ``async with db.transaction() as tx``; the writer is already held."""

    dialect: str  # "sqlite" or "postgresql", for the few statements the two write differently

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    @abstractmethod
    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one ``INSERT INTO`` of one row; returns the new row's id."""

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...


class Database(ABC):
    """One of the two backends; open one with :func:`bot.db_open.open_database`."""

    dialect: str  # "sqlite" or "postgresql"
    schema_version: int = 0

    def __init__(self) -> None:
        self._held: set[int] = set()  # session locks held (SQLite: within this process)

    # SQLite: the copy made before migrating an older file (PostgreSQL: the server's backups)
    backup_before_migration: Path | None = None

    @property
    def keeps_backups(self) -> bool:
        """Does the bot make its own backup copies (SQLite), or does the server (PostgreSQL)?"""
        return self.dialect == "sqlite"

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    @abstractmethod
    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        """A read on the read-only connection: it never waits for, nor holds up, the writer,
        so a long report does not delay clicks. It sees what was committed when it started."""

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.read_all(sql, params)
        return rows[0] if rows else None

    @abstractmethod
    async def migrate(
        self, migrations: Sequence[Migration], backup_dir: Path | None = None
    ) -> list[int]: ...

    async def hold(self, key: int) -> bool:
        """Take the session lock ``key`` if no one holds it (True), else False at once. With
        PostgreSQL the lock is the server's and excludes every process; with SQLite, which
        one process uses, it excludes this process's other holders."""
        if key in self._held:
            return False
        self._held.add(key)
        return True

    async def release(self, key: int) -> None:
        self._held.discard(key)

    def holds(self, key: int) -> bool:
        """Does this process still hold the session lock ``key``? (With PostgreSQL a lost
        connection loses its locks.)"""
        return key in self._held

    async def announce(self, channel: str, payload: str) -> None:
        """Tell every other process on this database (PostgreSQL NOTIFY); with SQLite, which
        one process uses, there is no one to tell."""
        return None

    async def subscribe(self, channel: str, callback: Callable[[str], None]) -> None:
        """Hear what other processes announce on ``channel`` (PostgreSQL LISTEN)."""
        return None

    @abstractmethod
    async def tables(self) -> list[str]:
        """Every table of the bot's schema (for privacy checks and copying)."""

    @abstractmethod
    async def columns(self, table: str) -> list[str]: ...

    @abstractmethod
    async def backup_to(self, target: Path) -> Path: ...

    @abstractmethod
    async def compact(self) -> None:
        """Leave no trace of deleted rows in the storage the bot controls."""

    @abstractmethod
    async def checkpoint(self) -> None:
        """After a forget: deleted data leaves the write-ahead log / dead rows where possible."""

    @abstractmethod
    async def size_bytes(self) -> int: ...

    @abstractmethod
    async def close(self) -> None: ...

    def describe(self) -> str:
        """Where the data is, for logs and messages (never a password)."""
        return self.dialect
