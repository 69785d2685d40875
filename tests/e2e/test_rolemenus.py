"""Role menus end to end: members pick roles with buttons or a select, in German and English;
refused roles (above the bot, managed, dangerous: also when a role turns dangerous after the menu
was made); deleted roles and messages; restarts."""

from __future__ import annotations

from typing import Any

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import buttons, run, table_dump
from tests.fakediscord import FakeRole

MANAGE_ROLES = 1 << 28
MANAGE_MESSAGES = 1 << 13


def roles(world: World, *names: str, position: int = 1) -> list[FakeRole]:
    return [world.fake.create_role(world.guild, n, position=position) for n in names]


def mentions(*found: FakeRole) -> str:
    return " ".join(f"<@&{r.id}>" for r in found)


def menu_messages(world: World, channel: Any = None) -> list[dict]:
    channel = channel or world.general
    return [
        m
        for m in world.fake.messages(channel)
        if any(c.get("custom_id", "").startswith("rolemenu:") for c in components(m))
    ]


def components(message: dict) -> list[dict]:
    return [c for row in message.get("components", []) for c in row.get("components", [])]


def button_for(message: dict, role: FakeRole) -> str:
    return next(b["custom_id"] for b in buttons(message) if b["custom_id"].endswith(f":{role.id}"))


async def click(world: World, user: Any, message: dict, role: FakeRole) -> str:
    current = world.fake.message(message["id"])
    assert current is not None
    done = await world.fake.click(user, current, button_for(current, role))
    return await done.answered()


async def choose(world: World, user: Any, message: dict, chosen: list[FakeRole]) -> str:
    current = world.fake.message(message["id"])
    assert current is not None
    select = components(current)[0]
    done = await world.fake.select(user, current, select["custom_id"], [str(r.id) for r in chosen])
    return await done.answered()


def held(world: World, user: Any) -> set[int]:
    return set(world.fake.member(world.guild, user).roles)


async def create(world: World, options: dict[str, Any], user: Any = None) -> str:
    return await run(world, user or world.owner, "rolemenu create", options)


async def test_buttons_add_and_remove_with_a_maximum_in_both_languages(
    runner: BotRunner, world: World
):
    games, music, art = roles(world, "Spiele", "Musik", "Kunst")
    reply = await create(
        world, {"roles": mentions(games, music, art), "title": "Interessen", "max": 2}
    )
    assert says(reply, "rolemenu.created", "de", count=3)
    (message,) = await world.fake.wait_for(lambda: menu_messages(world))
    assert "Interessen" in message["content"]
    assert says(message["content"], "rolemenu.rule_max", "de", count=2)
    assert len(buttons(message)) == 3
    ben, mia = world.english_member, world.member

    assert says(await click(world, ben, message, games), "rolemenu.added", "en")
    assert says(await click(world, ben, message, music), "rolemenu.added", "en")
    assert {games.id, music.id} <= held(world, ben)
    refused = await click(world, ben, message, art)
    assert says(refused, "rolemenu.max_reached", "en", count=2)
    assert art.id not in held(world, ben)
    assert says(await click(world, ben, message, games), "rolemenu.removed", "en")
    assert games.id not in held(world, ben)
    assert says(await click(world, mia, message, art), "rolemenu.added", "de")
    assert art.id in held(world, mia)

    # the menu survives a restart: the same buttons work
    await runner.restart()
    assert says(await click(world, mia, message, art), "rolemenu.removed", "de")
    assert art.id not in held(world, mia)
    counted = await runner.bot.db.fetchall(  # type: ignore[union-attr]
        "SELECT role_id, sum(added), sum(removed) FROM rolemenu_choices_daily GROUP BY role_id"
    )
    assert {tuple(r) for r in counted} == {(games.id, 1, 1), (music.id, 1, 0), (art.id, 1, 1)}
    listing = await run(world, world.owner, "rolemenu list")
    assert says(listing, "rolemenu.list_role", "de", role=f"<@&{games.id}>", added=1, removed=1)


