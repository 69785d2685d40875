"""Manual moderation commands: success, every refusal made before any request, confirmation for
team members, temporary bans across restarts, exact purge counts, and no pings."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.moderation.outcomes import reason_only
from bot.replies import permission_label
from tests.catalog import catalog, says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run, run_reply

ADMINISTRATOR = 1 << 3
MODERATION_ROUTES = r"/guilds/\d+/(members|bans)/\d+"


def writes(fake) -> list:
    return [
        r
        for r in fake.requests_to("*", MODERATION_ROUTES)
        if r.method in ("PATCH", "PUT", "DELETE")
    ]


def refused(text: str, code: str, lang: str) -> bool:
    """The moderator's refusal (nothing sent to Discord) names the reason for ``code``."""
    return says(text, "mod.refused", lang, reason=reason_only(catalog(), lang, code))


def cases(runner: BotRunner) -> list[tuple]:
    with connect(runner.settings) as conn:
        return conn.execute(
            "SELECT number, user_id, moderator_id, action, reason FROM cases ORDER BY number"
        ).fetchall()


async def test_timeout_success_is_a_case_with_a_dm(runner: BotRunner, world: World):
    fake = world.fake
    text, reply = await run_reply(
        world,
        world.moderator,
        "timeout",
        {"member": world.member.id, "duration": "1h30m", "reason": "Ton"},
    )
    assert reply.ephemeral and says(text, "mod.done", "de", number=1, dm=t("dm.sent", "de"))
    until = fake.member(world.guild, world.member).communication_disabled_until
    assert until is not None
    assert cases(runner) == [(1, world.member.id, world.moderator.id, "timeout", "Ton")]
    dm = fake.dm_messages(world.member)[-1]["content"]
    assert says(dm, "notice.timeout", "de", server=world.guild.name, reason="Ton")


@pytest.mark.parametrize(
    ("actor", "target", "expected"),
    [
        ("moderator", "moderator", "self"),
        ("moderator", "owner", "owner"),
        ("moderator", "admin", "actor_hierarchy"),
        ("owner", "admin", "hierarchy"),
    ],
)
async def test_refusals_happen_before_any_request(
    runner: BotRunner, world: World, actor, target, expected
):
    fake = world.fake
    before = len(writes(fake))
    text, reply = await run_reply(
        world,
        getattr(world, actor),
        "timeout",
        {"member": getattr(world, target).id, "duration": "10m"},
    )
    assert reply.ephemeral and refused(text, expected, "de"), text
    assert len(writes(fake)) == before
    assert cases(runner) == []


async def test_equal_rank_and_administrator_timeouts_are_refused(runner: BotRunner, world: World):
    fake = world.fake
    colleague = fake.create_user("max", locale="de")
    fake.add_member(world.guild, colleague, roles=[world.mods])
    helper_admin = fake.create_role(world.guild, "Helfer", permissions=ADMINISTRATOR, position=1)
    admin_member = fake.create_user("ada", locale="de")
    fake.add_member(world.guild, admin_member, roles=[helper_admin])
    assert runner.bot is not None
    await fake.wait_for(
        lambda: runner.bot.get_guild(world.guild.id).get_member(admin_member.id) is not None
    )
    equal, _ = await run_reply(world, world.moderator, "kick", {"member": colleague.id})
    assert refused(equal, "actor_hierarchy", "de")
    admin_timeout, _ = await run_reply(
        world, world.owner, "timeout", {"member": admin_member.id, "duration": "10m"}
    )
    assert refused(admin_timeout, "administrator", "de")
    assert writes(fake) == []


async def test_member_not_in_cache_is_fetched_then_acted_on(runner: BotRunner, world: World):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    guild = bot.get_guild(world.guild.id)
    guild._remove_member(guild.get_member(world.member.id))  # as on a large server without chunking
    text, _ = await run_reply(
        world,
        world.moderator,
        "warn",
        {"member": world.member.id, "reason": "Bitte freundlich bleiben"},
    )
    assert says(text, "mod.done", "de", number=1)
    assert fake.requests_to("GET", rf"/guilds/\d+/members/{world.member.id}$")


