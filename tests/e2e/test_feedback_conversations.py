"""Conversations with the team end to end: an answer opens a private thread for the team, the
member answers from their DMs (also after a restart), closed DMs wait for /feedback-status,
archived, deleted and locked threads, two team members at once, anonymity (names and timing)
and a forget in the middle."""

from __future__ import annotations

import asyncio

from cogs.feedback import relay
from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run_reply, text_input_id
from tests.e2e.test_feedback import inbox, send_feedback, setup_channels


def threads(world: World) -> list:
    """The private threads in the inbox channel, oldest first."""
    return sorted(
        (
            c
            for c in world.fake.world.channels.values()
            if c.type == 12 and c.parent_id == world.staff_only.id
        ),
        key=lambda c: c.id,
    )


def said_in(world: World, thread, key: str, **params) -> list[dict]:
    return [
        m for m in world.fake.messages(thread) if says(m.get("content", ""), key, "de", **params)
    ]


async def reply_from_inbox(world: World, moderator, item: dict, answer: str):
    fake = world.fake
    reply = next(b for b in buttons(item) if b["custom_id"].endswith(":reply"))
    clicked = await fake.click(moderator, item, reply["custom_id"])
    modal = await clicked.response()
    return await fake.submit_modal(
        moderator,
        world.staff_only,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): answer},
        from_interaction=clicked,
    )


async def answer(world: World, message: dict, text: str) -> str:
    """The member presses *Answer* on ``message`` (a DM or their status) and sends ``text``."""
    fake = world.fake
    button = next(b for b in buttons(message) if b["custom_id"].endswith(":answer"))
    channel = fake.world.channel(int(message["channel_id"]))
    clicked = await fake.click(world.member, message, button["custom_id"], locale="de")
    modal = await clicked.response()
    if modal["type"] != 9:
        return clicked.content_text()
    sent = await fake.submit_modal(
        world.member,
        channel,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): text},
        locale="de",
        from_interaction=clicked,
    )
    return await sent.answered()


async def click_in(world: World, user, message: dict, ending: str) -> str:
    button = next(b for b in buttons(message) if b["custom_id"].endswith(ending))
    return await (await world.fake.click(user, message, button["custom_id"])).answered()


def dms_with_buttons(world: World) -> list[dict]:
    return [m for m in world.fake.dm_messages(world.member) if buttons(m)]


def query(runner: BotRunner, sql: str) -> list[tuple]:
    with connect(runner.settings) as conn:
        return conn.execute(sql).fetchall()


