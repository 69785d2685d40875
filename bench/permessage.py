"""Per-message cost of the whole bot against a bare discord.py client, in the same run.

Run: .venv/bin/python -m bench.permessage [messages] [repetitions] [--database-url URL]
     [--no-split] [--ordinary-only]

With ``--ordinary-only`` the chat has no criticism and no insults: what ordinary chat costs,
without the cases and inbox items of the messages the bot acts on.

With ``--database-url postgresql://...`` the bot runs on PostgreSQL (a fresh database on that
server for each bot, dropped afterwards) instead of a temporary SQLite file. The database server's
work is then part of the cost: its processes' CPU over the same timed region is read from /proc
(:class:`bench.pgserver.ServerCpu`; the server must run on this machine), and the bot process,
the server and their total are printed as multiples of the bare client's per-message CPU.

Both clients get the same MESSAGE_CREATE payloads through discord.py's own gateway parser (no
network): 500 members with one to four of eight roles (five of them also hold a moderator role;
@everyone has an ordinary member's permissions), five channels, and 1,200 distinct chat
lines in German and English (umlauts, emoji, links, mentions; 1.5 % criticism of the server and
1.5 % insults), generated from phrase lists with a fixed seed (a new seed for every run, so no
score is reused from an earlier run). The bot is configured as a real server would be:
every feature loaded; auto-moderation defaults plus 50 blocked words and 10 patterns; the FAQ
with 50 entries answering in two channels; the feedback inbox detecting criticism; statistics;
an open Q&A round; a welcome channel. Chat arrives at five messages a second on the whole
server as far as the spam windows can tell (their clock advances 0.2 s per message, so each
member writes every 100 s: no member is a spammer because the benchmark feeds fast).

What is measured is CPU time of the whole process (``time.process_time()``: every thread, so the
model batches scored in a worker thread count; plus finished child processes), from the first
message until every piece of background work the messages caused is done: the offensive-language
batches, the inbox's judge, the activity and statistics flushes. Nothing else is in the timed
region; the bare client's figure is its parse and dispatch. Requests the bot would send (a FAQ
answer) are answered by a stub (posts succeed, anything else is refused at once), so no network time is
counted and nothing is retried.

Printed: per-message CPU for the bare client and the bot, the ratio (median and range over the
repetitions), the same ratio with the JSON decoding of each gateway frame added to both (a real
connection decodes every frame; the parser alone is what is timed above), the split by feature
(the framework alone, then each feature added in turn; each row is a bot of its own, so the
parts add up to the whole only within the spread between runs), and the top entries of a
profile of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import json
import logging
import pstats
import resource
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord

from bench import chat
from bench.chat import (
    BOT_ID,
    CHANNELS,
    GUILD_ID,
    MEMBERS,
    PATTERNS,
    WORDS,
    guild_payload,
    payloads,
    user,
)
from bench.pgserver import ServerCpu, create_database, drop_database
from bot.config import Settings
from bot.contentcheck import repository as automod_repository
from bot.contentcheck.rules import RuleSettings
from bot.core import Bot, freeze_long_lived, intents
from bot.database import Database
from bot.db_open import open_database

FEATURES = (
    "cogs.config", "cogs.meta", "cogs.privacy", "cogs.stats", "cogs.welcome", "cogs.qa",
    "cogs.feedback", "cogs.automod", "cogs.moderation", "cogs.cases", "cogs.giveaways",
    "cogs.contests", "cogs.schedules",
)  # fmt: skip


async def prepare(client: discord.Client) -> None:
    await client._async_setup_hook()  # binds the client to the running loop, as login() does
    state = client._connection
    state.user = discord.ClientUser(
        state=state,
        data=user(BOT_ID) | {"bot": True, "verified": True, "mfa_enabled": False, "flags": 0},
    )  # type: ignore[operator]
    state.parse_guild_create(guild_payload())


class _Refused:
    status = 403
    reason = "bench: no network"


_posted = iter(range(1 << 40, 1 << 41))


async def _no_network(route: Any, **kwargs: Any) -> Any:
    """Discord as the bot would meet it, without a network: a post or an edit succeeds (so
    nothing is retried), anything else is refused at once."""
    if route.path.endswith("/messages") or "/messages/{message_id}" in route.path:
        body = kwargs.get("json") or {}
        return {
            "id": str((1_600_000_000_000 << 22) + next(_posted)), "channel_id": str(route.channel_id or CHANNELS[0]),
            "author": user(BOT_ID) | {"bot": True}, "content": body.get("content") or "", "timestamp": "2026-11-26T12:00:00+00:00",
            "edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": body.get("embeds") or [], "pinned": False, "type": 0, "flags": 0, "components": [],
        }  # fmt: skip
    raise discord.Forbidden(_Refused(), "bench: no network")  # type: ignore[arg-type]


async def configure(bot: Bot, db: Database, offense: bool = True) -> None:
    """A configured server, written before the features load (as after a restart); with
    ``offense`` False, auto-moderation's offensive-language rule is switched off."""
    from cogs.feedback import repository as feedback_repository
    from cogs.qa import repository as qa_repository

    now = bot.clock()
    if not offense:
        await automod_repository.save_rule(
            db, GUILD_ID, "offense", RuleSettings(False, "flag", 0), now
        )
    for word in WORDS:
        await automod_repository.add_term(db, GUILD_ID, "word", word, word == "idiot", 1, now)
    for pattern in PATTERNS:
        await automod_repository.add_term(db, GUILD_ID, "pattern", pattern, False, 1, now)
    for n in range(50):
        await qa_repository.add_faq(
            db, guild_id=GUILD_ID, question=f"Wie funktioniert Thema {n} und wo finde ich {n}?",
            answer=f"Antwort {n}", created_by=1, now=now,
        )  # fmt: skip
    for channel in CHANNELS[:2]:
        await qa_repository.set_faq_channel(db, GUILD_ID, channel, True, now)
    await feedback_repository.save_settings(db, GUILD_ID, feedback_repository.InboxSettings(), now)
    await qa_repository.create_round(
        db, guild_id=GUILD_ID, channel_id=CHANNELS[4], topic="Roadmap", host_id=MEMBERS[0],
        anonymous=False, moderated=False, max_questions=100, ends_at=now + timedelta(days=1),
        created_by=MEMBERS[0], now=now,
    )  # fmt: skip
    await bot.guild_settings.load()
    for kind, channel in (("modlog", 1), ("feedback", 2), ("reports", 3), ("welcome", 0)):
        await bot.guild_settings.set_channel(GUILD_ID, kind, CHANNELS[channel])


