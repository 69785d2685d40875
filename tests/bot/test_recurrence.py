"""Schedule maths: phrases in English and German, cron, daylight-saving changes, downtime."""

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import BadArgumentError
from bot.recurrence import (
    anchored,
    describe,
    missed,
    occurrences,
    parse,
    parse_stored,
    shortest_interval,
    stored_phrase,
)
from tests.catalog import catalog

BERLIN = ZoneInfo("Europe/Berlin")
REFERENCE = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)  # Friday, two days before the spring change

# phrase -> the next three runs after REFERENCE, in Berlin local time
PHRASES = {
    "every friday 18:00": ["2026-03-27 18:00", "2026-04-03 18:00", "2026-04-10 18:00"],
    "jeden Freitag 18 Uhr": ["2026-03-27 18:00", "2026-04-03 18:00", "2026-04-10 18:00"],
    "fridays at 6pm": ["2026-03-27 18:00", "2026-04-03 18:00", "2026-04-10 18:00"],
    "freitags 18:00": ["2026-03-27 18:00", "2026-04-03 18:00", "2026-04-10 18:00"],
    "0 18 * * FRI": ["2026-03-27 18:00", "2026-04-03 18:00", "2026-04-10 18:00"],
    "0 18 * * 5": ["2026-03-27 18:00", "2026-04-03 18:00", "2026-04-10 18:00"],
    "daily 09:00": ["2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00"],
    "täglich 9:00": ["2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00"],
    "every day at 7:45 pm": ["2026-03-27 19:45", "2026-03-28 19:45", "2026-03-29 19:45"],
    "jeden Tag 7 Uhr": ["2026-03-28 07:00", "2026-03-29 07:00", "2026-03-30 07:00"],
    "daily 02:30": ["2026-03-28 02:30", "2026-03-29 03:00", "2026-03-30 02:30"],
    "täglich 2:30": ["2026-03-28 02:30", "2026-03-29 03:00", "2026-03-30 02:30"],
    "30 2 * * *": ["2026-03-28 02:30", "2026-03-29 03:00", "2026-03-30 02:30"],
    "weekdays 8am": ["2026-03-30 08:00", "2026-03-31 08:00", "2026-04-01 08:00"],
    "werktags 8 Uhr": ["2026-03-30 08:00", "2026-03-31 08:00", "2026-04-01 08:00"],
    "0 8 * * 1-5": ["2026-03-30 08:00", "2026-03-31 08:00", "2026-04-01 08:00"],
    "weekends 10:00": ["2026-03-28 10:00", "2026-03-29 10:00", "2026-04-04 10:00"],
    "am Wochenende 10 Uhr": ["2026-03-28 10:00", "2026-03-29 10:00", "2026-04-04 10:00"],
    "every monday and thursday 19:30": ["2026-03-30 19:30", "2026-04-02 19:30", "2026-04-06 19:30"],
    "jeden Montag und Donnerstag 19:30": [
        "2026-03-30 19:30",
        "2026-04-02 19:30",
        "2026-04-06 19:30",
    ],
    "first monday of the month 19:30": ["2026-04-06 19:30", "2026-05-04 19:30", "2026-06-01 19:30"],
    "am ersten Montag im Monat 19:30": ["2026-04-06 19:30", "2026-05-04 19:30", "2026-06-01 19:30"],
    "last friday of the month 20:00": ["2026-03-27 20:00", "2026-04-24 20:00", "2026-05-29 20:00"],
    "letzter Freitag im Monat 20 Uhr": ["2026-03-27 20:00", "2026-04-24 20:00", "2026-05-29 20:00"],
    "second tuesday of the month 18:00": [
        "2026-04-14 18:00",
        "2026-05-12 18:00",
        "2026-06-09 18:00",
    ],
    "am zweiten Dienstag im Monat 18 Uhr": [
        "2026-04-14 18:00",
        "2026-05-12 18:00",
        "2026-06-09 18:00",
    ],
    "on the 1st of every month": ["2026-04-01 12:00", "2026-05-01 12:00", "2026-06-01 12:00"],
    "am 1. jedes Monats": ["2026-04-01 12:00", "2026-05-01 12:00", "2026-06-01 12:00"],
    "on the 15th of every month at 10:00": [
        "2026-04-15 10:00",
        "2026-05-15 10:00",
        "2026-06-15 10:00",
    ],
    "am 15. jedes Monats um 10 Uhr": ["2026-04-15 10:00", "2026-05-15 10:00", "2026-06-15 10:00"],
    "0 12 1 * *": ["2026-04-01 12:00", "2026-05-01 12:00", "2026-06-01 12:00"],
    "sundays 11:00": ["2026-03-29 11:00", "2026-04-05 11:00", "2026-04-12 11:00"],
    "sonntags 11 Uhr": ["2026-03-29 11:00", "2026-04-05 11:00", "2026-04-12 11:00"],
    "0 11 * * 0": ["2026-03-29 11:00", "2026-04-05 11:00", "2026-04-12 11:00"],
    "0 11 * * 7": ["2026-03-29 11:00", "2026-04-05 11:00", "2026-04-12 11:00"],
    "every saturday 12:00": ["2026-03-28 12:00", "2026-04-04 12:00", "2026-04-11 12:00"],
    "samstags um 12 Uhr": ["2026-03-28 12:00", "2026-04-04 12:00", "2026-04-11 12:00"],
    "*/30 9-10 * * MON": ["2026-03-30 09:00", "2026-03-30 09:30", "2026-03-30 10:00"],
    "every wednesday 18.30 Uhr": ["2026-04-01 18:30", "2026-04-08 18:30", "2026-04-15 18:30"],
    "mittwochs 18.30 Uhr": ["2026-04-01 18:30", "2026-04-08 18:30", "2026-04-15 18:30"],
    "every friday 18:00 in Europe/London": [
        "2026-03-27 19:00",
        "2026-04-03 19:00",
        "2026-04-10 19:00",
    ],
}