async def test_non_members_permissions_and_bad_durations(runner: BotRunner, world: World):
    text, _ = await run_reply(
        world, world.moderator, "timeout", {"member": world.outsider.id, "duration": "10m"}
    )
    assert says(text, "mod.not_member", "de", member=f"<@{world.outsider.id}>")
    text, _ = await run_reply(
        world,
        world.member,
        "timeout",
        {"member": world.english_member.id, "duration": "10m"},
        bypass_default_permissions=True,
    )
    assert says(
        text,
        "error.server_permission",
        "de",
        permissions=permission_label(["moderate_members"]),
    )
    text, _ = await run_reply(
        world, world.moderator, "timeout", {"member": world.member.id, "duration": "10x"}
    )
    assert says(text, "error.duration_invalid", "de", value="10x")
    text, _ = await run_reply(
        world, world.moderator, "timeout", {"member": world.member.id, "duration": "29d"}
    )
    assert says(text, "error.duration_too_long", "de", maximum="28 Tage")
    assert writes(world.fake) == []


async def test_acting_on_a_team_member_asks_for_confirmation(runner: BotRunner, world: World):
    fake = world.fake
    text, prompt = await run_reply(
        world, world.admin, "timeout", {"member": world.moderator.id, "duration": "10m"}
    )
    assert says(
        text,
        "mod.confirm_staff",
        "en",
        member=f"<@{world.moderator.id}>",
        action=t("action.timeout", "en"),
    )
    assert writes(fake) == []
    buttons = [c for row in prompt.original["components"] for c in row["components"]]
    stranger = await fake.click(world.moderator, prompt.original, buttons[0]["custom_id"])
    await stranger.response()
    assert writes(fake) == []  # only the moderator who asked can confirm
    confirm = await fake.click(world.admin, prompt.original, buttons[0]["custom_id"])
    await confirm.response()
    done = await confirm.wait_for_original_edit()
    assert says(done["content"], "mod.done", "en", number=1)
    assert fake.member(world.guild, world.moderator).communication_disabled_until is not None


async def test_temporary_ban_lifts_itself_after_a_restart(runner: BotRunner, world: World):
    fake = world.fake
    text, _ = await run_reply(
        world,
        world.moderator,
        "ban",
        {"user": world.english_member.id, "duration": "2h", "reason": "Cool down"},
    )
    assert says(text, "mod.temp_ban_until", "de")
    assert world.english_member.id in fake.bans(world.guild)
    notice = [
        m
        for m in fake.dm_messages(world.english_member)
        if says(m["content"], "notice.ban", "de", reason="Cool down")
    ]
    assert notice, "the member is told (in the server's language) before the ban"
    await runner.stop()
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    with connect(runner.settings) as conn:
        conn.execute("UPDATE temp_bans SET unban_at = ?", (past,))
    await runner.start()
    await fake.wait_for(lambda: world.english_member.id not in fake.bans(world.guild))
    await fake.wait_for(lambda: [c for c in cases(runner) if c[3] == "unban"])
    with connect(runner.settings) as conn:
        assert conn.execute("SELECT count(*) FROM temp_bans").fetchone()[0] == 0


async def test_unknown_ban_counts_as_already_lifted(runner: BotRunner, world: World):
    fake = world.fake
    await run_reply(
        world, world.moderator, "ban", {"user": world.english_member.id, "duration": "1h"}
    )
    fake.world.guild(world.guild.id).bans.pop(
        world.english_member.id
    )  # lifted in Discord's interface
    await runner.stop()
    with connect(runner.settings) as conn:
        conn.execute("UPDATE temp_bans SET unban_at = '2000-01-01T00:00:00+00:00'")
    await runner.start()
    await fake.wait_for(lambda: [c for c in cases(runner) if c[3] == "unban"])
    text, _ = await run_reply(world, world.moderator, "unban", {"user": world.english_member.id})
    assert says(text, "mod.not_banned", "de", member=f"<@{world.english_member.id}>")


