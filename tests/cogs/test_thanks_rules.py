"""The recognition's pure parts: refusals and limits, months, ranking."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from cogs.thanks.ranking import (
    Helper,
    Tally,
    bounds,
    due,
    latest_due,
    next_month,
    podium,
    previous_month,
    top,
)
from cogs.thanks.rules import Target, refusal, role_problem, verdict

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("target", "key"),
    [
        (Target(is_webhook=True, is_bot=True), "thanks.no_webhook"),
        (Target(is_system=True), "thanks.no_system"),
        (Target(is_bot=True), "thanks.no_bot"),
        (Target(is_self=True), "thanks.no_self"),
        (Target(is_member=False), "thanks.not_member"),
        (Target(), None),
    ],
)
def test_refusals(target, key):
    assert refusal(target) == key


def test_daily_limit_and_the_weekly_bound_per_pair():
    assert verdict(0, 0).accepted and verdict(0, 0).counted
    assert verdict(4, 2).counted
    assert verdict(4, 3).accepted and not verdict(4, 3).counted
    assert not verdict(5, 0).accepted


def test_a_role_with_a_dangerous_permission_is_no_award():
    found = role_problem(exists=True, managed=False, below_bot=True, permissions=1 << 40)
    assert found is not None and found.permissions == ("moderate_members",)
    assert role_problem(exists=True, managed=False, below_bot=False, permissions=0).key == (  # type: ignore[union-attr]
        "thanks.role_above_bot"
    )


def test_a_team_role_is_no_award():
    found = role_problem(exists=True, managed=False, below_bot=True, permissions=0, team=True)
    assert found is not None and found.key == "thanks.role_team"


def test_months_and_when_their_post_is_due():
    assert next_month("2026-12") == "2027-01" and previous_month("2027-01") == "2026-12"
    start, end = bounds("2026-10", BERLIN)
    assert start == datetime(2026, 9, 30, 22, tzinfo=UTC)
    assert end == datetime(2026, 10, 31, 23, tzinfo=UTC)  # the clocks went back on the 25th
    assert due("2026-10", BERLIN) == datetime(2026, 11, 1, 9, tzinfo=UTC)
    assert latest_due(datetime(2026, 11, 1, 8, tzinfo=UTC), BERLIN) == "2026-09"
    assert latest_due(datetime(2026, 11, 1, 9, tzinfo=UTC), BERLIN) == "2026-10"


def test_ranking_weights_skips_nobody_and_the_unnamed():
    tally = Tally(thanks={1: 3, 2: 1, 0: 9}, answers={2: 1}, places={3: 1})
    helpers = tally.helpers()
    assert [h.user_id for h in helpers] == [1, 2, 3]  # 3, 3 (1 + 2), 3: ties by id
    assert helpers[1] == Helper(2, thanks=1, answers=1)
    assert [h.user_id for h in top(helpers, {1: False, 2: True, 3: True})] == [2, 3]


def test_podium_counts_the_top_three_of_each_contest_with_ties():
    rows = [(1, 10, 7, 5), (1, 11, 8, 5), (1, 12, 9, 3), (1, 13, 6, 1), (2, 20, 7, 0)]
    assert podium(rows) == {7: 1, 8: 1, 9: 1}


#: participles that take "sein", which the post's "{member} hat {what}." cannot carry
SEIN_PARTICIPLES = {"gelandet", "gekommen", "geworden", "gewesen", "geblieben", "gelaufen"}


def test_the_german_parts_of_the_monthly_post_go_with_hat():
    from cogs.thanks.strings import STRINGS

    assert STRINGS["thanks.post_line"]["de"].startswith("• {member} hat {what}")
    parts = {key: text["de"] for key, text in STRINGS.items() if key.startswith("thanks.part_")}
    assert parts
    for key, german in parts.items():
        assert german.split()[-1] not in SEIN_PARTICIPLES, key
