"""Tour steps 5-7: a Q&A round, a giveaway with its draw checked independently, a contest."""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .botprocess import ROOT
from .expect import number_after, says
from .scene import Scene, StepFailed, button, buttons, embed_text
from .texts import line
from .transcript import Json

TOPIC = {"de": "Die Turnier-Saison 2027", "en": "The 2027 tournament season"}
QUESTIONS = {
    "de": (
        "Gibt es wieder ein Turnier für Einsteiger?",
        "Können wir Teams selbst zusammenstellen?",
    ),
    "en": ("Will there be a beginners' tournament again?", "Can we build our own teams?"),
}
QA_ANSWER = {
    "de": "Ja! Im März gibt es eine Einsteiger-Runde mit eigener Wertung.",
    "en": "Yes! In March there is a beginners' round with its own ranking.",
}
PRIZE = {"de": "Ein Controller deiner Wahl", "en": "A controller of your choice"}
CONTEST = {"de": "Bester Screenshot der Woche", "en": "Best screenshot of the week"}
ENTRIES = {
    "de": (("artist", "Sonnenuntergang über der Insel"), ("artist2", "Mein Team beim Sieg")),
    "en": (("artist", "Sunset over the island"), ("artist2", "My team winning")),
}
# the smallest valid PNG: one transparent pixel
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


async def qa_round(scene: Scene) -> None:
    """A moderator opens a round; members ask and vote; the host answers and closes it."""
    lang = scene.demo.lang
    options = {"topic": TOPIC[lang], "channel": scene.channel("qa").id}
    started = await scene.command("moderator", "qa", "qa start", options)
    if says(started.content_text(), "qa.already_open"):  # left open by an interrupted tour
        await scene.command("moderator", "qa", "qa end")
        started = await scene.command("moderator", "qa", "qa start", options)
    if not says(started.content_text(), "qa.started"):
        raise StepFailed(line(lang, "expect.qa_started"), started.content_text()[:80])
    numbers = []
    for part, question in zip(("asker", "asker2"), QUESTIONS[lang], strict=True):
        asked = await scene.command(part, "qa", "ask", {"question": question})
        number = number_after(asked.content_text())
        if number is None or not says(asked.content_text(), "qa.asked"):
            raise StepFailed(line(lang, "expect.asked"), asked.content_text()[:80])
        numbers.append(number)
    first = await scene.wait(
        lambda: next(
            (
                m
                for m in scene.bot_messages("qa")
                if says(embed_text(m), "qa.question_title", number=numbers[0]) and buttons(m)
            ),
            None,
        ),
        line(lang, "expect.question"),
    )
    for voter in ("player", "fan", "asker2"):
        vote = button(first, "qa:vote:")
        voted = await scene.click(voter, first, vote["custom_id"], vote.get("label") or "👍")
        if not says(voted.content_text(), "qa.voted"):
            raise StepFailed(line(lang, "expect.voted"), voted.content_text()[:80])
    answered = await scene.command(
        "moderator", "qa", "qa answer", {"question": f"#{numbers[0]}", "text": QA_ANSWER[lang]}
    )
    if not says(answered.content_text(), "qa.answered"):
        raise StepFailed(line(lang, "expect.answered"), answered.content_text()[:80])
    ended = await scene.command("moderator", "qa", "qa end")
    if not says(ended.content_text(), "qa.ended"):
        raise StepFailed(line(lang, "expect.qa_ended"), ended.content_text()[:80])
    await scene.wait(
        lambda: any(says(embed_text(m), "qa.summary_title") for m in scene.bot_messages("qa")),
        line(lang, "expect.summary"),
    )


