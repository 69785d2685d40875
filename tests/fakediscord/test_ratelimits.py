"""Injected 429s: discord.py waits and retries; the invalid-request counter."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import discord
import pytest
from discord.ext import commands

from .faults import FakeDiscord


async def test_429_on_a_message_route_is_retried(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    rule = fake.inject_rate_limit("POST", r"^/channels/\d+/messages$", count=2, retry_after=0.05)
    began = time.monotonic()
    msg = await channel.send("eventually")
    assert time.monotonic() - began >= 0.1  # slept retry_after twice
    assert msg.content == "eventually" and rule.hits == 2
    statuses = [r.status for r in fake.requests_to("POST", r"/messages$")]
    assert statuses == [429, 429, 200]
    limited = fake.requests_to("POST", r"/messages$")[0]
    assert limited.response == {
        "message": "You are being rate limited.",
        "retry_after": 0.05,
        "global": False,
        "code": 0,
    }
    assert fake.error_counts[429] == 2 and fake.invalid_request_count == 2
    assert [m["content"] for m in fake.messages(channel.id)] == ["eventually"]


async def test_global_429_blocks_all_requests_until_over(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    fake.inject_rate_limit("*", r"/messages$", retry_after=0.1, global_=True)
    await asyncio.gather(channel.send("one"), channel.send("two"))
    assert sorted(m["content"] for m in fake.messages(channel.id)) == ["one", "two"]
    assert fake.error_counts[429] == 1


async def test_429_headers_are_the_ones_discord_sends(
    fake_discord: FakeDiscord, world: dict
) -> None:
    fake = fake_discord
    fake.inject_rate_limit("GET", r"^/users/@me$", retry_after=1.5)
    async with aiohttp.ClientSession() as session:
        url = fake.base_url + "/users/@me"
        async with session.get(url, headers={"Authorization": "Bot test-token"}) as resp:
            assert resp.status == 429
            body = await resp.json()
            headers = resp.headers
        async with session.get(url, headers={"Authorization": "Bot test-token"}) as resp:
            assert resp.status == 200  # count=1: the next request passes
    assert body["retry_after"] == 1.5 and body["global"] is False
    assert headers["Retry-After"] == "2" and headers["X-RateLimit-Remaining"] == "0"
    assert headers["X-RateLimit-Reset-After"] == "1.500" and headers["X-RateLimit-Scope"] == "user"
    for name in ("X-RateLimit-Limit", "X-RateLimit-Reset", "X-RateLimit-Bucket", "Via"):
        assert name in headers


async def test_429_on_interaction_callback_is_retried(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord

    @bot.tree.command(name="hello", description="Hi")
    async def hello(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("hi")

    await bot.tree.sync()
    fake.inject_rate_limit("POST", r"^/interactions/\d+/[^/]+/callback$")
    inter = await fake.invoke(world["alice"], world["general"], "hello")
    assert (await inter.response())["data"]["content"] == "hi"
    assert [r.status for r in fake.requests_to("POST", "/callback$")] == [429, 200]
    assert fake.error_counts == {429: 1}


async def test_403_and_401_are_counted(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.Forbidden):
        await channel.edit(name="nope")
    assert fake.error_counts[403] == 1
    assert fake.invalid_request_count < fake.ratelimits.INVALID_REQUEST_LIMIT


def test_the_enforcer_counts_per_bucket_and_channel_and_answers_like_discord():
    from sandbox.emulation.ratelimits import GLOBAL_LIMIT, Enforcer

    now = [100.0]
    enforcer = Enforcer(clock=lambda: now[0])
    remaining = []
    for _ in range(5):
        headers, limited = enforcer.check("POST", "/channels/1/messages")
        assert limited is None
        remaining.append(int(headers["X-RateLimit-Remaining"]))
    assert remaining == [4, 3, 2, 1, 0]
    _, limited = enforcer.check("POST", "/channels/1/messages")
    assert limited is not None and limited.status == 429
    assert limited.headers["X-RateLimit-Scope"] == "user"
    assert enforcer.check("POST", "/channels/2/messages")[1] is None  # another channel
    now[0] += 5.0  # the window has passed
    assert enforcer.check("POST", "/channels/1/messages")[1] is None
    # the global limit: interaction callbacks do not count
    for n in range(GLOBAL_LIMIT):
        enforcer.check("POST", f"/interactions/{n}/token/callback")
    now[0] += 1.0
    answers = [enforcer.check("GET", f"/guilds/1/members/{n}")[1] for n in range(GLOBAL_LIMIT + 1)]
    assert all(a is None for a in answers[:-1])
    assert answers[-1] is not None and answers[-1].headers["X-RateLimit-Global"] == "true"
    assert enforcer.limited == {"message-create": 1, "global": 1}
