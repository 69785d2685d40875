"""Time from start to ready against the fake Discord: the bot vs a bare discord.py client.

Run: .venv/bin/python -m bench.startup [rounds]
Prints medians of both and their ratio, measured in the same run (the machine is shared and
noisy, so only the ratio is comparable between runs). discord.py's guild_ready_timeout is set to
0.05 s for both, so the figure is the work done, not the wait for late GUILD_CREATEs.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import discord

from bot.config import Settings
from bot.core import Bot, intents
from bot.db_open import open_database
from tests.fakediscord import FakeDiscord


async def _until_ready(client: discord.Client, token: str) -> float:
    began = time.perf_counter()
    task = asyncio.create_task(client.start(token))
    await asyncio.wait_for(client.wait_until_ready(), 30)
    elapsed = time.perf_counter() - began
    await client.close()
    await asyncio.wait_for(task, 10)
    return elapsed


async def bare_client(fake: FakeDiscord) -> float:
    client = discord.Client(intents=intents(), guild_ready_timeout=0.05)
    return await _until_ready(client, fake.token)


async def community_bot(fake: FakeDiscord, folder: Path, fresh: bool) -> float:
    path = folder / "bot.sqlite3"
    if fresh:
        for leftover in folder.glob("bot.sqlite3*"):
            leftover.unlink()
    began = time.perf_counter()
    db = await open_database(path, backup_dir=folder / "backups")
    settings = Settings(discord_token=fake.token, database_path=path, backup_dir=folder / "backups")
    bot = Bot(settings, db, guild_ready_timeout=0.05)
    opened = time.perf_counter() - began
    try:
        return opened + await _until_ready(bot, fake.token)
    finally:
        await db.close()


async def main(rounds: int) -> None:
    fake = FakeDiscord()
    await fake.start()
    undo = fake.redirect_discord_py()
    owner = fake.create_user("owner")
    for number in range(5):
        guild = fake.create_guild(f"guild {number}", owner=owner)
        for channel in range(20):
            fake.create_text_channel(guild, f"channel-{channel}")
        for member in range(200):
            fake.add_member(guild, fake.create_user(f"m{number}-{member}"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            bare, first, warm = [], [], []
            for _ in range(rounds):
                bare.append(await bare_client(fake))
                first.append(await community_bot(fake, folder, fresh=True))
                warm.append(await community_bot(fake, folder, fresh=False))
    finally:
        undo()
        await fake.stop()
    b, f, w = (statistics.median(x) * 1000 for x in (bare, first, warm))
    print(f"5 guilds, 1000 members, 100 channels, {rounds} rounds (medians)")
    print(f"bare discord.py client, start to ready:      {b:7.1f} ms")
    print(f"bot, new database (migrate, sync commands):  {f:7.1f} ms  ({f / b:.2f}x bare)")
    print(f"bot, existing database (no sync):            {w:7.1f} ms  ({w / b:.2f}x bare)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
