"""Messages: on_message, replies, permissions, validation, files, history, unmodelled routes."""

from __future__ import annotations

import io

import discord
import pytest
from discord.ext import commands

from sandbox.emulation import permissions as P
from sandbox.emulation.state import FakeError

from .faults import FakeDiscord


async def test_user_message_reaches_on_message_and_bot_reply_is_stored(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    seen: list[discord.Message] = []

    async def on_message(message: discord.Message) -> None:
        seen.append(message)
        if message.author.bot:
            return
        await message.reply(f"echo: {message.content}")

    bot.add_listener(on_message)
    sent = await fake.send_message(world["alice"], world["general"], "hello")
    await fake.wait_for(lambda: len(fake.messages(world["general"])) == 2)
    reply = fake.messages(world["general"])[1]
    assert reply["content"] == "echo: hello"
    assert reply["author"]["id"] == str(fake.bot_user.id)
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert reply["type"] == 19
    # the bot also receives its own message as MESSAGE_CREATE
    await fake.wait_for(lambda: len(seen) == 2)
    assert seen[0].content == "hello" and seen[0].author.id == world["alice"].id
    assert isinstance(seen[0].author, discord.Member)
    assert seen[1].author.id == fake.bot_user.id
    post = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert post[0].headers["Authorization"] == "Bot test-token"


async def test_edit_delete_and_history(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    msg = await channel.send("one")
    await channel.send("two")
    edited = await msg.edit(content="uno")
    assert edited.content == "uno" and edited.edited_at is not None
    history = [m.content async for m in channel.history(limit=10)]
    assert history == ["two", "uno"]
    older = [
        m.content
        async for m in channel.history(
            limit=10, before=discord.Object(id=int(fake.messages(channel.id)[1]["id"]))
        )
    ]
    assert older == ["uno"]
    fetched = await channel.fetch_message(msg.id)
    assert fetched.content == "uno"
    await msg.delete()
    assert [m["content"] for m in fake.messages(channel.id)] == ["two"]
    with pytest.raises(discord.NotFound) as exc:
        await channel.fetch_message(msg.id)
    assert exc.value.code == 10008


async def test_missing_send_messages_is_forbidden(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    locked = fake.create_text_channel(
        world["guild"],
        "locked",
        overwrites=[{"id": world["guild"].id, "type": 0, "allow": 0, "deny": P.SEND_MESSAGES}],
    )
    await fake.wait_for(lambda: bot.get_channel(locked.id) is not None)
    channel = bot.get_channel(locked.id)
    assert isinstance(channel, discord.TextChannel)
    assert not channel.permissions_for(channel.guild.me).send_messages
    with pytest.raises(discord.Forbidden) as exc:
        await channel.send("hi")
    assert exc.value.code == 50013
    # a role granting Send Messages via a role overwrite fixes it
    role = fake.create_role(world["guild"], "Bots")
    fake.set_overwrites(
        locked,
        [
            {"id": world["guild"].id, "type": 0, "allow": 0, "deny": P.SEND_MESSAGES},
            {"id": role.id, "type": 0, "allow": P.SEND_MESSAGES, "deny": 0},
        ],
    )
    fake.set_bot_roles(world["guild"], [role])
    await fake.wait_for(lambda: channel.permissions_for(channel.guild.me).send_messages)
    await channel.send("now it works")
    # the user is also subject to the overwrite
    with pytest.raises(FakeError):
        await fake.send_message(world["bob"], locked, "nope")


async def test_validation_errors(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as exc:
        await channel.send("x" * 2001)
    assert exc.value.code == 50035 and exc.value.status == 400
    route = discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=channel.id)
    with pytest.raises(discord.HTTPException) as exc:
        await bot.http.request(route, json={"embeds": [{"title": str(i)} for i in range(11)]})
    assert exc.value.code == 50035
    with pytest.raises(discord.HTTPException) as exc:
        await bot.http.request(route, json={"content": ""})
    assert exc.value.code == 50006
    with pytest.raises(discord.NotFound) as exc:
        await bot.http.get_channel(1234)
    assert exc.value.code == 10003
    with pytest.raises(discord.NotFound) as exc:
        await bot.fetch_user(1234)
    assert exc.value.code == 10013
    with pytest.raises(discord.NotFound) as exc:
        await channel.guild.fetch_member(world["alice"].id + 999)
    assert exc.value.code == 10013
    fake_discord.create_user("stranger")
    stranger = fake_discord.create_user("stranger2")
    with pytest.raises(discord.NotFound) as exc:
        await channel.guild.fetch_member(stranger.id)
    assert exc.value.code == 10007


async def test_file_upload_and_dm(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send(
        "report", file=discord.File(io.BytesIO(b"a,b\n1,2\n"), filename="report.csv")
    )
    stored = fake.messages(channel.id)[-1]
    assert stored["attachments"][0]["filename"] == "report.csv"
    assert fake.attachment_bytes(stored["attachments"][0]) == b"a,b\n1,2\n"
    assert await sent.attachments[0].read() == b"a,b\n1,2\n"

    alice = bot.get_user(world["alice"].id)
    assert alice is not None
    await alice.send("psst")
    assert [m["content"] for m in fake.dm_messages(world["alice"])] == ["psst"]
    world["bob"].dms_open = False
    bob = await bot.fetch_user(world["bob"].id)
    with pytest.raises(discord.Forbidden) as exc:
        await bob.send("hi")
    assert exc.value.code == 50007


async def test_unmodelled_route_is_recorded(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    msg = await channel.send("pin me")
    with pytest.raises(discord.NotFound):
        await msg.pin()
    assert fake.unmodelled and fake.unmodelled[0].method == "PUT"
    with pytest.raises(AssertionError):
        fake.assert_all_modelled()
    fake.unmodelled.clear()  # keep the fixture teardown green
    assert all("X-RateLimit-Bucket" not in r.headers for r in fake.requests)
