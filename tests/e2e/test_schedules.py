"""Schedules end to end: posted at their time, re-armed after a restart, a missed run inside the
grace window runs once and one outside it does not, a deleted channel pauses with a note."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.replies import permission_label
from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run


def posts(world: World, channel=None) -> list[dict]:
    return [
        m
        for m in world.fake.messages(channel or world.general)
        if "Wochenrückblick" in m.get("content", "")
    ]


async def offline_until(runner: BotRunner, next_run: datetime, last_run: datetime) -> None:
    await runner.stop()
    with connect(runner.settings) as conn:
        conn.execute(
            "UPDATE schedules SET next_run_at = ?, last_run_at = ?",
            (next_run.isoformat(timespec="seconds"), last_run.isoformat(timespec="seconds")),
        )
    await runner.start()


async def test_preview_add_list_and_a_clear_error(runner: BotRunner, world: World):
    preview = await run(
        world, world.moderator, "schedule preview", {"when": "jeden Freitag 18 Uhr"}
    )
    assert preview.count("<t:") == 5 and "Europe/Berlin" in preview
    bad = await run(world, world.moderator, "schedule preview", {"when": "irgendwann mal"})
    assert says(bad, "error.schedule_invalid", "de", value="irgendwann mal")
    created = await run(
        world,
        world.moderator,
        "schedule add",
        {"when": "every monday 09:00", "text": "Wochenrückblick", "channel": world.general.id},
    )
    assert says(created, "schedule.created", "de", id=1) and created.count("<t:") == 3
    listing = await run(world, world.moderator, "schedule list")
    assert "every monday 09:00" in listing


def daily_at(moment: datetime) -> str:
    """A cron phrase for every day at ``moment``'s Berlin wall-clock time."""
    local = moment.astimezone(ZoneInfo("Europe/Berlin"))
    return f"{local.minute} {local.hour} * * *"


async def test_missed_run_inside_the_grace_window_runs_once(runner: BotRunner, world: World):
    fake = world.fake
    now = datetime.now(UTC)
    missed_at = now - timedelta(minutes=10)
    await run(
        world,
        world.moderator,
        "schedule add",
        {
            "when": daily_at(missed_at),
            "text": "Wochenrückblick",
            "channel": world.general.id,
            "role": world.mods.id,
        },
    )
    await offline_until(runner, missed_at.replace(second=0, microsecond=0), now - timedelta(days=3))
    await fake.wait_for(lambda: posts(world))
    request = next(
        r for r in fake.requests if r.method == "POST" and "Wochenrückblick" in str(r.json)
    )
    assert [str(r) for r in request.json["allowed_mentions"]["roles"]] == [str(world.mods.id)]
    assert not request.json["allowed_mentions"].get("users") and "everyone" not in request.json[
        "allowed_mentions"
    ].get("parse", [])
    await runner.restart()  # re-armed for the next occurrence; the same one does not run again
    await asyncio.sleep(0.3)
    assert len(posts(world)) == 1
    assert runner.bot is not None and runner.bot.scheduler.has("schedule:1")


async def test_missed_run_outside_the_grace_window_is_skipped(runner: BotRunner, world: World):
    now = datetime.now(UTC)
    missed_at = now - timedelta(hours=3)
    await run(
        world,
        world.moderator,
        "schedule add",
        {"when": daily_at(missed_at), "text": "Wochenrückblick", "channel": world.general.id},
    )
    await offline_until(runner, missed_at.replace(second=0, microsecond=0), now - timedelta(days=3))
    await asyncio.sleep(0.5)
    assert posts(world) == []  # too late: skipped and logged, never run late
    with connect(runner.settings) as conn:
        (next_run,) = conn.execute("SELECT next_run_at FROM schedules").fetchone()
    assert datetime.fromisoformat(next_run) > datetime.now(UTC)


async def test_a_deleted_channel_pauses_the_schedule_with_a_note(runner: BotRunner, world: World):
    fake = world.fake
    await run(
        world, world.admin, "config channel", {"purpose": "modlog", "channel": world.staff_only.id}
    )
    events = fake.create_text_channel(world.guild, "events")
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_channel(events.id) is not None)
    await run(
        world,
        world.moderator,
        "schedule add",
        {"when": "every friday 18:00", "text": "Wochenrückblick", "channel": events.id},
    )
    await fake.dispatch("CHANNEL_DELETE", {**events.to_dict(), "guild_id": str(world.guild.id)})
    await fake.wait_for(lambda: runner.bot.get_channel(events.id) is None)
    await run(world, world.moderator, "schedule run-now", {"schedule": "1"})
    note = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.staff_only)
            if says(m.get("content", ""), "schedule.paused_note", "de")
        ]
    )
    assert says(
        note[0]["content"], "schedule.paused_note", "de", reason=t("schedule.reason_channel", "de")
    )
    assert says(
        await run(world, world.moderator, "schedule list"),
        "schedule.line_paused",
        "de",
        reason=t("schedule.reason_channel", "de"),
    )
    assert runner.bot is not None and not runner.bot.scheduler.has("schedule:1")


