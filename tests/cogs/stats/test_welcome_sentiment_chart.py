"""The safe welcome template, the German mood lexicon, and the chart."""

import struct
from datetime import date, timedelta

import pytest

from cogs.stats import chart, plotspec
from cogs.stats.report import DayRow
from cogs.stats.sentiment import german_polarity, polarity, score_batch
from cogs.welcome import template as welcome


def test_welcome_fills_placeholders_once_and_never_interprets_names():
    template = "Hi {member_name} ({member}) on {server}, #{member_count}! {0.__class__} {unknown}"
    text = welcome.fill(
        template, member_id=42, member_name="{0.__class__} @everyone", server="*S*", member_count=7
    )
    assert (
        text == "Hi {0.\\_\\_class\\_\\_} @everyone (<@42>) on \\*S\\*, #7! {0.__class__} {unknown}"
    )
    assert welcome.unknown_placeholders(template) == ["unknown"]
    assert (
        welcome.fill(
            "{member_name}", member_id=1, member_name="{server}", server="S", member_count=1
        )
        == "{server}"
    )


def test_german_lexicon_knows_mood_with_negation_and_intensifiers():
    assert german_polarity("Das Event war richtig toll!") > 0.5
    assert german_polarity("Das Update ist leider schlecht") < 0
    assert german_polarity("Das ist nicht gut") < 0 < german_polarity("gar nicht schlecht")
    assert german_polarity("sehr gut") > german_polarity("gut") > 0
    assert german_polarity("Der Zug fährt um acht") is None


def test_polarity_picks_the_language_and_skips_what_cannot_be_judged():
    assert polarity("Das war wirklich ein super Abend mit euch") > 0
    assert polarity("This is a terrible and awful update") < 0
    assert polarity("https://example.com") is None and polarity("ok") is None
    assert score_batch(["I love this server", "😀"]) == [polarity("I love this server"), None]


@pytest.mark.parametrize(
    "text",
    [
        "I love this server, the new map looks amazing!",
        "This is not good at all",
        "The last event was badly organised, nobody knew when it started",
        "gg everyone, see you tomorrow :)",
        "very very bad!!!",
    ],
)
def test_english_polarity_is_textblobs(text: str) -> None:
    """The analyzer asked directly gives TextBlob's own polarity, to the last bit."""
    from textblob import TextBlob

    from cogs.stats.sentiment import english_polarity

    assert english_polarity(text) == TextBlob(text).sentiment.polarity


def test_chart_is_a_png_of_the_expected_size():
    days = [
        DayRow(date(2026, 3, 23) + timedelta(days=n), 100 * n, 10 + n, n, 1, 0.1 * n, 5)
        for n in range(7)
    ]
    days.append(DayRow(date(2026, 3, 30), 0, None, 0, 0))  # no data, no active figure: still drawn
    spec = plotspec.build(
        days,
        days,
        date(2026, 3, 25),  # two days shaded before the bot had data
        lambda key, **_: key,
        "de",
        title="Aktivität",
        previous_label="Woche davor",
    )
    png = chart.render(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (chart.WIDTH_PX, chart.HEIGHT_PX)
