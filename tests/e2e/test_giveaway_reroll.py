"""Rerolling a chosen winner's place: the post names whom the new winner replaces (pinging only
the new winner), the replaced winner is told by DM in the server's language, a double click
replaces nobody twice, and the places stay stable across rerolls."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run, run_reply
from tests.e2e.test_giveaways import announcements, click, start


def reroll_posts(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.general)
        if says(m.get("content", ""), "giveaway.reroll_announce", "de")
    ]


def outcomes(runner: BotRunner) -> dict[int, str]:
    with connect(runner.settings) as conn:
        return dict(conn.execute("SELECT user_id, outcome FROM giveaway_results"))


async def ended_with_winners(runner: BotRunner, world: World, players: int, winners: int):
    """A giveaway with ``players`` entrants and ``winners`` winners, ended; the winners' ids by
    place (the order the announcement names them)."""
    fake = world.fake
    users = [fake.create_user(f"s{n}") for n in range(players)]
    for user in users:
        fake.add_member(world.guild, user)
    assert runner.bot is not None
    await fake.wait_for(lambda: len(runner.bot.get_guild(world.guild.id).members) >= 5 + players)
    await start(world, winners=winners)
    for user in users:
        await click(world, user, "enter")
    await run(world, world.admin, "giveaway end", {"giveaway": "1"})
    (announcement,) = await fake.wait_for(lambda: announcements(world))
    seats = [int(u) for u in re.findall(r"<@(\d+)>", announcement["content"].split("\n")[0])]
    assert len(seats) == winners
    return {u.id: u for u in users}, seats


def the_post_request(world: World, seat: int):
    return next(
        r
        for r in reversed(world.fake.requests)
        if r.method == "POST"
        and says((r.json or {}).get("content") or "", "giveaway.reroll_seat", "de", seat=seat)
    )


async def test_a_chosen_seat_is_replaced_named_and_told(runner: BotRunner, world: World):
    fake = world.fake
    users, seats = await ended_with_winners(runner, world, players=8, winners=3)
    second = seats[1]
    text = await run(world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": "2"})
    assert says(text, "giveaway.rerolled", "en", count=1)
    assert says(text, "giveaway.reroll_seat", "en", seat=2, old=f"<@{second}>")
    (post,) = await fake.wait_for(lambda: reroll_posts(world))
    new = int(re.search(r"<@(\d+)>", post["content"].split("\n")[1]).group(1))
    assert says(post["content"], "giveaway.reroll_seat", "de", seat=2, new=f"<@{new}>")
    assert f"<@{second}>" in post["content"]  # named …
    request = the_post_request(world, 2)
    mentions = request.json["allowed_mentions"]
    assert list(map(str, mentions["users"])) == [str(new)]  # … never pinged
    assert not mentions.get("parse") and not mentions.get("roles")
    assert new not in seats
    assert await fake.wait_for(  # in the server's language
        lambda: [
            m
            for m in fake.dm_messages(users[second])
            if says(m["content"], "giveaway.replaced_dm", "de", seat=2)
        ]
    )
    assert await fake.wait_for(
        lambda: [
            m for m in fake.dm_messages(users[new]) if says(m["content"], "giveaway.winner_dm")
        ]
    )
    after = outcomes(runner)
    assert after[second] == "replaced" and after[new] == "winner"
    assert [u for u, o in after.items() if o == "winner"].count(seats[0]) == 1

    # the winner as a member; the places stay: seat 2 is now the new winner
    text = await run(
        world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": f"<@{seats[0]}>"}
    )
    assert says(text, "giveaway.reroll_seat", "en", seat=1, old=f"<@{seats[0]}>")
    text = await run(world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": "2"})
    assert says(text, "giveaway.reroll_seat", "en", seat=2, old=f"<@{new}>")
    after = outcomes(runner)
    winners = [u for u, o in after.items() if o == "winner"]
    assert len(winners) == 3 and seats[2] in winners  # seat 3 was never touched
    assert not {seats[0], seats[1], new} & set(winners)  # never a previous winner
    assert says(
        await run(world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": "9"}),
        "giveaway.seat_unknown",
        "en",
        seat=9,
        count=3,
    )
    assert says(
        await run(world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": f"<@{second}>"}),
        "giveaway.not_a_winner",
        "en",
    )
    assert says(
        await run(
            world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": "1", "count": 2}
        ),
        "giveaway.reroll_options",
        "en",
    )
    await fake.wait_for(lambda: len(reroll_posts(world)) == 3)
    await asyncio.sleep(0.3)
    assert len(reroll_posts(world)) == 3


@pytest.mark.postgres  # the promise holds on both backends
async def test_a_double_click_replaces_a_seat_once(runner: BotRunner, world: World):
    fake = world.fake
    users, seats = await ended_with_winners(runner, world, players=7, winners=2)
    choices = await fake.autocomplete(
        world.admin, world.general, "giveaway reroll", {"giveaway": "1", "seat": ""}, "seat"
    )
    assert [c["value"].split(":")[0] for c in choices] == ["1", "2"]
    assert choices[1]["name"].startswith("2. ")
    value = choices[1]["value"]  # the place and its holder: the same in both clicks
    replies = await asyncio.gather(
        *(
            run_reply(world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": value})
            for _ in range(2)
        )
    )
    texts = [text for text, _ in replies]
    assert sum(says(t, "giveaway.rerolled", "en") for t in texts) == 1
    assert any(
        says(t, "giveaway.already_replaced", "en") or says(t, "giveaway.seat_taken", "en")
        for t in texts
    )
    # a retry later with the same choice replaces nobody either
    assert says(
        await run(world, world.admin, "giveaway reroll", {"giveaway": "1", "seat": value}),
        "giveaway.seat_taken",
        "en",
        seat=2,
    )
    await asyncio.sleep(0.3)
    assert len(reroll_posts(world)) == 1
    after = outcomes(runner)
    assert list(after.values()).count("replaced") == 1 and after[seats[1]] == "replaced"
    assert (
        len(
            [
                m
                for m in fake.dm_messages(users[seats[1]])
                if says(m["content"], "giveaway.replaced_dm")
            ]
        )
        == 1
    )


async def test_closed_dms_of_the_replaced_winner_change_nothing_else(
    runner: BotRunner, world: World
):
    fake = world.fake
    users, seats = await ended_with_winners(runner, world, players=4, winners=1)
    users[seats[0]].dms_open = False
    text = await run(world, world.admin, "giveaway reroll", {"giveaway": "1"})
    assert says(text, "giveaway.reroll_seat", "en", seat=1, old=f"<@{seats[0]}>")
    (post,) = await fake.wait_for(lambda: reroll_posts(world))
    assert says(post["content"], "giveaway.reroll_seat", "de", seat=1)
    await asyncio.sleep(0.3)
    assert not [
        m for m in fake.dm_messages(users[seats[0]]) if says(m["content"], "giveaway.replaced_dm")
    ]
    assert outcomes(runner)[seats[0]] == "replaced"