async def test_a_conversation_survives_restarts_closed_dms_and_lost_threads(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await run_reply(world, world.admin, "config role", {"kind": "moderator", "role": world.mods.id})
    await send_feedback(
        world, world.member, "Die Events am Wochenende sind viel zu selten", anonymous=False
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    # two team members answer at the same moment: one thread, both answers reach the member
    first, second = await asyncio.gather(
        reply_from_inbox(world, world.moderator, item, "Danke, wir planen mehr Termine."),
        reply_from_inbox(world, world.admin, item, "Welcher Tag wäre dir am liebsten?"),
    )
    assert says(await first.answered(), "talk.continue_in", "de")
    assert says(await second.answered(), "talk.continue_in", "en")
    (thread,) = threads(world)
    assert thread.thread_metadata["invitable"] is False
    # the team's roles are mentioned once, which adds them to the private thread; the team
    # members who answered are mentioned with their answers
    opening = next(
        r.json for r in fake.requests if r.method == "POST" and f"/{thread.id}/messages" in r.path
    )
    assert f"<@&{world.mods.id}>" in opening["content"]
    allowed = opening["allowed_mentions"]
    assert allowed["parse"] == [] and [int(r) for r in allowed["roles"]] == [world.mods.id]
    assert not allowed.get("users")
    await fake.wait_for(lambda: len(dms_with_buttons(world)) == 2)
    assert says(dms_with_buttons(world)[0]["content"], "talk.dm_hint", "de")

    # a restart between the team's answer and the member's: the DM's button still works, and
    # what the team wrote in the thread meanwhile reaches the member after the start
    await runner.stop()
    await fake.send_message(world.moderator, thread, "Wir melden uns am Montag dazu.")
    await runner.start()
    await fake.wait_for(
        lambda: [m for m in dms_with_buttons(world) if "am Montag" in m["content"]], timeout=15
    )
    said = await answer(world, dms_with_buttons(world)[-1], "Samstag wäre super, gern @everyone")
    assert says(said, "talk.answer_sent", "de")
    (posted,) = await fake.wait_for(
        lambda: said_in(world, thread, "talk.member_says", member="mia")
    )
    assert "Samstag wäre super" in posted["content"]
    into_thread = [
        r.json for r in fake.requests if r.method == "POST" and f"/{thread.id}/messages" in r.path
    ]
    assert all(body["allowed_mentions"]["parse"] == [] for body in into_thread)

    # the team writes in the thread: a note stays there, a message reaches the member
    await fake.send_message(world.moderator, thread, "// intern: Samstag mit dem Eventteam klären")
    await fake.send_message(world.moderator, thread, "Samstag passt, wir planen es ein.")
    dm = await fake.wait_for(
        lambda: [m for m in dms_with_buttons(world) if "Samstag passt" in m["content"]]
    )
    assert says(dm[0]["content"], "talk.dm_reply", "de")
    assert not [m for m in fake.dm_messages(world.member) if "intern" in m["content"]]

    # the thread archived after a quiet week: the next answer reopens it
    thread.thread_metadata = {**thread.thread_metadata, "archived": True}
    await fake.dispatch("THREAD_UPDATE", thread.to_dict())
    said = await answer(world, dm[0], "Danke euch!")
    assert says(said, "talk.answer_sent", "de")
    assert thread.thread_metadata["archived"] is False
    assert [m for m in fake.messages(thread) if "Danke euch!" in m.get("content", "")]

    # DMs closed: the team's message waits, the team is told, /feedback-status shows it
    world.member.dms_open = False
    await fake.send_message(world.moderator, thread, "Magst du beim Planen helfen?")
    await fake.wait_for(lambda: said_in(world, thread, "talk.dm_closed_note"))
    status, reply = await run_reply(world, world.member, "feedback-status")
    assert "Magst du beim Planen helfen?" in status
    assert says(status, "talk.status_new", "de", count=1)
    await fake.wait_for(
        lambda: (
            query(runner, "SELECT DISTINCT state FROM feedback_messages WHERE side = 'team'")
            == [("delivered",)]
        )
    )

    # the thread is deleted: the answer from the status opens a new one, nothing is lost
    del fake.world.channels[thread.id]
    del world.guild.channels[thread.id]
    await fake.dispatch("THREAD_DELETE", {**thread.to_dict(), "guild_id": str(world.guild.id)})
    said = await answer(world, reply.original, "Ja, ich helfe gern.")
    assert says(said, "talk.answer_sent", "de")
    old, new = None, threads(world)[-1]
    assert new.id != thread.id and said_in(world, new, "talk.moved_note")
    assert [m for m in fake.messages(new) if "Ja, ich helfe gern." in m.get("content", "")]

    # the inbox channel is deleted with the thread: the answer is kept, and reaches the team in
    # a new thread once there is an inbox channel again
    for gone in (new, world.staff_only):
        del fake.world.channels[gone.id]
        del world.guild.channels[gone.id]
    await fake.dispatch(
        "CHANNEL_DELETE", {**world.staff_only.to_dict(), "guild_id": str(world.guild.id)}
    )
    assert runner.bot is not None
    bot = runner.bot
    await fake.wait_for(lambda: bot.guild_settings.channel(world.guild.id, "feedback") is None)
    said = await answer(world, reply.original, "Seid ihr noch da?")
    assert says(said, "talk.answer_kept", "de")
    team = fake.create_text_channel(world.guild, "team", overwrites=world.staff_only.overwrites)
    await fake.wait_for(lambda: bot.get_channel(team.id) is not None)
    await run_reply(
        world, world.admin, "config channel", {"purpose": "feedback", "channel": team.id}
    )
    runner.clock.advance(minutes=relay.RETRY_AFTER.total_seconds() / 60 + 1)

    def in_team() -> list:
        return [c for c in fake.world.channels.values() if c.type == 12 and c.parent_id == team.id]

    (new,) = await fake.wait_for(in_team, timeout=15)
    await fake.wait_for(
        lambda: [m for m in fake.messages(new) if "Seid ihr noch da?" in m.get("content", "")],
        timeout=15,
    )

    # the member ends it: the team sees it, the thread archives, nothing more is relayed
    world.member.dms_open = True
    end = next(b for b in buttons(reply.original) if b["custom_id"].endswith(":close"))
    ended = await fake.click(world.member, reply.original, end["custom_id"], locale="de")
    assert says(await ended.answered(), "talk.you_closed", "de")
    await fake.wait_for(lambda: said_in(world, new, "talk.member_closed", member="mia"))
    await fake.wait_for(lambda: new.thread_metadata["archived"] is True)
    dms = len(fake.dm_messages(world.member))
    await fake.send_message(world.moderator, new, "Noch eine Frage?")
    await fake.wait_for(lambda: said_in(world, new, "talk.ended_team"))
    assert len(fake.dm_messages(world.member)) == dms and old is None
    assert says(await answer(world, dm[0], "Hallo?"), "talk.closed", "de")


async def test_an_anonymous_member_stays_unknown_and_a_forget_ends_the_talk(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(
        world, world.member, "Die Moderation reagiert zu langsam auf Meldungen", anonymous=True
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    sent = await reply_from_inbox(world, world.moderator, item, "Danke, woran merkst du das?")
    assert says(await sent.answered(), "talk.continue_in", "de")
    (thread,) = threads(world)
    assert said_in(world, thread, "talk.opening_anonymous")
    (dm,) = await fake.wait_for(lambda: dms_with_buttons(world))
    assert says(dm["content"], "talk.dm_hint_anonymous", "de")

    # the answer waits for the next full quarter of an hour, then appears without a name
    said = await answer(world, dm, "Meine Meldung von gestern blieb einen Tag liegen.")
    assert says(said, "talk.answer_held", "de")
    assert query(runner, "SELECT state FROM feedback_messages WHERE side = 'member'") == [
        ("pending",)
    ]
    runner.clock.advance(minutes=31)
    await fake.wait_for(
        lambda: said_in(world, thread, "talk.member_says", member="Das Mitglied"), timeout=15
    )
    team_sees = str([*fake.messages(world.staff_only), *fake.messages(thread)])
    for trace in (str(world.member.id), "mia"):
        assert trace not in team_sees
    assert "<t:" not in str(fake.messages(thread))

    # the member's export holds the conversation
    export = await fake.invoke(world.member, world.general, "mydata export")
    await export.response()
    followup = await export.wait_for_followup()
    data = fake.attachment_bytes(followup["attachments"][0]).decode()
    assert "einen Tag liegen" in data and "woran merkst du das" in data

    # an answer and the member's ending wait for their slot: the team is told nothing before
    # (not even that its message went nowhere), and the member asks to be forgotten meanwhile
    said = await answer(world, dm, "Und heute wieder.")
    assert says(said, "talk.answer_held", "de")
    end = next(b for b in buttons(dm) if b["custom_id"].endswith(":close"))
    ended = await fake.click(world.member, dm, end["custom_id"], locale="de")
    assert says(await ended.answered(), "talk.you_closed", "de")
    asked = await fake.send_message(world.moderator, thread, "Noch Fragen?")
    forget = await fake.invoke(world.member, world.general, "mydata forget")
    await forget.response()
    confirm = forget.original["components"][0]["components"][0]["custom_id"]
    await (await fake.click(world.member, forget.original, confirm)).response()
    await fake.wait_for(lambda: query(runner, "SELECT count(*) FROM feedback_messages") == [(0,)])
    runner.clock.advance(minutes=31)
    await fake.send_message(world.moderator, thread, "Bist du noch da?")
    await fake.wait_for(lambda: said_in(world, thread, "talk.ended_team"), timeout=15)
    assert not [m for m in fake.messages(thread) if "Und heute wieder" in m.get("content", "")]
    assert not [m for m in fake.dm_messages(world.member) if "Bist du noch da" in m["content"]]
    assert not [
        m
        for m in fake.messages(thread)
        if (m.get("message_reference") or {}).get("message_id") == asked["id"]
    ]
    assert not said_in(world, thread, "talk.member_closed")


async def test_a_locked_thread_gives_the_answer_back_and_resolving_ends_the_talk(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(world, world.member, "Der Ankündigungskanal ist zu voll", anonymous=False)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    await (await reply_from_inbox(world, world.moderator, item, "Was stört dich?")).answered()
    (thread,) = threads(world)
    (dm,) = await fake.wait_for(lambda: dms_with_buttons(world))
    # the team's text passes the content check and the team's rate limit
    await fake.send_message(world.moderator, thread, "Schau mal auf discord.gg/werbung")
    await fake.wait_for(lambda: said_in(world, thread, "talk.refused_team"))
    # written while the bot is away: relayed after the start; what was refused stays refused once
    await runner.stop()
    await fake.send_message(world.moderator, thread, "Erzähl gern mehr.")
    await runner.start()
    await fake.wait_for(
        lambda: [m for m in fake.dm_messages(world.member) if "Erzähl gern mehr" in m["content"]]
    )
    assert len(said_in(world, thread, "talk.refused_team")) == 1
    # and so does the member's, which comes back when refused
    said = await answer(world, dm, "Kommt alle auf discord.gg/anderer")
    assert says(said, "talk.refused_member", "de") and "discord.gg/anderer" in said
    thread.thread_metadata = {**thread.thread_metadata, "archived": True, "locked": True}
    await fake.dispatch("THREAD_UPDATE", thread.to_dict())
    said = await answer(world, dm, "Zu viele Pings am Tag.")
    assert says(said, "talk.locked", "de") and "Zu viele Pings am Tag." in said
    assert query(runner, "SELECT closed_by FROM feedback_conversations") == [("team",)]
    # the team answers again from the inbox: a new thread, the conversation is open again
    item = fake.message(item["id"])
    again = await reply_from_inbox(world, world.moderator, item, "Wir haben entsperrt, erzähl!")
    assert says(await again.answered(), "talk.continue_in", "de")
    assert len(threads(world)) == 2
    new = threads(world)[-1]
    # one team member's messages to members are limited, too (the one relayed after the start
    # and the answer from the inbox count: the limit allows two messages fewer now)
    for n in range(relay.TEAM_MESSAGES.count):
        await fake.send_message(world.moderator, new, f"Nachricht {n}")
    await fake.wait_for(lambda: said_in(world, new, "talk.slow_team"))
    await fake.wait_for(
        lambda: (
            len([m for m in fake.dm_messages(world.member) if "Nachricht" in m["content"]])
            == relay.TEAM_MESSAGES.count - 2
        )
    )

    def closed_dms() -> list[dict]:
        return [
            m
            for m in fake.dm_messages(world.member)
            if says(m["content"], "talk.dm_team_closed", "de")
        ]

    # the team ends it from the thread; the member is told once, also when the item is resolved
    opening = fake.messages(new)[0]
    assert says(await click_in(world, world.moderator, opening, ":close"), "talk.closed_done", "de")
    await fake.wait_for(closed_dms)
    resolve = next(
        b for b in buttons(fake.message(item["id"])) if b["custom_id"].endswith(":resolve")
    )
    await (
        await fake.click(world.moderator, fake.message(item["id"]), resolve["custom_id"])
    ).response()
    await fake.wait_for(lambda: not buttons(fake.message(item["id"])))
    assert len(closed_dms()) == 1
    assert query(runner, "SELECT closed_by FROM feedback_conversations") == [("team",)]
