"""Options that name a server's own objects (giveaways, rounds, cases, schedules): autocomplete
offers this server's only, and an id of another server is refused with the same words as an id
that names nothing."""

from __future__ import annotations

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import run, run_reply


async def test_a_giveaway_of_another_server_is_neither_offered_nor_confirmed(
    runner: BotRunner, world: World
):
    fake = world.fake
    elsewhere = await fake.invoke(
        world.outsider,
        world.other_channel,
        "giveaway start",
        {"prize": "Elsewhere", "duration": "1h"},
    )
    await elsewhere.response()
    text = await run(world, world.admin, "giveaway start", {"prize": "Mug", "duration": "1h"})
    assert says(text, "giveaway.started", "en")
    choices = await fake.autocomplete(
        world.admin, world.general, "giveaway end", {"giveaway": ""}, focused="giveaway"
    )
    assert [c["name"] for c in choices] == ["#2 Mug"]
    foreign = await run(world, world.admin, "giveaway end", {"giveaway": "1"})
    missing = await run(world, world.admin, "giveaway end", {"giveaway": "999"})
    assert says(foreign, "giveaway.unknown", "en", id=1)
    assert says(missing, "giveaway.unknown", "en", id=999)
    garbage = await run(world, world.admin, "giveaway end", {"giveaway": "abc"})
    assert says(garbage, "giveaway.unknown", "en", id="abc")


async def test_the_transcript_of_a_round_that_just_ended_is_exported_without_choosing_it(
    runner: BotRunner, world: World
):
    await run(world, world.moderator, "qa start", {"topic": "Roadmap", "channel": world.general.id})
    assert says(await run(world, world.moderator, "qa end"), "qa.ended", "de", id=1)
    text, reply = await run_reply(world, world.moderator, "qa export")
    assert not says(text, "qa.none_here", "de")
    files = [a for f in [reply.original, *reply.followups] if f for a in f.get("attachments", [])]
    assert files, text
    assert says(await run(world, world.moderator, "qa end"), "qa.none_here", "de")


async def test_cases_are_offered_with_their_action_in_the_moderators_language(
    runner: BotRunner, world: World
):
    fake = world.fake
    await run(world, world.moderator, "warn", {"member": world.member.id, "reason": "Spam"})
    choices = await fake.autocomplete(
        world.moderator, world.general, "case show", {"number": "#"}, focused="number"
    )
    assert [c["value"] for c in choices] == ["1"]
    assert choices[0]["name"] == f"#1 · {t('action.warn', 'de')} · Spam"
    outsider = await fake.autocomplete(
        world.outsider, world.other_channel, "case show", {"number": ""}, focused="number"
    )
    assert outsider == []
