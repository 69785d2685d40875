"""Parse and format durations such as ``10m``, ``1h30m``, ``2d`` or ``1 Std 30 Min``.

Pure: no Discord, no database. Input is adversarial (members type it), so the grammar is strict,
the length is capped and the regex is linear.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.errors import BadArgumentError
from bot.i18n import Lang, Localized

MAX_INPUT = 64

# Unit words in English and German, mapped to seconds.
_UNITS: dict[str, int] = {}
for _names, _seconds in (
    (("s", "sec", "secs", "second", "seconds", "sek", "sekunde", "sekunden"), 1),
    (("m", "min", "mins", "minute", "minutes", "minuten"), 60),
    (("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"), 3600),
    (("d", "day", "days", "t", "tag", "tage", "tagen"), 86400),
    (("w", "wk", "week", "weeks", "woche", "wochen"), 7 * 86400),
):
    for _name in _names:
        _UNITS[_name] = _seconds

_PART = re.compile(r"(\d{1,6})\s*([a-zäöü]+)\.?\s*")


def parse_duration(
    text: str, *, minimum: timedelta = timedelta(seconds=1), maximum: timedelta | None = None
) -> timedelta:
    """``"1h30m"`` -> 90 minutes. Raises BadArgumentError with a key the member understands."""
    raw = text.strip().lower()
    if not raw or len(raw) > MAX_INPUT:
        raise BadArgumentError("error.duration_invalid", value=text[:MAX_INPUT])
    total = 0
    position = 0
    seen: set[int] = set()
    while position < len(raw):
        match = _PART.match(raw, position)
        if match is None or match.group(2) not in _UNITS:
            raise BadArgumentError("error.duration_invalid", value=text[:MAX_INPUT])
        unit = _UNITS[match.group(2)]
        if unit in seen:
            raise BadArgumentError("error.duration_invalid", value=text[:MAX_INPUT])
        seen.add(unit)
        total += int(match.group(1)) * unit
        position = match.end()
    duration = timedelta(seconds=total)
    if duration < minimum:
        raise BadArgumentError("error.duration_too_short", minimum=localized_duration(minimum))
    if maximum is not None and duration > maximum:
        raise BadArgumentError("error.duration_too_long", maximum=localized_duration(maximum))
    return duration


_NAMES: dict[Lang, tuple[tuple[int, str, str], ...]] = {
    "en": (
        (86400, "day", "days"),
        (3600, "hour", "hours"),
        (60, "minute", "minutes"),
        (1, "second", "seconds"),
    ),
    "de": (
        (86400, "Tag", "Tage"),
        (3600, "Stunde", "Stunden"),
        (60, "Minute", "Minuten"),
        (1, "Sekunde", "Sekunden"),
    ),
}


def format_duration(duration: timedelta, lang: Lang) -> str:
    """``timedelta(hours=1, minutes=30)`` -> ``"1 hour 30 minutes"`` / ``"1 Stunde 30 Minuten"``."""
    remaining = int(duration.total_seconds())
    if remaining <= 0:
        return "0 " + _NAMES[lang][3][2]
    parts: list[str] = []
    for seconds, one, many in _NAMES[lang]:
        count, remaining = divmod(remaining, seconds)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return " ".join(parts)


def localized_duration(duration: timedelta) -> Localized:
    return Localized(de=format_duration(duration, "de"), en=format_duration(duration, "en"))
