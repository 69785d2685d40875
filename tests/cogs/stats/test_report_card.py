"""The report card by data, not pixels: what the chart plots (series, shaded days, labels and
legends in German and English), which highlights and which verdict a fixed data set gets (a drop,
a rise, a new server, a quiet week), and the sparklines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from cogs.stats import plotspec
from cogs.stats.card import sparkline, verdict
from cogs.stats.embeds import chart_spec, highlight_text, report_embed, verdict_text
from cogs.stats.highlights import highlights
from cogs.stats.periods import Period, preceding
from cogs.stats.report import ChannelTotals, DayRow, OpenWork, ReportData, Retention, Totals
from tests.catalog import catalog, says

WEEK = Period("weekly", date(2026, 11, 23), date(2026, 11, 30))
BEFORE = preceding(WEEK)
LONG_AGO = date(2026, 9, 1)


def day_rows(start: date, messages: list[int], negative: float = 0.1) -> tuple[DayRow, ...]:
    return tuple(
        DayRow(
            start + timedelta(days=i),
            m,
            m // 5,
            2,
            1,
            0.0,
            m // 2,
            m // 2 * negative,
            m // 2,
            m // 3,
            m // 2,
        )
        for i, m in enumerate(messages)
    )


def totals(messages: int, *, negative: float = 0.1, active: int = 60, **more: object) -> Totals:
    rated = messages // 2
    return Totals(
        messages=messages,
        active_members=active,
        negative=rated * negative,
        negative_n=rated,
        **more,  # type: ignore[arg-type]
    )


def data(
    now: Totals, before: Totals, first_day: date | None = LONG_AGO, **more: object
) -> ReportData:
    return ReportData(
        period=WEEK,
        previous=BEFORE,
        current=now,
        before=before,
        days=day_rows(WEEK.start, [now.messages // 7] * 7),
        previous_days=day_rows(BEFORE.start, [before.messages // 7] * 7),
        first_day=first_day,
        **more,  # type: ignore[arg-type]
    )


def keys(report: ReportData) -> list[str]:
    return [h.key for h in highlights(report)]


# --- which highlights fire ---------------------------------------------------------------------


def test_a_drop_in_activity_mood_and_active_members_each_raises_a_highlight():
    drop = data(
        totals(1000, negative=0.12, active=40, joins=2, leaves=9),
        totals(1600, negative=0.06, active=80),
    )
    assert keys(drop) == [
        "stats.hl.mood_worse",
        "stats.hl.activity_down",
        "stats.hl.active_down",
        "stats.hl.members_loss",
    ]
    assert verdict_text(drop, "de", catalog()) == (
        "Ruhiger als davor (−38 %) · Der Server schrumpft (−7) · Stimmung sinkt · Nichts offen"
    )


def test_a_rise_raises_the_same_highlights_the_other_way():
    rise = data(
        totals(1600, negative=0.05, active=80, joins=12, leaves=2),
        totals(1000, negative=0.11, active=40),
    )
    assert keys(rise) == [
        "stats.hl.mood_better",
        "stats.hl.activity_up",
        "stats.hl.active_up",
        "stats.hl.members_growth",
    ]
    texts = [highlight_text(h, "en", catalog()) for h in highlights(rise)]
    assert texts[0] == (
        "😊 The mood improved: 5% of the rated messages were negative (before: 11%)."
    )
    assert texts[2] == "👥 80 active members, clearly more than before (40)."


def test_a_45_percent_mood_change_fires_on_a_busy_server_but_not_on_a_handful_of_messages():
    busy = data(totals(1776, negative=0.11), totals(1640, negative=0.06))
    assert "stats.hl.mood_worse" in keys(busy)
    few = data(totals(60, negative=0.2), totals(50, negative=0.1))  # 30 and 25 rated
    assert "stats.hl.mood_worse" not in keys(few)
    small = data(totals(55, active=9), totals(40, active=3))  # +38 % and +200 %, but small

    assert keys(small) == ["stats.hl.steady"]


def test_retention_drops_and_rises_only_for_cohorts_the_bot_saw_join():
    worse = data(
        totals(500),
        totals(500),
        retention=Retention(date(2026, 10, 24), date(2026, 10, 31), 30, 20, 6),
        retention_before=Retention(date(2026, 10, 17), date(2026, 10, 24), 30, 25, 18),
    )
    assert keys(worse) == ["stats.hl.retention_down"]
    assert highlight_text(highlights(worse)[0], "de", catalog()).startswith(
        "🥀 Weniger Neue bleiben: 20 % von ihnen"
    )
    unseen = replace(worse, first_day=date(2026, 10, 20))  # the earlier cohort started before
    assert "stats.hl.retention_down" not in keys(unseen)


def test_a_new_server_is_never_compared_with_days_before_the_bot_had_data():
    new = data(
        totals(400, joins=9, leaves=1),
        Totals(),
        first_day=date(2026, 11, 26),
        channels=(),
        open_work=OpenWork(inbox_open=1),
    )
    assert keys(new) == ["stats.hl.first_days", "stats.hl.members_growth"]
    assert highlight_text(highlights(new)[0], "en", catalog()).startswith(
        "🆕 The bot has been counting since 26 Nov."
    )
    assert verdict_text(new, "de", catalog()) == (
        "Erste Tage mit Daten (seit 26.11.), noch kein Vergleich · Der Server wächst (+8)"
        " · 1 offener Punkt"
    )
    woke = replace(new, channels=(ChannelTotals(5, 80, 0),))  # "came alive" would be false
    assert "stats.hl.channel_new" not in keys(woke)


def test_a_quiet_steady_week_says_so():
    quiet = data(totals(700), totals(690))
    assert keys(quiet) == ["stats.hl.steady"]
    steady = replace(quiet, open_work=OpenWork(review_open=2, inbox_open=1, oldest_s=86400.0))
    assert [c.key for c in verdict(steady)] == [
        "stats.verdict.as_before",
        "stats.verdict.members_steady",
        "stats.verdict.open",
    ]
    assert verdict_text(steady, "en", catalog()) == (
        "As lively as before · Membership steady · 3 items open"
    )


def test_a_channel_gone_quiet_is_counted_in_real_german():
    quiet = replace(data(totals(700), totals(690)), channels=(ChannelTotals(5, 1, 40),))
    (item,) = [h for h in highlights(quiet) if h.key == "stats.hl.channel_quiet"]
    assert "ist still geworden: 1 Nachricht nach 40." in highlight_text(item, "de", catalog())


# --- what the chart plots ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            {
                "title": "Aktivität 23.11.2026 – 29.11.2026",
                "ylabels": [
                    "Nachrichten pro Tag",
                    "Beitritte und Austritte",
                    "Aktive Mitglieder",
                    "Negative Nachrichten",
                ],
                "legends": [
                    ["Nachrichten", "Woche davor"],
                    ["Beitritte", "Austritte"],
                    ["am Tag", "in 7 Tagen", "in 30 Tagen"],
                    ["Anteil an den bewerteten", "Woche davor"],
                ],
                "ticks": ("23.11.", "24.11."),
                "shaded": "noch keine Daten\n(der Bot zählt ab 25.11.)",
                "sign": " %",
            },
        ),
        (
            "en",
            {
                "title": "Activity 2026-11-23 – 2026-11-29",
                "ylabels": [
                    "Messages per day",
                    "Joins and leaves",
                    "Active members",
                    "Negative messages",
                ],
                "legends": [
                    ["messages", "the week before"],
                    ["joins", "leaves"],
                    ["on the day", "in 7 days", "in 30 days"],
                    ["share of the rated messages", "the week before"],
                ],
                "ticks": ("23 Nov", "24 Nov"),
                "shaded": "no data yet\n(the bot counts from 25 Nov)",
                "sign": "%",
            },
        ),
    ],
)
def test_the_chart_plots_panels_with_labels_in_the_readers_language(lang, expected):
    report = data(totals(1400), totals(1300), first_day=date(2026, 11, 16))
    spec = chart_spec(report, report.days, report.previous_days, lang, catalog())
    assert spec.title == expected["title"]
    assert [p.ylabel for p in spec.panels] == expected["ylabels"]
    assert [[s.label for s in p.series] for p in spec.panels] == expected["legends"]
    assert spec.ticks[:2] == expected["ticks"] and spec.percent_sign == expected["sign"]
    late = replace(report, first_day=date(2026, 11, 25))
    shaded = chart_spec(late, late.days, late.previous_days, lang, catalog())
    assert shaded.shaded == (0, 1) and shaded.shaded_label == expected["shaded"]


def test_days_before_the_bot_had_data_are_shaded_and_never_zero():
    rows = day_rows(WEEK.start, [0, 0, 0, 100, 120, 80, 90])
    earlier = day_rows(BEFORE.start, [0] * 7)
    spec = plotspec.build(
        rows, earlier, date(2026, 11, 26), lambda key, **_: key, "en", title="", previous_label="p"
    )
    messages, members, active, mood = spec.panels
    assert spec.shaded == (0, 1, 2)
    assert messages.series[0].values == (None, None, None, 100, 120, 80, 90)
    assert [s.key for s in messages.series] == ["messages"]  # nothing counted the week before
    assert [s.kind for s in members.series] == ["up", "down"]
    assert members.series[1].values == (None, None, None, 1, 1, 1, 1)  # leaves, drawn downwards
    assert active.series[1].values[3:] == (33, 40, 26, 30)
    assert mood.series[0].values[:3] == (None, None, None)
    assert mood.series[0].values[3] == pytest.approx(0.1)
    assert mood.ylim == (0.0, pytest.approx(0.125))  # auto-scaled: 10 % fills most of the panel


def test_the_share_of_a_day_with_few_rated_messages_is_not_plotted():
    rows = (DayRow(WEEK.start, 6, 2, 0, 0, 0.0, 3, 2.0, 3),)
    spec = plotspec.build(
        rows, (), LONG_AGO, lambda key, **_: key, "de", title="", previous_label=""
    )
    assert spec.panels[3].series[0].values == (None,)
    assert spec.panels[3].ylim == (0.0, plotspec.MIN_SHARE_AXIS)


def test_sparklines_scale_to_their_range_and_mark_weeks_without_data():
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([None, None, 5, 5]) == "··▅▅"
    assert sparkline([None] * 8) == "········"


def test_the_card_starts_with_the_verdict_and_shows_open_work():
    report = data(
        totals(1776, negative=0.11, joins=19, leaves=5, feedback_median_response_s=4 * 3600.0),
        totals(1640, negative=0.06),
        open_work=OpenWork(review_open=2, inbox_open=1, oldest_s=2 * 86400 + 3600),
    )
    embed = report_embed(
        report, "de", catalog(), title_key="stats.report_title", member_count=None, footer="k"
    )
    first_line = (embed.description or "").splitlines()[0]
    assert first_line == (
        "**So lebhaft wie davor · Der Server wächst (+14) · Stimmung sinkt · 3 offene Punkte**"
    )
    work = next(f.value for f in embed.fields if f.name == "Offene Aufgaben")
    assert says(work, "stats.v.open_work", "de", review="2", inbox="1")
    assert says(work, "stats.v.oldest", "de", age="2 Tage")
    assert says(work, "stats.v.medians", "de", response="4 Stunden", decision="–")
    mood = next(f.value for f in embed.fields if f.name == "Stimmung")
    assert mood.startswith("11 % von 888 bewerteten Nachrichten negativ (davor 6 %)")
