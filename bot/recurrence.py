"""Recurring schedules: plain phrases in English and German, or cron, and their occurrences.

Pure: no Discord, no database, no APScheduler. Occurrences are computed in the schedule's IANA
time zone, so "every friday 18:00" stays at 18:00 local time across daylight-saving changes. A
local time that does not exist (the spring gap) runs at the end of the gap, like cron (02:30 on
29 March 2026 in Berlin runs at 03:00); a local time that happens twice (autumn) runs once, at the
first. Every-n-weeks rules count weeks from their first day, saved in the phrase ("ab 2026-12-11").
The grammar is in the README ("Schedules")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import BadArgumentError
from bot.timeutil import is_iana_zone

MAX_PHRASE = 120
DEFAULT_TIME = time(12, 0)

_WEEKDAYS = {
    name: day
    for day, names in enumerate(
        [
            "monday mon mo montag montags",
            "tuesday tue tues di dienstag dienstags",
            "wednesday wed mi mittwoch mittwochs",
            "thursday thu thur thurs do donnerstag donnerstags",
            "friday fri fr freitag freitags",
            "saturday sat sa samstag samstags sonnabend",
            "sunday sun so sonntag sonntags",
        ]
    )
    for name in names.split()
}
_ORDINALS = {
    name: number
    for number, names in [
        (1, "first 1st erste ersten erster 1."),
        (2, "second 2nd zweite zweiten zweiter 2."),
        (3, "third 3rd dritte dritten dritter 3."),
        (4, "fourth 4th vierte vierten vierter 4."),
        (-1, "last letzte letzten letzter"),
    ]
    for name in names.split()
}
_CRON_DAYS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
_FILLER_WORDS = (
    "every each on at the of month monat jeden jede jedes am um im des monats uhr and und in a "
    "o'clock weekly wöchentlich monthly monatlich day tag week woche"
)
_FILLER = set(_FILLER_WORDS.split())
_COUNTS = {"2": 2, "zwei": 2, "two": 2, "3": 3, "drei": 3, "three": 3, "4": 4, "vier": 4, "four": 4}
_EVERY = {"every", "each", "jeden", "jede", "jedes", "alle"}
_EVERY_NTH = {**{k: v for k, v in _ORDINALS.items() if v in (2, 3, 4)}, "other": 2}
_FORTNIGHTLY = {"fortnightly", "zweiwöchentlich", "zweiwöchig", "vierzehntägig", "14-tägig"}
_MONTH_WORDS = {"month", "months", "monat", "monats", "monthly", "monatlich"}
_START_WORDS = {"from", "ab", "starting"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


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
    every_weeks: int = 1  # 2: every other week, counted from the week of ``start``
    start: date | None = None  # no runs before this local day; anchors an every-n-weeks rhythm
    cron: str | None = None  # the expression, when the rule was written as cron

    def matches_day(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        if self.start is not None:
            if day < self.start:
                return False
            week_of_start = self.start - timedelta(days=self.start.weekday())
            if ((day - week_of_start).days // 7) % self.every_weeks:
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
        cron=" ".join(fields),
    )


def _weekday(word: str) -> int | None:
    """``friday``, ``freitags``, ``fridays`` -> 4."""
    if word in _WEEKDAYS:
        return _WEEKDAYS[word]
    return _WEEKDAYS.get(word.removesuffix("s"))


def _days(words: list[str]) -> frozenset[int]:
    """The weekdays if every word is one, else none."""
    days = [_weekday(word) for word in words]
    return frozenset(d for d in days if d is not None) if None not in days else frozenset()


def _every_weeks(words: list[str]) -> int:
    """Finds and removes "alle zwei Wochen", "every other (week|friday)", "jeden zweiten Freitag"
    ...; 1: none. With a month named, "jeden zweiten Freitag im Monat" stays monthly."""
    monthly = any(word in _MONTH_WORDS for word in words)
    for index, word in enumerate(words):
        following, after = [*words[index + 1 : index + 3], "", ""][:2]
        if word in _FORTNIGHTLY or (word == "every" and following == "fortnight"):
            del words[index : index + (2 if word == "every" else 1)]
            return 2
        if word not in _EVERY:
            continue
        if following in _COUNTS and after in ("wochen", "weeks"):
            weeks = _COUNTS[following]
        elif following in ("14", "vierzehn", "fourteen") and after in ("tage", "days"):
            weeks = 2
        elif following in _EVERY_NTH and after in ("woche", "week"):
            weeks = _EVERY_NTH[following]
        elif following in _EVERY_NTH and _weekday(after) is not None and not monthly:
            del words[index : index + 2]  # the weekday stays
            return _EVERY_NTH[following]
        else:
            continue
        del words[index : index + 3]
        return weeks
    return 1


def _start_day(token: str, phrase: str) -> date:
    """``2026-12-11`` or ``11.12.2026``."""
    match = _DATE.fullmatch(token)
    try:
        year, month, day = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)  # type: ignore[union-attr]
        return date(int(year), int(month), int(day))
    except (AttributeError, ValueError):
        raise _error(phrase) from None


def parse(phrase: str, zone: str) -> Rule:
    """A phrase ("every friday 18:00", "jeden Freitag 18 Uhr", "0 18 * * FRI") -> Rule. It may
    end with a first day ("ab 2026-12-11", "from 2026-12-11") and a zone ("in Europe/Vienna")."""
    text = " ".join(phrase.strip().split())
    if not text:
        raise _error(phrase)
    tokens = text.split(" ")
    start: date | None = None
    for _ in range(3):  # the first day and the zone, in either order
        if len(tokens) >= 2 and "/" in tokens[-1] and tokens[-2].lower() == "in":
            zone, tokens = tokens[-1], tokens[:-2]  # "... in Europe/Vienna"
        elif len(tokens) >= 2 and tokens[-2].lower() in _START_WORDS and start is None:
            start, tokens = _start_day(tokens[-1], phrase), tokens[:-2]
    if not tokens or len(" ".join(tokens)) > MAX_PHRASE or not is_iana_zone(zone):
        raise _error(phrase)
    rule = _parse_rule(tokens, zone, phrase)
    return replace(rule, start=start) if start is not None else rule


def _parse_rule(tokens: list[str], zone: str, phrase: str) -> Rule:
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
    weeks = _every_weeks(words)
    rest = [w for w in words if w not in _FILLER]
    if weeks > 1:  # "alle zwei Wochen freitags", "every other monday and thursday"
        if not _days(rest) or any(w in _MONTH_WORDS for w in words):
            raise _error(phrase)
        return replace(rule, weekdays=_days(rest), every_weeks=weeks)
    if not rest or rest in (["daily"], ["täglich"], ["everyday"], ["days"], ["tage"]):
        if at is None and not rest:
            raise _error(phrase)
        return rule
    if rest in (["weekdays"], ["werktags"], ["wochentags"], ["weekday"]):
        return replace(rule, weekdays=frozenset(range(5)))
    if rest in (["weekends"], ["weekend"], ["wochenende"], ["wochenenden"]):
        return replace(rule, weekdays=frozenset({5, 6}))
    # "first monday of the month", "letzter Freitag im Monat", "am zweiten Freitag im Monat"
    if len(rest) == 2 and rest[0] in _ORDINALS and rest[1] in _WEEKDAYS:
        return replace(rule, nth_weekday=(_ORDINALS[rest[0]], _WEEKDAYS[rest[1]]))
    # "on the 1st of every month", "am 15. jedes Monats"
    if len(rest) == 1 and re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|\.)?", rest[0]):
        day = int(re.match(r"\d+", rest[0]).group(0))  # type: ignore[union-attr]
        if not 1 <= day <= 31:
            raise _error(phrase)
        return replace(rule, month_days=frozenset({day}))
    # "every monday and thursday", "jeden Montag und Donnerstag", "fridays"
    if _days(rest):
        return replace(rule, weekdays=_days(rest))
    raise _error(phrase)


def parse_stored(phrase: str, zone: str) -> Rule:
    """The rule of a saved schedule. Every-n-weeks schedules are saved with their first day
    (:func:`stored_phrase`); one without it was saved when "jeden zweiten Freitag" still meant the
    second Friday of each month, and keeps running as it was saved."""
    rule = parse(phrase, zone)
    if rule.every_weeks > 1 and rule.start is None and len(rule.weekdays) == 1:
        (weekday,) = rule.weekdays
        return replace(rule, every_weeks=1, nth_weekday=(rule.every_weeks, weekday))
    return rule


def anchored(rule: Rule, after: datetime) -> Rule:
    """An every-n-weeks rule without a first day starts with its first run after ``after``."""
    if rule.every_weeks == 1 or rule.start is not None:
        return rule
    first = occurrences(replace(rule, every_weeks=1), after, 1)
    return replace(rule, start=first[0].astimezone(ZoneInfo(rule.zone)).date()) if first else rule


def stored_phrase(phrase: str, rule: Rule, lang: str) -> str:
    """The phrase to save for ``rule`` (anchored): an every-n-weeks rhythm gets its first day
    ("jeden zweiten Freitag 18 Uhr ab 2026-12-11"), so that it is read again the same way."""
    if rule.every_weeks == 1 or rule.start is None or parse(phrase, rule.zone).start is not None:
        return phrase
    return f"{phrase.strip()} {'ab' if lang == 'de' else 'from'} {rule.start.isoformat()}"


def _day_text(day: date, lang: str, today: date | None) -> str:
    year = today is None or day.year != today.year
    if lang == "de":
        return f"{day:%d.%m.}" + (str(day.year) if year else "")
    return f"{day.day} {_MONTHS_EN[day.month - 1]}" + (f" {day.year}" if year else "")


def describe(rule: Rule, lang: str, t: Callable[..., str], today: date | None = None) -> str:
    """How ``rule`` was read, in words: "alle 2 Wochen freitags um 18:00, ab 11.12.", "every 2
    weeks on Friday at 18:00, from 11 Dec". ``t`` is the i18n lookup (``I18n.t``); the keys are
    in cogs/schedules/strings.py. ``today`` (local): a first day in this year omits the year."""

    def days(numbers: frozenset[int], adverb: bool) -> str:  # "freitags" or "Freitag"
        names = [
            t(lang, f"schedule.on_day.{n}" if adverb else f"schedule.day.{n}")
            for n in sorted(numbers)
        ]
        head = ", ".join(names[:-1])
        return f"{head} {t(lang, 'schedule.and')} {names[-1]}" if head else names[-1]

    at = ", ".join(f"{h:02d}:{m:02d}" for h in sorted(rule.hours) for m in sorted(rule.minutes))
    if rule.cron is not None:
        text = t(lang, "schedule.rule.cron", cron=rule.cron)
    elif rule.nth_weekday is not None:
        ordinal, weekday = rule.nth_weekday
        nth = t(lang, f"schedule.nth.{'last' if ordinal == -1 else ordinal}")
        day = t(lang, f"schedule.day.{weekday}")
        text = t(lang, "schedule.rule.monthly_weekday", nth=nth, day=day, time=at)
    elif len(rule.month_days) == 1:
        (day_of_month,) = rule.month_days
        text = t(lang, "schedule.rule.monthly_day", day=day_of_month, time=at)
    elif rule.every_weeks > 1:
        on = days(rule.weekdays, adverb=True)
        text = t(lang, "schedule.rule.every_weeks", weeks=rule.every_weeks, days=on, time=at)
    elif len(rule.weekdays) == 7:
        text = t(lang, "schedule.rule.daily", time=at)
    elif rule.weekdays == frozenset(range(5)):
        text = t(lang, "schedule.rule.weekdays", time=at)
    else:
        text = t(lang, "schedule.rule.weekly", days=days(rule.weekdays, adverb=False), time=at)
    if rule.start is not None:
        text = t(lang, "schedule.rule.from", rule=text, day=_day_text(rule.start, lang, today))
    return text


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
    rule = anchored(rule, after)
    zone = ZoneInfo(rule.zone)
    found: list[datetime] = []
    day = after.astimezone(zone).date() - timedelta(days=1)
    if rule.start is not None:
        day = max(day, rule.start)
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
