"""The review queue: a flag is posted with the member's words and decision buttons, a decision
runs through the moderation pipeline and closes the item for everyone, two moderators deciding
at once cannot both win, a permission granted in one channel decides nothing, and members never
see what waits for review."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run, text_input_id


def rows(runner: BotRunner, sql: str, *args: Any) -> list[dict[str, Any]]:
    with connect(runner.settings) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, args).fetchall()]


async def flagged(world: World, words: str = "Du bist so ein Trottel, ehrlich") -> dict:
    """The words rule set to flag, a member's message flagged: the review item's log post."""
    fake = world.fake
    await run(world, world.admin, "config channel", {"purpose": "modlog", "channel": world.staff_only.id})  # fmt: skip
    await run(world, world.admin, "automod words add", {"word": "trottel"})
    await run(world, world.admin, "automod rule", {"rule": "words", "action": "flag", "points": 0})
    message = await fake.send_message(world.member, world.general, words)
    posts = await fake.wait_for(
        lambda: [m for m in fake.messages(world.staff_only) if len(buttons(m)) == 4]
    )
    post = posts[-1]
    post["flagged_message"] = message
    return post


def button(post: dict, decision: str) -> str:
    return next(b["custom_id"] for b in buttons(post) if b["custom_id"].endswith(f":{decision}"))


async def test_a_flag_is_a_review_item_a_moderator_decides(runner: BotRunner, world: World):
    fake = world.fake
    post = await flagged(world)
    embed = str(post["embeds"][0])
    assert "Du bist so ein Trottel, ehrlich" in embed  # the member's own words
    assert f"/channels/{world.guild.id}/{world.general.id}/" in embed  # jump link
    assert says(embed, "review.open_since", "de")
    labels = [b["label"] for b in buttons(post)]
    assert labels == [t(f"review.button.{d}", "de") for d in ("delete", "warn", "timeout", "clear")]
    # the member sees nothing of it
    mine = await run(world, world.member, "mystatus")
    assert not says(mine, "review.state", "de") and not says(mine, "action.flag", "de")
    assert "#1 ·" not in mine
    click = await fake.click(world.admin, post, button(post, "delete"))
    first = await click.response()
    assert first["type"] == 5, click.content_text()
    done = await click.wait_for_followup(timeout=30)
    assert says(done["content"], "review.done", "en", number=1)  # the admin's client is English
    await fake.wait_for(lambda: fake.message(post["flagged_message"]["id"]) is None)
    decided = await fake.wait_for(
        lambda: not buttons(fake.message(post["id"])) and fake.message(post["id"])
    )
    assert says(
        decided["embeds"],
        "review.decided",
        "de",
        decision=t("review.decision.delete", "de"),
        moderator=f"<@{world.admin.id}>",
    )
    (item,) = rows(runner, "SELECT * FROM review_items")
    assert item["decision"] == "delete" and item["decided_by"] == world.admin.id
    result = rows(runner, "SELECT * FROM cases WHERE number = ?", item["result_case"])[0]
    assert result["action"] == "delete" and result["moderator_id"] == world.admin.id
    assert result["state"] == "applied"
    mine = await run(world, world.member, "mystatus")
    assert f"#{item['result_case']} · {t('action.delete', 'de')}" in mine and "#1 ·" not in mine


@pytest.mark.postgres  # the promise holds on both backends
async def test_two_moderators_deciding_at_once_cannot_both_win(runner: BotRunner, world: World):
    fake = world.fake
    post = await flagged(world)
    second = fake.create_user("mona", locale="de")
    fake.add_member(world.guild, second, roles=[world.mods])
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_guild(world.guild.id).get_member(second.id))
    warn, clear = await asyncio.gather(
        fake.click(world.moderator, post, button(post, "warn")),
        fake.click(second, post, button(post, "clear")),
    )
    replies = []
    for click in (warn, clear):
        await click.response()
        replies.append((await click.wait_for_followup(timeout=30))["content"])
    assert sorted(says(r, "review.already", "de") for r in replies) == [False, True], replies
    loser = next(r for r in replies if says(r, "review.already", "de"))
    assert says(loser, "review.decided", "de")  # who decided, and how
    (item,) = rows(runner, "SELECT * FROM review_items")
    decided = rows(runner, "SELECT * FROM cases WHERE moderator_id != 0")
    if item["decision"] == "warn":  # exactly one decision was carried out
        assert [c["action"] for c in decided] == ["warn"], decided
    else:
        assert item["decision"] == "clear" and decided == [], decided


async def test_a_permission_granted_in_one_channel_decides_nothing(runner: BotRunner, world: World):
    """A helper who may manage messages in #general only is not a server moderator."""
    fake = world.fake
    post = await flagged(world)
    helper = fake.create_user("hanna", locale="de")
    fake.add_member(world.guild, helper)
    general = fake.world.channel(world.general.id)
    fake.set_overwrites(
        general,
        [
            *general.overwrites,
            {"id": str(helper.id), "type": 1, "allow": str(1 << 13), "deny": "0"},
        ],
    )
    staff = fake.world.channel(world.staff_only.id)
    fake.set_overwrites(
        staff,
        [*staff.overwrites, {"id": str(helper.id), "type": 1, "allow": str(1 << 10), "deny": "0"}],
    )
    click = await fake.click(helper, post, button(post, "delete"))
    await click.response()
    assert click.ephemeral
    assert fake.message(post["flagged_message"]["id"]) is not None
    (item,) = rows(runner, "SELECT * FROM review_items")
    assert item["decided_at"] is None


