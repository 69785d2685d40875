"""Shared fixtures: a real database on a temporary file, settings, a bot (not connected)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.database import Database

pytest_plugins = ["tests.fakediscord.fixtures"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        discord_token="test-token",
        database_path=tmp_path / "bot.sqlite3",
        backup_dir=tmp_path / "backups",
        default_locale="en",
    )


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Database]:
    database = await Database.open(settings.database_path, backup_dir=settings.backup_dir)
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
