"""Tour steps 8-10: the weekly report with its chart, a recurring announcement, a member's data
export."""

from __future__ import annotations

import json

from .expect import number_after, says
from .scene import Scene, StepFailed, answers
from .texts import line

WHEN = {"de": "jeden Freitag 18 Uhr", "en": "every friday 18:00"}
ANNOUNCEMENT = {
    "de": "🎮 Spieleabend! Heute ab 19 Uhr treffen wir uns in #spiele. Alle sind willkommen.",
    "en": "🎮 Game night! Tonight from 7 pm we meet in #games. Everyone is welcome.",
}


async def report(scene: Scene) -> None:
    """A moderator looks at the last seven days: the same report card (and chart) the bot posts
    to the reports channel every week, built from the three weeks of history."""
    lang = scene.demo.lang
    shown = await scene.command("moderator", "team", "stats overview", {"period": "7d"})
    messages = answers(shown)
    files = [a["filename"] for m in messages for a in m.get("attachments") or []]
    if not any(name.endswith(".png") for name in files):
        raise StepFailed(line(lang, "expect.chart"), ", ".join(files) or "-")
    if not any(m.get("embeds") for m in messages):
        raise StepFailed(line(lang, "expect.report"))


async def announcement(scene: Scene) -> None:
    """A moderator schedules a weekly announcement and runs it once right away."""
    lang = scene.demo.lang
    created = await scene.command(
        "moderator",
        "team",
        "schedule add",
        {
            "when": WHEN[lang],
            "text": ANNOUNCEMENT[lang],
            "channel": scene.channel("announcements").id,
        },
    )
    number = number_after(created.content_text())
    if number is None or not says(created.content_text(), "schedule.created"):
        raise StepFailed(line(lang, "expect.schedule"), created.content_text()[:80])
    before = len(scene.bot_messages("announcements"))
    await scene.command("moderator", "team", "schedule run-now", {"schedule": str(number)})
    await scene.wait(
        lambda: any(
            ANNOUNCEMENT[lang].split("#")[0] in m["content"]
            for m in scene.bot_messages("announcements")[before:]
        ),
        line(lang, "expect.announcement"),
    )


async def mydata(scene: Scene) -> None:
    """A member downloads everything the bot stores about them, as a JSON file."""
    lang = scene.demo.lang
    exported = await scene.command("critic", "general", "mydata export")
    messages = answers(exported)
    attachments = [a for m in messages for a in m.get("attachments") or []]
    if not attachments:
        raise StepFailed(line(lang, "expect.export"))
    try:
        data = json.loads(scene.fake.attachment_bytes(attachments[0]))
    except (KeyError, ValueError):
        raise StepFailed(line(lang, "expect.export"), "JSON") from None
    parts = sorted(data) if isinstance(data, dict) else []
    scene.note(line(lang, "export_parts", parts=", ".join(parts)))


STEPS = (("report", report), ("announcement", announcement), ("mydata", mydata))