@pytest.mark.parametrize("phrase", list(PHRASES))
def test_phrases_and_their_next_three_runs(phrase):
    rule = parse(phrase, "Europe/Berlin")
    runs = [
        run.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") for run in occurrences(rule, REFERENCE, 3)
    ]
    assert runs == PHRASES[phrase]


def test_at_least_forty_phrases_in_both_languages():
    assert len(PHRASES) >= 40


def local(run: datetime) -> str:
    return run.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M %Z")


def test_weekly_18_00_stays_local_across_both_2026_changes():
    rule = parse("every sunday 18:00", "Europe/Berlin")
    spring = occurrences(rule, datetime(2026, 3, 20, tzinfo=UTC), 2)
    autumn = occurrences(rule, datetime(2026, 10, 20, tzinfo=UTC), 2)
    assert [local(r) for r in spring] == ["2026-03-22 18:00 CET", "2026-03-29 18:00 CEST"]
    assert [local(r) for r in autumn] == ["2026-10-25 18:00 CET", "2026-11-01 18:00 CET"]


def test_daily_02_30_runs_exactly_once_on_both_change_days():
    rule = parse("daily 02:30", "Europe/Berlin")
    spring = occurrences(rule, datetime(2026, 3, 28, 12, tzinfo=UTC), 2)
    assert [local(r) for r in spring] == ["2026-03-29 03:00 CEST", "2026-03-30 02:30 CEST"]
    autumn = occurrences(rule, datetime(2026, 10, 24, 12, tzinfo=UTC), 2)
    assert [local(r) for r in autumn] == ["2026-10-25 02:30 CEST", "2026-10-26 02:30 CET"]


