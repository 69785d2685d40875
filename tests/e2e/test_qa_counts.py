"""A round's questions are counted the same way everywhere: the panel, the summary and the
transcript of /qa export count the visible questions (cogs/qa/counting.py); a question still
waiting for review, a rejected one and a merged duplicate are not counted, and the transcript
lists those separately, each marked as what it is."""

from __future__ import annotations

from typing import Any

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import run, text_input_id
from tests.e2e.test_qa import ask_by_modal, click, panel, question_messages, start


def review_queue(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.staff_only)
        if says(m.get("embeds"), "qa.review_title", "de")
    ]


def queued(world: World, text: str) -> dict:
    return next(m for m in review_queue(world) if text in str(m["embeds"]))


async def reject(world: World, message: dict, reason: str) -> str:
    fake = world.fake
    button = next(
        b["custom_id"]
        for row in message["components"]
        for b in row["components"]
        if "qa:reject:" in b.get("custom_id", "")
    )
    clicked = await fake.click(world.moderator, message, button)
    modal = await clicked.response()
    rejected = await fake.submit_modal(
        world.moderator,
        world.staff_only,
        modal["data"]["custom_id"],
        {text_input_id(modal["data"]): reason},
        from_interaction=clicked,
    )
    await rejected.response()
    return rejected.content_text()


def panel_footer(world: World) -> str:
    message = world.fake.message(panel(world)["id"])
    assert message is not None
    return message["embeds"][0]["footer"]["text"]


def embeds_titled(world: World, key: str) -> list[dict[str, Any]]:
    return [
        e
        for m in world.fake.messages(world.general)
        for e in m.get("embeds", [])
        if says(e.get("title", ""), key, "de")
    ]


async def test_panel_summary_and_export_count_the_same_questions(runner: BotRunner, world: World):
    fake = world.fake
    await run(
        world, world.admin, "config channel", {"purpose": "modlog", "channel": world.staff_only.id}
    )
    assert says(await start(world, moderated=True), "qa.started", "de")
    carla = fake.create_user("carla", locale="de")
    fake.add_member(world.guild, carla)
    asked = [
        (world.member, "Kommt ein Dunkelmodus?"),  # 1: visible, answered
        (world.english_member, "Will there be an API?"),  # 2: visible
        (world.owner, "Gibt es bald einen dunklen Modus?"),  # 3: visible, merged into 1
        (world.admin, "Warum seid ihr so langsam?"),  # 4: rejected
        (carla, "Gibt es eine Roadmap?"),  # 5: visible
        (world.moderator, "Wann ist das nächste Treffen?"),  # 6: still pending at the end
    ]
    for user, text in asked:
        reply = await ask_by_modal(world, user, text)
        assert says(reply, "qa.asked_review"), reply
    await fake.wait_for(lambda: len(review_queue(world)) == len(asked))
    for _, text in (asked[0], asked[1], asked[2], asked[4]):
        assert says(
            await click(world, world.moderator, queued(world, text), "approve"), "qa.approved", "de"
        )
    assert says(
        await reject(world, queued(world, asked[3][1]), "Bitte freundlich."), "qa.rejected", "de"
    )
    await fake.wait_for(lambda: len(question_messages(world)) == 4)
    merged = await run(world, world.moderator, "qa merge", {"duplicate": "#3", "into": "1"})
    assert says(merged, "qa.merged_done", "de", duplicate=3, number=1)
    assert says(
        await run(world, world.moderator, "qa answer", {"question": "#1", "text": "Ja, im Mai."}),
        "qa.answered",
        "de",
        number=1,
    )
    # while open: the panel counts #1, #2 and #5 (the duplicate #3 counts as #1)
    await fake.wait_for(
        lambda: says(
            panel_footer(world),
            "qa.panel_footer",
            "de",
            count=3,
            answered=1,
        ),
        timeout=8,
    )
    assert says(await run(world, world.moderator, "qa end"), "qa.ended", "de", id=1)
    (summary,) = await fake.wait_for(lambda: embeds_titled(world, "qa.summary_title"))
    footer = panel_footer(world)
    assert says(footer, "qa.panel_footer", "de", count=3, answered=1)
    # members who asked a counted question: the member, the English member and Carla
    assert says(
        summary["description"], "qa.summary_counts", "de", questions=3, answered=1, askers=3
    ), summary["description"]
    fields = {f["name"]: f["value"] for f in summary["fields"]}
    assert t("qa.summary_answered", "de", count=1) in fields
    assert t("qa.summary_unanswered", "de", count=2) in fields
    exported = await fake.invoke(world.moderator, world.general, "qa export", {"round": "1"})
    await exported.response()
    transcript = fake.attachment_bytes(
        (exported.original or exported.callbacks[0]["data"])["attachments"][0]
    ).decode()
    assert says(transcript, "qa.summary_counts", "de", questions=3, answered=1, askers=3)
    assert t("qa.summary_answered", "de", count=1) in transcript
    assert t("qa.summary_unanswered", "de", count=2) in transcript
    assert t("qa.transcript_not_counted", "de", count=3) in transcript
    for line in (
        t("qa.transcript_merged", "de", number=3, target=1),
        t("qa.transcript_rejected", "de", number=4),
        t("qa.transcript_pending", "de", number=6),
    ):
        assert f"- {line}" in transcript
    listed = [
        line for line in transcript.splitlines() if says(line, "qa.transcript_question", "de")
    ]
    assert len(listed) == 3  # the counted questions, each once
    assert "Warum seid ihr so langsam" not in transcript  # a rejected text is not repeated
