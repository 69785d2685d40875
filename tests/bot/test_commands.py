"""Every slash command is valid for Discord and localized to German."""

import importlib
import re

import discord
from discord import app_commands

from bot.core import Bot
from bot.features import DEFAULT_EXTENSIONS, SCOPES, invite_url, required_permissions

NAME = re.compile(r"^[-_\w]{1,32}$")


async def loaded_bot(settings, db) -> Bot:
    bot = Bot(settings, db)
    await bot.load_features()
    return bot


def texts_of(command) -> list[tuple[str, int]]:
    """(text, max length) for the name, description, options and choices of a command."""
    if isinstance(command, app_commands.ContextMenu):
        return [(command.name, 31)]  # context-menu names may have spaces and capitals
    found = [(command.name, 32), (command.description, 100)]
    if isinstance(command, app_commands.Group):
        for child in command.commands:
            found += texts_of(child)
    else:
        for param in command.parameters:
            found += [(param.display_name, 32), (param.description, 100)]
            found += [(choice.name, 100) for choice in param.choices]
    return found


async def test_all_features_load_and_every_text_has_german(settings, db):
    bot = await loaded_bot(settings, db)
    assert bot.feature_status == {name: None for name in DEFAULT_EXTENSIONS}
    commands = bot.tree.get_commands()
    assert {c.name for c in commands} >= {"config", "help", "status", "mydata"}
    missing = []
    for command in commands:
        for text, limit in texts_of(command):
            assert len(text) <= limit, text
            german = bot.i18n.command_german(text)
            if german is None:
                missing.append(text)
            elif limit == 32:  # slash-command and option names: lowercase, no spaces
                assert NAME.match(german) and german == german.lower(), german
    assert missing == []


async def test_a_broken_feature_does_not_stop_the_others(settings, db):
    bot = Bot(settings, db, extensions=("cogs.config", "tests.bot.broken_feature", "cogs.meta"))
    await bot.load_features()
    assert bot.feature_status["cogs.config"] is None
    assert bot.feature_status["cogs.meta"] is None
    assert "broken on purpose" in (bot.feature_status["tests.bot.broken_feature"] or "")
    assert bot.tree.get_command("help") is not None


def test_invite_permissions_are_the_union_of_what_features_declare():
    total = required_permissions()
    core = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)
    automod = importlib.import_module("cogs.automod").REQUIRED_PERMISSIONS
    declared = [importlib.import_module(name).REQUIRED_PERMISSIONS for name in DEFAULT_EXTENSIONS]
    union = core
    for permissions in declared:
        union |= permissions
    assert total == union
    assert automod <= total
    assert total.manage_messages and total.moderate_members
    url = invite_url(123456789012345678)
    assert "client_id=123456789012345678" in url
    assert f"permissions={total.value}" in url
    assert "scope=" + "+".join(SCOPES) in url
    assert not total.administrator
