"""The bot connects, syncs its commands only when they changed, and keeps guild lifecycles."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.conftest import BotRunner, World, with_settings
from tests.e2e.direct import connect


def names(commands):
    return {c["name"] for c in commands}


async def test_connects_and_syncs_commands_once(runner: BotRunner, world: World):
    fake = world.fake
    assert runner.bot is not None and runner.bot.is_ready()
    assert {g.id for g in runner.bot.guilds} == {world.guild.id, world.other_guild.id}
    assert fake.command_sync_count == 1
    registered = {c["name"]: c for c in fake.commands()}
    assert {"config", "help", "status", "mydata"} <= set(registered)
    config = registered["config"]
    assert config["name_localizations"]["de"] == "konfiguration"
    assert str(config["default_member_permissions"]) == str(1 << 5)
    assert config.get("contexts") in (None, [0]) or config.get("dm_permission") is False

    await runner.restart()
    assert fake.command_sync_count == 1  # unchanged tree: no second sync


async def test_changed_command_tree_is_synced_again(runner: BotRunner, world: World):
    fake = world.fake
    runner.extensions = tuple(e for e in runner.extensions if e != "cogs.meta")
    await runner.restart()
    assert fake.command_sync_count == 2
    assert "help" not in names(fake.commands())


async def test_dev_guild_sync_goes_to_that_guild_only(runner: BotRunner, world: World):
    fake = world.fake
    with_settings(runner, dev_guild_id=world.guild.id)
    await runner.restart()
    assert "config" in names(fake.commands(world.guild))
    assert fake.commands(world.other_guild) == []


async def test_removed_guild_is_purged_after_grace_period_even_across_restart(
    runner: BotRunner, world: World
):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    reply = await fake.invoke(world.admin, world.general, "config language", {"language": "en"})
    await reply.response()
    fake.remove_bot_from_guild(world.guild)
    key = f"core:guild-purge:{world.guild.id}"
    await fake.wait_for(lambda: bot.scheduler.has(key))

    # Time passes while the bot is offline: the grace period ends.
    await runner.stop()
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    with connect(runner.settings) as conn:
        conn.execute("UPDATE guilds SET purge_after = ? WHERE guild_id = ?", (past, world.guild.id))
    bot = await runner.start()
    await fake.wait_for(lambda: not bot.scheduler.has(key))
    with connect(runner.settings) as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM guilds WHERE guild_id = ?", (world.guild.id,)
            ).fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT count(*) FROM guild_settings").fetchone()[0] == 0
    assert bot.guild_settings.get(world.guild.id).locale is None


async def test_readding_within_grace_period_keeps_data(runner: BotRunner, world: World):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    reply = await fake.invoke(world.admin, world.general, "config language", {"language": "en"})
    await reply.response()
    fake.remove_bot_from_guild(world.guild)
    key = f"core:guild-purge:{world.guild.id}"
    await fake.wait_for(lambda: bot.scheduler.has(key))
    fake.add_bot_to_guild(world.guild)
    await fake.wait_for(lambda: not bot.scheduler.has(key))
    assert bot.guild_settings.get(world.guild.id).locale == "en"


async def test_missed_backup_runs_once_at_start(runner: BotRunner, world: World, backend: str):
    if backend == "postgres":
        pytest.skip("the bot makes backup copies of SQLite files only")
    backups = runner.settings.backup_dir
    await world.fake.wait_for(lambda: len(list(backups.glob("backup-*.sqlite3"))) == 1)
    await runner.stop()
    two_days_ago = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    with connect(runner.settings) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'last_backup_at'", (two_days_ago,))
    # Make the first backup's name differ from the next one's (names carry the second).
    first = next(backups.glob("backup-*.sqlite3"))
    first.rename(backups / "backup-20000101-000000.sqlite3")
    bot = await runner.start()
    await world.fake.wait_for(lambda: len(list(backups.glob("backup-*.sqlite3"))) == 2)
    import asyncio

    await asyncio.sleep(0.3)
    assert len(list(backups.glob("backup-*.sqlite3"))) == 2  # once, not once per missed day
    jobs = {job.key: job.run_at for job in bot.scheduler.pending()}
    assert jobs["core:backup"] > datetime.now(UTC) + timedelta(hours=23)
    newest = sorted(backups.glob("backup-*.sqlite3"))[-1]
    with sqlite3.connect(newest) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_refused_command_sync_does_not_stop_the_bot(
    fake_discord, world: World, e2e_settings, caplog
):
    """Discord refusing the command upload is logged; the bot starts with the commands it had."""
    from bot.features import DEFAULT_EXTENSIONS
    from tests.e2e.conftest import BotRunner as Runner

    fake_discord.inject_error(
        "PUT", r"/applications/\d+/commands$", 400, 50035, "Invalid Form Body"
    )
    runner = Runner(fake_discord, e2e_settings, DEFAULT_EXTENSIONS)
    bot = await runner.start()
    try:
        assert bot.is_ready()
        assert "Syncing slash commands failed" in caplog.text
        assert fake_discord.commands() == []
    finally:
        await runner.stop()
    await runner.start()  # the next start tries again, since no sync was recorded
    try:
        assert "config" in {c["name"] for c in fake_discord.commands()}
    finally:
        await runner.stop()
