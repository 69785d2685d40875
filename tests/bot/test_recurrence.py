"""Schedule maths: phrases in English and German, cron, daylight-saving changes, downtime."""

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import BadArgumentError
from bot.recurrence import missed, occurrences, parse

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
    """The README's table of phrases and their next three runs (after REFERENCE, Berlin time)."""
    rows = ["| phrase | next three runs (from Fri 2026-03-27 13:00 Berlin) |", "|---|---|"]
    rows += [f"| `{phrase}` | {', '.join(runs)} |" for phrase, runs in PHRASES.items()]
    return "\n".join(rows)


def test_the_readme_table_is_what_the_code_computes():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert phrase_table() in readme, (
        "regenerate the table: python -c 'from tests.bot.test_recurrence import phrase_table; print(phrase_table())'"
    )
