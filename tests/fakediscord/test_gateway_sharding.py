"""Sharding: shard checks on IDENTIFY, the identify limit per bucket, sessions per shard, events
routed to the shard owning their guild, GET /gateway/bot, discord.py's AutoShardedClient."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
import pytest_asyncio

from .conftest import make_intents, start_client, stop_client
from .faults import FakeDiscord
from .fixtures import serving

WINDOW = 0.3  # the fake's identify window in these tests (Discord: 5 s)


class IdentifyBuckets:
    """What a bot running shards in several processes shares: one identify per bucket
    (``shard_id % max_concurrency``) per window."""

    def __init__(self, max_concurrency: int, window: float) -> None:
        self.max_concurrency = max_concurrency
        self.window = window + 0.05  # the fake measures on arrival, a little later
        self.last: dict[int, float] = {}
        self.locks: dict[int, asyncio.Lock] = {}

    async def wait_turn(self, shard_id: int) -> None:
        bucket = shard_id % self.max_concurrency
        async with self.locks.setdefault(bucket, asyncio.Lock()):
            last = self.last.get(bucket)
            if last is not None:
                await asyncio.sleep(max(0.0, last + self.window - time.monotonic()))
            self.last[bucket] = time.monotonic()


class ShardedClient(discord.AutoShardedClient):
    """An AutoShardedClient that waits for its bucket instead of discord.py's fixed 5 s, and
    records the messages it receives as (guild id or None, content)."""

    def __init__(self, buckets: IdentifyBuckets, **options: Any) -> None:
        super().__init__(intents=make_intents(), guild_ready_timeout=0.05, **options)
        self.buckets = buckets
        self.seen: list[tuple[int | None, str]] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        await self.buckets.wait_turn(shard_id or 0)

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append((message.guild.id if message.guild else None, message.content))


@pytest_asyncio.fixture
async def sharded() -> AsyncIterator[FakeDiscord]:
    """A fake requiring 4 shards, identifying 2 at once (buckets 0 and 1)."""
    async with serving(
        FakeDiscord(shard_count=4, max_concurrency=2, identify_window=WINDOW)
    ) as fake:
        yield fake


def _world(fake: FakeDiscord) -> dict[str, Any]:
    """One guild with a channel on each shard; alice is in all of them."""
    alice = fake.create_user("alice")
    guilds = [fake.create_guild(f"Shard {i}", owner=alice, shard=i) for i in range(4)]
    channels = [fake.create_text_channel(g, "general") for g in guilds]
    return {"alice": alice, "guilds": guilds, "channels": channels}


def _ready(fake: FakeDiscord, shard_id: int) -> dict[str, Any]:
    s = fake.gateway.sessions[shard_id]
    return next(p["d"] for p in s.history if p["t"] == "READY")


async def test_guild_ids_on_a_chosen_shard(sharded: FakeDiscord) -> None:
    fake = sharded
    ids = [fake.guild_id_on_shard(i % 4) for i in range(12)]
    assert [(gid >> 22) % 4 for gid in ids] == [i % 4 for i in range(12)]
    assert ids == sorted(set(ids))  # unique and increasing, like Discord's snowflakes
    assert fake.world.snowflake() > ids[-1]
    assert (fake.guild_id_on_shard(5, 8) >> 22) % 8 == 5
    guild = fake.create_guild("On 3", shard=3)
    assert fake.guild_shard(guild.id) == 3
    guild = fake.create_guild("On 6 of 7", shard=6, shard_count=7)
    assert (guild.id >> 22) % 7 == 6


async def test_two_clients_split_the_shards(sharded: FakeDiscord) -> None:
    fake = sharded
    w = _world(fake)
    guilds, channels, alice = w["guilds"], w["channels"], w["alice"]
    buckets = IdentifyBuckets(fake.max_concurrency, WINDOW)
    first = ShardedClient(buckets, shard_ids=[0, 1], shard_count=4)
    second = ShardedClient(buckets, shard_ids=[2, 3], shard_count=4)
    tasks = [await start_client(first), await start_client(second)]
    try:
        assert fake.connected_shards == {0, 1, 2, 3}
        assert {g.id for g in first.guilds} == {guilds[0].id, guilds[1].id}
        assert {g.id for g in second.guilds} == {guilds[2].id, guilds[3].id}
        for shard_id in range(4):
            ready = _ready(fake, shard_id)
            assert ready["shard"] == [shard_id, 4]
            assert [g["id"] for g in ready["guilds"]] == [str(guilds[shard_id].id)]
        # buckets 0 and 1 identified at once; shards 2 and 3 waited for their bucket
        assert fake.identify_refusals == 0
        at = dict(fake.identifies)
        assert sorted(at) == [0, 1, 2, 3]
        assert abs(at[1] - at[0]) < WINDOW
        assert at[2] - at[0] >= WINDOW and at[3] - at[1] >= WINDOW

        await fake.send_message(alice, channels[2], "to shard 2")
        await fake.send_message(alice, fake.dm_channel(alice), "a DM")
        await fake.send_message(alice, channels[1], "sync 1")
        await fake.send_message(alice, channels[3], "sync 3")
        await fake.wait_for(lambda: len(first.seen) == 2 and len(second.seen) == 2)
        assert first.seen == [(None, "a DM"), (guilds[1].id, "sync 1")]
        assert second.seen == [(guilds[2].id, "to shard 2"), (guilds[3].id, "sync 3")]
        history = {sid: [p["t"] for p in s.history] for sid, s in fake.gateway.sessions.items()}
        assert history[0].count("MESSAGE_CREATE") == 1  # the DM
        assert history[1].count("MESSAGE_CREATE") == 1
        assert history[2].count("MESSAGE_CREATE") == 1
    finally:
        for client, task in zip((first, second), tasks, strict=True):
            await stop_client(client, task)


async def test_a_shard_resumes_alone(sharded: FakeDiscord) -> None:
    fake = sharded
    w = _world(fake)
    buckets = IdentifyBuckets(fake.max_concurrency, WINDOW)
    client = ShardedClient(buckets, shard_count=4)
    task = await start_client(client)
    try:
        sessions = dict(fake.gateway.sessions)
        async with fake.offline(shard_id=2):
            assert fake.connected_shards == {0, 1, 3}
            await fake.send_message(w["alice"], w["channels"][2], "while shard 2 is away")
            await fake.send_message(w["alice"], w["channels"][1], "shard 1 is here")
        await fake.wait_for(lambda: len(client.seen) == 2)
        assert sorted(c for _, c in client.seen) == ["shard 1 is here", "while shard 2 is away"]
        assert fake.resume_count == 1 and fake.identify_count == 4
        assert fake.gateway.sessions == sessions  # the same sessions, resumed
        await fake.drop_connection(shard_id=3)
        await fake.wait_for(lambda: fake.resume_count == 2 and fake.shard_connected(3))
        assert fake.connected
    finally:
        await stop_client(client, task)


async def test_shard_count_from_gateway_bot(sharded: FakeDiscord) -> None:
    fake = sharded
    w = _world(fake)
    headers = {"Authorization": f"Bot {fake.token}"}
    url = f"{fake.base_url}/gateway/bot"
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as resp:
        body = await resp.json()
    assert body["url"] == fake.gateway_url.rstrip("/")
    assert body["shards"] == 4
    assert body["session_start_limit"]["max_concurrency"] == 2
    assert {"total", "remaining", "reset_after"} <= set(body["session_start_limit"])

    buckets = IdentifyBuckets(fake.max_concurrency, WINDOW)
    client = ShardedClient(buckets)  # shard_count=None: asks GET /gateway/bot
    task = await start_client(client)
    try:
        assert client.shard_count == 4
        assert sorted(client.shards) == [0, 1, 2, 3]
        assert len(fake.requests_to("GET", r"^/gateway/bot$")) == 2
        assert fake.connected_shards == {0, 1, 2, 3}
        assert {g.id for g in client.guilds} == {g.id for g in w["guilds"]}
        assert client.get_guild(w["guilds"][3].id).shard_id == 3  # type: ignore[union-attr]
    finally:
        await stop_client(client, task)


async def _refused(fake: FakeDiscord, shard: Any) -> tuple[int | None, Any]:
    """Identify on a raw socket: (close code, first payload after HELLO or None)."""
    d: dict[str, Any] = {"token": fake.token, "intents": 513, "properties": {}}
    if shard is not None:
        d["shard"] = shard
    async with aiohttp.ClientSession() as http, http.ws_connect(fake.gateway_url) as ws:
        assert json.loads((await ws.receive()).data)["op"] == 10
        await ws.send_json({"op": 2, "d": d})
        msg = await ws.receive(timeout=5)
        if msg.type == aiohttp.WSMsgType.TEXT:
            return None, json.loads(msg.data)
        return ws.close_code, None


async def test_bad_shards_are_refused(sharded: FakeDiscord) -> None:
    fake = sharded
    for shard in ([4, 4], [0, 2], [-1, 4], [1], "0,4"):
        assert await _refused(fake, shard) == (4010, None), shard
    assert await _refused(fake, None) == (4011, None)
    assert fake.identify_count == 0 and fake.identifies == []


async def test_identifies_are_limited_per_bucket(sharded: FakeDiscord) -> None:
    fake = sharded
    _world(fake)
    code, ready = await _refused(fake, [0, 4])
    assert code is None and ready["t"] == "READY" and ready["d"]["shard"] == [0, 4]
    code, ready = await _refused(fake, [1, 4])  # bucket 1: at once
    assert code is None and ready["t"] == "READY"
    for shard_id in (2, 0):  # bucket 0 again within the window
        assert await _refused(fake, [shard_id, 4]) == (
            None,
            {"op": 9, "s": None, "t": None, "d": False},
        )
    assert fake.identify_refusals == 2
    assert [sid for sid, _ in fake.identifies] == [0, 1]
    await asyncio.sleep(WINDOW)
    code, ready = await _refused(fake, [2, 4])
    assert code is None and ready["d"]["shard"] == [2, 4]
    assert fake.identify_count == 3 and fake.identify_refusals == 2


async def test_discord_py_identifies_again_after_a_refusal() -> None:
    fake = FakeDiscord(shard_count=2, max_concurrency=1, identify_window=WINDOW)
    await fake.start()
    undo = fake.redirect_discord_py()
    fake.create_guild("Zero", shard=0)
    fake.create_guild("One", shard=1)
    calls: list[int | None] = []

    class Impatient(ShardedClient):
        async def before_identify_hook(
            self, shard_id: int | None, *, initial: bool = False
        ) -> None:
            calls.append(shard_id)
            if len(calls) > 2:  # the first two do not wait: shard 1 comes too early
                await asyncio.sleep(WINDOW + 0.05)

    client = Impatient(IdentifyBuckets(1, WINDOW), shard_count=2)
    try:
        task = await start_client(client)
        await stop_client(client, task)
    finally:
        undo()
        await fake.stop()
    assert calls == [0, 1, 1]
    assert fake.identify_refusals == 1
    (s0, t0), (s1, t1) = fake.identifies
    assert (s0, s1) == (0, 1) and t1 - t0 >= WINDOW
    assert len(client.guilds) == 2


async def test_discord_py_without_the_right_sharding(sharded: FakeDiscord) -> None:
    fake = sharded
    plain = discord.Client(intents=make_intents())
    with pytest.raises(discord.ConnectionClosed) as closed:
        await start_client(plain)
    assert closed.value.code == 4011
    wrong = ShardedClient(IdentifyBuckets(2, WINDOW), shard_ids=[0], shard_count=3)
    with pytest.raises(discord.ConnectionClosed) as closed:
        await start_client(wrong)
    assert closed.value.code == 4010
    assert fake.identify_count == 0


async def test_a_bot_may_shard_a_fake_that_does_not_require_it(fake_discord: FakeDiscord) -> None:
    fake = fake_discord  # shard_count 1: any shard count is accepted, identifies not limited
    alice = fake.create_user("alice")
    guilds = [fake.create_guild(f"G{i}", owner=alice, shard=i, shard_count=2) for i in range(2)]
    channel = fake.create_text_channel(guilds[1], "general")
    client = ShardedClient(IdentifyBuckets(2, 0.0), shard_count=2)
    task = await start_client(client)
    try:
        assert fake.identify_refusals == 0 and fake.connected_shards == {0, 1}
        assert [len(_ready(fake, i)["guilds"]) for i in (0, 1)] == [1, 1]
        await fake.send_message(alice, channel, "on shard 1")
        await fake.wait_for(lambda: client.seen)
        assert client.seen == [(guilds[1].id, "on shard 1")]
        assert client.get_guild(guilds[1].id).shard_id == 1  # type: ignore[union-attr]
    finally:
        await stop_client(client, task)
