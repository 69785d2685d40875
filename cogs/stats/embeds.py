"""Report and overview embeds in the guild's (or member's) language. Discord glue, no SQL."""

from __future__ import annotations

from collections.abc import Mapping

import discord

from bot.i18n import I18n, Lang
from cogs.stats.periods import Period
from cogs.stats.report import Change, Highlight, ReportData, Totals, change, highlights

KIND_LABEL = {
    "daily": "stats.kind.daily",
    "weekly": "stats.kind.weekly",
    "monthly": "stats.kind.monthly",
}


def number(value: float | int | None, lang: Lang, digits: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def day_text(period: Period, lang: Lang) -> str:
    first, last = period.start, period.last_day
    fmt = "%d.%m.%Y" if lang == "de" else "%Y-%m-%d"
    if first == last:
        return first.strftime(fmt)
    return f"{first.strftime(fmt)} – {last.strftime(fmt)}"


def change_text(c: Change, lang: Lang, i18n: I18n) -> str:
    if c.direction == "new":
        return i18n.t(lang, "stats.change.new")
    if c.percent is None:
        return ""
    arrow = "▲" if c.percent > 0 else "▼" if c.percent < 0 else "±"
    sign = "+" if c.percent > 0 else "−" if c.percent < 0 else ""
    space = " " if lang == "de" else ""
    return f"{arrow} {sign}{number(abs(c.percent), lang)}{space}%"


def with_change(
    current: float | int | None,
    previous: float | int | None,
    lang: Lang,
    i18n: I18n,
    digits: int = 0,
) -> str:
    shown = number(current, lang, digits)
    delta = change_text(change(current, previous), lang, i18n)
    return f"{shown} ({delta})" if delta else shown


def change_field(
    embed: discord.Embed,
    name: str,
    current: float | int | None,
    previous: float | int | None,
    lang: Lang,
    i18n: I18n,
    digits: int = 0,
) -> None:
    """A field with a figure and its change against the previous period."""
    embed.add_field(name=name, value=with_change(current, previous, lang, i18n, digits))


def duration_text(seconds: float | None, lang: Lang) -> str:
    if seconds is None:
        return "–"
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{number(seconds / 3600, lang, 1)} h"
    return f"{number(seconds / 86400, lang, 1)} {'Tage' if lang == 'de' else 'days'}"


def highlight_text(item: Highlight, lang: Lang, i18n: I18n) -> str:
    params: dict[str, object] = {}
    for name, value in item.params.items():
        if name == "channel":
            params[name] = f"<#{value}>"
        elif isinstance(value, float):
            params[name] = number(value, lang, 2)
        elif isinstance(value, int):
            params[name] = number(value, lang)
        else:
            params[name] = value
    return i18n.t(lang, item.key, **params)


def _participation(totals: Totals, lang: Lang, i18n: I18n) -> str:
    parts = [
        f"{i18n.t(lang, f'stats.kind.{kind}')}: {number(n, lang)}"
        for kind, n in sorted(totals.participation.items())
        if n
    ]
    return ", ".join(parts) or "–"


def figures_fields(embed: discord.Embed, data: ReportData, lang: Lang, i18n: I18n) -> None:
    t = i18n.t
    now, before = data.current, data.before
    change_field(embed, t(lang, "stats.f.messages"), now.messages, before.messages, lang, i18n)
    change_field(
        embed, t(lang, "stats.f.active"), now.active_members, before.active_members, lang, i18n
    )
    embed.add_field(
        name=t(lang, "stats.f.members"),
        value=t(
            lang,
            "stats.v.members",
            joins=number(now.joins, lang),
            leaves=number(now.leaves, lang),
            net=("+" if now.net_members >= 0 else "−") + number(abs(now.net_members), lang),
        ),
    )
    change_field(embed, t(lang, "stats.f.reactions"), now.reactions, before.reactions, lang, i18n)
    embed.add_field(
        name=t(lang, "stats.f.sentiment"),
        value=with_change(now.sentiment, before.sentiment, lang, i18n, 2)
        + " · "
        + t(lang, "stats.v.scored", n=number(now.sentiment_n, lang)),
    )
    embed.add_field(
        name=t(lang, "stats.f.moderation"),
        value=t(
            lang,
            "stats.v.moderation",
            cases=number(now.cases, lang),
            auto=number(now.cases_auto, lang),
            manual=number(now.cases_manual, lang),
            upheld=number(now.appeals_upheld, lang),
            revoked=number(now.appeals_revoked, lang),
        ),
        inline=False,
    )
    embed.add_field(
        name=t(lang, "stats.f.review"),
        value=t(
            lang,
            "stats.v.review",
            open=number(now.review_open, lang),
            median=duration_text(now.review_median_s, lang),
        ),
    )
    embed.add_field(
        name=t(lang, "stats.f.inbox"),
        value=t(
            lang,
            "stats.v.inbox",
            items=number(now.feedback_items, lang),
            median=duration_text(now.feedback_median_response_s, lang),
        ),
    )
    embed.add_field(name=t(lang, "stats.f.participation"), value=_participation(now, lang, i18n))


def report_embed(
    data: ReportData,
    lang: Lang,
    i18n: I18n,
    *,
    title_key: str,
    member_count: int | None,
    footer: str,
) -> discord.Embed:
    t = i18n.t
    embed = discord.Embed(
        title=t(
            lang,
            title_key,
            kind=t(lang, KIND_LABEL[data.period.kind]),
            period=day_text(data.period, lang),
        ),
        description="\n".join(f"• {highlight_text(h, lang, i18n)}" for h in highlights(data))[
            :4000
        ],
        colour=discord.Colour.blurple(),
    )
    figures_fields(embed, data, lang, i18n)
    if member_count is not None:
        embed.add_field(name=t(lang, "stats.f.member_count"), value=number(member_count, lang))
    if data.channels:
        ranked = sorted(data.channels, key=lambda c: (-c.messages, c.channel_id))[:5]
        embed.add_field(
            name=t(lang, "stats.f.channels"),
            value="\n".join(
                f"<#{c.channel_id}> {with_change(c.messages, c.previous_messages, lang, i18n)}"
                for c in ranked
            ),
            inline=False,
        )
    if data.top:
        embed.add_field(
            name=t(lang, "stats.f.top"),
            value="\n".join(
                f"{place}. <@{user}> · {number(n, lang)}"
                for place, (user, n) in enumerate(data.top, 1)
            ),
        )
    if data.sources:
        unknown = t(lang, "stats.v.unknown_invite")
        embed.add_field(
            name=t(lang, "stats.f.sources"),
            value="\n".join(
                f"`{code}` · {number(n, lang)}" if code else f"{unknown} · {number(n, lang)}"
                for code, n in data.sources
            ),
        )
    if data.retention is not None and data.retention.joined:
        r = data.retention
        fmt = "%d.%m." if lang == "de" else "%m-%d"
        embed.add_field(
            name=t(lang, "stats.f.retention"),
            value=t(
                lang,
                "stats.v.retention",
                start=r.cohort_start.strftime(fmt),
                end=(r.cohort_end.fromordinal(r.cohort_end.toordinal() - 1)).strftime(fmt),
                joined=number(r.joined, lang),
                still=number(r.still_members, lang),
                a7=number(r.active_after_7, lang),
                a30=number(r.active_after_30, lang),
            ),
            inline=False,
        )
    embed.set_footer(text=footer)
    return embed


def chart_labels(lang: Lang, i18n: I18n, period: Period) -> Mapping[str, str]:
    t = i18n.t
    return {
        "title": t(lang, "stats.chart.title", period=day_text(period, lang)),
        "messages": t(lang, "stats.f.messages"),
        "active": t(lang, "stats.f.active"),
        "joins": t(lang, "stats.chart.joins"),
        "leaves": t(lang, "stats.chart.leaves"),
        "sentiment": t(lang, "stats.f.sentiment"),
    }
