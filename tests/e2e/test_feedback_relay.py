"""Relaying the team's messages to a member end to end: each message exactly once and in order,
whatever the bot's clock says and however often it restarts; an anonymous member's ending and
answers give no moment away."""

from __future__ import annotations

from tests.e2e.conftest import BotRunner, World
from tests.e2e.test_feedback import inbox, send_feedback, setup_channels
from tests.e2e.test_feedback_conversations import dms_with_buttons, reply_from_inbox, threads


def copies(world: World, words: str) -> int:
    return len([m for m in world.fake.dm_messages(world.member) if words in m["content"]])


async def test_each_team_message_reaches_the_member_once_whatever_the_bots_clock_says(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(world, world.member, "Die Events am Wochenende sind zu selten", False)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    await (await reply_from_inbox(world, world.moderator, item, "Danke! Welche Events?")).answered()
    (thread,) = threads(world)
    await fake.wait_for(lambda: dms_with_buttons(world))
    runner.clock.advance(seconds=30)  # the bot's clock runs ahead of Discord's
    await fake.send_message(world.moderator, thread, "Erste Nachricht vom Team")
    await fake.wait_for(lambda: copies(world, "Erste Nachricht") == 1)
    # written while the bot is away: relayed after the start, in order
    await runner.stop()
    await fake.send_message(world.moderator, thread, "Zweite Nachricht vom Team")
    await fake.send_message(world.moderator, thread, "Dritte Nachricht vom Team")
    await runner.start()
    await fake.wait_for(lambda: copies(world, "Dritte Nachricht") == 1)
    # the clock now runs behind, the bot restarts twice: nothing is relayed again
    runner.clock.advance(seconds=-90)
    await runner.restart()
    bot = await runner.restart()
    await bot.get_cog("FeedbackCog").talk.catch_up()  # after the start's own catch-up
    said = [m["content"] for m in fake.dm_messages(world.member)]
    order = ["Danke! Welche", "Erste Nachricht", "Zweite Nachricht", "Dritte Nachricht"]
    assert [copies(world, words) for words in order] == [1, 1, 1, 1]
    assert [next(i for i, c in enumerate(said) if w in c) for w in order] == [0, 1, 2, 3]
