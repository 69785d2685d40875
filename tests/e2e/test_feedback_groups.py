"""One voice per topic end to end: feedback about the same topic becomes one inbox item with a
count and a few quotes, the team answers the group at once (each member by DM with their own
words, nobody named to the team), splits out an item that was merged by mistake, and resolving
the item resolves its group."""

from __future__ import annotations

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run, text_input_id
from tests.e2e.test_feedback import inbox, send_feedback, setup_channels


def query(runner: BotRunner, sql: str) -> list[tuple]:
    with connect(runner.settings) as conn:
        return conn.execute(sql).fetchall()


def titled(world: World, count: int) -> list[dict]:
    return [
        m
        for m in inbox(world, "feedback")
        if says(m["embeds"][0]["title"], "inbox.group_count", "de", count=count)
    ]


async def test_the_same_topic_is_one_item_answered_at_once_and_can_be_split(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    lena, tom, ida = (fake.create_user(name, locale="de") for name in ("lena", "tom", "ida"))
    for user in (lena, tom, ida):
        fake.add_member(world.guild, user)
    await send_feedback(world, world.member, "Die Fragerunde am Freitag war viel zu kurz", False)
    await send_feedback(world, lena, "Fragerunde am Freitag leider viel zu kurz, schade", False)
    await send_feedback(world, tom, "Die Regeln im Kanal sind zu kompliziert", False)
    # a restart before the count was shown: the topics are in the database, the count follows
    await runner.restart()
    await fake.wait_for(lambda: titled(world, 2), timeout=10)
    await send_feedback(world, ida, "Die Fragerunden sind immer so kurz", False)
    # about the weekend, not the Q&A: merged by mistake (it shares Friday and short)
    await send_feedback(world, world.owner, "Der Freitag war zu kurz, das Wochenende auch", False)

    (leader,) = await fake.wait_for(lambda: titled(world, 4), timeout=10)
    assert len(inbox(world, "feedback")) == 2  # the topic and the rules
    quotes = next(
        f for f in leader["embeds"][0]["fields"] if says(f["name"], "inbox.group_quotes", "de")
    )
    assert "immer so kurz" in quotes["value"] and "leider viel zu kurz" in quotes["value"]
    # nobody in the group is named to the team
    assert str(lena.id) not in str(fake.messages(world.staff_only)) and "lena" not in str(
        fake.messages(world.staff_only)
    )

    # a team member splits the weekend item out: it becomes an item of its own
    split = next(b for b in buttons(leader) if b["custom_id"].endswith(":split"))
    clicked = await fake.click(world.moderator, leader, split["custom_id"])
    await clicked.response()
    select = buttons(clicked.original)[0]
    wrong = next(o["value"] for o in select["options"] if "Wochenende" in o["label"])
    picked = await fake.select(world.moderator, clicked.original, select["custom_id"], [wrong])
    assert says(await picked.answered(), "group.split_done", "de", id=wrong)
    (leader,) = await fake.wait_for(lambda: titled(world, 3), timeout=10)
    assert len(inbox(world, "feedback")) == 3

    # the team answers the whole group at once
    reply = next(b for b in buttons(leader) if b["custom_id"].endswith(":reply"))
    clicked = await fake.click(world.moderator, leader, reply["custom_id"])
    modal = await clicked.response()
    answered = await fake.submit_modal(
        world.moderator,
        world.staff_only,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): "Danke! Die nächste Fragerunde dauert eine Stunde."},
        from_interaction=clicked,
    )
    assert says(await answered.answered(), "group.answered", "de", count=3, reached=3)
    for user, words in ((world.member, "am Freitag war"), (lena, "leider viel"), (ida, "immer so")):
        (dm,) = fake.dm_messages(user)
        assert says(dm["content"], "group.answer_dm", "de") and words in dm["content"]
        assert "eine Stunde" in dm["content"]
    assert fake.dm_messages(tom) == [] and fake.dm_messages(world.owner) == []

    # resolving the topic resolves everyone's item in it
    resolve = next(
        b for b in buttons(fake.message(leader["id"])) if b["custom_id"].endswith(":resolve")
    )
    await (
        await fake.click(world.moderator, fake.message(leader["id"]), resolve["custom_id"])
    ).response()
    await fake.wait_for(lambda: not buttons(fake.message(leader["id"])))
    assert query(runner, "SELECT count(*) FROM feedback_items WHERE status = 'resolved'") == [(3,)]


async def test_anonymous_feedback_is_never_grouped(runner: BotRunner, world: World):
    """A group's count and quotes would tie anonymous words to named ones (or to each other)."""
    fake = world.fake
    await setup_channels(world)
    lena = fake.create_user("lena", locale="de")
    fake.add_member(world.guild, lena)
    await send_feedback(world, lena, "Die Fragerunde am Freitag war viel zu kurz", True)
    await send_feedback(world, world.member, "Fragerunde am Freitag leider viel zu kurz", False)
    await send_feedback(world, world.owner, "Die Fragerunde am Freitag ist viel zu kurz", True)
    await fake.wait_for(lambda: len(inbox(world, "feedback")) == 3)
    assert not [m for m in inbox(world, "feedback") if "·" in m["embeds"][0]["title"]]
    assert query(runner, "SELECT count(*) FROM feedback_items WHERE group_id IS NOT NULL") == [(0,)]


async def test_a_forgotten_members_words_leave_their_topics_inbox_message(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    lena = fake.create_user("lena", locale="de")
    fake.add_member(world.guild, lena)
    await send_feedback(world, world.member, "Die Fragerunde am Freitag war viel zu kurz", False)
    await send_feedback(world, lena, "Fragerunde am Freitag leider viel zu kurz, schade", False)
    (leader,) = await fake.wait_for(lambda: titled(world, 2), timeout=10)
    assert "leider viel zu kurz" in str(leader["embeds"])
    forget = await fake.invoke(lena, world.general, "mydata forget")
    await forget.response()
    confirm = forget.original["components"][0]["components"][0]["custom_id"]
    await (await fake.click(lena, forget.original, confirm)).response()
    await fake.wait_for(lambda: "leider viel" not in str(fake.message(leader["id"])["embeds"]))
    assert titled(world, 2)  # two members wrote; who the forgotten one was is not shown


async def test_a_group_formed_while_authors_were_shown_ties_no_one_together_later(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await run(world, world.admin, "inbox settings", {"show_authors": True})
    await send_feedback(world, world.member, "Die Fragerunde am Freitag war viel zu kurz", False)
    await send_feedback(world, world.member, "Fragerunde am Freitag leider viel zu kurz", True)
    await fake.wait_for(lambda: titled(world, 1), timeout=10)  # one member, shown by name
    await run(world, world.admin, "inbox settings", {"show_authors": False})
    lena = fake.create_user("lena", locale="de")
    fake.add_member(world.guild, lena)
    await send_feedback(world, lena, "Die Fragerunde am Freitag ist zu kurz", False)
    # now hidden, the anonymous item counts on its own: "2" would say it is the member's
    await fake.wait_for(lambda: titled(world, 3), timeout=10)
