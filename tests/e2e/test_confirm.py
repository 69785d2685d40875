"""The one confirm dialog: only the member who asked may press it, a stranger is told so in their
language, and two quick presses of Yes act once."""

from __future__ import annotations

import asyncio
import contextlib

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import buttons, run_reply

MODERATION_ROUTES = r"/guilds/\d+/(members|bans)/\d+"


def writes(fake) -> list:
    return [
        r
        for r in fake.requests_to("*", MODERATION_ROUTES)
        if r.method in ("PATCH", "PUT", "DELETE")
    ]


async def test_a_stranger_is_refused_in_their_language_and_a_double_press_acts_once(
    runner: BotRunner, world: World
):
    fake = world.fake
    _, prompt = await run_reply(
        world, world.admin, "timeout", {"member": world.moderator.id, "duration": "10m"}
    )
    yes = buttons(prompt.original)[0]["custom_id"]
    stranger = await fake.click(world.member, prompt.original, yes)
    await stranger.response()
    assert stranger.ephemeral and says(stranger.content_text(), "common.not_yours", "de")
    first, second = await asyncio.gather(
        fake.click(world.admin, prompt.original, yes),
        fake.click(world.admin, prompt.original, yes),
    )
    await first.response()
    done = await first.wait_for_original_edit()
    assert says(done["content"], "mod.done", "en", number=1)
    # The second press either reached the view before the first one stopped it (and is told the
    # question was answered) or found no view (Discord shows that the interaction failed).
    with contextlib.suppress(TimeoutError):
        answer = await second.response(timeout=10)
        assert answer["type"] == 4, "the second press ran the action again"
        assert second.ephemeral and says(second.content_text(), "common.already_answered", "en")
    assert len([r for r in writes(fake) if r.method == "PATCH"]) == 1


async def test_forget_asks_first_and_cancel_deletes_nothing(runner: BotRunner, world: World):
    fake = world.fake
    text, prompt = await run_reply(world, world.english_member, "mydata forget")
    assert says(text, "mydata.forget_confirm", "en")
    cancel = buttons(prompt.original)[1]
    assert cancel["label"] and cancel["style"] == 2
    pressed = await fake.click(world.english_member, prompt.original, cancel["custom_id"])
    answer = await pressed.response()
    assert answer["type"] == 7 and says(answer["data"]["content"], "common.cancelled", "en")
    assert answer["data"]["components"] == []
    exported, _ = await run_reply(world, world.english_member, "mydata export")
    assert not says(exported, "mydata.forget_done", "en")
