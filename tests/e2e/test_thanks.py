"""Recognition end to end: members thank each other (Apps › Thank, /thanks) in German and
English; refusals for bots, webhooks, system messages and oneself; the daily limit and the
weekly bound per pair across a restart; /profile; the monthly post with what other features
counted, the statistics' opt-out (also after a forget), the top-helper role; and forget."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run
from tests.e2e.test_privacy_leftovers import rows_naming
from tests.e2e.test_stats import forget

MANAGE_ROLES = 1 << 28


async def thank_message(world: World, user: Any, message: dict) -> tuple[str, Any]:
    done = await world.fake.invoke_message_command(user, message, "Thank")
    return await done.answered(), done


async def thank(world: World, user: Any, member: Any) -> tuple[str, Any]:
    done = await world.fake.invoke(user, world.general, "thanks", {"member": member.id})
    text = await done.answered()
    return text, done


def stored_message(world: World, author: Any, **extra: Any) -> dict:
    """A message that exists in the channel (history), of a kind members cannot send."""
    msg_type = extra.pop("msg_type", 0)
    fake = world.fake
    message = fake.store.build(
        fake.world.user(author),
        fake.world.channel(world.general),
        {"content": "hallo"},
        msg_type=msg_type,
        extra=extra or None,
    )
    fake.store.store(message)
    return message


async def thanks_rows(runner: BotRunner) -> list[tuple]:
    assert runner.bot is not None
    rows = await runner.bot.db.fetchall(
        "SELECT giver_id, receiver_id, counted FROM thanks ORDER BY id"
    )
    return [tuple(r) for r in rows]


async def test_thanks_refusals_and_limits_in_both_languages_across_a_restart(
    runner: BotRunner, world: World
):
    fake = world.fake
    mia, ben, olga = world.member, world.english_member, world.owner
    helpful = await fake.send_message(mia, world.general, "So geht das: …")

    said, done = await thank_message(world, ben, helpful)
    assert not done.ephemeral  # public, in the server's language, pinging nobody
    assert says(said, "thanks.public_message", "de")
    assert done.callbacks[0]["data"]["allowed_mentions"]["parse"] == []
    again, done = await thank_message(world, ben, helpful)
    assert done.ephemeral and says(again, "thanks.already", "en")

    # refusals, each in the member's language
    own, _ = await thank_message(world, mia, helpful)
    assert says(own, "thanks.no_self", "de")
    bots_message = next(m for m in fake.messages(world.general) if m["author"].get("bot"))
    assert says((await thank_message(world, ben, bots_message))[0], "thanks.no_bot", "en")
    hook = stored_message(world, fake.create_user("Hook"), webhook_id="4242")
    assert says((await thank_message(world, ben, hook))[0], "thanks.no_webhook", "en")
    joined = stored_message(world, olga, msg_type=7)
    assert says((await thank_message(world, mia, joined))[0], "thanks.no_system", "de")
    assert says((await thank(world, mia, mia))[0], "thanks.no_self", "de")
    assert says((await thank(world, ben, fake.bot_user))[0], "thanks.no_bot", "en")
    assert await thanks_rows(runner) == [(ben.id, mia.id, 1)]

    # the same pair counts three times a week; a fourth thank arrives but does not count
    for _ in range(2):
        said, _ = await thank(world, ben, mia)
        assert says(said, "thanks.public", "de")
    said, done = await thank(world, ben, mia)
    note = await done.wait_for_followup()
    assert says(said, "thanks.public", "de")
    assert says(note["content"], "thanks.not_counted", "en") and int(note["flags"]) & 64
    assert [r[2] for r in await thanks_rows(runner)] == [1, 1, 1, 0]
    # five thanks in 24 hours; the sixth is refused, also after a restart
    said, _ = await thank(world, ben, olga)
    assert says(said, "thanks.public", "de")
    await runner.restart()
    said, done = await thank(world, ben, olga)
    assert done.ephemeral and says(said, "thanks.daily_limit", "en", count=5)
    assert len(await thanks_rows(runner)) == 5
    runner.clock.advance(hours=25)
    said, _ = await thank(world, ben, olga)
    assert says(said, "thanks.public", "de")

    profile = await run(world, mia, "profile")
    assert says(profile, "thanks.profile_total", "de", received=3, given=0)
    assert says(profile, "thanks.profile_named", "de")
    profile = await run(world, ben, "profile")
    assert says(profile, "thanks.profile_total", "en", received=0, given=6)


async def add_answer(runner: BotRunner, world: World, user: Any, count: int) -> None:
    """Questions a member answered in a Q&A round (the Q&A feature's own rows)."""
    assert runner.bot is not None
    now = runner.clock().isoformat(timespec="seconds")
    async with runner.bot.db.transaction() as tx:
        round_id = await tx.insert(
            "INSERT INTO qa_rounds (guild_id, channel_id, topic, host_id, ends_at, state, "
            "created_by, created_at) VALUES (?, ?, 'Thema', ?, ?, 'closed', ?, ?)",
            (world.guild.id, world.general.id, user.id, now, user.id, now),
        )
        for number in range(1, count + 1):
            await tx.execute(
                "INSERT INTO qa_questions (round_id, number, author_id, text, answer, "
                "answered_by, answered_at, created_at) VALUES (?, ?, ?, 'Frage?', 'Antwort', ?, "
                "?, ?)",
                (round_id, number, world.owner.id, user.id, now, now),
            )


async def add_done_suggestion(runner: BotRunner, world: World, user: Any) -> None:
    """A suggestion of the member's that the team marked done (the suggestions' own row)."""
    assert runner.bot is not None
    now = runner.clock().isoformat(timespec="seconds")
    async with runner.bot.db.transaction() as tx:
        await tx.execute(
            "INSERT INTO suggestions (guild_id, number, author_id, title, status, channel_id, "
            "created_at, decided_at) VALUES (?, 1, ?, 'Idee', 'done', ?, ?, ?)",
            (world.guild.id, user.id, world.general.id, now, now),
        )


async def use_announcements(world: World) -> None:
    options = {"purpose": "announcements", "channel": world.general.id}
    await run(world, world.admin, "config channel", options)


async def monthly_on(world: World, admin: Any = None, role: Any = None) -> str:
    """The announcements channel set and the monthly post switched on (with a top-helper role);
    the settings reply."""
    await use_announcements(world)
    options: dict[str, Any] = {"monthly": True} | ({"role": role.id} if role else {})
    return await run(world, admin or world.owner, "recognition settings", options)


def recognition_posts(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.general)
        if "🌟" in m.get("content", "") and not m.get("interaction_metadata")
    ]


