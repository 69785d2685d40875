"""/help, /status, /mydata, and the shared error handling, as members and moderators see them."""

import asyncio
import json
import logging
import re

from bot.replies import permission_label
from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons


async def test_help_lists_only_what_the_member_may_use_in_their_language(
    runner: BotRunner, world: World
):
    fake = world.fake
    member_help = await fake.invoke(world.member, world.general, "help")
    await member_help.response()
    text = member_help.content_text()
    assert member_help.ephemeral
    assert says(text, "help.title", "de")
    # mentions of the commands, each followed by the German name a German client shows
    assert re.search(r"</mydata export:\d+> \(`/meinedaten exportieren`\)", text), text
    assert re.search(r"</help:\d+> \(`/hilfe`\)", text)
    assert "/konfiguration" not in text and "</status:" not in text and "/warn" not in text
    assert buttons(member_help.original) == []  # one page: everything for everyone

    admin_help = await fake.invoke(world.admin, world.general, "help")
    await admin_help.response()
    text = admin_help.content_text()
    assert says(text, "help.title", "en")
    assert "</mydata forget:" in text and "/konfiguration" not in text
    # the admin has more than one page: for everyone, for the team, for admins
    picker = buttons(admin_help.original)[0]
    labels = [o["label"] for o in picker["options"]]
    assert labels[0] == t("help.audience.member", "en")
    assert any(label.startswith(t("help.audience.admin", "en")) for label in labels)
    admin_page = next(
        o["value"]
        for o in picker["options"]
        if o["label"].startswith(t("help.audience.admin", "en"))
    )
    picked = await fake.select(world.admin, admin_help.original, picker["custom_id"], [admin_page])
    shown = await picked.response()
    assert shown["type"] == 7
    page = str(shown["data"]["embeds"])
    assert "</config channel:" in page and "</setup:" in page and "</qa ask:" not in page
    # no field is cut mid-line, and each page stays within Discord's embed limits
    for option in picker["options"]:
        again = await fake.select(
            world.admin, admin_help.original, picker["custom_id"], [option["value"]]
        )
        embed = (await again.response())["data"]["embeds"][0]
        assert len(embed["fields"]) <= 25
        assert (
            len(str(embed.get("description", "")))
            + sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
            <= 6000
        )
        for field in embed["fields"]:
            assert len(field["value"]) <= 1024
            assert all(line.startswith("</") for line in field["value"].split("\n")), field


async def every_help_page(world: World, user, channel) -> str:
    """The text of every /help page this person can pick."""
    fake = world.fake
    shown = await fake.invoke(user, channel, "help")
    await shown.response()
    texts = [shown.content_text()]
    pickers = buttons(shown.original)
    for option in pickers[0]["options"] if pickers else []:
        picked = await fake.select(user, shown.original, pickers[0]["custom_id"], [option["value"]])
        texts.append(str((await picked.response())["data"]))
    return "\n".join(texts)


async def test_help_for_a_channel_helper_shows_channel_commands_only_there(
    runner: BotRunner, world: World
):
    fake = world.fake
    helper = fake.create_user("hanna", locale="de")
    fake.add_member(world.guild, helper)
    helped = fake.create_text_channel(
        world.guild,
        "helpers",
        overwrites=[{"id": str(helper.id), "type": 1, "allow": str(1 << 13), "deny": "0"}],
    )
    here = await every_help_page(world, helper, helped)
    elsewhere = await every_help_page(world, helper, world.general)
    assert "</purge:" in here and "</slowmode:" not in here  # Manage Messages only
    assert "</purge:" not in elsewhere
    assert "</warn:" not in here  # a channel permission makes no server moderator


async def test_status_for_moderators_only(runner: BotRunner, world: World):
    fake = world.fake
    status = await fake.invoke(world.moderator, world.general, "status")
    await status.response()
    text = status.content_text()
    assert status.ephemeral
    assert says(text, "status.title", "de")
    assert "0.1.0" in text
    assert "✅ config" in text and "✅ privacy" in text
    assert says(text, "status.database", "de") and says(text, "status.backup", "de")

    refused = await fake.invoke(
        world.member, world.general, "status", bypass_default_permissions=True
    )
    await refused.response()
    assert refused.ephemeral and says(
        refused.content_text(),
        "error.server_permission",
        "de",
        permissions=permission_label(["moderate_members"]),
    )


