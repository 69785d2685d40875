"""The suggestions board end to end, in German and English: suggesting through the form (and
refused text shown back), votes (changed, taken back, racing), the team's status by command and
by button with the author told by DM or, with closed DMs, in the thread, merging duplicates,
the list, restarts between steps, a deleted suggestions channel, and forgetting."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run, run_reply


def inputs_of(modal: dict) -> list[str]:
    """The custom_ids of a modal's text inputs, in order."""
    found: list[str] = []

    def walk(component: dict) -> None:
        if component.get("type") == 4:
            found.append(component["custom_id"])
        for child in component.get("components", []):
            walk(child)
        if "component" in component:
            walk(component["component"])

    for component in modal["components"]:
        walk(component)
    return found


async def use_board(world: World, channel: Any = None) -> None:
    target = channel or world.general
    said = await run(
        world, world.admin, "config channel", {"purpose": "suggestions", "channel": target.id}
    )
    assert says(said, "config.channel_set", "en"), said


async def suggest(world: World, user: Any, title: str, details: str = "") -> str:
    """/suggest, the form filled in and sent; the bot's reply."""
    fake = world.fake
    invoked = await fake.invoke(user, world.general, "suggest")
    modal = await invoked.response()
    assert modal["type"] == 9, modal
    title_id, details_id = inputs_of(modal["data"])
    submitted = await fake.submit_modal(
        user,
        world.general,
        modal["data"]["custom_id"],
        {title_id: title, details_id: details},
        from_interaction=invoked,
    )
    await submitted.response()
    if submitted.response_type == 5:
        await submitted.wait_for_followup()
    return submitted.content_text()


def board_messages(world: World, channel: Any = None) -> list[dict]:
    return [
        m
        for m in world.fake.messages(channel or world.general)
        if any(
            says(e.get("footer", {}).get("text", ""), "suggestions.footer", "de")
            for e in m.get("embeds", [])
        )
    ]


def suggestion(world: World, number: int, channel: Any = None) -> dict:
    found = [
        m
        for m in board_messages(world, channel)
        if says(m["embeds"][0]["footer"]["text"], "suggestions.footer", "de", number=number)
    ]
    assert found, f"no suggestion #{number}"
    message = world.fake.message(found[0]["id"])
    assert message is not None
    return message


def custom_id(message: dict, action: str) -> str:
    return next(
        b["custom_id"] for b in buttons(message) if b["custom_id"].startswith(f"sg:{action}:")
    )


async def click(world: World, user: Any, message: dict, action: str) -> str:
    reply = await world.fake.click(user, message, custom_id(message, action))
    await reply.response(timeout=10)
    if reply.response_type == 5:
        await reply.wait_for_followup(timeout=10)
    return reply.content_text()


def query(runner: BotRunner, sql: str, params: tuple = ()) -> list[tuple]:
    with connect(runner.settings) as conn:
        return conn.execute(sql, params).fetchall()


def thread_messages(world: World, message: dict) -> list[dict]:
    return world.fake.messages(int(message["id"]))  # a thread made from a message shares its id


async def choose_status(world: World, user: Any, choice: dict, status: str, reason: str) -> str:
    """The team's private status choice (after *Set status*): a status pressed, the reason form
    filled in and sent; the bot's reply."""
    fake = world.fake
    button = next(b for b in buttons(choice) if b["custom_id"].endswith(f":{status}"))
    pressed = await fake.click(user, choice, button["custom_id"])
    modal = await pressed.response()
    assert modal["type"] == 9, modal
    (reason_id,) = inputs_of(modal["data"])
    sent = await fake.submit_modal(
        user,
        world.general,
        modal["data"]["custom_id"],
        {reason_id: reason},
        from_interaction=pressed,
    )
    await sent.response()
    await sent.wait_for_followup()
    return sent.content_text()


async def set_status(world: World, user: Any, number: int, status: str, reason: str) -> str:
    return await run(
        world,
        user,
        "suggestion-status",
        {"suggestion": f"#{number}", "status": status, "reason": reason},
    )


