"""Rule evaluation, spam windows and strikes."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.contentcheck.rules import (
    AutomodConfig,
    CompiledConfig,
    MessageFacts,
    RuleSettings,
    evaluate_message,
    evaluate_text,
)
from bot.contentcheck.spam import SpamTracker
from bot.contentcheck.words import WordEntry
from bot.errors import BadArgumentError
from bot.moderation.cases.strikes import (
    DEFAULT_LADDER,
    LadderStep,
    Strike,
    active_points,
    escalation,
    parse_ladder,
)

GUILD, CHANNEL, USER = 1, 2, 3


def facts(content: str, **kw) -> MessageFacts:
    base = {"guild_id": GUILD, "channel_id": CHANNEL, "author_id": USER, "role_ids": frozenset()}
    return MessageFacts(content=content, **{**base, **kw})


def compiled(**kw) -> CompiledConfig:
    return CompiledConfig(AutomodConfig(GUILD, **kw))


def rules_of(verdicts) -> list[str]:
    return [v.rule for v in verdicts]


def test_defaults_on_a_fresh_guild():
    config = AutomodConfig(GUILD)
    assert {
        r
        for r in ("spam_rate", "duplicates", "mentions", "invites", "scam")
        if config.rule(r).enabled
    } == {
        "spam_rate",
        "duplicates",
        "mentions",
        "invites",
        "scam",
    }
    assert config.rule("offense").action == "flag"
    assert config.words == () and config.patterns == ()
    assert all(config.rule(r).action != "ban" for r in config.rules)
    assert all(step.action != "ban" for step in config.ladder)
    assert config.raid.enabled and not config.raid.lockdown


def test_words_patterns_and_invites_fire():
    c = compiled(words=(WordEntry("idiot", inside_words=True),), patterns=(r"buy\s+followers",))
    tracker = SpamTracker()
    assert rules_of(evaluate_message(c, facts("du Vollidiot"), tracker, 0)) == ["words"]
    assert rules_of(evaluate_message(c, facts("BUY followers now"), tracker, 1)) == ["patterns"]
    assert rules_of(evaluate_message(c, facts("join discord.gg/abc"), tracker, 2)) == ["invites"]
    assert evaluate_message(c, facts("ganz normale Nachricht"), tracker, 3) == []


def test_exemptions_by_role_channel_and_rule():
    exempt = compiled(
        words=(WordEntry("idiot"),),
        exempt_roles={"*": frozenset({10})},
        exempt_channels={"words": frozenset({CHANNEL})},
    )
    tracker = SpamTracker()
    assert evaluate_message(exempt, facts("idiot", role_ids=frozenset({10})), tracker, 0) == []
    assert evaluate_message(exempt, facts("idiot"), tracker, 1) == []
    assert rules_of(evaluate_message(exempt, facts("idiot", channel_id=99), tracker, 2)) == [
        "words"
    ]
    # a thread inherits its parent's exemptions
    assert (
        evaluate_message(
            exempt, facts("idiot", channel_id=77, parent_channel_id=CHANNEL), SpamTracker(), 3
        )
        == []
    )


def test_rate_duplicates_and_mentions():
    c = compiled()
    tracker = SpamTracker()
    results = [evaluate_message(c, facts(f"message {i}"), tracker, i * 0.5) for i in range(6)]
    assert "spam_rate" in rules_of(results[-1]) and results[0] == []
    tracker = SpamTracker()
    same = [evaluate_message(c, facts("buy my stuff"), tracker, i * 10) for i in range(3)]
    assert "duplicates" in rules_of(same[-1]) and same[1] == []
    assert "mentions" in rules_of(
        evaluate_message(c, facts("hi", mention_count=8), SpamTracker(), 0)
    )


def test_disabled_rule_does_not_fire_and_text_check_ignores_spam():
    c = CompiledConfig(AutomodConfig(GUILD).with_rule("invites", RuleSettings(False, "delete", 1)))
    assert evaluate_message(c, facts("discord.gg/abc"), SpamTracker(), 0) == []
    assert rules_of(evaluate_text(compiled(), "discord.gg/abc")) == ["invites"]


def test_caps_emoji_newlines_when_enabled():
    config = AutomodConfig(GUILD)
    for rule in ("caps", "emoji", "newlines"):
        config = config.with_rule(rule, RuleSettings(True, "delete", 0))
    c = CompiledConfig(config)
    assert "caps" in rules_of(
        evaluate_message(c, facts("THIS IS ALL CAPS AND VERY LOUD"), SpamTracker(), 0)
    )
    assert "emoji" in rules_of(evaluate_message(c, facts("😀" * 20), SpamTracker(), 0))
    assert "newlines" in rules_of(evaluate_message(c, facts("a\n" * 20), SpamTracker(), 0))
    assert evaluate_message(c, facts("OK"), SpamTracker(), 0) == []


NOW = datetime(2026, 11, 26, tzinfo=UTC)


def test_strikes_decay_and_escalate():
    strikes = [
        Strike(2, NOW - timedelta(days=40)),
        Strike(1, NOW - timedelta(days=2)),
        Strike(1, NOW),
    ]
    assert active_points(strikes, NOW, decay_days=30) == 2
    assert escalation(2, 3, DEFAULT_LADDER) == DEFAULT_LADDER[0]
    assert escalation(2, 7, DEFAULT_LADDER) == DEFAULT_LADDER[1]  # highest crossed step, once
    assert escalation(3, 4, DEFAULT_LADDER) is None


def test_ladder_parsing():
    ladder = parse_ladder("6:timeout:1d, 3:timeout:10m, 10:ban")
    assert ladder == (
        LadderStep(3, "timeout", timedelta(minutes=10)),
        LadderStep(6, "timeout", timedelta(days=1)),
        LadderStep(10, "ban"),
    )
    # the same ladder in German words
    assert parse_ladder("6:timeout:1 Tag, 3:Timeout:10m, 10:bannen") == ladder
    assert parse_ladder("2:markieren, 4:kicken")[1] == LadderStep(4, "kick")
    for bad in ("", "3:explode", "3:timeout", "3:timeout:40d", "3:ban, 3:kick", "x:ban", "3:ä"):
        with pytest.raises(BadArgumentError):
            parse_ladder(bad)
