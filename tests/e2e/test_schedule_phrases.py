"""Schedule phrases end to end: "jeden zweiten Freitag" is every other Friday, "the second Friday
of the month" is monthly, and every preview, confirmation and list says how the phrase was read."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect
from tests.e2e.helpers import run, run_reply

BERLIN = ZoneInfo("Europe/Berlin")


def run_times(reply: str) -> list[datetime]:
    return [
        datetime.fromtimestamp(int(stamp), UTC).astimezone(BERLIN)
        for stamp in re.findall(r"<t:(\d+):f>", reply)
    ]


async def test_german_preview_of_every_other_friday_and_english_second_friday_of_the_month(
    runner: BotRunner, world: World
):
    preview = await run(
        world, world.moderator, "schedule preview", {"when": "jeden zweiten Freitag um 18 Uhr"}
    )
    assert says(preview, "schedule.preview", "de", phrase="jeden zweiten Freitag um 18 Uhr")
    assert says(preview, "schedule.rule.every_weeks", "de", weeks=2, days="freitags", time="18:00")
    assert "alle 2 Wochen freitags um 18:00, ab " in preview
    runs = run_times(preview)
    assert len(runs) == 5
    assert all(r.weekday() == 4 and (r.hour, r.minute) == (18, 0) for r in runs)
    assert all((b.date() - a.date()).days == 14 for a, b in itertools.pairwise(runs))

    english, _ = await run_reply(
        world,
        world.moderator,
        "schedule preview",
        {"when": "on the second Friday of the month 18:00"},
        locale="en-US",
    )
    assert says(english, "schedule.preview", "en")
    assert says(english, "schedule.rule.monthly_weekday", "en", nth="second", day="Friday")
    assert "monthly on the second Friday at 18:00" in english
    monthly = run_times(english)
    assert len(monthly) == 5 and all(r.weekday() == 4 and 8 <= r.day <= 14 for r in monthly)
    assert len({(r.year, r.month) for r in monthly}) == 5  # one a month


async def test_a_saved_every_other_friday_keeps_its_fridays_after_a_restart(
    runner: BotRunner, world: World
):
    created = await run(
        world,
        world.moderator,
        "schedule add",
        {
            "when": "alle zwei Wochen freitags 18 Uhr",
            "text": "Spieleabend",
            "channel": world.general.id,
        },
    )
    assert says(created, "schedule.created", "de", id=1)
    assert "alle 2 Wochen freitags um 18:00, ab " in created
    first = run_times(created)[0]
    with connect(runner.settings) as conn:
        (phrase,) = conn.execute("SELECT phrase FROM schedules").fetchone()
    assert phrase == f"alle zwei Wochen freitags 18 Uhr ab {first.date().isoformat()}"
    runner.clock.advance(days=7)  # restarted in the week without a run
    await runner.restart()
    listing = await run(world, world.moderator, "schedule list")
    assert says(listing, "schedule.line", "de", id=1)
    assert says(listing, "schedule.rule.every_weeks", "de", weeks=2, days="freitags")
    later = run_times(listing)
    assert later and all((r.date() - first.date()).days % 14 == 0 for r in later)
    assert later[0].date() - first.date() == timedelta(days=14)
