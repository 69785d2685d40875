"""A process that runs some of the shards does the work of their guilds only: it arms their jobs,
decides their removals and posts their outbox rows; the work of no guild runs in the one
process that leads."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot import repository
from bot.config import Settings
from bot.core import Bot
from bot.database import Database
from bot.db_open import open_database
from bot.moderation import review
from bot.repository import OutboxPost
from bot.shards import Ownership, shard_of
from bot.timeutil import utcnow
from cogs.giveaways import repository as giveaways
from tests import pg

SHARDS = Ownership(4, (2, 3))


def on_shard(shard: int, n: int = 1, count: int = 4) -> int:
    guild_id = ((n * count + shard) << 22) | 1
    assert shard_of(guild_id, count) == shard
    return guild_id


async def open_giveaway(db: Database, guild_id: int) -> int:
    now = utcnow()
    giveaway = await giveaways.create(
        db,
        guild_id=guild_id,
        channel_id=guild_id + 1,
        prize="Hoodie",
        description=None,
        winners_count=1,
        ends_at=now + timedelta(hours=1),
        seed="00" * 32,
        commitment="c",
        required_role_id=None,
        min_account_age_s=0,
        min_membership_age_s=0,
        created_by=1,
        now=now,
    )
    return giveaway.id


@pytest.fixture
async def sharded(settings: Settings, db: Database) -> AsyncIterator[Bot]:
    """A bot of the process that runs shards 2 and 3 of 4 (features loaded, not connected)."""
    bot = Bot(replace(settings, shards=SHARDS), db, extensions=("cogs.giveaways",))
    yield bot
    for name in tuple(bot.extensions):
        await bot.unload_extension(name)


async def test_only_the_owned_guilds_jobs_are_armed(sharded: Bot, db: Database) -> None:
    foreign = await open_giveaway(db, on_shard(0))
    owned = await open_giveaway(db, on_shard(3))
    await sharded.load_features()
    keys = {job.key for job in sharded.scheduler.pending()}
    assert f"giveaway:{owned}" in keys and f"giveaway:{foreign}" not in keys


async def test_a_removal_is_decided_only_for_an_owned_guild(sharded: Bot, db: Database) -> None:
    now = utcnow()
    for guild_id in (on_shard(0), on_shard(2)):
        await repository.guild_present(db, guild_id, now)
    await sharded.on_ready()  # connected to no guild: both look gone from here
    left = {r.guild_id: r.left_at for r in await repository.list_guilds(db)}
    assert left[on_shard(0)] is None  # shard 0's process sees it, and decides
    assert left[on_shard(2)] is not None
    assert sharded.scheduler.has(f"core:guild-purge:{on_shard(2)}")
    assert not sharded.scheduler.has(f"core:guild-purge:{on_shard(0)}")
    await sharded.outbox.close()


async def test_the_outbox_posts_only_the_owned_guilds_rows(
    sharded: Bot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = [
        OutboxPost("foreign", on_shard(1), "hi", channel_id=5),
        OutboxPost("owned", on_shard(2), "hi", channel_id=6),
        OutboxPost("owned-dm", on_shard(3), "hi", user_id=7),
    ]
    async with db.transaction() as tx:
        await repository.add_posts(tx, posts, utcnow())
    attempted: list[str] = []

    async def deliver(group: list[OutboxPost]) -> Any:
        attempted.extend(post.key for post in group)

    monkeypatch.setattr(sharded.outbox, "_deliver", deliver)
    await sharded.outbox.drain()
    assert attempted == ["owned", "owned-dm"]
    attempted.clear()
    await sharded.outbox.deliver(["foreign", "owned"])
    assert attempted == ["owned"]
    pending = {post.key for post in await repository.pending_posts(db)}
    assert "foreign" in pending  # left for shard 1's process


async def test_not_sharded_the_bot_always_leads(settings: Settings, db: Database) -> None:
    assert await Bot(settings, db).leads()


async def test_one_of_two_processes_leads_and_a_follower_takes_over(settings: Settings) -> None:
    url, name = pg.fresh_database()
    shared = replace(settings, database_url=url)
    try:
        first_db = await open_database(url)
        second_db = await open_database(url)
        first = Bot(replace(shared, shards=Ownership(2, (0,))), first_db)
        second = Bot(replace(shared, shards=Ownership(2, (1,))), second_db)
        assert await first.leads()
        assert not await second.leads()
        assert await first.leads()  # kept once taken
        assert not await second.leads()
        await first_db.close()  # the leader's process ends
        for _ in range(40):  # the server frees the lock with the session
            if await second.leads():
                break
            await asyncio.sleep(0.05)
        assert await second.leads()
        await second_db.close()
    finally:
        pg.drop_database(name)


async def test_a_follower_leaves_the_daily_purge_to_the_leader(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    if backend == "postgres":  # one connection's session locks are one process's
        pytest.skip("two bots share one database object here; PostgreSQL: the test above")
    leader = Bot(replace(settings, shards=SHARDS), db)
    follower = Bot(replace(settings, shards=Ownership(4, (0, 1))), db)
    assert await leader.leads() and not await follower.leads()
    purged: list[object] = []

    async def purge(_db: Database, before: object) -> int:
        purged.append(before)
        return 0

    monkeypatch.setattr(review.repository, "purge_review_quotes", purge)
    await review.purge_quotes(follower)
    assert purged == [] and follower.scheduler.has("core:review-quotes")  # asks again tomorrow
    await review.purge_quotes(leader)
    assert len(purged) == 1


async def test_statistics_past_retention_are_folded_by_the_servers_own_process(
    settings: Settings, db: Database
) -> None:
    """Each process folds its own servers' rows, by the retention it keeps for them (a leader
    folding every server would use settings another process may have changed)."""
    bot = Bot(replace(settings, shards=SHARDS), db, extensions=("cogs.stats",))
    await bot.load_features()
    try:
        old = (utcnow() - timedelta(days=400)).date().isoformat()
        mine, theirs = on_shard(3), on_shard(0)
        async with db.transaction() as tx:
            for guild_id in (mine, theirs):
                await repository.ensure_guild(tx, guild_id, utcnow())
                await tx.execute(
                    "INSERT INTO stats_guild_daily (guild_id, day, messages, reactions, joins, "
                    "leaves) VALUES (?, ?, 1, 0, 0, 0)",
                    (guild_id, old),
                )
                await tx.execute(
                    "INSERT INTO stats_member_daily (guild_id, day, user_id, messages, reactions) "
                    "VALUES (?, ?, 42, 1, 0)",
                    (guild_id, old),
                )
        cog: Any = next(c for c in bot.cogs.values() if hasattr(c, "fold_old_rows"))
        assert await cog.fold_old_rows() == 1
        rows = await db.fetchall("SELECT guild_id FROM stats_member_daily")
        assert [row[0] for row in rows] == [theirs]
    finally:
        for name in tuple(bot.extensions):
            await bot.unload_extension(name)
