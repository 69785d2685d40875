import importlib

import pytest

from bot.features import DEFAULT_EXTENSIONS
from bot.i18n import I18n, Localized, lang_of, placeholders, render
from bot.strings import STRINGS


def all_catalogs():
    catalogs = [("bot.strings", STRINGS)]
    for name in DEFAULT_EXTENSIONS:
        module = importlib.import_module(f"{name}.strings")
        catalogs.append((name, module.STRINGS))
    return catalogs


@pytest.mark.parametrize(("origin", "catalog"), all_catalogs())
def test_every_key_exists_in_both_languages_with_the_same_placeholders(origin, catalog):
    for key, texts in catalog.items():
        assert set(texts) == {"de", "en"}, f"{origin}:{key}"
        assert texts["de"].strip() and texts["en"].strip(), f"{origin}:{key}"
        assert placeholders(texts["de"]) == placeholders(texts["en"]), f"{origin}:{key}"


def test_render_does_not_interpret_user_text():
    assert render("Hi {name}!", {"name": "{name} {0} {__class__}"}) == "Hi {name} {0} {__class__}!"
    assert render("missing {x}", {}) == "missing {x}"


def test_localized_values_pick_the_language():
    i18n = I18n()
    i18n.add({"k": {"en": "max {m}", "de": "höchstens {m}"}})
    value = Localized(de="2 Tage", en="2 days")
    assert i18n.t("de", "k", m=value) == "höchstens 2 Tage"
    assert i18n.t("en", "k", m=value) == "max 2 days"


def test_a_key_missing_a_language_is_refused():
    with pytest.raises(ValueError):
        I18n().add({"k": {"en": "only english"}})


@pytest.mark.parametrize(
    ("locale", "lang"), [("de", "de"), ("en-US", "en"), ("en-GB", "en"), ("fr", None), (None, None)]
)
def test_lang_of(locale, lang):
    assert lang_of(locale) == lang
