"""Shared fixtures: a real database on a temporary file, settings, a bot (not connected)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

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
