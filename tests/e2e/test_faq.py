"""The FAQ end to end: entries by command and from Q&A answers, search, and auto-replies that
fire on a matching question, once, only where enabled, and never on ordinary chat."""

from __future__ import annotations

import asyncio

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run
from tests.e2e.test_qa import ask_by_modal, question, start

VERIFY_Q = "Wie bekomme ich die Verifiziert-Rolle?"
VERIFY_A = "Schreib `/verify` im Kanal #verifizierung, dann bekommst du die Rolle."


def faq_replies(world: World, channel=None) -> list[dict]:
    return [
        m
        for m in world.fake.messages(channel or world.general)
        if says(m.get("content", ""), "faq.auto_intro", "de")
    ]


async def test_auto_reply_fires_on_a_matching_question_only(runner: BotRunner, world: World):
    fake = world.fake
    assert says(
        await run(world, world.moderator, "faq add", {"question": VERIFY_Q, "answer": VERIFY_A}),
        "faq.added",
        "de",
        id=1,
    )
    assert says(
        await run(
            world,
            world.moderator,
            "faq add",
            {"question": "Wann ist der nächste Stream?", "answer": "Jeden Freitag um 19 Uhr."},
        ),
        "faq.added",
        "de",
        id=2,
    )
    asked = await fake.send_message(
        world.member, world.general, "wie bekomme ich die verifiziert rolle?"
    )
    await asyncio.sleep(0.3)
    assert faq_replies(world) == []  # off by default
    assert says(
        await run(
            world, world.moderator, "faq autoreply", {"channel": world.general.id, "enabled": True}
        ),
        "faq.autoreply_on",
        "de",
        channel=f"<#{world.general.id}>",
    )
    asked = await fake.send_message(
        world.member, world.general, "hey wie bekomme ich eigentlich die verifiziert rolle??"
    )
    (reply,) = await fake.wait_for(lambda: faq_replies(world))
    assert reply["message_reference"]["message_id"] == asked["id"]
    assert "verify" in str(reply["embeds"]) and len(buttons(reply)) == 2
    request = next(
        r for r in fake.requests if r.method == "POST" and says(r.json, "faq.auto_intro", "de")
    )
    assert not request.json["allowed_mentions"].get("parse")
    # the same message again (a replayed event) gets no second answer
    await fake.dispatch("MESSAGE_CREATE", asked)
    for chat in (
        "Hat jemand Lust auf eine Runde heute Abend?",
        "gg, das war knapp",
        "Wie war euer Wochenende?",
        "Guten Morgen zusammen!",
    ):
        await fake.send_message(world.english_member, world.general, chat)
    await asyncio.sleep(0.5)
    assert len(faq_replies(world)) == 1
    # elsewhere it stays quiet
    offtopic = fake.create_text_channel(world.guild, "offtopic")
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_channel(offtopic.id) is not None)
    await fake.send_message(world.member, offtopic, "Wie bekomme ich die Verifiziert-Rolle?")
    await asyncio.sleep(0.3)
    assert faq_replies(world, offtopic) == []
    # ratings: one per member, counts kept
    helped = next(b["custom_id"] for b in buttons(reply) if b["custom_id"].endswith(":1"))
    first = await fake.click(world.english_member, reply, helped)
    await first.response()
    again = await fake.click(world.english_member, reply, helped)
    await again.response()
    assert says(first.content_text(), "faq.thanks_helped", "en")
    assert not says(first.content_text(), "faq.rated_already")
    assert says(again.content_text(), "faq.rated_already", "en")
    listing = await run(world, world.moderator, "faq list")
    assert says(listing, "faq.list_line", "de", id=1, helped=1, not_helped=0)
    # search: by command and autocomplete
    found = await run(world, world.member, "faq search", {"query": "verifiziert rolle"})
    assert "verify" in found
    choices = await fake.autocomplete(
        world.member, world.general, "faq search", {"query": "strea"}, focused="query"
    )
    assert choices and choices[0]["value"] == "2"
    assert says(
        await run(world, world.member, "faq search", {"query": "Pizzarezept"}),
        "faq.nothing_found",
        "de",
        query="Pizzarezept",
    )


async def test_an_answered_question_goes_into_the_faq(runner: BotRunner, world: World):
    fake = world.fake
    await start(world)
    await ask_by_modal(world, world.member, "Gibt es bald Merch mit dem Logo?")
    await run(
        world,
        world.moderator,
        "qa answer",
        {"question": "1", "text": "Ja, ab Dezember im Shop."},
    )
    (answer,) = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.general)
            if any(says(e.get("title", ""), "qa.answer_title", "de") for e in m.get("embeds", []))
        ]
    )
    button = next(b["custom_id"] for b in buttons(answer) if b["custom_id"].startswith("qa:faq:"))
    refused = await fake.click(world.member, answer, button)
    await refused.response()
    assert says(refused.content_text(), "error.server_permission", "de")
    added = await fake.click(world.moderator, answer, button)
    await added.response()
    assert says(added.content_text(), "faq.added", "de", id=1)
    twice = await fake.click(world.moderator, answer, button)
    await twice.response()
    assert says(twice.content_text(), "faq.already_added", "de")
    with connect(runner.settings) as conn:
        rows = conn.execute("SELECT question, answer FROM faq_entries").fetchall()
    assert rows == [("Gibt es bald Merch mit dem Logo?", "Ja, ab Dezember im Shop.")]
    assert question(world, 1)


async def test_the_answer_option_is_a_noun_and_the_answer_command_a_verb_in_german(
    runner: BotRunner, world: World
):
    synced = {c["name"]: c for c in world.fake.commands()} or {
        c["name"]: c for c in world.fake.commands(world.guild)
    }

    def child(command: dict, name: str) -> dict:
        return next(o for o in command.get("options", []) if o["name"] == name)

    add_answer = child(child(synced["faq"], "add"), "answer")
    assert add_answer["name_localizations"]["de"] == "antwort"
    assert child(synced["qa"], "answer")["name_localizations"]["de"] == "antworten"