@pytest.mark.parametrize(
    "phrase",
    ["", "whenever", "every blursday 18:00", "25:00 daily", "0 18 * *", "0 18 * * 9", "x" * 200],
)
def test_unparseable_phrases_are_refused_with_examples(phrase):
    with pytest.raises(BadArgumentError) as info:
        parse(phrase, "Europe/Berlin")
    assert info.value.key == "error.schedule_invalid"


def test_downtime_runs_the_latest_missed_once_within_grace_and_skips_older():
    rule = parse("daily 09:00", "Europe/Berlin")
    last = datetime(2026, 11, 20, 8, tzinfo=UTC)
    run, skipped = missed(rule, last, datetime(2026, 11, 26, 8, 30, tzinfo=UTC), timedelta(hours=1))
    assert run == datetime(2026, 11, 26, 8, tzinfo=UTC) and skipped == 5
    run, skipped = missed(rule, last, datetime(2026, 11, 26, 10, 0, tzinfo=UTC), timedelta(hours=1))
    assert run is None and skipped == 6
    assert missed(rule, last, last + timedelta(minutes=1), timedelta(hours=1)) == (None, 0)


@given(
    st.sampled_from(
        [
            "every friday 18:00",
            "daily 02:30",
            "first monday of the month 19:30",
            "*/20 * * * *",
            "0 3 29 2 *",
        ]
    ),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)),
)
def test_occurrences_are_strictly_increasing_and_after_the_start(phrase, start):
    after = start.replace(tzinfo=UTC)
    runs = occurrences(parse(phrase, "Europe/Berlin"), after, 5)
    assert runs and all(a < b for a, b in itertools.pairwise(runs)) and runs[0] > after


def phrase_table() -> str:
    """docs/schedules.md's table of phrases and their next three runs (after REFERENCE, Berlin time)."""
    rows = ["| phrase | next three runs (from Fri 2026-03-27 13:00 Berlin) |", "|---|---|"]
    rows += [f"| `{phrase}` | {', '.join(runs)} |" for phrase, runs in PHRASES.items()]
    return "\n".join(rows)


def test_the_documented_table_is_what_the_code_computes():
    readme = (Path(__file__).resolve().parents[2] / "docs" / "schedules.md").read_text(
        encoding="utf-8"
    )
    assert phrase_table() in readme, (
        "regenerate the table: python -c 'from tests.bot.test_recurrence import phrase_table; print(phrase_table())'"
    )


# --- every other week, and the second weekday of the month --------------------------------------

FORTNIGHTLY = [
    "jeden zweiten Freitag um 18 Uhr",
    "jeden 2. Freitag 18 Uhr",
    "alle zwei Wochen freitags 18 Uhr",
    "alle 2 Wochen am Freitag um 18:00",
    "alle 14 Tage freitags 18 Uhr",
    "jede zweite Woche freitags um 18 Uhr",
    "zweiwöchentlich freitags 18 Uhr",
    "every other Friday 6pm",
    "every second friday at 18:00",
    "every 2 weeks on friday 18:00",
    "every two weeks on fridays at 18:00",
    "every other week on friday 18:00",
    "fortnightly on fridays 18:00",
]
MONTHLY_SECOND_FRIDAY = [
    "am zweiten Freitag im Monat 18 Uhr",
    "jeden zweiten Freitag im Monat um 18 Uhr",
    "jeden Monat am 2. Freitag 18 Uhr",
    "on the second Friday of the month 18:00",
    "every second friday of the month at 6pm",
    "second friday of every month 18:00",
]


def berlin_runs(rule, after=REFERENCE, count=3) -> list[str]:
    return [
        run.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") for run in occurrences(rule, after, count)
    ]


@pytest.mark.parametrize("phrase", FORTNIGHTLY)
def test_every_other_friday_in_german_and_english_crosses_the_spring_change(phrase):
    rule = anchored(parse(phrase, "Europe/Berlin"), REFERENCE)
    assert rule.every_weeks == 2 and rule.start == date(2026, 3, 27)
    # 27 March is CET, 10 April CEST: still 18:00 local, 14 days apart
    assert berlin_runs(rule) == ["2026-03-27 18:00", "2026-04-10 18:00", "2026-04-24 18:00"]


