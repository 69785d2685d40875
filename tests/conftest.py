"""Shared fixtures: a real database on a temporary file (or, for tests marked ``postgres``, also
in a fresh PostgreSQL database), settings, a bot (not connected)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.database import Database
from bot.db_open import open_database
from tests import pg

pytest_plugins = ["tests.fakediscord.fixtures"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked ``postgres`` runs once per backend; the others on SQLite only, or, with
    ``TEST_BACKEND=postgres``, every test with a database on PostgreSQL only (a longer run)."""
    if "backend" not in metafunc.fixturenames:
        return
    if os.environ.get("TEST_BACKEND") == "postgres":
        metafunc.parametrize("backend", ["postgres"])
    elif metafunc.definition.get_closest_marker("postgres"):
        metafunc.parametrize("backend", ["sqlite", "postgres"])


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def database_url(backend: str) -> Iterator[str | None]:
    """A fresh PostgreSQL database's address for the ``postgres`` run, else None (SQLite)."""
    if backend != "postgres":
        yield None
        return
    url, name = pg.fresh_database()
    yield url
    pg.drop_database(name)


def pytest_sessionfinish(session: pytest.Session) -> None:
    pg.drop_template()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if pg.SKIP_REASON in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_line(
            f"NOTICE: {len(skipped)} test runs on PostgreSQL were skipped: no server "
            "(install PostgreSQL, or set TEST_DATABASE_URL).",
            yellow=True,
        )


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(
        discord_token="test-token",
        database_path=tmp_path / "bot.sqlite3",
        database_url=database_url,
        backup_dir=tmp_path / "backups",
        default_locale="en",
    )


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Database]:
    database = await open_database(settings.database_target, backup_dir=settings.backup_dir)
    yield database
    await database.close()


@pytest.fixture
async def loaded_bot(settings: Settings, db: Database) -> AsyncIterator[Any]:
    """The bot with every feature loaded, never connected. Afterwards the features are unloaded
    and every task they started is ended and its result collected: a task whose failure nobody
    retrieved is reported from the garbage collector, at a random later moment of the run."""
    from bot.core import Bot
    from bot.moderation import appeals

    bot = Bot(settings, db)
    appeals.register(bot)
    await bot.load_features()
    yield bot
    for name in tuple(bot.extensions):
        await bot.unload_extension(name)
    stray = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in stray:
        task.cancel()
    await asyncio.gather(*stray, return_exceptions=True)
