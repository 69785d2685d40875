"""Member text that cannot be stored or says nothing; IANA zone names; schedule intervals."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import validate_timezone
from bot.membertext import first_problem, is_blank, printable, problem
from bot.recurrence import MIN_INTERVAL, parse, shortest_interval
from bot.timeutil import is_iana_zone


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Hallo", None),
        ("", None),  # an optional field left empty
        ("   ", "error.text_blank"),
        ("\u200b\u200c\u200d\u2060\ufeff", "error.text_blank"),
        ("\u3164\u115f\u2800", "error.text_blank"),  # Hangul filler, braille blank
        ("a\u200b", None),
        ("null\x00byte", "error.text_unreadable"),
        ("broken \ud800 char", "error.text_unreadable"),
        ("emoji 😀 fine", None),
    ],
)
def test_problem(value, key):
    assert problem(value) == key


def test_first_problem_walks_options_and_form_fields():
    command = {"options": [{"name": "round", "type": 1, "options": [{"value": "\x00"}]}]}
    assert first_problem(command) == ("error.text_unreadable", "\x00")
    form = {"components": [{"type": 18, "component": {"type": 4, "value": " \u200b "}}]}
    assert first_problem(form) == ("error.text_blank", " \u200b ")
    assert first_problem({"options": [{"value": 5}, {"value": "ok"}]}) is None


@given(st.text())
def test_printable_always_encodes(value):
    printable(value).encode("utf-8")
    assert not is_blank(printable(value)) or is_blank(value) or "\ufffd" not in printable(value)


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Europe/Berlin", True),
        ("UTC", True),
        ("America/Argentina/Buenos_Aires", True),
        ("localtime", False),
        ("Factory", False),
        ("posixrules", False),
        ("posix/Europe/Berlin", False),
        ("right/UTC", False),
        ("Mars/Phobos", False),
        ("../../etc/passwd", False),
        ("europe/berlin", False),
        ("", False),
    ],
)
def test_iana_zones(name, ok):
    assert is_iana_zone(name) is ok
    if not ok:
        with pytest.raises(ValueError):
            validate_timezone(name)


NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phrase", "too_often"),
    [
        ("* * * * *", True),
        ("*/10 9-17 * * *", True),
        ("50 23 * * *", False),
        ("0,10 12 * * MON", True),
        ("*/15 * * * *", False),
        ("daily 9:00", False),
        ("every friday 18:00", False),
        ("0 0 29 2 *", False),  # once every four years
    ],
)
def test_shortest_interval(phrase, too_often):
    gap = shortest_interval(parse(phrase, "Europe/Berlin"), NOW)
    assert gap is not None
    assert (gap < MIN_INTERVAL) is too_often


def test_runs_close_across_midnight_count():
    rule = parse("50 23 * * *", "Europe/Berlin")
    assert shortest_interval(rule, NOW) == timedelta(hours=23)  # the spring DST change
    rule = parse("55 23,0 * * *", "Europe/Berlin")  # 23:55 and 00:55
    assert shortest_interval(rule, NOW) == timedelta(hours=1)
    rule = parse("0,55 23 * * *", "Europe/Berlin")
    assert shortest_interval(rule, NOW) == timedelta(minutes=55)
