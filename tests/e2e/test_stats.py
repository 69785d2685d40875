"""Statistics end to end: exact counts, commands, privacy choices, reports once per period across
restarts and daylight-saving changes, forgetting that leaves nothing behind, a safe welcome."""

from __future__ import annotations

import asyncio
import struct
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.replies import permission_label
from cogs.stats.periods import Period
from tests.catalog import says, t
from tests.e2e.conftest import (
    BAN_MEMBERS,
    KICK_MEMBERS,
    MANAGE_MESSAGES,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    BotRunner,
    World,
)
from tests.e2e.direct import PgConnection, columns, connect, on_postgres, tables
from tests.e2e.helpers import run, run_reply
from tests.fakediscord import FakeChannel

BERLIN = ZoneInfo("Europe/Berlin")
MANAGE_ROLES = 1 << 28
CHART_SIZE = (1000, 820)


def stats_cog(runner: BotRunner):
    assert runner.bot is not None
    return runner.bot.get_cog("StatsCog")


async def flush(runner: BotRunner) -> None:
    cog = stats_cog(runner)
    await cog.service.score_pending()
    await cog.service.flush()


def query(runner: BotRunner, sql: str, params: tuple = ()) -> list[tuple]:
    with connect(runner.settings) as conn:
        return conn.execute(sql, params).fetchall()


def travel_to(runner: BotRunner, local: datetime) -> None:
    """Set the bot's clock to a Berlin wall time."""
    target = local.replace(tzinfo=BERLIN).astimezone(UTC)
    runner.clock.offset = target - datetime.now(UTC)


async def chat(world: World, user, count: int, channel=None) -> list[dict]:
    return [
        await world.fake.send_message(user, channel or world.general, f"Das ist richtig gut {n}")
        for n in range(count)
    ]


async def counted(runner: BotRunner, total: int) -> None:
    """Wait until ``total`` chat messages are counted, in the buffer or already written (the
    periodic flush may come in between)."""
    buffer = stats_cog(runner).service.buffer

    def seen() -> int:
        stored = query(runner, "SELECT coalesce(sum(messages), 0) FROM stats_guild_daily")
        return sum(buffer.messages.values()) + stored[0][0]

    await runner.fake.wait_for(lambda: seen() >= total)


