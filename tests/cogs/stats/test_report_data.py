"""Report figures and highlight texts on a fixed data set, on the real schema; ingestion that
is exact, atomic and survives a failed flush; one report per period; the retention fold."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.database import Database
from bot.i18n import I18n
from cogs.stats import repository, strings
from cogs.stats.counter import StatsBuffer
from cogs.stats.embeds import highlight_text
from cogs.stats.highlights import highlights
from cogs.stats.periods import Period
from cogs.stats.report import change, csv_text
from cogs.stats.repository import MemberPrefs
from cogs.stats.service import StatsService

pytestmark = pytest.mark.postgres  # the repositories on both backends


BERLIN = ZoneInfo("Europe/Berlin")
G, C1, C2, C3 = 7, 71, 72, 73
A, B, C = 701, 702, 703
NOW = datetime(2026, 3, 30, 8, tzinfo=UTC)
WEEK = Period("weekly", date(2026, 3, 23), date(2026, 3, 30))


async def write(
    db: Database,
    counts: dict[tuple[str, int, int], int],
    mood: dict[tuple[str, int], tuple[float, int, int]],
) -> None:
    buffer = StatsBuffer()
    for (day, channel, user), n in counts.items():
        buffer.messages[(G, day, channel, user)] += n
    for (day, channel), (total, n, negative) in mood.items():
        buffer.sentiment[(G, day, channel)] = [total, float(n), float(negative)]
    await repository.write_batch(db, buffer.take(), NOW)


@pytest.fixture
async def fixed(db: Database) -> Database:
    await write(
        db,
        {("2026-03-17", C1, A): 60, ("2026-03-17", C1, B): 40, ("2026-03-18", C2, A): 40,
         ("2026-03-24", C1, A): 100, ("2026-03-24", C1, B): 30, ("2026-03-24", C1, C): 20,
         ("2026-03-25", C2, B): 5, ("2026-03-26", C3, C): 30},
        {("2026-03-17", C1): (10.0, 25, 1), ("2026-03-24", C1): (2.5, 25, 8)},
    )  # fmt: skip
    async with db.transaction() as tx:  # the bot has counted since 1 March
        await tx.execute("UPDATE guilds SET joined_at = '2026-03-01T08:00:00+00:00'")
    for n in range(8):
        await repository.record_join(
            db, G, 900 + n, "2026-03-25", NOW, "spring" if n < 5 else None, A
        )
    await repository.record_leave(db, G, 900, "2026-03-26", NOW)
    async with db.transaction() as tx:
        for number, (moderator, when) in enumerate(
            [(0, "2026-03-24T10:00:00+00:00")] * 4
            + [(5, "2026-03-25T10:00:00+00:00")] * 2
            + [(0, "2026-03-17T10:00:00+00:00")] * 2
            + [(0, "2026-03-22T23:30:00+00:00")],  # Monday 00:30 local
            start=1,
        ):
            await tx.execute(
                "INSERT INTO cases (guild_id, number, user_id, moderator_id, action, reason, created_at) "
                "VALUES (?, ?, ?, ?, 'warn', 'x', ?)",
                (G, number, A, moderator, when),
            )  # fmt: skip
    await repository.save_prefs(db, MemberPrefs(G, B, leaderboard=False), NOW)
    return db


async def test_report_numbers_and_highlight_texts_on_a_fixed_data_set(fixed: Database):
    data = await repository.report_data(fixed, G, WEEK, BERLIN, "opt_out")
    now, before = data.current, data.before
    assert (now.messages, before.messages, now.active_members, before.active_members) == (
        185,
        140,
        3,
        2,
    )
    assert (now.joins, now.leaves, now.cases, now.cases_auto, before.cases) == (8, 1, 7, 5, 2)
    assert now.sentiment == pytest.approx(0.1) and before.sentiment == pytest.approx(0.4)
    assert change(now.messages, before.messages).percent == 32
    assert data.top == ((A, 100), (C, 50))  # B opted out of leaderboards
    assert data.sources == (("spring", 5), ("", 3))
    assert [d.messages for d in data.days] == [0, 150, 5, 30, 0, 0, 0]
    assert [d.active_members for d in data.days] == [0, 3, 1, 1, 0, 0, 0]
    i18n = I18n()
    i18n.add_feature(strings)
    texts = [highlight_text(h, "en", i18n) for h in highlights(data)]
    assert texts == [
        "⚠️ Moderation spike: 7 cases (before: 2).",
        "😟 The mood dropped: 32% of the rated messages were negative (before: 4%).",
        "📈 32% more messages than the period before.",
        "🌱 The server grew by 7 members (8 joined, 1 left).",
        f"🚀 Biggest growth: <#{C1}> with 150 messages (+50%).",
        f"🔇 <#{C2}> went quiet: 5 messages after 40.",
    ]
    assert highlight_text(highlights(data)[1], "de", i18n) == (
        "😟 Die Stimmung ist gesunken: 32 % der bewerteten Nachrichten waren negativ (davor 4 %)."
    )
    assert (now.negative_share, before.negative_share) == (0.32, 0.04)
    opt_in = await repository.top_members(fixed, G, WEEK, "opt_in")
    assert opt_in == []  # nobody agreed yet
    assert csv_text(data.days).splitlines()[2] == "2026-03-24,150,3,0,0,0.1000,25"


async def test_retention_cohort_counts_who_stayed_and_came_back(db: Database):
    for n, user in enumerate((A, B, C)):
        await repository.record_join(db, G, user, "2026-02-02", NOW, None, None)
        _ = n
    await repository.record_leave(db, G, C, "2026-02-20", NOW)
    await write(
        db, {("2026-02-10", C1, A): 1, ("2026-03-05", C1, A): 1, ("2026-02-12", C1, B): 1}, {}
    )
    found = await repository.retention(db, G, date(2026, 2, 1), date(2026, 2, 8), date(2026, 3, 30))
    assert (found.joined, found.still_members, found.active_after_7, found.active_after_30) == (
        3,
        2,
        2,
        1,
    )


FAILING_TRIGGER = {
    "sqlite": [
        "CREATE TEMP TRIGGER fail BEFORE INSERT ON stats_guild_daily "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$",
        "CREATE TRIGGER fail BEFORE INSERT ON stats_guild_daily "
        "FOR EACH ROW EXECUTE FUNCTION fail()",
    ],
}


async def test_ingestion_is_exact_and_a_failed_flush_loses_nothing(db: Database):
    service = StatsService(db, lambda: NOW, lambda _g: BERLIN)
    for _ in range(3):
        service.message(G, C1, A, "")
    service.reaction(G, C1, B)
    async with db.transaction() as tx:  # the next write fails half-way (after the raw rows)
        for statement in FAILING_TRIGGER[db.dialect]:
            await tx.execute(statement)
    with pytest.raises(Exception, match="disk full"):
        await service.flush()
    assert await db.fetchall("SELECT * FROM stats_member_channel_daily") == []  # rolled back whole
    async with db.transaction() as tx:
        await tx.execute(
            "DROP TRIGGER fail ON stats_guild_daily"
            if db.dialect == "postgresql"
            else "DROP TRIGGER fail"
        )
    service.message(G, C1, A, "")
    assert await service.flush() == 2 + 2 + 1 + 1
    rows = await db.fetchall(
        "SELECT user_id, messages, reactions FROM stats_member_daily ORDER BY user_id"
    )
    assert [tuple(r) for r in rows] == [(A, 4, 0), (B, 0, 1)]
    row = await db.fetchone("SELECT day, messages, reactions FROM stats_guild_daily")
    assert row is not None and tuple(row) == ("2026-03-30", 4, 1)  # Berlin's day at 10:00 local


async def test_one_report_claim_per_period(db: Database):
    assert await repository.claim_report(db, G, WEEK, C1, NOW)
    assert not await repository.claim_report(db, G, WEEK, C2, NOW)
    await repository.report_posted(db, G, WEEK, C1, 555)
    record = await repository.report_record(db, G, WEEK)
    assert record is not None and record.message_id == 555
    assert await repository.last_reported(db, G, "weekly") == WEEK.start


async def test_old_member_rows_are_folded_into_totals_and_deleted(fixed: Database):
    deleted = await repository.fold_before(fixed, G, date(2026, 3, 24))
    assert deleted >= 3
    left = await fixed.fetchall("SELECT DISTINCT day FROM stats_member_daily ORDER BY day")
    assert [r["day"] for r in left] == ["2026-03-24", "2026-03-25", "2026-03-26"]
    folded = await fixed.fetchall(
        "SELECT day, messages, active_members FROM stats_guild_daily WHERE day < '2026-03-24'"
    )
    assert [tuple(r) for r in folded] == [("2026-03-17", 100, 2), ("2026-03-18", 40, 1)]
    previous = Period("daily", date(2026, 3, 17), date(2026, 3, 18))
    totals = await repository.totals(fixed, G, previous, BERLIN)
    assert (totals.messages, totals.active_members) == (100, 2)  # still known from the fold
    week_before = await repository.totals(
        fixed, G, Period("weekly", date(2026, 3, 16), date(2026, 3, 23)), BERLIN
    )
    assert week_before.messages == 140 and week_before.active_members is None  # honest: not known


async def test_rollups_weeks_first_day_and_open_work_on_the_real_schema(fixed: Database):
    # 17 March to 29 March: every day since the first counted one gets its figures, once.
    assert await repository.roll_up_active(fixed, G, date(2026, 3, 30)) == 13
    assert await repository.roll_up_active(fixed, G, date(2026, 3, 30)) == 0
    rolled = await fixed.fetchall(
        "SELECT day, messages, active_7d, active_30d FROM stats_guild_daily "
        "WHERE day IN ('2026-03-17', '2026-03-23', '2026-03-24', '2026-03-29') ORDER BY day"
    )
    assert [tuple(r) for r in rolled] == [
        ("2026-03-17", 100, 2, 2),
        ("2026-03-23", 0, 2, 2),  # a quiet day: A and B were active in the 7 days up to it
        ("2026-03-24", 150, 3, 3),
        ("2026-03-29", 0, 3, 3),
    ]
    first = await repository.first_day(fixed, G, BERLIN)
    assert first == date(2026, 3, 1)
    weeks = await repository.weeks(fixed, G, date(2026, 3, 30), first)
    assert [w.messages for w in weeks] == [None, None, None, None, 0, 0, 140, 185]
    assert [w.active for w in weeks][-2:] == [2, 3]
    assert weeks[-1].net_members == 7 and weeks[-1].negative_share == pytest.approx(0.32)
    async with fixed.transaction() as tx:
        await tx.execute(
            "INSERT INTO review_items (guild_id, case_number, user_id, opened_at) "
            "VALUES (?, 1, ?, '2026-03-28T08:00:00+00:00')",
            (G, A),
        )
        await tx.executemany(
            "INSERT INTO feedback_items (guild_id, kind, status, content, created_at) "
            "VALUES (?, 'feedback', ?, 'x', ?)",
            [
                (G, "open", "2026-03-29T08:00:00+00:00"),
                (G, "resolved", "2026-03-20T08:00:00+00:00"),  # done: not open work
            ],
        )
    work = await repository.open_work(fixed, G, NOW)
    assert (work.review_open, work.inbox_open, work.oldest_s) == (1, 1, 2 * 86400)
