"""The tests' key-based assertions match what the bot renders, and nothing else."""

import pytest

from bot.i18n import Localized
from tests.catalog import catalog, pattern, says, t


def test_says_matches_the_rendered_text_in_its_language_only():
    text = t("error.duration_invalid", "de", value="3x")
    assert says(text, "error.duration_invalid", "de")
    assert says(text, "error.duration_invalid", "de", value="3x")
    assert not says(text, "error.duration_invalid", "de", value="4x")
    assert not says(text, "error.duration_invalid", "en")
    assert says(f"prefix\n{text}\nsuffix", "error.duration_invalid")


def test_placeholders_match_any_text_and_values_are_literal():
    text = t("error.duration_invalid", "en", value="a.b*(c")
    assert pattern("error.duration_invalid", "en", value="a.b*(c").search(text)
    assert not says(
        t("error.duration_invalid", "en", value="axb"), "error.duration_invalid", "en", value="a.b"
    )


def test_counted_keys_pick_or_accept_either_variant():
    keys = catalog().keys()
    counted = sorted({key.rsplit(".", 1)[0] for key in keys if key.endswith(".one")})
    assert counted, "the catalogs have counted texts"
    key = counted[0]
    one = t(key, "de", count=1)
    assert says(one, key, "de") and says(one, key, "de", count=1)
    assert not says(one, key, "de", count=5) or t(key, "de", count=5) in one


def test_localized_values_render_in_the_asked_language():
    value = Localized(de="2 Tage", en="2 days")
    assert says(
        t("error.duration_too_long", "de", maximum=value),
        "error.duration_too_long",
        "de",
        maximum=value,
    )


def test_an_unknown_key_is_an_error_not_a_silent_miss():
    with pytest.raises(KeyError):
        says("anything", "no.such.key", "de")
