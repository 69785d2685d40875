"""Time helpers: UTC everywhere inside, ISO-8601 text in the database, Discord timestamps out."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

Clock = Callable[[], datetime]

#: names in the zone database that are not places: the machine's own zone, placeholders, and
#: the alternative trees (their zones exist under their plain names)
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_iana_zone(name: str) -> bool:
    """An IANA time zone name such as ``Europe/Berlin`` or ``UTC`` (exact spelling); not
    ``localtime`` (whatever the host is set to), not a file path, not an invented place."""
    if name in _NOT_PLACES or name.startswith(("posix/", "right/")):
        return False
    return name in _zone_names()


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime; use UTC-aware datetimes")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class LocalDays:
    """``day(guild_id, now)``: the guild's local date as ISO text, cached until its next local
    midnight, so the time zone is consulted once a day per guild (cheap enough for the message
    path). ``invalidate`` drops the cache when a guild's time zone changes."""

    def __init__(self, zone_of: Callable[[int], tzinfo]) -> None:
        self._zone_of = zone_of
        self._cache: dict[int, tuple[str, datetime]] = {}

    def day(self, guild_id: int, now: datetime) -> str:
        cached = self._cache.get(guild_id)
        if cached is not None and now < cached[1]:
            return cached[0]
        zone = self._zone_of(guild_id)
        local = now.astimezone(zone).date()
        self._cache[guild_id] = (local.isoformat(), next_midnight(local, zone))
        return local.isoformat()

    def invalidate(self, guild_id: int | None = None) -> None:
        """The guild's time zone changed (None: all guilds)."""
        if guild_id is None:
            self._cache.clear()
        else:
            self._cache.pop(guild_id, None)


def next_midnight(day: date, zone: tzinfo) -> datetime:
    """The UTC instant the local day after ``day`` begins (when midnight falls into a
    daylight-saving gap, the moment the clocks jump)."""
    following = day + timedelta(days=1)
    moment = datetime.combine(following, time(0)).replace(tzinfo=zone).astimezone(UTC)
    # A nonexistent midnight maps past the jump; step back to the first instant of the new day.
    while (moment - timedelta(minutes=1)).astimezone(zone).date() >= following:
        moment -= timedelta(minutes=1)
    return moment
