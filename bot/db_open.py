"""Opening the database: an SQLite file or, for a ``postgresql://`` address, PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.database import Database, Migration, is_postgres_url


async def open_database(
    target: str | Path,
    *,
    migrations: Sequence[Migration] | None = None,
    backup_dir: Path | None = None,
) -> Database:
    """Open (creating if needed), configure and migrate: a ``postgresql://`` address opens
    PostgreSQL, anything else is an SQLite file. Raises DatabaseStartupError."""
    if is_postgres_url(target):
        from bot.db_postgres import PostgresDatabase

        return await PostgresDatabase.open_url(str(target), migrations=migrations)
    from bot.db_sqlite import SqliteDatabase

    return await SqliteDatabase.open_file(
        Path(target), migrations=migrations, backup_dir=backup_dir
    )
