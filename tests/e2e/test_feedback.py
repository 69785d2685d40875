"""The feedback inbox end to end: criticism is kept and answered, /feedback respects anonymity,
reports are merged and their reporters learn the outcome, and refused text comes back."""

from __future__ import annotations

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run, text_input_id
from tests.e2e.test_automod import wait_cases


async def setup_channels(world: World) -> None:
    await run(
        world,
        world.admin,
        "config channel",
        {"purpose": "feedback", "channel": world.staff_only.id},
    )
    await run(
        world, world.admin, "config channel", {"purpose": "modlog", "channel": world.staff_only.id}
    )


def inbox(world: World, kind: str) -> list[dict]:
    """The inbox posts of one kind (criticism, feedback, report), titled in the server's language."""
    name = t(f"inbox.kind.{kind}", "de")
    return [
        m
        for m in world.fake.messages(world.staff_only)
        if any(
            says(e.get("title", ""), "inbox.title", "de", kind=name) for e in m.get("embeds", [])
        )
    ]


async def test_criticism_with_a_blocked_word_reaches_the_inbox_masked_with_a_note(
    runner: BotRunner, world: World
):
    """A word rule applies as configured, and the criticism still reaches the team, with the word
    masked; profanity about a thing is noted; negative talk about the member's own phone and a
    plain insult of the team never reach the inbox."""
    fake = world.fake
    await setup_channels(world)
    await run(world, world.admin, "automod words add", {"word": "shitshow"})
    await fake.send_message(
        world.english_member, world.general, "my new phone is so buggy, the battery dies by noon"
    )
    insult = await fake.send_message(
        world.english_member,
        world.general,
        "the mods are useless idiots, pathetic clowns all of you",
    )
    sent = await fake.send_message(
        world.english_member,
        world.general,
        "the tournament was a shitshow, nobody knew the rules until round 3, please fix the schedule",
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "criticism"), timeout=30)
    embed = item["embeds"][0]
    assert "shitshow" not in embed["description"] and "s▮▮▮▮▮▮▮" in embed["description"]
    assert "nobody knew the rules" in embed["description"]
    assert any(says(f["value"], "report.reason.profanity", "de") for f in embed["fields"])
    cases = await wait_cases(runner, 2, timeout=30)
    # the word rule acted on the criticism as configured; the insult went to the review queue
    assert {(c["rule"], c["message_id"]) for c in cases} == {
        ("words", int(sent["id"])),
        ("offense", int(insult["id"])),
    }
    assert len(inbox(world, "criticism")) == 1  # nothing else reached the inbox


async def send_feedback(world: World, user, text: str, anonymous: bool):
    fake = world.fake
    opened = await fake.invoke(user, world.general, "feedback", {"anonymous": anonymous})
    modal = await opened.response()
    assert modal["type"] == 9
    submitted = await fake.submit_modal(
        user,
        world.general,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): text},
        from_interaction=opened,
    )
    await submitted.response()
    return submitted


async def test_civil_criticism_is_kept_copied_and_answered(runner: BotRunner, world: World):
    fake = world.fake
    await setup_channels(world)
    criticism = await fake.send_message(
        world.member,
        world.general,
        "Das neue Update ist leider ziemlich schlecht geworden, die Ladezeiten sind viel zu lang",
    )
    await fake.send_message(
        world.english_member, world.general, "Good morning everyone, how is your weekend going?"
    )
    await fake.send_message(
        world.english_member, world.general, "lol the event was so bad haha, I fell asleep"
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "criticism"), timeout=5)
    assert fake.message(criticism["id"]) is not None  # kept, not deleted
    embed = item["embeds"][0]
    assert "Ladezeiten" in embed["description"] and criticism["id"] in str(embed["fields"])
    reply = next(b for b in buttons(item) if b["custom_id"].endswith(":reply"))
    clicked = await fake.click(world.moderator, item, reply["custom_id"])
    modal = await clicked.response()
    answered = await fake.submit_modal(
        world.moderator,
        world.staff_only,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): "Danke! Wir arbeiten am Patch für die Ladezeiten."},
        from_interaction=clicked,
    )
    await answered.response()
    await answered.wait_for_followup()  # the answer opens a conversation: deferred first
    assert says(
        answered.content_text(), "inbox.reply_sent", "de", how=t("inbox.reply_how.dm", "de")
    )
    dm = fake.dm_messages(world.member)[-1]["content"]
    assert "Wir arbeiten am Patch" in dm
    # the member learns where their chat message went, and sees what they wrote
    assert says(dm, "inbox.answer_dm_chat", "de", channel=f"<#{world.general.id}>")
    assert "die Ladezeiten sind viel zu lang" in dm
    with connect(runner.settings) as conn:
        status, first = conn.execute(
            "SELECT status, first_response_at FROM feedback_items"
        ).fetchone()
    assert status == "replied" and first is not None