async def test_start_and_end_dates_bound_the_runs(runner: BotRunner, world: World):
    created = await run(
        world, world.moderator, "schedule add",
        {"when": "every friday 18:00", "text": "Wochenrückblick", "channel": world.general.id, "first_day": "2030-01-01", "last_day": "2030-01-20"},
    )  # fmt: skip
    # Fridays in that window: 4, 11 and 18 January 2030 (18:00 in Berlin is 17:00 UTC)
    expected = [int(datetime(2030, 1, d, 17, tzinfo=UTC).timestamp()) for d in (4, 11, 18)]
    assert [int(t) for t in re.findall(r"<t:(\d+):f>", created)] == expected
    bad = await run(
        world,
        world.moderator,
        "schedule add",
        {
            "when": "daily 09:00",
            "text": "x",
            "channel": world.general.id,
            "first_day": "31.12.2030",
        },
    )
    assert says(bad, "schedule.bad_date", "de", value="31.12.2030")


async def test_scheduled_giveaway_and_contest_start_themselves(runner: BotRunner, world: World):
    fake = world.fake
    now = datetime.now(UTC)
    due = now - timedelta(minutes=5)
    assert says(
        await run(
            world,
            world.admin,
            "schedule giveaway",
            {
                "when": daily_at(due),
                "prize": "Monats-Hoodie",
                "duration": "1d",
                "channel": world.general.id,
            },
        ),
        "schedule.created",
        "en",
        id=1,
    )
    assert says(
        await run(
            world,
            world.admin,
            "schedule contest",
            {
                "when": daily_at(due),
                "title": "Foto der Woche",
                "submission_time": "2d",
                "voting_time": "1d",
                "channel": world.general.id,
            },
        ),
        "schedule.created",
        "en",
        id=2,
    )
    refused = await run(
        world,
        world.moderator,
        "schedule giveaway",
        {"when": "daily 09:00", "prize": "x", "duration": "1d", "channel": world.general.id},
    )
    # starting giveaways needs Manage Server, also on a schedule
    assert says(
        refused, "error.server_permission", "de", permissions=permission_label(["manage_guild"])
    )
    await offline_until(runner, due.replace(second=0, microsecond=0), now - timedelta(days=2))
    giveaway = await fake.wait_for(
        lambda: [m for m in fake.messages(world.general) if "Monats-Hoodie" in str(m.get("embeds"))]
    )
    contest = await fake.wait_for(
        lambda: [
            m for m in fake.messages(world.general) if "Foto der Woche" in str(m.get("embeds"))
        ]
    )
    assert giveaway[0]["components"] and contest
    events = await fake.wait_for(lambda: fake.requests_to("POST", r"/guilds/\d+/scheduled-events$"))
    assert (
        events[0].status == 200
        and events[0].json["entity_type"] == 3
        and events[0].json["privacy_level"] == 2
    )
    assert "Foto der Woche" in events[0].json["name"]
    with connect(runner.settings) as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM giveaways WHERE created_by = ?", (world.admin.id,)
            ).fetchone()[0]
            == 1
        )
        assert conn.execute("SELECT count(*) FROM contests").fetchone()[0] == 1


async def test_a_reminder_is_armed_before_each_run_and_posts_without_pings(
    runner: BotRunner, world: World
):
    fake = world.fake
    await run(
        world,
        world.moderator,
        "schedule add",
        {
            "when": "every friday 18:00",
            "text": "Wochenrückblick",
            "channel": world.general.id,
            "remind_before": "1h",
        },
    )
    bot = runner.bot
    assert bot is not None
    jobs = {job.key: job.run_at for job in bot.scheduler.pending()}
    assert jobs["schedule:1"] - jobs["schedule-remind:1"] == timedelta(hours=1)
    await bot.get_cog("ScheduleCog").service._remind(1, jobs["schedule:1"])
    reminder = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.general)
            if says(
                m.get("content", ""),
                "schedule.reminder",
                "de",
                what=t("schedule.kind.announcement", "de"),
            )
        ]
    )
    assert "<t:" in reminder[0]["content"]
    await runner.restart()  # re-armed with the schedule
    assert runner.bot is not None and runner.bot.scheduler.has("schedule-remind:1")