async def test_a_single_choice_select_swaps_the_role_and_a_required_role_is_checked(
    runner: BotRunner, world: World
):
    red, blue = roles(world, "Rot", "Blau")
    (verified,) = roles(world, "Verifiziert")
    await create(
        world,
        {
            "roles": mentions(red, blue),
            "title": "Team",
            "style": "select",
            "single": True,
            "required_role": verified.id,
        },
    )
    (message,) = await world.fake.wait_for(lambda: menu_messages(world))
    mia = world.member
    refused = await choose(world, mia, message, [red])
    assert says(refused, "rolemenu.needs_role", "de", role=f"<@&{verified.id}>")
    assert red.id not in held(world, mia)

    world.fake.set_member_roles(world.guild, mia, [verified])
    await world.fake.wait_for(
        lambda: runner.bot.get_guild(world.guild.id).get_member(mia.id).get_role(verified.id)  # type: ignore[union-attr]
    )
    assert says(await choose(world, mia, message, [red]), "rolemenu.added", "de")
    swapped = await choose(world, mia, message, [blue])
    assert says(swapped, "rolemenu.added", "de", roles=f"<@&{blue.id}>")
    assert says(swapped, "rolemenu.removed", "de", roles=f"<@&{red.id}>")
    assert held(world, mia) == {verified.id, blue.id}
    assert says(await choose(world, mia, message, []), "rolemenu.removed", "de")
    assert held(world, mia) == {verified.id}


async def test_unsafe_roles_are_refused_at_creation_and_at_the_click(
    runner: BotRunner, world: World
):
    fake = world.fake
    (above,) = roles(world, "Über dem Bot", position=5)
    (dangerous,) = roles(world, "Helfer")
    fake.set_role_permissions(world.guild, dangerous, MANAGE_MESSAGES)
    (managed,) = roles(world, "Booster")
    managed.managed = True
    fake.edit_role(world.guild, managed, name="Booster")
    (fine,) = roles(world, "Neugierig")
    bot = runner.bot
    assert bot is not None
    await fake.wait_for(
        lambda: (r := bot.get_guild(world.guild.id).get_role(managed.id)) and r.managed  # type: ignore[union-attr]
    )
    before = await table_dump(bot)
    cases = [
        (above, "rolemenu.role_above_bot"),
        (managed, "rolemenu.role_managed"),
        (dangerous, "rolemenu.role_dangerous"),
    ]
    for role, key in cases:
        reply = await create(world, {"roles": mentions(fine, role), "title": "Rollen"})
        assert says(reply, key, "de", role=f"<@&{role.id}>"), reply
    # an English admin with Manage Roles hears it in English
    fake.set_role_permissions(world.guild, world.admins, world.admins.permissions | MANAGE_ROLES)
    await fake.wait_for(
        lambda: bot.get_guild(world.guild.id).get_role(world.admins.id).permissions.manage_roles  # type: ignore[union-attr]
    )
    english = await run(
        world, world.admin, "rolemenu create", {"roles": mentions(dangerous), "title": "x"}
    )
    assert says(english, "rolemenu.role_dangerous", "en", role=f"<@&{dangerous.id}>")
    assert await table_dump(bot) == before
    assert menu_messages(world) == []

    # a role that turns dangerous after the menu was made is refused at the click
    await create(world, {"roles": mentions(fine), "title": "Rollen"})
    (message,) = await fake.wait_for(lambda: menu_messages(world))
    fake.edit_role(world.guild, fine, permissions=MANAGE_ROLES)
    await fake.wait_for(
        lambda: bot.get_guild(world.guild.id).get_role(fine.id).permissions.manage_roles  # type: ignore[union-attr]
    )
    refused = await click(world, world.english_member, message, fine)
    assert says(refused, "rolemenu.role_dangerous", "en", role=f"<@&{fine.id}>")
    assert fine.id not in held(world, world.english_member)
    # and one moved above the bot
    fake.edit_role(world.guild, fine, permissions=0, position=6)
    await fake.wait_for(
        lambda: bot.get_guild(world.guild.id).get_role(fine.id).position == 6  # type: ignore[union-attr]
    )
    refused = await click(world, world.english_member, message, fine)
    assert says(refused, "rolemenu.role_above_bot", "en")
    assert fine.id not in held(world, world.english_member)


def delete_role(world: World, role: FakeRole) -> None:
    """An admin deletes a role in Discord: GUILD_ROLE_DELETE."""
    guild = world.fake.world.guild(world.guild)
    del guild.roles[role.id]
    for member in guild.members.values():
        if role.id in member.roles:
            member.roles.remove(role.id)
    world.fake.dispatch_nowait(
        "GUILD_ROLE_DELETE", {"guild_id": str(guild.id), "role_id": str(role.id)}
    )