async def giveaway(scene: Scene) -> None:
    """An admin starts a giveaway; five members enter and get receipts; the admin ends it; the
    draw is checked with the standalone verifier from the published seed and list."""
    lang = scene.demo.lang
    started = await scene.command(
        "admin",
        "general",
        "giveaway start",
        {"prize": PRIZE[lang], "duration": "2d", "winners": 1},
    )
    number = number_after(started.content_text())
    if number is None or not says(started.content_text(), "giveaway.started"):
        raise StepFailed(line(lang, "expect.giveaway"), started.content_text()[:80])
    post = await scene.wait(
        lambda: next(
            (
                m
                for m in reversed(scene.bot_messages("general"))
                if says(embed_text(m), "giveaway.title", prize=PRIZE[lang]) and buttons(m)
            ),
            None,
        ),
        line(lang, "expect.giveaway"),
    )
    commitment = re.search(r"`([0-9a-f]{64})`", embed_text(post))
    receipts: dict[str, int] = {}
    for part in ("player", "player2", "fan", "m1", "m2"):
        enter = button(post, ":enter:")
        entered = await scene.click(part, post, enter["custom_id"], enter.get("label") or "🎉")
        found = re.search(r"`([0-9a-f]{16})`", entered.content_text())
        if found is None:
            raise StepFailed(line(lang, "expect.receipt"), entered.content_text()[:80])
        receipts[found.group(1)] = scene.person(part).id
    await scene.command("admin", "general", "giveaway end", {"giveaway": str(number)})
    result = await scene.wait(
        lambda: next(
            (
                m
                for m in scene.bot_messages("general")
                if says(m["content"], "giveaway.announce", prize=PRIZE[lang]) and m["attachments"]
            ),
            None,
        ),
        line(lang, "expect.draw"),
    )
    seed = re.search(r"`([0-9a-f]{64})`", result["content"])
    listing = next((a for a in result["attachments"] if a["filename"].endswith("-list.txt")), None)
    if seed is None or listing is None or commitment is None:
        raise StepFailed(line(lang, "expect.draw"))
    winners = {int(w) for w in re.findall(r"<@(\d+)>", result["content"].split("\n")[0])}
    chosen = await _verify(
        seed.group(1),
        commitment.group(1),
        scene.fake.attachment_bytes(listing),
        scene.demo.data_dir,
    )
    if {receipts.get(r) for r in chosen} != winners:
        raise StepFailed(line(lang, "expect.verified"), " ".join(chosen))
    scene.note(line(lang, "verified", receipts=", ".join(chosen)))


async def _verify(seed: str, commitment: str, listing: bytes, data_dir: Path) -> list[str]:
    """Run ``scripts/verify_giveaway.py`` (standard library only, independent of the bot)."""
    with tempfile.NamedTemporaryFile("wb", dir=data_dir, suffix=".txt", delete=False) as file:
        file.write(listing)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ROOT / "scripts" / "verify_giveaway.py"),
            seed,
            file.name,
            "--winners",
            "1",
            "--commitment",
            commitment,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await asyncio.wait_for(process.communicate(), 60)
    finally:
        Path(file.name).unlink(missing_ok=True)
    text = out.decode()
    if process.returncode != 0 or "winners:" not in text:
        raise StepFailed("verify_giveaway.py", text.strip()[-120:])
    return text.split("winners:")[1].split()


async def contest(scene: Scene) -> None:
    """An admin creates a contest; two members submit; a day later voting opens; members vote;
    another day later the results are posted."""
    lang, demo = scene.demo.lang, scene.demo
    created = await scene.command(
        "admin",
        "games",
        "contest create",
        {
            "title": CONTEST[lang],
            "submission_time": "1d",
            "voting_time": "1d",
            "votes_per_member": 1,
        },
    )
    number = number_after(created.content_text())
    if number is None or not says(created.content_text(), "contest.created"):
        raise StepFailed(line(lang, "expect.contest"), created.content_text()[:80])
    for part, title in ENTRIES[lang]:
        submitted = await scene.command(
            part,
            "games",
            "contest submit",
            {"contest": str(number), "text": title, "attachment": ("screenshot.png", PIXEL)},
        )
        if not says(submitted.content_text(), "contest.submitted"):
            raise StepFailed(line(lang, "expect.submitted"), submitted.content_text()[:80])
    before = len(scene.bot_messages("games"))
    scene.note(line(lang, "time_jump"))
    await demo.fast_forward_contest(number, "submissions_close_at")
    await scene.wait(
        lambda: any(
            says(m["content"], "contest.voting_open") for m in scene.bot_messages("games")[before:]
        ),
        line(lang, "expect.voting"),
    )
    entries = [
        m
        for m in scene.bot_messages("games")
        if says(embed_text(m), "contest.entry") and m["attachments"]
    ][-2:]
    for voter, entry in (("player", 0), ("fan", 0), ("m3", 1)):
        message = await scene.wait(
            _with_buttons(scene, entries[entry]["id"]), line(lang, "expect.voting")
        )
        vote = buttons(message)[0]
        voted = await scene.click(voter, message, vote["custom_id"], vote.get("label") or "🗳")
        if not says(voted.content_text(), "contest.voted"):
            raise StepFailed(line(lang, "expect.voted"), voted.content_text()[:80])
    before = len(scene.bot_messages("games"))
    scene.note(line(lang, "time_jump"))
    await demo.fast_forward_contest(number, "voting_close_at")
    await scene.wait(
        lambda: any(
            says(embed_text(m), "contest.results") for m in scene.bot_messages("games")[before:]
        ),
        line(lang, "expect.results"),
    )


def _with_buttons(scene: Scene, message_id: str) -> Callable[[], Json | None]:
    """The message as it is now, once it has buttons (the Vote button comes with an edit)."""

    def check() -> Json | None:
        message = scene.fake.message(message_id)
        return message if message is not None and buttons(message) else None

    return check


STEPS = (("qa", qa_round), ("giveaway", giveaway), ("contest", contest))
