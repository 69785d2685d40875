"""The bot against the situations where Discord hurts: reconnects, deadlines, rate limits."""

from __future__ import annotations

import asyncio
import contextlib

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect


def _notes(runner: BotRunner) -> list[str]:
    with contextlib.closing(connect(runner.settings)) as conn:
        return sorted(row[0] for row in conn.execute("SELECT text FROM sample_notes"))


async def test_reconnect_and_dropped_connection_lose_no_event(runner: BotRunner, world: World):
    fake = world.fake
    resumes, identifies = fake.resume_count, fake.identify_count
    await fake.send_message(world.member, world.general, "note:before")
    await fake.wait_for(lambda: _notes(runner) == ["before"])

    # op 7 RECONNECT: the bot closes, comes back and RESUMEs; what happened meanwhile is replayed
    async with fake.offline(reconnect=True):
        await fake.send_message(world.member, world.general, "note:during reconnect")
    # a dropped connection (close 4000) in the middle of the conversation
    async with fake.offline():
        await fake.send_message(world.english_member, world.general, "note:during drop 1")
        await fake.send_message(world.member, world.general, "note:during drop 2")
    await fake.send_message(world.english_member, world.general, "note:after")

    expected = sorted(["before", "during reconnect", "during drop 1", "during drop 2", "after"])
    await fake.wait_for(lambda: _notes(runner) == expected)
    assert fake.resume_count == resumes + 2
    assert fake.identify_count == identifies  # resumed, never re-identified
    # and the bot still answers interactions on the resumed session
    help_reply = await fake.invoke(world.member, world.general, "help")
    await help_reply.response()
    assert says(help_reply.content_text(), "help.title", "de")


async def test_late_answer_gets_unknown_interaction_and_nothing_more(
    runner: BotRunner, world: World
):
    fake = world.fake
    fake.interaction_deadline = 0.2
    reply = await fake.invoke(world.member, world.general, "note slow")
    callback_path = rf"^/interactions/{reply.id}/[^/]+/callback$"
    await fake.wait_for(lambda: fake.requests_to("POST", callback_path), timeout=3)
    await asyncio.sleep(0.5)  # time for the bot's error handling to try anything else
    (callback,) = fake.requests_to("POST", callback_path)
    assert callback.status == 404 and callback.error_code == 10062
    later = [
        r
        for r in fake.requests
        if r is not callback and (reply.token in r.path or str(reply.id) in r.path)
    ]
    assert later == []  # no followup, no error message: the interaction is gone
    assert not reply.acknowledged


async def test_rate_limited_answers_still_arrive(runner: BotRunner, world: World):
    fake = world.fake
    fake.inject_rate_limit("POST", r"^/interactions/\d+/[^/]+/callback$", retry_after=0.05)
    help_reply = await fake.invoke(world.member, world.general, "help")
    await help_reply.response()
    assert says(help_reply.content_text(), "help.title", "de")

    # a 429 on the followup message of a deferred answer (a message route of the webhook)
    await fake.send_message(world.member, world.general, "note:my note")
    await fake.wait_for(lambda: _notes(runner) == ["my note"])
    fake.inject_rate_limit("POST", r"^/webhooks/\d+/[^/]+$", count=2, retry_after=0.05)
    export = await fake.invoke(world.member, world.general, "mydata export")
    assert (await export.response())["type"] == 5
    followup = await export.wait_for_followup()
    assert followup["attachments"][0]["filename"] == f"mydata-{world.member.id}.json"

    statuses = [r.status for r in fake.requests_to("POST", r"^/(interactions|webhooks)/")]
    assert statuses.count(429) == 3
    assert fake.error_counts[429] == 3
    assert fake.invalid_request_count < 10  # far below Discord's 10,000 per 10 minutes


async def test_clicks_and_commands_while_stopping_are_told_to_try_again(
    runner: BotRunner, world: World
):
    from tests.e2e.test_giveaways import custom_id, giveaway_message
    from tests.e2e.test_giveaways import start as start_giveaway

    await start_giveaway(world)
    message = giveaway_message(world)
    assert runner.bot is not None
    runner.bot.stopping = True  # the first thing close() sets
    click = await world.fake.click(world.member, message, custom_id(message, "enter"))
    await click.response()
    command = await world.fake.invoke(world.member, world.general, "mydata export")
    await command.response()
    for answer in (click, command):
        assert says(answer.content_text(), "error.restarting", "de") and answer.ephemeral
    runner.bot.stopping = False
    # a feature already unloaded during shutdown: the same friendly answer, no error id
    await runner.bot.remove_cog("GiveawayCog")
    click = await world.fake.click(world.member, message, custom_id(message, "enter"))
    await click.response()
    assert says(click.content_text(), "error.restarting", "de")


async def test_an_outage_at_start_is_not_a_removal(runner: BotRunner, world: World):
    """A guild listed as unavailable in READY (a Discord outage) keeps its data; a second
    READY changes nothing; only a guild missing from READY is treated as removed."""
    assert runner.db is not None
    await runner.stop()
    world.fake.outage_guilds.add(world.guild.id)
    await runner.start()
    assert runner.db is not None
    rows = await runner.db.fetchall("SELECT guild_id, left_at FROM guilds")
    assert (world.guild.id, None) in [tuple(r) for r in rows]
    # the bot was removed while offline: that one is gone
    await runner.stop()
    world.fake.outage_guilds.clear()
    world.fake.remove_bot_from_guild(world.guild)
    await runner.start()
    assert runner.db is not None
    row = await runner.db.fetchone(
        "SELECT left_at FROM guilds WHERE guild_id = ?", (world.guild.id,)
    )
    assert row is not None and row[0] is not None
