"""Gateway trouble: INVALID_SESSION, replayed events, member chunks, screening, content intent."""

from __future__ import annotations

import discord
import pytest
from discord.ext import commands

from sandbox.emulation.state import FakeError

from .conftest import make_intents, start_client, stop_client
from .faults import FakeDiscord


def _chunks(fake: FakeDiscord) -> list[dict]:
    s = fake.gateway.session
    assert s is not None
    return [p["d"] for p in s.history if p["t"] == "GUILD_MEMBERS_CHUNK"]


async def test_invalid_session_resumable_and_not(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    await fake.invalidate_session(resumable=True)
    await fake.wait_for(lambda: fake.resume_count == 1 and fake.connected)
    assert fake.identify_count == 1
    readies: list[bool] = []

    async def on_ready() -> None:
        readies.append(True)

    async def identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
        return None  # discord.py waits 5 s before re-identifying; not needed here

    bot.add_listener(on_ready)
    bot.before_identify_hook = identify_at_once  # type: ignore[method-assign]
    await fake.invalidate_session(resumable=False)
    await fake.wait_for(lambda: fake.identify_count == 2 and fake.connected)
    await fake.wait_for(lambda: readies)
    # the new session works: events reach the bot again
    carol = fake.create_user("carol")
    fake.add_member(world["guild"], carol)
    guild = bot.get_guild(world["guild"].id)
    assert guild is not None
    await fake.wait_for(lambda: guild.get_member(carol.id) is not None)


async def test_events_while_disconnected_are_replayed_in_order(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    seen: list[str] = []

    async def on_message(message: discord.Message) -> None:
        seen.append(message.content)

    bot.add_listener(on_message)
    await fake.send_message(world["bob"], world["general"], "before")
    async with fake.offline():
        assert not fake.connected
        for text in ("during 1", "during 2"):
            await fake.send_message(world["bob"], world["general"], text)
    assert fake.resume_count == 1
    async with fake.offline(reconnect=True):
        await fake.send_message(world["bob"], world["general"], "during 3")
    assert fake.resume_count == 2
    await fake.send_message(world["bob"], world["general"], "after")
    await fake.wait_for(lambda: len(seen) == 5)
    assert seen == ["before", "during 1", "during 2", "during 3", "after"]
    assert fake.identify_count == 1


async def test_large_guild_is_chunked_in_several_chunks(
    fake_discord: FakeDiscord, world: dict
) -> None:
    fake = fake_discord
    fake.gateway.chunk_size = 100
    big = fake.create_guild("Big", owner=world["alice"])
    users = [fake.create_user(f"user{i:03}") for i in range(260)]
    for user in users:
        fake.add_member(big, user)
    client = commands.Bot(command_prefix="!", intents=make_intents(), guild_ready_timeout=0.05)
    task = await start_client(client)
    try:
        guild = client.get_guild(big.id)
        assert guild is not None
        await fake.wait_for(lambda: guild.chunked)
        assert guild.member_count == len(guild.members) == 262
        chunks = [c for c in _chunks(fake) if c["guild_id"] == str(big.id)]
        assert [(c["chunk_index"], c["chunk_count"]) for c in chunks] == [(0, 3), (1, 3), (2, 3)]
        assert all(c.get("nonce") for c in chunks)

        found = await guild.query_members(query="user01", limit=5)
        assert sorted(m.name for m in found) == [f"user01{i}" for i in range(5)]
        found = await guild.query_members(user_ids=[users[0].id, world["bob"].id])
        assert [m.id for m in found] == [users[0].id]
        assert _chunks(fake)[-1]["not_found"] == [str(world["bob"].id)]
    finally:
        await stop_client(client, task)


async def test_membership_screening(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    passed: list[discord.Member] = []

    async def on_member_update(before: discord.Member, after: discord.Member) -> None:
        if before.pending and not after.pending:
            passed.append(after)

    bot.add_listener(on_member_update)
    carol = fake.create_user("carol")
    fake.add_member(world["guild"], carol, pending=True)
    guild = bot.get_guild(world["guild"].id)
    assert guild is not None
    member = await fake.wait_for(lambda: guild.get_member(carol.id))
    assert member.pending
    with pytest.raises(FakeError):
        await fake.send_message(carol, world["general"], "hi")
    fake.pass_screening(world["guild"], carol)
    await fake.wait_for(lambda: passed)
    assert passed[0].id == carol.id
    await fake.send_message(carol, world["general"], "hi")
    with pytest.raises(FakeError):
        fake.pass_screening(world["guild"], carol)


async def test_without_message_content_intent(world: dict) -> None:
    fake = FakeDiscord(privileged_intents={"members"})
    await fake.start()
    undo = fake.redirect_discord_py()
    alice, bob = fake.create_user("alice"), fake.create_user("bob")
    guild = fake.create_guild("G", owner=alice)
    fake.add_member(guild, bob)
    general = fake.create_text_channel(guild, "general")
    intents = make_intents()
    intents.message_content = False
    client = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    seen: list[str] = []

    async def on_message(message: discord.Message) -> None:
        seen.append(message.content)

    client.add_listener(on_message)
    task = await start_client(client)
    try:
        await fake.send_message(bob, general, "secret")
        await fake.send_message(bob, general, f"<@{fake.bot_user.id}> hello")
        await fake.send_message(bob, fake.dm_channel(bob), "in a DM")
        await fake.wait_for(lambda: len(seen) == 3)
        assert seen == ["", f"<@{fake.bot_user.id}> hello", "in a DM"]
    finally:
        await stop_client(client, task)
        undo()
        await fake.stop()
