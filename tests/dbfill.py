"""Fill every table of an SQLite database of the bot's schema with a few rows, generically.

Rows are made from the catalog: tables parents first (by their foreign keys), each value from the
column's type, a foreign key pointing at the parent's row of the same number, a column limited by
``CHECK (col IN (...))``, ``BETWEEN``, ``>=`` or ``=`` given an allowed value (read from the
table's ``CREATE TABLE`` text). A column referring to its own table points at the table's next row
(set once that row exists). A table whose rows need more than that has them in ``OVERRIDES``; a new
table is filled without any change here, unless its constraints are of a new kind.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Columns whose value the generic rules cannot choose: table -> column -> value.
OVERRIDES: dict[str, dict[str, Any]] = {
    # CHECK ((channel_id IS NULL) != (user_id IS NULL)): a post to a channel
    "outbox": {"user_id": None},
}

_IN = re.compile(r"CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)", re.IGNORECASE)
_BETWEEN = re.compile(r"CHECK\s*\(\s*(\w+)\s+BETWEEN\s+(-?\d+)\s+AND", re.IGNORECASE)
_COMPARE = re.compile(r"CHECK\s*\(\s*(\w+)\s*(?:>=|=)\s*(-?\d+)\s*\)", re.IGNORECASE)


def _literal(text: str) -> Any:
    text = text.strip()
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    return int(text)


def allowed_values(create_sql: str) -> dict[str, list[Any]]:
    """The values CHECK constraints allow, per column (the first ones the rules understand)."""
    allowed: dict[str, list[Any]] = {}
    for match in _IN.finditer(create_sql):
        allowed.setdefault(match.group(1), [_literal(v) for v in match.group(2).split(",")])
    for pattern in (_BETWEEN, _COMPARE):
        for match in pattern.finditer(create_sql):
            allowed.setdefault(match.group(1), [int(match.group(2))])
    return allowed


def tables_parents_first(conn: sqlite3.Connection) -> list[str]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    parents = {
        name: {
            r[0] for r in conn.execute('SELECT "table" FROM pragma_foreign_key_list(?)', (name,))
        }
        - {name}
        for name in names
    }
    order: list[str] = []
    while len(order) < len(names):
        ready = [n for n in names if n not in order and parents[n] <= set(order)]
        if not ready:
            raise RuntimeError("foreign keys form a cycle")
        order += ready
    return order


def _value(table: str, column: str, kind: str, n: int) -> Any:
    kind = kind.upper()
    if "INT" in kind:
        return 10**17 + 1000 * n + len(column) if column.endswith("_id") else 3 + n
    if "REAL" in kind or "FLOA" in kind or "DOUB" in kind:
        return 0.1 * (n + 1) + 1 / 3
    if "BLOB" in kind:
        return bytes([0, 255, n, len(table)])
    return f"{table}.{column} {n} — ü'\"✓"


def fill(path: Path, rows: int = 2) -> dict[str, int]:
    """Insert ``rows`` rows into every table; returns each table's row count."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        for table in tables_parents_first(conn):
            fill_table(conn, table, rows)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"the filled rows break foreign keys: {problems}")
        conn.execute("COMMIT")
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables_parents_first(conn)
        }
    finally:
        conn.close()


def fill_table(conn: sqlite3.Connection, table: str, rows: int) -> None:
    (create_sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    allowed = allowed_values(create_sql)
    columns = conn.execute(
        "SELECT name, type FROM pragma_table_info(?) ORDER BY cid", (table,)
    ).fetchall()
    refs = {
        r[3]: (r[2], r[4])  # column -> (parent table, parent column)
        for r in conn.execute(
            'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?)', (table,)
        )
    }
    names = [c[0] for c in columns]
    for n in range(rows):
        values = []
        for name, kind in columns:
            if name in OVERRIDES.get(table, {}):
                values.append(OVERRIDES[table][name])
            elif name in refs and refs[name][0] == table:
                values.append(None)  # set below, once the next row exists
            elif name in refs:
                parent, parent_column = refs[name]
                values.append(_nth(conn, parent, parent_column, n))
            elif name in allowed:
                values.append(allowed[name][n % len(allowed[name])])
            else:
                values.append(_value(table, name, kind, n))
        placeholders = ", ".join("?" for _ in names)
        quoted = ", ".join(f'"{c}"' for c in names)
        conn.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ({placeholders})', values)
    for column, (parent, parent_column) in refs.items():
        if parent != table:
            continue
        keys = _column(conn, table, parent_column)
        for here, there in itertools.pairwise(keys):
            conn.execute(
                f'UPDATE "{table}" SET "{column}" = ? WHERE "{parent_column}" = ?', (there, here)
            )


def _column(conn: sqlite3.Connection, table: str, column: str) -> list[Any]:
    return [r[0] for r in conn.execute(f'SELECT "{column}" FROM "{table}" ORDER BY "{column}"')]


def _nth(conn: sqlite3.Connection, table: str, column: str, n: int) -> Any:
    values = _column(conn, table, column)
    if not values:
        raise RuntimeError(f"{table} has no row to refer to")
    return values[n % len(values)]


def counts(path: Path, tables: Iterable[str]) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
