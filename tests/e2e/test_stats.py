"""Statistics end to end: exact counts, commands, privacy choices, reports once per period across
restarts and daylight-saving changes, forgetting that leaves nothing behind, a safe welcome."""

from __future__ import annotations

import asyncio
import sqlite3
import struct
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import run, run_reply

BERLIN = ZoneInfo("Europe/Berlin")


def stats_cog(runner: BotRunner):
    assert runner.bot is not None
    return runner.bot.get_cog("StatsCog")


async def flush(runner: BotRunner) -> None:
    cog = stats_cog(runner)
    await cog.service.score_pending()
    await cog.service.flush()


def query(runner: BotRunner, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(runner.settings.database_path) as conn:
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

    me = await run(world, world.member, "stats me")
    assert "Nachrichten" in me and "3" in me
    refused = await run(world, world.member, "stats member", {"member": world.english_member.id})
    assert "Mitglieder im Timeout" in refused or "Berechtigung" in refused
    member = await run(world, world.moderator, "stats member", {"member": world.member.id})
    assert "3" in member

    overview, reply = await run_reply(world, world.moderator, "stats overview", {"period": "7d"})
    followup = reply.followups[0]
    assert followup["flags"] & 64 and "Überblick" in overview
    png = fake.attachment_bytes(followup["attachments"][0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1000, 600)

    _, export = await run_reply(world, world.moderator, "stats export", {"period": "7d"})
    csv_text = fake.attachment_bytes(export.followups[0]["attachments"][0]).decode()
    assert csv_text.splitlines()[0].startswith("day,messages,active_members")
    assert f"{day},5,2,0,0," in csv_text and str(world.member.id) not in csv_text

    board, _ = await run_reply(world, world.member, "leaderboard")
    assert f"<@{world.member.id}>" in board and f"<@{world.english_member.id}>" in board
    opted = await run(world, world.member, "privacy", {"leaderboard": "no"})
    assert "nein" in opted
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
    assert query(runner, "SELECT messages FROM stats_member_daily WHERE user_id = 0") == [(4,)]
    assert query(runner, "SELECT messages FROM stats_guild_daily") == [(6,)]
    assert "ausgeschaltet" in await run(world, world.member, "stats me")


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
    assert "09:00" in shown and "Europe/Berlin" in shown
    await chat(world, world.member, 4)
    await asyncio.sleep(0.1)
    # Due on Monday 30 March 09:00 summer time = 07:00 UTC (the week had a 23-hour Sunday).
    assert planned(runner, guild_id) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    travel_to(runner, datetime(2026, 3, 30, 9, 0, 5))
    cog = stats_cog(runner)
    await asyncio.gather(cog.report_job(guild_id), cog.report_job(guild_id))  # a race: one post
    (post,) = await fake.wait_for(lambda: reports(world))
    embed = post["embeds"][0]
    assert "weekly:2026-03-23" in embed["footer"]["text"] and "Wochenbericht" in embed["title"]
    assert "23.03.2026 – 29.03.2026" in embed["title"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert (
        fields["Nachrichten"].startswith("4")
        and f"<@{world.member.id}>" in fields["Aktivste Mitglieder"]
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
    """Every table (walked from sqlite_master, so new tables are covered) with a cell that is
    the member's id or contains it as text."""
    found: dict[str, int] = {}
    with sqlite3.connect(runner.settings.database_path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            where = " OR ".join(
                f"{c} = :id OR CAST({c} AS TEXT) LIKE '%' || :id || '%'" for c in columns
            )
            (n,) = conn.execute(
                f"SELECT count(*) FROM {table} WHERE {where}", {"id": user_id}
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
    assert newbie.id.to_bytes(8, "big") in file_bytes(runner.settings.database_path)

    await forget(world, newbie)
    await forget(world, world.member)
    assert rows_naming(runner, newbie.id) == {}
    assert set(rows_naming(runner, world.member.id)) == {"cases"}  # kept by design
    # The server's totals stay right without naming anyone.
    assert query(runner, "SELECT messages, reactions, joins FROM stats_guild_daily") == [(4, 1, 1)]
    assert query(runner, "SELECT sum(messages) FROM stats_member_daily WHERE user_id = 0") == [(4,)]
    data = file_bytes(runner.settings.database_path)
    for needle in (newbie.id.to_bytes(8, "big"), str(newbie.id).encode()):
        assert needle not in data


def welcomes(world: World) -> list[dict]:
    return [m for m in world.fake.messages(world.general) if "Hallo" in m.get("content", "")]


async def test_welcome_is_literal_pings_only_the_member_and_waits_for_screening(
    runner: BotRunner, world: World
):
    fake = world.fake
    greeted = fake.create_role(world.guild, "Neu", position=1)
    await run(world, world.admin, "config channel", {"purpose": "welcome", "channel": world.general.id})  # fmt: skip
    bad = await run(world, world.admin, "welcome settings", {"message": "Hi {user}"})
    assert "{user}" in bad and "{member_name}" in bad
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
    assert "Preview:" in shown  # the admin's client is English
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
