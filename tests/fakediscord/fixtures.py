"""pytest fixtures; import into a conftest: ``from tests.fakediscord.fixtures import fake_discord``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .faults import FakeDiscord


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with discord.py redirected to it; fails on unmodelled requests."""
    fake = FakeDiscord()
    await fake.start()
    undo = fake.redirect_discord_py()
    try:
        yield fake
    finally:
        undo()
        await fake.stop()
    fake.assert_all_modelled()
