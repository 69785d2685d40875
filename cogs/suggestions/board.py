"""The rules of the suggestions board, without Discord or a database: the statuses, which of
them are decisions, when members may vote, how a vote changes, how the board is ordered, and the
median time to a decision."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from enum import StrEnum
from typing import Protocol, TypeVar


class Status(StrEnum):
    OPEN = "open"  # new, nobody on the team has looked yet
    REVIEW = "review"  # under review (in Prüfung)
    PLANNED = "planned"  # geplant
    DONE = "done"  # umgesetzt
    DECLINED = "declined"  # abgelehnt
    MERGED = "merged"  # a duplicate: its votes went to the suggestion it was merged into


#: what the team sets, in the order the buttons and choices show them
SETTABLE: tuple[Status, ...] = (Status.REVIEW, Status.PLANNED, Status.DONE, Status.DECLINED)
#: a decision: the team said what becomes of the suggestion (the report's "decided")
DECIDED = frozenset({Status.PLANNED, Status.DONE, Status.DECLINED})
#: members vote while the outcome is still open or planned
VOTABLE = frozenset({Status.OPEN, Status.REVIEW, Status.PLANNED})
#: the board's order: what waits for the team first, then what is planned, then the closed ones
LISTED: tuple[Status, ...] = (
    Status.OPEN,
    Status.REVIEW,
    Status.PLANNED,
    Status.DONE,
    Status.DECLINED,
)

UP, DOWN = 1, -1


def vote_after(current: int | None, pressed: int) -> int | None:
    """A member's vote after pressing up (1) or down (-1): pressing their own vote again takes it
    back, pressing the other one changes it."""
    if pressed not in (UP, DOWN):
        raise ValueError(pressed)
    return None if current == pressed else pressed


class Ranked(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def up(self) -> int: ...
    @property
    def down(self) -> int: ...


R = TypeVar("R", bound=Ranked)


def score(item: Ranked) -> int:
    return item.up - item.down


def ranked(items: Iterable[R]) -> list[R]:
    """Most support first (up minus down, then more up votes), then the older suggestion."""
    return sorted(items, key=lambda s: (-score(s), -s.up, s.number))


def median(durations: Sequence[timedelta]) -> timedelta | None:
    """The median of the durations (the mean of the middle two for an even count); None for none."""
    if not durations:
        return None
    ordered = sorted(durations)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
