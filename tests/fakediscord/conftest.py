"""Fixtures for the fake's own tests: a bare discord.py client running against the fake."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import discord
import pytest
import pytest_asyncio
from discord.ext import commands

from .faults import FakeDiscord
from .fixtures import fake_discord

__all__ = ["fake_discord"]


async def start_client(
    client: discord.Client,
    token: str = "test-token",
    timeout: float = 5,
) -> asyncio.Task[None]:
    """Start ``client`` and wait for on_ready; raises whatever start() raised instead."""
    task = asyncio.create_task(client.start(token))
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait(
        {task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    if task in done:
        ready.cancel()
        await client.close()
        task.result()  # raises the failure
        raise AssertionError("client stopped before READY")
    if ready not in done:
        ready.cancel()
        await stop_client(client, task)
        raise AssertionError("client did not become ready")
    return task


async def stop_client(client: discord.Client, task: asyncio.Task[None]) -> None:
    await client.close()
    with contextlib.suppress(Exception, asyncio.CancelledError):
        await asyncio.wait_for(task, 5)


def make_intents() -> discord.Intents:
    intents = discord.Intents.default()
    intents.members = True
    intents.message_content = True
    return intents


@pytest.fixture
def world(fake_discord: FakeDiscord) -> dict[str, object]:
    fake = fake_discord
    alice = fake.create_user("alice", locale="de")
    bob = fake.create_user("bob")
    guild = fake.create_guild("Test Server", owner=alice, locale="de")
    fake.add_member(guild, bob)
    general = fake.create_text_channel(guild, "general")
    return {"alice": alice, "bob": bob, "guild": guild, "general": general}


@pytest_asyncio.fixture
async def bot(fake_discord: FakeDiscord, world: dict[str, object]) -> AsyncIterator[commands.Bot]:
    client = commands.Bot(command_prefix="!", intents=make_intents(), guild_ready_timeout=0.05)
    task = await start_client(client)
    try:
        yield client
    finally:
        await stop_client(client, task)