@pytest.mark.parametrize("phrase", MONTHLY_SECOND_FRIDAY)
def test_the_second_friday_of_the_month_stays_monthly(phrase):
    rule = parse(phrase, "Europe/Berlin")
    assert rule.nth_weekday == (2, 4) and rule.every_weeks == 1
    assert berlin_runs(rule) == ["2026-04-10 18:00", "2026-05-08 18:00", "2026-06-12 18:00"]


def test_every_other_week_keeps_local_time_across_the_autumn_change():
    rule = anchored(
        parse("alle zwei Wochen sonntags 18 Uhr", "Europe/Berlin"),
        datetime(2026, 10, 12, tzinfo=UTC),
    )
    runs = occurrences(rule, datetime(2026, 10, 12, tzinfo=UTC), 3)
    assert [local(r) for r in runs] == [
        "2026-10-18 18:00 CEST",
        "2026-11-01 18:00 CET",
        "2026-11-15 18:00 CET",
    ]
    assert runs[1] - runs[0] == timedelta(days=14, hours=1)  # the clock went back an hour


def test_a_restart_in_the_off_week_keeps_the_rhythm():
    created = REFERENCE
    rule = anchored(parse("jeden zweiten Freitag um 18 Uhr", "Europe/Berlin"), created)
    saved = stored_phrase("jeden zweiten Freitag um 18 Uhr", rule, "de")
    assert saved == "jeden zweiten Freitag um 18 Uhr ab 2026-03-27"
    assert stored_phrase(
        "every other friday 18:00",
        anchored(parse("every other friday 18:00", "Europe/Berlin"), created),
        "en",
    ).endswith(" from 2026-03-27")
    # the bot starts again a week later (and months later): the same Fridays, not the next one
    for later in (created + timedelta(days=7), created + timedelta(days=100)):
        again = parse_stored(saved, "Europe/Berlin")
        assert anchored(again, later) == again == rule
        assert all(
            (run.astimezone(BERLIN).date() - date(2026, 3, 27)).days % 14 == 0
            for run in occurrences(again, later, 10)
        )
    assert berlin_runs(parse_stored(saved, "Europe/Berlin"), created + timedelta(days=7), 2) == [
        "2026-04-10 18:00",
        "2026-04-24 18:00",
    ]
    # downtime: the missed run is the one of the rhythm
    run, skipped = missed(
        rule, created, datetime(2026, 4, 10, 16, 30, tzinfo=UTC), timedelta(hours=1)
    )
    assert local(run) == "2026-04-10 18:00 CEST" and skipped == 1


def test_a_first_day_in_the_phrase_starts_the_rhythm_and_no_run_is_earlier():
    rule = parse("every other friday 18:00 from 2026-04-10", "Europe/Berlin")
    assert berlin_runs(rule) == ["2026-04-10 18:00", "2026-04-24 18:00", "2026-05-08 18:00"]
    weekly = parse("jeden Freitag 18 Uhr ab 17.04.2026 in Europe/Berlin", "UTC")
    assert berlin_runs(weekly, count=2) == ["2026-04-17 18:00", "2026-04-24 18:00"]


def test_a_schedule_saved_before_fortnightly_phrases_keeps_its_monthly_runs():
    old = parse_stored("jeden zweiten Freitag um 18 Uhr", "Europe/Berlin")
    assert old.nth_weekday == (2, 4)
    assert berlin_runs(old) == ["2026-04-10 18:00", "2026-05-08 18:00", "2026-06-12 18:00"]


