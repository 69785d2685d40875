from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.durations import format_duration, parse_duration
from bot.errors import BadArgumentError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10m", timedelta(minutes=10)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("2d", timedelta(days=2)),
        ("1w", timedelta(weeks=1)),
        ("45s", timedelta(seconds=45)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("2 Tage", timedelta(days=2)),
        ("1 Std 30 Min", timedelta(hours=1, minutes=30)),
        ("3 hours", timedelta(hours=3)),
        (" 5M ", timedelta(minutes=5)),
    ],
)
def test_parses_common_forms(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "10", "m10", "1h1h", "10x", "-5m", "1.5h", "1h30", "😀", "1" * 80 + "m"]
)
def test_rejects_garbage_with_a_friendly_key(text):
    with pytest.raises(BadArgumentError) as info:
        parse_duration(text)
    assert info.value.key == "error.duration_invalid"


def test_limits():
    with pytest.raises(BadArgumentError) as info:
        parse_duration("29d", maximum=timedelta(days=28))
    assert info.value.key == "error.duration_too_long"
    assert info.value.params["maximum"].pick("de") == "28 Tage"
    with pytest.raises(BadArgumentError) as info:
        parse_duration("0m")
    assert info.value.key == "error.duration_too_short"


def test_format_in_both_languages():
    assert format_duration(timedelta(hours=1, minutes=30), "en") == "1 hour 30 minutes"
    assert format_duration(timedelta(days=2, seconds=1), "de") == "2 Tage 1 Sekunde"


@given(st.text(max_size=80))
def test_never_raises_anything_but_a_user_facing_error(text):
    try:
        result = parse_duration(text)
    except BadArgumentError:
        return
    assert result >= timedelta(seconds=1)


@given(st.integers(min_value=1, max_value=10**6))
def test_format_then_parse_round_trips(seconds):
    duration = timedelta(seconds=seconds)
    assert parse_duration(format_duration(duration, "en").replace(" ", "")) == duration
