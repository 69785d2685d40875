"""The permission model, attacked as a sweep: every command, context menu and persistent button
declares a scope, and a permission granted in one channel only never makes someone a server
moderator or admin (bot/scopes.py)."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord import app_commands

from bot import cooldowns
from bot.core import Bot
from bot.moderation.appeals import DecisionButton, FalsePositiveButton
from bot.moderation.review import ReviewButton
from bot.replies import permission_label
from bot.scopes import Access, Scope, command_table, scoped
from bot.scopes import undeclared_commands as undeclared
from bot.ui.buttons import ScopedButton, ScopedItem, undeclared_buttons
from cogs.automod.raid import RaidButton
from cogs.config.views import ChannelPick, LanguagePick, RolePick, WizardButton, ZonePick
from cogs.feedback.inbox import InboxButton
from cogs.feedback.talk_views import TeamCloseButton
from cogs.qa.views import _Button as QaButton
from cogs.suggestions.board import Status as SuggestionStatus
from cogs.suggestions.views import StatusButton as SuggestionStatusButton
from cogs.suggestions.views import VoteButton as SuggestionButton
from tests.catalog import says
from tests.e2e.conftest import (
    BAN_MEMBERS,
    KICK_MEMBERS,
    MANAGE_CHANNELS,
    MANAGE_GUILD,
    MANAGE_MESSAGES,
    MODERATE_MEMBERS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    BotRunner,
    World,
)
from tests.e2e.helpers import table_dump

MANAGE_ROLES = 1 << 28
MANAGE_THREADS = 1 << 34
#: every moderation permission a channel overwrite can carry
CHANNEL_GRANT = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | MANAGE_CHANNELS
    | MANAGE_MESSAGES
    | MODERATE_MEMBERS
    | KICK_MEMBERS
    | BAN_MEMBERS
    | MANAGE_GUILD
    | MANAGE_ROLES
    | MANAGE_THREADS
)


def refused(text: str) -> bool:
    """The refusal for a permission held in a channel only, in the helper's language (German)."""
    return says(text, "error.server_permission", "de")


#: one button of each class and action that needs more than membership, as the bot would post it
PRIVILEGED_BUTTONS: dict[str, Any] = {
    "DecisionButton:uphold": lambda g: DecisionButton(g, 1, "uphold"),
    "DecisionButton:revoke": lambda g: DecisionButton(g, 1, "revoke"),
    "FalsePositiveButton": lambda g: FalsePositiveButton(g, 1),
    **{
        f"RaidButton:{action}": (lambda a: lambda g: RaidButton(g, 1, a))(action)
        for action in ("lock", "timeout", "kick")
    },
    **{
        f"ReviewButton:{action}": (lambda a: lambda g: ReviewButton(g, 1, a))(action)
        for action in ("delete", "warn", "timeout", "clear")
    },
    **{
        f"InboxButton:{action}": (lambda a: lambda g: InboxButton(g, 1, a))(action)
        for action in ("ack", "reply", "resolve", "escalate")
    },
    **{
        f"_Button:{action}": (lambda a: lambda g: QaButton(a, 1))(action)
        for action in ("approve", "reject", "faq")
    },
    "WizardButton": lambda g: WizardButton(g, "create", "channels1", "Create"),
    "VoteButton:status": lambda g: SuggestionButton("status", 1),
    "StatusButton": lambda g: SuggestionStatusButton(1, SuggestionStatus.DECLINED),
    "TeamCloseButton": lambda g: TeamCloseButton(g, 1),
}
#: privileged select menus: how to make one, and what the sweep picks in it
PRIVILEGED_SELECTS: dict[str, tuple[Any, Any]] = {
    "ChannelPick": (lambda g: ChannelPick(g, "modlog"), lambda w: [w.general.id]),
    "LanguagePick": (lambda g: LanguagePick(g), lambda w: ["en"]),
    "ZonePick": (lambda g: ZonePick(g, "UTC"), lambda w: ["UTC"]),
    "RolePick": (lambda g: RolePick(g, "moderator"), lambda w: [w.mods.id]),
}


def registered_buttons(bot: Bot) -> list[type[Any]]:
    return list(bot._connection._view_store._dynamic_items.values())