async def test_feedback_anonymity_is_explained_and_respected(runner: BotRunner, world: World):
    fake = world.fake
    await setup_channels(world)
    hidden = await send_feedback(
        world,
        world.member,
        "Ich wünsche mir mehr Events am Wochenende, bitte @everyone",
        anonymous=True,
    )
    assert says(hidden.content_text(), "feedback.sent_anonymous_hidden", "de")
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    assert str(world.member.id) not in str(item["embeds"])
    assert says(item["embeds"], "inbox.anonymous", "de")
    await run(world, world.admin, "inbox settings", {"show_authors": True})
    visible = await send_feedback(
        world, world.member, "Und bitte die Regeln etwas kürzer fassen", anonymous=True
    )
    assert says(visible.content_text(), "feedback.sent_anonymous_visible", "de")
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert all(r.json["allowed_mentions"]["parse"] == [] for r in posts)


async def test_refused_feedback_shows_the_text_back(runner: BotRunner, world: World):
    refused = await send_feedback(
        world, world.member, "Hier meine Meinung zum Server: alles super", anonymous=False
    )
    assert says(refused.content_text(), "inbox.not_configured", "de")
    assert "alles super" in refused.content_text()
    await setup_channels(world)
    blocked = await send_feedback(
        world, world.member, "Kommt alle auf discord.gg/anderer, viel besser", anonymous=False
    )
    assert says(blocked.content_text(), "feedback.refused", "de")
    assert "discord.gg/anderer" in blocked.content_text()


async def report(world: World, user, message: dict, reason: str, note: str = ""):
    fake = world.fake
    menu = await fake.invoke_message_command(user, message, "Report message")
    await menu.response()
    prompt = menu.original
    select = buttons(prompt)[0]
    picked = await fake.select(user, prompt, select["custom_id"], [reason])
    modal = await picked.response()
    done = await fake.submit_modal(
        user,
        world.general,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): note},
        from_interaction=picked,
    )
    await done.response()
    return done.content_text()


async def test_reports_are_merged_resolved_and_reporters_learn_the_outcome(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    target = await fake.send_message(
        world.english_member, world.general, "buy cheap followers at my shop"
    )
    assert says(await report(world, world.member, target, "spam", "Werbung"), "report.sent", "de")
    assert says(await report(world, world.owner, target, "spam"), "report.merged", "de")
    assert says(await report(world, world.member, target, "spam"), "report.duplicate", "de")
    (item,) = await fake.wait_for(
        lambda: [
            m for m in inbox(world, "report") if says(m["embeds"], "inbox.reporters", "de", count=2)
        ]
    )
    resolve = next(b for b in buttons(item) if b["custom_id"].endswith(":resolve"))
    own = await fake.invoke_message_command(world.english_member, target, "Report message")
    await own.response()
    assert says(own.content_text(), "report.own", "en")
    clicked = await fake.click(world.moderator, item, resolve["custom_id"])
    await clicked.response()
    for reporter in (world.member, world.owner):
        await fake.wait_for(
            lambda r=reporter: [
                m
                for m in fake.dm_messages(r)
                if says(m["content"], "report.outcome", "de", server=world.guild.name)
            ]
        )
    await fake.wait_for(lambda: not buttons(fake.message(item["id"])))


async def test_report_abuse_is_rate_limited(runner: BotRunner, world: World):
    fake = world.fake
    await setup_channels(world)
    # Six messages in a row from one member: the flood rules are off here, so what is tested is
    # the report limit, not how fast auto-moderation runs on a busy machine.
    for rule in ("spam_rate", "duplicates"):
        await run(world, world.admin, "automod rule", {"rule": rule, "enabled": False})
    chat = [
        "Hat jemand Lust auf eine Runde heute Abend?",
        "Das neue Update sieht richtig gut aus",
        "Wer kommt am Samstag mit zum Treffen?",
        "Kann mir jemand bei der Einrichtung helfen?",
        "Danke für die schnelle Antwort gestern",
        "Ich habe die Karte endlich geschafft",
    ]
    messages = []
    for text_ in chat:
        messages.append(await fake.send_message(world.english_member, world.general, text_))
    await fake.wait_for(lambda: all(fake.message(m["id"]) is not None for m in messages))
    for message in messages[:5]:
        assert says(await report(world, world.member, message, "other"), "report.sent", "de")
    menu = await fake.invoke_message_command(world.member, messages[5], "Report message")
    await menu.response()
    assert says(menu.content_text(), "error.cooldown", "de")  # told when to try again


async def test_acknowledge_and_escalate(runner: BotRunner, world: World):
    fake = world.fake
    await setup_channels(world)
    await send_feedback(
        world, world.member, "Die Regeln sind zu lang, bitte kürzen", anonymous=False
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "feedback"))
    ack = next(b for b in buttons(item) if b["custom_id"].endswith(":ack"))
    clicked = await fake.click(world.moderator, item, ack["custom_id"])
    await clicked.response()
    await fake.wait_for(
        lambda: says(
            fake.message(item["id"])["embeds"],
            "inbox.status.acknowledged",
            "de",
            moderator=f"<@{world.moderator.id}>",
        )
    )
    escalate = next(
        b for b in buttons(fake.message(item["id"])) if b["custom_id"].endswith(":escalate")
    )
    clicked = await fake.click(world.moderator, fake.message(item["id"]), escalate["custom_id"])
    await clicked.response()
    await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.staff_only)
            if says(
                m.get("content", ""),
                "inbox.escalated_note",
                "de",
                moderator=f"<@{world.moderator.id}>",
            )
        ]
    )
    with connect(runner.settings) as conn:
        status, first = conn.execute(
            "SELECT status, first_response_at FROM feedback_items"
        ).fetchone()
    assert status == "escalated" and first is not None


