"""Every slash command is valid for Discord and localized to German."""

import importlib
import re

import discord
from discord import app_commands

from bot.core import Bot
from bot.features import DEFAULT_EXTENSIONS, SCOPES, invite_url, required_permissions

NAME = re.compile(r"^[-_\w]{1,32}$")


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


async def test_all_features_load_and_every_text_has_german(loaded_bot):
    bot = loaded_bot
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


KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def key_literals() -> list[tuple[str, int, str, bool]]:
    """(file, line, text, is an f-string head) for every string in bot/ and cogs/ shaped like a
    message key (``giveaway.entered``); f-strings give their constant head (``giveaway.claim_``)."""
    import ast
    import tokenize
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = []
    for path in sorted([*root.glob("bot/**/*.py"), *root.glob("cogs/**/*.py")]):
        with path.open("rb") as source:
            tokens = list(tokenize.tokenize(source.readline))
        for token in tokens:
            if token.type != tokenize.STRING:
                continue
            prefix = token.string[: token.string.index(token.string[-1])].lower()
            if "f" in prefix:
                body = token.string[len(prefix) + 1 : -1]
                head = body.split("{", 1)[0]
                if head and "{" in body and KEY.match(head.rstrip("._") or "-"):
                    found.append((path.name, token.start[0], head, True))
                continue
            value = ast.literal_eval(token.string)
            if isinstance(value, str) and KEY.match(value):
                found.append((path.name, token.start[0], value, False))
    return found


async def test_every_message_key_used_in_code_exists_in_german_and_english(loaded_bot):
    bot = loaded_bot
    keys = bot.i18n.keys()
    heads = {key.split(".")[0] for key in keys}
    missing = []
    for file, line, literal, prefix in key_literals():
        if literal.split(".")[0] not in heads or "." not in literal:
            continue  # a module path, a file name, a log text: not a message key
        known = any(k.startswith(literal) for k in keys) if prefix else bot.i18n.has(literal)
        if not known:
            missing.append(f"{file}:{line} {literal}")
    assert missing == []
    for key in keys:
        for lang in ("de", "en"):
            assert bot.i18n.t(lang, key, count=2) != key


async def test_german_command_and_option_names_use_real_umlauts(loaded_bot):
    """Discord accepts lowercase letters with umlauts in names: `wörter`, not `woerter`."""
    names = set()
    for command in loaded_bot.tree.walk_commands():
        names.add(loaded_bot.i18n.command_german(command.name))
        if isinstance(command, app_commands.Command):
            names.update(loaded_bot.i18n.command_german(p.display_name) for p in command.parameters)
    spelled_out = {n for n in names if n and re.search(r"ae|oe|ue", n)}
    # real German words with these letters, not umlauts written out
    assert spelled_out <= {"dauer", "neue_konten", "erneut", "steuer"}, spelled_out


async def test_every_data_source_says_in_german_and_english_what_it_holds(loaded_bot):
    """/mydata export describes each part in the member's language."""
    features = [source.name for source in loaded_bot.privacy.sources()]
    assert len(features) >= 5
    core = ["activity", "appeals", "moderation_cases", "outbox", "review_items"]  # at start
    names = [*features, *core]
    assert [n for n in names if not loaded_bot.i18n.has(f"mydata.source.{n}")] == []
