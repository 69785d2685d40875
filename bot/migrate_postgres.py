"""Copy the bot's SQLite database into PostgreSQL: ``python -m bot migrate-to-postgres URL``.

Both sides are opened the usual way, so both are at the current schema (the SQLite file gets its
pre-migration backup when it is older). Tables are copied parents first (the order comes from
SQLite's foreign keys), each in one PostgreSQL transaction, in batches through ``COPY``. Every
value must fit its PostgreSQL column as it is: nothing is converted, a value that does not fit
stops the copy with the table, column and row named. A column referring to its own table is
copied empty and filled in afterwards, so the rows' order does not matter. Each identity column's
sequence is set past the largest id copied (and past SQLite's AUTOINCREMENT counter, so the ids
of deleted rows are not given out again). Afterwards each table is read back and compared: row
count, and a SHA-256 over its rows in primary-key order, computed the same way on both sides.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from bot.database import Database, is_postgres_url
from bot.db_open import open_database

BATCH_ROWS = 10_000
INT_RANGES = {"bigint": 63, "integer": 31, "smallint": 15}
# What each PostgreSQL column type takes, as Python gives SQLite's values; None is always allowed
# here (NOT NULL is PostgreSQL's to check).
PYTHON_TYPES: dict[str, type] = {
    "bigint": int,
    "integer": int,
    "smallint": int,
    "text": str,
    "character varying": str,
    "double precision": float,
    "real": float,
    "bytea": bytes,
}
TEXT_TYPES = ("text", "character varying")


class MigrationError(Exception):
    """The copy cannot start or go on; the message says why (no traceback is shown)."""


@dataclass
class TableResult:
    name: str
    rows: int
    source_sum: str
    target_rows: int = -1
    target_sum: str = ""

    @property
    def ok(self) -> bool:
        return self.rows == self.target_rows and self.source_sum == self.target_sum


@dataclass
class TablePlan:
    name: str
    columns: list[str]  # in SQLite's order
    types: dict[str, str]  # PostgreSQL's data_type per column
    key: list[str]  # the primary key's columns, or every column
    self_refs: list[str] = field(default_factory=list)  # columns referring to this table
    identity: str | None = None
    autoincrement: int | None = None  # SQLite's sqlite_sequence counter


@dataclass
class Outcome:
    tables: list[TableResult]
    seconds: float
    backup: Path | None

    @property
    def differing(self) -> list[str]:
        return [t.name for t in self.tables if not t.ok]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _extra(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, asyncpg.Record):
        return list(value)
    raise TypeError(f"cannot checksum a {type(value).__name__}")


# One row as canonical JSON: ints, floats (json writes them with repr), text, bytes as hex
# (marked, so they never equal a text), None.
_ROW_JSON = json.JSONEncoder(
    default=_extra, separators=(",", ":"), ensure_ascii=True, check_circular=False
).encode


def checksum_update(digest: Any, rows: Sequence[Any]) -> None:
    """Feed rows to ``digest``: one JSON line each, so batch boundaries do not matter."""
    if rows:
        digest.update(("\n".join(map(_ROW_JSON, rows)) + "\n").encode())


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _order_by(plan: TablePlan, dialect: str) -> str:
    """Both engines order text by its bytes (SQLite's BINARY, PostgreSQL's "C"), numbers by
    value, NULLs first."""
    parts = []
    for column in plan.key:
        if dialect == "sqlite":
            parts.append(f"{quote(column)} COLLATE BINARY")
        elif plan.types[column] in TEXT_TYPES:
            parts.append(f'{quote(column)} COLLATE "C" NULLS FIRST')
        else:
            parts.append(f"{quote(column)} NULLS FIRST")
    return ", ".join(parts)


def _select(plan: TablePlan, dialect: str) -> str:
    columns = ", ".join(quote(c) for c in plan.columns)
    return f"SELECT {columns} FROM {quote(plan.name)} ORDER BY {_order_by(plan, dialect)}"


def parents_first(parents: dict[str, set[str]]) -> list[str]:
    """Tables ordered so each comes after the tables it refers to (a table's references to
    itself aside); alphabetical where the order is free."""
    order: list[str] = []
    done: set[str] = set()
    waiting = {table: refs - {table} for table, refs in parents.items()}
    while waiting:
        ready = sorted(t for t, refs in waiting.items() if refs <= done)
        if not ready:
            raise MigrationError(f"the foreign keys of {', '.join(sorted(waiting))} form a cycle")
        for table in ready:
            order.append(table)
            done.add(table)
            del waiting[table]
    return order


def _validator(plan: TablePlan) -> Callable[[list[tuple[Any, ...]]], None]:
    """A check that every value of a batch fits its PostgreSQL column, without converting."""
    checks: list[tuple[int, str, type, int | None, bool]] = []
    for index, column in enumerate(plan.columns):
        kind = plan.types[column]
        if kind in PYTHON_TYPES:
            bits = INT_RANGES.get(kind)
            checks.append((index, column, PYTHON_TYPES[kind], bits, kind in TEXT_TYPES))

    def fail(row: tuple[Any, ...], column: str, kind: str, why: str) -> None:
        where = ", ".join(f"{c}={row[plan.columns.index(c)]!r}" for c in plan.key[:4])
        raise MigrationError(
            f"Table {plan.name}, column {column} (PostgreSQL type {kind}): the row with "
            f"{where} holds {why}. Nothing is converted; correct the value in the SQLite "
            "file (or remove the row) and run the migration again."
        )

    def check(rows: list[tuple[Any, ...]]) -> None:
        for index, column, wanted, bits, text in checks:
            kind = plan.types[column]
            for row in rows:
                value = row[index]
                if value is None:
                    continue
                if type(value) is not wanted:
                    fail(row, column, kind, f"a value of type {_sqlite_type(value)}")
                if bits is not None and not -(1 << bits) <= value < (1 << bits):
                    fail(row, column, kind, f"the number {value}, too large for it")
                if text and "\x00" in value:
                    fail(row, column, kind, "a text with a NUL character, which it cannot hold")

    return check


def _sqlite_type(value: Any) -> str:
    return {int: "INTEGER", float: "REAL", str: "TEXT", bytes: "BLOB"}.get(
        type(value), type(value).__name__
    )


async def _plan(source: Database, target: Database) -> list[TablePlan]:
    """Tables in foreign-key order with what the copy needs to know of each."""
    if source.schema_version != target.schema_version:
        raise MigrationError(
            f"The SQLite file is at schema version {source.schema_version}, PostgreSQL at "
            f"{target.schema_version}; both must be at the same version."
        )
    names = await source.tables()
    if set(names) != set(await target.tables()):
        raise MigrationError("The SQLite file and PostgreSQL hold different tables.")
    sequences: dict[str, int] = {}
    if await source.fetchone("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"):
        for row in await source.fetchall("SELECT name, seq FROM sqlite_sequence"):
            sequences[str(row[0])] = int(row[1])
    parents: dict[str, set[str]] = {}
    plans: dict[str, TablePlan] = {}
    for name in names:
        columns = await source.columns(name)
        type_rows = await target.fetchall(
            "SELECT column_name, data_type, is_identity FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (name,),
        )
        types = {str(r[0]): str(r[1]) for r in type_rows}
        if set(types) != set(columns):
            raise MigrationError(f"Table {name} has different columns in SQLite and PostgreSQL.")
        key_rows = await source.fetchall(
            "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", (name,)
        )
        refs = await source.fetchall(
            'SELECT "table", "from" FROM pragma_foreign_key_list(?)', (name,)
        )
        parents[name] = {str(r[0]) for r in refs}
        identity = next((str(r[0]) for r in type_rows if r[2] == "YES"), None)
        plans[name] = TablePlan(
            name,
            columns,
            types,
            [str(r[0]) for r in key_rows] or list(columns),
            sorted({str(r[1]) for r in refs if r[0] == name}),
            identity,
            sequences.get(name),
        )
    return [plans[name] for name in parents_first(parents)]


async def _is_empty(conn: asyncpg.Connection, plans: list[TablePlan]) -> list[str]:
    filled = []
    for plan in plans:
        if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {quote(plan.name)})"):
            filled.append(plan.name)
    return filled


async def _copy_table(
    reader: sqlite3.Connection, conn: asyncpg.Connection, plan: TablePlan, batch: int
) -> TableResult:
    from bot.db_postgres import WRITE_LOCK

    digest = hashlib.sha256()
    count = 0
    check = _validator(plan)
    refs = [plan.columns.index(c) for c in plan.self_refs]
    keys = [plan.columns.index(c) for c in plan.key]
    later: list[tuple[Any, ...]] = []  # (self-reference values..., key values...)
    cursor = reader.execute(_select(plan, "sqlite"))

    def fetch() -> list[tuple[Any, ...]]:
        try:
            return cursor.fetchmany(batch)
        except sqlite3.Error as exc:
            raise MigrationError(f"Table {plan.name}: SQLite could not read a row: {exc}") from None

    # the next batch is read from the file while PostgreSQL takes the current one
    pending = asyncio.ensure_future(asyncio.to_thread(fetch))
    try:
        async with conn.transaction():
            await conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            while rows := await pending:
                pending = asyncio.ensure_future(asyncio.to_thread(fetch))
                check(rows)
                checksum_update(digest, rows)
                count += len(rows)
                records = rows
                if refs:  # copied empty, filled in once every row is there
                    later += [
                        tuple(row[i] for i in refs) + tuple(row[i] for i in keys)
                        for row in rows
                        if any(row[i] is not None for i in refs)
                    ]
                    records = [
                        tuple(None if i in refs else v for i, v in enumerate(row)) for row in rows
                    ]
                await conn.copy_records_to_table(plan.name, records=records, columns=plan.columns)
            if later:
                sets = ", ".join(f"{quote(c)} = ${n}" for n, c in enumerate(plan.self_refs, 1))
                where = " AND ".join(
                    f"{quote(c)} = ${n}" for n, c in enumerate(plan.key, len(refs) + 1)
                )
                await conn.executemany(f"UPDATE {quote(plan.name)} SET {sets} WHERE {where}", later)
            if plan.identity is not None:
                await _move_sequence(conn, plan)
    except (asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        detail = getattr(exc, "detail", None)
        raise MigrationError(
            f"Table {plan.name}: PostgreSQL refused a row: {exc}"
            + (f" ({detail})" if detail else "")
        ) from None
    finally:
        with contextlib.suppress(Exception):
            await pending  # the reading thread is done with the file before it is closed
        cursor.close()
    return TableResult(plan.name, count, digest.hexdigest())


async def _move_sequence(conn: asyncpg.Connection, plan: TablePlan) -> None:
    """New rows get ids past every copied one (and past SQLite's AUTOINCREMENT counter)."""
    assert plan.identity is not None
    largest = await conn.fetchval(f"SELECT max({quote(plan.identity)}) FROM {quote(plan.name)}")
    values = [v for v in (largest, plan.autoincrement) if v is not None]
    if values:  # an empty table keeps its sequence at the start
        await conn.execute(
            "SELECT setval(pg_get_serial_sequence($1, $2), $3)",
            quote(plan.name),
            plan.identity,
            max(values),
        )


async def _read_back(conn: asyncpg.Connection, plan: TablePlan, batch: int) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    async with conn.transaction(readonly=True):
        cursor = await conn.cursor(_select(plan, "postgresql"))
        while rows := await cursor.fetch(batch):
            checksum_update(digest, [tuple(r) for r in rows])
            count += len(rows)
    return count, digest.hexdigest()


async def migrate(
    source: Path,
    url: str,
    *,
    into_non_empty: bool = False,
    backup_dir: Path | None = None,
    batch: int = BATCH_ROWS,
    report: Callable[[str], None] = print,
) -> Outcome:
    """Copy ``source`` (an SQLite file) into the PostgreSQL database at ``url`` and compare.
    Raises MigrationError for bad input, DatabaseStartupError when a side cannot be opened."""
    from bot.db_postgres import WRITE_LOCK, connect, safe_url

    if not is_postgres_url(url):
        raise MigrationError("DATABASE_URL must be a postgresql:// address.")
    if not Path(source).is_file():
        raise MigrationError(f"There is no SQLite database at {source}.")
    started = time.monotonic()
    sqlite_db = await open_database(Path(source), backup_dir=backup_dir)
    try:
        backup = sqlite_db.backup_before_migration
        if backup is not None:
            report(f"Backed up the SQLite file before migrating it: {backup}")
        postgres_db = await open_database(url)
        try:
            plans = await _plan(sqlite_db, postgres_db)
        finally:
            await postgres_db.close()
    finally:
        await sqlite_db.close()
    report(f"Copying SQLite at {source} into PostgreSQL at {safe_url(url)}")
    conn = await connect(url)
    reader = sqlite3.connect(
        Path(source).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
    )
    try:
        filled = await _is_empty(conn, plans)
        if filled and not into_non_empty:
            some = ", ".join(filled[:5]) + (
                f" and {len(filled) - 5} more" if len(filled) > 5 else ""
            )
            raise MigrationError(
                f"PostgreSQL at {safe_url(url)} already holds data (in {some}). "
                "Use an empty database, or add --into-non-empty to replace those rows."
            )
        if filled:
            async with conn.transaction():
                await conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                await conn.execute("TRUNCATE " + ", ".join(quote(p.name) for p in plans))
            report(f"Deleted the rows already there ({', '.join(filled)}).")
        reader.execute("BEGIN")  # one snapshot of the file for every table
        results: list[TableResult] = []
        for plan in plans:
            try:
                result = await _copy_table(reader, conn, plan, batch)
            except MigrationError as exc:
                if results:
                    raise MigrationError(
                        f"{exc}\nThe tables copied before {plan.name} stay in PostgreSQL: run "
                        "the migration again with --into-non-empty."
                    ) from None
                raise
            result.target_rows, result.target_sum = await _read_back(conn, plan, batch)
            state = "checksum ok" if result.ok else "DIFFERS"
            report(f"{plan.name:<28} {result.rows:>10} rows  {state}")
            results.append(result)
    finally:
        reader.close()
        await conn.close()
    return Outcome(results, time.monotonic() - started, backup)
