"""Rate limits a burst cannot beat: 20 concurrent invocations by one member, exactly the allowed
number pass; refusals for bad input give the attempt back; moderators are exempt from member
limits but not from the bulk-action limit."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot import cooldowns
from bot.i18n import Lang
from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import text_input_id
from tests.e2e.test_feedback import setup_channels
from tests.e2e.test_giveaways import custom_id, giveaway_message
from tests.e2e.test_giveaways import start as start_giveaway
from tests.e2e.test_qa import start as start_round


def count(runner: BotRunner, sql: str) -> int:
    with connect(runner.settings) as conn:
        return int(conn.execute(sql).fetchone()[0])


async def answers(interactions: list[Any]) -> list[str]:
    texts = []
    for interaction in interactions:
        await interaction.response(timeout=20)
        if interaction.response_type == 5:
            await interaction.wait_for_followup(timeout=20)
        texts.append(interaction.content_text())
    return texts


def slowed(texts: list[str], lang: Lang) -> int:
    """How many replies are the cooldown's "try again", in the member's language."""
    return sum(says(t, "error.cooldown", lang) for t in texts)


async def test_twenty_concurrent_questions_one_passes(runner: BotRunner, world: World):
    await start_round(world, questions_per_member=10)
    fake = world.fake
    burst = await asyncio.gather(
        *(
            fake.invoke(world.member, world.general, "ask", {"question": f"Frage Nummer {n}?"})
            for n in range(20)
        )
    )
    texts = await answers(list(burst))
    assert count(runner, "SELECT COUNT(*) FROM qa_questions") == cooldowns.ASK.count == 1
    assert slowed(texts, "de") == 19  # each told when to try again, in their language
    assert all("<t:" in t for t in texts if says(t, "error.cooldown", "de"))


async def test_twenty_concurrent_feedback_forms_three_pass(runner: BotRunner, world: World):
    await setup_channels(world)
    fake = world.fake
    opened = await asyncio.gather(
        *(fake.invoke(world.member, world.general, "feedback", {}) for _ in range(20))
    )
    modals = [await o.response() for o in opened]
    submitted = await asyncio.gather(
        *(
            fake.submit_modal(
                world.member,
                world.general,
                modal["data"]["custom_id"],
                {text_input_id(modal["data"]): f"Das Event am Freitag war zu spät, Nr. {n}"},
                from_interaction=o,
            )
            for n, (o, modal) in enumerate(zip(opened, modals, strict=True))
        )
    )
    texts = await answers(list(submitted))
    assert count(runner, "SELECT COUNT(*) FROM feedback_items") == cooldowns.FEEDBACK.count
    assert slowed(texts, "de") == 20 - cooldowns.FEEDBACK.count
    # a refused form gives the text back
    assert all("Nr." in t for t in texts if says(t, "error.cooldown", "de")), [
        t for t in texts if "Nr." not in t
    ]


@pytest.mark.postgres  # the promise holds on both backends
async def test_twenty_concurrent_clicks_five_pass_and_one_entry(runner: BotRunner, world: World):
    await start_giveaway(world)
    message = giveaway_message(world)
    enter = custom_id(message, "enter")
    clicks = await asyncio.gather(
        *(world.fake.click(world.member, message, enter) for _ in range(20))
    )
    texts = await answers(list(clicks))
    assert slowed(texts, "de") == 20 - cooldowns.GIVEAWAY_ENTRY.count
    assert count(runner, "SELECT COUNT(*) FROM giveaway_entries") == 1


async def test_a_refusal_for_bad_input_gives_the_attempt_back(runner: BotRunner, world: World):
    fake = world.fake
    refused = await fake.invoke(world.member, world.general, "ask", {"question": "Noch offen?"})
    (text,) = await answers([refused])
    # no round open: refused for that reason
    assert says(text, "qa.none_here", "de") and not says(text, "error.cooldown")
    await start_round(world)
    asked = await fake.invoke(world.member, world.general, "ask", {"question": "Jetzt aber?"})
    (text,) = await answers([asked])
    assert not says(text, "error.cooldown")
    assert count(runner, "SELECT COUNT(*) FROM qa_questions") == 1


async def test_moderators_skip_member_limits_but_not_bulk_limits(runner: BotRunner, world: World):
    await setup_channels(world)
    fake = world.fake
    for n in range(5):
        opened = await fake.invoke(world.moderator, world.general, "feedback", {})
        modal = await opened.response()
        submitted = await fake.submit_modal(
            world.moderator,
            world.general,
            modal["data"]["custom_id"],
            {text_input_id(modal["data"]): f"Notiz aus dem Team Nummer {n}"},
            from_interaction=opened,
        )
        await answers([submitted])
    assert count(runner, "SELECT COUNT(*) FROM feedback_items") == 5
    purges = await asyncio.gather(
        *(
            fake.invoke(world.admin, world.general, "purge", {"count": 1})
            for _ in range(cooldowns.BULK.count + 3)
        )
    )
    texts = await answers(list(purges))
    assert slowed(texts, "en") == 3  # the admin's client is English
