"""The moderation pipeline's typed outcomes and its order of effects, for every action: a kick
or ban is announced before the request that carries it out, every other action is told only
after; refusals send nothing; Discord's errors come back as a status, never as text."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.core import Bot
from bot.moderation.pipeline import Order, Result
from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.test_automod import configure_modlog

ACTION_ROUTE = {
    "warn": None,
    "timeout": ("PATCH", "members"),
    "untimeout": ("PATCH", "members"),
    "kick": ("DELETE", "members"),
    "ban": ("PUT", "bans"),
    "unban": ("DELETE", "bans"),
}


def request_index(fake, method: str, path: str) -> list[int]:
    return [i for i, r in enumerate(fake.requests) if r.method == method and r.path == path]


@pytest.mark.parametrize("action", list(ACTION_ROUTE))
async def test_every_action_is_recorded_applied_and_told_in_the_right_order(
    bot: Bot, world: World, action: str
):
    fake = world.fake
    await configure_modlog(world)
    user = world.member
    if action == "untimeout":
        await bot.moderation.run(
            Order(world.guild.id, user.id, "timeout", "vorher", duration=timedelta(hours=1))
        )
    if action == "unban":
        await bot.moderation.run(Order(world.guild.id, user.id, "ban", "vorher"))
    start = len(fake.requests)
    outcome = await bot.moderation.run(
        Order(
            world.guild.id, user.id, action, "Grund", moderator_id=world.moderator.id,
            duration=timedelta(hours=1) if action == "timeout" else None, points=1,
        )
    )  # fmt: skip
    assert outcome.result is Result.APPLIED and outcome.code == "done", outcome
    assert outcome.case is not None and outcome.case.state == "applied"
    assert outcome.case.action == action and outcome.case.log_message_id is not None
    dm_channel = fake.dm_channel(user).id
    dms = [i for i in request_index(fake, "POST", f"/channels/{dm_channel}/messages") if i >= start]
    route = ACTION_ROUTE[action]
    acts = (
        [
            i
            for i in request_index(fake, route[0], f"/guilds/{world.guild.id}/{route[1]}/{user.id}")
            if i >= start
        ]
        if route
        else []
    )
    if route:
        assert len(acts) == 1, action  # carried out once
    told = action in ("warn", "timeout", "kick", "ban")
    assert len(dms) == (1 if told else 0), action
    assert outcome.dm_status == ("sent" if told else "not_needed")
    if told and route:
        before = action in ("kick", "ban")
        assert (dms[0] < acts[0]) is before, f"{action}: DM {'before' if before else 'after'}"


async def test_a_refusal_is_recorded_for_automatic_sources_and_sends_nothing(
    bot: Bot, world: World
):
    fake = world.fake
    start = len(fake.requests)
    outcome = await bot.moderation.run(
        Order(world.guild.id, world.owner.id, "timeout", "Spam", duration=timedelta(minutes=10))
    )
    assert outcome.result is Result.REFUSED and outcome.code == "owner"
    assert outcome.case is not None and outcome.case.state == "refused"
    assert not [r for r in fake.requests[start:] if r.method in ("PATCH", "PUT", "DELETE")]
    assert outcome.dm_status == "not_needed"
    # a moderator's command is refused without a case: the moderator is told instead
    manual = await bot.moderation.run(
        Order(
            world.guild.id, world.owner.id, "kick", "Spam", moderator_id=world.moderator.id,
            record_refusal=False,
        )
    )  # fmt: skip
    assert manual.result is Result.REFUSED and manual.case is None


async def test_discord_errors_come_back_as_a_status_and_a_told_ban_is_corrected(
    bot: Bot, world: World
):
    fake = world.fake
    fake.inject_error("PUT", rf"^/guilds/{world.guild.id}/bans/{world.member.id}$", 403, 50013)
    outcome = await bot.moderation.run(Order(world.guild.id, world.member.id, "ban", "Spam"))
    assert outcome.result is Result.FAILED and outcome.http_status == 403
    assert outcome.code == "failed:403/50013" and outcome.case is not None
    assert outcome.case.state == "failed" and outcome.dm_status == "sent"
    dms = [m["content"] for m in fake.dm_messages(world.member)]
    assert len(dms) == 2 and says(
        dms[1], "notice.correction", "de", action=t("action.ban", "de"), server=world.guild.name
    )


async def test_a_member_who_left_is_a_failure_not_an_error(bot: Bot, world: World):
    fake = world.fake
    user = fake.create_user("weg", locale="de")
    fake.add_member(world.guild, user)
    await fake.wait_for(lambda: bot.get_guild(world.guild.id).get_member(user.id) is not None)  # type: ignore[union-attr]
    member = bot.get_guild(world.guild.id).get_member(user.id)  # type: ignore[union-attr]
    fake.remove_member(world.guild, user)
    outcome = await bot.moderation.run(Order(world.guild.id, user.id, "kick", "Spam"), member)
    assert outcome.result is Result.FAILED and outcome.code == "gone"


async def test_the_ladder_step_is_an_outcome_of_its_own(runner: BotRunner, world: World):
    bot = runner.bot
    assert bot is not None
    outcome = await bot.moderation.run(
        Order(world.guild.id, world.member.id, "warn", "eins", moderator_id=world.moderator.id,
              points=3)
    )  # fmt: skip
    assert outcome.applied and outcome.step is not None
    step = outcome.step
    assert step.case is not None and step.case.rule == "strikes"
    assert step.case.action == "timeout" and step.result is Result.APPLIED
    assert world.fake.member(world.guild, world.member).communication_disabled_until


async def test_a_wave_of_timeouts_stays_inside_discords_member_edit_limit(
    runner: BotRunner, world: World
):
    """Twelve timeouts ordered at once (a raid's first ladder step): Discord allows about ten
    member edits per ten seconds per server. They go out one after another, so discord.py reads
    each answer's rate-limit headers before the next and waits instead of meeting a 429."""
    from sandbox.emulation.ratelimits import Enforcer

    fake, bot = world.fake, runner.bot
    assert bot is not None
    users = [fake.create_user(f"welle{n}") for n in range(12)]
    for user in users:
        fake.add_member(world.guild, user)
    guild = bot.get_guild(world.guild.id)
    await fake.wait_for(lambda: all(guild.get_member(u.id) for u in users))
    fake.enforcer = Enforcer()
    outcomes = await asyncio.gather(
        *(
            bot.moderation.run(
                Order(world.guild.id, u.id, "timeout", "Welle", duration=timedelta(hours=1)),
                guild.get_member(u.id),
            )
            for u in users
        )
    )
    assert [o.result for o in outcomes] == [Result.APPLIED] * len(users)
    assert all(fake.member(world.guild, u).communication_disabled_until for u in users)
    assert dict(fake.enforcer.limited) == {}
