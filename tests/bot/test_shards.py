"""Which process owns a guild, the shard settings, and identifies that take turns per bucket."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import pytest

from bot import repository
from bot.config import ConfigError, load_settings
from bot.database import Database
from bot.shards import IdentifyGate, Ownership, parse, shard_of


def guild_on(shard: int, count: int) -> int:
    return ((1_000_000 * count + shard) << 22) | 12345


def test_a_guild_belongs_to_the_shard_discord_sends_it_to():
    assert shard_of(guild_on(3, 4), 4) == 3
    assert shard_of(None, 4) == 0  # direct messages
    both = Ownership(4, (2, 3))
    assert both.partial and both.owns(guild_on(2, 4)) and not both.owns(guild_on(1, 4))
    assert not both.owns(None) and Ownership(4, (0, 1)).owns(None)
    assert Ownership(4).owns(guild_on(1, 4)) and not Ownership(4).partial
    assert both.owned([guild_on(0, 4), guild_on(3, 4)]) == [guild_on(3, 4)]


def test_shard_settings_are_checked():
    assert parse(None, None, server_database=False) is None
    assert parse("4", None, server_database=False) == Ownership(4)
    assert parse("4", "3, 2,", server_database=True) == Ownership(4, (2, 3))
    assert parse("2", "0,1", server_database=False) == Ownership(2, (0, 1))  # all of them
    auto = parse("AUTO", None, server_database=False)
    assert auto is not None and auto.automatic and not auto.partial and auto.owns(guild_on(3, 4))
    for count, ids in (
        ("x", None),
        ("0", None),
        (None, "1"),
        ("4", "4"),
        ("4", "a"),
        ("4", ","),
        ("auto", "0"),
    ):
        with pytest.raises(ValueError):
            parse(count, ids, server_database=True)
    with pytest.raises(ValueError, match="PostgreSQL"):
        parse("4", "0,1", server_database=False)


def test_only_some_shards_with_sqlite_is_refused_with_a_clear_message():
    with pytest.raises(ConfigError, match="needs PostgreSQL"):
        load_settings(environ={"SHARD_COUNT": "4", "SHARD_IDS": "0,1"}, env_file=None)
    settings = load_settings(
        environ={
            "SHARD_COUNT": "4",
            "SHARD_IDS": "2,3",
            "DATABASE_URL": "postgresql://bot@db/community",
        },
        env_file=None,
    )
    assert settings.shards == Ownership(4, (2, 3))


@pytest.mark.postgres
async def test_identifies_of_one_bucket_take_turns_across_processes_and_buckets_run_at_once(
    db: Database,
):
    """Two processes (two gates) reserve turns in one database: a bucket's identifies are a
    window apart whoever asks, another bucket does not wait, and a turn reserved by a process
    that died still counts for the one that replaces it."""

    def reserve(bucket: int, window: float) -> Awaitable[float]:
        return repository.reserve_identify_turn(db, bucket, window, clock[0])

    clock = [1000.0]
    first = IdentifyGate(2, reserve=reserve, window=5.5)
    second = IdentifyGate(2, reserve=reserve, window=5.5)
    assert await reserve(first.bucket(0), 5.5) == 0  # shard 0, bucket 0: at once
    assert await reserve(first.bucket(1), 5.5) == 0  # bucket 1: at once too
    assert await reserve(second.bucket(2), 5.5) == 5.5  # bucket 0 again: after the window
    clock[0] += 1.0  # the process that reserved it dies; a new one asks a second later
    third = IdentifyGate(2, reserve=reserve, window=5.5)
    assert await reserve(third.bucket(0), 5.5) == 10.0  # after the dead process's turn
    clock[0] += 60.0
    assert await reserve(third.bucket(2), 5.5) == 0  # long after: at once


async def test_one_process_alone_also_spaces_a_buckets_identifies():
    gate = IdentifyGate(1, window=0.05)
    order: list[str] = []

    async def identify(name: str, shard: int) -> None:
        await gate.wait_turn(shard)
        order.append(name)

    await identify("a", 0)
    later = asyncio.ensure_future(identify("b", 1))  # bucket 0 too (max_concurrency 1)
    await asyncio.sleep(0)
    assert order == ["a"] and not later.done()
    await asyncio.wait_for(later, 10)
    assert order == ["a", "b"]
