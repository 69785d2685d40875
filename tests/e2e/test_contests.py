"""A full contest end to end: submissions (an attachment re-uploaded), voting rules, a ranking
with ties, authors revealed at the end, and every phase change surviving a restart."""

from __future__ import annotations

import pytest

from bot.replies import permission_label
from tests.catalog import pattern, says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run


def entry_messages(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.general)
        if any(says(e.get("title", ""), "contest.entry", "de") for e in m.get("embeds", []))
    ]


def results_messages(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.general)
        if any(says(e.get("title", ""), "contest.results", "de") for e in m.get("embeds", []))
    ]


async def vote(world: World, user, entry: int) -> str:
    message = next(
        m
        for m in entry_messages(world)
        if says(m["embeds"][0]["title"], "contest.entry", "de", entry=entry)
    )
    # the Vote button is added when voting opens, by an edit that may still be on its way
    shown = await world.fake.wait_for(
        lambda: (m := world.fake.message(message["id"])) is not None and m.get("components") and m,
        timeout=30,
    )
    button = shown["components"][0]["components"][0]["custom_id"]
    message = shown
    reply = await world.fake.click(user, message, button)
    return await reply.answered()


async def advance(runner: BotRunner, column: str) -> None:
    """Time passes while the bot is offline: the deadline is reached, and the restart acts on it."""
    await runner.stop()
    with connect(runner.settings) as conn:
        conn.execute(f"UPDATE contests SET {column} = '2000-01-01T00:00:00+00:00'")
    await runner.start()


async def test_a_full_contest(runner: BotRunner, world: World):
    fake = world.fake
    text = await run(
        world,
        world.admin,
        "contest create",
        {
            "title": "Bestes Foto",
            "submission_time": "1d",
            "voting_time": "1d",
            "votes_per_member": 1,
        },
    )
    assert says(text, "contest.created", "en", id=1)
    submitted = await run(
        world,
        world.member,
        "contest submit",
        {
            "contest": "1",
            "text": "Sonnenuntergang",
            "attachment": ("sunset.png", b"\x89PNG fake image"),
        },
    )
    assert says(submitted, "contest.submitted", "de", entry=1)
    submitted = await run(
        world, world.english_member, "contest submit", {"contest": "1", "text": "My cat"}
    )
    assert says(submitted, "contest.submitted", "en", entry=2)
    refused = await run(
        world, world.member, "contest submit", {"contest": "1", "text": "Noch eins"}
    )
    assert says(refused, "contest.too_many", "de", count=1) and "Noch eins" in refused
    refused = await run(
        world, world.owner, "contest submit", {"contest": "1", "text": "discord.gg/anderer"}
    )
    assert says(refused, "contest.refused", "de") and "discord.gg/anderer" in refused
    first = entry_messages(world)[0]
    assert "mia" not in str(first["embeds"])  # anonymous until the results
    assert (
        fake.attachment_bytes(first["attachments"][0]) == b"\x89PNG fake image"
    )  # re-uploaded by the bot
    await advance(runner, "submissions_close_at")
    await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.general)
            if says(m.get("content", ""), "contest.voting_open", "de")
        ]
    )
    await fake.wait_for(
        lambda: all(fake.message(m["id"])["components"] for m in entry_messages(world))
    )
    assert says(await vote(world, world.member, 1), "contest.own_entry", "de")
    assert says(await vote(world, world.owner, 1), "contest.voted", "de", entry=1)
    assert says(await vote(world, world.owner, 2), "contest.vote_limit", "de", count=1)
    assert says(await vote(world, world.owner, 1), "contest.unvoted", "de", entry=1)
    assert says(await vote(world, world.owner, 2), "contest.voted", "de", entry=2)
    # the admin's client is English
    assert says(await vote(world, world.admin, 1), "contest.voted", "en", entry=1)
    await advance(runner, "voting_close_at")
    (posted,) = await fake.wait_for(lambda: results_messages(world))
    embed = posted["embeds"][0]
    assert says(embed["title"], "contest.results", "de", title="Bestes Foto")
    lines = embed["description"].splitlines()
    # one vote each: #1 and #2 share the first place, each on its own line with what it is
    tie = t("contest.tie", "de")
    assert says(
        lines[0],
        "contest.result_line",
        "de",
        count=1,
        place=1,
        entry=1,
        label=t("contest.label_excerpt", "de", text="Sonnenuntergang"),
        author=f"<@{world.member.id}>",  # authors revealed (not pinged)
        tie=tie,
    )
    assert says(
        lines[1],
        "contest.result_line",
        "de",
        count=1,
        place=1,
        entry=2,
        label=t("contest.label_excerpt", "de", text="My cat"),
        tie=tie,
    )
    request = next(
        r
        for r in fake.requests
        if r.method == "POST"
        and (r.json or {}).get("embeds")
        and r.json["embeds"][0].get("title", "").startswith("🏆")
    )
    assert request.json["allowed_mentions"]["parse"] == [] and not request.json[
        "allowed_mentions"
    ].get("users")
    await runner.restart()
    assert len(results_messages(world)) == 1


