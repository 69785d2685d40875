"""A rule's name in the reader's language ("Nachrichtenflut", not ``spam_rate``), for cases, case
lists, the review queue, refusals and /automod."""

from __future__ import annotations

from bot.i18n import I18n, Lang, Localized


def rule_name(i18n: I18n, lang: Lang, rule: str) -> str:
    """``spam_rate`` -> "Nachrichtenflut" / "message flood"; an unknown rule keeps its id."""
    key = f"automod.rule_name.{rule}"
    return i18n.t(lang, key) if i18n.has(key) else rule


def rule_label(i18n: I18n, rule: str) -> Localized:
    """The name in both languages, for a text whose reader's language is chosen later."""
    return Localized(rule_name(i18n, "de", rule), rule_name(i18n, "en", rule))
