"""Per-message cost of auto-moderation: the bot vs a bare discord.py client, in the same run.

Run: .venv/bin/python -m bench.automod [messages]

Both clients get the same MESSAGE_CREATE payloads through discord.py's own parser (no network),
from 500 members writing ordinary chat in German and English. Printed:
- bare discord.py: parse + dispatch per message (the floor);
- the bot: parse + dispatch + every listener it runs (auto-moderation's hot path), and the ratio;
- the hot path alone (normalise + rules, ``evaluate_message``) per message;
- the offensive-language model per message, scored in batches in a worker thread (off the loop).
Figures are medians of 5 repetitions; compare ratios, not absolute numbers (shared machine).
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import discord

from bot.config import Settings
from bot.contentcheck.rules import MessageFacts, evaluate_message
from bot.contentcheck.spam import SpamTracker
from bot.core import Bot, intents
from bot.database import Database

GUILD_ID = 1_100_000_000_000_000_000
CHANNEL_ID = GUILD_ID + 1
BOT_ID = GUILD_ID + 2
MEMBERS = [GUILD_ID + 1000 + n for n in range(500)]

CHAT = [
    "Guten Morgen zusammen! Wie war euer Wochenende?",
    "hat jemand schon das neue Update ausprobiert?",
    "Ja, läuft bei mir ganz gut, nur die Ladezeiten sind etwas lang",
    "lol das war echt knapp gestern im Spiel",
    "Can someone help me with the server settings?",
    "thanks, that worked perfectly 👍",
    "I think the event on Friday should start an hour later",
    "Ich bin heute Abend nicht da, viel Spaß euch",
    "does anyone know when the next Q&A round is?",
    "Danke für die schnelle Hilfe!",
    "haha same",
    "Das Update ist leider ziemlich schlecht geworden, bitte fixt die Lags",
    "check out the patch notes at https://example.com/patch",
    "wer ist heute noch online?",
    "gg everyone, see you tomorrow",
]


def user(uid: int) -> dict[str, Any]:
    return {
        "id": str(uid),
        "username": f"m{uid % 10000}",
        "discriminator": "0",
        "avatar": None,
        "global_name": None,
    }


def guild_payload() -> dict[str, Any]:
    everyone = {
        "id": str(GUILD_ID),
        "name": "@everyone",
        "permissions": str(discord.Permissions.general().value | discord.Permissions.text().value),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    members = [
        {
            "user": user(uid),
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
        for uid in [*MEMBERS, BOT_ID]
    ]
    return {
        "id": str(GUILD_ID), "name": "Bench", "owner_id": str(MEMBERS[0]), "roles": [everyone], "emojis": [], "stickers": [],
        "features": [], "member_count": len(members), "members": members, "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0, "permission_overwrites": []}],
        "threads": [], "voice_states": [], "presences": [], "large": False, "unavailable": False, "mfa_level": 0,
        "verification_level": 0, "explicit_content_filter": 0, "default_message_notifications": 0, "system_channel_flags": 0,
        "premium_tier": 0, "preferred_locale": "de", "nsfw_level": 0, "afk_timeout": 300, "joined_at": "2026-01-01T00:00:00+00:00",
    }  # fmt: skip


def messages(count: int) -> list[dict[str, Any]]:
    out = []
    for n in range(count):
        uid = MEMBERS[n % len(MEMBERS)]
        out.append(
            {
                "id": str((1_500_000_000_000 << 22) + n), "channel_id": str(CHANNEL_ID), "guild_id": str(GUILD_ID),
                "author": user(uid), "member": {"roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0},
                "content": CHAT[n % len(CHAT)], "timestamp": "2026-11-26T12:00:00+00:00", "edited_timestamp": None, "tts": False,
                "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": False, "type": 0, "flags": 0,
            }
        )  # fmt: skip
    return out


async def prepare(client: discord.Client) -> None:
    await client._async_setup_hook()  # binds the client to the running loop, as login() does
    state = client._connection
    state.user = discord.ClientUser(
        state=state,
        data=user(BOT_ID) | {"bot": True, "verified": True, "mfa_enabled": False, "flags": 0},
    )  # type: ignore[operator]
    state.parse_guild_create(guild_payload())


async def drain() -> None:
    """Wait for every task the dispatch created (listeners), but not the bot's background loops."""
    current = asyncio.current_task()
    while True:
        pending = [
            t
            for t in asyncio.all_tasks()
            if t is not current
            and not t.done()
            and not t.get_name().startswith(("automod-", "activity-", "feedback-detect", "stats-"))
        ]
        if not pending:
            return
        _done, late = await asyncio.wait(pending, timeout=5)
        if late:
            raise RuntimeError(f"tasks did not finish: {sorted(t.get_name() for t in late)}")


async def per_message(client: discord.Client, payloads: list[dict[str, Any]]) -> float:
    parse = client._connection.parse_message_create
    gc.collect()
    began = time.perf_counter()
    for data in payloads:  # one by one, as they arrive from the gateway
        parse(data)
        await drain()
    return (time.perf_counter() - began) / len(payloads) * 1e6


async def main(count: int) -> None:
    payloads = messages(count)
    bare = discord.Client(intents=intents())

    @bare.event
    async def on_message(message: discord.Message) -> None:  # the smallest bot that reads chat
        return None

    await prepare(bare)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = await Database.open(path)
        bot = Bot(Settings(discord_token="x", database_path=path, backup_dir=Path(tmp)), db)
        await prepare(bot)
        await bot.guild_settings.load()
        await bot.content_check.load()
        await bot.load_features()
        bot.content_check.score_offense(["warm up"])  # load the model outside the timing
        bare_us, bot_us = [], []
        for _ in range(5):
            bare_us.append(await per_message(bare, payloads))
            bot_us.append(await per_message(bot, payloads))
        compiled = bot.content_check.compiled(GUILD_ID)
        facts = [
            MessageFacts(GUILD_ID, CHANNEL_ID, int(p["author"]["id"]), frozenset(), p["content"])
            for p in payloads
        ]
        hot = []
        for _ in range(5):
            tracker = SpamTracker()
            began = time.perf_counter()
            for n, item in enumerate(facts):
                evaluate_message(compiled, item, tracker, n * 0.01)
            hot.append((time.perf_counter() - began) / len(facts) * 1e6)
        texts = [p["content"] for p in payloads]
        began = time.perf_counter()
        await bot.content_check.score_offense_async(texts)
        model_us = (time.perf_counter() - began) / len(texts) * 1e6
        for cog in list(bot.cogs.values()):
            await bot.remove_cog(cog.qualified_name)
        await bot.activity_service.stop()
        await db.close()
    b, o, h = statistics.median(bare_us), statistics.median(bot_us), statistics.median(hot)
    print(f"{count} ordinary chat messages from 500 members, medians of 5 runs")
    print(f"bare discord.py client with an empty on_message: {b:7.1f} µs/message")
    print(
        f"the bot, every listener:                        {o:7.1f} µs/message  ({o / b:.2f}x bare)"
    )
    print(f"auto-moderation hot path (normalise + rules):   {h:7.1f} µs/message")
    print(
        f"offensive-language model, batched in a thread: {model_us:7.1f} µs/message (off the event loop)"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