async def started_bot(
    folder: Path, features: Sequence[str], server: str | None = None, offense: bool = True
) -> tuple[Bot, Database]:
    """The bot on a new SQLite file in ``folder``, or on a new database on the PostgreSQL
    server ``server``."""
    path = folder / "bench.sqlite3"
    url = await create_database(server) if server else None
    db = await open_database(url or path)
    bot = Bot(
        Settings(discord_token="x", database_path=path, database_url=url, backup_dir=folder),
        db,
        extensions=features,
    )
    bot.http.request = _no_network  # type: ignore[method-assign]
    await prepare(bot)
    await configure(bot, db, offense)
    await bot.content_check.load()
    await bot.load_features()
    bot.activity_service.start()
    automod = bot.get_cog("AutomodCog")
    if automod is not None:
        automod.clock = CLOCK  # type: ignore[attr-defined]
    bot.warm_up()  # models and lexicons load outside the timing,
    freeze_long_lived()  # then are frozen, as the bot does at the end of its start (Bot.on_ready)
    return bot, db


async def settled(bot: Bot) -> None:
    """Every piece of background work the messages caused is done."""
    automod = bot.get_cog("AutomodCog")
    feedback = bot.get_cog("FeedbackCog")
    for _ in range(400):
        queues = [
            getattr(automod, "_offense_queue", ()),
            getattr(automod, "_acting", ()),
            getattr(feedback, "_queue", ()),
        ]
        if not any(queues):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.2)  # the inbox judges in batches every second; the last one finishes
    stats = bot.get_cog("StatsCog")
    service = getattr(stats, "service", None)
    if service is not None:
        await service.flush()
    await bot.activity_service.flush()