async def test_timeout_asks_how_long_and_a_wrong_duration_loses_nothing(
    runner: BotRunner, world: World
):
    fake = world.fake
    post = await flagged(world)
    await runner.restart()  # the buttons are persistent
    opened = await fake.click(world.moderator, post, button(post, "timeout"))
    form = await opened.response()
    assert form["type"] == 9  # a modal, as the first response
    wrong = await fake.submit_modal(
        world.moderator, world.staff_only, form["data"]["custom_id"],
        {text_input_id(form["data"]): "eine Weile"}, locale="de", from_interaction=opened,
    )  # fmt: skip
    await wrong.response()
    said = wrong.content_text() + " ".join(f.get("content", "") for f in wrong.followups)
    assert wrong.ephemeral and "eine Weile" in said
    assert rows(runner, "SELECT * FROM review_items")[0]["decided_at"] is None
    again = await fake.click(world.moderator, post, button(post, "timeout"))
    form = await again.response()
    right = await fake.submit_modal(
        world.moderator, world.staff_only, form["data"]["custom_id"],
        {text_input_id(form["data"]): "2h"}, locale="de", from_interaction=again,
    )  # fmt: skip
    await right.response()
    await right.wait_for_followup(timeout=30)
    await fake.wait_for(lambda: fake.member(world.guild, world.member).communication_disabled_until)
    (item,) = rows(runner, "SELECT * FROM review_items")
    assert item["decision"] == "timeout"


async def test_no_violation_offers_the_word_for_the_allow_list(runner: BotRunner, world: World):
    fake = world.fake
    post = await flagged(world, "Der Trottel-Test war lustig")
    click = await fake.click(world.moderator, post, button(post, "clear"))
    await click.response()
    reply = await click.wait_for_followup(timeout=30)
    assert says(reply["content"], "review.cleared", "de", number=1)
    offered = buttons(reply)
    assert offered and says(offered[0]["label"], "appeal.allow_button", "de")
    (item,) = rows(runner, "SELECT * FROM review_items")
    assert item["decision"] == "clear"
    assert rows(runner, "SELECT count(*) AS n FROM cases")[0]["n"] == 1  # nothing else recorded


async def test_the_overview_lists_open_items_and_members_with_points(
    runner: BotRunner, world: World
):
    fake = world.fake
    await flagged(world)
    await run(world, world.moderator, "warn", {"member": world.english_member.id, "reason": "Ton", "points": 2})  # fmt: skip
    shown = await fake.invoke(world.moderator, world.general, "cases", {})
    await shown.response()
    if shown.response_type == 5:
        await shown.wait_for_followup(timeout=30)
    said = shown.content_text()
    assert says(said, "cases.overview_review", "de")
    assert says(said, "cases.review_line", "de", number=1) and "Trottel" in said
    prompt = shown.original if shown.original is not None else shown.followups[0]
    select = buttons(prompt)[0]
    switched = await fake.select(world.moderator, prompt, select["custom_id"], ["points"])
    changed = await switched.response()
    assert says(
        changed, "cases.points_line", "de", member=f"<@{world.english_member.id}>", points=2
    )


async def test_the_offense_rule_never_punishes(runner: BotRunner, world: World):
    said = await run(world, world.admin, "automod rule", {"rule": "offense", "action": "delete"})
    assert says(said, "automod.offense_flag_only", "en")  # an English client
    said = await run(world, world.admin, "automod rule", {"rule": "offense", "points": 2})
    assert says(said, "automod.offense_flag_only", "en")
    assert runner.bot is not None
    rule = runner.bot.content_check.config(world.guild.id).rule("offense")
    assert rule.action == "flag" and rule.points == 0


async def test_the_quoted_words_are_erased_thirty_days_after_the_decision(
    runner: BotRunner, world: World
):
    from bot.moderation import review

    fake = world.fake
    post = await flagged(world)
    click = await fake.click(world.moderator, post, button(post, "clear"))
    await click.response()
    await click.wait_for_followup(timeout=30)
    assert runner.bot is not None
    runner.clock.advance(days=29)
    await review.purge_quotes(runner.bot)
    assert (
        rows(runner, "SELECT quote FROM review_items")[0]["quote"]
        == "Du bist so ein Trottel, ehrlich"
    )
    runner.clock.advance(days=2)
    await review.purge_quotes(runner.bot)
    (item,) = rows(runner, "SELECT * FROM review_items")
    assert item["quote"] is None and item["decision"] == "clear"  # the decision stays