async def test_mydata_exports_and_forgets_every_registered_source(runner: BotRunner, world: World):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    await fake.send_message(world.member, world.general, "note:I like the Q&A rounds")
    await fake.send_message(world.english_member, world.general, "note:someone else's note")
    await fake.wait_for(lambda: bot.activity_service.buffered >= 2)

    export = await fake.invoke(world.member, world.general, "mydata export")
    response = await export.response()
    assert response["type"] == 5  # deferred: the export may take a moment
    followup = await export.wait_for_followup()
    assert followup["flags"] & 64  # only the member sees it
    attachment = followup["attachments"][0]
    assert attachment["filename"] == f"mydata-{world.member.id}.json"
    document = json.loads(fake.attachment_bytes(attachment))
    assert document["user_id"] == str(world.member.id)
    assert [n["text"] for n in document["sources"]["sample_notes"]["data"]] == [
        "I like the Q&A rounds"
    ]
    assert document["sources"]["activity"]["data"][0]["count"] == 1
    # what each part is, in the member's language (a source without a German text keeps its own)
    assert document["sources"]["activity"]["description"] == t("mydata.source.activity", "de")
    assert says(document["about"], "mydata.export_about", "de")
    assert says(followup["content"], "mydata.export_ready", "de")

    forget = await fake.invoke(world.member, world.general, "mydata forget")
    await forget.response()
    assert forget.ephemeral and says(forget.content_text(), "mydata.forget_confirm", "de")
    prompt = forget.original
    buttons = [c for row in prompt["components"] for c in row["components"]]
    assert [b["label"] for b in buttons] == [
        t("mydata.forget_button", "de"),
        t("common.cancel", "de"),
    ]

    confirm = await fake.click(world.member, prompt, buttons[0]["custom_id"])
    await confirm.response()
    done = await confirm.wait_for_original_edit()
    # the note, activity, statistics
    assert says(done["content"], "mydata.forget_done", "de", count=3)
    assert done["components"] == []
    with connect(runner.settings) as conn:
        rows = conn.execute("SELECT user_id FROM sample_notes").fetchall()
        assert rows == [(world.english_member.id,)]
        assert (
            conn.execute(
                "SELECT count(*) FROM activity_daily WHERE user_id = ?", (world.member.id,)
            ).fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT sum(count) FROM activity_daily").fetchone()[0] == 2


async def test_forget_can_be_cancelled(runner: BotRunner, world: World):
    fake = world.fake
    await fake.send_message(world.member, world.general, "note:keep me")

    def notes() -> int:
        with connect(runner.settings) as conn:
            return int(conn.execute("SELECT count(*) FROM sample_notes").fetchone()[0])

    await fake.wait_for(lambda: notes() == 1)  # stored by the listener, not by the test
    forget = await fake.invoke(world.member, world.general, "mydata forget")
    await forget.response()
    cancel_id = forget.original["components"][0]["components"][1]["custom_id"]
    cancel = await fake.click(world.member, forget.original, cancel_id)
    reply = await cancel.response()
    assert reply["type"] == 7 and says(reply["data"]["content"], "common.cancelled", "de")
    with connect(runner.settings) as conn:
        assert conn.execute("SELECT count(*) FROM sample_notes").fetchone()[0] == 1


async def test_id_from_another_guild_is_refused(runner: BotRunner, world: World):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    await fake.send_message(world.outsider, world.other_channel, "note:secret of another server")

    def stored_note() -> tuple[int] | None:
        with connect(runner.settings) as conn:
            return conn.execute("SELECT id FROM sample_notes").fetchone()

    (foreign_id,) = await fake.wait_for(stored_note)
    # The autocomplete of this guild does not offer it ...
    choices = await fake.autocomplete(
        world.member, world.general, "note show", {"note": ""}, focused="note"
    )
    assert choices == []
    # ... and typing its id by hand is refused without revealing anything.
    reply = await fake.invoke(world.member, world.general, "note show", {"note": str(foreign_id)})
    await reply.response()
    assert reply.ephemeral
    assert reply.content_text() == t("error.foreign_id", "de")
    reply = await fake.invoke(world.member, world.general, "note show", {"note": "1 OR 1=1"})
    await reply.response()
    assert reply.content_text() == t("error.foreign_id", "de")


async def test_unexpected_error_gives_an_error_id_and_logs_context(
    runner: BotRunner, world: World, caplog
):
    caplog.set_level(logging.ERROR)
    reply = await world.fake.invoke(world.english_member, world.general, "note crash")
    await reply.response()
    text = reply.content_text()
    assert reply.ephemeral and says(text, "error.unexpected", "en")
    error_id = text.split("`")[1]
    record = next(r for r in caplog.records if error_id in r.getMessage())
    assert (
        "note crash" in record.getMessage() and str(world.english_member.id) in record.getMessage()
    )
    assert record.exc_info is not None and "unexpected failure" in str(record.exc_info[1])
    assert reply.token not in caplog.text


async def test_answer_after_the_deadline_fails_like_discord_and_is_logged(
    runner: BotRunner, world: World, caplog
):
    fake = world.fake
    fake.interaction_deadline = 0.2
    caplog.set_level(logging.WARNING)
    reply = await fake.invoke(world.member, world.general, "note slow")
    await asyncio.sleep(0.8)
    assert not reply.acknowledged
    assert "expired before it was answered" in caplog.text
