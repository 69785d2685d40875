"""Relaying the team's messages to a member end to end: each message exactly once and in order,
whatever the bot's clock says and however often it restarts; an anonymous member's ending and
answers give no moment away."""

from __future__ import annotations

import sys

from cogs.feedback import relay
from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.test_feedback import inbox, send_feedback, setup_channels
from tests.e2e.test_feedback_conversations import (
    answer,
    click_in,
    dms_with_buttons,
    query,
    reply_from_inbox,
    said_in,
    threads,
)


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


async def test_the_team_learns_an_anonymous_members_ending_only_at_its_slot(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(world, world.member, "Die Moderation reagiert zu langsam", True)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    await (await reply_from_inbox(world, world.moderator, item, "Woran merkst du das?")).answered()
    (thread,) = threads(world)
    (dm,) = await fake.wait_for(lambda: dms_with_buttons(world))
    assert says(await click_in(world, world.member, dm, ":close"), "talk.you_closed", "de")
    # until the slot the conversation looks open to the team: what it writes goes nowhere
    asked = await fake.send_message(world.moderator, thread, "Bist du noch da?")
    again = await reply_from_inbox(world, world.moderator, fake.message(item["id"]), "Hallo?")
    assert says(await again.answered(), "talk.reply_on_its_way", "de")
    assert not said_in(world, thread, "talk.member_closed")
    runner.clock.advance(minutes=31)
    await fake.wait_for(lambda: said_in(world, thread, "talk.member_closed", member="Das Mitglied"))
    assert not said_in(world, thread, "talk.ended_team")
    assert copies(world, "Bist du noch da?") == copies(world, "Hallo?") == 0
    assert not [
        m
        for m in fake.messages(thread)
        if (m.get("message_reference") or {}).get("message_id") == asked["id"]
    ]
    # after the slot the team is told as usual
    await fake.send_message(world.moderator, thread, "Schade.")
    await fake.wait_for(lambda: said_in(world, thread, "talk.ended_team"))


async def test_the_team_is_not_told_whether_an_anonymous_members_dms_are_closed(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    world.member.dms_open = False
    await send_feedback(world, world.member, "Die Regeln sind zu streng", True)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    sent = await reply_from_inbox(world, world.moderator, item, "Welche Regel meinst du?")
    assert says(await sent.answered(), "talk.reply_on_its_way", "de")
    (thread,) = threads(world)
    await fake.send_message(world.moderator, thread, "Gern auch ein Beispiel.")
    await fake.send_message(world.moderator, thread, "Danke dir!")
    await fake.wait_for(
        lambda: (
            query(runner, "SELECT count(*) FROM feedback_messages WHERE state = 'waiting'")
            == [(3,)]
        )
    )
    assert not said_in(world, thread, "talk.dm_closed_note")


async def test_the_inbox_reply_passes_the_content_check_and_the_teams_rate_limit(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(world, world.member, "Der Ankündigungskanal ist zu voll", False)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    refused = await reply_from_inbox(world, world.moderator, item, "Komm auf discord.gg/werbung")
    said = await refused.answered()
    assert says(said, "inbox.reply_refused", "de") and "discord.gg/werbung" in said
    assert runner.bot is not None
    for _ in range(relay.TEAM_MESSAGES.count):  # the moderator wrote a lot in threads just now
        runner.bot.cooldowns.take(relay.TEAM_MESSAGES, world.guild.id, world.moderator.id)
    slow = await reply_from_inbox(world, world.moderator, item, "Was stört dich genau?")
    said = await slow.answered()
    assert says(said, "inbox.reply_slow", "de") and "Was stört dich genau?" in said
    assert fake.dm_messages(world.member) == [] and threads(world) == []


async def test_an_answer_posted_before_a_crash_is_not_posted_again(
    runner: BotRunner, world: World, monkeypatch
):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(world, world.member, "Die Wiki-Seite ist veraltet", False)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    await (await reply_from_inbox(world, world.moderator, item, "Welche Seite?")).answered()
    (thread,) = threads(world)
    (dm,) = await fake.wait_for(lambda: dms_with_buttons(world))
    assert runner.bot is not None
    talk = runner.bot.get_cog("FeedbackCog").talk
    live = sys.modules[type(talk.answers).__module__].talk_repository  # the bot's own module
    noted = live.set_state
    crashed: list[int] = []

    async def crash_once(db, message_id, state, only_from="pending"):
        if state == "delivered" and not crashed:
            crashed.append(message_id)  # posted, then the bot stops before noting it
            raise RuntimeError("crash")
        return await noted(db, message_id, state, only_from)

    monkeypatch.setattr(live, "set_state", crash_once)
    await answer(world, dm, "Die Seite zu den Rollen.")
    await talk.deliver_due()  # the next look for due answers tries again
    assert query(runner, "SELECT state FROM feedback_messages WHERE side = 'member'") == [
        ("delivered",)
    ]
    posts = [m for m in fake.messages(thread) if "Die Seite zu den Rollen." in m.get("content", "")]
    assert crashed and len(posts) == 1
