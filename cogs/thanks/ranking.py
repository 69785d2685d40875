"""The monthly recognition: which month is due, who helped most, and who may be named. Pure.

Months are the server's local calendar months. The post for a month is due on the first day of
the next month at ``POST_HOUR`` local time. Helpers are ranked by a weighted sum of what they did;
members who asked not to appear on leaderboards (the statistics' privacy choice, also when it was
kept after a forget) are left out and the next one takes their place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo

POST_HOUR = 10
NAMED = 5  # members named in the post
ROLE_TOP = 3  # members who get the top-helper role

WEIGHTS = {"thanks": 1, "answers": 2, "faq": 1, "places": 3, "done": 2}


def month_of(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m")


def first_day(month: str) -> date:
    year, number = (int(p) for p in month.split("-"))
    return date(year, number, 1)


def next_month(month: str) -> str:
    day = first_day(month)
    return f"{day.year + day.month // 12:04d}-{day.month % 12 + 1:02d}"


def previous_month(month: str) -> str:
    day = first_day(month)
    return f"{day.year - (day.month == 1):04d}-{(day.month - 2) % 12 + 1:02d}"


def bounds(month: str, zone: tzinfo) -> tuple[datetime, datetime]:
    """The month's start and end (exclusive) as UTC instants."""

    def start(m: str) -> datetime:
        return datetime.combine(first_day(m), time(0)).replace(tzinfo=zone).astimezone(UTC)

    return start(month), start(next_month(month))


def due(month: str, zone: tzinfo) -> datetime:
    """When the post for ``month`` is due: the next month's first day at POST_HOUR, local."""
    following = first_day(next_month(month))
    return datetime.combine(following, time(POST_HOUR)).replace(tzinfo=zone).astimezone(UTC)


def latest_due(now: datetime, zone: tzinfo) -> str:
    """The latest month whose post is due at ``now`` (only this one is ever posted late)."""
    last = previous_month(month_of(now, zone))
    return last if now >= due(last, zone) else previous_month(last)


@dataclass(frozen=True)
class Helper:
    user_id: int
    thanks: int = 0
    answers: int = 0
    faq: int = 0
    places: int = 0
    done: int = 0  # suggestions of theirs the team marked done

    @property
    def score(self) -> int:
        return (
            self.thanks * WEIGHTS["thanks"]
            + self.answers * WEIGHTS["answers"]
            + self.faq * WEIGHTS["faq"]
            + self.places * WEIGHTS["places"]
            + self.done * WEIGHTS["done"]
        )


@dataclass
class Tally:
    thanks: Mapping[int, int] = field(default_factory=dict)
    answers: Mapping[int, int] = field(default_factory=dict)
    faq: Mapping[int, int] = field(default_factory=dict)
    places: Mapping[int, int] = field(default_factory=dict)
    done: Mapping[int, int] = field(default_factory=dict)

    def helpers(self) -> list[Helper]:
        ids = set(self.thanks) | set(self.answers) | set(self.faq) | set(self.places)
        ids |= set(self.done)
        ids.discard(0)  # anonymised rows name nobody
        found = [
            Helper(
                user_id,
                self.thanks.get(user_id, 0),
                self.answers.get(user_id, 0),
                self.faq.get(user_id, 0),
                self.places.get(user_id, 0),
                self.done.get(user_id, 0),
            )
            for user_id in ids
        ]
        return sorted((h for h in found if h.score > 0), key=lambda h: (-h.score, h.user_id))


def top(
    helpers: Iterable[Helper], may_name: Mapping[int, bool], count: int = NAMED
) -> list[Helper]:
    """The first ``count`` helpers who may be named (unknown ones are not)."""
    return [h for h in helpers if may_name.get(h.user_id, False)][:count]


def podium(entries: Iterable[tuple[int, int, int, int]]) -> dict[int, int]:
    """Contest placements: (contest, entry, author, votes) rows -> author -> places in the top
    three of their contests (a place shared by a tie counts for each; no vote, no place)."""
    by_contest: dict[int, list[tuple[int, int]]] = {}
    for contest, _entry, author, votes in entries:
        by_contest.setdefault(contest, []).append((author, votes))
    places: dict[int, int] = {}
    for rows in by_contest.values():
        for author, votes in rows:
            better = sum(1 for _, other in rows if other > votes)
            if votes > 0 and better < 3:
                places[author] = places.get(author, 0) + 1
    return places