def delete_message(world: World, message: dict) -> None:
    """A moderator deletes a message in Discord: MESSAGE_DELETE."""
    stored = world.fake.message(message["id"])
    assert stored is not None
    world.fake.store.delete(stored)
    world.fake.dispatch_nowait(
        "MESSAGE_DELETE",
        {"id": message["id"], "channel_id": message["channel_id"], "guild_id": str(world.guild.id)},
    )


async def menu_count(runner: BotRunner) -> int:
    assert runner.bot is not None
    row = await runner.bot.db.fetchone("SELECT count(*) FROM rolemenus")
    assert row is not None
    return int(row[0])


async def test_more_than_25_roles_continue_and_deleted_roles_and_messages_clean_up(
    runner: BotRunner, world: World
):
    fake = world.fake
    many = roles(world, *(f"Rolle {i}" for i in range(27)))
    await create(world, {"roles": mentions(*many), "title": "Viele"})
    first, second = await fake.wait_for(
        lambda: found if len(found := menu_messages(world)) == 2 else None
    )
    assert len(buttons(first)) == 25 and len(buttons(second)) == 2
    assert says(second["content"], "rolemenu.continued", "de", title="Viele")
    assert says(await click(world, world.member, second, many[26]), "rolemenu.added", "de")

    # a deleted role leaves the menu: the second message is no longer needed
    delete_role(world, many[26])
    delete_role(world, many[25])
    await fake.wait_for(lambda: len(menu_messages(world)) == 1)
    (only,) = menu_messages(world)
    assert len(buttons(only)) == 25
    assert fake.message(second["id"]) is None
    # the menu with 25 roles survives a restart; /rolemenu add makes it continue again
    await runner.restart()
    (extra,) = roles(world, "Noch eine")
    added = await run(world, world.owner, "rolemenu add", {"menu": "1", "role": extra.id})
    assert says(added, "rolemenu.role_added", "de")
    await fake.wait_for(lambda: len(menu_messages(world)) == 2)
    # deleting one message of the menu ends the whole menu
    delete_message(world, only)
    await fake.wait_for(lambda: menu_messages(world) == [])
    assert await menu_count(runner) == 0


async def test_rolemenu_delete_removes_the_messages_and_keeps_members_roles(
    runner: BotRunner, world: World
):
    (games,) = roles(world, "Spiele")
    await create(world, {"roles": mentions(games), "title": "Interessen"})
    (message,) = await world.fake.wait_for(lambda: menu_messages(world))
    await click(world, world.member, message, games)
    reply = await run(world, world.owner, "rolemenu delete", {"menu": "1"})
    assert says(reply, "rolemenu.deleted", "de", number=1)
    await world.fake.wait_for(lambda: menu_messages(world) == [])
    assert games.id in held(world, world.member)
    assert await menu_count(runner) == 0
    unknown = await run(world, world.owner, "rolemenu delete", {"menu": "1"})
    assert says(unknown, "rolemenu.unknown", "de")


async def test_the_statistics_report_shows_which_roles_were_chosen(runner: BotRunner, world: World):
    from datetime import datetime

    from tests.catalog import t
    from tests.e2e.test_stats import stats_cog, travel_to

    fake = world.fake
    reports = fake.create_text_channel(world.guild, "berichte")
    travel_to(runner, datetime(2026, 3, 18, 12, 0))
    await run(world, world.admin, "config channel", {"purpose": "reports", "channel": reports.id})
    await run(world, world.admin, "stats settings", {"report": "daily", "hour": 9})
    games, music = roles(world, "Spiele", "Musik")
    await create(world, {"roles": mentions(games, music), "title": "Interessen"})
    (message,) = await fake.wait_for(lambda: menu_messages(world))
    for member in (world.member, world.english_member):
        await click(world, member, message, games)
    await click(world, world.member, message, music)
    await click(world, world.member, message, music)
    travel_to(runner, datetime(2026, 3, 19, 9, 0, 5))
    await stats_cog(runner).report_job(world.guild.id)
    name = t("rolemenu.report_field", "de")

    def sections() -> list[dict]:
        return [
            field
            for m in fake.messages(reports)
            for embed in m.get("embeds", [])
            for field in embed.get("fields", [])
            if field["name"] == name
        ]

    (field,) = await fake.wait_for(sections)
    lines = field["value"].splitlines()
    assert says(lines[0], "rolemenu.list_role", "de", role=f"<@&{games.id}>", added=2, removed=0)
    assert says(lines[1], "rolemenu.list_role", "de", role=f"<@&{music.id}>", added=1, removed=1)


