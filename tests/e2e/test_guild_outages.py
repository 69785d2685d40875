"""A timed job whose guild is unavailable when it fires (a Discord outage) records nothing and
tries again a little later; once the guild is back, the job completes exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot import guildjobs
from tests.catalog import says
from tests.e2e import test_contests as contests
from tests.e2e import test_giveaways as giveaways
from tests.e2e import test_qa as qa
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run
from tests.e2e.test_schedules import daily_at, posts

PAST = "2000-01-01T00:00:00+00:00"


@pytest.fixture(autouse=True)
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guildjobs, "RETRY_UNSEEN", timedelta(seconds=0.2))


def rows(runner: BotRunner, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with connect(runner.settings) as conn:
        return [tuple(row) for row in conn.execute(sql, params)]


async def due_during_an_outage(
    runner: BotRunner, world: World, sql: str, params: tuple[Any, ...] = ()
) -> None:
    """The bot stops, the job's time passes, and it starts while the guild is unavailable."""
    await runner.stop()
    with connect(runner.settings) as conn:
        conn.execute(sql, params)
    world.fake.outage_guilds.add(world.guild.id)
    await runner.start()
    assert runner.bot is not None
    guild = runner.bot.get_guild(world.guild.id)
    assert guild is not None and guild.unavailable
    await asyncio.sleep(1.0)  # the job fires, and again after each retry


async def outage_ends(world: World) -> None:
    fake = world.fake
    fake.outage_guilds.discard(world.guild.id)
    await fake.dispatch(
        "GUILD_CREATE", fake.world.guild_create_payload(world.guild, include_members=True)
    )


def outbox_rows(runner: BotRunner) -> list[tuple[Any, ...]]:
    return rows(runner, "SELECT key FROM outbox")


async def test_a_giveaway_ending_during_an_outage_draws_once_it_is_back(
    runner: BotRunner, world: World
):
    await giveaways.start(world)
    await giveaways.click(world, world.member, "enter")
    await due_during_an_outage(runner, world, f"UPDATE giveaways SET ends_at = '{PAST}'")
    assert rows(runner, "SELECT state, ended_at FROM giveaways") == [("open", None)]
    assert rows(runner, "SELECT * FROM giveaway_results") == [] and outbox_rows(runner) == []
    assert runner.bot is not None and runner.bot.scheduler.has("giveaway:1")
    await outage_ends(world)
    await world.fake.wait_for(lambda: giveaways.announcements(world))
    await asyncio.sleep(0.5)
    assert rows(runner, "SELECT state FROM giveaways") == [("ended",)]
    await runner.restart()
    await asyncio.sleep(0.5)
    assert len(giveaways.announcements(world)) == 1


async def test_a_contest_ending_during_an_outage_posts_its_results_once_it_is_back(
    runner: BotRunner, world: World
):
    options = {"title": "Foto", "submission_time": "1d", "voting_time": "1d"}
    assert says(
        await run(world, world.admin, "contest create", options), "contest.created", "en", id=1
    )
    await run(world, world.member, "contest submit", {"contest": "1", "text": "Sonnenuntergang"})
    await due_during_an_outage(
        runner,
        world,
        f"UPDATE contests SET submissions_close_at = '{PAST}', voting_close_at = '{PAST}'",
    )
    assert rows(runner, "SELECT state FROM contests") == [("submissions",)]
    assert outbox_rows(runner) == []
    await outage_ends(world)
    await world.fake.wait_for(lambda: contests.results_messages(world))
    await asyncio.sleep(0.5)
    assert rows(runner, "SELECT state FROM contests") == [("ended",)]
    await runner.restart()
    await asyncio.sleep(0.5)
    assert len(contests.results_messages(world)) == 1


def summaries(world: World) -> list[dict[str, Any]]:
    return [
        m
        for m in world.fake.messages(world.general)
        if any(says(e.get("title", ""), "qa.summary_title", "de") for e in m.get("embeds", []))
    ]


async def test_a_qa_round_ending_during_an_outage_posts_its_summary_once_it_is_back(
    runner: BotRunner, world: World
):
    await qa.start(world, duration="1h")
    await qa.ask_by_modal(world, world.member, "Gibt es ein Sommerfest?")
    await due_during_an_outage(runner, world, f"UPDATE qa_rounds SET ends_at = '{PAST}'")
    assert rows(runner, "SELECT state, closed_at FROM qa_rounds") == [("open", None)]
    assert outbox_rows(runner) == []
    await outage_ends(world)
    await world.fake.wait_for(lambda: summaries(world))
    await asyncio.sleep(0.5)
    await runner.restart()
    await asyncio.sleep(0.5)
    assert len(summaries(world)) == 1 and rows(runner, "SELECT state FROM qa_rounds") == [
        ("closed",)
    ]


async def test_a_scheduled_run_due_during_an_outage_runs_once_it_is_back(
    runner: BotRunner, world: World
):
    now = datetime.now(UTC)
    missed_at = now - timedelta(minutes=10)
    await run(
        world,
        world.moderator,
        "schedule add",
        {"when": daily_at(missed_at), "text": "Wochenrückblick", "channel": world.general.id},
    )
    last = (now - timedelta(days=3)).isoformat(timespec="seconds")
    await due_during_an_outage(
        runner,
        world,
        "UPDATE schedules SET next_run_at = ?, last_run_at = ?",
        (missed_at.replace(second=0, microsecond=0).isoformat(timespec="seconds"), last),
    )
    # not paused (its channel only looks missing), the run neither claimed nor posted
    assert rows(runner, "SELECT paused_reason, last_run_at FROM schedules") == [(None, last)]
    assert outbox_rows(runner) == [] and posts(world) == []
    await outage_ends(world)
    await world.fake.wait_for(lambda: posts(world))
    await asyncio.sleep(0.5)
    await runner.restart()
    await asyncio.sleep(0.5)
    assert len(posts(world)) == 1
    assert rows(runner, "SELECT paused_reason FROM schedules") == [(None,)]


async def test_a_giveaway_of_a_server_that_removed_the_bot_is_not_retried(
    runner: BotRunner, world: World
):
    """Removed, not unavailable: the job records nothing and is dropped (the server's data
    waits for its purge), instead of trying again every minute until then."""
    await giveaways.start(world)
    await runner.stop()
    with connect(runner.settings) as conn:
        conn.execute(f"UPDATE giveaways SET ends_at = '{PAST}'")
    world.fake.remove_bot_from_guild(world.guild)
    await runner.start()
    await asyncio.sleep(1.0)  # the job fires, and would again after each retry
    assert runner.bot is not None and not runner.bot.scheduler.has("giveaway:1")
    assert rows(runner, "SELECT state FROM giveaways") == [("open",)]
