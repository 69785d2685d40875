"""Time zones an admin types: checked against IANA names, and suggested while typing."""

from __future__ import annotations

import zoneinfo
from functools import cache

import discord
from discord import app_commands

from bot.config import validate_timezone
from bot.errors import BadArgumentError

_PREFERRED = ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/London", "UTC")


@cache
def all_zones() -> tuple[str, ...]:
    zones = {z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"}
    zones -= {z for z in zones if z.startswith(("Etc/", "SystemV/", "posix/", "right/"))}
    return tuple(sorted(zones))


def suggest(typed: str, limit: int = 25) -> list[str]:
    """Zones containing what was typed (case-insensitive, spaces as underscores); common first."""
    needle = typed.strip().casefold().replace(" ", "_")
    zones = all_zones()
    if not needle:
        return [z for z in _PREFERRED if z in zones][:limit]
    starts = [
        z
        for z in zones
        if z.casefold().startswith(needle) or z.casefold().split("/")[-1].startswith(needle)
    ]
    contains = [z for z in zones if needle in z.casefold() and z not in starts]
    preferred = [z for z in _PREFERRED if z in starts]
    ordered = preferred + [z for z in starts if z not in preferred] + contains
    return ordered[:limit]


def zone_name(typed: str) -> str:
    """The IANA name of what an admin typed, or a refusal that shows it back."""
    try:
        return validate_timezone(typed.strip())
    except ValueError:
        raise BadArgumentError(
            "config.timezone_invalid", zone=discord.utils.escape_markdown(typed)[:64]
        ) from None


async def zone_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete of a time-zone option."""
    return [app_commands.Choice(name=zone, value=zone) for zone in suggest(current[:64])]