async def test_reports_stay_with_the_team(runner: BotRunner, world: World):
    """The reported member gets no answer meant for the reporter and cannot read or erase reports."""
    fake = world.fake
    target = await fake.send_message(world.english_member, world.general, "buy cheap followers")
    assert says(await report(world, world.member, target, "spam"), "report.not_configured", "de")
    await setup_channels(world)
    assert says(await report(world, world.member, target, "spam"), "report.sent", "de")
    (item,) = await fake.wait_for(lambda: inbox(world, "report"))
    assert not [b for b in buttons(item) if b["custom_id"].endswith(":reply")]
    export = await fake.invoke(world.english_member, world.general, "mydata export")
    await export.response()
    followup = await export.wait_for_followup()
    assert "buy cheap followers" not in fake.attachment_bytes(followup["attachments"][0]).decode()
    forget = await fake.invoke(world.english_member, world.general, "mydata forget")
    await forget.response()
    confirm = forget.original["components"][0]["components"][0]["custom_id"]
    await (await fake.click(world.english_member, forget.original, confirm)).response()
    with connect(runner.settings) as conn:
        assert (
            conn.execute("SELECT content FROM feedback_items").fetchone()[0]
            == "buy cheap followers"
        )


async def test_a_long_answer_still_reaches_the_member_within_discords_limit(
    runner: BotRunner, world: World
):
    fake = world.fake
    await setup_channels(world)
    await fake.send_message(
        world.member,
        world.general,
        "Das neue Update ist leider ziemlich schlecht geworden, die Ladezeiten sind viel zu lang "
        + "und das Menü hakt ständig " * 60,
    )
    (item,) = await fake.wait_for(lambda: inbox(world, "criticism"), timeout=5)
    reply = next(b for b in buttons(item) if b["custom_id"].endswith(":reply"))
    clicked = await fake.click(world.moderator, item, reply["custom_id"])
    modal = await clicked.response()
    long_answer = "Danke für die ausführliche Rückmeldung. " * 37  # about 1,500 characters
    answered = await fake.submit_modal(
        world.moderator,
        world.staff_only,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): long_answer[:1500]},
        from_interaction=clicked,
    )
    await answered.response()
    await answered.wait_for_followup()  # the answer opens a conversation: deferred first
    assert says(
        answered.content_text(), "inbox.reply_sent", "de", how=t("inbox.reply_how.dm", "de")
    )
    dm = fake.dm_messages(world.member)[-1]["content"]
    assert len(dm) <= 2000 and long_answer[:1500].strip() in dm
