"""What features can run on a schedule: each kind is a typed options dataclass plus a handler.

A feature registers its kinds here (a giveaway, a contest, a Q&A round, a report), each with the
``/schedule <name>`` subcommand members type; the subcommand parses its options and asks the host
to create the schedule. The schedules feature is the host: it adds the kinds' subcommands to its
``/schedule`` group, stores the options as JSON, times the runs and calls the handler with the
options read back. It knows no kind by name, and no feature imports it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

import discord
from discord import app_commands

from bot.errors import UserFacingError
from bot.i18n import Lang


class ScheduleOptions:
    """Base of a kind's options: a frozen dataclass of str, int and bool fields, stored as JSON.

    Field names are the stored keys; a field added later needs a default so that schedules stored
    before it still load."""

    #: how long one run lasts, for the Discord event that announces it (kinds with ``event_keys``)
    length_field: ClassVar[str | None] = None

    def payload(self) -> dict[str, object]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Self:
        """The options stored in *data*; a missing field takes its default, values are coerced to
        the declared type (stored JSON is trusted only that far)."""
        hints = typing.get_type_hints(cls)
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            if field.name in data:
                values[field.name] = _coerce(hints[field.name], data[field.name])
        return cls(**values)

    def length(self) -> timedelta | None:
        if self.length_field is None:
            return None
        return timedelta(seconds=int(getattr(self, self.length_field)))


def _coerce(kind: Any, value: object) -> object:
    if isinstance(kind, types.UnionType):  # ``str | None``
        if value is None:
            return None
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
    if kind is bool:
        return bool(value)
    if kind is int:
        return int(value)  # type: ignore[call-overload]
    return str(value)


OptionsT = TypeVar("OptionsT", bound=ScheduleOptions)


@dataclass(frozen=True)
class ScheduleRequest(Generic[OptionsT]):
    """What a kind's subcommand asks the host to create."""

    when: str  # the schedule phrase as typed
    label: str  # what each run is about (the prize, the topic), shown in lists and reminders
    channel: discord.TextChannel
    options: OptionsT
    remind_before: str | None = None


@dataclass(frozen=True)
class ScheduleKind(Generic[OptionsT]):
    name: str  # stored with each schedule; never rename
    options: type[OptionsT]
    run: Callable[[discord.Guild, discord.TextChannel, int, OptionsT], Awaitable[None]]
    """(guild, channel, creator id, options); raises UserFacingError when it cannot run."""
    #: the ``/schedule <kind>`` subcommand; None for a kind that only runs the schedules stored
    #: before its feature got its own switch (the statistics report)
    command: app_commands.Command[Any, ..., Any] | None
    title_key: str  # the kind's name in lists and notes ("giveaway" / "Gewinnspiel")
    #: the keys of the Discord event announcing each run (name with {topic}, description with
    #: {channel}); None: runs are not announced as events
    event_keys: tuple[str, str] | None = None
    #: the label shown in reminders, when the stored label is not meant for members
    describe: Callable[[OptionsT, Lang], str] | None = None


Listing = Callable[[int, Lang], Awaitable[list[str]]]
"""(guild id, reader's language) -> lines for /schedule list: what a feature runs on its own
timer (the statistics report), so the team sees every recurring post in one place."""


class Creator(Protocol):
    def __call__(
        self,
        interaction: discord.Interaction[Any],
        kind: ScheduleKind[Any],
        request: ScheduleRequest[Any],
    ) -> Awaitable[None]: ...


class ScheduleKinds:
    """The registry of kinds, and the host that offers their subcommands."""

    def __init__(self) -> None:
        self._kinds: dict[str, ScheduleKind[Any]] = {}
        self._group: app_commands.Group | None = None
        self._create: Creator | None = None
        self._listings: dict[str, Listing] = {}

    def add_listing(self, key: str, listing: Listing) -> None:
        self._listings[key] = listing

    def remove_listing(self, key: str) -> None:
        self._listings.pop(key, None)

    async def listed(self, guild_id: int, lang: Lang) -> list[str]:
        lines: list[str] = []
        for listing in self._listings.values():
            lines.extend(await listing(guild_id, lang))
        return lines

    def register(self, kind: ScheduleKind[Any]) -> None:
        if kind.name in self._kinds:
            raise ValueError(f"schedule kind {kind.name!r} registered twice")
        self._kinds[kind.name] = kind
        if self._group is not None and kind.command is not None:
            self._group.add_command(kind.command)

    def unregister(self, name: str) -> None:
        kind = self._kinds.pop(name, None)
        if kind is not None and kind.command is not None and self._group is not None:
            self._group.remove_command(kind.command.name)

    def get(self, name: str) -> ScheduleKind[Any] | None:
        return self._kinds.get(name)

    def host(self, group: app_commands.Group, create: Creator) -> None:
        """The schedules feature offers every kind's subcommand in *group*, now and later."""
        self._group, self._create = group, create
        for kind in self._kinds.values():
            if kind.command is not None:
                group.add_command(kind.command)

    def unhost(self) -> None:
        if self._group is not None:
            for kind in self._kinds.values():
                if kind.command is not None:
                    self._group.remove_command(kind.command.name)
        self._group = self._create = None

    async def create(
        self, interaction: discord.Interaction[Any], name: str, request: ScheduleRequest[Any]
    ) -> None:
        kind = self._kinds.get(name)
        if kind is None or self._create is None:
            raise UserFacingError("schedule.feature_missing")
        if not isinstance(request.options, kind.options):
            raise TypeError(f"{name} takes {kind.options.__name__}")
        await self._create(interaction, kind, request)


# What every kind's subcommand says about its shared options (translated by the schedules feature).
WHEN_HINT = "e.g. every friday 18:00, jeden Freitag 18 Uhr, 0 18 * * FRI"
CHANNEL_HINT = "Where to post"
REMIND_HINT = "Post a reminder this long before each run, e.g. 1h (optional)"
