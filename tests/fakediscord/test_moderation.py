"""Moderation: timeouts, kicks, bans, roles, nicknames, the role hierarchy and the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import discord
import pytest
from discord.ext import commands

from sandbox.emulation import permissions as P
from sandbox.emulation.state import FakeError

from .conftest import make_intents, start_client, stop_client
from .faults import FakeDiscord


def _listen(bot: commands.Bot, event: str, items: list, fmt: Callable[..., Any]) -> None:
    async def handler(*args: Any) -> None:
        items.append(fmt(*args))

    bot.add_listener(handler, event)


MOD_PERMS = (
    P.KICK_MEMBERS
    | P.BAN_MEMBERS
    | P.MODERATE_MEMBERS
    | P.MANAGE_ROLES
    | P.MANAGE_NICKNAMES
    | P.VIEW_AUDIT_LOG
)


async def _setup(fake: FakeDiscord, world: dict, bot: commands.Bot, perms: int = MOD_PERMS):
    guild = world["guild"]
    low = fake.create_role(guild, "Low", position=1)
    bot_role = fake.create_role(guild, "Bot", permissions=perms, position=5)
    high = fake.create_role(guild, "High", position=9)
    fake.set_bot_roles(guild, [bot_role])
    g = bot.get_guild(guild.id)
    assert g is not None
    await fake.wait_for(lambda: g.me.guild_permissions.value & perms == perms)
    await fake.wait_for(lambda: g.get_role(high.id) is not None)
    return g, low, bot_role, high


async def test_timeout_rules(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    fake = fake_discord
    g, _, _, high = await _setup(fake, world, bot)
    bob = g.get_member(world["bob"].id)
    assert bob is not None
    updates: list[discord.Member] = []
    _listen(bot, "on_member_update", updates, lambda before, after: after)

    await bob.timeout(dt.timedelta(hours=1), reason="spam")
    stored = fake.member(world["guild"], world["bob"])
    assert stored.communication_disabled_until is not None
    await fake.wait_for(lambda: updates and updates[-1].is_timed_out())
    with pytest.raises(FakeError):  # a timed-out member cannot post
        await fake.send_message(world["bob"], world["general"], "hello?")
    await bob.timeout(None)
    assert fake.member(world["guild"], world["bob"]).communication_disabled_until is None
    await fake.send_message(world["bob"], world["general"], "back")

    with pytest.raises(discord.HTTPException) as exc:  # at most 28 days ahead
        await bob.timeout(dt.timedelta(days=29))
    assert exc.value.status == 400 and exc.value.code == 50035
    assert "communication_disabled_until" in exc.value.text

    owner = g.get_member(world["alice"].id)
    assert owner is not None
    with pytest.raises(discord.Forbidden) as exc:  # the owner is above everyone
        await owner.timeout(dt.timedelta(minutes=5))
    assert exc.value.code == 50013

    admin_role = fake.create_role(world["guild"], "Admin", permissions=P.ADMINISTRATOR, position=2)
    carol = fake.create_user("carol")
    fake.add_member(world["guild"], carol, roles=[admin_role])
    member = await g.fetch_member(carol.id)
    with pytest.raises(discord.Forbidden) as exc:  # administrators cannot be timed out
        await member.timeout(dt.timedelta(minutes=5))
    assert exc.value.code == 50013

    fake.set_member_roles(world["guild"], world["bob"], [high])
    await fake.wait_for(lambda: bob.top_role.id == high.id)
    with pytest.raises(discord.Forbidden) as exc:  # above the bot's highest role
        await bob.timeout(dt.timedelta(minutes=5))
    assert exc.value.code == 50013


async def test_kick_ban_unban_with_reason_events_and_audit_log(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    g, _, _, _ = await _setup(fake, world, bot)
    events: list[str] = []
    entries: list[discord.AuditLogEntry] = []
    _listen(bot, "on_member_remove", events, lambda m: f"remove:{m.id}")
    _listen(bot, "on_member_ban", events, lambda gd, u: f"ban:{u.id}")
    _listen(bot, "on_member_unban", events, lambda gd, u: f"unban:{u.id}")
    _listen(bot, "on_audit_log_entry_create", entries, lambda e: e)

    carol, dave = fake.create_user("carol"), fake.create_user("dave")
    fake.add_member(world["guild"], carol)
    fake.add_member(world["guild"], dave)
    await fake.wait_for(lambda: g.get_member(dave.id) is not None)
    spam = await fake.send_message(dave, world["general"], "buy now")

    await g.kick(discord.Object(id=carol.id), reason="Regel 3: Spam & Werbung")
    await fake.wait_for(lambda: f"remove:{carol.id}" in events)
    assert carol.id not in world["guild"].members
    kick_request = fake.requests_to("DELETE", rf"/members/{carol.id}$")[0]
    assert kick_request.headers["X-Audit-Log-Reason"] != "Regel 3: Spam & Werbung"  # encoded
    assert fake.audit_log(world["guild"])[-1]["reason"] == "Regel 3: Spam & Werbung"

    await g.ban(discord.Object(id=dave.id), reason="bot", delete_message_seconds=3600)
    await fake.wait_for(lambda: f"ban:{dave.id}" in events and f"remove:{dave.id}" in events)
    assert fake.message(spam["id"]) is None  # the last hour of messages was deleted
    assert fake.bans(world["guild"])[dave.id]["reason"] == "bot"
    with pytest.raises(FakeError):  # a banned user cannot rejoin
        fake.add_member(world["guild"], dave)
    bans = [entry async for entry in g.bans()]
    assert [(b.user.id, b.reason) for b in bans] == [(dave.id, "bot")]
    with pytest.raises(discord.HTTPException) as exc:
        await g.ban(discord.Object(id=dave.id), delete_message_seconds=8 * 86400)
    assert exc.value.code == 50035

    await g.unban(discord.Object(id=dave.id))
    await fake.wait_for(lambda: f"unban:{dave.id}" in events)
    with pytest.raises(discord.NotFound) as exc:
        await g.unban(discord.Object(id=dave.id))
    assert exc.value.code == 10026
    with pytest.raises(discord.NotFound) as exc:
        await g.fetch_ban(discord.Object(id=dave.id))
    assert exc.value.code == 10026

    log = [e async for e in g.audit_logs(limit=10)]
    assert [e.action for e in log[:3]] == [
        discord.AuditLogAction.unban,
        discord.AuditLogAction.ban,
        discord.AuditLogAction.kick,
    ]
    assert log[2].reason == "Regel 3: Spam & Werbung" and log[2].user == g.me
    kicks = [e async for e in g.audit_logs(action=discord.AuditLogAction.kick)]
    assert len(kicks) == 1 and kicks[0].target.id == carol.id
    await fake.wait_for(lambda: len(entries) >= 3)
    assert entries[0].action == discord.AuditLogAction.kick


async def test_hierarchy_and_missing_permissions(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    g, low, bot_role, high = await _setup(fake, world, bot)
    bob = g.get_member(world["bob"].id)
    owner = g.get_member(world["alice"].id)
    assert bob is not None and owner is not None
    for action in (owner.kick, owner.ban):
        with pytest.raises(discord.Forbidden) as exc:
            await action()
        assert exc.value.code == 50013
    with pytest.raises(discord.Forbidden):
        await owner.edit(nick="boss")

    await bob.add_roles(low, reason="verified")
    await fake.wait_for(lambda: low.id in [r.id for r in bob.roles])
    await bob.edit(nick="Bobby")
    await fake.wait_for(lambda: bob.nick == "Bobby")
    await bob.remove_roles(low)
    await fake.wait_for(lambda: low.id not in [r.id for r in bob.roles])
    for role in (high, bot_role):  # roles at or above the bot's highest role
        with pytest.raises(discord.Forbidden) as exc:
            await bob.add_roles(role)
        assert exc.value.code == 50013
    with pytest.raises(discord.Forbidden):
        await bob.edit(roles=[low, high])
    changes = [e for e in fake.audit_log(world["guild"]) if e["action_type"] == 25]
    assert changes[0]["reason"] == "verified" and changes[0]["changes"][0]["key"] == "$add"

    fake.set_member_roles(world["guild"], world["bob"], [high])
    await fake.wait_for(lambda: bob.top_role == g.get_role(high.id))
    for coro in (bob.kick(), bob.ban(), bob.edit(nick="x")):
        with pytest.raises(discord.Forbidden) as exc:
            await coro
        assert exc.value.code == 50013
    # Discord checks only the role's position for grants, not the member's (api-docs #1036)
    await bob.add_roles(low)
    assert low.id in fake.member(world["guild"], world["bob"]).roles

    fake.edit_role(world["guild"], bot_role, permissions=0)  # without permissions nothing works
    fake.set_member_roles(world["guild"], world["bob"], [])
    await fake.wait_for(lambda: not g.me.guild_permissions.kick_members and not bob.roles[1:])
    for coro in (bob.kick(), bob.ban(), bob.timeout(dt.timedelta(minutes=1)), bob.add_roles(low)):
        with pytest.raises(discord.Forbidden) as exc:
            await coro
        assert exc.value.code == 50013
    with pytest.raises(discord.Forbidden) as exc:
        [e async for e in g.audit_logs()]
    assert exc.value.code == 50013
    assert fake.error_counts[403] >= 6


async def test_moderation_events_need_the_moderation_intent(
    fake_discord: FakeDiscord, world: dict
) -> None:
    fake = fake_discord
    role = fake.create_role(world["guild"], "Bot", permissions=MOD_PERMS, position=5)
    fake.set_bot_roles(world["guild"], [role])
    intents = make_intents()
    intents.moderation = False
    client = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    task = await start_client(client)
    try:
        guild = client.get_guild(world["guild"].id)
        assert guild is not None
        await guild.ban(discord.Object(id=world["bob"].id), reason="x")
        await guild.unban(discord.Object(id=world["bob"].id))
        await fake.send_message(world["alice"], world["general"], "sync point")
        session = fake.gateway.session
        assert session is not None
        await fake.wait_for(lambda: session.history[-1]["t"] == "MESSAGE_CREATE")
        sent = {p["t"] for p in session.history}
        assert "GUILD_MEMBER_REMOVE" in sent  # GUILD_MEMBERS intent
        assert not sent & {"GUILD_BAN_ADD", "GUILD_BAN_REMOVE", "GUILD_AUDIT_LOG_ENTRY_CREATE"}
        assert len(fake.audit_log(world["guild"])) == 2  # recorded all the same
    finally:
        await stop_client(client, task)


async def test_moderators_acting_in_discords_interface(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    guild = world["guild"]
    g, _, _, _ = await _setup(fake, world, bot)
    mods = fake.create_role(guild, "Mods", permissions=P.BAN_MEMBERS | P.KICK_MEMBERS, position=3)
    mona, carol = fake.create_user("mona"), fake.create_user("carol")
    fake.add_member(guild, mona, roles=[mods])
    fake.add_member(guild, carol)
    entries: list[discord.AuditLogEntry] = []
    _listen(bot, "on_audit_log_entry_create", entries, lambda e: e)
    msg = await fake.send_message(carol, world["general"], "hello")
    edits: list[str] = []
    _listen(bot, "on_raw_message_edit", edits, lambda e: e.message.content)
    await fake.edit_message(carol, msg, "hello, edited")
    await fake.wait_for(lambda: edits == ["hello, edited"])
    with pytest.raises(FakeError):
        await fake.edit_message(world["bob"], msg, "not mine")
    with pytest.raises(FakeError):  # bob has no Ban Members
        fake.ban_by(guild, world["bob"], carol)
    fake.kick_by(guild, mona, world["bob"], reason="calm down")
    fake.ban_by(guild, mona, carol, reason="Spam in DMs")
    await fake.wait_for(lambda: len(entries) == 2)
    assert [(e.action, e.user_id, e.reason) for e in entries] == [
        (discord.AuditLogAction.kick, mona.id, "calm down"),
        (discord.AuditLogAction.ban, mona.id, "Spam in DMs"),
    ]
    assert g.get_member(carol.id) is None