async def test_purge_across_mixed_ages_reports_exact_counts(runner: BotRunner, world: World):
    fake = world.fake
    for n in range(4):
        fake.add_history(world.member, world.general, f"alt {n}", age=timedelta(days=20))
    for n in range(3):
        fake.add_history(world.english_member, world.general, f"other {n}", age=timedelta(hours=2))
    recent = [
        fake.add_history(world.member, world.general, f"neu {n}", age=timedelta(minutes=30 - n))
        for n in range(5)
    ]
    text, _ = await run_reply(world, world.admin, "purge", {"count": 50, "member": world.member.id})
    assert says(text, "mod.purge_done", "en", deleted=5, skipped=4)
    assert all(fake.message(m["id"]) is None for m in recent)
    remaining = [m["content"] for m in fake.messages(world.general)]
    assert (
        sum(c.startswith("alt") for c in remaining) == 4
        and sum(c.startswith("other") for c in remaining) == 3
    )
    assert fake.requests_to("POST", r"/messages/bulk-delete")


async def test_slowmode_and_lockdown(runner: BotRunner, world: World):
    fake = world.fake
    text, _ = await run_reply(world, world.admin, "slowmode", {"delay": "10s"})
    assert says(text, "mod.slowmode_set", "en", delay="10s")
    assert fake.world.channel(world.general.id).rate_limit_per_user == 10
    text, _ = await run_reply(world, world.admin, "slowmode", {"delay": "off"})
    assert fake.world.channel(world.general.id).rate_limit_per_user == 0


async def test_reasons_never_ping(runner: BotRunner, world: World):
    fake = world.fake
    await run_reply(
        world,
        world.moderator,
        "warn",
        {"member": world.member.id, "reason": f"@everyone <@&{world.mods.id}> <@{world.admin.id}>"},
    )
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert posts
    for request in posts:
        assert request.json["allowed_mentions"]["parse"] == []
        assert not request.json["allowed_mentions"].get("users") and not request.json[
            "allowed_mentions"
        ].get("roles")
    assert "@everyone" in fake.dm_messages(world.member)[-1]["content"]  # shown, not pinging


async def test_untimeout_kick_ban_and_unban_succeed_with_cases(runner: BotRunner, world: World):
    fake = world.fake
    await run_reply(
        world, world.moderator, "timeout", {"member": world.member.id, "duration": "10m"}
    )
    text, _ = await run_reply(world, world.moderator, "untimeout", {"member": world.member.id})
    assert (
        says(text, "mod.done", "de", number=2)
        and fake.member(world.guild, world.member).communication_disabled_until is None
    )
    text, _ = await run_reply(world, world.moderator, "untimeout", {"member": world.member.id})
    assert says(text, "mod.not_timed_out", "de", member=f"<@{world.member.id}>")
    text, _ = await run_reply(
        world, world.moderator, "kick", {"member": world.member.id, "reason": "Bitte Regeln lesen"}
    )
    assert (
        says(text, "mod.done", "de", number=3)
        and world.member.id not in fake.world.guild(world.guild.id).members
    )
    text, _ = await run_reply(
        world, world.moderator, "ban", {"user": world.member.id, "delete_messages": 86400}
    )
    assert says(text, "mod.done", "de", number=4) and world.member.id in fake.bans(world.guild)
    ban_request = fake.requests_to("PUT", rf"/guilds/\d+/bans/{world.member.id}")[-1]
    assert (
        "86400" in str(ban_request.query)
        or (ban_request.json or {}).get("delete_message_seconds") == 86400
    )
    text, _ = await run_reply(world, world.moderator, "unban", {"user": world.member.id})
    assert says(text, "mod.done", "de", number=5) and world.member.id not in fake.bans(world.guild)
    assert [c[3] for c in cases(runner)] == ["timeout", "untimeout", "kick", "ban", "unban"]


