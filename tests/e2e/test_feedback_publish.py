"""Criticism from the inbox becomes a public suggestion only with its author's consent: nothing
is public before they agree, a double click posts once, closed DMs wait for /feedback-status,
a no is final, and anonymous feedback is never offered."""

from __future__ import annotations

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run_reply
from tests.e2e.test_feedback import inbox, send_feedback, setup_channels


def offer_button(message: dict) -> list[dict]:
    return [b for b in buttons(message) if b["custom_id"].endswith(":publish")]


def query(runner: BotRunner, sql: str) -> list[tuple]:
    with connect(runner.settings) as conn:
        return conn.execute(sql).fetchall()


async def click(world: World, user, message: dict, ending: str, **kw) -> str:
    button = next(b for b in buttons(message) if b["custom_id"].endswith(ending))
    clicked = await world.fake.click(user, message, button["custom_id"], **kw)
    return await clicked.answered()


async def test_criticism_becomes_a_suggestion_only_when_its_author_agrees(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    board = fake.create_text_channel(world.guild, "vorschlaege")
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_channel(board.id) is not None)
    await run_reply(
        world, world.admin, "config channel", {"purpose": "suggestions", "channel": board.id}
    )
    await fake.send_message(
        world.member,
        world.general,
        "Das neue Update ist leider ziemlich schlecht geworden. Die Ladezeiten sind viel zu lang!",
    )
    await send_feedback(
        world, world.member, "Der Kanal für Ankündigungen ist zu voll", anonymous=True
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "criticism"), timeout=10)
    (anonymous,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    assert not offer_button(anonymous)  # anonymous feedback is never offered

    said = await click(world, world.moderator, item, ":publish")
    assert says(said, "publish.asked", "de")
    (dm,) = await fake.wait_for(lambda: [m for m in fake.dm_messages(world.member) if buttons(m)])
    assert says(dm["content"], "publish.ask_dm", "de") and "Ladezeiten" in dm["content"]
    assert fake.messages(board) == []  # nothing public before consent
    again = await click(world, world.admin, fake.message(item["id"]), ":publish")
    assert says(again, "publish.state_asked", "en")

    await runner.restart()  # the question's buttons outlive a restart
    agreed = await click(world, world.member, dm, ":yes", locale="de")
    assert says(agreed, "publish.posted_member", "de", number=1)
    (posted,) = fake.messages(board)
    assert posted["embeds"][0]["title"].endswith(
        "Das neue Update ist leider ziemlich schlecht geworden"
    )
    assert "Ladezeiten sind viel zu lang" in str(posted["embeds"])
    assert query(runner, "SELECT author_id FROM suggestions") == [(world.member.id,)]
    assert says(
        await click(world, world.member, dm, ":yes", locale="de"), "publish.already_decided", "de"
    )
    assert len(fake.messages(board)) == 1  # a second click posts nothing
    await fake.wait_for(
        lambda: says(fake.message(item["id"])["embeds"], "publish.status_posted", "de", number=1)
    )


async def test_closed_dms_see_the_question_in_the_status_and_a_no_is_final(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await run_reply(
        world,
        world.admin,
        "config channel",
        {"purpose": "suggestions", "channel": world.general.id},
    )
    await send_feedback(
        world,
        world.english_member,
        "Please add a channel for trading cards, it is missing",
        anonymous=False,
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    world.english_member.dms_open = False
    said = await click(world, world.moderator, item, ":publish")
    assert says(said, "publish.unreachable", "de")
    status, reply = await run_reply(world, world.english_member, "feedback-status")
    assert says(status, "publish.status_question", "en") and "trading cards" in status
    before = len(fake.messages(world.general))
    declined = await click(world, world.english_member, reply.original, ":no")
    assert says(declined, "publish.declined_member", "en")
    assert query(runner, "SELECT state FROM feedback_publish") == [("declined",)]
    asked_again = await click(world, world.moderator, fake.message(item["id"]), ":publish")
    assert says(asked_again, "publish.state_declined", "de")
    assert says(
        await click(world, world.english_member, reply.original, ":yes"),
        "publish.already_decided",
        "en",
    )
    assert query(runner, "SELECT count(*) FROM suggestions") == [(0,)]
    assert len(fake.messages(world.general)) == before
    # forgetting the member forgets the offer (its text is theirs)
    forget = await fake.invoke(world.english_member, world.general, "mydata forget")
    await forget.response()
    confirm = forget.original["components"][0]["components"][0]["custom_id"]
    await (await fake.click(world.english_member, forget.original, confirm)).response()
    await fake.wait_for(lambda: query(runner, "SELECT count(*) FROM feedback_publish") == [(0,)])


async def test_a_member_who_left_cannot_agree_to_a_post_under_their_name(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await run_reply(
        world,
        world.admin,
        "config channel",
        {"purpose": "suggestions", "channel": world.general.id},
    )
    await send_feedback(world, world.english_member, "The event calendar is always outdated", False)
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    assert says(await click(world, world.moderator, item, ":publish"), "publish.asked", "de")
    (dm,) = await fake.wait_for(
        lambda: [m for m in fake.dm_messages(world.english_member) if buttons(m)]
    )
    fake.remove_member(world.guild, world.english_member)  # left (or was banned) since
    assert runner.bot is not None
    guild = runner.bot.get_guild(world.guild.id)
    await fake.wait_for(lambda: guild.get_member(world.english_member.id) is None)
    said = await click(world, world.english_member, dm, ":yes")
    assert says(said, "publish.not_member", "en")
    assert query(runner, "SELECT count(*) FROM suggestions") == [(0,)]
