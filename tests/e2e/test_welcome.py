"""The welcome end to end: settings made while the welcome was part of the statistics still greet
new members after the upgrade."""

from __future__ import annotations

import asyncpg

from bot.config import Settings
from bot.database import load_migrations
from bot.db_open import open_database
from bot.features import DEFAULT_EXTENSIONS
from tests.e2e.conftest import SAMPLE, BotRunner, World
from tests.e2e.direct import columns, connect
from tests.fakediscord import FakeDiscord

MIGRATIONS = load_migrations()


async def test_welcome_settings_from_before_the_welcome_was_its_own_feature_still_greet(
    fake_discord: FakeDiscord, world: World, e2e_settings: Settings
):
    fake = world.fake
    greeted = fake.create_role(world.guild, "Neu", position=1)
    # A database of the version before the welcome had its own table: the welcome is on, with
    # its own text, a role and a channel.
    welcome = next(m for m in MIGRATIONS if m.name.endswith("_welcome"))
    if e2e_settings.database_url:  # the test's database is migrated already: start empty
        conn = await asyncpg.connect(e2e_settings.database_url)
        try:
            await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        finally:
            await conn.close()
    db = await open_database(
        e2e_settings.database_target, migrations=MIGRATIONS[: welcome.version - 1]
    )
    async with db.transaction() as tx:
        now = "2026-01-01T00:00:00+00:00"
        await tx.execute(
            "INSERT INTO guilds (guild_id, joined_at) VALUES (?, ?)", (world.guild.id, now)
        )
        await tx.execute(
            "INSERT INTO guild_channels (guild_id, kind, channel_id) VALUES (?, 'welcome', ?)",
            (world.guild.id, world.general.id),
        )
        await tx.execute(
            "INSERT INTO stats_settings (guild_id, report_period, welcome_enabled, welcome_text, "
            "welcome_role_id, updated_at) VALUES (?, 'weekly', 1, 'Hallo {member_name}!', ?, ?)",
            (world.guild.id, greeted.id, now),
        )
    await db.close()

    runner = BotRunner(fake_discord, e2e_settings, (*DEFAULT_EXTENSIONS, SAMPLE))
    await runner.start()
    try:
        newbie = fake.create_user("neuling")
        fake.add_member(world.guild, newbie)
        posted = await fake.wait_for(
            lambda: [m for m in fake.messages(world.general) if "Hallo" in m.get("content", "")]
        )
        assert [m["content"] for m in posted] == ["Hallo neuling!"]
        await fake.wait_for(lambda: greeted.id in fake.member(world.guild, newbie).roles)
    finally:
        await runner.stop()
    with connect(e2e_settings) as conn:
        assert not any(name.startswith("welcome") for name in columns(conn, "stats_settings"))
        # The statistics keep their own settings.
        assert conn.execute("SELECT report_period FROM stats_settings").fetchall() == [("weekly",)]
