"""Exactly once across a SIGKILL: the real bot process (``python -m bot`` through
sandbox/launch.py) is killed by the fake Discord at the moment a giveaway's result is posted,
before or after Discord took the post, and restarted on the same database. The result appears
exactly once, also when Discord's nonce window has passed."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.catalog import says
from tests.e2e.conftest import World
from tests.e2e.helpers import run
from tests.e2e.test_entry_point import child_env
from tests.e2e.test_giveaways import custom_id, giveaway_message
from tests.fakediscord import FakeDiscord


@pytest.fixture(autouse=True)
def _sqlite_only(backend: str) -> None:
    if backend == "postgres":
        pytest.skip("kills and restarts the bot's own process, which runs on an SQLite file")


MARKER = "-# ref o"


class BotProcess:
    def __init__(self, tmp_path: Path, fake: FakeDiscord) -> None:
        self.tmp_path, self.fake = tmp_path, fake
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "sandbox.launch", cwd=self.tmp_path,
            env=child_env(self.tmp_path, self.fake, DISCORD_TOKEN=self.fake.token),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        await self.fake.wait_until_connected(timeout=30)

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)

    async def wait_dead(self) -> None:
        assert self.process is not None
        await asyncio.wait_for(self.process.wait(), 20)
        await self.fake.wait_for(lambda: not self.fake.connected, timeout=20)

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await asyncio.wait_for(self.process.wait(), 20)


def results_posted(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.general)
        if MARKER in m.get("content", "") and "<@" in m.get("content", "")
    ]


def outbox_rows(tmp_path: Path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as conn:
        return conn.execute("SELECT key, sent_at IS NOT NULL, failed FROM outbox").fetchall()


@pytest.mark.parametrize(
    ("when", "nonce_window"),
    [("before", 300.0), ("after", 300.0), ("after", 0.0)],
    ids=["killed-before-the-post", "killed-after-the-post", "after-the-nonce-window"],
)
async def test_a_giveaway_result_is_posted_exactly_once_across_a_kill(
    tmp_path: Path, fake_discord: FakeDiscord, world: World, when: str, nonce_window: float
):
    fake = fake_discord
    fake.nonce_window = nonce_window
    bot = BotProcess(tmp_path, fake)
    await bot.start()
    try:
        await fake.wait_for(lambda: fake.command_sync_count >= 1, timeout=20)
        text = await run(
            world, world.admin, "giveaway start", {"prize": "Hoodie", "duration": "1h"}
        )
        assert says(text, "giveaway.started", "en", id=1)
        message = giveaway_message(world)
        entered = await fake.click(world.member, message, custom_id(message, "enter"))
        await entered.answered()
        fake.crash_on(
            "POST", rf"^/channels/{world.general.id}/messages$", bot.kill,
            when=when, body_contains="-# ref o",
        )  # fmt: skip
        ending = await fake.invoke(world.admin, world.general, "giveaway end", {"giveaway": "1"})
        await bot.wait_dead()
        assert not fake.crash_points  # the kill happened at the post
        posted_before_restart = len(results_posted(world))
        assert posted_before_restart == (1 if when == "after" else 0)
        del ending
        await bot.start()
        await fake.wait_for(lambda: outbox_rows(tmp_path) and all(r[1] for r in outbox_rows(tmp_path)), timeout=20)  # fmt: skip
        await asyncio.sleep(0.5)  # time for any (wrong) second post
        posted = results_posted(world)
        assert len(posted) == 1, [m["content"] for m in posted]
        assert f"<@{world.member.id}>" in posted[0]["content"]
        winner_dms = [m for m in fake.dm_messages(world.member) if MARKER in m.get("content", "")]
        assert len(winner_dms) == 1
    finally:
        await bot.stop()
