"""Auto-moderation end to end: rules fire and act, exemptions hold, strikes escalate and decay,
edits are caught, nothing pings, and the bot survives missing permissions and floods."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sqlite3
from typing import Any

import pytest

from bot.moderation.pipeline import DM_HOLD
from bot.replies import permission_label
from sandbox.emulation.ratelimits import Enforcer
from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import buttons, run

MANAGE_MESSAGES = 1 << 13


def cases(runner: BotRunner) -> list[dict[str, Any]]:
    with connect(runner.settings) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM cases ORDER BY number")]


async def wait_cases(runner: BotRunner, count: int, timeout: float = 5) -> list[dict[str, Any]]:
    await runner.fake.wait_for(lambda: len(cases(runner)) >= count, timeout=timeout)
    return cases(runner)


async def configure_modlog(world: World) -> None:
    reply = await world.fake.invoke(
        world.admin,
        world.general,
        "config channel",
        {"purpose": "modlog", "channel": world.staff_only.id},
    )
    await reply.response()


def deleted(fake, message) -> bool:
    return fake.message(message["id"]) is None


@pytest.fixture
async def modlog(runner: BotRunner, world: World) -> World:
    await configure_modlog(world)
    return world


async def test_invite_from_a_member_is_deleted_recorded_explained_and_logged(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    message = await fake.send_message(
        world.member, world.general, "Kommt alle auf discord.gg/andererserver !"
    )
    (case,) = await wait_cases(runner, 1)
    assert case["rule"] == "invites" and case["action"] == "delete" and case["moderator_id"] == 0
    assert case["points"] == 1 and case["user_id"] == world.member.id
    await fake.wait_for(lambda: deleted(fake, message))
    log = await fake.wait_for(
        lambda: [m for m in fake.messages(world.staff_only) if m.get("embeds")]
    )
    embed = log[-1]["embeds"][0]
    # the server's language is German, the rule too
    assert says(embed["title"], "case.title", "de", number=1, action=t("action.delete", "de"))
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields[t("case.rule", "de")] == t("automod.rule_name.invites", "de")
    dm = await fake.wait_for(lambda: fake.dm_messages(world.member))
    assert says(dm[-1]["content"], "notice.delete", "de", server=world.guild.name)
    assert says(dm[-1]["content"], "automod.reason.invites", "de")


async def test_moderators_and_exempt_channels_are_left_alone(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    await fake.send_message(world.moderator, world.general, "discord.gg/partner")
    text = await run(world, world.admin, "automod exempt", {"channel": world.readonly.id})
    assert says(
        text,
        "automod.exempt_added",
        "en",
        target=f"<#{world.readonly.id}>",
        rule=t("automod.all_rules", "en"),
    )
    await fake.send_message(world.member, world.readonly, "discord.gg/partner")
    await asyncio.sleep(0.3)
    assert cases(runner) == []


async def test_blocked_words_catch_compounds_and_evasions_but_not_innocent_words(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    assert says(
        await run(world, world.admin, "automod words add", {"word": "idiot", "inside_words": True}),
        "automod.term_added",
        "en",
    )
    assert says(
        await run(world, world.admin, "automod words add", {"word": "ass"}),
        "automod.term_added",
        "en",
    )
    innocent = await fake.send_message(
        world.english_member, world.general, "Thanks for the assistance in class tonight!"
    )
    bad = await fake.send_message(world.member, world.general, "Du V\u200boll-1d10t")
    (case,) = await wait_cases(runner, 1)
    assert case["rule"] == "words" and case["user_id"] == world.member.id
    await fake.wait_for(lambda: deleted(fake, bad))
    assert not deleted(fake, innocent)


async def test_strikes_escalate_to_a_timeout_and_decay_with_the_clock(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod words add", {"word": "doof"})
    for number in range(2):
        await fake.send_message(world.member, world.general, f"du bist doof {number}")
    await wait_cases(runner, 2)
    runner.clock.advance(days=31)  # both points expire
    await fake.send_message(world.member, world.general, "doof")
    await wait_cases(runner, 3)
    await asyncio.sleep(0.3)
    assert [c["action"] for c in cases(runner)] == [
        "delete",
        "delete",
        "delete",
    ]  # 1 active point, no timeout
    for number in range(2):
        await fake.send_message(world.member, world.general, f"doof {number}")
    found = await wait_cases(runner, 6)
    ladder = found[-1]
    assert (
        ladder["rule"] == "strikes"
        and ladder["action"] == "timeout"
        and ladder["duration_seconds"] == 600
    )
    member = fake.member(world.guild, world.member)
    await fake.wait_for(lambda: member.communication_disabled_until is not None)


async def test_edit_into_a_bad_word_is_caught_after_a_restart_and_previews_add_nothing(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod words add", {"word": "idiot"})
    message = await fake.send_message(world.member, world.general, "Hallo zusammen")
    await runner.restart()  # the message is no longer in discord.py's cache
    await fake.edit_message(world.member, message, "Hallo ihr Idioten und du idiot")
    (case,) = await wait_cases(runner, 1)
    assert case["rule"] == "words" and case["message_id"] == int(message["id"])
    # A link preview is an update without a content change: no second strike.
    other = await fake.send_message(world.member, world.general, "schaut mal https://example.com")
    await fake.add_link_preview(other)
    await fake.edit_message(
        world.member, message, "idiot idiot"
    )  # already has a case for this rule
    await asyncio.sleep(0.4)
    assert len(cases(runner)) == 1


async def test_nothing_pings_and_echoed_text_cannot_break_out(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod words add", {"word": "idiot"})
    await fake.send_message(
        world.member,
        world.general,
        f"@everyone <@&{world.mods.id}> ``` idiot ``` <@{world.admin.id}>",
    )
    await wait_cases(runner, 1)
    await fake.wait_for(lambda: [m for m in fake.messages(world.staff_only) if m.get("embeds")])
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert posts
    for request in posts:
        assert request.json.get("allowed_mentions", {}).get("parse") == [], request.json
        assert request.json["allowed_mentions"].get("users", []) == []
        assert request.json["allowed_mentions"].get("roles", []) == []
    embed = [m for m in fake.messages(world.staff_only) if m.get("embeds")][-1]["embeds"][0]
    evidence = next(f["value"] for f in embed["fields"] if f["name"] == t("case.evidence", "de"))
    assert evidence.count("```") == 2  # the member's backticks cannot close the block


async def test_missing_manage_messages_gives_a_clear_note_and_no_request(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    bot_id = fake.bot_user.id
    fake.set_overwrites(
        world.general, [{"id": str(bot_id), "type": 1, "allow": "0", "deny": str(MANAGE_MESSAGES)}]
    )
    assert runner.bot is not None
    await fake.wait_for(
        lambda: (
            not runner.bot.get_channel(world.general.id)
            .permissions_for(runner.bot.get_guild(world.guild.id).me)
            .manage_messages
        )
    )
    message = await fake.send_message(world.member, world.general, "discord.gg/spam")
    await wait_cases(runner, 1)
    notes = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.staff_only)
            if says(
                m.get("content", ""),
                "modlog.missing_manage_messages",
                "de",
                channel=f"<#{world.general.id}>",
            )
        ]
    )
    assert len(notes) == 1
    assert not deleted(fake, message)
    assert not [r for r in fake.requests if r.method == "DELETE" and r.path.endswith(message["id"])]


async def test_offensive_language_is_only_flagged_for_review(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    message = await fake.send_message(
        world.member, world.general, "Halt die Fresse, du dummer Spast, du Vollidiot"
    )
    (case,) = await wait_cases(runner, 1)
    assert case["rule"] == "offense" and case["action"] == "flag" and case["points"] == 0
    assert '"score"' in case["evidence"] and '"excerpt"' not in case["evidence"]
    # the model's value in words: "Modellwert 0,97, deutscher Text", not "de score 0.97"
    language = t("automod.model_lang.de", "de")
    assert says(case["reason"], "automod.measure.offense", "de", language=language)
    assert "score" not in case["reason"]
    await asyncio.sleep(0.3)
    assert not deleted(fake, message)
    civil = await fake.send_message(
        world.english_member, world.general, "This update is terrible, please fix the lag"
    )
    await asyncio.sleep(1.2)
    assert len(cases(runner)) == 1 and not deleted(fake, civil)


async def test_flood_of_fifty_members_ends_with_one_timeout_each_and_batched_deletes(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    await run(
        world, world.admin, "automod rule", {"rule": "spam_rate", "action": "timeout", "points": 0}
    )
    spammers = [fake.create_user(f"spammer{n}") for n in range(50)]
    for user in spammers:
        fake.add_member(world.guild, user)
    assert runner.bot is not None
    await fake.wait_for(lambda: len(runner.bot.get_guild(world.guild.id).members) >= 55)
    sent = 0
    for round_ in range(20):
        for user in spammers:
            try:
                await fake.send_message(user, world.general, f"spam {round_}")
                sent += 1
            except Exception:
                pass  # a timed-out member cannot post any more, as on Discord
    found = await wait_cases(runner, 50, timeout=30)
    await asyncio.sleep(1)
    timeouts = [c for c in cases(runner) if c["action"] == "timeout"]
    assert sorted(c["user_id"] for c in timeouts) == sorted(u.id for u in spammers)
    assert len(found) == 50
    bulk = fake.requests_to("POST", r"/channels/\d+/messages/bulk-delete")
    single = fake.requests_to("DELETE", r"/channels/\d+/messages/\d+")
    assert bulk, "deletions are batched"
    assert len(bulk) + len(single) < sent / 3
    assert fake.invalid_request_count < 5  # no retries of 403/404


async def test_hostile_pattern_is_refused_with_the_reason_and_text_shown_back(
    runner: BotRunner, world: World
):
    text = await run(world, world.admin, "automod pattern add", {"pattern": r"(a)\1+"})
    assert says(text, "automod.pattern_refused", "en") and r"(a)\1+" in text
    assert says(text, "automod.pattern_error.syntax", "en")
    everything = await run(world, world.admin, "automod pattern add", {"pattern": "a*"})
    assert says(everything, "automod.pattern_error.matches_empty", "en")
    ok = await run(world, world.admin, "automod pattern add", {"pattern": r"(a+)+$"})
    assert says(ok, "automod.term_added", "en")


async def test_automod_test_explains_without_acting(runner: BotRunner, world: World):
    text = await run(
        world, world.moderator, "automod test", {"text": "free nitro https://dlscord.gift/x"}
    )
    assert says(text, "automod.test_hit", "de", rule=t("automod.rule_name.scam", "de"))
    assert cases(runner) == []


async def test_ban_in_discords_interface_becomes_a_case(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    fake.ban_by(world.guild, world.moderator, world.member, reason="Spam in DMs")
    (case,) = await wait_cases(runner, 1)
    assert case["action"] == "ban" and case["moderator_id"] == world.moderator.id
    assert case["reason"] == "Spam in DMs" and case["user_id"] == world.member.id


async def test_lockdown_restores_exact_overwrites_after_a_restart(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    before = {
        ch.id: [dict(o) for o in ch.overwrites]
        for ch in (world.general, world.readonly, world.staff_only)
    }
    text = await run(world, world.moderator, "lockdown", {"state": "on"})
    assert says(text, "mod.lockdown_on", "de")
    general = fake.world.channel(world.general.id)
    everyone = next(o for o in general.overwrites if int(o["id"]) == world.guild.id)
    assert int(everyone["deny"]) & (1 << 11)
    await runner.restart()
    text = await run(world, world.moderator, "lockdown", {"state": "off"})
    assert says(text, "mod.lockdown_off", "de")
    after = {
        ch.id: [dict(o) for o in fake.world.channel(ch.id).overwrites]
        for ch in (world.general, world.readonly, world.staff_only)
    }
    assert after == before


async def test_mystatus_shows_own_points_only(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    await fake.send_message(world.member, world.general, "discord.gg/other")
    await wait_cases(runner, 1)
    mine = await run(world, world.member, "mystatus")
    assert says(mine, "mystatus.points_value", "de", points=1)
    other = await run(world, world.english_member, "mystatus")
    assert says(other, "mystatus.clean", "en")


RULE_CASES = [
    # rule, setup commands, messages the member sends
    (
        "patterns",
        [("automod pattern add", {"pattern": r"buy\s+cheap\s+\w+"})],
        ["BUY   cheap gold here"],
    ),
    (
        "links",
        [("automod links deny", {"domain": "evil.example"})],
        ["look https://www.evil.example/x"],
    ),
    ("scam", [], ["free nitro for everyone: https://dlscord-gift.com/claim"]),
    ("duplicates", [], ["kauft meine Sachen", "kauft meine Sachen", "kauft meine Sachen"]),
    ("mentions", [], ["hi " + " ".join(f"<@{n}>" for n in range(6))]),
    (
        "caps",
        [("automod rule", {"rule": "caps", "enabled": True})],
        ["WARUM ANTWORTET HIER EIGENTLICH NIEMAND AUF MEINE FRAGE"],
    ),
    ("emoji", [("automod rule", {"rule": "emoji", "enabled": True})], ["😀" * 16]),
    ("newlines", [("automod rule", {"rule": "newlines", "enabled": True})], ["a\n" * 20]),
]


MEASURED = {
    "duplicates": "duplicates_window",
    "mentions": "mentions",
    "caps": "caps",
    "emoji": "emoji",
    "newlines": "newlines",
}


@pytest.mark.parametrize(
    ("rule", "setup", "texts"), RULE_CASES, ids=[case[0] for case in RULE_CASES]
)
async def test_each_rule_fires_and_acts(runner: BotRunner, modlog: World, rule, setup, texts):
    fake, world = modlog.fake, modlog
    for command, options in setup:
        await run(world, world.admin, command, options)
    members = [fake.create_user(f"m{n}") for n in range(6)] if rule == "mentions" else []
    for user in members:
        fake.add_member(world.guild, user)
    if members:
        texts = ["hi " + " ".join(f"<@{u.id}>" for u in members)]
    sent = [await fake.send_message(world.member, world.general, text) for text in texts]
    case = (await wait_cases(runner, 1))[0]
    assert case["rule"] == rule and case["action"] == "delete"
    measured = MEASURED.get(rule)
    if measured:  # a measurement in German words ("3-mal in 30 Sekunden"), no member text quoted
        assert says(case["reason"], f"automod.measure.{measured}", "de"), case["reason"]
        assert '"excerpt"' not in (case["evidence"] or "")
    else:
        assert says(case["reason"], f"automod.reason.{rule}", "de")
    if case["points"] >= 3:  # a scam link is worth 3 points: the first step of the ladder follows
        ladder = (await wait_cases(runner, 2))[1]
        assert (ladder["rule"], ladder["action"], ladder["duration_seconds"]) == (
            "strikes",
            "timeout",
            600,
        )
    await fake.wait_for(lambda: deleted(fake, sent[-1]))


async def test_attachment_spam(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod rule", {"rule": "attachments", "enabled": True})
    for number in range(3):
        await fake.send_message(
            world.member, world.general, "", files={f"a{number}.png": b"x", f"b{number}.png": b"y"}
        )
    (case,) = await wait_cases(runner, 1)
    assert case["rule"] == "attachments"


async def test_defaults_on_a_fresh_server_are_shown(runner: BotRunner, world: World):
    text = await run(world, world.admin, "automod show")
    for state, rule, action in (
        ("✅", "invites", "delete"),
        ("✅", "spam_rate", "delete"),
        ("✅", "mentions", "delete"),
        ("✅", "offense", "flag"),
        ("⬜", "caps", None),
        ("⬜", "emoji", None),
    ):
        shown = {"action": t(f"automod.do.{action}", "en")} if action else {}
        name = t(f"automod.rule_name.{rule}", "en")
        assert says(text, "automod.show_rule", "en", state=state, rule=name, **shown), rule
    assert says(text, "automod.show_lists_value", "en", words=0)
    assert says(text, "automod.show_raid_value", "en", joins=10, seconds=60)
    ladder = text.split(t("automod.show_ladder", "en"))[1]
    assert t("automod.do.ban", "en") not in ladder.split("Points expire")[0]


async def test_raid_alerts_moderators_and_can_lock_down(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod raid", {"joins": 5, "seconds": 60, "lockdown": True})
    for n in range(5):
        fake.add_member(world.guild, fake.create_user(f"raider{n}"))
    alert = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.staff_only)
            if says(m.get("content", ""), "raid.alert", "de", joins=5, seconds=60)
        ]
    )
    assert says(alert[0]["content"], "raid.locked", "de")
    general = fake.world.channel(world.general.id)
    await fake.wait_for(
        lambda: any(
            int(o["id"]) == world.guild.id and int(o["deny"]) & (1 << 11)
            for o in general.overwrites
        )
    )
    text = await run(world, world.moderator, "lockdown", {"state": "off"})
    assert says(text, "mod.lockdown_off", "de")
    assert not any(
        int(o["id"]) == world.guild.id for o in fake.world.channel(world.general.id).overwrites
    )


async def test_configuration_needs_manage_server_even_if_visible(runner: BotRunner, world: World):
    text = await run(world, world.moderator, "automod words add", {"word": "x"})
    assert says(
        text, "error.server_permission", "de", permissions=permission_label(["manage_guild"])
    )
    assert runner.bot is not None and runner.bot.content_check.config(world.guild.id).words == ()


async def test_case_commands_for_moderators(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    await fake.send_message(world.member, world.general, "discord.gg/other")
    await wait_cases(runner, 1)
    shown = await run(world, world.moderator, "case show", {"number": "1"})
    assert says(shown, "case.title", "de", number=1, action=t("action.delete", "de"))
    assert t("automod.rule_name.invites", "de") in shown and "invites" not in shown
    missing = await run(world, world.moderator, "case show", {"number": "99"})
    assert says(missing, "cases.not_found", "de", number=99)
    updated = await run(
        world,
        world.moderator,
        "case reason",
        {"number": "1", "reason": "Werbung für <@&1> @everyone"},
    )
    assert says(updated, "cases.reason_updated", "de", number=1)
    assert cases(runner)[0]["reason"] == "Werbung für <@&1> @everyone"
    listed = await run(world, world.moderator, "cases", {"member": world.member.id})
    assert says(listed, "cases.list_line", "de", number=1)
    assert says(listed, "cases.points", "de", points=1)
    refused = await fake.invoke(
        world.member,
        world.general,
        "cases",
        {"member": world.member.id},
        bypass_default_permissions=True,
    )
    await refused.response()
    assert says(
        refused.content_text(),
        "error.server_permission",
        "de",
        permissions=permission_label(["moderate_members"]),
    )


async def test_warn_sends_the_reason_and_kick_notifies_before_acting(
    runner: BotRunner, modlog: World
):
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod words add", {"word": "doof"})
    await run(world, world.admin, "automod words add", {"word": "trottel"})
    await run(world, world.admin, "automod rule", {"rule": "words", "action": "warn"})
    await fake.send_message(world.member, world.general, "du bist doof")
    (case,) = await wait_cases(runner, 1)
    assert case["action"] == "warn"
    dm = await fake.wait_for(
        lambda: [
            m
            for m in fake.dm_messages(world.member)
            if says(m["content"], "notice.warn", "de", server=world.guild.name)
        ]
    )
    assert says(dm[0]["content"], "automod.reason.words", "de")
    await run(world, world.admin, "automod rule", {"rule": "words", "action": "kick"})
    await fake.send_message(world.member, world.general, "trottel")
    await wait_cases(runner, 2)
    await fake.wait_for(lambda: world.member.id not in fake.world.guild(world.guild.id).members)
    dm_path = f"/channels/{fake.dm_channel(world.member).id}/messages"
    requests = list(fake.requests)
    kick_at = next(
        i
        for i, r in enumerate(requests)
        if r.method == "DELETE" and f"/members/{world.member.id}" in r.path
    )
    notice_at = next(
        i
        for i, r in enumerate(requests)
        if r.path == dm_path
        and says((r.json or {}).get("content", ""), "notice.kick", "de", server=world.guild.name)
    )
    assert notice_at < kick_at  # told first: afterwards the bot shares no server with them
    assert "kick" in [c["action"] for c in cases(runner)]


async def test_new_accounts_get_the_quarantine_role(runner: BotRunner, modlog: World):
    fake, world = modlog.fake, modlog
    quarantine = fake.create_role(world.guild, "Quarantäne", position=1)
    assert runner.bot is not None
    await fake.wait_for(
        lambda: runner.bot.get_guild(world.guild.id).get_role(quarantine.id) is not None
    )
    refused = await run(
        world,
        world.admin,  # Manage Server, but not Manage Roles
        "automod raid",
        {
            "min_account_age_hours": 48,
            "new_accounts": "quarantine",
            "quarantine_role": quarantine.id,
        },
    )
    assert says(refused, "automod.role_unusable", "en", role=f"<@&{quarantine.id}>")
    powerful = fake.create_role(world.guild, "Power", permissions=1 << 3, position=1)
    await fake.wait_for(
        lambda: runner.bot.get_guild(world.guild.id).get_role(powerful.id) is not None
    )
    refused = await run(
        world,
        world.owner,
        "automod raid",
        {"new_accounts": "quarantine", "quarantine_role": powerful.id},
    )
    assert says(refused, "automod.role_unusable", "de", role=f"<@&{powerful.id}>")
    await run(
        world,
        world.owner,
        "automod raid",
        {
            "min_account_age_hours": 48,
            "new_accounts": "quarantine",
            "quarantine_role": quarantine.id,
        },
    )
    newcomer = fake.create_user("newcomer")  # created just now
    fake.add_member(world.guild, newcomer)
    await fake.wait_for(lambda: quarantine.id in fake.member(world.guild, newcomer).roles)
    # The outcome is stored right after the role request: wait for it, not only for the case.
    await fake.wait_for(lambda: [c["state"] for c in cases(runner)] == ["applied"])
    (case,) = await wait_cases(runner, 1)
    assert case["rule"] == "new_account" and case["outcome"] == "done"


async def burst_of_offences(runner: BotRunner, world: World, ladder: str) -> list[Any]:
    """20 members each send 10 offending messages at once."""
    fake = world.fake
    await run(world, world.admin, "automod words add", {"word": "doof"})
    await run(world, world.admin, "automod rule", {"rule": "words", "action": "flag", "points": 1})
    await run(world, world.admin, "automod rule", {"rule": "spam_rate", "enabled": False})
    await run(world, world.admin, "automod strikes", {"ladder": ladder})
    members = [fake.create_user(f"raider{n}") for n in range(20)]
    for user in members:
        fake.add_member(world.guild, user)
    assert runner.bot is not None
    await fake.wait_for(lambda: len(runner.bot.get_guild(world.guild.id).members) >= 25)
    await asyncio.gather(
        *(
            fake.send_message(user, world.general, f"doof {n}")
            for n in range(10)
            for user in members
        )
    )
    await fake.wait_for(
        lambda: len([c for c in cases(runner) if c["rule"] == "words"]) == 200, timeout=60
    )
    return members


def strike_steps(runner: BotRunner, user: Any) -> list[tuple[str, int | None]]:
    return [
        (c["action"], c["duration_seconds"])
        for c in cases(runner)
        if c["user_id"] == user.id and c["rule"] == "strikes"
    ]


@pytest.mark.postgres  # the promise holds on both backends
async def test_concurrent_offences_cross_every_ladder_step_once_and_in_order(
    runner: BotRunner, modlog: World
):
    """Each member ends with exactly the steps their points cross (3, 6 and 10 points), in
    that order, each once, however the 200 messages interleave."""
    fake = modlog.fake
    members = await burst_of_offences(runner, modlog, "3:flag, 6:flag, 10:flag")

    def strike_cases() -> list[dict[str, Any]]:
        return [c for c in cases(runner) if c["rule"] == "strikes"]

    await fake.wait_for(lambda: len(strike_cases()) >= 3 * 20, timeout=30)
    for user in members:
        reasons = [
            c["reason"] for c in cases(runner) if c["user_id"] == user.id and c["rule"] == "strikes"
        ]
        assert reasons == [t("automod.reason.strikes", "de", points=n) for n in (3, 6, 10)], (
            user.name,
            reasons,
        )


async def test_a_burst_written_before_its_timeout_climbs_the_ladder_once(
    runner: BotRunner, modlog: World
):
    """A timed-out member cannot post, so what they wrote before the timeout is the same burst:
    it is recorded, but its points do not push them to the next step (one burst, one step)."""
    fake, world = modlog.fake, modlog
    members = await burst_of_offences(runner, modlog, "3:timeout:10m, 6:timeout:1d, 10:ban")
    await fake.wait_for(
        lambda: all(fake.member(world.guild, u).communication_disabled_until for u in members),
        timeout=30,
    )
    for user in members:
        assert strike_steps(runner, user) == [("timeout", 600)], user.name
        until = fake.member(world.guild, user).communication_disabled_until
        remaining = dt.datetime.fromisoformat(until) - dt.datetime.now(dt.UTC)
        assert remaining < dt.timedelta(minutes=11), (user.name, remaining)
        own = [c for c in cases(runner) if c["user_id"] == user.id and c["rule"] == "words"]
        assert sum(c["points"] for c in own) >= 3  # the points up to the step still count
    # after the timeout, a new offence climbs again
    user = members[0]
    fake.member(world.guild, user).communication_disabled_until = None
    for n in range(3):
        await fake.send_message(user, world.general, f"doof danach {n}")
    await fake.wait_for(lambda: len(strike_steps(runner, user)) == 2, timeout=15)
    assert strike_steps(runner, user)[1] == ("timeout", 86400)


async def test_a_raid_costs_a_bounded_number_of_requests(runner: BotRunner, modlog: World):
    """8 new accounts post 8 invite links each, against a fake Discord that enforces Discord's
    rate limits (per route and global, with real headers): every link is removed and every raider
    stopped, but each raider gets one DM that says everything (the removals and the timeout),
    the moderation log gets a post per burst of cases, not one per case, and Discord never has
    to answer 429."""
    fake, world = modlog.fake, modlog
    assert runner.bot is not None
    runner.bot.moderation.dm_hold = DM_HOLD  # the product's hold, not the tests' short one
    fake.enforcer = Enforcer()  # Discord's limits, enforced with real headers
    raiders = [fake.create_user(f"raider{n}") for n in range(8)]
    for user in raiders:
        fake.add_member(world.guild, user)
    assert runner.bot is not None
    await fake.wait_for(
        lambda: len(runner.bot.get_guild(world.guild.id).members) >= 5 + len(raiders)
    )
    start = len(fake.requests)
    spam = []
    for round_ in range(8):
        for user in raiders:
            with contextlib.suppress(Exception):  # a timed-out member cannot post, as on Discord
                spam.append(
                    await fake.send_message(user, world.general, f"discord.gg/raid{round_}")
                )
    await wait_cases(runner, len(spam), timeout=30)
    with connect(runner.settings) as conn:
        await fake.wait_for(
            lambda: (
                conn.execute(
                    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL"
                ).fetchone()[0]
                == 0
            ),
            timeout=30,
        )
    await fake.wait_for(lambda: all(deleted(fake, m) for m in spam), timeout=30)
    for user in raiders:
        dms = [m["content"] for m in fake.dm_messages(user)]
        assert len(dms) == 1, (user.name, [text[:60] for text in dms])
        assert says(dms[0], "notice.timeout", "de", server=world.guild.name), dms[0]
        assert says(dms[0], "notice.also_removed", "de"), dms[0]
        assert fake.member(world.guild, user).communication_disabled_until, user.name
    requests = fake.requests[start:]
    log_posts = [
        r
        for r in requests
        if r.method == "POST" and r.path == f"/channels/{world.staff_only.id}/messages"
    ]
    cases_logged = len(cases(runner))
    assert len(log_posts) <= cases_logged / 5, (len(log_posts), cases_logged)
    # per raider: a DM channel, one DM, the timeout (what they wrote before it was applied
    # climbs the ladder no further) and a share of the bulk deletions; per raid: log posts
    assert len(requests) <= 4 * len(raiders) + 10, len(requests)
    assert not fake.enforcer.limited, fake.enforcer.limited  # no 429: the headers were followed
    assert fake.enforcer.peak_per_second <= 40


async def test_inside_words_match_compound_heads_and_quote_what_was_typed(
    runner: BotRunner, modlog: World
):
    """ "idiot" with inside words: "Idiotensicher" (foolproof) is left alone; "Vollidiot!!" is
    removed, and the DM and the case quote "Vollidiot", not a normalised form."""
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod words add", {"word": "idiot", "inside_words": True})
    harmless = await fake.send_message(world.member, world.general, "Idiotensicher erklärt, danke!")
    rude = await fake.send_message(world.member, world.general, "Du Vollidiot!!")
    (case,) = await wait_cases(runner, 1)
    assert case["message_id"] == int(rude["id"])
    assert '"excerpt": "Vollidiot"' in case["evidence"]
    await fake.wait_for(lambda: deleted(fake, rude))
    assert not deleted(fake, harmless)
    dm = await fake.wait_for(lambda: fake.dm_messages(world.member))
    assert "Vollidiot" in dm[-1]["content"] and "vollidiotii" not in dm[-1]["content"]


async def test_the_raid_alert_names_its_wave_and_acts_on_it_once(runner: BotRunner, modlog: World):
    """The alert lists the wave and has buttons: time out the wave runs once (a second
    decision is told who decided), locking down works from the alert too."""
    fake, world = modlog.fake, modlog
    await run(world, world.admin, "automod raid", {"joins": 5, "seconds": 60, "lockdown": False})
    raiders = [fake.create_user(f"welle{n}") for n in range(5)]
    for user in raiders:
        fake.add_member(world.guild, user)
    alert = (
        await fake.wait_for(
            lambda: [
                m
                for m in fake.messages(world.staff_only)
                if says(m.get("content", ""), "raid.alert", "de", joins=5, seconds=60)
            ]
        )
    )[0]
    assert all(f"<@{u.id}>" in alert["content"] for u in raiders)
    ids = {b["label"]: b["custom_id"] for b in buttons(alert)}
    lock_label, timeout_label, kick_label = (
        t(f"raid.button.{action}", "de") for action in ("lock", "timeout", "kick")
    )
    assert list(ids) == [lock_label, timeout_label, kick_label]
    first, second = await asyncio.gather(
        fake.click(world.moderator, alert, ids[timeout_label]),
        fake.click(world.owner, alert, ids[kick_label]),
    )
    said = []
    for click in (first, second):
        await click.response()
        said.append((await click.wait_for_followup(timeout=60))["content"])
    timed_out = [u for u in raiders if fake.member(world.guild, u) and fake.member(world.guild, u).communication_disabled_until]  # fmt: skip
    kicked = [u for u in raiders if fake.member(world.guild, u) is None]
    assert (len(timed_out), len(kicked)) in ((5, 0), (0, 5)), said  # exactly one decision ran
    assert sum(says(s, "raid.already", "de") for s in said) == 1, said
    lock = await fake.click(world.moderator, alert, ids[lock_label])
    await lock.response()
    await lock.wait_for_followup(timeout=60)
    general = fake.world.channel(world.general.id)
    assert any(
        int(o["id"]) == world.guild.id and int(o["deny"]) & (1 << 11) for o in general.overwrites
    )


async def test_the_staff_decision_is_made_again_when_a_role_changes(
    runner: BotRunner, modlog: World
):
    """Auto-moderation decides once per set of roles whether a member is on the team (not on
    every message); a role that gains a moderation permission is seen at once."""
    fake, world = modlog.fake, modlog
    role = fake.create_role(world.guild, "Helfer", position=1)
    helper = fake.create_user("hanna", locale="de")
    fake.add_member(world.guild, helper, roles=[role])
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_guild(world.guild.id).get_member(helper.id))
    await fake.send_message(helper, world.general, "discord.gg/erstes")
    await wait_cases(runner, 1)
    fake.set_role_permissions(world.guild, role, 1 << 40)  # Timeout Members: on the team now
    await fake.wait_for(
        lambda: runner.bot.get_guild(world.guild.id).get_role(role.id).permissions.moderate_members
    )
    await fake.send_message(helper, world.general, "discord.gg/zweites")
    await fake.send_message(world.member, world.general, "discord.gg/drittes")  # still checked
    cases_now = await wait_cases(runner, 2)
    assert [c["user_id"] for c in cases_now] == [helper.id, world.member.id]
    cog = runner.bot.get_cog("AutomodCog")
    assert cog is not None and cog.staff._decided  # the decisions are cached


async def test_a_step_the_member_is_not_told_of_leaves_their_removal_dm_alone(
    runner: BotRunner, modlog: World
):
    """A removal's held DM is folded only into a step the member hears of: a flag step (a
    question to the moderators) sends no DM, so the removal DM still arrives."""
    fake, world = modlog.fake, modlog
    assert runner.bot is not None
    runner.bot.moderation.dm_hold = DM_HOLD  # held long enough for the step to come first
    await run(world, world.admin, "automod words add", {"word": "doof"})
    await run(world, world.admin, "automod strikes", {"ladder": "3:flag, 6:timeout:1d"})
    await run(world, world.admin, "automod rule", {"rule": "spam_rate", "enabled": False})
    for n in range(3):
        await fake.send_message(world.member, world.general, f"doof {n}")
    await fake.wait_for(lambda: any(c["rule"] == "strikes" for c in cases(runner)), timeout=30)
    dms = await fake.wait_for(
        lambda: [
            m
            for m in fake.dm_messages(world.member)
            if says(m["content"], "notice.delete", "de", server=world.guild.name)
        ],
        timeout=30,
    )
    assert len(dms) == 1