async def test_moderators_remove_an_entry_with_a_reason(runner: BotRunner, world: World):
    fake = world.fake
    await run(
        world,
        world.admin,
        "contest create",
        {"title": "Design", "submission_time": "1d", "voting_time": "1d"},
    )
    await run(world, world.member, "contest submit", {"contest": "1", "text": "Entwurf"})
    assert says(
        await run(world, world.moderator, "contest remove", {"entry": 1, "reason": "Kopiert"}),
        "contest.removed_reply",
        "de",
        entry=1,
    )
    assert "Kopiert" in fake.dm_messages(world.member)[-1]["content"]
    refused = await fake.invoke(
        world.english_member, world.general, "contest remove", {"entry": 1, "reason": "x"}
    )
    await refused.response()
    assert says(
        refused.content_text(),
        "error.server_permission",
        "en",
        permissions=permission_label(["moderate_members"]),
    )


@pytest.mark.postgres  # the promise holds on both backends
async def test_results_are_posted_once_even_if_a_crash_hides_that_they_were(
    runner: BotRunner, world: World
):
    """The results go through the outbox: if the bot stopped after Discord took the post but
    before it was marked sent, the restart finds the post in the channel and does not repeat
    it; a vote after the end is refused (checked in the same write as the vote)."""
    fake = world.fake
    await run(
        world,
        world.admin,
        "contest create",
        {"title": "Bestes Foto", "submission_time": "1d", "voting_time": "1d"},
    )
    await run(world, world.member, "contest submit", {"contest": "1", "text": "Sonnenuntergang"})
    await advance(runner, "submissions_close_at")
    await vote(world, world.english_member, 1)
    await advance(runner, "voting_close_at")

    def results() -> list[dict]:
        return [m for m in fake.messages(world.general) if "-# ref o" in m.get("content", "")]

    await fake.wait_for(lambda: len(results()) == 1)
    await runner.stop()
    with connect(runner.settings) as conn:  # as if killed before marking
        conn.execute("UPDATE outbox SET sent_at = NULL, message_id = NULL, attempts = 1")
    await runner.start()
    with connect(runner.settings) as conn:
        await fake.wait_for(
            lambda: (
                conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0] == 0
            )
        )
    assert len(results()) == 1
    # a click that raced the end (its button was still on screen) is refused in the write
    from cogs.contests import repository

    assert runner.db is not None and runner.bot is not None
    contest = await repository.get(runner.db, 1)
    assert contest is not None and contest.state == "ended"
    late = await repository.toggle_vote(runner.db, contest, 1, world.member.id, runner.bot.clock())
    assert late == "closed"


def embed_size(embed: dict) -> int:
    """What Discord counts towards an embed's 6,000 characters."""
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
        + len((embed.get("footer") or {}).get("text", ""))
    )


