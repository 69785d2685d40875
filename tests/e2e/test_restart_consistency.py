"""After a SIGKILL of the real bot process: a Q&A round's summary appears exactly once (killed
before or after Discord took it), and counts on screen that were waiting for their debounced edit
when the process died are brought up to date at the next start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.catalog import says, t
from tests.e2e.conftest import World
from tests.e2e.helpers import buttons, run
from tests.e2e.test_giveaways import custom_id, giveaway_message
from tests.e2e.test_outbox import BotProcess
from tests.e2e.test_qa import ask_by_modal, click, question, start
from tests.fakediscord import FakeDiscord


@pytest.fixture(autouse=True)
def _sqlite_only(backend: str) -> None:
    if backend == "postgres":
        pytest.skip("kills and restarts the bot's own process, which runs on an SQLite file")


def summaries(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.general)
        if any(says(e.get("title", ""), "qa.summary_title", "de") for e in m.get("embeds", []))
    ]


def pending_posts(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as conn:
        return conn.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL"
        ).fetchone()[0]


async def started(tmp_path: Path, fake: FakeDiscord) -> BotProcess:
    bot = BotProcess(tmp_path, fake)
    await bot.start()
    await fake.wait_for(lambda: fake.command_sync_count >= 1, timeout=20)
    return bot


@pytest.mark.parametrize("when", ["before", "after"])
async def test_a_qa_summary_is_posted_exactly_once_across_a_kill(
    tmp_path: Path, fake_discord: FakeDiscord, world: World, when: str
):
    fake = fake_discord
    fake.nonce_window = 0.0  # Discord's deduplication has expired: the history check must hold
    bot = await started(tmp_path, fake)
    try:
        await start(world, duration="1h")
        await ask_by_modal(world, world.member, "Gibt es ein Sommerfest?")
        fake.crash_on(
            "POST", rf"^/channels/{world.general.id}/messages$", bot.kill,
            when=when, body_contains="-# ref qs",
        )  # fmt: skip
        await fake.invoke(world.moderator, world.general, "qa end", {})
        await bot.wait_dead()
        assert not fake.crash_points
        assert len(summaries(world)) == (1 if when == "after" else 0)
        await bot.start()
        await fake.wait_for(lambda: summaries(world) and pending_posts(tmp_path) == 0, timeout=20)
        await fake.wait_for(lambda: all(b.get("disabled") for b in buttons(question(world, 1))))
        assert len(summaries(world)) == 1
    finally:
        await bot.stop()


async def test_counts_waiting_for_their_edit_are_refreshed_after_a_kill(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    """Votes and entries are stored when clicked; the message edit that shows them is
    debounced. A kill when that edit arrives loses it; the next start makes it."""
    fake = fake_discord
    bot = await started(tmp_path, fake)
    try:
        await start(world, duration="1h")
        await ask_by_modal(world, world.member, "Gibt es ein Sommerfest?")
        await run(world, world.admin, "giveaway start", {"prize": "Hoodie", "duration": "1h"})
        entry = giveaway_message(world)
        fake.crash_on("PATCH", rf"^/channels/{world.general.id}/messages/{entry['id']}$", bot.kill)
        for voter in (world.owner, world.moderator, world.english_member):
            await click(world, voter, question(world, 1), "vote")
            pressed = await fake.click(voter, entry, custom_id(entry, "enter"))
            await pressed.answered()
        await bot.wait_dead()
        assert not fake.crash_points
        await bot.start()

        def shown() -> tuple[str, list[str]]:
            vote = next(b for b in buttons(question(world, 1)) if "qa:vote:" in b["custom_id"])
            fields = giveaway_message(world)["embeds"][0].get("fields", [])
            return vote.get("label", ""), [f["value"] for f in fields]

        votes, entries = t("qa.upvote", "de", votes=3), t("giveaway.entries", "de", count=3)
        assert shown() != (votes, [entries])  # the kill came before the edit
        await fake.wait_for(lambda: shown()[0] == votes and entries in shown()[1], timeout=20)
    finally:
        await bot.stop()
