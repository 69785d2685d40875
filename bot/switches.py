"""Feature switches the setup wizard offers (the welcome message, the weekly report): each
feature registers its own, so the wizard switches features it does not import."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord


@dataclass(frozen=True)
class Switch:
    key: str  # stable, part of the wizard's custom_ids
    label_key: str  # its name ("Willkommensnachricht")
    hint_key: str  # what switching it on does, and what it needs
    is_on: Callable[[int], bool]  # guild id -> on?
    #: (the admin's interaction, on) -> None; raises UserFacingError when it cannot be switched
    turn: Callable[[discord.Interaction[Any], bool], Awaitable[None]]


class Switches:
    def __init__(self) -> None:
        self._switches: dict[str, Switch] = {}

    def register(self, switch: Switch) -> None:
        if switch.key in self._switches:
            raise ValueError(f"switch {switch.key!r} registered twice")
        self._switches[switch.key] = switch

    def unregister(self, key: str) -> None:
        self._switches.pop(key, None)

    def get(self, key: str) -> Switch | None:
        return self._switches.get(key)

    def all(self) -> list[Switch]:
        return list(self._switches.values())