async def test_counts_are_exact_and_commands_respect_privacy(runner: BotRunner, world: World):
    fake = world.fake
    sent = await chat(world, world.member, 3)
    await chat(world, world.english_member, 2)
    await fake.add_reaction(world.english_member, sent[0], "👍")
    await fake.wait_for(lambda: len(stats_cog(runner).service.buffer.messages) == 2)
    await asyncio.sleep(0.1)
    await flush(runner)
    day = stats_cog(runner).service.today(world.guild.id)
    assert query(
        runner,
        "SELECT user_id, messages, reactions FROM stats_member_daily WHERE day = ? ORDER BY messages",
        (day,),
    ) == [(world.english_member.id, 2, 1), (world.member.id, 3, 0)]
    ((messages, reactions, scored, mood),) = query(
        runner,
        "SELECT messages, reactions, sentiment_n, sentiment_sum FROM stats_channel_daily WHERE channel_id = ?",
        (world.general.id,),
    )
    assert (messages, reactions, scored) == (5, 1, 5) and mood > 0  # "richtig gut" is positive
    assert query(runner, "SELECT messages, reactions FROM stats_guild_daily") == [(5, 1)]

    # Windows end with the last complete day: today's messages are not compared yet.
    me = await run(world, world.member, "stats me")
    assert f"{t('stats.f.messages', 'de')}\n0\n" in me and says(me, "stats.complete_days", "de")
    board, _ = await run_reply(world, world.member, "leaderboard")
    assert "<@" not in board and says(board, "stats.leaderboard_days", "de")
    runner.clock.advance(days=1)  # the next day: yesterday is complete
    me = await run(world, world.member, "stats me")
    assert f"{t('stats.f.messages', 'de')}\n3 ({t('stats.change.new', 'de')})" in me
    refused = await run(world, world.member, "stats member", {"member": world.english_member.id})
    assert says(
        refused,
        "error.server_permission",
        "de",
        permissions=permission_label(["moderate_members"]),
    )
    member = await run(world, world.moderator, "stats member", {"member": world.member.id})
    assert "3" in member

    overview, reply = await run_reply(world, world.moderator, "stats overview", {"period": "7d"})
    followup = reply.followups[0]
    assert followup["flags"] & 64 and says(overview, "stats.overview_title", "de")
    png = fake.attachment_bytes(followup["attachments"][0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == CHART_SIZE

    _, export = await run_reply(world, world.moderator, "stats export", {"period": "7d"})
    csv_text = fake.attachment_bytes(export.followups[0]["attachments"][0]).decode()
    # the column names in the moderator's language, the values machine-readable
    assert csv_text.splitlines()[0].startswith("Tag,Nachrichten,aktive_Mitglieder,Beitritte")
    assert f"{day},5,2,0,0," in csv_text and str(world.member.id) not in csv_text

    board, _ = await run_reply(world, world.member, "leaderboard")
    assert f"<@{world.member.id}>" in board and f"<@{world.english_member.id}>" in board
    opted = await run(world, world.member, "privacy", {"leaderboard": "no"})
    assert says(opted, "stats.privacy_show", "de", leaderboard=t("stats.no", "de"))
    board, _ = await run_reply(world, world.member, "leaderboard")
    assert f"<@{world.member.id}>" not in board and f"<@{world.english_member.id}>" in board

    # The guild switches to opt-in: nobody is named until they agree.
    await run(world, world.admin, "stats settings", {"leaderboard": "opt_in"})
    board, _ = await run_reply(world, world.member, "leaderboard")
    assert "<@" not in board
    await run(world, world.english_member, "privacy", {"leaderboard": "yes"})
    board, _ = await run_reply(world, world.member, "leaderboard")
    assert f"<@{world.english_member.id}>" in board and f"<@{world.member.id}>" not in board

    # No per-member statistics: what was counted becomes anonymous, new messages too.
    await run(world, world.member, "privacy", {"statistics": "no"})
    await chat(world, world.member, 1)
    await asyncio.sleep(0.1)
    await flush(runner)
    assert query(runner, "SELECT count(*) FROM stats_member_daily WHERE user_id = ?", (world.member.id,)) == [(0,)]  # fmt: skip
    assert query(runner, "SELECT sum(messages) FROM stats_member_daily WHERE user_id = 0") == [(4,)]
    assert query(runner, "SELECT sum(messages) FROM stats_guild_daily") == [(6,)]
    assert says(await run(world, world.member, "stats me"), "stats.me_opted_out", "de")


def reports(world: World) -> list[dict]:
    return [
        m
        for m in world.fake.messages(world.staff_only)
        if any("weekly:" in (e.get("footer") or {}).get("text", "") for e in m.get("embeds", []))
    ]


def planned(runner: BotRunner, guild_id: int) -> datetime:
    assert runner.bot is not None
    (job,) = [j for j in runner.bot.scheduler.pending() if j.key == f"stats:report:{guild_id}"]
    return job.run_at


async def test_one_weekly_report_per_period_across_restarts_and_both_dst_changes(
    runner: BotRunner, world: World
):
    fake, guild_id = world.fake, world.guild.id
    travel_to(runner, datetime(2026, 3, 28, 12, 0))  # Saturday before the spring change
    await run(world, world.admin, "config channel", {"purpose": "reports", "channel": world.staff_only.id})  # fmt: skip
    shown = await run(world, world.admin, "stats settings", {"report": "weekly", "hour": 9})
    assert says(shown, "stats.settings_show", "en", hour="09:00", zone="Europe/Berlin")
    await chat(world, world.member, 4)
    await asyncio.sleep(0.1)
    # Due on Monday 30 March 09:00 summer time = 07:00 UTC (the week had a 23-hour Sunday).
    assert planned(runner, guild_id) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    travel_to(runner, datetime(2026, 3, 30, 9, 0, 5))
    cog = stats_cog(runner)
    await asyncio.gather(cog.report_job(guild_id), cog.report_job(guild_id))  # a race: one post
    (post,) = await fake.wait_for(lambda: reports(world))
    embed = post["embeds"][0]
    assert "weekly:2026-03-23" in embed["footer"]["text"]
    assert says(
        embed["title"],
        "stats.report_title",
        "de",
        kind=t("stats.kind.weekly", "de"),
        period="23.03.2026 – 29.03.2026",
    )
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert (
        fields[t("stats.f.messages", "de")].startswith("4")
        and f"<@{world.member.id}>" in fields[t("stats.f.top", "de")]
    )
    assert post["attachments"][0]["filename"] == "stats-weekly-2026-03-23.png"
    assert planned(runner, guild_id) == datetime(2026, 4, 6, 7, 0, tzinfo=UTC)

    await runner.restart()  # the same period is never posted again
    await stats_cog(runner).report_job(guild_id)
    await asyncio.sleep(0.3)
    assert len(reports(world)) == 1

    # Offline across the autumn change: at start the last missed week (19-25 October, with a
    # 25-hour Sunday) is posted once, by the timer armed at start; older weeks are not.
    await runner.stop()
    travel_to(runner, datetime(2026, 10, 27, 10, 0))
    await runner.start()
    await fake.wait_for(lambda: len(reports(world)) == 2, timeout=10)
    assert "weekly:2026-10-19" in reports(world)[1]["embeds"][0]["footer"]["text"]
    winter = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # 09:00 winter time
    await fake.wait_for(
        lambda: (
            runner.bot
            and runner.bot.scheduler.has(f"stats:report:{guild_id}")
            and planned(runner, guild_id) == winter
        )
    )
    await runner.restart()
    await stats_cog(runner).report_job(guild_id)
    await asyncio.sleep(0.3)
    assert len(reports(world)) == 2
    assert query(runner, "SELECT kind, period_start FROM stats_reports ORDER BY period_start") == [
        ("weekly", "2026-03-23"),
        ("weekly", "2026-10-19"),
    ]


def file_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal")
        if Path(f"{path}{suffix}").exists()
    )


def rows_naming(runner: BotRunner, user_id: int) -> dict[str, int]:
    """Every table (walked from the catalogue, so new tables are covered) with a cell that is
    the member's id or contains it as text."""
    found: dict[str, int] = {}
    with connect(runner.settings) as conn:
        on_pg = isinstance(conn, PgConnection)
        for table in tables(conn):
            where = " OR ".join(
                # PostgreSQL compares no number with text: there the text match covers both
                f"CAST({c} AS TEXT) LIKE '%' || :id || '%'"
                if on_pg
                else f"{c} = :id OR CAST({c} AS TEXT) LIKE '%' || :id || '%'"
                for c in columns(conn, table)
            )
            (n,) = conn.execute(
                f"SELECT count(*) FROM {table} WHERE {where}",
                {"id": str(user_id) if on_pg else user_id},
            ).fetchone()
            if n:
                found[table] = n
    return found


async def forget(world: World, user) -> None:
    prompt = await world.fake.invoke(user, world.general, "mydata forget")
    await prompt.response()
    button = prompt.original["components"][0]["components"][0]["custom_id"]
    confirm = await world.fake.click(user, prompt.original, button)
    await confirm.response()
    await confirm.wait_for_original_edit()


async def test_forget_leaves_no_row_and_no_bytes_except_moderation_records(
    runner: BotRunner, world: World
):
    fake = world.fake
    newbie = fake.create_user("neu", locale="de")
    invite = fake.create_invite(world.general, world.member)
    await asyncio.sleep(0.1)
    fake.use_invite(invite["code"], newbie)
    await fake.wait_for(lambda: query(runner, "SELECT count(*) FROM stats_joins")[0][0] == 1)
    assert query(runner, "SELECT user_id, invite_code, inviter_id FROM stats_joins") == [
        (newbie.id, invite["code"], world.member.id)
    ]
    sent = await chat(world, newbie, 2)
    await fake.add_reaction(newbie, sent[0], "🎉")
    await chat(world, world.member, 2)
    await run(world, newbie, "privacy", {"leaderboard": "no"})
    await run(world, world.member, "privacy", {"leaderboard": "yes"})
    await run(world, world.moderator, "warn", {"member": world.member.id, "reason": "Ton"})
    await asyncio.sleep(0.2)
    await flush(runner)
    assert set(rows_naming(runner, newbie.id)) >= {
        "stats_member_daily",
        "stats_member_channel_daily",
        "stats_joins",
        "stats_member_prefs",
    }
    # The bytes of the file are SQLite's; PostgreSQL's storage and write-ahead log are the server's.
    on_file = not on_postgres(runner.settings)
    assert not on_file or newbie.id.to_bytes(8, "big") in file_bytes(runner.settings.database_path)

    await forget(world, newbie)
    await forget(world, world.member)
    assert rows_naming(runner, newbie.id) == {}
    assert set(rows_naming(runner, world.member.id)) == {"cases"}  # kept by design
    # The server's totals stay right without naming anyone.
    assert query(runner, "SELECT messages, reactions, joins FROM stats_guild_daily") == [(4, 1, 1)]
    assert query(runner, "SELECT sum(messages) FROM stats_member_daily WHERE user_id = 0") == [(4,)]
    data = file_bytes(runner.settings.database_path) if on_file else b""
    for needle in (newbie.id.to_bytes(8, "big"), str(newbie.id).encode()):
        assert needle not in data


def welcomes(world: World) -> list[dict]:
    return [m for m in world.fake.messages(world.general) if "Hallo" in m.get("content", "")]


async def test_welcome_is_literal_pings_only_the_member_and_waits_for_screening(
    runner: BotRunner, world: World
):
    fake = world.fake
    greeted = fake.create_role(world.guild, "Neu", position=1)
    admin_permissions = fake.world.role_in(world.guild, world.admins).permissions
    fake.edit_role(world.guild, world.admins, permissions=admin_permissions | MANAGE_ROLES)
    await run(world, world.admin, "config channel", {"purpose": "welcome", "channel": world.general.id})  # fmt: skip
    bad = await run(world, world.admin, "welcome settings", {"message": "Hi {user}"})
    assert says(bad, "stats.welcome_unknown", "en", placeholders="{user}")
    assert "{member_name}" in bad
    shown = await run(
        world,
        world.admin,
        "welcome settings",
        {
            "enabled": True,
            "message": "Hallo {member_name} ({member}) auf {server}! {0.__class__} {member_count}",
            "role": greeted.id,
        },
    )
    assert says(shown, "stats.welcome_show", "en")  # the admin's client is English
    for name in ("@everyone", "{0.__class__}"):
        fake.add_member(world.guild, fake.create_user(name))
    posted = await fake.wait_for(lambda: len(welcomes(world)) == 2 and welcomes(world))
    assert "Hallo @everyone (<@" in posted[0]["content"]
    assert "Hallo {0.\\_\\_class\\_\\_} (<@" in posted[1]["content"]  # literal (markdown escaped)
    assert "{0.__class__}" in posted[0]["content"]  # the template's own text stays literal too
    requests = fake.requests_to("POST", rf"/channels/{world.general.id}/messages$")
    assert len(requests) == 2
    for request in requests:
        mentions = request.json["allowed_mentions"]
        assert mentions.get("parse", []) == [] and not mentions.get("roles")
        assert len(mentions["users"]) == 1
    # Membership screening: greeted and given the role only after passing it.
    waiting = fake.create_user("wartend")
    fake.add_member(world.guild, waiting, pending=True)
    await asyncio.sleep(0.3)
    assert len(welcomes(world)) == 2 and greeted.id not in fake.member(world.guild, waiting).roles
    fake.pass_screening(world.guild, waiting)
    await fake.wait_for(lambda: len(welcomes(world)) == 3)
    await fake.wait_for(lambda: greeted.id in fake.member(world.guild, waiting).roles)


# --- what counts, and for which channel ---------------------------------------------------------


async def system_message(world: World, user, channel, msg_type: int) -> None:
    """A message Discord writes itself (member joined, boost, pin, thread created ...)."""
    fake = world.fake
    msg = fake.store.build(
        fake.world.user(user), fake.world.channel(channel), {}, msg_type=msg_type
    )
    fake.store.store(msg)
    await fake.dispatch("MESSAGE_CREATE", fake.store.event_payload(msg))


async def open_thread(world: World, parent: FakeChannel, owner, name: str) -> FakeChannel:
    fake = world.fake
    now = datetime.now(UTC).isoformat()
    thread = fake.world.new_channel(
        fake.world.guild(world.guild), name, type=11, parent_id=parent.id
    )
    thread.owner_id = owner.id
    thread.thread_metadata = {"archived": False, "auto_archive_duration": 1440,
                              "archive_timestamp": now, "locked": False, "create_timestamp": now}  # fmt: skip
    await fake.dispatch("THREAD_CREATE", {**thread.to_dict(), "newly_created": True})
    return thread


async def test_only_chat_counts_and_threads_count_for_their_channel(
    runner: BotRunner, world: World
):
    fake = world.fake
    forum = fake.create_text_channel(world.guild, "ideen", type=15)
    thread = await open_thread(world, world.general, world.member, "Faden")
    post = await open_thread(world, forum, world.english_member, "Vorschlag")
    (first,) = await chat(world, world.member, 1)
    await fake.send_message(world.english_member, world.general, "Stimmt genau", reply_to=first)
    for msg_type in (7, 8, 6, 18):  # member joined, server boost, pinned, thread created
        await system_message(world, world.member, world.general, msg_type)
    in_thread = await chat(world, world.member, 2, thread)
    await chat(world, world.english_member, 1, post)
    await fake.add_reaction(world.english_member, in_thread[0], "👍")
    await asyncio.sleep(0.2)
    await flush(runner)
    channels = query(runner, "SELECT channel_id, messages, reactions FROM stats_channel_daily")
    assert sorted(channels) == sorted([(world.general.id, 4, 1), (forum.id, 1, 0)])
    members = query(
        runner, "SELECT channel_id, user_id, messages, reactions FROM stats_member_channel_daily"
    )
    assert sorted(members) == sorted(
        [
            (world.general.id, world.member.id, 3, 0),
            (world.general.id, world.english_member.id, 1, 1),
            (forum.id, world.english_member.id, 1, 0),
        ]
    )


# --- who may see which figures -------------------------------------------------------------------


async def test_statistics_need_server_wide_moderation_and_hide_channels_one_cannot_see(
    runner: BotRunner, world: World
):
    fake = world.fake
    # Mia may manage messages in one channel only: that does not make her a moderator.
    corner = fake.create_text_channel(
        world.guild, "ecke",
        overwrites=[{"id": str(world.member.id), "type": 1, "allow": str(MANAGE_MESSAGES), "deny": "0"}],
    )  # fmt: skip
    secret = fake.create_text_channel(
        world.guild, "geheim",
        overwrites=[
            {"id": str(world.guild.id), "type": 0, "allow": "0", "deny": str(VIEW_CHANNEL)},
            {"id": str(world.admins.id), "type": 0, "allow": str(VIEW_CHANNEL), "deny": "0"},
            {"id": str(fake.bot_user.id), "type": 1, "allow": str(VIEW_CHANNEL), "deny": "0"},
        ],
    )  # fmt: skip
    await chat(world, world.admin, 25, secret)
    await chat(world, world.admin, 1)
    await asyncio.sleep(0.2)
    runner.clock.advance(days=1)
    for command, options in (
        ("stats overview", {}),
        ("stats member", {"member": world.admin.id}),
        ("stats channel", {"channel": world.general.id}),
        ("stats export", {}),
    ):
        reply = await fake.invoke(world.member, corner, command, options)
        await reply.response()
        assert says(
            reply.content_text(),
            "error.server_permission",
            "de",
            permissions=permission_label(["moderate_members"]),
        ), command

    hidden = await run(world, world.moderator, "stats channel", {"channel": secret.id})
    assert says(hidden, "stats.channel_hidden", "de")
    shown = await run(world, world.moderator, "stats member", {"member": world.admin.id})
    assert "26" in shown and f"<#{world.general.id}>" in shown and str(secret.id) not in shown
    overview, reply = await run_reply(world, world.moderator, "stats overview", {"period": "7d"})
    embed = reply.followups[0]["embeds"][0]
    assert "26" in overview and str(secret.id) not in str(embed)  # not in channels nor highlights
    # The admins see it.
    shown = await run(world, world.admin, "stats member", {"member": world.admin.id})
    assert f"<#{secret.id}> · 25" in shown
    overview, _ = await run_reply(world, world.admin, "stats overview", {"period": "7d"})
    assert f"<#{secret.id}>" in overview
    assert says(
        await run(world, world.admin, "stats channel", {"channel": secret.id}),
        "stats.complete_days",
        "en",
    )


# --- privacy ---------------------------------------------------------------------------------------


async def test_a_forget_keeps_the_opt_out_without_a_row_naming_the_member(
    runner: BotRunner, world: World
):
    await run(world, world.member, "privacy", {"statistics": "no", "leaderboard": "no"})
    await chat(world, world.member, 1)
    await asyncio.sleep(0.1)
    await forget(world, world.member)
    for restart in (False, True):
        if restart:
            await runner.restart()
        await chat(world, world.member, 2)
        await asyncio.sleep(0.1)
        await flush(runner)
        assert rows_naming(runner, world.member.id) == {}
        shown = await run(world, world.member, "privacy")
        no = t("stats.no", "de")
        assert says(shown, "stats.privacy_show", "de", leaderboard=no, statistics=no)
        assert says(await run(world, world.member, "stats me"), "stats.me_opted_out", "de")
    assert query(runner, "SELECT sum(messages) FROM stats_member_daily WHERE user_id = 0") == [(5,)]


# --- the welcome ---------------------------------------------------------------------------------


async def test_welcome_role_needs_manage_roles_and_no_risky_permissions(
    runner: BotRunner, world: World
):
    fake = world.fake
    harmless = fake.create_role(world.guild, "Neu", position=1)
    bouncer = fake.create_role(world.guild, "Türsteher", permissions=KICK_MEMBERS, position=1)
    await run(world, world.admin, "config channel", {"purpose": "welcome", "channel": world.general.id})  # fmt: skip
    refused = await run(world, world.admin, "welcome settings", {"enabled": True, "role": harmless.id})  # fmt: skip
    # Manage Server is not enough to hand out roles
    assert says(
        refused, "error.server_permission", "en", permissions=permission_label(["manage_roles"])
    )
    admin_permissions = fake.world.role_in(world.guild, world.admins).permissions
    fake.edit_role(world.guild, world.admins, permissions=admin_permissions | MANAGE_ROLES)
    refused = await run(world, world.admin, "welcome settings", {"role": bouncer.id})
    assert says(
        refused,
        "stats.welcome_role_risky",
        "en",
        role=f"<@&{bouncer.id}>",
        permissions=permission_label(["kick_members"]),
    )
    refused, _ = await run_reply(
        world, world.english_member, "welcome settings", {"role": harmless.id},
        bypass_default_permissions=True,
    )  # fmt: skip
    assert says(
        refused, "error.server_permission", "en", permissions=permission_label(["manage_guild"])
    )
    shown = await run(world, world.owner, "welcome settings", {"role": bouncer.id})  # an admin
    assert says(shown, "stats.welcome_show", "de", role=f"<@&{bouncer.id}>")
    shown = await run(world, world.admin, "welcome settings", {"enabled": True, "role": harmless.id})  # fmt: skip
    assert f"<@&{harmless.id}>" in shown

    async def newcomer(name: str) -> list[int]:
        user = fake.create_user(name)
        fake.add_member(world.guild, user)
        await fake.wait_for(lambda: any(f"<@{user.id}>" in m.get("content", "") for m in fake.messages(world.general)))  # fmt: skip
        await asyncio.sleep(0.2)
        return fake.member(world.guild, user).roles

    assert harmless.id in await newcomer("eins")
    # The role gains a risky permission later: newcomers are still welcomed, without the role.
    fake.edit_role(world.guild, harmless, permissions=BAN_MEMBERS)
    assert harmless.id not in await newcomer("zwei")
    # ... or it is moved above the bot's role.
    fake.edit_role(world.guild, harmless, permissions=0, position=5)
    assert harmless.id not in await newcomer("drei")
    fake.edit_role(world.guild, harmless, position=1)
    assert harmless.id in await newcomer("vier")


async def test_a_member_is_welcomed_once_when_screening_ends_during_the_join(
    runner: BotRunner, world: World
):
    fake = world.fake
    await run(world, world.admin, "config channel", {"purpose": "welcome", "channel": world.general.id})  # fmt: skip
    await run(world, world.admin, "welcome settings", {"enabled": True, "message": "Hallo {member_name}"})  # fmt: skip
    for name in ("flink", "flott", "fix"):
        user = fake.create_user(name)
        fake.add_member(world.guild, user, pending=True)
        fake.pass_screening(world.guild, user)  # while the bot still looks up the invite
    await fake.wait_for(lambda: len(welcomes(world)) >= 3)
    await asyncio.sleep(0.5)
    assert sorted(m["content"] for m in welcomes(world)) == ["Hallo fix", "Hallo flink", "Hallo flott"]  # fmt: skip


# --- reports: posting that survives failures -------------------------------------------------------


def report_posts(world: World, channel: FakeChannel) -> list[dict]:
    return [m for m in world.fake.messages(channel) if m.get("embeds")]


async def reports_setup(runner: BotRunner, world: World) -> tuple[FakeChannel, FakeChannel]:
    fake = world.fake
    reports_channel = fake.create_text_channel(world.guild, "berichte")
    modlog = fake.create_text_channel(world.guild, "modlog")
    travel_to(runner, datetime(2026, 3, 28, 12, 0))
    for purpose, channel in (("reports", reports_channel), ("modlog", modlog)):
        await run(world, world.admin, "config channel", {"purpose": purpose, "channel": channel.id})  # fmt: skip
    await run(world, world.admin, "stats settings", {"report": "weekly", "hour": 9})
    await chat(world, world.member, 3)
    await asyncio.sleep(0.1)
    travel_to(runner, datetime(2026, 3, 30, 9, 0, 5))
    stats_cog(runner).retry_delays = (0.05, 0.05)
    return reports_channel, modlog


async def test_the_report_card_opens_with_a_verdict_and_shows_open_work_and_today_so_far(
    runner: BotRunner, world: World
):
    fake, guild_id = world.fake, world.guild.id
    reports_channel = fake.create_text_channel(world.guild, "berichte")
    travel_to(runner, datetime(2026, 3, 18, 12, 0))  # the week before the report's
    await run(world, world.admin, "config channel", {"purpose": "reports", "channel": reports_channel.id})  # fmt: skip
    await run(world, world.admin, "stats settings", {"report": "weekly", "hour": 9})
    await chat(world, world.member, 3)
    await counted(runner, 3)
    await flush(runner)
    travel_to(runner, datetime(2026, 3, 28, 12, 0))
    await chat(world, world.member, 4)
    await counted(runner, 7)
    await flush(runner)
    with connect(runner.settings) as conn:  # counted since 1 March
        conn.execute("UPDATE guilds SET joined_at = '2026-03-01T08:00:00+00:00'")
        conn.execute(
            "INSERT INTO review_items (guild_id, case_number, user_id, opened_at) "
            "VALUES (?, 1, ?, '2026-03-27T10:00:00+00:00')",
            (guild_id, world.member.id),
        )
        conn.execute(
            "INSERT INTO feedback_items (guild_id, kind, content, created_at) "
            "VALUES (?, 'feedback', 'Mehr Fragerunden bitte', '2026-03-29T08:00:00+00:00')",
            (guild_id,),
        )
    travel_to(runner, datetime(2026, 3, 30, 9, 0, 5))
    await stats_cog(runner).report_job(guild_id)
    (post,) = await fake.wait_for(lambda: report_posts(world, reports_channel))
    embed = post["embeds"][0]
    verdict = embed["description"].splitlines()[0]
    assert verdict.startswith("**") and verdict.endswith("**")
    assert says(verdict, "stats.verdict.as_before", "de")  # 4 messages after 3: no change
    assert says(verdict, "stats.verdict.members_steady", "de")
    assert says(verdict, "stats.verdict.open", "de", count=2, n="2")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    work = fields[t("stats.f.open_work", "de")]
    assert says(work, "stats.v.open_work", "de", review="1", inbox="1")
    assert says(work, "stats.v.oldest", "de", age="3 Tage")  # opened on 27 March
    assert fields[t("stats.f.messages", "de")].startswith("4 (▲ +33 %)")
    assert post["attachments"][0]["filename"] == "stats-weekly-2026-03-23.png"
    png = fake.attachment_bytes(post["attachments"][0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == CHART_SIZE
    # Active members per week were rolled up for the finished days, once.
    assert query(runner, "SELECT active_7d FROM stats_guild_daily WHERE day = '2026-03-28'") == [
        (1,)
    ]

    await chat(world, world.member, 2)  # today so far, which the report does not cover
    await counted(runner, 9)
    overview, _ = await run_reply(world, world.moderator, "stats overview", {"period": "7d"})
    assert says(overview, "stats.v.today_messages", "de", count=2, n="2")
    assert t("stats.f.today", "de") in overview


async def test_a_report_waits_for_permissions_survives_a_broken_chart_and_a_server_error(
    runner: BotRunner, world: World, monkeypatch: pytest.MonkeyPatch
):
    fake, guild_id = world.fake, world.guild.id
    reports_channel, modlog = await reports_setup(runner, world)
    deny = [{"id": str(fake.bot_user.id), "type": 1, "allow": "0", "deny": str(SEND_MESSAGES)}]
    fake.set_overwrites(reports_channel, deny)
    await asyncio.sleep(0.1)
    await stats_cog(runner).report_job(guild_id)
    (note,) = fake.messages(modlog)
    assert says(
        note["content"],
        "stats.report_not_posted",
        "de",
        kind=t("stats.period.weekly", "de"),
        period="23.03.2026 – 29.03.2026",
        channel=f"<#{reports_channel.id}>",
    )
    assert says(note["content"], "stats.report_reason_permissions", "de")
    assert permission_label(["send_messages"]).pick("de") in note["content"]
    assert fake.requests_to("POST", rf"/channels/{reports_channel.id}/messages$") == []  # no 403
    assert query(runner, "SELECT count(*) FROM stats_reports") == [(0,)]

    # Fixed; now the chart cannot be drawn and Discord has a hiccup: posted once, without chart.
    fake.set_overwrites(reports_channel, [])

    def broken(*_args: object) -> bytes:
        raise RuntimeError("no fonts")

    reports_module = sys.modules[type(stats_cog(runner).reports).__module__]
    monkeypatch.setattr(reports_module.chart, "render", broken)
    fake.inject_error("POST", rf"/channels/{reports_channel.id}/messages$", 503, 0, "unavailable")
    await asyncio.sleep(0.1)
    await stats_cog(runner).report_job(guild_id)
    (post,) = report_posts(world, reports_channel)
    assert "weekly:2026-03-23" in post["embeds"][0]["footer"]["text"] and post["attachments"] == []
    assert len(fake.requests_to("POST", rf"/channels/{reports_channel.id}/messages$")) == 2
    assert query(runner, "SELECT message_id FROM stats_reports") == [(int(post["id"]),)]
    assert len(fake.messages(modlog)) == 1


async def test_a_report_whose_post_may_have_happened_is_looked_for_after_a_restart(
    runner: BotRunner, world: World
):
    fake, guild_id = world.fake, world.guild.id
    reports_channel, modlog = await reports_setup(runner, world)
    for _ in range(3):  # the first try and both retries
        fake.inject_error("POST", rf"/channels/{reports_channel.id}/messages$", 503, 0, "unavailable")  # fmt: skip
    await stats_cog(runner).report_job(guild_id)
    assert report_posts(world, reports_channel) == []
    assert query(runner, "SELECT kind, message_id FROM stats_reports") == [("weekly", None)]
    note = fake.messages(modlog)[-1]["content"]
    assert says(note, "stats.report_not_posted", "de") and says(
        note, "stats.report_reason_unsure", "de"
    )
    # The post did go through after all (Discord answered 503 but kept it): after a restart the
    # bot finds it by its key and records it instead of posting again.
    key = f"stats:{guild_id}:weekly:2026-03-23"
    kept = fake.store.build(
        fake.bot_user, reports_channel, {"embeds": [{"title": "Wochenbericht", "footer": {"text": key}}]}
    )  # fmt: skip
    fake.store.store(kept)
    await runner.restart()
    await fake.wait_for(lambda: query(runner, "SELECT message_id FROM stats_reports") == [(int(kept["id"]),)])  # fmt: skip
    await stats_cog(runner).report_job(guild_id)
    await asyncio.sleep(0.2)
    assert report_posts(world, reports_channel) == [kept]


async def test_a_report_is_posted_after_a_restart_when_the_post_did_not_happen(
    runner: BotRunner, world: World
):
    fake, guild_id = world.fake, world.guild.id
    reports_channel, _ = await reports_setup(runner, world)
    for _ in range(3):
        fake.inject_error("POST", rf"/channels/{reports_channel.id}/messages$", 503, 0, "unavailable")  # fmt: skip
    await stats_cog(runner).report_job(guild_id)
    assert report_posts(world, reports_channel) == []
    await runner.restart()
    (post,) = await fake.wait_for(lambda: report_posts(world, reports_channel))
    assert "weekly:2026-03-23" in post["embeds"][0]["footer"]["text"]
    await stats_cog(runner).report_job(guild_id)
    await asyncio.sleep(0.2)
    assert len(report_posts(world, reports_channel)) == 1


# --- local days and time zones ---------------------------------------------------------------------


async def test_participation_counts_on_the_local_day_and_reports_include_it_at_once(
    runner: BotRunner, world: World
):
    assert runner.bot is not None
    travel_to(runner, datetime(2026, 3, 30, 0, 30))  # Monday 00:30 in Berlin, Sunday in UTC
    runner.bot.activity_service.record(world.guild.id, "qa_question", world.member.id)
    week = Period("weekly", date(2026, 3, 30), date(2026, 4, 6))
    data = await stats_cog(runner).report_data(world.guild.id, week)  # no flush by the test
    assert dict(data.current.participation) == {"qa_question": 1}
    assert query(runner, "SELECT day FROM activity_daily") == [("2026-03-30",)]


async def test_a_time_zone_change_moves_the_day_and_the_report(runner: BotRunner, world: World):
    guild_id = world.guild.id
    travel_to(runner, datetime(2026, 3, 28, 1, 0))  # Saturday 01:00 in Berlin, Friday in New York
    await run(world, world.owner, "config channel", {"purpose": "reports", "channel": world.staff_only.id})  # fmt: skip
    shown = await run(world, world.owner, "stats settings", {"report": "weekly", "hour": 9})
    assert says(
        shown, "stats.settings_show", "de", report=t("stats.period.weekly", "de"), hour="09:00"
    )
    assert planned(runner, guild_id) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    cog = stats_cog(runner)
    assert cog.service.today(guild_id) == "2026-03-28"
    await run(world, world.owner, "config timezone", {"zone": "America/New_York"})
    assert cog.service.today(guild_id) == "2026-03-27"
    await chat(world, world.member, 1)
    await asyncio.sleep(0.1)
    await flush(runner)
    assert query(runner, "SELECT day FROM stats_guild_daily") == [("2026-03-27",)]
    # Monday 09:00 in New York (summer time since 8 March) is 13:00 UTC.
    assert planned(runner, guild_id) == datetime(2026, 3, 30, 13, 0, tzinfo=UTC)


async def test_a_raid_through_one_invite_costs_a_few_lookups_and_names_the_invite(
    runner: BotRunner, world: World
):
    fake = world.fake
    invite = fake.create_invite(world.general, world.member)
    await asyncio.sleep(0.1)
    first = fake.create_user("first")
    fake.use_invite(invite["code"], first)  # the bot learns the invites' uses
    await fake.wait_for(lambda: query(runner, "SELECT count(*) FROM stats_joins")[0][0] == 1)
    lookups = len(fake.requests_to("GET", r"/guilds/\d+/invites$"))
    for n in range(60):
        fake.use_invite(invite["code"], fake.create_user(f"raid{n}"))
    await fake.wait_for(
        lambda: query(runner, "SELECT count(*) FROM stats_joins")[0][0] == 61, timeout=10
    )
    assert len(fake.requests_to("GET", r"/guilds/\d+/invites$")) - lookups < 10
    assert query(
        runner, "SELECT count(*) FROM stats_joins WHERE invite_code = ?", (invite["code"],)
    ) == [(61,)]
