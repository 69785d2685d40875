"""Recurring schedules: plain phrases in English and German, or cron, and their occurrences.

Pure: no Discord, no database, no APScheduler. Occurrences are computed in the schedule's IANA
time zone, so "every friday 18:00" stays at 18:00 local time across daylight-saving changes. A
local time that does not exist (the spring gap) runs at the end of the gap, like cron (02:30 on
29 March 2026 in Berlin runs at 03:00); a local time that happens twice (autumn) runs once, at the
first. The grammar is in the README ("Schedules").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import BadArgumentError
from bot.timeutil import is_iana_zone

MAX_PHRASE = 120
DEFAULT_TIME = time(12, 0)

_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "mo": 0,
    "montag": 0,
    "montags": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "di": 1,
    "dienstag": 1,
    "dienstags": 1,
    "wednesday": 2,
    "wed": 2,
    "mi": 2,
    "mittwoch": 2,
    "mittwochs": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "do": 3,
    "donnerstag": 3,
    "donnerstags": 3,
    "friday": 4,
    "fri": 4,
    "fr": 4,
    "freitag": 4,
    "freitags": 4,
    "saturday": 5,
    "sat": 5,
    "sa": 5,
    "samstag": 5,
    "samstags": 5,
    "sonnabend": 5,
    "sunday": 6,
    "sun": 6,
    "so": 6,
    "sonntag": 6,
    "sonntags": 6,
}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "erste": 1,
    "ersten": 1,
    "erster": 1,
    "1.": 1,
    "second": 2,
    "2nd": 2,
    "zweite": 2,
    "zweiten": 2,
    "zweiter": 2,
    "2.": 2,
    "third": 3,
    "3rd": 3,
    "dritte": 3,
    "dritten": 3,
    "dritter": 3,
    "3.": 3,
    "fourth": 4,
    "4th": 4,
    "vierte": 4,
    "vierten": 4,
    "vierter": 4,
    "4.": 4,
    "last": -1,
    "letzte": -1,
    "letzten": -1,
    "letzter": -1,
}
_CRON_DAYS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
_FILLER = {
    "every",
    "each",
    "on",
    "at",
    "the",
    "of",
    "month",
    "monat",
    "jeden",
    "jede",
    "jedes",
    "am",
    "um",
    "im",
    "des",
    "monats",
    "uhr",
    "and",
    "und",
    "in",
    "a",
    "o'clock",
    "weekly",
    "wöchentlich",
    "monthly",
    "monatlich",
    "day",
    "tag",
}


@dataclass(frozen=True)
class Rule:
    """When a schedule runs, in local time of ``zone``."""

    zone: str
    minutes: frozenset[int]
    hours: frozenset[int]
    weekdays: frozenset[int] = frozenset(range(7))  # 0 = Monday
    month_days: frozenset[int] = frozenset(range(1, 32))
    months: frozenset[int] = frozenset(range(1, 13))
    nth_weekday: tuple[int, int] | None = None  # (ordinal 1..4 or -1 for last, weekday)
    cron_or: bool = False  # cron: day-of-month OR day-of-week when both are restricted

    def matches_day(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        if self.nth_weekday is not None:
            ordinal, weekday = self.nth_weekday
            if day.weekday() != weekday:
                return False
            if ordinal == -1:
                return (day + timedelta(days=7)).month != day.month
            return (day.day - 1) // 7 + 1 == ordinal
        if self.cron_or:
            return day.day in self.month_days or day.weekday() in self.weekdays
        return day.day in self.month_days and day.weekday() in self.weekdays


def _error(text: str) -> BadArgumentError:
    return BadArgumentError("error.schedule_invalid", value=text[:MAX_PHRASE])


_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?$")


def _parse_time(words: list[str]) -> time | None:
    """Finds and removes a time of day in ``words``: 18:00, 18.30, 18 uhr, 6pm, 6:30 pm."""
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        candidate = word + (following if following in ("am", "pm") else "")
        match = _TIME.match(candidate)
        if match is None:
            continue
        explicit = (
            match.group(2) is not None
            or match.group(3) is not None
            or following in ("uhr", "am", "pm")
        )
        if not explicit and not (index > 0 and words[index - 1] in ("at", "um")):
            continue
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(3) == "pm" and hour < 12:
            hour += 12
        if match.group(3) == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
        del words[index : index + (2 if following in ("am", "pm") else 1)]
        return time(hour, minute)
    return None


def _cron_field(
    field: str, low: int, high: int, names: dict[str, int] | None = None
) -> frozenset[int]:
    values: set[int] = set()
    for part in field.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            if not step_text.isdigit() or int(step_text) < 1:
                raise ValueError(field)
            step = int(step_text)
        if part == "*":
            start, end = low, high
        elif "-" in part:
            a, b = part.split("-", 1)
            start, end = _cron_value(a, names), _cron_value(b, names)
        else:
            start = end = _cron_value(part, names)
        if not (low <= start <= high and low <= end <= high and start <= end):
            raise ValueError(field)
        values.update(range(start, end + 1, step))
    return frozenset(values)


def _cron_value(text: str, names: dict[str, int] | None) -> int:
    if names and text.lower() in names:
        return names[text.lower()]
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def parse_cron(expression: str, zone: str) -> Rule:
    """Standard 5-field cron: minute hour day-of-month month day-of-week (0 or 7 = Sunday, 5 = Friday)."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(expression)
    minute, hour, dom, month, dow = fields
    cron_days = _cron_field(dow.replace("7", "0") if dow != "*" else dow, 0, 6, _CRON_DAYS)
    weekdays = frozenset((d - 1) % 7 for d in cron_days)  # cron 0 = Sunday -> 6; 1 = Monday -> 0
    return Rule(
        zone,
        _cron_field(minute, 0, 59),
        _cron_field(hour, 0, 23),
        weekdays,
        _cron_field(dom, 1, 31),
        _cron_field(month, 1, 12),
        cron_or=dom != "*" and dow != "*",
    )