def privileged(access: Access) -> bool:
    return access.scope in (Scope.SERVER_MODERATOR, Scope.ADMIN)


def option_values(schema: list[dict[str, Any]], world: World) -> dict[str, Any]:
    """A plausible value for every required option, so the command would run if allowed."""
    values: dict[str, Any] = {}
    for option in schema:
        if not option.get("required"):
            continue
        kind = int(option["type"])
        if option.get("choices"):
            values[option["name"]] = option["choices"][0]["value"]
        elif kind == 3:
            text = "1" if option.get("autocomplete") else "1d"
            values[option["name"]] = text.ljust(int(option.get("min_length", 0)), "x")
        elif kind in (4, 10):
            values[option["name"]] = int(option.get("min_value", 1))
        elif kind == 5:
            values[option["name"]] = True
        elif kind in (6, 9):
            values[option["name"]] = world.member.id
        elif kind == 7:
            values[option["name"]] = world.general.id
        elif kind == 8:
            values[option["name"]] = world.mods.id
        else:
            raise AssertionError(f"no sample value for option type {kind}")
    return values


def leaves(world: World) -> list[tuple[str, list[dict[str, Any]]]]:
    """(qualified name, option schema) of every registered slash command."""
    found: list[tuple[str, list[dict[str, Any]]]] = []

    def walk(prefix: str, node: dict[str, Any]) -> None:
        subs = [o for o in node.get("options") or [] if int(o["type"]) in (1, 2)]
        if not subs:
            found.append((prefix, node.get("options") or []))
        for sub in subs:
            walk(f"{prefix} {sub['name']}", sub)

    for command in world.fake.commands() + world.fake.commands(world.guild):
        if int(command.get("type", 1)) == 1:
            walk(command["name"], command)
    return found


@pytest.fixture
async def helper(runner: BotRunner, world: World) -> tuple[Any, Any]:
    """A member with every moderation permission, granted only as channel overwrites: in
    #general and in the moderation-log channel."""
    fake = world.fake
    helper = fake.create_user("hanna", locale="de")
    fake.add_member(world.guild, helper)
    modlog = fake.create_text_channel(world.guild, "modlog")
    for channel in (world.general, modlog):
        overwrites = [*channel.overwrites]
        overwrites.append(
            {"id": str(helper.id), "type": 1, "allow": str(CHANNEL_GRANT), "deny": "0"}
        )
        fake.set_overwrites(channel, overwrites)
    reply = await fake.invoke(
        world.admin, world.general, "config channel", {"purpose": "modlog", "channel": modlog.id}
    )
    await reply.response()
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_guild(world.guild.id).get_member(helper.id))
    return helper, modlog


async def test_every_command_and_button_declares_exactly_one_scope(bot: Bot):
    assert undeclared(bot.tree) == []
    assert undeclared_buttons(registered_buttons(bot)) == []
    table = command_table(bot.tree)
    names = [name for name, _ in table]
    assert len(names) == len(set(names)) and len(table) >= 80
    assert "Apps › Report message" in names
    declared = {name: access for name, access in table}
    # a few that must never drift
    assert declared["/lockdown"].scope is Scope.SERVER_MODERATOR
    assert declared["/purge"] == Access(Scope.CHANNEL_MODERATOR, "manage_messages", cooldowns.BULK)
    assert declared["/config channel"] == Access(Scope.ADMIN, "manage_guild")
    assert declared["/ask"].scope is Scope.MEMBER
    buttons = registered_buttons(bot)
    privileged_buttons = {
        f"{b.__name__}:{action}" if b.actions else b.__name__
        for b in buttons
        if issubclass(b, ScopedItem)
        for action, access in (b.actions.items() if b.actions else [("", b.access)])
        if access is not None and privileged(access)
    }
    # the click sweep below covers every privileged button there is
    with_actions = {b.__name__ for b in buttons if issubclass(b, ScopedItem) and b.actions}
    swept = {
        key if key.split(":")[0] in with_actions else key.split(":")[0]
        for key in [*PRIVILEGED_BUTTONS, *PRIVILEGED_SELECTS]
    }
    assert privileged_buttons == swept


