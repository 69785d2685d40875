"""What /automod shows: the settings overview and the report of /automod test."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import discord

from bot.contentcheck.rules import RULES, AutomodConfig, Verdict
from bot.contentcheck.service import OffenseResult
from bot.durations import format_duration
from bot.i18n import I18n, Lang, number
from bot.moderation.cases.strikes import LadderStep
from bot.moderation.rulenames import rule_name
from bot.replies import quote


def verdict_detail(i18n: I18n, lang: Lang, verdict: Verdict) -> str:
    """What a verdict found, in the reader's language: the member's words for a content rule
    ("Vollidiot"), a measurement in words for a counting rule ("12 Nachrichten in 10 Sekunden"),
    the model's value for offensive language ("Modellwert 0,98, deutscher Text")."""
    if verdict.rule == "offense" and verdict.score is not None:
        language = i18n.t(lang, f"automod.model_lang.{verdict.lang}") if verdict.lang else "-"
        return i18n.t(
            lang, "automod.measure.offense", score=number(verdict.score, lang, 2), language=language
        )
    if not verdict.measured:
        return verdict.detail
    window = format_duration(timedelta(seconds=verdict.seconds), lang) if verdict.seconds else ""
    key = f"automod.measure.{verdict.rule}" + ("_window" if window else "")
    if not i18n.has(key):
        return verdict.detail
    return i18n.t(lang, key, count=verdict.count, window=window)


def action_name(i18n: I18n, lang: Lang, action: str, seconds: int | None = None) -> str:
    """What a rule does, in words: "10 Minuten Timeout", "zur Prüfung markieren"."""
    if action == "timeout" and seconds:
        length = format_duration(timedelta(seconds=seconds), lang)
        return i18n.t(lang, "automod.do.timeout_for", duration=length)
    key = f"automod.do.{action}"
    return i18n.t(lang, key) if i18n.has(key) else action


def ladder_words(i18n: I18n, lang: Lang, ladder: Sequence[LadderStep]) -> str:
    """``3:timeout:10m, 10:flag`` -> "3 Punkte: 10 Minuten Timeout · 10 Punkte: zur Prüfung
    markieren"."""
    steps = []
    for step in ladder:
        seconds = int(step.duration.total_seconds()) if step.duration else None
        what = action_name(i18n, lang, step.action, seconds)
        steps.append(i18n.t(lang, "automod.ladder_step", count=step.points, what=what))
    return " · ".join(steps) or i18n.t(lang, "common.none")


def new_accounts(i18n: I18n, lang: Lang, hours: int, action: str) -> str:
    """The new-account rule in words; off when no age or no action is set."""
    if hours <= 0 or action == "none":
        return i18n.t(lang, "automod.new_accounts_off")
    return i18n.t(
        lang,
        "automod.new_accounts",
        hours=hours,
        action=i18n.t(lang, f"automod.new_account.{action}"),
    )


def settings_embed(i18n: I18n, config: AutomodConfig, lang: Lang) -> discord.Embed:
    """Every rule with its state, action and exemptions; lists, strike ladder and raid guard."""
    t = i18n.t
    lines = []
    for rule in RULES:
        settings = config.rule(rule)
        state = "✅" if settings.enabled else "⬜"
        exempt = [f"<@&{r}>" for r in sorted(config.exempt_roles.get(rule, ()))] + [
            f"<#{c}>" for c in sorted(config.exempt_channels.get(rule, ()))
        ]
        extra = t(lang, "automod.show_exempt", targets=" ".join(exempt)) if exempt else ""
        lines.append(
            t(
                lang,
                "automod.show_rule",
                state=state,
                rule=rule_name(i18n, lang, rule),
                action=action_name(i18n, lang, settings.action, settings.timeout_seconds),
                points=settings.points,
                extra=extra,
            )
        )
    embed = discord.Embed(
        title=t(lang, "automod.show_title"),
        description="\n".join(lines),
        colour=discord.Colour.blurple(),
    )
    everyone = [f"<@&{r}>" for r in sorted(config.exempt_roles.get("*", ()))] + [
        f"<#{c}>" for c in sorted(config.exempt_channels.get("*", ()))
    ]
    embed.add_field(
        name=t(lang, "automod.show_global_exempt"),
        value=" ".join(everyone) or t(lang, "common.none"),
        inline=False,
    )
    embed.add_field(
        name=t(lang, "automod.show_lists"),
        value=t(
            lang,
            "automod.show_lists_value",
            words=len(config.words),
            allowed=len(config.allowed_words),
            patterns=len(config.patterns),
            allow=len(config.links.allowed_domains),
            deny=len(config.links.denied_domains),
        ),
        inline=False,
    )
    embed.add_field(
        name=t(lang, "automod.show_ladder"),
        value=t(
            lang,
            "automod.show_ladder_value",
            ladder=ladder_words(i18n, lang, config.ladder),
            count=config.decay_days,
        ),
        inline=False,
    )
    raid = config.raid
    embed.add_field(
        name=t(lang, "automod.show_raid"),
        value=t(
            lang,
            "automod.show_raid_value",
            joins=raid.joins,
            seconds=raid.seconds,
            lockdown="✅" if raid.lockdown else "⬜",
            accounts=new_accounts(i18n, lang, raid.min_account_age_hours, raid.new_account_action),
        )
        if raid.enabled
        else "⬜",
        inline=False,
    )
    return embed


def test_report(
    i18n: I18n, lang: Lang, verdicts: Sequence[Verdict], result: OffenseResult | None
) -> str:
    """Which rules would act on a text, and the offensive-language score, without acting."""
    t = i18n.t
    lines = [
        t(
            lang,
            "automod.test_hit",
            rule=rule_name(i18n, lang, v.rule),
            action=action_name(i18n, lang, v.action),
            points=v.points,
            detail=quote(verdict_detail(i18n, lang, v), 200),
        )
        for v in verdicts
    ]
    if result is not None:
        lines.append(
            t(
                lang,
                "automod.test_offense",
                language=i18n.t(lang, f"automod.model_lang.{result.lang}"),
                score=number(result.score, lang, 2),
                review=number(result.review_threshold, lang, 2),
                action=number(result.action_threshold, lang, 2),
                verdict=t(
                    lang,
                    "automod.test_offense_strong"
                    if result.action
                    else "automod.test_offense_review"
                    if result.review
                    else "automod.test_offense_ok",
                ),
            )
        )
    # The model's flag counts like any rule's, so the first line never contradicts the last.
    acting = len(verdicts) + (1 if result is not None and result.review else 0)
    header = (
        t(lang, "automod.test_none") if not acting else t(lang, "automod.test_found", count=acting)
    )
    return "\n".join([header, *lines])