async def test_the_monthly_post_names_helpers_respects_opt_outs_and_rotates_the_role(
    runner: BotRunner, world: World
):
    fake = world.fake
    mia, ben, olga, mona = world.member, world.english_member, world.owner, world.moderator
    top_role = fake.create_role(world.guild, "Hilfsbereit", position=1)
    reply = await monthly_on(world, olga, top_role)
    assert says(reply, "thanks.settings_show", "de")
    # ben asks not to appear on leaderboards; mona answered questions; mia was thanked
    await run(world, ben, "privacy", {"leaderboard": "no"})
    await thank(world, ben, mia)
    await thank(world, olga, mia)
    await thank(world, mona, mia)
    await thank(world, mia, ben)
    await thank(world, olga, ben)
    await add_answer(runner, world, mona, 1)

    runner.clock.advance(days=32)
    bot = runner.bot
    assert bot is not None
    cog: Any = bot.get_cog("ThanksCog")
    await cog.recognition.monthly_job(world.guild.id)
    (post,) = recognition_posts(world)
    content = post["content"]
    assert says(content, "thanks.post_title", "de")
    assert says(content, "thanks.post_first", "de", member=f"<@{mia.id}>")
    assert says(content, "thanks.part_answers", "de", count=1)
    assert f"<@{ben.id}>" not in content  # thanked twice, but he opted out
    assert fake.message(post["id"]) is not None
    assert top_role.id in fake.member(world.guild, mia).roles
    assert top_role.id in fake.member(world.guild, mona).roles
    assert top_role.id not in fake.member(world.guild, ben).roles
    # once per month: neither a second run nor a restart posts it again
    await cog.recognition.monthly_job(world.guild.id)
    await runner.restart()
    await fake.wait_for(lambda: runner.bot and runner.bot.is_ready())
    assert len(recognition_posts(world)) == 1

    # next month: ben forgets his data (the opt-out stays), olga helps; the role moves on
    await forget(world, ben)
    await thank(world, mia, olga)
    await thank(world, mia, ben)
    await thank(world, olga, ben)
    await add_done_suggestion(runner, world, olga)
    runner.clock.advance(days=31)
    cog = runner.bot.get_cog("ThanksCog")  # type: ignore[union-attr]
    await cog.recognition.monthly_job(world.guild.id)
    posts = recognition_posts(world)
    assert len(posts) == 2
    assert says(posts[1]["content"], "thanks.post_first", "de", member=f"<@{olga.id}>")
    assert says(posts[1]["content"], "thanks.part_done", "de", count=1)
    assert f"<@{ben.id}>" not in posts[1]["content"]
    assert top_role.id in fake.member(world.guild, olga).roles
    assert top_role.id not in fake.member(world.guild, mia).roles
    assert top_role.id not in fake.member(world.guild, mona).roles


