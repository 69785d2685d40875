"""Strike points, decay and the escalation ladder. Pure: no Discord, no database.

A member's active points are the points of cases that have not expired (each case's points expire
``decay_days`` after it was made). When new points push the active total across a step of the
ladder, that step's action applies (the highest step crossed, once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.durations import format_duration, parse_duration
from bot.errors import BadArgumentError

LADDER_ACTIONS = ("timeout", "kick", "ban", "flag")
MAX_TIMEOUT = timedelta(days=28)


@dataclass(frozen=True)
class LadderStep:
    points: int
    action: str  # one of LADDER_ACTIONS
    duration: timedelta | None = None  # for timeouts

    def describe(self) -> str:
        if self.action == "timeout" and self.duration is not None:
            return f"{self.points}:timeout:{_compact(self.duration)}"
        return f"{self.points}:{self.action}"


# Safe default: timeouts only, and a flag to the moderators; nothing kicks or bans by default.
DEFAULT_LADDER: tuple[LadderStep, ...] = (
    LadderStep(3, "timeout", timedelta(minutes=10)),
    LadderStep(6, "timeout", timedelta(days=1)),
    LadderStep(10, "flag"),
)
DEFAULT_DECAY_DAYS = 30


@dataclass(frozen=True)
class Strike:
    points: int
    given_at: datetime


def active_points(strikes: Iterable[Strike], now: datetime, decay_days: int) -> int:
    horizon = timedelta(days=decay_days)
    return sum(s.points for s in strikes if s.points > 0 and now - s.given_at < horizon)


def expires_at(given_at: datetime, decay_days: int) -> datetime:
    return given_at + timedelta(days=decay_days)


def escalation(before: int, after: int, ladder: Iterable[LadderStep]) -> LadderStep | None:
    """The highest step whose threshold lies in (before, after], or None."""
    crossed = [step for step in ladder if before < step.points <= after]
    return max(crossed, key=lambda step: step.points) if crossed else None


_STEP = re.compile(r"^\s*(\d{1,3})\s*:\s*([^\W\d_]+)\s*(?::\s*([\w ]{1,20}))?\s*$")
# the actions a step can take, by the words admins write in either language
LADDER_WORDS = {
    "timeout": "timeout",
    "kick": "kick",
    "kicken": "kick",
    "rauswurf": "kick",
    "ban": "ban",
    "bann": "ban",
    "bannen": "ban",
    "flag": "flag",
    "markieren": "flag",
}


def parse_ladder(text: str) -> tuple[LadderStep, ...]:
    """``"3:timeout:10m, 6:timeout:1d, 10:ban"`` -> steps, ascending. Raises BadArgumentError."""
    steps: list[LadderStep] = []
    parts = [part for part in text.split(",") if part.strip()]
    if not parts or len(parts) > 10:
        raise BadArgumentError("error.ladder_invalid", value=text[:100])
    for part in parts:
        match = _STEP.match(part)
        if match is None:
            raise BadArgumentError("error.ladder_invalid", value=part.strip()[:100])
        points, duration = int(match.group(1)), match.group(3)
        action = LADDER_WORDS.get(match.group(2).lower())
        if points < 1 or action is None:
            raise BadArgumentError("error.ladder_invalid", value=part.strip()[:100])
        if action == "timeout":
            if duration is None:
                raise BadArgumentError("error.ladder_invalid", value=part.strip()[:100])
            steps.append(LadderStep(points, action, parse_duration(duration, maximum=MAX_TIMEOUT)))
        else:
            if duration is not None:
                raise BadArgumentError("error.ladder_invalid", value=part.strip()[:100])
            steps.append(LadderStep(points, action))
    steps.sort(key=lambda step: step.points)
    if len({step.points for step in steps}) != len(steps):
        raise BadArgumentError("error.ladder_invalid", value=text[:100])
    return tuple(steps)


def format_ladder(ladder: Iterable[LadderStep]) -> str:
    return ", ".join(step.describe() for step in ladder)


def _compact(duration: timedelta) -> str:
    seconds = int(duration.total_seconds())
    out = ""
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        count, seconds = divmod(seconds, size)
        if count:
            out += f"{count}{unit}"
    return out or "0s"


__all__ = [
    "DEFAULT_DECAY_DAYS",
    "DEFAULT_LADDER",
    "LadderStep",
    "Strike",
    "active_points",
    "escalation",
    "expires_at",
    "format_duration",
    "format_ladder",
    "parse_ladder",
]
