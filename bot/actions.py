"""Actions other features offer to schedules: a feature registers what it can start on a
schedule (a giveaway, a contest); the schedules feature runs it without importing that feature."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import discord

Action = Callable[[discord.Guild, discord.TextChannel, int, Mapping[str, Any]], Awaitable[None]]
"""(guild, channel, creator id, parameters) -> None; raises UserFacingError when it cannot run."""


class ScheduledActions:
    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}

    def register(self, kind: str, action: Action) -> None:
        if kind in self._actions:
            raise ValueError(f"scheduled action {kind!r} registered twice")
        self._actions[kind] = action

    def unregister(self, kind: str) -> None:
        self._actions.pop(kind, None)

    def get(self, kind: str) -> Action | None:
        return self._actions.get(kind)
