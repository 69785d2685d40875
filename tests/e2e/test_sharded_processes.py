"""Two bot processes, two shards each, one PostgreSQL database (SHARD_COUNT=4, SHARD_IDS): each
guild's work happens in the process that owns it. A missed scheduled run is run once, by its
server's process; giveaways end exactly once; killing one process loses nothing the other owns,
and restarting it finishes its guilds' jobs; a forget asked in one process reaches the other,
and afterwards no row in any table names the member. The processes' IDENTIFYs take turns per
bucket (Discord's max_concurrency), through PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.features import required_permissions
from tests import pg
from tests.catalog import says
from tests.e2e.test_entry_point import child_env
from tests.e2e.test_schedules import daily_at
from tests.fakediscord import FakeDiscord

MANAGE_GUILD, MODERATE_MEMBERS = 1 << 5, 1 << 40
ROOT = Path(__file__).resolve().parents[2]
KEPT_BY_DESIGN = {"cases", "case_counters"}  # the moderation record (none is made here)


@dataclass
class Server:
    guild: Any
    general: Any


class BotProcess:
    def __init__(self, folder: Path, fake: FakeDiscord, url: str, shards: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.fake, self.url, self.shards = folder, fake, url, shards
        self.log = folder / "bot.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        env = child_env(
            self.folder,
            self.fake,
            DISCORD_TOKEN=self.fake.token,
            DATABASE_URL=self.url,
            SHARD_COUNT="4",
            SHARD_IDS=self.shards,
        )
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "sandbox.launch", cwd=self.folder, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=log,
            )  # fmt: skip

    def logged(self, text: str) -> bool:
        return text in self.log.read_text("utf-8", errors="replace")

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await asyncio.wait_for(self.process.wait(), 30)


def make_server(fake: FakeDiscord, shard: int, owner: Any, admin: Any, member: Any) -> Server:
    guild = fake.create_guild(f"Server {shard}", owner=owner, locale="de", shard=shard)
    bot_role = fake.create_role(
        guild, "Gemeinschaft", permissions=required_permissions().value, position=2
    )
    admins = fake.create_role(
        guild, "Admins", permissions=MANAGE_GUILD | MODERATE_MEMBERS, position=3
    )
    fake.set_bot_roles(guild, [bot_role])
    fake.add_member(guild, admin, roles=[admins])
    fake.add_member(guild, member)
    return Server(guild, fake.create_text_channel(guild, "general"))


def giveaways(fake: FakeDiscord, server: Server) -> list[dict]:
    return [
        m
        for m in fake.messages(server.general)
        if any(says(e.get("title", ""), "giveaway.title", "de") for e in m.get("embeds", []))
    ]


def announcements(fake: FakeDiscord, server: Server) -> list[dict]:
    return [
        m
        for m in fake.messages(server.general)
        if says(m.get("content", ""), "giveaway.announce", "de")
        or says(m.get("content", ""), "giveaway.announce_none", "de")
    ]


def reviews(fake: FakeDiscord, server: Server) -> list[dict]:
    return [m for m in fake.messages(server.general) if "Wochenrückblick" in m.get("content", "")]


async def command(fake: FakeDiscord, user: Any, server: Server, name: str, options: dict) -> str:
    reply = await fake.invoke(user, server.general, name, options)
    await reply.response()
    if reply.response_type == 5:
        await reply.wait_for_followup(timeout=20)
    return reply.content_text()


async def enter(fake: FakeDiscord, user: Any, message: dict) -> None:
    button = next(
        c["custom_id"]
        for row in message["components"]
        for c in row["components"]
        if ":enter:" in c["custom_id"]
    )
    await (await fake.click(user, message, button)).answered()


async def rows_naming(url: str, user_id: int) -> dict[str, int]:
    conn = await asyncpg.connect(url)
    try:
        found: dict[str, int] = {}
        tables = await conn.fetch(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        for (table,) in tables:
            columns = await conn.fetch(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = $1",
                table,
            )
            where = " OR ".join(f'CAST("{c}" AS TEXT) LIKE $1' for (c,) in columns)
            count = await conn.fetchval(
                f'SELECT count(*) FROM "{table}" WHERE {where}', f"%{user_id}%"
            )
            if count:
                found[table] = count
        return found
    finally:
        await conn.close()


@pytest.fixture
async def cluster(tmp_path: Path):  # type: ignore[no-untyped-def]
    url, name = pg.fresh_database()
    # two buckets (shard_id % 2): A's shard 0 and B's shard 2 take turns to IDENTIFY, as do
    # A's shard 1 and B's shard 3; the fake refuses an identify within 5 s of its bucket's last
    fake = FakeDiscord(shard_count=4, max_concurrency=2)
    await fake.start()
    first = BotProcess(tmp_path / "a", fake, url, "0,1")
    second = BotProcess(tmp_path / "b", fake, url, "2,3")
    try:
        yield fake, url, first, second
    finally:
        for process in (first, second):
            with contextlib.suppress(Exception):
                await process.stop()
        await fake.stop()
        pg.drop_database(name)


async def test_two_processes_share_the_work_exactly_once_and_survive_a_kill(cluster):  # type: ignore[no-untyped-def]
    fake, url, first, second = cluster
    owner, admin = fake.create_user("olga", locale="de"), fake.create_user("adam", locale="en-US")
    member = fake.create_user("mia", locale="de")
    one = make_server(fake, 1, owner, admin, member)  # process A (shards 0, 1)
    three = make_server(fake, 3, owner, admin, member)  # process B (shards 2, 3)
    await asyncio.gather(first.start(), second.start())
    await fake.wait_until_shards_connected([0, 1, 2, 3], timeout=60)
    # one process syncs the commands, the other finds them synced
    await fake.wait_for(lambda: fake.command_sync_count >= 1, timeout=60)

    # A daily announcement in each server, whose run fell due while both processes were down:
    # at their start, each process sees both schedules, and each runs once, by its owner.
    missed = datetime.now(UTC) - timedelta(minutes=10)
    for server in (one, three):
        options = {
            "when": daily_at(missed),
            "text": "Wochenrückblick",
            "channel": server.general.id,
        }
        await command(fake, admin, server, "schedule add", options)
    await asyncio.gather(first.stop(), second.stop())
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(
            "UPDATE schedules SET next_run_at = $1, last_run_at = $2",
            missed.replace(second=0, microsecond=0).isoformat(timespec="seconds"),
            (missed - timedelta(days=3)).isoformat(timespec="seconds"),
        )
    finally:
        await conn.close()
    await asyncio.gather(first.start(), second.start())
    await fake.wait_until_shards_connected([0, 1, 2, 3], timeout=60)
    await fake.wait_for(lambda: reviews(fake, one) and reviews(fake, three), timeout=30)

    # A giveaway in each server, entered, then ended in both at once: one result each.
    for server, number in ((one, 1), (three, 2)):
        text = await command(
            fake, admin, server, "giveaway start", {"prize": "Hoodie", "duration": "1h"}
        )
        assert says(text, "giveaway.started", "en", id=number)
        await enter(fake, member, giveaways(fake, server)[-1])
    await asyncio.gather(
        command(fake, admin, one, "giveaway end", {"giveaway": "1"}),
        command(fake, admin, three, "giveaway end", {"giveaway": "2"}),
    )
    await fake.wait_for(lambda: announcements(fake, one) and announcements(fake, three), timeout=30)

    # A third giveaway in A's server; A dies; B keeps serving its own server meanwhile.
    text = await command(fake, admin, one, "giveaway start", {"prize": "Tasse", "duration": "1h"})
    assert says(text, "giveaway.started", "en", id=3)
    await enter(fake, member, giveaways(fake, one)[-1])
    first.kill()
    await fake.wait_for(lambda: not ({0, 1} & fake.connected_shards), timeout=30)
    text = await command(
        fake, admin, three, "giveaway start", {"prize": "Poster", "duration": "1h"}
    )
    assert says(text, "giveaway.started", "en", id=4)

    # Giveaway 3 ended while A was down: A's restart ends it, once; B never touched it.
    conn = await asyncpg.connect(url)
    try:
        past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
        await conn.execute("UPDATE giveaways SET ends_at = $1 WHERE id = 3", past)
    finally:
        await conn.close()
    await first.start()
    await fake.wait_until_shards_connected([0, 1], timeout=60)
    await fake.wait_for(lambda: len(announcements(fake, one)) == 2, timeout=30)

    # The member forgets, asking A; B, which may still hold their message's counts in memory
    # (written every few seconds), forgets too.
    await fake.send_message(member, three.general, "Guten Morgen zusammen!")
    prompt = await fake.invoke(member, one.general, "mydata forget")
    await prompt.response()
    button = prompt.original["components"][0]["components"][0]["custom_id"]
    confirm = await fake.click(member, prompt.original, button)
    await confirm.response()
    await confirm.wait_for_original_edit(timeout=30)
    await fake.wait_for(lambda: second.logged("another process was asked to forget"), timeout=30)
    await asyncio.gather(first.stop(), second.stop())  # both write what they still hold

    assert len(announcements(fake, one)) == 2 and len(announcements(fake, three)) == 1
    assert fake.identify_refusals == 0  # the two processes took turns per bucket
    for bucket in (0, 1):
        times = sorted(t for shard, t in fake.identifies if shard % 2 == bucket)
        assert all(b - a >= fake.identify_window for a, b in itertools.pairwise(times)), times
    assert len(reviews(fake, one)) == 1 and len(reviews(fake, three)) == 1
    left = await rows_naming(url, member.id)
    assert set(left) <= KEPT_BY_DESIGN, left


@pytest.mark.parametrize("count", ["auto", "2"])
async def test_one_process_runs_every_shard_on_sqlite(tmp_path: Path, count: str):
    """SHARD_COUNT=auto asks Discord how many shards (GET /gateway/bot); a fixed count does not
    need to. Either way one process with SQLite runs them all and answers in every server."""
    fake = FakeDiscord(shard_count=2, max_concurrency=2)
    await fake.start()
    env = child_env(tmp_path, fake, DISCORD_TOKEN=fake.token, SHARD_COUNT=count)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox.launch", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        owner, admin = fake.create_user("olga", locale="de"), fake.create_user("adam")
        servers = [make_server(fake, shard, owner, admin, owner) for shard in (0, 1)]
        await fake.wait_until_shards_connected([0, 1], timeout=60)
        await fake.wait_for(lambda: fake.command_sync_count >= 1, timeout=60)
        for number, server in enumerate(servers, start=1):
            text = await command(
                fake, admin, server, "giveaway start", {"prize": "Hut", "duration": "1h"}
            )
            assert says(text, "giveaway.started", "en", id=number)
        asked = [r for r in fake.requests if r.method == "GET" and r.path.endswith("/gateway/bot")]
        assert asked  # auto: the count; fixed: max_concurrency, for taking turns at IDENTIFY
        assert fake.identify_refusals == 0
    finally:
        if process.returncode is None:
            process.terminate()
            await asyncio.wait_for(process.wait(), 30)
        await fake.stop()
