"""Report periods in local time, due times across both 2026 daylight-saving changes in Berlin."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cogs.stats.periods import (
    Period,
    containing,
    due_at,
    last_complete,
    local_to_utc,
    next_report,
    rolling,
    utc_bounds,
)

BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_periods_are_local_days_weeks_and_months():
    assert containing("daily", date(2026, 3, 29)) == Period(
        "daily", date(2026, 3, 29), date(2026, 3, 30)
    )
    assert containing("weekly", date(2026, 3, 29)) == Period(
        "weekly", date(2026, 3, 23), date(2026, 3, 30)
    )
    assert containing("monthly", date(2026, 12, 31)) == Period(
        "monthly", date(2026, 12, 1), date(2027, 1, 1)
    )
    assert last_complete("weekly", date(2026, 3, 30)).start == date(2026, 3, 23)
    assert last_complete("monthly", date(2026, 3, 1)) == Period(
        "monthly", date(2026, 2, 1), date(2026, 3, 1)
    )
    # /stats windows end with the last complete day: today (30 March) is not over yet.
    current, previous = rolling(7, date(2026, 3, 30))
    assert (current.start, current.last_day, previous.start, previous.end) == (
        date(2026, 3, 23),
        date(2026, 3, 29),
        date(2026, 3, 16),
        date(2026, 3, 23),
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        # spring change on Sunday 29 March: the week and the day before it end in summer time
        (Period("weekly", date(2026, 3, 23), date(2026, 3, 30)), utc(2026, 3, 30, 7)),
        (Period("daily", date(2026, 3, 28), date(2026, 3, 29)), utc(2026, 3, 29, 7)),
        (Period("daily", date(2026, 3, 29), date(2026, 3, 30)), utc(2026, 3, 30, 7)),
        # autumn change on Sunday 25 October
        (Period("weekly", date(2026, 10, 19), date(2026, 10, 26)), utc(2026, 10, 26, 8)),
        (Period("daily", date(2026, 10, 24), date(2026, 10, 25)), utc(2026, 10, 25, 8)),
        (Period("monthly", date(2026, 10, 1), date(2026, 11, 1)), utc(2026, 11, 1, 8)),
    ],
)
def test_reports_are_due_at_9_local_time_in_summer_and_winter(period, expected):
    assert due_at(period, 9, BERLIN) == expected


def test_a_missing_local_time_moves_to_the_end_of_the_gap_and_a_double_one_is_taken_once():
    assert local_to_utc(date(2026, 3, 29), time(2, 30), BERLIN) == utc(
        2026, 3, 29, 1, 0
    )  # 03:00 CEST
    assert local_to_utc(date(2026, 10, 25), time(2, 30), BERLIN) == utc(
        2026, 10, 25, 0, 30
    )  # first
    start, end = utc_bounds(Period("daily", date(2026, 3, 29), date(2026, 3, 30)), BERLIN)
    assert (end - start).total_seconds() == 23 * 3600
    start, end = utc_bounds(Period("daily", date(2026, 10, 25), date(2026, 10, 26)), BERLIN)
    assert (end - start).total_seconds() == 25 * 3600


def test_next_report_posts_a_missed_period_once_and_never_a_burst():
    now = utc(2026, 10, 27, 9)  # Tuesday; weeks ago the last report was posted
    upcoming = next_report("weekly", 9, BERLIN, now, date(2026, 9, 28), None)
    assert upcoming.period.start == date(2026, 10, 19) and upcoming.due < now  # post now, once
    after = next_report("weekly", 9, BERLIN, now, date(2026, 10, 19), None)
    assert after.period.start == date(2026, 10, 26) and after.due == utc(2026, 11, 2, 8)
    # Before the due hour on Monday the last week is waiting for 09:00.
    early = next_report("weekly", 9, BERLIN, utc(2026, 10, 26, 6), date(2026, 10, 12), None)
    assert early.period.start == date(2026, 10, 19) and early.due == utc(2026, 10, 26, 8)


def test_periods_over_before_reports_were_switched_on_are_not_posted():
    now = utc(2026, 3, 28, 11)
    upcoming = next_report("weekly", 9, BERLIN, now, None, date(2026, 3, 28))
    assert upcoming.period.start == date(2026, 3, 23) and upcoming.due == utc(2026, 3, 30, 7)