async def test_a_command_or_button_without_a_scope_fails_the_sweep(
    runner: BotRunner, world: World, bot: Bot
):
    @app_commands.command(name="unscoped", description="Declares nothing")
    async def unscoped(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ran")

    bot.tree.add_command(unscoped)
    assert undeclared(bot.tree) == ["unscoped"]

    class Plain(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"plain:(?P<id>\d+)"):
        pass

    class Silent(ScopedButton, template=r"silent:(?P<id>\d+)"):
        pass

    assert undeclared_buttons([*registered_buttons(bot), Plain, Silent]) == ["Plain", "Silent"]
    # and at run time an undeclared command is refused, not run (fail closed)
    await bot.tree.sync()
    reply = await world.fake.invoke(world.owner, world.general, "unscoped")
    await reply.response()
    assert reply.content_text() != "ran" and says(reply.content_text(), "error.not_allowed", "de")
    # a declared one runs
    bot.tree.remove_command("unscoped")
    bot.tree.add_command(scoped(Scope.MEMBER)(unscoped))
    assert undeclared(bot.tree) == []


async def test_channel_permissions_never_make_a_server_moderator_for_any_command(
    runner: BotRunner, world: World, bot: Bot, helper: tuple[Any, Any]
):
    user, modlog = helper
    table = dict(command_table(bot.tree))
    swept = 0
    before = await table_dump(bot)
    for name, schema in leaves(world):
        access = table[f"/{name}"]
        if not privileged(access):
            continue
        for channel in (world.general, modlog):
            reply = await world.fake.invoke(
                user,
                channel,
                name,
                option_values(schema, world),
                bypass_default_permissions=True,  # as if an admin had made the command visible
            )
            await reply.response()
            assert reply.ephemeral, name
            assert refused(reply.content_text()), (name, reply.content_text())
            swept += 1
    assert await table_dump(bot) == before  # nothing was written by any refused command
    assert swept >= 2 * 60
    print(f"{swept // 2} server-moderator and admin commands refused in two channels")


async def test_channel_permissions_never_make_a_server_moderator_for_any_button(
    runner: BotRunner, world: World, bot: Bot, helper: tuple[Any, Any]
):
    user, modlog = helper
    before = await table_dump(bot)
    for channel_id in (world.general.id, modlog.id):
        channel = bot.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        for name, make in PRIVILEGED_BUTTONS.items():
            view = discord.ui.View(timeout=None)
            button = make(world.guild.id)
            view.add_item(button)
            posted = await channel.send("sweep", view=view)
            message = world.fake.message(posted.id)
            assert message is not None
            click = await world.fake.click(user, message, button.item.custom_id)
            answer = await click.response()
            assert answer["type"] == 4, name  # a reply, no modal opened
            assert refused(click.content_text()), (name, click.content_text())
        for name, (make, values) in PRIVILEGED_SELECTS.items():
            view = discord.ui.View(timeout=None)
            select = make(world.guild.id)
            view.add_item(select)
            posted = await channel.send("sweep", view=view)
            message = world.fake.message(posted.id)
            assert message is not None
            pick = await world.fake.select(user, message, select.item.custom_id, values(world))
            answer = await pick.response()
            assert answer["type"] == 4, name
            assert refused(pick.content_text()), (name, pick.content_text())
    assert await table_dump(bot) == before


async def test_a_channel_helper_still_moderates_their_own_channel(
    runner: BotRunner, world: World, helper: tuple[Any, Any]
):
    user, _modlog = helper
    for n in range(3):
        await world.fake.send_message(world.member, world.general, f"hello {n}")
    reply = await world.fake.invoke(
        user, world.general, "purge", {"count": 2}, bypass_default_permissions=True
    )
    await reply.response()
    if reply.response_type == 5:
        await reply.wait_for_followup()
    assert says(reply.content_text(), "mod.purge_done", "de", deleted=2)
    # but not a channel where they hold nothing
    elsewhere = world.fake.create_text_channel(world.guild, "elsewhere")
    reply = await world.fake.invoke(
        user, elsewhere, "purge", {"count": 2}, bypass_default_permissions=True
    )
    await reply.response()
    assert says(
        reply.content_text(),
        "error.missing_permissions",
        "de",
        permissions=permission_label(["manage_messages"]),
    )