async def test_suggest_vote_set_a_status_and_list_in_both_languages(
    runner: BotRunner, world: World
):
    fake = world.fake
    await use_board(world)
    hostile = f"Ein Meme-Kanal @everyone <@&{world.mods.id}>"
    said = await suggest(world, world.member, hostile, "Weil **alle** Memes mögen.")
    assert says(said, "suggestions.posted", "de", number=1), said
    said = await suggest(world, world.english_member, "A voice channel for events")
    assert says(said, "suggestions.posted", "en", number=2), said
    first = suggestion(world, 1)
    embed = first["embeds"][0]
    assert "@everyone" not in embed["title"] and "@\u200beveryone" in embed["title"]
    assert f"<@{world.member.id}>" in embed["description"]
    assert says(embed["fields"][0]["value"], "suggestions.status.open", "de")
    assert [b["label"] for b in buttons(first)][:2] == ["👍 0", "👎 0"]
    # a public thread made from the message, for the discussion
    thread = fake.world.channels[int(first["id"])]
    assert thread.type == 11 and thread.parent_id == world.general.id
    # votes: one per member, changeable, pressing again takes it back, never one's own
    assert says(
        await click(world, world.english_member, first, "up"), "suggestions.voted_up", "en", up=1
    )
    assert says(
        await click(world, world.owner, first, "down"), "suggestions.voted_down", "de", down=1
    )
    assert says(
        await click(world, world.owner, first, "up"), "suggestions.voted_up", "de", up=2, down=0
    )
    assert says(
        await click(world, world.owner, first, "up"), "suggestions.unvoted", "de", up=1, down=0
    )
    assert says(await click(world, world.owner, first, "up"), "suggestions.voted_up", "de", up=2)
    assert says(await click(world, world.member, first, "up"), "suggestions.own", "de")
    assert query(runner, "SELECT count(*), sum(value) FROM suggestion_votes") == [(2, 2)]
    await fake.wait_for(
        lambda: [b["label"] for b in buttons(suggestion(world, 1))][:2] == ["👍 2", "👎 0"],
        timeout=10,
    )
    # the team sets a status by command: visible to all, the author told by DM
    assert says(await click(world, world.member, first, "status"), "error.server_permission", "de")
    said = await set_status(world, world.moderator, 1, "planned", "Kommt im Januar @everyone")
    assert says(said, "suggestions.status_set", "de", number=1, status="Geplant"), said
    await fake.wait_for(
        lambda: says(
            suggestion(world, 1)["embeds"][0]["fields"], "suggestions.status.planned", "de"
        )
    )
    assert "Kommt im Januar" in str(suggestion(world, 1)["embeds"][0]["fields"])
    dm = await fake.wait_for(lambda: fake.dm_messages(world.member))
    assert says(dm[0]["content"], "suggestions.status_dm", "de", number=1, status="Geplant")
    notes = await fake.wait_for(lambda: thread_messages(world, first))
    assert says(notes[0]["content"], "suggestions.status_note", "de")
    assert "@everyone" not in notes[0]["content"]
    # and by button: a private choice for the team, then the reason
    second = suggestion(world, 2)
    clicked = await fake.click(world.moderator, second, custom_id(second, "status"))
    await clicked.response()
    choice = clicked.original or clicked.callbacks[0]["data"]
    assert says(choice["content"], "suggestions.choose_status", "de", number=2)
    said = await choose_status(
        world, world.moderator, choice, "declined", "Dafür fehlen uns die Leute."
    )
    assert says(said, "suggestions.status_set", "de", number=2, status="Abgelehnt")
    english_dm = await fake.wait_for(lambda: fake.dm_messages(world.english_member))
    assert says(english_dm[0]["content"], "suggestions.status_dm", "de", status="Abgelehnt")
    # a decided suggestion takes no more votes
    assert says(
        await click(world, world.owner, suggestion(world, 2), "up"), "suggestions.not_votable", "de"
    )
    # the changes are recorded
    assert query(
        runner, "SELECT status, reason, changed_by FROM suggestion_status_log ORDER BY id"
    ) == [
        ("planned", "Kommt im Januar @everyone", world.moderator.id),
        ("declined", "Dafür fehlen uns die Leute.", world.moderator.id),
    ]
    # the list, by status and votes, in the reader's language
    said, listed = await run_reply(world, world.english_member, "suggestions")
    board = listed.original or listed.callbacks[0]["data"]
    text = board["embeds"][0]["description"]
    assert says(text, "suggestions.status.planned", "en") and says(
        text, "suggestions.status.declined", "en"
    )
    assert text.index("#1") < text.index("#2")  # planned before declined
    assert "@everyone" not in text
    said, listed = await run_reply(world, world.member, "suggestions", {"status": "declined"})
    text = (listed.original or listed.callbacks[0]["data"])["embeds"][0]["description"]
    assert "#2" in text and "#1" not in text
    # the figures a report reads (through the running feature, without importing it)
    assert runner.bot is not None
    cog: Any = runner.bot.get_cog("SuggestionsCog")
    now = runner.clock()
    figures = await cog.report_figures(
        world.guild.id, now - timedelta(days=7), now + timedelta(minutes=1)
    )
    assert (figures.new, figures.decided, figures.top_open) == (2, 2, ())
    assert figures.median_to_decision is not None and figures.median_to_decision < timedelta(
        hours=1
    )


