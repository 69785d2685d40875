"""Kills of the real bot process (SIGKILL, triggered by the fake Discord when a given request
arrives) in the flows not covered elsewhere, each followed by a restart on the same database:

- a scheduled announcement: claimed and queued in one transaction, posted exactly once;
- a giveaway reroll: the new winners are announced exactly once;
- the end of a temporary ban: lifted once, one case, also when the kill came after Discord
  lifted it;
- a lockdown interrupted halfway: running it again locks the rest, lifting it restores every
  channel exactly.

(Giveaway results: test_outbox.py; moderation actions: test_moderation_crash.py; Q&A summaries
and counts on screen: test_restart_consistency.py.)
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.catalog import says
from tests.e2e.conftest import World
from tests.e2e.helpers import run
from tests.e2e.test_giveaways import custom_id, giveaway_message
from tests.e2e.test_outbox import BotProcess
from tests.e2e.test_restart_consistency import pending_posts, started
from tests.e2e.test_schedules import daily_at
from tests.fakediscord import FakeDiscord


@pytest.fixture(autouse=True)
def _sqlite_only(backend: str) -> None:
    if backend == "postgres":
        pytest.skip("kills and restarts the bot's own process, which runs on an SQLite file")


def db(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "data" / "bot.sqlite3")


async def killed_and_restarted(bot: BotProcess, fake: FakeDiscord) -> None:
    await bot.wait_dead()
    assert not fake.crash_points, "the kill point was never reached"
    await bot.start()


async def test_a_scheduled_announcement_is_posted_exactly_once_across_a_kill(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    fake = fake_discord
    bot = await started(tmp_path, fake)
    try:
        due = datetime.now(UTC) - timedelta(minutes=1)
        await run(
            world, world.moderator, "schedule add",
            {"when": daily_at(due), "text": "Wochenrückblick", "channel": world.general.id},
        )  # fmt: skip
        bot.kill()  # offline while the run comes due
        await bot.wait_dead()
        with db(tmp_path) as conn:
            conn.execute(
                "UPDATE schedules SET next_run_at = ?, last_run_at = ?",
                (
                    due.replace(second=0, microsecond=0).isoformat(timespec="seconds"),
                    (due - timedelta(days=2)).isoformat(timespec="seconds"),
                ),
            )
        fake.crash_on(
            "POST", rf"^/channels/{world.general.id}/messages$", bot.kill,
            body_contains="Wochenr",
        )  # fmt: skip
        await bot.start()  # the missed run fires, and the kill comes as it is posted
        await killed_and_restarted(bot, fake)

        def posts() -> list[dict]:
            return [
                m for m in fake.messages(world.general) if "Wochenrückblick" in m.get("content", "")
            ]

        await fake.wait_for(lambda: posts() and pending_posts(tmp_path) == 0, timeout=20)
        assert len(posts()) == 1
    finally:
        await bot.stop()


async def test_a_reroll_is_announced_exactly_once_across_a_kill(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    fake = fake_discord
    bot = await started(tmp_path, fake)
    try:
        await run(world, world.admin, "giveaway start", {"prize": "Hoodie", "duration": "1h"})
        message = giveaway_message(world)
        for user in (world.member, world.english_member):
            pressed = await fake.click(user, message, custom_id(message, "enter"))
            await pressed.answered()
        await run(world, world.admin, "giveaway end", {"giveaway": "1"})
        await fake.wait_for(lambda: pending_posts(tmp_path) == 0)
        announced = len([m for m in fake.messages(world.general) if "-# ref o" in m["content"]])
        fake.crash_on(
            "POST", rf"^/channels/{world.general.id}/messages$", bot.kill, body_contains="-# ref o"
        )
        await fake.invoke(world.admin, world.general, "giveaway reroll", {"giveaway": "1"})
        await killed_and_restarted(bot, fake)
        await fake.wait_for(lambda: pending_posts(tmp_path) == 0, timeout=20)
        refs = [m for m in fake.messages(world.general) if "-# ref o" in m["content"]]
        assert len(refs) == announced + 1
    finally:
        await bot.stop()


@pytest.mark.parametrize("when", ["before", "after"])
async def test_a_temporary_ban_is_lifted_once_across_a_kill(
    tmp_path: Path, fake_discord: FakeDiscord, world: World, when: str
):
    fake = fake_discord
    bot = await started(tmp_path, fake)
    try:
        await run(world, world.moderator, "ban", {"user": world.member.id, "duration": "1d"})
        assert world.member.id in fake.bans(world.guild)
        bot.kill()
        await bot.wait_dead()
        with db(tmp_path) as conn:
            conn.execute("UPDATE temp_bans SET unban_at = '2000-01-01T00:00:00+00:00'")
        fake.crash_on(
            "DELETE", rf"^/guilds/{world.guild.id}/bans/{world.member.id}$", bot.kill, when=when
        )
        await bot.start()  # the ban's time has passed: lifted at once, and killed there
        await killed_and_restarted(bot, fake)

        def unbans() -> list[tuple]:
            with db(tmp_path) as conn:
                return conn.execute("SELECT state FROM cases WHERE action = 'unban'").fetchall()

        await fake.wait_for(lambda: unbans() == [("applied",)], timeout=20)
        assert world.member.id not in fake.bans(world.guild)
        with db(tmp_path) as conn:
            assert conn.execute("SELECT count(*) FROM temp_bans").fetchone()[0] == 0
    finally:
        await bot.stop()


async def test_a_lockdown_interrupted_halfway_is_resumed_and_restored_exactly(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    fake = fake_discord
    extra = [fake.create_text_channel(world.guild, f"kanal-{n}") for n in range(3)]
    channels = [world.general, world.readonly, world.staff_only, *extra]
    before = {ch.id: [dict(o) for o in fake.world.channel(ch.id).overwrites] for ch in channels}
    bot = await started(tmp_path, fake)
    try:
        fake.crash_on(
            "PUT", rf"^/channels/\d+/permissions/{world.guild.id}$", bot.kill, when="after"
        )
        await fake.invoke(world.moderator, world.general, "lockdown", {"state": "on"})
        await killed_and_restarted(bot, fake)
        locked_first = [
            ch.id for ch in channels if fake.world.channel(ch.id).overwrites != before[ch.id]
        ]
        assert len(locked_first) == 1  # killed after the first channel
        resumed = await run(world, world.moderator, "lockdown", {"state": "on"})
        assert says(resumed, "mod.lockdown_on", "de"), resumed
        for ch in (world.general, *extra):
            everyone = next(
                o for o in fake.world.channel(ch.id).overwrites if int(o["id"]) == world.guild.id
            )
            assert int(everyone["deny"]) & (1 << 11), ch.name  # Send Messages denied
        lifted = await run(world, world.moderator, "lockdown", {"state": "off"})
        assert says(lifted, "mod.lockdown_off", "de")
        after = {ch.id: [dict(o) for o in fake.world.channel(ch.id).overwrites] for ch in channels}
        assert after == before
    finally:
        await bot.stop()


async def test_a_click_killed_between_acknowledgement_and_write_claims_nothing(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    """A click is acknowledged (deferred) before its write; killed right after Discord took
    the acknowledgement, the member was told nothing, nothing is stored, and a retry works."""
    fake = fake_discord
    bot = await started(tmp_path, fake)
    try:
        await run(world, world.admin, "giveaway start", {"prize": "Hoodie", "duration": "1h"})
        message = giveaway_message(world)
        fake.crash_on("POST", r"^/interactions/\d+/[^/]+/callback$", bot.kill, when="after")
        pressed = await fake.click(world.member, message, custom_id(message, "enter"))
        await killed_and_restarted(bot, fake)
        assert (await pressed.response())["type"] == 5  # acknowledged ...
        assert not pressed.followups  # ... and nothing claimed
        with db(tmp_path) as conn:
            assert conn.execute("SELECT count(*) FROM giveaway_entries").fetchone()[0] == 0
        retry = await fake.click(world.member, message, custom_id(message, "enter"))
        assert says(await retry.answered(timeout=20), "giveaway.entered", "de")
        with db(tmp_path) as conn:
            assert conn.execute("SELECT count(*) FROM giveaway_entries").fetchone()[0] == 1
    finally:
        await bot.stop()
