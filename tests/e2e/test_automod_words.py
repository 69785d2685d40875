"""Auto-moderation speaks the admin's language: rule and action names, the strike ladder and the
new-account rule in words, and /automod test whose first line agrees with the model's verdict."""

from __future__ import annotations

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import run


async def test_settings_in_german_words_not_config_syntax(runner: BotRunner, world: World):
    text = await run(world, world.owner, "automod show")
    assert "3 Punkte: 10 Minuten Timeout · 6 Punkte: 1 Tag Timeout" in text
    assert "10 Punkte: zur Prüfung markieren" in text
    assert says(text, "automod.show_ladder_value", "de", count=30)
    for raw in ("spam_rate", "3:timeout", "timeout:10m", ": none", "`words`"):
        assert raw not in text, raw
    assert t("automod.rule_name.spam_rate", "de") in text
    saved = await run(world, world.owner, "automod strikes", {"ladder": "2:timeout:1h, 5:ban"})
    assert "2 Punkte: 1 Stunde Timeout · 5 Punkte: bannen" in saved
    english = await run(world, world.admin, "automod show")
    assert "2 points: 1 hour timeout · 5 points: ban" in english


async def test_the_first_line_of_automod_test_agrees_with_the_models_flag(
    runner: BotRunner, world: World
):
    text = await run(
        world,
        world.moderator,
        "automod test",
        {"text": "Du bist ein dummer Idiot, halt die Fresse"},
    )
    flagged = says(text, "automod.test_offense_review", "de") or says(
        text, "automod.test_offense_strong", "de"
    )
    assert flagged, text  # a plain insult reaches the moderators' review
    assert not says(text, "automod.test_none", "de")
    assert says(text, "automod.test_found", "de", count=1)
