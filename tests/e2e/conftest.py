"""End-to-end harness: the real Bot, real SQLite, real scheduler, against the fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest

from bot.config import Settings
from bot.core import Bot
from bot.database import Database
from bot.db_open import open_database
from bot.features import DEFAULT_EXTENSIONS, required_permissions
from tests.fakediscord import FakeChannel, FakeDiscord, FakeGuild, FakeRole, FakeUser

SAMPLE = "tests.e2e.sample_feature"

MANAGE_GUILD = 1 << 5
MODERATE_MEMBERS = 1 << 40
MANAGE_MESSAGES = 1 << 13
MANAGE_CHANNELS = 1 << 4
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
SEND_MESSAGES = 1 << 11
VIEW_CHANNEL = 1 << 10


@dataclass
class World:
    fake: FakeDiscord
    guild: FakeGuild
    owner: FakeUser
    admin: FakeUser
    moderator: FakeUser
    member: FakeUser  # German client
    english_member: FakeUser
    admins: FakeRole
    mods: FakeRole
    general: FakeChannel
    readonly: FakeChannel  # the bot may not post here
    staff_only: FakeChannel  # members and mods cannot see it, the bot can
    other_guild: FakeGuild
    other_channel: FakeChannel
    outsider: FakeUser


@pytest.fixture
def world(fake_discord: FakeDiscord) -> World:
    return build_world(fake_discord)


def build_world(fake: FakeDiscord) -> World:
    """The standard server: an owner, an admin, a moderator, two members, #general, a channel
    the bot may not post in, a staff channel, and a second server the members are not in."""
    owner = fake.create_user("olga", locale="de")
    admin = fake.create_user("adam", locale="en-US")
    moderator = fake.create_user("mona", locale="de")
    member = fake.create_user("mia", locale="de")
    english_member = fake.create_user("ben", locale="en-GB")
    guild = fake.create_guild("Gemeinschaft", owner=owner, locale="de")
    mods = fake.create_role(
        guild, "Mods", permissions=MODERATE_MEMBERS | KICK_MEMBERS | BAN_MEMBERS, position=1
    )
    bot_role = fake.create_role(
        guild, "Gemeinschaft", permissions=required_permissions().value, position=2
    )
    admins = fake.create_role(
        guild,
        "Admins",
        permissions=MANAGE_GUILD | MODERATE_MEMBERS | MANAGE_MESSAGES | MANAGE_CHANNELS,
        position=3,
    )
    fake.set_bot_roles(guild, [bot_role])
    fake.add_member(guild, admin, roles=[admins])
    fake.add_member(guild, moderator, roles=[mods])
    fake.add_member(guild, member)
    fake.add_member(guild, english_member)
    general = fake.create_text_channel(guild, "general")
    bot_id = fake.bot_user.id
    readonly = fake.create_text_channel(
        guild,
        "rules",
        overwrites=[{"id": str(bot_id), "type": 1, "allow": "0", "deny": str(SEND_MESSAGES)}],
    )
    staff_only = fake.create_text_channel(
        guild,
        "staff",
        overwrites=[
            {"id": str(guild.id), "type": 0, "allow": "0", "deny": str(VIEW_CHANNEL)},
            {"id": str(admins.id), "type": 0, "allow": str(VIEW_CHANNEL), "deny": "0"},
            {"id": str(mods.id), "type": 0, "allow": str(VIEW_CHANNEL), "deny": "0"},
            {"id": str(bot_id), "type": 1, "allow": str(VIEW_CHANNEL), "deny": "0"},
        ],
    )
    outsider = fake.create_user("otto")
    other_guild = fake.create_guild("Elsewhere", owner=outsider)
    other_channel = fake.create_text_channel(other_guild, "general")
    return World(
        fake,
        guild,
        owner,
        admin,
        moderator,
        member,
        english_member,
        admins,
        mods,
        general,
        readonly,
        staff_only,
        other_guild,
        other_channel,
        outsider,
    )


class Clock:
    """A controllable clock for the bot: real time plus an offset the test can advance."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


class BotRunner:
    """Starts, stops and restarts the real bot on one database file."""

    def __init__(self, fake: FakeDiscord, settings: Settings, extensions: Sequence[str]) -> None:
        self.clock = Clock()
        self.fake = fake
        self.settings = settings
        self.extensions = tuple(extensions)
        self.bot: Bot | None = None
        self.db: Database | None = None
        self._task: asyncio.Task[None] | None = None
        self.ready_seconds = 0.0
        # An automatic removal's DM waits this long for a ladder step to join it (the product
        # waits longer; the raid tests use the product's hold).
        self.dm_hold = timedelta(seconds=0.5)

    async def start(self) -> Bot:
        loop = asyncio.get_running_loop()
        began = loop.time()
        self.db = await open_database(
            self.settings.database_target, backup_dir=self.settings.backup_dir
        )
        self.bot = Bot(
            self.settings,
            self.db,
            extensions=self.extensions,
            clock=self.clock,
            guild_ready_timeout=0.05,
        )
        self.bot.moderation.dm_hold = self.dm_hold
        self._task = asyncio.create_task(self.bot.start(self.settings.require_token()))
        ready = asyncio.create_task(self.bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {self._task, ready}, timeout=15, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            await self.stop()
            if self._task in done:
                self._task.result()
            raise AssertionError("the bot did not become ready")
        # on_ready handlers run as tasks; give them a moment to finish their database work.
        await asyncio.sleep(0.05)
        self.ready_seconds = loop.time() - began
        return self.bot

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.close()
        if self._task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, 10)
        if self.db is not None:
            await self.db.close()
        self.bot = self.db = self._task = None

    async def restart(self) -> Bot:
        await self.stop()
        return await self.start()


@pytest.fixture
def e2e_settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(
        discord_token="test-token",
        database_path=tmp_path / "data" / "bot.sqlite3",
        database_url=database_url,
        backup_dir=tmp_path / "data" / "backups",
        default_locale="de",
    )


@pytest.fixture
async def runner(
    fake_discord: FakeDiscord, world: World, e2e_settings: Settings
) -> AsyncIterator[BotRunner]:
    runner = BotRunner(fake_discord, e2e_settings, (*DEFAULT_EXTENSIONS, SAMPLE))
    await runner.start()
    try:
        yield runner
    finally:
        await runner.stop()


@pytest.fixture
def bot(runner: BotRunner) -> Bot:
    assert runner.bot is not None
    return runner.bot


def with_settings(runner: BotRunner, **changes: object) -> None:
    runner.settings = replace(runner.settings, **changes)  # type: ignore[arg-type]


__all__ = ["SAMPLE", "BotRunner", "World", "discord", "with_settings"]