async def test_results_name_each_entry_and_stay_within_discords_limits(
    runner: BotRunner, world: World
):
    """Each ranked entry shows its title, else an excerpt of its text (one line, escaped, cut at
    a word), else "Bild"; with many long entries the results fill the embed with whole lines and
    say how many did not fit."""
    fake = world.fake
    await run(
        world,
        world.admin,
        "contest create",
        {"title": "Sommer **2027**", "submission_time": "1d", "voting_time": "1d"},
    )
    submitted = await run(
        world,
        world.member,
        "contest submit",
        {"contest": "1", "title": "  Abendrot   am See ", "text": "Ein langer Text über den See"},
    )
    assert says(submitted, "contest.submitted", "de", entry=1)
    (post,) = entry_messages(world)
    assert post["embeds"][0]["description"].startswith("**Abendrot am See**\n")
    submitted = await run(
        world,
        world.english_member,
        "contest submit",
        {"contest": "1", "attachment": ("photo.png", b"\x89PNG fake")},
    )
    assert says(submitted, "contest.submitted", "en", entry=2)
    hostile = (
        "@everyone  <@&123456789012345678>\n**fett** `code` "
        + "ein Satz mit vielen Wörtern der immer weiter geht " * 30
    )
    await runner.stop()
    with connect(runner.settings) as conn:
        rows = [
            (1, 900_000_000_000_000_000 + n, hostile, "2026-01-01T00:00:00+00:00")
            for n in range(150)
        ]
        conn.executemany(
            "INSERT INTO contest_entries (contest_id, author_id, text, created_at) VALUES (?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO contest_votes (contest_id, entry_id, voter_id, voted_at) VALUES (1, 1, ?, ?)",
            [(800 + n, "2026-01-01T00:00:00+00:00") for n in range(3)],
        )
        conn.execute(
            "INSERT INTO contest_votes (contest_id, entry_id, voter_id, voted_at) "
            "VALUES (1, 2, 900, '2026-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "UPDATE contests SET submissions_close_at = '2000-01-01T00:00:00+00:00', "
            "voting_close_at = '2000-01-01T00:00:00+00:00'"
        )
    await runner.start()
    (posted,) = await fake.wait_for(lambda: results_messages(world))
    embed = posted["embeds"][0]
    assert "Sommer \\*\\*2027\\*\\*" in embed["title"]
    assert embed_size(embed) <= 6000 and len(embed["description"]) <= 4096
    assert embed["fields"] and all(len(f["value"]) <= 1024 for f in embed["fields"])
    lines = embed["description"].splitlines() + [
        line for f in embed["fields"] for line in f["value"].splitlines()
    ]
    whole = [pattern("contest.result_line", "de", tie=tie) for tie in ("", t("contest.tie", "de"))]
    assert all(any(p.fullmatch(line) for p in whole) for line in lines)  # none cut in the middle
    assert says(
        lines[0],
        "contest.result_line",
        "de",
        count=3,
        place=1,
        entry=1,
        label=t("contest.label_title", "de", title="Abendrot am See"),
        author=f"<@{world.member.id}>",
        tie="",
    )
    assert says(lines[1], "contest.result_line", "de", count=1, place=2, entry=2, label="*Bild*")
    excerpt = lines[2].split("„", 1)[1].split("“", 1)[0]
    assert excerpt.startswith(
        "@\u200beveryone <@\u200b&123456789012345678> \\*\\*fett\\*\\* \\`code\\`"
    )
    assert excerpt.endswith("…") and not excerpt.endswith(" …")
    visible = excerpt.replace("\\", "").replace("\u200b", "")
    assert len(visible) <= 60 and hostile.split()[-1] not in visible[-12:]
    assert "@everyone" not in str(embed) and "<@&" not in str(embed)
    shown = len(lines)
    assert 20 < shown < 152
    assert says(embed["footer"]["text"], "contest.more", "de", count=152 - shown)