async def test_a_confirmed_timeout_of_someone_who_left_never_becomes_a_ban(
    runner: BotRunner, world: World
):
    fake = world.fake
    _text, prompt = await run_reply(
        world, world.admin, "timeout", {"member": world.moderator.id, "duration": "10m"}
    )
    buttons = [c for row in prompt.original["components"] for c in row["components"]]
    fake.remove_member(world.guild, world.moderator)  # leaves while the admin decides
    assert runner.bot is not None
    await fake.wait_for(
        lambda: runner.bot.get_guild(world.guild.id).get_member(world.moderator.id) is None
    )
    confirm = await fake.click(world.admin, prompt.original, buttons[0]["custom_id"])
    await confirm.response()
    done = await confirm.wait_for_original_edit()
    assert says(done["content"], "mod.done", "en", outcome=t("outcome.gone", "en"))
    assert world.moderator.id not in fake.bans(world.guild)
    assert not fake.requests_to("PUT", r"/bans/")


async def test_a_permanent_ban_replaces_a_temporary_one(runner: BotRunner, world: World):
    fake = world.fake
    await run_reply(
        world, world.moderator, "ban", {"user": world.english_member.id, "duration": "2h"}
    )
    await run_reply(
        world, world.moderator, "ban", {"user": world.english_member.id, "reason": "Doch dauerhaft"}
    )
    with connect(runner.settings) as conn:
        assert conn.execute("SELECT count(*) FROM temp_bans").fetchone()[0] == 0
    assert runner.bot is not None and not runner.bot.scheduler.has(
        f"tempban:{world.guild.id}:{world.english_member.id}"
    )
    await runner.restart()
    await asyncio.sleep(0.3)
    assert world.english_member.id in fake.bans(world.guild)


async def test_a_ban_that_fails_after_the_notice_is_corrected(runner: BotRunner, world: World):
    """The member is told of a ban before it happens (afterwards the bot shares no server with
    them). If Discord then refuses it, the member gets a correction and the case says so."""
    fake = world.fake
    fake.inject_error("PUT", rf"^/guilds/{world.guild.id}/bans/{world.member.id}$", 403, 50013)
    text = await run(world, world.moderator, "ban", {"user": world.member.id, "reason": "Spam"})
    assert says(text, "mod.done", "de", outcome=t("outcome.failed", "de", status="403/50013"))
    dms = [m["content"] for m in fake.dm_messages(world.member)]
    assert (
        len(dms) == 2
        and says(dms[0], "notice.ban", "de", reason="Spam")
        and says(dms[1], "notice.correction", "de", action=t("action.ban", "de"))
    )
    assert world.member.id in fake.world.guild(world.guild.id).members
    assert runner.db is not None
    row = await runner.db.fetchone("SELECT state, outcome FROM cases WHERE action = 'ban'")
    assert row is not None and tuple(row) == ("failed", "failed:403/50013")


async def test_points_from_a_warning_climb_the_ladder(runner: BotRunner, world: World):
    """A moderator's warning with points crosses the strike ladder like an automatic case."""
    text = await run(
        world, world.moderator, "warn", {"member": world.member.id, "reason": "Ton", "points": 3}
    )
    assert says(text, "mod.done", "de", action=t("action.warn", "de"))
    await world.fake.wait_for(
        lambda: world.fake.member(world.guild, world.member).communication_disabled_until
    )
    assert runner.db is not None
    rows = await runner.db.fetchall("SELECT action, rule, moderator_id FROM cases ORDER BY number")
    assert [tuple(r) for r in rows] == [
        ("warn", None, world.moderator.id),
        ("timeout", "strikes", 0),
    ]
