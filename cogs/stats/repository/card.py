"""SQL of the report card: every figure of a report, the first day the bot had data, the eight
weeks of the sparklines, the open work of the team, and the rolled-up active members per week
and month.

Open work reads the review queue's ``review_items`` and the feedback inbox's ``feedback_items``
(read only).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.database import Database
from bot.timeutil import from_iso
from cogs.stats.periods import Period, local_date, preceding
from cogs.stats.report import OpenWork, ReportData, Week, retention_cohort
from cogs.stats.repository.figures import (
    NEGATIVE_SUMS,
    channel_totals,
    daily_rows,
    invite_sources,
    retention,
    top_members,
    totals,
)

WEEKS = 8
ROLLUP_LOOKBACK = 30  # days rolled up at most at once; their 30-day windows stay inside retention


async def first_day(db: Database, guild_id: int, zone: ZoneInfo) -> date | None:
    """The first local day the bot counted for the guild: when it joined, or its oldest row."""
    row = await db.read_one(
        "SELECT MIN(day) AS day FROM stats_guild_daily WHERE guild_id = ?", (guild_id,)
    )
    guild = await db.read_one("SELECT joined_at FROM guilds WHERE guild_id = ?", (guild_id,))
    found = [date.fromisoformat(row["day"])] if row is not None and row["day"] else []
    if guild is not None and guild["joined_at"]:
        found.append(local_date(from_iso(guild["joined_at"]), zone))
    return min(found, default=None)


async def weeks(
    db: Database, guild_id: int, end: date, first: date | None, count: int = WEEKS
) -> tuple[Week, ...]:
    """``count`` weeks of seven days, the last ending before ``end``, oldest first. A week the
    bot did not count in full is ``None`` in every figure."""
    start = end - timedelta(days=7 * count)
    params = {"g": guild_id, "s": start.isoformat(), "e": end.isoformat()}
    if db.dialect == "postgresql":
        bucket = "(CAST(CAST(:e AS TEXT) AS date) - CAST(day AS date) - 1) / 7"
    else:
        bucket = "CAST((julianday(:e) - julianday(day) - 1) / 7 AS INTEGER)"
    sums = {
        row["w"]: row
        for row in await db.read_all(
            f"SELECT {bucket} AS w, SUM(messages) AS m, SUM(joins) AS j, SUM(leaves) AS l "
            "FROM stats_guild_daily WHERE guild_id = :g AND day >= :s AND day < :e GROUP BY w",
            params,
        )
    }
    moods = {
        row["w"]: row
        for row in await db.read_all(
            f"SELECT {bucket} AS w, {NEGATIVE_SUMS} FROM stats_channel_daily "
            "WHERE guild_id = :g AND day >= :s AND day < :e GROUP BY w",
            params,
        )
    }
    last_days = [(end - timedelta(days=1 + 7 * w)).isoformat() for w in range(count)]
    marks = ",".join("?" for _ in last_days)
    active = {
        row["day"]: row["active_7d"]
        for row in await db.read_all(
            f"SELECT day, active_7d FROM stats_guild_daily WHERE guild_id = ? AND day IN ({marks})",
            (guild_id, *last_days),
        )
    }
    found: list[Week] = []
    for w in reversed(range(count)):
        week_end = end - timedelta(days=7 * w)
        if first is None or week_end - timedelta(days=7) < first:
            found.append(Week(week_end, None, None, None, None))
            continue
        row, mood = sums.get(w), moods.get(w)
        found.append(
            Week(
                week_end,
                int(row["m"]) if row else 0,
                active.get(last_days[w]),
                int(row["j"]) - int(row["l"]) if row else 0,
                mood["neg"] / mood["neg_n"] if mood is not None and mood["neg_n"] else None,
            )
        )
    return tuple(found)


async def open_work(db: Database, guild_id: int, now: datetime) -> OpenWork:
    """Review items not decided and inbox items not resolved, and the oldest one's age."""
    review = await db.read_one(
        "SELECT COUNT(*) AS n, MIN(opened_at) AS oldest FROM review_items "
        "WHERE guild_id = ? AND decided_at IS NULL",
        (guild_id,),
    )
    inbox = await db.read_one(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM feedback_items "
        "WHERE guild_id = ? AND status != 'resolved'",
        (guild_id,),
    )
    oldest = [
        from_iso(row["oldest"]) for row in (review, inbox) if row is not None and row["oldest"]
    ]
    return OpenWork(
        review_open=int(review["n"]) if review else 0,
        inbox_open=int(inbox["n"]) if inbox else 0,
        oldest_s=(now - min(oldest)).total_seconds() if oldest else None,
    )