async def test_forget_deletes_received_thanks_and_anonymises_given_ones(
    runner: BotRunner, world: World
):
    mia, ben = world.member, world.english_member
    helpful = await world.fake.send_message(mia, world.general, "Hier ist die Lösung")
    await thank_message(world, ben, helpful)
    await thank(world, mia, ben)
    exported = await runner.bot.privacy.export(mia.id)  # type: ignore[union-attr]
    directions = sorted(t["direction"] for t in exported["thanks"]["data"]["thanks"])
    assert directions == ["given", "received"]
    await forget(world, mia)
    assert "thanks" not in rows_naming(runner, mia.id)
    assert await thanks_rows(runner) == [(0, ben.id, 1)]
    assert says(await run(world, ben, "profile"), "thanks.profile_total", "en", received=1)


async def test_a_post_interrupted_after_its_claim_goes_out_once_at_the_next_start(
    runner: BotRunner, world: World
):
    fake = world.fake
    mia, ben = world.member, world.english_member
    await monthly_on(world)
    await thank(world, ben, mia)
    runner.clock.advance(days=32)
    assert runner.bot is not None
    zone = runner.bot.guild_settings.timezone(world.guild.id)
    month = (runner.clock() - timedelta(days=32)).astimezone(zone).strftime("%Y-%m")
    # the bot claimed the month and stopped before posting
    async with runner.bot.db.transaction() as tx:
        await tx.execute(
            "INSERT INTO thanks_posts (guild_id, month, posted_at) VALUES (?, ?, ?)",
            (world.guild.id, month, runner.clock().isoformat()),
        )
    await runner.restart()
    (post,) = await fake.wait_for(lambda: recognition_posts(world))
    assert f"ref thanks:{month}" in post["content"]
    # and when the post did go out before the stop, the next start finds it and posts nothing
    async with runner.bot.db.transaction() as tx:  # type: ignore[union-attr]
        await tx.execute("UPDATE thanks_posts SET message_id = NULL")
    await runner.restart()
    await fake.wait_for(
        lambda: query_one(runner, "SELECT message_id FROM thanks_posts") == int(post["id"])
    )
    assert len(recognition_posts(world)) == 1


def query_one(runner: BotRunner, sql: str) -> Any:

    with connect(runner.settings) as conn:
        row = conn.execute(sql).fetchone()
    return row[0] if row else None


async def test_a_team_role_is_refused_as_the_top_helper_role_and_not_given_later(
    runner: BotRunner, world: World
):
    fake = world.fake
    mia, ben, olga = world.member, world.english_member, world.owner
    mods = fake.create_role(world.guild, "Mods", position=1)
    award = fake.create_role(world.guild, "Hilfsbereit", position=1)
    await use_announcements(world)
    await run(world, olga, "config role", {"kind": "moderator", "role": mods.id})
    refused = await run(world, olga, "recognition settings", {"monthly": True, "role": mods.id})
    assert says(refused, "thanks.role_team", "de", role=f"<@&{mods.id}>"), refused
    await run(world, olga, "recognition settings", {"monthly": True, "role": award.id})
    await thank(world, ben, mia)
    # the role becomes the quarantine role before the month's end: nobody gets it
    await run(world, olga, "automod raid", {"quarantine_role": award.id})
    bot = runner.bot
    assert bot is not None
    assert bot.content_check.config(world.guild.id).raid.quarantine_role_id == award.id
    runner.clock.advance(days=32)
    cog: Any = bot.get_cog("ThanksCog")
    await cog.recognition.monthly_job(world.guild.id)
    (post,) = recognition_posts(world)
    assert says(post["content"], "thanks.post_first", "de", member=f"<@{mia.id}>")
    assert award.id not in fake.member(world.guild, mia).roles


async def test_a_role_granting_manage_messages_in_one_channel_is_no_award(
    runner: BotRunner, world: World
):
    fake = world.fake
    helpers = fake.create_role(world.guild, "Helfer", position=1)
    corner = fake.create_text_channel(world.guild, "ecke")
    fake.set_overwrites(
        corner, [{"id": str(helpers.id), "type": 0, "allow": str(1 << 13), "deny": "0"}]
    )
    bot = runner.bot
    assert bot is not None

    def overwritten() -> bool:
        channel: Any = bot.get_channel(corner.id)
        role = bot.get_guild(world.guild.id).get_role(helpers.id)  # type: ignore[union-attr]
        return (
            channel is not None
            and role is not None
            and bool(channel.overwrites_for(role).manage_messages)
        )

    await fake.wait_for(overwritten)
    refused = await run(world, world.owner, "recognition settings", {"role": helpers.id})
    assert says(refused, "thanks.role_dangerous", "de", role=f"<@&{helpers.id}>"), refused


