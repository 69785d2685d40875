"""pytest fixtures; import into a conftest: ``from tests.fakediscord.fixtures import fake_discord``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest_asyncio

from .faults import FakeDiscord


@asynccontextmanager
async def serving(fake: FakeDiscord) -> AsyncIterator[FakeDiscord]:
    """``fake`` started with discord.py redirected to it; afterwards stopped, and failing on
    unmodelled requests."""
    await fake.start()
    undo = fake.redirect_discord_py()
    try:
        yield fake
    finally:
        undo()
        await fake.stop()
    fake.assert_all_modelled()


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with discord.py redirected to it; fails on unmodelled requests."""
    async with serving(FakeDiscord()) as fake:
        yield fake