async def test_team_roles_are_refused_at_creation_and_at_the_click(runner: BotRunner, world: World):
    """A role that makes its members staff (a moderator or admin role from /config role), is
    exempt from the auto-moderation or is the quarantine role must never be self-assignable."""
    fake = world.fake
    team, later = roles(world, "Mods", "Stammgast")
    bot = runner.bot
    assert bot is not None
    await run(world, world.owner, "config role", {"kind": "moderator", "role": team.id})
    before = await table_dump(bot)
    refused = await create(world, {"roles": mentions(team), "title": "Rollen"})
    assert says(refused, "rolemenu.role_team", "de", role=f"<@&{team.id}>"), refused
    assert await table_dump(bot) == before
    assert menu_messages(world) == []

    # a role made an admin role after the menu was made is refused at the click
    await create(world, {"roles": mentions(later), "title": "Rollen"})
    (message,) = await fake.wait_for(lambda: menu_messages(world))
    await run(world, world.owner, "config role", {"kind": "admin", "role": later.id})
    refused = await click(world, world.english_member, message, later)
    assert says(refused, "rolemenu.role_team", "en", role=f"<@&{later.id}>"), refused
    assert later.id not in held(world, world.english_member)
    # and so is an auto-moderation exempt role, once it is no admin role any more
    await run(world, world.owner, "config role", {"kind": "admin", "role": later.id})
    assert says(await click(world, world.member, message, later), "rolemenu.added", "de")
    assert says(await click(world, world.member, message, later), "rolemenu.removed", "de")
    await run(world, world.owner, "automod exempt", {"role": later.id})
    refused = await click(world, world.member, message, later)
    assert says(refused, "rolemenu.role_team", "de", role=f"<@&{later.id}>"), refused
    assert later.id not in held(world, world.member)


def allow_in(world: World, channel: Any, role: FakeRole, permissions: int) -> None:
    """A channel overwrite that grants ``permissions`` to ``role`` in ``channel`` only."""
    world.fake.set_overwrites(
        channel, [{"id": str(role.id), "type": 0, "allow": str(permissions), "deny": "0"}]
    )


async def test_a_role_granting_a_dangerous_permission_in_one_channel_is_refused(
    runner: BotRunner, world: World
):
    fake = world.fake
    bot = runner.bot
    assert bot is not None
    helpers, fine = roles(world, "Helfer", "Neugierig")
    corner = fake.create_text_channel(world.guild, "ecke")
    allow_in(world, corner, helpers, MANAGE_MESSAGES)

    def overwritten(role: FakeRole) -> bool:
        channel = bot.get_channel(corner.id)
        guild = bot.get_guild(world.guild.id)
        assert guild is not None
        cached = guild.get_role(role.id)
        return (
            channel is not None
            and cached is not None
            and channel.overwrites_for(cached).manage_messages is True  # type: ignore[union-attr]
        )

    await fake.wait_for(lambda: overwritten(helpers))
    reply = await create(world, {"roles": mentions(helpers), "title": "Rollen"})
    assert says(reply, "rolemenu.role_dangerous", "de", role=f"<@&{helpers.id}>"), reply
    assert menu_messages(world) == []

    # an overwrite added after the menu was made is refused at the click
    await create(world, {"roles": mentions(fine), "title": "Rollen"})
    (message,) = await fake.wait_for(lambda: menu_messages(world))
    allow_in(world, corner, fine, MANAGE_MESSAGES)
    await fake.wait_for(lambda: overwritten(fine))
    refused = await click(world, world.english_member, message, fine)
    assert says(refused, "rolemenu.role_dangerous", "en", role=f"<@&{fine.id}>"), refused
    assert fine.id not in held(world, world.english_member)


async def test_two_clicks_at_once_on_a_single_choice_menu_end_with_one_role(
    runner: BotRunner, world: World
):
    import asyncio

    red, blue = roles(world, "Rot", "Blau")
    await create(world, {"roles": mentions(red, blue), "title": "Team", "single": True})
    (message,) = await world.fake.wait_for(lambda: menu_messages(world))
    ben = world.english_member
    # both clicks carry the same roles (none of the menu's): the second must see the first's
    await asyncio.gather(click(world, ben, message, red), click(world, ben, message, blue))
    assert len(held(world, ben) & {red.id, blue.id}) == 1
    # and a third click right after, before Discord's member update arrived, swaps again
    mine = held(world, ben) & {red.id, blue.id}
    other = red if blue.id in mine else blue
    await click(world, ben, message, other)
    assert held(world, ben) & {red.id, blue.id} == {other.id}