def test_two_weekdays_every_other_week_and_the_minimum_interval():
    rule = anchored(
        parse("alle 2 Wochen montags und donnerstags 19:30", "Europe/Berlin"), REFERENCE
    )
    assert berlin_runs(rule, count=4) == [
        "2026-03-30 19:30",
        "2026-04-02 19:30",
        "2026-04-13 19:30",
        "2026-04-16 19:30",
    ]
    assert shortest_interval(rule, REFERENCE) == timedelta(days=3)


@pytest.mark.parametrize(
    "phrase",
    [
        "alle zwei Wochen 18 Uhr",  # which weekday?
        "alle zwei Wochen im Monat freitags",
        "every other blursday",
        "every other friday from 2026-13-01",
        "every other friday from tomorrow",
    ],
)
def test_unclear_every_other_week_phrases_are_refused(phrase):
    with pytest.raises(BadArgumentError):
        parse(phrase, "Europe/Berlin")


TODAY = date(2026, 3, 27)
DESCRIPTIONS = {
    "jeden zweiten Freitag um 18 Uhr": (
        "alle 2 Wochen freitags um 18:00, ab 27.03.",
        "every 2 weeks on Friday at 18:00, from 27 Mar",
    ),
    "every third monday and thursday 19:30": (
        "alle 3 Wochen montags und donnerstags um 19:30, ab 30.03.",
        "every 3 weeks on Monday and Thursday at 19:30, from 30 Mar",
    ),
    "am zweiten Freitag im Monat 18 Uhr": (
        "monatlich am zweiten Freitag um 18:00",
        "monthly on the second Friday at 18:00",
    ),
    "last friday of the month 20:00": (
        "monatlich am letzten Freitag um 20:00",
        "monthly on the last Friday at 20:00",
    ),
    "am 15. jedes Monats um 10 Uhr": ("monatlich am 15. um 10:00", "monthly on day 15 at 10:00"),
    "täglich 9:00": ("täglich um 09:00", "every day at 09:00"),
    "weekdays 8am": (
        "werktags (Montag bis Freitag) um 08:00",
        "every weekday (Monday to Friday) at 08:00",
    ),
    "jeden Freitag 18 Uhr": ("jeden Freitag um 18:00", "every Friday at 18:00"),
    "every monday, wednesday and friday 7pm": (
        "jeden Montag, Mittwoch und Freitag um 19:00",
        "every Monday, Wednesday and Friday at 19:00",
    ),
    "0 18 * * FRI": (
        "als Cron-Ausdruck `0 18 * * FRI` (Minute Stunde Tag Monat Wochentag)",
        "as cron expression `0 18 * * FRI` (minute hour day month weekday)",
    ),
    "every friday 18:00 from 2027-01-08": (
        "jeden Freitag um 18:00, ab 08.01.2027",
        "every Friday at 18:00, from 8 Jan 2027",
    ),
}


@pytest.mark.parametrize("phrase", list(DESCRIPTIONS))
def test_every_kind_of_rule_is_described_in_words_in_both_languages(phrase):
    rule = anchored(parse(phrase, "Europe/Berlin"), REFERENCE)
    german, english = DESCRIPTIONS[phrase]
    assert describe(rule, "de", catalog().t, TODAY) == german
    assert describe(rule, "en", catalog().t, TODAY) == english


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)))
def test_every_other_week_runs_fourteen_local_days_apart_at_the_same_local_time(start):
    after = start.replace(tzinfo=UTC)
    rule = anchored(parse("jeden zweiten Sonntag 02:30", "Europe/Berlin"), after)
    restarted = parse_stored(
        stored_phrase("jeden zweiten Sonntag 02:30", rule, "de"), "Europe/Berlin"
    )
    runs = occurrences(restarted, after + timedelta(days=3), 4)
    days = [run.astimezone(BERLIN).date() for run in runs]
    assert all((b - a).days == 14 for a, b in itertools.pairwise(days))
    assert (days[0] - rule.start).days % 14 == 0 and all(d.weekday() == 6 for d in days)
