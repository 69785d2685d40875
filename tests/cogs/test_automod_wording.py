"""What a rule found, in the reader's language: measurements in words, never the log's English
("12 messages in 10s"), and the model's value without "de score 0.98"."""

from __future__ import annotations

import pytest

from bot.contentcheck.rules import Verdict
from bot.moderation.rulenames import rule_label, rule_name
from cogs.automod.views import verdict_detail
from tests.catalog import catalog


def measured(rule: str, count: int, seconds: float = 0.0) -> Verdict:
    return Verdict(
        rule, "delete", 1, f"{count} {rule} in {seconds:g}s", count=count, seconds=seconds
    )


@pytest.mark.parametrize(
    ("verdict", "german", "english"),
    [
        (
            measured("spam_rate", 12, 10),
            "12 Nachrichten in 10 Sekunden",
            "12 messages in 10 seconds",
        ),
        (measured("duplicates", 3, 60), "3-mal in 1 Minute", "3 times in 1 minute"),
        (measured("mentions", 6), "6 Erwähnungen in einer Nachricht", "6 mentions in one message"),
        (measured("mentions", 1, 30), "1 Erwähnung in 30 Sekunden", "1 mention in 30 seconds"),
        (measured("caps", 85), "85 % Großbuchstaben", "85% capital letters"),
        (measured("emoji", 16), "16 Emojis", "16 emoji"),
        (measured("newlines", 21), "21 Zeilen", "21 lines"),
        (measured("attachments", 5, 60), "5 Anhänge in 1 Minute", "5 attachments in 1 minute"),
        (
            Verdict("offense", "flag", 0, "de score 0.98", score=0.976, lang="de"),
            "Modellwert 0,98, deutscher Text",
            "model score 0.98, German text",
        ),
        (Verdict("words", "delete", 1, "Vollidiot"), "Vollidiot", "Vollidiot"),
    ],
)
def test_a_verdict_is_described_in_the_readers_language(verdict, german, english) -> None:
    assert verdict_detail(catalog(), "de", verdict) == german
    assert verdict_detail(catalog(), "en", verdict) == english


def test_rules_have_names_in_both_languages_and_unknown_ones_keep_their_id() -> None:
    i18n = catalog()
    assert rule_name(i18n, "de", "spam_rate") == "Nachrichtenflut"
    assert rule_label(i18n, "strikes").pick("en") == "strike points"
    assert rule_name(i18n, "de", "something_new") == "something_new"
