"""Commands named in texts: clickable mentions with the id from the last sync; in German the
German name follows in words; member text never becomes a mention."""

from dataclasses import dataclass

from bot.commandrefs import CommandRefs
from bot.i18n import I18n


@dataclass
class Synced:
    name: str
    id: int


def catalog() -> I18n:
    i18n = I18n()
    i18n.add(
        {"x.hint": {"en": "Use </config channel>: {text}", "de": "Nutze </config channel>: {text}"}}
    )
    i18n.add_command_translations({"config": "konfiguration", "channel": "kanal"})
    return i18n


def test_before_the_ids_are_known_the_name_is_code_in_the_readers_language():
    i18n = catalog()
    CommandRefs(i18n)
    assert i18n.t("en", "x.hint", text="") == "Use `/config channel`: "
    assert i18n.t("de", "x.hint", text="") == "Nutze `/konfiguration kanal`: "


def test_a_mention_is_clickable_and_german_text_adds_the_german_name():
    i18n = catalog()
    refs = CommandRefs(i18n)
    refs.remember([Synced("config", 42), Synced("help", 7)])
    assert i18n.t("en", "x.hint", text="") == "Use </config channel:42>: "
    assert (
        i18n.t("de", "x.hint", text="") == "Nutze </config channel:42> (`/konfiguration kanal`): "
    )


def test_member_text_never_becomes_a_mention():
    i18n = catalog()
    CommandRefs(i18n).remember([Synced("config", 42)])
    shown = i18n.t("en", "x.hint", text="</config channel> and </help>")
    assert shown.endswith(": </config channel> and </help>")


def test_no_command_mention_where_discord_shows_plain_text():
    """Embed titles, field names and footers show no markdown: a mention there would be raw."""
    import re
    from pathlib import Path

    from tests.catalog import catalog

    root = Path(__file__).resolve().parents[2]
    plain = re.compile(
        r"(?:set_footer\(\s*text=|name=|title=)[^\n]*?t\(\s*[a-z]+,\s*\"([a-z_]+\.[a-z_.]+)\""
    )
    keys = set()
    for path in [*root.glob("bot/**/*.py"), *root.glob("cogs/**/*.py")]:
        keys.update(plain.findall(path.read_text(encoding="utf-8")))
    assert len(keys) > 20  # the scan finds the keys it is meant to
    known = catalog().keys()
    raw = [
        (k, lang)
        for k in keys
        if k in known
        for lang in ("de", "en")
        if "</" in catalog().raw(k, lang)
    ]
    assert raw == []


async def test_no_german_text_names_an_english_command_in_plain_words(loaded_bot):
    import re

    from tests.catalog import catalog

    roots = {
        command.name
        for command in loaded_bot.tree.get_commands()
        if loaded_bot.i18n.command_german(command.name) not in (None, command.name)
    }
    assert {"config", "giveaway", "schedule"} <= roots
    plain = re.compile(r"(?<![<\w/:.])/([a-z]+)")
    named = [
        (key, match.group(0))
        for key in sorted(catalog().keys())
        for match in plain.finditer(catalog().raw(key, "de"))
        if match.group(1) in roots
    ]
    assert named == []
