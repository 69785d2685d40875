"""What the report chart shows, decided apart from how it is drawn. Pure.

:func:`build` turns the days of a report into a :class:`PlotSpec`: small panels sharing one time
axis (messages with the previous period as outlines; joins up and leaves down; active members
per day, week and month; the share of negative messages), which days are shaded because the bot
had no data yet (their values are ``None``, never zero), and every title, axis label and legend
in the reader's language. :mod:`cogs.stats.chart` only draws it, so tests check the spec, not
pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cogs.stats.report import DayRow

Translate = Callable[..., str]  # t(key, **params) in the reader's language
SeriesKind = Literal["bar", "outline", "up", "down", "line"]

# Okabe-Ito: told apart with every common colour-vision deficiency, and bright enough on
# Discord's dark theme; lines differ in style too, not only in colour.
BLUE, SKY, GREEN, ORANGE, VERMILLION, PURPLE, YELLOW = (
    "#0072B2",
    "#56B4E9",
    "#009E73",
    "#E69F00",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
)
GREY = "#9AA0A6"
MIN_SCORED_DAY = 5  # a day's share of negative messages needs this many rated messages
MIN_SHARE_AXIS = 0.05  # the mood axis shows at least 0 to 5 %


@dataclass(frozen=True)
class Series:
    key: str  # what it is: messages, previous, joins, leaves, daily, weekly, monthly, negative
    label: str  # the legend, translated
    kind: SeriesKind
    values: tuple[float | None, ...]  # one per day; None: not known (never drawn as zero)
    colour: str
    style: str = "-"


@dataclass(frozen=True)
class Panel:
    key: str
    ylabel: str
    series: tuple[Series, ...]
    percent: bool = False
    ylim: tuple[float, float] | None = None  # set where the data decides (auto-scaled share)


@dataclass(frozen=True)
class PlotSpec:
    title: str
    days: tuple[date, ...]
    ticks: tuple[str, ...]
    panels: tuple[Panel, ...]
    shaded: tuple[int, ...]  # indices of the days before the bot had data
    shaded_label: str
    percent_sign: str = " %"  # German "12 %", English "12%"


def tick(day: date, lang: str) -> str:
    """``23.11.`` in German, ``23 Nov`` in English (the style guide's short dates)."""
    if lang == "de":
        return day.strftime("%d.%m.")
    return f"{day.day} {day.strftime('%b')}"


def _known(row: DayRow, first_day: date | None) -> bool:
    return first_day is not None and row.day >= first_day


def _values(
    rows: Sequence[DayRow], first_day: date | None, pick: Callable[[DayRow], float | None]
) -> tuple[float | None, ...]:
    return tuple(pick(row) if _known(row, first_day) else None for row in rows)


def _share(row: DayRow) -> float | None:
    return row.negative_share if row.negative_n >= MIN_SCORED_DAY else None


def share_limits(values: Sequence[float | None]) -> tuple[float, float]:
    """0 to a little above the highest share: a halving from 12 % to 6 % fills the panel."""
    known = [v for v in values if v is not None]
    top = max(known, default=0.0) * 1.25
    return 0.0, max(MIN_SHARE_AXIS, top)


def build(
    rows: Sequence[DayRow],
    previous: Sequence[DayRow],
    first_day: date | None,
    t: Translate,
    lang: str,
    *,
    title: str,
    previous_label: str,
) -> PlotSpec:
    """The chart of ``rows`` (the days on the time axis); ``previous`` are as many days before,
    drawn as outlines at the same places; ``first_day`` is the first day the bot had data."""
    before = list(previous)[-len(rows) :] if previous else []
    before += [None] * (len(rows) - len(before))  # type: ignore[list-item]
    outline = tuple(
        None if p is None or not _known(p, first_day) else float(p.messages) for p in before
    )
    bars = Series(
        "messages",
        t("stats.chart.messages"),
        "bar",
        _values(rows, first_day, lambda r: r.messages),
        SKY,
    )
    outlined = Series("previous", previous_label, "outline", outline, GREY)
    compared = any(v is not None for v in outline)  # nothing to outline before the bot counted
    messages = Panel(
        "messages", t("stats.chart.per_day"), (bars, outlined) if compared else (bars,)
    )
    members = Panel(
        "members",
        t("stats.chart.members_axis"),
        (
            Series(
                "joins",
                t("stats.chart.joins"),
                "up",
                _values(rows, first_day, lambda r: r.joins),
                GREEN,
            ),
            Series(
                "leaves",
                t("stats.chart.leaves"),
                "down",
                _values(rows, first_day, lambda r: r.leaves),
                ORANGE,
            ),
        ),
    )
    active = Panel(
        "active",
        t("stats.chart.active_axis"),
        (
            Series(
                "daily",
                t("stats.chart.active_daily"),
                "line",
                _values(rows, first_day, lambda r: r.active_members),
                YELLOW,
                "-",
            ),
            Series(
                "weekly",
                t("stats.chart.active_weekly"),
                "line",
                _values(rows, first_day, lambda r: r.active_7d),
                PURPLE,
                "--",
            ),
            Series(
                "monthly",
                t("stats.chart.active_monthly"),
                "line",
                _values(rows, first_day, lambda r: r.active_30d),
                SKY,
                ":",
            ),
        ),
    )
    shares = _values(rows, first_day, _share)
    earlier = tuple(None if p is None or not _known(p, first_day) else _share(p) for p in before)
    lines: tuple[Series, ...] = (
        Series("negative", t("stats.chart.negative"), "line", shares, VERMILLION),
    )
    if any(v is not None for v in earlier):
        lines += (Series("previous", previous_label, "line", earlier, GREY, "--"),)
    mood = Panel(
        "mood",
        t("stats.chart.negative_axis"),
        lines,
        percent=True,
        ylim=share_limits(shares + earlier),
    )
    return PlotSpec(
        title=title,
        days=tuple(r.day for r in rows),
        ticks=tuple(tick(r.day, lang) for r in rows),
        panels=(messages, members, active, mood),
        shaded=tuple(i for i, r in enumerate(rows) if not _known(r, first_day)),
        shaded_label=t("stats.chart.no_data"),
        percent_sign=" %" if lang == "de" else "%",
    )