async def test_refused_text_and_a_missing_or_deleted_channel_give_the_text_back(
    runner: BotRunner, world: World
):
    fake = world.fake
    said = await suggest(world, world.member, "Mehr Gewinnspiele", "Jede Woche eins.")
    assert says(said, "suggestions.no_channel", "de") and "Jede Woche eins." in said
    ideas = fake.create_text_channel(world.guild, "ideen")
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_channel(ideas.id) is not None)
    await use_board(world, ideas)
    said = await suggest(
        world, world.english_member, "Partner server", "join discord.gg/abcdef now"
    )
    assert says(said, "suggestions.refused", "en") and "discord.gg/abcdef" in said
    assert query(runner, "SELECT count(*) FROM suggestions") == [(0,)]
    assert says(await suggest(world, world.member, "Mehr Gewinnspiele"), "suggestions.posted", "de")
    # the team's reason passes the same check, and comes back when refused
    said = await set_status(world, world.moderator, 1, "review", "siehe discord.gg/abcdef")
    assert says(said, "suggestions.reason_refused", "de") and "discord.gg/abcdef" in said
    assert query(runner, "SELECT count(*) FROM suggestion_status_log") == [(0,)]
    # the channel is deleted: new suggestions are refused with their text, old ones live on
    await fake.dispatch("CHANNEL_DELETE", {**ideas.to_dict(), "guild_id": str(world.guild.id)})
    await fake.wait_for(
        lambda: runner.bot.guild_settings.channel(world.guild.id, "suggestions") is None
    )
    said = await suggest(world, world.member, "Ein Turnier", "Mit Preisen.")
    assert says(said, "suggestions.no_channel", "de") and "Mit Preisen." in said
    said = await set_status(world, world.moderator, 1, "review", "Wir schauen es uns an.")
    assert says(said, "suggestions.status_set", "de", number=1)
    dm = await fake.wait_for(lambda: fake.dm_messages(world.member))
    assert says(dm[-1]["content"], "suggestions.status_dm", "de", status="In Prüfung")
    said = await run(world, world.english_member, "suggestions")
    assert query(runner, "SELECT status FROM suggestions") == [("review",)]


async def test_closed_dms_mention_the_author_in_the_thread(runner: BotRunner, world: World):
    fake = world.fake
    await use_board(world)
    await suggest(world, world.english_member, "Night events for other time zones")
    first = suggestion(world, 1)
    world.english_member.dms_open = False
    said = await set_status(world, world.moderator, 1, "done", "Starting next week.")
    assert says(said, "suggestions.status_set", "de", status="Umgesetzt")

    def mention() -> list[dict]:
        return [
            m
            for m in thread_messages(world, first)
            if says(m["content"], "suggestions.status_mention", "de", status="Umgesetzt")
        ]

    (told,) = await fake.wait_for(mention, timeout=10)
    assert told["content"].startswith(f"<@{world.english_member.id}>")
    posted = [r for r in fake.requests if r.method == "POST" and str(first["id"]) in r.path]
    pinged = [r.json.get("allowed_mentions", {}) for r in posted if r.json]
    assert any(str(world.english_member.id) in str(a.get("users", [])) for a in pinged)
    assert fake.dm_messages(world.english_member) == []
    await runner.restart()  # told once, also across a restart

    def settled() -> bool:  # every message up to date, the outbox drained after the start
        stale = query(runner, "SELECT count(*) FROM suggestions WHERE version != shown_version")
        pending = query(
            runner, "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL"
        )
        return stale[0][0] == 0 and pending[0][0] == 0

    await run(world, world.admin, "help")  # the restarted bot is answering
    await fake.wait_for(settled, timeout=10)
    assert len(mention()) == 1