class ChatClock:
    """The spam windows' clock: chat arrives at ``PACE`` seconds per message on the whole server
    (each member writes every 100 s), not at the speed the benchmark can feed it."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


PACE = 0.2
CLOCK = ChatClock()


def cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


async def timed(
    client: discord.Client,
    items: list[dict[str, Any]],
    settle: Callable[[], Awaitable[None]],
    server: ServerCpu | None = None,
    into: list[float] | None = None,
) -> float:
    """CPU microseconds per message, background work included. With ``server``, the database
    server's CPU per message over the same region is appended to ``into``."""
    parse = client._connection.parse_message_create
    gc.collect()
    server_began = server.seconds() if server else 0.0
    began = cpu()
    for n, data in enumerate(items):
        parse(data)  # as the gateway delivers them: one by one, the loop runs in between
        if n % 20 == 19:
            CLOCK.now += 20 * PACE
            await asyncio.sleep(0)
    await settle()
    spent = cpu() - began
    if server is not None and into is not None:
        into.append((server.seconds() - server_began) / len(items) * 1e6)
    return spent / len(items) * 1e6


SPLIT = True  # --no-split: leave out the split by feature (it starts six more bots)


async def nothing() -> None:
    await asyncio.sleep(0)


async def stop(bot: Bot, db: Database) -> None:
    for cog in list(bot.cogs.values()):
        await bot.remove_cog(cog.qualified_name)
    await bot.activity_service.stop()
    await db.close()
    url = getattr(db, "url", None)
    if url is not None:
        await drop_database(url)


async def main(count: int, repetitions: int, server: str | None = None) -> None:
    logging.basicConfig(level=logging.CRITICAL)  # the stub's refusals are expected
    items = payloads(count)
    bare = discord.Client(intents=intents())

    @bare.event
    async def on_message(message: discord.Message) -> None:  # the smallest bot that reads chat
        return None

    await prepare(bare)
    bare_us: list[float] = []
    bot_us: list[float] = []
    server_us: list[float] = []  # the database server during the bot's runs
    idle_us: list[float] = []  # ... and during the bare client's (the bot idle, connected)
    with tempfile.TemporaryDirectory() as folder:
        bot, db = await started_bot(Path(folder), FEATURES, server)
        meter = await ServerCpu.of(server) if server else None
        await timed(bot, items[:200], lambda: settled(bot))  # warm caches
        for rep in range(repetitions):  # new lines each time: no score is cached from before
            fresh = payloads(count, seed=100 + rep)
            bare_us.append(await timed(bare, fresh, nothing, meter, idle_us))
            bot_us.append(await timed(bot, fresh, lambda: settled(bot), meter, server_us))
        profile = cProfile.Profile(time.thread_time)  # CPU, not waiting for the GIL
        profile.enable()
        await timed(bot, items, lambda: settled(bot))
        profile.disable()
        await stop(bot, db)
    ratios = [b / a for a, b in zip(bare_us, bot_us, strict=True)]
    print(f"{count} messages, 1,200 distinct lines, 500 members with roles; {repetitions} runs")
    print(
        f"bare discord.py client (empty on_message): {statistics.median(bare_us):7.1f} µs CPU/message"
    )
    print(
        f"the whole bot, background work included:   {statistics.median(bot_us):7.1f} µs CPU/message"
    )
    print(
        f"ratio: {statistics.median(ratios):.2f}x bare (min {min(ratios):.2f}, max {max(ratios):.2f})"
    )
    decoding = json_decoding(items)
    with_json = [(b + decoding) / (a + decoding) for a, b in zip(bare_us, bot_us, strict=True)]
    print(
        f"with each gateway frame's JSON decoding ({decoding:.1f} µs, the same for both, as over a "
        f"real connection) counted: {statistics.median(with_json):.2f}x bare "
        f"(min {min(with_json):.2f}, max {max(with_json):.2f})"
    )
    if server:
        with_server(bare_us, bot_us, server_us, idle_us)
    if SPLIT:
        await split(items, bare_us, server)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(16)
    print("profile of one run (CPU of the event loop's thread; the worker threads' model batches")
    print("and database calls are not in it), top entries by own time:")
    lines = [line for line in out.getvalue().splitlines()[6:] if line.strip()]
    print("\n".join(line for line in lines if "epoll" not in line and "gc.collect" not in line))


