"""The board's rules without Discord: votes, order, decisions and the median."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from cogs.suggestions.board import DECIDED, SETTABLE, VOTABLE, Status, median, ranked, vote_after


@pytest.mark.parametrize(
    ("current", "pressed", "after"),
    [(None, 1, 1), (None, -1, -1), (1, 1, None), (-1, -1, None), (1, -1, -1), (-1, 1, 1)],
)
def test_a_vote_is_set_changed_or_taken_back(current, pressed, after):
    assert vote_after(current, pressed) == after


def test_only_up_or_down_can_be_pressed():
    with pytest.raises(ValueError):
        vote_after(None, 2)


@dataclass(frozen=True)
class Item:
    number: int
    up: int
    down: int


def test_the_board_is_ordered_by_support_then_age():
    items = [Item(1, 3, 3), Item(2, 5, 1), Item(3, 4, 0), Item(4, 2, 0), Item(5, 4, 0)]
    assert [i.number for i in ranked(items)] == [2, 3, 5, 4, 1]


def test_what_counts_as_a_decision_and_when_members_vote():
    assert {Status.PLANNED, Status.DONE, Status.DECLINED} == DECIDED
    assert Status.REVIEW not in DECIDED and Status.MERGED not in VOTABLE
    assert {Status.OPEN, Status.REVIEW, Status.PLANNED} == VOTABLE
    assert Status.OPEN not in SETTABLE and Status.MERGED not in SETTABLE


def test_the_median_time_to_a_decision():
    hours = [timedelta(hours=h) for h in (5, 1, 3)]
    assert median([]) is None
    assert median(hours) == timedelta(hours=3)
    assert median([*hours, timedelta(hours=9)]) == timedelta(hours=4)
