"""Bursts of clicks: are they acknowledged within Discord's 3-second deadline, and stored exactly?

Run: .venv/bin/python -m bench.bursts [runs] [--database-url URL] [--flows giveaway,votes,raids]

With ``--database-url postgresql://...`` every click run is made twice, on SQLite and on
PostgreSQL (a fresh database on that server each time, dropped afterwards), alternating which
goes first; both are summarised, and PostgreSQL's figures as a ratio to SQLite's of the same
pair of runs (median and range). Raids run on SQLite only (their figures are Discord's limits).

The real bot (``python -m bot`` with every feature, in its own process as in production, on its
own SQLite file) against the project's fake Discord, on a 2-core machine:
1. 1,000 different members press a giveaway's "Enter" button within about one second;
2. 300 members each vote for 5 questions of an open Q&A round (1,500 votes) within about 1.5 s.
The fake Discord and the clicking members run in this process, on the same two cores as the
bot, so the bot shares the machine with the fake's work (1,000 gateway events and 2,000 HTTP
requests per second), but no longer its event loop: Discord's work is not the bot's.
3. Raids of new accounts posting invite links in one or several channels, beside members
   chatting normally, against a fake that enforces Discord's rate limits (per route and global,
   with real headers): spam left, ordinary messages touched, raiders stopped, requests per
   raider, log posts, the peak requests per second and the 429s Discord had to give.
For each click run: the share of clicks acknowledged within 3 s, the acknowledgement p50/p99, the time
until every member saw their answer, and whether the stored count is exact. The fake's deadline is
lifted, so a late acknowledgement is measured instead of failing. Median and spread over the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg

from bench.pgserver import create_database, drop_database
from tests.e2e.conftest import World, build_world
from tests.e2e.helpers import buttons, run
from tests.fakediscord import FakeDiscord

DEADLINE = 3.0


class Launched:
    """The bot as it runs in production: its own process (``python -m bot``, redirected to the
    fake), on the same database file the figures are read from afterwards."""

    def __init__(self, folder: Path, fake: FakeDiscord, url: str | None = None) -> None:
        self.folder, self.fake, self.url = folder, fake, url  # url: PostgreSQL, else SQLite
        self.process: asyncio.subprocess.Process | None = None

    @property
    def database(self) -> Path:
        return self.folder / "data" / "bot.sqlite3"

    async def start(self) -> None:
        from tests.e2e.test_entry_point import child_env

        env = child_env(self.folder, self.fake, DISCORD_TOKEN=self.fake.token, DEFAULT_LOCALE="de")
        env["LOG_LEVEL"] = "ERROR"
        if self.url:
            env["DATABASE_URL"] = self.url
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "sandbox.launch", cwd=self.folder, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        await self.fake.wait_until_connected(timeout=60)
        await self.fake.wait_for(lambda: self.fake.command_sync_count >= 1, timeout=60)

    async def count(self, sql: str) -> int:
        if self.url:
            conn = await asyncpg.connect(self.url)
            try:
                return int(await conn.fetchval(sql))
            finally:
                await conn.close()
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True) as conn:
            return int(conn.execute(sql).fetchone()[0])

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), 30)
            if self.process.returncode is None:
                self.process.kill()


class Session:
    """The fake Discord and its members in this process, the bot in its own."""

    def __init__(self, fake: FakeDiscord, world: World, bot: Launched) -> None:
        self.fake, self.world, self.bot = fake, world, bot

    async def caught_up(self) -> None:
        """Gateway events reach the bot in order: once it has answered a command sent after
        them, it has seen every event before it."""
        await run(self.world, self.world.admin, "help", {})


async def started(folder: Path, server: str | None = None) -> tuple[Session, Any]:
    """The fake and the bot, on a new SQLite file or a new database on ``server``."""
    fake = FakeDiscord()
    await fake.start()
    world = build_world(fake)
    bot = Launched(folder, fake, await create_database(server) if server else None)
    await bot.start()
    fake.interaction_deadline = 600  # measured, not enforced

    async def stop() -> None:
        await bot.stop()
        await fake.stop()
        if bot.url:
            await drop_database(bot.url)

    return Session(fake, world, bot), stop


async def add_members(session: Session, count: int) -> list[Any]:
    fake, world = session.fake, session.world
    users = [fake.create_user(f"m{n}") for n in range(count)]
    for user in users:
        fake.add_member(world.guild, user)
    await session.caught_up()
    return users


def figures(clicks: list[Any], answered_in: float, exact: bool) -> dict[str, float]:
    delays = sorted(c.acknowledged_after for c in clicks)
    return {
        "in_time": sum(d <= DEADLINE for d in delays) / len(delays),
        "p50": delays[len(delays) // 2],
        "p99": delays[max(0, int(len(delays) * 0.99) - 1)],
        "answered": answered_in,
        "exact": float(exact),
    }


async def giveaway_run(folder: Path, server: str | None = None) -> dict[str, float]:
    session, stop = await started(folder, server)
    fake, world = session.fake, session.world
    try:
        users = await add_members(session, 1000)
        await run(world, world.admin, "giveaway start", {"prize": "Hoodie", "duration": "1h"})
        message = next(
            m
            for m in fake.messages(world.general)
            if any("Gewinnspiel" in e.get("title", "") for e in m.get("embeds", []))
        )
        enter = next(b["custom_id"] for b in buttons(message) if ":enter:" in b["custom_id"])
        began = time.perf_counter()
        clicks = []
        for wave in range(10):  # within about one second
            clicks += await asyncio.gather(
                *(fake.click(u, message, enter) for u in users[wave * 100 : wave * 100 + 100])
            )
            await asyncio.sleep(0.1)
        await asyncio.gather(*(c.answered(timeout=120) for c in clicks))
        answered = time.perf_counter() - began
        entries = await session.bot.count("SELECT count(*) FROM giveaway_entries")
        return figures(clicks, answered, entries == 1000)
    finally:
        await stop()


async def votes_run(folder: Path, server: str | None = None) -> dict[str, float]:
    session, stop = await started(folder, server)
    fake, world = session.fake, session.world
    try:
        users = await add_members(session, 305)  # 5 ask, 300 vote
        await run(world, world.moderator, "qa start", {"topic": "Roadmap", "channel": world.general.id})  # fmt: skip
        for n, asker in enumerate(users[:5]):
            await run(world, asker, "ask", {"question": f"Frage Nummer {n} zum Sommerfest?"})
        questions = [
            m
            for m in fake.messages(world.general)
            if any(e.get("title", "").startswith("Frage #") for e in m.get("embeds", []))
        ]
        assert len(questions) == 5, len(questions)
        votes = [
            (q, next(b["custom_id"] for b in buttons(q) if "qa:vote:" in b["custom_id"]))
            for q in questions
        ]
        began = time.perf_counter()
        pairs = [(u, q, vote) for u in users[5:] for q, vote in votes]
        clicks = []
        for wave in range(15):  # within about 1.5 seconds
            clicks += await asyncio.gather(
                *(fake.click(u, q, v) for u, q, v in pairs[wave * 100 : wave * 100 + 100])
            )
            await asyncio.sleep(0.1)
        await asyncio.gather(*(c.answered(timeout=120) for c in clicks))
        answered = time.perf_counter() - began
        votes = await session.bot.count("SELECT count(*) FROM qa_votes")
        return figures(clicks, answered, votes == 1500)
    finally:
        await stop()


CHAT = (  # a member chatting through the raid, as people do
    "Was ist denn hier los? So viele Links auf einmal",
    "Ignoriert die einfach, die Mods sind bestimmt gleich da",
    "Hat jemand das Update von gestern schon ausprobiert?",
    "Ich melde die mal, falls der Bot sie nicht erwischt",
    "Okay, scheint vorbei zu sein. Danke an das Team!",
    "Zurück zum Thema: wer spielt heute Abend mit?",
    "Ich bin um acht online, wenn jemand Lust hat",
    "Hab gerade die neue Karte gesehen, sieht super aus",
    "Kennt jemand eine gute Anleitung für Einsteiger?",
    "Bis später, ich muss kurz los",
)
RAIDS = (  # raiders, links each, channels, seconds the raid takes
    (10, 5, 1, 2.0),
    (15, 12, 1, 5.0),
    (20, 8, 2, 10.0),
    (40, 6, 3, 30.0),
    (50, 20, 2, 20.0),
)


async def raid_run(folder: Path, raiders_n: int, each: int, channels_n: int, span: float) -> str:
    from sandbox.emulation.ratelimits import Enforcer

    session, stop = await started(folder)
    fake, world = session.fake, session.world
    try:
        await run(world, world.admin, "config channel", {"purpose": "modlog", "channel": world.staff_only.id})  # fmt: skip
        fake.enforcer = Enforcer()
        channels = [world.general] + [
            fake.create_text_channel(world.guild, f"raum-{n}") for n in range(channels_n - 1)
        ]
        raiders = await add_members(session, raiders_n)  # also waits for the channels
        start = len(fake.requests)
        began = time.perf_counter()
        spam, chat = [], []
        chatted = 0.0
        pause = span / (raiders_n * each)
        for round_ in range(each):
            for n, user in enumerate(raiders):
                channel = channels[(n + round_) % len(channels)]
                with contextlib.suppress(Exception):  # a timed-out member cannot post
                    spam.append(await fake.send_message(user, channel, f"discord.gg/r{round_}x{n}"))
                await asyncio.sleep(pause)
            if time.perf_counter() - chatted >= 3.0:  # a person, not a flood
                text_ = CHAT[len(chat) % len(CHAT)]
                chat.append(await fake.send_message(world.english_member, world.general, text_))
                chatted = time.perf_counter()
        await fake.wait_for(lambda: all(fake.message(m["id"]) is None for m in spam), timeout=300)
        pending = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL"

        for _ in range(600):
            if await session.bot.count(pending) == 0:
                break
            await asyncio.sleep(0.5)
        posted = {u.id: sum(1 for m in spam if int(m["author"]["id"]) == u.id) for u in raiders}
        due = [u for u in raiders if posted[u.id] >= 3]  # 3 points: the ladder's first timeout

        def stopped_now() -> int:
            return sum(1 for u in due if fake.member(world.guild, u).communication_disabled_until)

        with contextlib.suppress(TimeoutError):  # member edits: 10 per 10 s per server
            await fake.wait_for(lambda: stopped_now() == len(due), timeout=300)
        took = time.perf_counter() - began
        requests = fake.requests[start:]
        stopped = stopped_now()
        touched = sum(1 for m in chat if fake.message(m["id"]) is None)
        logs = [
            r for r in requests
            if r.method == "POST" and r.path == f"/channels/{world.staff_only.id}/messages"
        ]  # fmt: skip
        return (
            f"  {raiders_n} raiders x {each} links in {channels_n} channel(s) over {span:.0f} s: "
            f"{len(spam)} spam, left {sum(1 for m in spam if fake.message(m['id']))}, ordinary "
            f"touched {touched}, raiders stopped {stopped}/{len(due)} (of those with 3 links); "
            f"{len(requests)} requests "
            f"({len(requests) / raiders_n:.1f} per raider), {len(logs)} log posts, peak "
            f"{fake.enforcer.peak_per_second}/s, 429s {sum(fake.enforcer.limited.values())}"
            f"{' ' + str(dict(fake.enforcer.limited)) if fake.enforcer.limited else ''}; "
            f"settled after {took:.0f} s"
        )
    finally:
        await stop()


def summary(name: str, runs: list[dict[str, float]]) -> None:
    def spread(key: str, scale: float = 1.0, unit: str = "") -> str:
        values = [r[key] * scale for r in runs]
        return (
            f"{statistics.median(values):.2f}{unit} (min {min(values):.2f}, max {max(values):.2f})"
        )

    print(f"{name}, {len(runs)} runs:")
    print(f"  acknowledged within 3 s: {spread('in_time', 100, ' %')}")
    print(f"  acknowledgement p50: {spread('p50', 1000, ' ms')}, p99: {spread('p99', 1000, ' ms')}")
    print(f"  every member answered after: {spread('answered', 1, ' s')}")
    print(f"  exact count: {sum(r['exact'] for r in runs):.0f} of {len(runs)} runs")


def compared(pairs: list[tuple[dict[str, float], dict[str, float]]]) -> None:
    """PostgreSQL's figures over SQLite's, pair by pair (runs made one after the other)."""

    def ratio(key: str) -> str:
        values = [pg[key] / lite[key] for lite, pg in pairs if lite[key]]
        if not values:
            return "n/a"
        return f"{statistics.median(values):.2f}x (min {min(values):.2f}, max {max(values):.2f})"

    print(
        f"  PostgreSQL / SQLite, {len(pairs)} pairs: p50 {ratio('p50')}, p99 {ratio('p99')}, "
        f"every member answered {ratio('answered')}"
    )


FLOWS = {
    "giveaway": ("1,000 concurrent giveaway entries", giveaway_run),
    "votes": ("1,500 concurrent Q&A votes (300 members x 5)", votes_run),
}


async def main(runs: int, server: str | None, flows: list[str]) -> None:
    logging.basicConfig(level=logging.ERROR)
    for key in (f for f in flows if f in FLOWS):
        name, flow = FLOWS[key]
        lite: list[dict[str, float]] = []
        pg: list[dict[str, float]] = []
        for n in range(runs):
            order = [None, server] if server else [None]
            for target in order if n % 2 == 0 else order[::-1]:  # alternate who goes first
                with tempfile.TemporaryDirectory() as folder:
                    (pg if target else lite).append(await flow(Path(folder), target))
        summary(f"{name}, SQLite" if server else name, lite)
        if server:
            summary(f"{name}, PostgreSQL", pg)
            compared(list(zip(lite, pg, strict=True)))
    if "raids" not in flows:
        return
    print("Raids against Discord's enforced rate limits:")
    for shape in RAIDS:
        with tempfile.TemporaryDirectory() as folder:
            print(await raid_run(Path(folder), *shape))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--database-url", help="also run the clicks on this PostgreSQL server")
    parser.add_argument("--flows", default="giveaway,votes,raids", help="comma-separated")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.runs, arguments.database_url, arguments.flows.split(",")))
