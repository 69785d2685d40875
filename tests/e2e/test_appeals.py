"""Appeals and false positives: the member's "this was a mistake" button, the modal, the
moderators' decision, and one-click allow-listing of an automatic false positive."""

from __future__ import annotations

import sqlite3

from bot.replies import permission_label
from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run, text_input_id


def case_row(runner: BotRunner, number: int) -> dict:
    with connect(runner.settings) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("SELECT * FROM cases WHERE number = ?", (number,)).fetchone())


async def setup_modlog(world: World) -> None:
    await run(
        world, world.admin, "config channel", {"purpose": "modlog", "channel": world.staff_only.id}
    )


def helper_who_can_read_the_log(world: World):
    """Someone who sees the moderation log but is not a moderator (e.g. a trial helper)."""
    fake = world.fake
    role = fake.create_role(world.guild, "Helfer", position=1)
    user = fake.create_user("hanna", locale="de")
    fake.add_member(world.guild, user, roles=[role])
    staff = fake.world.channel(world.staff_only.id)
    fake.set_overwrites(
        staff,
        [*staff.overwrites, {"id": str(role.id), "type": 0, "allow": str(1 << 10), "deny": "0"}],
    )
    return user


async def appeal(world: World, explanation: str):
    fake = world.fake
    notice = await fake.wait_for(lambda: [m for m in fake.dm_messages(world.member) if buttons(m)])
    button = buttons(notice[-1])[0]
    assert button["label"] == t("appeal.button", "de")
    click = await fake.click(world.member, notice[-1], button["custom_id"], locale="de")
    opened = await click.response()
    assert opened["type"] == 9  # a modal, as the first response
    submitted = await fake.submit_modal(
        world.member,
        fake.dm_channel(world.member),
        opened["data"]["custom_id"],
        {text_input_id(opened["data"]): explanation},
        locale="de",
        from_interaction=click,
    )
    await submitted.response()
    return submitted


async def test_revoked_appeal_restores_the_member_after_a_restart(runner: BotRunner, world: World):
    fake = world.fake
    await setup_modlog(world)
    await run(
        world,
        world.moderator,
        "timeout",
        {"member": world.member.id, "duration": "1d", "reason": "Spam"},
    )
    assert fake.member(world.guild, world.member).communication_disabled_until is not None
    await runner.restart()  # the buttons are persistent
    submitted = await appeal(world, "Ich habe nur den Link zum Event geteilt, kein Spam.")
    assert says(submitted.content_text(), "appeal.sent", "de")
    posted = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.staff_only)
            if any(
                says(e.get("title", ""), "appeal.log_title", "de", number=1)
                for e in m.get("embeds", [])
            )
        ]
    )
    decision = posted[-1]
    revoke = next(b for b in buttons(decision) if b["custom_id"].endswith(":revoke"))
    refused = await fake.click(helper_who_can_read_the_log(world), decision, revoke["custom_id"])
    await refused.response()
    assert refused.ephemeral and says(
        refused.content_text(),
        "error.server_permission",
        "de",
        permissions=permission_label(["moderate_members"]),
    )
    assert case_row(runner, 1)["revoked_at"] is None
    accepted = await fake.click(world.moderator, decision, revoke["custom_id"])
    await accepted.response()
    await fake.wait_for(
        lambda: fake.member(world.guild, world.member).communication_disabled_until is None
    )
    assert case_row(runner, 1)["revoked_at"] is not None
    dm = await fake.wait_for(
        lambda: [
            m
            for m in fake.dm_messages(world.member)
            if says(m["content"], "appeal.member_revoked", "de")
        ]
    )
    assert says(dm[0]["content"], "appeal.member_revoked", "de", number=1, server=world.guild.name)
    mine = await run(world, world.member, "mystatus")
    assert says(mine, "mystatus.points_value", "de", points=0)
    edited = await fake.wait_for(
        lambda: not buttons(fake.message(decision["id"])) and fake.message(decision["id"])
    )
    # decided once; the buttons are gone
    assert says(
        edited["embeds"], "appeal.decided_revoked", "de", moderator=f"<@{world.moderator.id}>"
    )


async def test_refused_appeal_shows_the_text_back(runner: BotRunner, world: World):
    fake = world.fake
    await run(world, world.moderator, "warn", {"member": world.member.id, "reason": "Ton"})
    notice = await world.fake.wait_for(lambda: world.fake.dm_messages(world.member))
    # the DM points to its own button, not elsewhere
    assert says(notice[-1]["content"], "notice.warn", "de", server=world.guild.name, reason="Ton")
    assert "Serverteam" not in notice[-1]["content"]
    submitted = await appeal(world, "Das war ein Missverständnis im Gespräch.")
    await fake.wait_for(lambda: len(submitted.followups) >= 1)
    everything = submitted.content_text() + " ".join(
        f.get("content", "") for f in submitted.followups
    )
    assert says(everything, "appeal.no_modlog", "de")
    assert "Das war ein Missverständnis im Gespräch." in everything


async def test_false_positive_becomes_an_allow_list_entry(runner: BotRunner, world: World):
    fake = world.fake
    await setup_modlog(world)
    await run(world, world.admin, "automod words add", {"word": "schwanz", "inside_words": True})
    await fake.send_message(world.member, world.general, "Der Löwenschwanz wedelt im Zoo, so schön")
    log = await fake.wait_for(lambda: [m for m in fake.messages(world.staff_only) if buttons(m)])
    allow = buttons(log[-1])[0]
    assert says(allow["label"], "appeal.allow_button", "de", word="Löwenschwanz")  # as typed
    refused = await fake.click(world.moderator, log[-1], allow["custom_id"])
    await refused.response()
    # word lists are an admin setting
    assert says(
        refused.content_text(),
        "error.server_permission",
        "de",
        permissions=permission_label(["manage_guild"]),
    )
    clicked = await fake.click(world.admin, log[-1], allow["custom_id"])
    await clicked.response()
    done = await clicked.wait_for_followup()
    assert says(done["content"], "appeal.allowed_word", "en")
    assert runner.bot is not None
    assert "lowenschwanz" in runner.bot.content_check.config(world.guild.id).allowed_words
    before = len([m for m in fake.messages(world.staff_only) if m.get("embeds")])
    await fake.send_message(world.english_member, world.general, "Löwenschwanz again")
    import asyncio

    await asyncio.sleep(0.5)
    assert case_row(runner, 1)["revoked_at"] is not None
    assert (
        len([m for m in fake.messages(world.staff_only) if m.get("embeds")]) <= before + 1
    )  # the revocation note only