async def test_a_scheduled_qa_round_opens_itself_with_a_discord_event(
    runner: BotRunner, world: World
):
    fake = world.fake
    now = datetime.now(UTC)
    run_at = now - timedelta(minutes=5)
    created = await run(
        world,
        world.admin,
        "schedule qa",
        {
            "when": daily_at(run_at),
            "topic": "Frag das Team @everyone",
            "duration": "1h",
            "channel": world.general.id,
        },
    )
    assert says(created, "schedule.created", "en", id=1)
    # the Discord event for the next run is created ahead, once
    (first,) = await fake.wait_for(
        lambda: fake.requests_to("POST", r"/guilds/\d+/scheduled-events$"), timeout=5
    )
    assert first.json["entity_type"] == 3 and first.json["privacy_level"] == 2
    assert "Frag das Team" in first.json["name"]
    start = datetime.fromisoformat(first.json["scheduled_start_time"])
    end = datetime.fromisoformat(first.json["scheduled_end_time"])
    assert start > now and end - start == timedelta(hours=1)
    # the run is missed while offline (inside the grace window): the round opens once at start
    await offline_until(runner, run_at.replace(second=0, microsecond=0), now - timedelta(days=3))
    panels = await fake.wait_for(
        lambda: [
            m
            for m in fake.messages(world.general)
            if any(
                says(e.get("title", ""), "qa.panel_title", "de", topic="Frag das Team")
                for e in m.get("embeds", [])
            )
        ]
    )
    assert len(panels) == 1 and "@\u200beveryone" in panels[0]["embeds"][0]["title"]
    with connect(runner.settings) as conn:
        (state, host) = conn.execute("SELECT state, host_id FROM qa_rounds").fetchone()
    assert state == "open" and host == world.admin.id
    await runner.restart()
    await asyncio.sleep(0.3)
    assert len(fake.requests_to("POST", r"/guilds/\d+/scheduled-events$")) == 1  # not again
    # removing the schedule takes the announced event back
    assert says(
        await run(world, world.admin, "schedule remove", {"schedule": "1"}),
        "schedule.removed",
        "en",
        id=1,
    )
    assert fake.requests_to("DELETE", r"/guilds/\d+/scheduled-events/\d+$")


async def test_a_scheduled_report_posts_once_per_period(runner: BotRunner, world: World):
    """A report schedule stored before the report got its one switch (/stats settings) keeps
    running, once per period; new ones cannot be made with /schedule any more."""
    from cogs.schedules import repository as schedules

    fake = world.fake
    now = datetime.now(UTC)
    run_at = now - timedelta(minutes=5)
    assert runner.bot is not None
    group = runner.bot.tree.get_command("schedule")
    assert group is not None and group.get_command("report") is None  # no longer offered
    assert runner.db is not None
    await schedules.create(
        runner.db,
        guild_id=world.guild.id,
        kind="stats_report",
        phrase=daily_at(run_at),
        zone="Europe/Berlin",
        channel_id=world.staff_only.id,
        role_id=None,
        text="weekly",
        created_by=world.admin.id,
        next_run_at=run_at,
        now=now - timedelta(days=3),
        payload={"period": "weekly"},
    )
    listing = await run(world, world.admin, "schedule list")
    assert says(listing, "schedule.line", "en", kind=t("stats.schedule_kind", "en"))

    def reports() -> list[dict]:
        return [
            m
            for m in fake.messages(world.staff_only)
            if any(
                says(e.get("title", ""), "stats.report_title", "de") for e in m.get("embeds", [])
            )
        ]

    await offline_until(runner, run_at.replace(second=0, microsecond=0), now - timedelta(days=3))
    (report,) = await fake.wait_for(reports, timeout=10)
    assert says(
        report["embeds"][0]["title"], "stats.report_title", "de", kind=t("stats.kind.weekly", "de")
    )
    # run-now in the same week: the week's report exists already, nothing is posted twice
    again = await run(world, world.admin, "schedule run-now", {"schedule": "1"})
    assert says(again, "stats.report_already", "en")
    await asyncio.sleep(0.5)
    assert len(reports()) == 1


async def test_the_report_switched_on_in_its_one_place_shows_in_the_schedule_list(
    runner: BotRunner, world: World
):
    empty = await run(world, world.admin, "schedule list")
    assert says(empty, "schedule.none", "en")
    await run(
        world, world.admin, "config channel", {"purpose": "reports", "channel": world.general.id}
    )
    await run(world, world.admin, "stats settings", {"report": "weekly", "hour": 8})
    listing = await run(world, world.admin, "schedule list")
    assert says(
        listing,
        "stats.schedule_listing",
        "en",
        period=t("stats.schedule_period.weekly", "en"),
        hour="08:00",
        channel=f"<#{world.general.id}>",
    )
    assert "</stats settings:" in listing  # where to change it, as a clickable command
    await run(world, world.admin, "stats settings", {"report": "off"})
    assert says(await run(world, world.admin, "schedule list"), "schedule.none", "en")
