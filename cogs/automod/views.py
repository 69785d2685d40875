"""What /automod shows: the settings overview and the report of /automod test."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.contentcheck.rules import RULES, AutomodConfig, Verdict
from bot.contentcheck.service import OffenseResult
from bot.i18n import I18n, Lang
from bot.moderation.cases.strikes import format_ladder
from bot.replies import quote


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
                rule=rule,
                action=settings.action,
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
        value=f"`{format_ladder(config.ladder)}` · {config.decay_days}d",
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
            age=raid.min_account_age_hours,
            action=raid.new_account_action,
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
            rule=v.rule,
            action=v.action,
            points=v.points,
            detail=quote(v.detail, 200),
        )
        for v in verdicts
    ]
    if result is not None:
        lines.append(
            t(
                lang,
                "automod.test_offense",
                lang=result.lang,
                score=f"{result.score:.2f}",
                review=f"{result.review_threshold:.2f}",
                action=f"{result.action_threshold:.2f}",
                verdict=t(
                    lang,
                    "automod.test_offense_act"
                    if result.action
                    else "automod.test_offense_review"
                    if result.review
                    else "automod.test_offense_ok",
                ),
            )
        )
    header = (
        t(lang, "automod.test_none")
        if not verdicts
        else t(lang, "automod.test_found", count=len(verdicts))
    )
    return "\n".join([header, *lines])
