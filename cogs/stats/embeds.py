"""Report and overview embeds (the report card) in the guild's (or member's) language, and the
chart's plot spec with its words. Discord glue, no SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import discord

from bot.durations import format_duration
from bot.i18n import I18n, Lang, number
from cogs.stats import plotspec
from cogs.stats.card import rounded, sparkline, verdict, week_series
from cogs.stats.highlights import Highlight, highlights
from cogs.stats.periods import Period
from cogs.stats.report import Change, DayRow, ReportData, Totals, change

# Parameters of these highlights are shares (0..1), shown as percentages.
SHARE_KEYS = frozenset(
    {
        "stats.hl.mood_worse",
        "stats.hl.mood_better",
        "stats.hl.retention_up",
        "stats.hl.retention_down",
    }
)

KIND_LABEL = {
    "daily": "stats.kind.daily",
    "weekly": "stats.kind.weekly",
    "monthly": "stats.kind.monthly",
}


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
    """A duration in words, rounded as a reader wants it ("2 Tage", "4 hours")."""
    return "–" if seconds is None else format_duration(rounded(seconds), lang)


def percent(share: float | None, lang: Lang) -> str:
    """A share as a percentage: ``11 %`` in German, ``11%`` in English."""
    if share is None:
        return "–"
    return f"{number(share * 100, lang)}{' ' if lang == 'de' else ''}%"


def short_date(day: date, lang: Lang) -> str:
    return plotspec.tick(day, lang)


def highlight_text(item: Highlight, lang: Lang, i18n: I18n) -> str:
    params: dict[str, object] = {}
    for name, value in item.params.items():
        if name == "channel":
            params[name] = f"<#{value}>"
        elif isinstance(value, date):
            params[name] = short_date(value, lang)
        elif item.key in SHARE_KEYS and isinstance(value, float):
            params[name] = percent(value, lang)
        elif isinstance(value, float):
            params[name] = number(value, lang, 2)
        elif isinstance(value, int):
            params[name] = number(value, lang)
        else:
            params[name] = value
    if "count" in item.params:  # picks the plural form; {count} shows the formatted number
        params["count"] = item.params["count"]
        params["n"] = number(item.params["count"], lang)  # type: ignore[arg-type]
    return i18n.t(lang, item.key, **params)


def verdict_text(data: ReportData, lang: Lang, i18n: I18n) -> str:
    """The one-line verdict: "Ruhiger als davor (−12 %) · Der Server wächst (+14) · …"."""
    return " · ".join(highlight_text(clause, lang, i18n) for clause in verdict(data))


def _weeks(data: ReportData, figure: str, lang: Lang, i18n: I18n) -> str:
    if not data.weeks:
        return ""
    line = sparkline(week_series(data.weeks, figure))
    return "\n" + i18n.t(lang, "stats.v.weeks", line=line, weeks=len(data.weeks))


def _participation(totals: Totals, lang: Lang, i18n: I18n) -> str:
    parts = [
        f"{i18n.t(lang, f'stats.kind.{kind}')}: {number(n, lang)}"
        for kind, n in sorted(totals.participation.items())
        if n
    ]
    return ", ".join(parts) or "–"


def _open_work(data: ReportData, lang: Lang, i18n: I18n) -> str:
    t, work, now = i18n.t, data.open_work, data.current
    lines = [
        t(
            lang,
            "stats.v.open_work",
            review=number(work.review_open, lang),
            inbox=number(work.inbox_open, lang),
        )
    ]
    if work.oldest_s is not None:
        lines.append(t(lang, "stats.v.oldest", age=duration_text(work.oldest_s, lang)))
    lines.append(
        t(
            lang,
            "stats.v.medians",
            response=duration_text(now.feedback_median_response_s, lang),
            decision=duration_text(now.review_median_s, lang),
        )
    )
    return "\n".join(lines)


def _mood(data: ReportData, lang: Lang, i18n: I18n) -> str:
    now, before = data.current, data.before
    if now.negative_share is None:
        return i18n.t(lang, "stats.v.mood_unknown")
    key = (
        "stats.v.mood_compared"
        if data.compared and before.negative_share is not None
        else "stats.v.mood"
    )
    return i18n.t(
        lang,
        key,
        share=percent(now.negative_share, lang),
        previous=percent(before.negative_share, lang),
        count=now.negative_n,
        n=number(now.negative_n, lang),
    )


def figures_fields(embed: discord.Embed, data: ReportData, lang: Lang, i18n: I18n) -> None:
    t = i18n.t
    now, before = data.current, data.before
    compared = data.compared

    def figure(current: float | int | None, previous: float | int | None) -> str:
        return with_change(current, previous, lang, i18n) if compared else number(current, lang)

    embed.add_field(
        name=t(lang, "stats.f.messages"),
        value=figure(now.messages, before.messages) + _weeks(data, "messages", lang, i18n),
    )
    embed.add_field(
        name=t(lang, "stats.f.active"),
        value=figure(now.active_members, before.active_members)
        + _weeks(data, "active", lang, i18n),
    )
    embed.add_field(
        name=t(lang, "stats.f.members"),
        value=t(
            lang,
            "stats.v.members",
            joins=number(now.joins, lang),
            leaves=number(now.leaves, lang),
            net=("+" if now.net_members >= 0 else "−") + number(abs(now.net_members), lang),
        )
        + _weeks(data, "net_members", lang, i18n),
    )
    embed.add_field(
        name=t(lang, "stats.f.mood"),
        value=_mood(data, lang, i18n) + _weeks(data, "negative_share", lang, i18n),
    )
    embed.add_field(
        name=t(lang, "stats.f.reactions"), value=figure(now.reactions, before.reactions)
    )
    embed.add_field(name=t(lang, "stats.f.participation"), value=_participation(now, lang, i18n))
    embed.add_field(
        name=t(lang, "stats.f.open_work"), value=_open_work(data, lang, i18n), inline=False
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
        description=(
            f"**{verdict_text(data, lang, i18n)}**\n\n"
            + "\n".join(f"• {highlight_text(h, lang, i18n)}" for h in highlights(data))
        )[:4000],
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


def chart_spec(
    data: ReportData,
    rows: Sequence[DayRow],
    previous: Sequence[DayRow],
    lang: Lang,
    i18n: I18n,
) -> plotspec.PlotSpec:
    """What the chart of ``rows`` shows, with every word in ``lang``."""

    def t(key: str, **params: object) -> str:
        if key == "stats.chart.no_data" and data.first_day is not None:
            return i18n.t(lang, "stats.chart.no_data_since", day=short_date(data.first_day, lang))
        return i18n.t(lang, key, **params)

    shown = Period("daily", rows[0].day, rows[-1].day + timedelta(days=1)) if rows else data.period
    if len(rows) == data.period.days and data.period.kind != "daily":
        before = t(f"stats.chart.previous.{data.period.kind}")
    else:
        before = t("stats.chart.previous_days", count=len(rows))
    return plotspec.build(
        rows,
        previous,
        data.first_day,
        t,
        lang,
        title=t("stats.chart.title", period=day_text(shown, lang)),
        previous_label=before,
    )
