"""The moderation pipeline survives a kill at every step: the real bot process is killed by the
fake Discord when a request of the pipeline arrives (before Discord handles it, and after it
handled it but before the bot hears back), then restarted on the same database. Invariants:

- no action without a case, no case left pending, no case marked applied without its action;
- the member is told exactly once, and never of an action that did not happen (a kick or ban is
  announced before it happens; everything else only after);
- the moderation log shows the case exactly once.

One fake Discord and one database per flow; each kill point acts on a new member.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.catalog import says
from tests.e2e.conftest import World
from tests.e2e.test_outbox import BotProcess
from tests.fakediscord import FakeDiscord


@pytest.fixture(autouse=True)
def _sqlite_only(backend: str) -> None:
    if backend == "postgres":
        pytest.skip("kills and restarts the bot's own process, which runs on an SQLite file")


MARKER = "-# ref c"


def case_rows(tmp_path: Path, user_id: int) -> list[tuple]:
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as conn:
        return conn.execute(
            "SELECT action, state, outcome, dm_status, log_message_id FROM cases "
            "WHERE user_id = ? ORDER BY number",
            (user_id,),
        ).fetchall()


def pending_posts(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as conn:
        return conn.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL"
        ).fetchone()[0]


def settled(tmp_path: Path, user_id: int) -> bool:
    rows = case_rows(tmp_path, user_id)
    return bool(rows) and all(r[1] != "pending" for r in rows) and pending_posts(tmp_path) == 0


def marked(messages: list[dict]) -> list[dict]:
    return [m for m in messages if MARKER in m.get("content", "")]


def log_posts(fake: FakeDiscord, world: World, user_id: int) -> list[dict]:
    return [
        m
        for m in marked(fake.messages(world.staff_only))
        if any(str(user_id) in str(e) for e in m.get("embeds", []))
    ]


async def start_with_modlog(tmp_path: Path, fake: FakeDiscord, world: World) -> BotProcess:
    bot = BotProcess(tmp_path, fake)
    await bot.start()
    await fake.wait_for(lambda: fake.command_sync_count >= 1, timeout=20)
    reply = await fake.invoke(
        world.admin, world.general, "config channel",
        {"purpose": "modlog", "channel": world.staff_only.id},
    )  # fmt: skip
    await reply.response()
    return bot


async def kill_matrix(
    tmp_path: Path,
    fake: FakeDiscord,
    world: World,
    command: str,
    options: Callable[[int], dict],
    points: Callable[[int, int], list[tuple[str, str, str]]],
    check: Callable[[int, str], None],
) -> None:
    """For each (method, path regex, when) of ``points(user_id, dm_channel_id)``: a new member,
    the command against them, a kill at that request, a restart, ``check(user_id, point)``."""
    fake.nonce_window = 300.0
    bot = await start_with_modlog(tmp_path, fake, world)
    try:
        for index in range(len(points(0, 0))):
            target = fake.create_user(f"target{index}", locale="de")
            fake.add_member(world.guild, target)
            dm = fake.dm_channel(target)
            method, path, when = points(target.id, dm.id)[index]
            label = f"{method} {path} {when}"
            await fake.wait_for(lambda t=target: fake.member(world.guild, t) is not None)
            fake.crash_on(method, path, bot.kill, when=when)
            await fake.invoke(world.moderator, world.general, command, options(target.id))
            await bot.wait_dead()
            assert not fake.crash_points, f"{label}: the kill point was never reached"
            await bot.start()
            await fake.wait_for(lambda t=target: settled(tmp_path, t.id), timeout=30)
            await asyncio.sleep(0.3)  # time for any (wrong) second post
            check(target.id, label)
    finally:
        await bot.stop()


async def test_a_ban_survives_a_kill_at_every_step(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    fake = fake_discord

    def points(user_id: int, dm_id: int) -> list[tuple[str, str, str]]:
        steps = [
            ("POST", rf"^/channels/{dm_id}/messages$"),  # the DM that announces the ban
            ("PUT", rf"^/guilds/{world.guild.id}/bans/{user_id}$"),  # the ban
            ("POST", rf"^/channels/{world.staff_only.id}/messages$"),  # the log post
        ]
        return [(m, p, when) for m, p in steps for when in ("before", "after")]

    def check(user_id: int, label: str) -> None:
        rows = case_rows(tmp_path, user_id)
        assert [r[:3] for r in rows] == [("ban", "applied", "done")], (label, rows)
        assert user_id in fake.bans(world.guild), label
        dms = marked(fake.dm_messages(user_id))
        assert len(dms) == 1 and says(dms[0]["content"], "notice.ban", "de", reason="Spam"), (
            label,
            dms,
        )
        assert rows[0][3] == "sent", (label, rows)
        assert len(log_posts(fake, world, user_id)) == 1, label
        assert rows[0][4] is not None, label

    await kill_matrix(
        tmp_path, fake, world, "ban",
        lambda user_id: {"user": user_id, "reason": "Spam"}, points, check,
    )  # fmt: skip


async def test_a_timeout_survives_a_kill_at_every_step(
    tmp_path: Path, fake_discord: FakeDiscord, world: World
):
    """A timeout is told only after it was applied: a kill before the timeout request leaves a
    pending case that the restart carries out (with the time that is left), then tells."""
    fake = fake_discord

    def points(user_id: int, dm_id: int) -> list[tuple[str, str, str]]:
        steps = [
            ("PATCH", rf"^/guilds/{world.guild.id}/members/{user_id}$"),  # the timeout
            ("POST", rf"^/channels/{dm_id}/messages$"),  # the DM that tells of it
            ("POST", rf"^/channels/{world.staff_only.id}/messages$"),  # the log post
        ]
        return [(m, p, when) for m, p in steps for when in ("before", "after")]

    def check(user_id: int, label: str) -> None:
        rows = case_rows(tmp_path, user_id)
        assert [r[:3] for r in rows] == [("timeout", "applied", "done")], (label, rows)
        assert fake.member(world.guild, user_id).communication_disabled_until, label
        dms = marked(fake.dm_messages(user_id))
        assert len(dms) == 1 and says(dms[0]["content"], "notice.timeout", "de", reason="Ton"), (
            label,
            dms,
        )
        # told only after: the DM was requested after the timeout was
        timeouts = fake.requests_to("PATCH", rf"/guilds/{world.guild.id}/members/{user_id}$")
        dm_posts = fake.requests_to("POST", rf"^/channels/{fake.dm_channel(user_id).id}/messages$")
        assert timeouts and dm_posts, label
        first_timeout = fake.requests.index(timeouts[0])
        assert all(fake.requests.index(r) > first_timeout for r in dm_posts), label
        assert len(log_posts(fake, world, user_id)) == 1, label

    await kill_matrix(
        tmp_path, fake, world, "timeout",
        lambda user_id: {"member": user_id, "duration": "1h", "reason": "Ton"}, points, check,
    )  # fmt: skip