async def roll_up_active(db: Database, guild_id: int, before: date) -> int:
    """Members active in the 7 and 30 days up to each complete day before ``before`` that has
    none yet (a day without messages since the first counted one gets its row, so every week
    has its last day); counted on the read connection, written in one short transaction.
    Returns the days rolled up."""
    row = await db.read_one(
        "SELECT MIN(day) AS first FROM stats_guild_daily WHERE guild_id = ?", (guild_id,)
    )
    if row is None or row["first"] is None:
        return 0
    day = max(before - timedelta(days=ROLLUP_LOOKBACK), date.fromisoformat(row["first"]))
    done = {
        r["day"]
        for r in await db.read_all(
            "SELECT day FROM stats_guild_daily WHERE guild_id = ? AND day >= ? AND day < ? "
            "AND active_7d IS NOT NULL",
            (guild_id, day.isoformat(), before.isoformat()),
        )
    }
    values = []
    while day < before:
        if day.isoformat() not in done:
            counts = await db.read_one(
                "SELECT COUNT(DISTINCT CASE WHEN day >= :w THEN user_id END) AS a7, "
                "COUNT(DISTINCT user_id) AS a30 FROM stats_member_daily WHERE guild_id = :g "
                "AND day >= :m AND day <= :d AND user_id != 0",
                {
                    "g": guild_id,
                    "w": (day - timedelta(days=6)).isoformat(),
                    "m": (day - timedelta(days=29)).isoformat(),
                    "d": day.isoformat(),
                },
            )
            assert counts is not None
            values.append((counts["a7"], counts["a30"], guild_id, day.isoformat()))
        day += timedelta(days=1)
    if values:
        async with db.transaction() as tx:
            await tx.executemany(
                "INSERT INTO stats_guild_daily (guild_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(guild, key) for _a7, _a30, guild, key in values],
            )
            await tx.executemany(
                "UPDATE stats_guild_daily SET active_7d = ?, active_30d = ? "
                "WHERE guild_id = ? AND day = ? AND active_7d IS NULL",
                values,
            )
    return len(values)


async def report_data(
    db: Database,
    guild_id: int,
    period: Period,
    zone: ZoneInfo,
    mode: str,
    previous: Period | None = None,
    *,
    kept_from: date | None = None,
    hidden: Callable[[int], bool] | None = None,
    now: datetime | None = None,
) -> ReportData:
    """Every figure of a report: the period, the one before, channels, days, top, sources,
    retention of this and the previous cohort, the sparklines' weeks and (with ``now``) the open
    work.

    ``kept_from``: the first day whose per-member rows are still kept (the retention window);
    a retention cohort starts no earlier, so it only counts members whose joins are known."""
    before = previous or preceding(period)
    cohorts = []
    for shown in (period, before):
        cohort = retention_cohort(shown)
        if kept_from is not None and cohort[0] < kept_from:
            cohort = (min(kept_from, cohort[1]), cohort[1])
        cohorts.append(cohort)
    first = await first_day(db, guild_id, zone)
    return ReportData(
        period=period,
        previous=before,
        current=await totals(db, guild_id, period, zone),
        before=await totals(db, guild_id, before, zone),
        channels=tuple(await channel_totals(db, guild_id, period, before)),
        days=tuple(await daily_rows(db, guild_id, period)),
        top=tuple(await top_members(db, guild_id, period, mode, hidden=hidden)),
        sources=tuple(await invite_sources(db, guild_id, period)),
        retention=await retention(db, guild_id, *cohorts[0], period.end),
        retention_before=await retention(db, guild_id, *cohorts[1], before.end),
        first_day=first,
        previous_days=tuple(await daily_rows(db, guild_id, before, active=False)),
        weeks=await weeks(db, guild_id, period.end, first),
        open_work=await open_work(db, guild_id, now) if now is not None else OpenWork(),
    )
