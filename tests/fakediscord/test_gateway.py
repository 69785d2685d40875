"""Login, READY/GUILD_CREATE, intents, tokens, resume."""

from __future__ import annotations

import discord
import pytest
from discord.ext import commands

from .conftest import make_intents, start_client
from .faults import FakeDiscord


async def test_ready_populates_cache(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    assert fake.connected
    assert fake.identify_count == 1
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    assert bot.application_id == fake.application_id
    guild = bot.get_guild(world["guild"].id)
    assert guild is not None
    assert guild.name == "Test Server"
    assert str(guild.preferred_locale) == "de"
    assert {m.name for m in guild.members} == {"alice", "bob", "FakeBot"}
    assert guild.owner_id == world["alice"].id
    channel = guild.get_channel(world["general"].id)
    assert channel is not None and channel.name == "general"
    assert guild.me.guild_permissions.send_messages
    assert guild.default_role.id == guild.id
    assert guild.chunked


async def test_privileged_intent_not_enabled(world: dict) -> None:
    fake = FakeDiscord(privileged_intents=frozenset())
    await fake.start()
    undo = fake.redirect_discord_py()
    client = discord.Client(intents=make_intents())
    try:
        with pytest.raises(discord.PrivilegedIntentsRequired):
            await start_client(client)
    finally:
        await client.close()
        undo()
        await fake.stop()


async def test_bad_token_is_login_failure(fake_discord: FakeDiscord) -> None:
    client = discord.Client(intents=make_intents())
    with pytest.raises(discord.LoginFailure):
        await start_client(client, token="wrong")
    assert fake_discord.requests[-1].status == 401


async def test_member_events_and_guild_join_leave(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    carol = fake.create_user("carol")
    fake.add_member(world["guild"], carol)
    guild = bot.get_guild(world["guild"].id)
    assert guild is not None
    await fake.wait_for(lambda: guild.get_member(carol.id) is not None)
    fake.remove_member(world["guild"], carol)
    await fake.wait_for(lambda: guild.get_member(carol.id) is None)

    other = fake.create_guild("Other", owner=carol, add_bot=False)
    fake.create_text_channel(other, "lobby")
    assert bot.get_guild(other.id) is None
    fake.add_bot_to_guild(other)
    joined = await fake.wait_for(lambda: bot.get_guild(other.id))
    assert joined.text_channels[0].name == "lobby"
    fake.remove_bot_from_guild(other)
    await fake.wait_for(lambda: bot.get_guild(other.id) is None)


async def test_resume_after_dropped_connection(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    resumed: list[bool] = []

    async def on_resumed() -> None:
        resumed.append(True)

    bot.add_listener(on_resumed)
    await fake.drop_connection()
    # an event while the bot is offline is replayed on RESUME
    dave = fake.create_user("dave")
    fake.add_member(world["guild"], dave)
    await fake.wait_for(lambda: fake.resume_count == 1 and fake.connected)
    guild = bot.get_guild(world["guild"].id)
    assert guild is not None
    await fake.wait_for(lambda: guild.get_member(dave.id) is not None)
    await fake.wait_for(lambda: resumed)
    assert fake.identify_count == 1


async def test_reconnect_opcode(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    await fake_discord.send_reconnect()
    await fake_discord.wait_for(lambda: fake_discord.resume_count == 1 and fake_discord.connected)


async def test_no_compression_works(fake_discord: FakeDiscord, world: dict) -> None:
    # discord.py always compresses; a raw websocket checks the uncompressed path
    import json

    import aiohttp

    url = fake_discord.gateway_url + "?v=10&encoding=json"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        hello = json.loads((await ws.receive()).data)
        assert hello["op"] == 10
        await ws.send_json(
            {"op": 2, "d": {"token": "test-token", "intents": 513, "properties": {}}}
        )
        ready = json.loads((await ws.receive()).data)
        assert ready["t"] == "READY" and ready["s"] == 1
        create = json.loads((await ws.receive()).data)
        assert create["t"] == "GUILD_CREATE"
        assert [m["user"]["username"] for m in create["d"]["members"]] == ["FakeBot"]
        await ws.send_json({"op": 1, "d": 2})
        ack = json.loads((await ws.receive()).data)
        assert ack["op"] == 11