@pytest.mark.postgres  # the promise holds on both backends
async def test_votes_racing_count_once(runner: BotRunner, world: World):
    fake = world.fake
    await use_board(world)
    await suggest(world, world.member, "Ein Sommerfest")
    first = suggestion(world, 1)
    up = custom_id(first, "up")
    # a double click: two clicks of one member at once count once
    pair = await asyncio.gather(*(fake.click(world.owner, first, up) for _ in range(2)))
    answers = await asyncio.gather(*(c.answered(timeout=10) for c in pair))
    assert sorted(says(a, "suggestions.voted_up", "de") for a in answers) == [False, True], answers
    assert any(says(a, "suggestions.vote_in_progress", "de") for a in answers)
    assert query(runner, "SELECT voter_id, value FROM suggestion_votes") == [(world.owner.id, 1)]
    # 20 members at once, half of them down: each counted once
    users = [fake.create_user(f"voter{n}") for n in range(20)]
    for user in users:
        fake.add_member(world.guild, user)
    assert runner.bot is not None
    await fake.wait_for(lambda: len(runner.bot.get_guild(world.guild.id).members) >= 25)
    fake.interaction_deadline = 60
    down = custom_id(first, "down")
    clicks = await asyncio.gather(
        *(fake.click(user, first, up if n % 2 else down) for n, user in enumerate(users))
    )
    await asyncio.gather(*(c.answered(timeout=30) for c in clicks))
    assert query(runner, "SELECT value, count(*) FROM suggestion_votes GROUP BY value") == [
        (-1, 10),
        (1, 11),
    ]
    await fake.wait_for(
        lambda: [b["label"] for b in buttons(suggestion(world, 1))][:2] == ["👍 11", "👎 10"],
        timeout=15,
    )


async def test_merging_moves_the_votes_each_member_once(runner: BotRunner, world: World):
    fake = world.fake
    await use_board(world)
    await suggest(world, world.member, "Ein Discord-Turnier")
    await suggest(world, world.english_member, "A tournament on the server")
    first, second = suggestion(world, 1), suggestion(world, 2)
    await click(world, world.english_member, first, "up")
    await click(world, world.owner, first, "down")
    await click(world, world.owner, second, "up")  # the owner's vote on #1 stays as it is
    await click(world, world.admin, second, "up")
    await click(world, world.member, second, "up")  # #1's author never votes for #1
    said = await run(world, world.moderator, "suggestion-merge", {"duplicate": "#2", "into": "1"})
    # up: the English member (also #2's author, counted once) and the admin; down: the owner
    assert says(said, "suggestions.merged_done", "de", duplicate=2, number=1, up=2, down=1), said
    merged = await fake.wait_for(
        lambda: (
            suggestion(world, 2)
            if says(
                suggestion(world, 2).get("content", ""), "suggestions.merged_into", "de", number=1
            )
            else None
        )
    )
    assert not buttons(merged)
    await fake.wait_for(
        lambda: says(
            suggestion(world, 1)["embeds"][0]["description"],
            "suggestions.merged_count",
            "de",
            count=1,
        )
    )
    assert query(
        runner,
        "SELECT voter_id, value FROM suggestion_votes v JOIN suggestions s ON s.id = v.suggestion_id "
        "WHERE s.number = 1 ORDER BY voter_id",
    ) == sorted([(world.english_member.id, 1), (world.owner.id, -1), (world.admin.id, 1)])
    said = await run(world, world.moderator, "suggestion-merge", {"duplicate": "#1", "into": "2"})
    assert says(said, "suggestions.merge_invalid", "de")
    said = await set_status(world, world.moderator, 2, "planned", "Schon zusammengeführt")
    assert says(said, "suggestions.status_merged", "de", number=2)
