"""Render the weekly report card for a fixed data set into docs/images/ (for the README).

Run: .venv/bin/python -m scripts.render_report_card

Two made-up servers, no database and nothing from outside the repository:
- an established one (counting since September): a busy week with a mood that turned worse,
  drawn in German and English (report-card-de.png, report-card-en.png);
- a new one whose bot arrived on Thursday of the reported week: Monday to Wednesday are shaded
  as "no data yet", never drawn as zero (report-card-new-server-en.png).
The embed's text (verdict, highlights, fields) is printed, so the pictures and the words can be
checked together.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from bot.i18n import I18n, Lang
from cogs.stats import chart, strings
from cogs.stats.embeds import chart_spec, report_embed
from cogs.stats.periods import Period, preceding
from cogs.stats.report import DayRow, OpenWork, ReportData, Retention, Totals, Week

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"
WEEK = Period("weekly", date(2026, 11, 23), date(2026, 11, 30))

# (messages, daily active, joins, leaves, rated, negative, active 7 days, active 30 days)
THIS_WEEK = [
    (260, 48, 3, 1, 150, 15, 121, 208),
    (281, 52, 2, 0, 160, 17, 123, 209),
    (249, 47, 4, 1, 140, 16, 124, 211),
    (301, 55, 3, 2, 170, 21, 127, 214),
    (290, 51, 2, 0, 165, 20, 126, 215),
    (169, 33, 1, 1, 95, 12, 125, 215),
    (226, 41, 4, 0, 130, 14, 126, 217),
]
WEEK_BEFORE = [
    (238, 45, 2, 1, 140, 8, 112, 201),
    (255, 47, 1, 0, 150, 9, 114, 202),
    (244, 46, 2, 1, 138, 8, 115, 203),
    (262, 49, 1, 0, 152, 10, 116, 205),
    (270, 50, 2, 1, 160, 9, 117, 205),
    (151, 30, 0, 0, 88, 6, 117, 206),
    (220, 40, 1, 0, 128, 8, 118, 207),
]


def rows(start: date, figures: list[tuple[int, ...]], first: date) -> tuple[DayRow, ...]:
    out = []
    for offset, (m, a, j, leave, n, neg, a7, a30) in enumerate(figures):
        day = start + timedelta(days=offset)
        if day < first:
            out.append(DayRow(day, 0, 0, 0, 0))
            continue
        out.append(DayRow(day, m, a, j, leave, -0.1 * neg, n, float(neg), n, a7, a30))
    return tuple(out)


def totals(days: tuple[DayRow, ...], active: int, **more: object) -> Totals:
    return Totals(
        messages=sum(d.messages for d in days),
        reactions=sum(d.messages for d in days) // 4,
        active_members=active,
        joins=sum(d.joins for d in days),
        leaves=sum(d.leaves for d in days),
        sentiment_sum=sum(d.sentiment_sum for d in days),
        sentiment_n=sum(d.sentiment_n for d in days),
        negative=sum(d.negative for d in days),
        negative_n=sum(d.negative_n for d in days),
        **more,  # type: ignore[arg-type]
    )


def established() -> ReportData:
    first = date(2026, 9, 14)
    days = rows(WEEK.start, THIS_WEEK, first)
    before = rows(preceding(WEEK).start, WEEK_BEFORE, first)
    weekly = [
        (1402, 101, 6, 0.05),
        (1460, 104, 5, 0.06),
        (1511, 108, 9, 0.05),
        (1490, 107, 4, 0.06),
        (1552, 110, 8, 0.05),
        (1587, 113, 7, 0.06),
        (1640, 118, 6, 0.06),
        (1776, 126, 14, 0.11),
    ]
    weeks = tuple(
        Week(WEEK.end - timedelta(days=7 * (7 - i)), m, a, net, share)
        for i, (m, a, net, share) in enumerate(weekly)
    )
    return ReportData(
        period=WEEK,
        previous=preceding(WEEK),
        current=totals(
            days,
            126,
            cases=9,
            cases_auto=6,
            appeals_upheld=1,
            feedback_items=4,
            feedback_median_response_s=4 * 3600,
            review_median_s=26 * 3600,
            participation={"qa_question": 12, "feedback": 4},
        ),
        before=totals(before, 118, cases=7, cases_auto=5, feedback_items=3),
        days=days,
        previous_days=before,
        first_day=first,
        weeks=weeks,
        retention=Retention(date(2026, 10, 24), date(2026, 10, 31), 21, 17, 12, 9),
        retention_before=Retention(date(2026, 10, 17), date(2026, 10, 24), 18, 15, 11, 8),
        open_work=OpenWork(review_open=2, inbox_open=1, oldest_s=2 * 86400 + 5 * 3600),
    )


def new_server() -> ReportData:
    first = date(2026, 11, 26)
    days = rows(
        WEEK.start,
        [
            (m // 3, a // 2, j + 3, leave, n // 3, neg // 3, 0, 0)
            for m, a, j, leave, n, neg, _a7, _a30 in THIS_WEEK
        ],
        first,
    )
    days = tuple(
        d
        if d.day < first
        else DayRow(
            d.day,
            d.messages,
            d.active_members,
            d.joins,
            d.leaves,
            d.sentiment_sum,
            d.sentiment_n,
            d.negative,
            d.negative_n,
            None if d.day == first else 40 + (d.day - first).days * 6,
            None if d.day == first else 40 + (d.day - first).days * 6,
        )
        for d in days
    )
    weeks = tuple(
        Week(WEEK.end - timedelta(days=7 * (7 - i)), None, None, None, None) for i in range(8)
    )
    return ReportData(
        period=WEEK,
        previous=preceding(WEEK),
        current=totals(days, 61),
        before=Totals(),
        days=days,
        previous_days=tuple(DayRow(d.day - timedelta(days=7), 0, 0, 0, 0) for d in days),
        first_day=first,
        weeks=weeks,
        open_work=OpenWork(inbox_open=1, oldest_s=5 * 3600),
    )


def embed_text(data: ReportData, lang: Lang, i18n: I18n) -> str:
    embed = report_embed(
        data, lang, i18n, title_key="stats.report_title", member_count=412, footer=""
    )
    lines = [embed.title or "", embed.description or ""]
    lines += [f"[{field.name}] {field.value}" for field in embed.fields]
    return "\n".join(lines)


def main() -> None:
    i18n = I18n()
    i18n.add_feature(strings)
    OUT.mkdir(parents=True, exist_ok=True)
    pictures: list[tuple[str, ReportData, Lang]] = [
        ("report-card-de.png", established(), "de"),
        ("report-card-en.png", established(), "en"),
        ("report-card-new-server-en.png", new_server(), "en"),
    ]
    for name, data, lang in pictures:
        spec = chart_spec(data, data.days, data.previous_days, lang, i18n)
        (OUT / name).write_bytes(chart.render(spec))
        print(f"--- {OUT / name}\n{embed_text(data, lang, i18n)}\n")


if __name__ == "__main__":
    main()
    sys.exit(0)