class Stopped(Exception):
    """The bot stops at this point."""


async def test_the_top_helper_role_is_given_after_a_stop_before_it_was_given(
    runner: BotRunner, world: World, monkeypatch: Any
):
    import sys

    import pytest

    fake = world.fake
    mia, ben = world.member, world.english_member
    award = fake.create_role(world.guild, "Hilfsbereit", position=1)
    await monthly_on(world, role=award)
    await thank(world, ben, mia)
    hold_the_schedule(runner, world)  # the job runs here, not on the scheduler's own time
    runner.clock.advance(days=32)

    def stop(*args: Any, **kwargs: Any) -> Any:
        raise Stopped

    # the post went out and was recorded, then the bot stopped before giving the role
    assert runner.bot is not None
    cog: Any = runner.bot.get_cog("ThanksCog")
    monkeypatch.setattr(cog.recognition, "rotate_role", stop)
    with pytest.raises(Stopped):
        await cog.recognition.monthly_job(world.guild.id)
    monkeypatch.undo()
    assert award.id not in fake.member(world.guild, mia).roles
    await runner.restart()
    await fake.wait_for(lambda: award.id in fake.member(world.guild, mia).roles)
    assert len(recognition_posts(world)) == 1

    # next month the post goes out but the bot stops before recording it: the next start finds
    # it in the channel and gives the role
    await thank(world, mia, ben)
    hold_the_schedule(runner, world)
    runner.clock.advance(days=31)
    cog = runner.bot.get_cog("ThanksCog")  # type: ignore[union-attr]
    # the extension's modules are imported afresh at each start
    live = sys.modules[type(cog.recognition).__module__]
    monkeypatch.setattr(live.repository, "posted", stop)
    with pytest.raises(Stopped):
        await cog.recognition.monthly_job(world.guild.id)
    monkeypatch.undo()
    assert len(recognition_posts(world)) == 2
    await runner.restart()
    await fake.wait_for(lambda: award.id in fake.member(world.guild, ben).roles)
    assert award.id not in fake.member(world.guild, mia).roles
    assert len(recognition_posts(world)) == 2


def hold_the_schedule(runner: BotRunner, world: World) -> None:
    assert runner.bot is not None
    cog: Any = runner.bot.get_cog("ThanksCog")
    runner.bot.scheduler.cancel(cog.recognition.job_key(world.guild.id))


async def test_a_failed_post_is_tried_again_within_the_month(runner: BotRunner, world: World):
    fake = world.fake
    mia, ben = world.member, world.english_member
    await monthly_on(world)
    await thank(world, ben, mia)
    hold_the_schedule(runner, world)
    runner.clock.advance(days=32)
    assert runner.bot is not None
    cog: Any = runner.bot.get_cog("ThanksCog")
    fake.inject_error("POST", rf"/channels/{world.general.id}/messages", 403, 50013)
    await cog.recognition.monthly_job(world.guild.id)
    assert recognition_posts(world) == []
    retry = cog.recognition.next_due(world.guild.id)
    assert retry is not None and retry - runner.clock() <= timedelta(minutes=10)
    hold_the_schedule(runner, world)
    runner.clock.advance(minutes=10)
    await cog.recognition.monthly_job(world.guild.id)
    assert len(recognition_posts(world)) == 1
    upcoming = cog.recognition.next_due(world.guild.id)
    assert upcoming is not None and upcoming - runner.clock() > timedelta(days=20)


async def test_forget_takes_the_top_helper_role_back(runner: BotRunner, world: World):
    fake = world.fake
    mia, ben = world.member, world.english_member
    award = fake.create_role(world.guild, "Hilfsbereit", position=1)
    await monthly_on(world, role=award)
    await thank(world, ben, mia)
    hold_the_schedule(runner, world)
    runner.clock.advance(days=32)
    assert runner.bot is not None
    cog: Any = runner.bot.get_cog("ThanksCog")
    await cog.recognition.monthly_job(world.guild.id)
    assert award.id in fake.member(world.guild, mia).roles
    await forget(world, mia)
    assert award.id not in fake.member(world.guild, mia).roles
    assert "thanks" not in rows_naming(runner, mia.id)