def json_decoding(items: list[dict[str, Any]]) -> float:
    """CPU microseconds per message that discord.py spends decoding the payloads' gateway frames
    (``discord.utils._from_json``, as its gateway does; decompression not included)."""
    frames = [
        json.dumps({"op": 0, "s": n, "t": "MESSAGE_CREATE", "d": data})
        for n, data in enumerate(items)
    ]
    decode = discord.utils._from_json
    began = cpu()
    for frame in frames:
        decode(frame)
    return (cpu() - began) / len(frames) * 1e6


def with_server(
    bare_us: list[float], bot_us: list[float], server_us: list[float], idle_us: list[float]
) -> None:
    """PostgreSQL: the server's CPU per message beside the bot's, each run against its bare."""

    def span(values: list[float]) -> str:
        return f"{statistics.median(values):.2f}x (min {min(values):.2f}, max {max(values):.2f})"

    runs = list(zip(bare_us, bot_us, server_us, strict=True))
    print(
        f"PostgreSQL server processes:                {statistics.median(server_us):7.1f} µs CPU/message"
    )
    print(f"  bot process: {span([b / a for a, b, _ in runs])} bare")
    print(f"  server:      {span([s / a for a, _, s in runs])} bare")
    print(f"  total:       {span([(b + s) / a for a, b, s in runs])} bare")
    idle = [i / a for a, i in zip(bare_us, idle_us, strict=True)]
    print(f"  (the server while the bot is idle, over the bare client's runs: {span(idle)} bare)")


async def split(
    items: list[dict[str, Any]], bare_us: list[float], server: str | None = None
) -> None:
    """Each feature's share: the framework alone, then features added one at a time."""
    steps = [
        ("framework (no features)", ()),
        ("+ statistics", ("cogs.stats",)),
        ("+ FAQ and Q&A", ("cogs.stats", "cogs.qa")),
        ("+ inbox prefilter and judge", ("cogs.stats", "cogs.qa", "cogs.feedback")),
        (
            "+ auto-moderation's rules (no model)",
            ("cogs.stats", "cogs.qa", "cogs.feedback", "cogs.automod", "-offense"),
        ),
        (
            "+ its offensive-language model",
            ("cogs.stats", "cogs.qa", "cogs.feedback", "cogs.automod"),
        ),
        ("+ everything else", FEATURES),
    ]
    bare = statistics.median(bare_us)
    print(f"split by feature (µs CPU/message, and as a multiple of bare {bare:.1f} µs):")
    previous = bare
    for name, features in steps:
        with tempfile.TemporaryDirectory() as folder:
            loaded = [feature for feature in features if feature != "-offense"]
            bot, db = await started_bot(Path(folder), loaded, server, "-offense" not in features)
            await timed(bot, items[:200], lambda: settled(bot))  # noqa: B023
            runs = [
                await timed(bot, payloads(len(items), seed=200 + rep), lambda: settled(bot))  # noqa: B023
                for rep in range(3)
            ]
            await stop(bot, db)
        value = statistics.median(runs)
        print(
            f"  {name:40s} {value:7.1f}  (+{(value - previous) / bare:.2f}x, total {value / bare:.2f}x)"
        )
        previous = value


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("messages", nargs="?", type=int, default=3000)
    parser.add_argument("repetitions", nargs="?", type=int, default=5)
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite)")
    parser.add_argument("--no-split", action="store_true", help="leave out the split by feature")
    parser.add_argument(
        "--ordinary-only",
        action="store_true",
        help="chat without criticism or insults (nothing for the bot to act on)",
    )
    arguments = parser.parse_args()
    SPLIT = not arguments.no_split
    chat.ORDINARY_ONLY = arguments.ordinary_only
    asyncio.run(main(arguments.messages, arguments.repetitions, arguments.database_url))
