"""Channel edits, overwrites, threads, invites, scheduled events, bulk delete and reactions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import discord
import pytest
from discord.ext import commands

from sandbox.emulation import permissions as P
from sandbox.emulation.state import DISCORD_EPOCH_MS, FakeError

from .faults import FakeDiscord


def _listen(bot: commands.Bot, event: str, items: list, fmt: Callable[..., Any]) -> None:
    async def handler(*args: Any) -> None:
        items.append(fmt(*args))

    bot.add_listener(handler, event)


async def _grant(fake: FakeDiscord, world: dict, bot: commands.Bot, perms: int) -> discord.Guild:
    role = fake.create_role(world["guild"], "Bot", permissions=perms, position=5)
    fake.set_bot_roles(world["guild"], [role])
    g = bot.get_guild(world["guild"].id)
    assert g is not None
    await fake.wait_for(lambda: g.me.guild_permissions.value & perms == perms)
    return g


def _text(bot: commands.Bot, world: dict) -> discord.TextChannel:
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_channel_edit_and_overwrites(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = _text(bot, world)
    with pytest.raises(discord.Forbidden) as exc:
        await channel.edit(slowmode_delay=30)
    assert exc.value.code == 50013
    g = await _grant(fake, world, bot, P.MANAGE_CHANNELS | P.MANAGE_ROLES | P.VIEW_AUDIT_LOG)
    await channel.edit(slowmode_delay=30, topic="Rules first", reason="raid")
    await fake.wait_for(lambda: channel.slowmode_delay == 30 and channel.topic == "Rules first")
    assert world["general"].rate_limit_per_user == 30
    await fake.send_message(world["bob"], world["general"], "first")
    with pytest.raises(FakeError):  # slowmode applies to members
        await fake.send_message(world["bob"], world["general"], "second")
    with pytest.raises(discord.HTTPException) as exc_info:
        await channel.edit(slowmode_delay=21601)
    assert exc_info.value.code == 50035

    bob = g.get_member(world["bob"].id)
    assert bob is not None
    await channel.set_permissions(bob, send_messages=False, reason="cool down")
    await fake.wait_for(lambda: not channel.permissions_for(bob).send_messages)
    assert world["general"].overwrites[-1]["deny"] == P.SEND_MESSAGES
    with pytest.raises(discord.Forbidden) as exc:  # cannot grant what the bot does not have
        await channel.set_permissions(bob, manage_guild=True)
    assert exc.value.code == 50013
    await channel.set_permissions(bob, overwrite=None)
    await fake.wait_for(lambda: channel.permissions_for(bob).send_messages)
    actions = [e["action_type"] for e in fake.audit_log(world["guild"])]
    assert actions == [11, 13, 15]
    assert fake.audit_log(world["guild"])[1]["reason"] == "cool down"


async def test_threads(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    fake = fake_discord
    channel = _text(bot, world)
    created: list[discord.Thread] = []
    _listen(bot, "on_thread_create", created, lambda t: t)
    msg = await channel.send("discuss here")
    thread = await channel.create_thread(name="Discussion", message=msg)
    assert thread.id == msg.id and thread.type == discord.ChannelType.public_thread
    await fake.wait_for(lambda: created and channel.guild.get_thread(thread.id))
    await thread.send("inside")
    assert fake.messages(thread.id)[0]["content"] == "inside"
    await fake.send_message(world["bob"], thread.id, "me too")
    with pytest.raises(discord.HTTPException) as exc_info:
        await channel.create_thread(name="Again", message=msg)
    assert exc_info.value.code == 160004

    private = await channel.create_thread(name="Secret")  # discord.py sends type 12
    assert private.type == discord.ChannelType.private_thread
    route = discord.http.Route("POST", "/channels/{c}/threads", c=channel.id)
    raw = await bot.http.request(route, json={"name": "No type"})
    assert raw["type"] == 12  # Discord's default without "type"

    states: list[tuple[bool, bool]] = []
    _listen(
        bot,
        "on_raw_thread_update",
        states,
        lambda e: (e.data["thread_metadata"]["archived"], e.data["thread_metadata"]["locked"]),
    )
    await thread.edit(archived=True)
    await fake.wait_for(lambda: states == [(True, False)])
    await thread.send("revives it")  # posting unarchives an unlocked thread
    await fake.wait_for(lambda: states[-1] == (False, False))
    with pytest.raises(discord.Forbidden) as exc:
        await thread.edit(locked=True)  # needs Manage Threads
    assert exc.value.code == 50013
    await _grant(fake, world, bot, P.MANAGE_THREADS)
    await thread.edit(archived=True, locked=True)
    await fake.wait_for(lambda: states[-1] == (True, True))
    with pytest.raises(FakeError):
        await fake.send_message(world["bob"], thread.id, "locked out")


async def test_invites_need_manage_server_for_metadata(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = _text(bot, world)
    seen: list[discord.Invite] = []
    _listen(bot, "on_invite_create", seen, lambda i: i)
    invite = await channel.create_invite(max_age=3600, max_uses=5, reason="event")
    assert invite.max_uses == 5 and invite.code
    await fake.wait_for(lambda: seen and seen[0].code == invite.code)
    with pytest.raises(discord.Forbidden) as exc:
        await channel.guild.invites()
    assert exc.value.code == 50013
    await _grant(fake, world, bot, P.MANAGE_GUILD)
    fake.use_invite(invite.code, fake.create_user("newbie"))
    invites = await channel.guild.invites()
    assert [(i.code, i.uses) for i in invites] == [(invite.code, 1)]


async def test_scheduled_events(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    fake = fake_discord
    guild = _text(bot, world).guild
    start = discord.utils.utcnow() + dt.timedelta(days=1)
    kwargs: dict[str, Any] = {
        "name": "Game night",
        "start_time": start,
        "end_time": start + dt.timedelta(hours=2),
        "entity_type": discord.EntityType.external,
        "location": "Town hall",
        "privacy_level": discord.PrivacyLevel.guild_only,
    }
    await _grant(fake, world, bot, P.MANAGE_EVENTS)
    with pytest.raises(discord.Forbidden) as exc:  # Manage Events alone is not enough
        await guild.create_scheduled_event(**kwargs)
    assert exc.value.code == 50013
    await _grant(fake, world, bot, P.CREATE_EVENTS | P.MANAGE_EVENTS)
    events: list[str] = []
    _listen(bot, "on_scheduled_event_create", events, lambda e: f"create:{e.name}")
    _listen(bot, "on_scheduled_event_update", events, lambda a, b: f"update:{b.name}")
    _listen(bot, "on_scheduled_event_delete", events, lambda e: f"delete:{e.name}")
    event = await guild.create_scheduled_event(**kwargs)
    assert event.location == "Town hall" and event.creator_id == fake.bot_user.id
    event = await event.edit(name="Board game night")
    assert [e.name for e in await guild.fetch_scheduled_events()] == ["Board game night"]
    await event.delete()
    await fake.wait_for(lambda: len(events) == 3)
    assert events == ["create:Game night", "update:Board game night", "delete:Board game night"]

    route = discord.http.Route("POST", "/guilds/{g}/scheduled-events", g=guild.id)
    body = {"name": "x", "scheduled_start_time": start.isoformat(), "entity_type": 3}
    for missing in ("privacy_level", "entity_type"):
        payload = {**body, "privacy_level": 2}
        payload.pop(missing)
        with pytest.raises(discord.HTTPException) as exc_info:
            await bot.http.request(route, json=payload)
        assert exc_info.value.code == 50035 and missing in exc_info.value.text


def _old_snowflake(days: int) -> int:
    ms = int((discord.utils.utcnow() - dt.timedelta(days=days)).timestamp() * 1000)
    return (ms - DISCORD_EPOCH_MS) << 22


async def test_bulk_delete(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    fake = fake_discord
    channel = _text(bot, world)
    for i in range(3):
        await fake.send_message(world["bob"], world["general"], f"spam {i}")
    ids = [int(m["id"]) for m in fake.messages(channel.id)]
    route = discord.http.Route("POST", "/channels/{c}/messages/bulk-delete", c=channel.id)
    with pytest.raises(discord.Forbidden) as exc:
        await bot.http.request(route, json={"messages": ids})
    assert exc.value.code == 50013
    await _grant(fake, world, bot, P.MANAGE_MESSAGES)
    bad: list[tuple[list[int], int]] = [
        (ids[:1], 50035),
        ([ids[0], ids[0]], 50035),
        (list(range(1, 102)), 50035),
        ([ids[0], _old_snowflake(15)], 50034),
    ]
    for batch, code in bad:
        with pytest.raises(discord.HTTPException) as exc_info:
            await bot.http.request(route, json={"messages": [str(i) for i in batch]})
        assert exc_info.value.status == 400 and exc_info.value.code == code
    assert len(fake.messages(channel.id)) == 3  # a rejected batch deletes nothing
    raw: list[discord.RawBulkMessageDeleteEvent] = []
    _listen(bot, "on_raw_bulk_message_delete", raw, lambda e: e)
    deleted = await channel.purge(limit=10)
    assert len(deleted) == 3 and fake.messages(channel.id) == []
    await fake.wait_for(lambda: raw and raw[0].message_ids == set(ids))


async def test_reactions(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    fake = fake_discord
    channel = _text(bot, world)
    seen: list[tuple[int, str]] = []
    _listen(bot, "on_raw_reaction_add", seen, lambda p: (p.user_id, str(p.emoji)))
    msg = await channel.send("vote")
    await msg.add_reaction("👍")
    stored = fake.message(msg.id)
    assert stored is not None and stored["reactions"][0]["me"]
    await fake.add_reaction(world["bob"], stored, "👍")
    await fake.wait_for(lambda: len(seen) == 2)
    assert seen == [(fake.bot_user.id, "👍"), (world["bob"].id, "👍")]
    fetched = await channel.fetch_message(msg.id)
    assert fetched.reactions[0].count == 2
    users = [u.id async for u in fetched.reactions[0].users()]
    assert sorted(users) == sorted([fake.bot_user.id, world["bob"].id])
    with pytest.raises(discord.Forbidden) as exc:  # removing others' reactions
        await msg.remove_reaction("👍", discord.Object(id=world["bob"].id))
    assert exc.value.code == 50013
    await msg.remove_reaction("👍", bot.user)  # type: ignore[arg-type]
    with pytest.raises(discord.HTTPException) as exc_info:
        await msg.add_reaction("<:custom:123>")
    assert exc_info.value.code == 10014

    fake.set_overwrites(
        world["general"],
        [{"id": world["guild"].id, "type": 0, "allow": 0, "deny": P.ADD_REACTIONS}],
    )
    await fake.wait_for(lambda: not channel.permissions_for(channel.guild.me).add_reactions)
    await msg.add_reaction("👍")  # joining an existing reaction needs only Read History
    with pytest.raises(discord.Forbidden) as exc:
        await msg.add_reaction("🎉")  # a new one needs Add Reactions
    assert exc.value.code == 50013
