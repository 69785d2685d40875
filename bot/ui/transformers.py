"""Command options that parse themselves: a duration within bounds, and a server's own object
(a giveaway, a Q&A round, a case, a schedule) picked with autocomplete.

A refused value raises a :class:`UserFacingError`; discord.py wraps it in a ``TransformerError``
and the error reply (bot/replies.py) shows the member the original text and the option's name.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import discord
from discord import app_commands

from bot.checks import parse_id
from bot.durations import parse_duration
from bot.errors import UserFacingError

if TYPE_CHECKING:
    from bot.core import Bot

T = TypeVar("T")
MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices


class Duration(app_commands.Transformer):
    """``10m``, ``1h30m``, ``2d``, ``1 Tag`` … within ``minimum`` and ``maximum``."""

    def __init__(self, minimum: timedelta = timedelta(0), maximum: timedelta | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return 64  # characters

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> timedelta:
        return parse_duration(str(value), minimum=self.minimum, maximum=self.maximum)


class GuildObject(app_commands.Transformer, Generic[T]):
    """An option naming one of this server's objects by its number.

    Autocomplete offers the server's recent objects (``label`` says what each is); a typed
    number is looked up and refused with ``unknown_key`` when it names nothing *or* an object of
    another server, with the same words, so ids of other servers are never confirmed."""

    unknown_key: ClassVar[str] = "error.foreign_id"

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> T | None:
        raise NotImplementedError

    def guild_of(self, obj: T) -> int:
        return int(getattr(obj, "guild_id"))  # noqa: B009 - the objects are plain dataclasses

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[T]:
        raise NotImplementedError

    def number_of(self, obj: T) -> int:
        return int(getattr(obj, "id"))  # noqa: B009

    def label(self, obj: T, interaction: discord.Interaction[Any]) -> str:
        return f"#{self.number_of(obj)}"

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> T:
        from bot.replies import client_of

        guild_id = interaction.guild_id
        typed = str(value).strip().lstrip("#")
        if guild_id is None:
            raise UserFacingError("error.guild_only")
        try:
            number = parse_id(typed)
        except UserFacingError:
            raise UserFacingError(self.unknown_key, id=typed[:20], number=typed[:20]) from None
        found = await self.fetch(client_of(interaction), guild_id, number)
        if found is None or self.guild_of(found) != guild_id:
            raise UserFacingError(self.unknown_key, id=number, number=number)
        return found

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], value: str, /
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        needle = str(value).casefold().lstrip("#")
        choices = []
        for obj in await self.recent(interaction, interaction.guild_id):
            label = " ".join(self.label(obj, interaction).split())[:100]
            if needle in label.casefold():
                choices.append(app_commands.Choice(name=label, value=str(self.number_of(obj))))
        return choices[:MAX_CHOICES]
