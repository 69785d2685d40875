"""Counted nouns read naturally: no catalog string writes a plural in parentheses ("Stimme(n)",
"winner(s)"), counted texts have a singular and a plural form, and the right one is chosen."""

from __future__ import annotations

import re

import pytest

from bot.i18n import I18n, plural_category

PARENTHESISED = re.compile(r"\w\((?:n|e|en|s|er|ern|es|in|innen)\)|\w/\w+(?:e|en|s)\b(?<!/s)")


async def test_no_catalog_string_has_a_parenthesised_plural(loaded_bot) -> None:
    i18n = loaded_bot.i18n
    found = [
        (key, lang, i18n.raw(key, lang))
        for key in sorted(i18n.keys())
        for lang in ("de", "en")
        if PARENTHESISED.search(i18n.raw(key, lang).replace("https://", "").replace("http://", ""))
    ]
    assert found == []


async def test_counted_texts_have_both_forms(loaded_bot) -> None:
    i18n = loaded_bot.i18n
    keys = i18n.keys()
    for key in keys:
        if key.endswith(".one"):
            assert key[: -len("one")] + "other" in keys, key


@pytest.mark.parametrize(("count", "form"), [(0, "other"), (1, "one"), (2, "other"), (21, "other")])
def test_the_form_follows_the_count(count: int, form: str) -> None:
    assert plural_category(count) == form
    i18n = I18n()
    i18n.add({"x.one": {"de": "1 Stimme", "en": "1 vote"}, "x.other": {"de": "{count} Stimmen", "en": "{count} votes"}})  # fmt: skip
    expected = {"one": "1 Stimme", "other": f"{count} Stimmen"}[form]
    assert i18n.t("de", "x", count=count) == expected