def parse(phrase: str, zone: str) -> Rule:
    """A phrase ("every friday 18:00", "jeden Freitag 18 Uhr", "0 18 * * FRI") -> Rule."""
    text = " ".join(phrase.strip().split())
    if not text or len(text) > MAX_PHRASE:
        raise _error(phrase)
    tokens = text.split(" ")
    if len(tokens) >= 2 and "/" in tokens[-1] and tokens[-2].lower() == "in":
        zone, tokens = tokens[-1], tokens[:-2]  # "... in Europe/Vienna"
    if not is_iana_zone(zone):
        raise _error(phrase)
    if (
        len(tokens) == 5
        and all(re.fullmatch(r"[\d*,/\-A-Za-z]+", t) for t in tokens)
        and any(c.isdigit() or c == "*" for c in tokens[0])
    ):
        try:
            return parse_cron(" ".join(tokens), zone)
        except ValueError:
            raise _error(phrase) from None
    words = [w.strip(",;").lower() for w in tokens if w.strip(",;")]
    at = _parse_time(words)
    when = at or DEFAULT_TIME
    rule = Rule(zone, frozenset({when.minute}), frozenset({when.hour}))
    rest = [w for w in words if w not in _FILLER]
    if not rest or rest in (["daily"], ["täglich"], ["everyday"], ["days"], ["tage"]):
        if at is None and not rest:
            raise _error(phrase)
        return rule
    if rest in (["weekdays"], ["werktags"], ["wochentags"], ["weekday"]):
        return Rule(zone, rule.minutes, rule.hours, frozenset(range(5)))
    if rest in (["weekends"], ["weekend"], ["wochenende"], ["wochenenden"]):
        return Rule(zone, rule.minutes, rule.hours, frozenset({5, 6}))
    # "first monday of the month", "letzter Freitag im Monat"
    if len(rest) == 2 and rest[0] in _ORDINALS and rest[1] in _WEEKDAYS:
        return Rule(
            zone, rule.minutes, rule.hours, nth_weekday=(_ORDINALS[rest[0]], _WEEKDAYS[rest[1]])
        )
    # "on the 1st of every month", "am 15. jedes Monats"
    if len(rest) == 1 and re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|\.)?", rest[0]):
        day = int(re.match(r"\d+", rest[0]).group(0))  # type: ignore[union-attr]
        if not 1 <= day <= 31:
            raise _error(phrase)
        return Rule(zone, rule.minutes, rule.hours, month_days=frozenset({day}))
    # "every monday and thursday", "jeden Montag und Donnerstag", "fridays"
    days = [
        w.removesuffix("s") if w.removesuffix("s") in _WEEKDAYS and w not in _WEEKDAYS else w
        for w in rest
    ]
    if all(day in _WEEKDAYS for day in days):
        return Rule(zone, rule.minutes, rule.hours, frozenset(_WEEKDAYS[day] for day in days))
    raise _error(phrase)


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant of local ``day`` ``at``; in the spring gap: the end of the gap; twice: the first."""
    wanted = datetime.combine(day, at)
    first = wanted.replace(tzinfo=zone, fold=0)
    roundtrip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if roundtrip == wanted:
        return first.astimezone(UTC)
    # Does not exist: walk from just before the gap to the first minute at or after ``wanted``.
    instant = wanted.replace(tzinfo=zone, fold=1).astimezone(UTC)
    for _ in range(24 * 60):
        instant += timedelta(minutes=1)
        if instant.astimezone(zone).replace(tzinfo=None) >= wanted:
            return instant.replace(second=0, microsecond=0)
    raise RuntimeError("no valid local time found")  # pragma: no cover - no zone skips a day


def occurrences(
    rule: Rule, after: datetime, count: int = 5, until: datetime | None = None
) -> list[datetime]:
    """The next ``count`` runs strictly after ``after`` (UTC), in order."""
    zone = ZoneInfo(rule.zone)
    found: list[datetime] = []
    day = after.astimezone(zone).date() - timedelta(days=1)
    times = sorted(time(h, m) for h in rule.hours for m in rule.minutes)
    for _ in range(366 * 8):  # at most eight years ahead: a rule can match rarely (29 Feb)
        if rule.matches_day(day):
            for at in times:
                instant = _local(day, at, zone)
                if instant > after and (not found or instant > found[-1]):
                    if until is not None and instant > until:
                        return found
                    found.append(instant)
                    if len(found) == count:
                        return found
        day += timedelta(days=1)
    return found


#: recurring posts more often than this are refused (a typo must not spam a channel every minute)
MIN_INTERVAL = timedelta(minutes=15)


def shortest_interval(rule: Rule, after: datetime, sample: int = 200) -> timedelta | None:
    """The shortest time between two runs of ``rule``: between its times of one day, and between
    its next ``sample`` runs (which catches runs close across midnight). None: it runs at most
    once."""
    minutes = sorted(h * 60 + m for h in rule.hours for m in rule.minutes)
    gaps = [timedelta(minutes=b - a) for a, b in itertools.pairwise(minutes)]
    runs = occurrences(rule, after, sample)
    gaps += [b - a for a, b in itertools.pairwise(runs)]
    return min(gaps) if gaps else None


def missed(
    rule: Rule, last_run: datetime, now: datetime, grace: timedelta
) -> tuple[datetime | None, int]:
    """After downtime: the most recent missed run if within ``grace`` (run it once), and how many
    older ones are skipped (logged, never run in a burst)."""
    due: list[datetime] = []
    cursor = last_run
    while True:
        step = occurrences(rule, cursor, 50, until=now)
        if not step:
            break
        due.extend(step)
        cursor = step[-1]
        if len(step) < 50:
            break
    if not due:
        return None, 0
    latest = due[-1]
    if now - latest <= grace:
        return latest, len(due) - 1
    return None, len(due)
