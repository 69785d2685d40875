"""Persistent buttons and forms with their access declared: checked when clicked or submitted,
and every error shown to the member in their language."""

from __future__ import annotations

from typing import Any, ClassVar

import discord
from discord import app_commands

from bot.errors import UserFacingError
from bot.membertext import first_problem
from bot.replies import report_error
from bot.scopes import MEMBER, Access, enforce, require_running, take_limit


def _guild_id_of(obj: object) -> int | None:
    guild_id = getattr(obj, "guild_id", None)
    return guild_id if isinstance(guild_id, int) else None


async def _refuse(interaction: discord.Interaction[Any], error: Exception) -> bool:
    await report_error(interaction, error)
    return False


class ScopedItem(discord.ui.DynamicItem[Any], template=r"(?!)"):
    """A persistent button or select whose access is declared and checked before its handler
    runs, and whose errors reach the member who clicked, in their language (discord.py would only
    log them, and the member would see "interaction failed").

    Subclasses set ``access`` (or ``actions``, a map from the custom_id's action to its access,
    with ``action`` set by the instance) and, where the custom_id names it, ``guild_id`` (the
    guild the object belongs to: a moderator's click from elsewhere is refused), and implement
    :meth:`run`."""

    access: ClassVar[Access | None] = None
    actions: ClassVar[dict[str, Access]] = {}
    #: what the button is, for the README's table
    doc: ClassVar[str] = ""
    action: str = ""

    def declared_access(self) -> Access:
        if self.actions:
            return self.actions[self.action]
        if self.access is None:
            raise TypeError(f"{type(self).__name__} declares no access")
        return self.access

    @classmethod
    def declared(cls) -> list[Access]:
        return list(cls.actions.values()) if cls.actions else [a for a in (cls.access,) if a]

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        access = self.declared_access()
        try:
            require_running(interaction)
            enforce(interaction, access, guild_id=self.scope_guild())
            take_limit(interaction, access)
        except (UserFacingError, app_commands.AppCommandError) as error:
            return await _refuse(interaction, error)
        return True

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.run(interaction)
        except Exception as error:
            await report_error(interaction, error)

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        """What a click does; a raised error is shown to the member."""
        raise NotImplementedError

    def scope_guild(self) -> int | None:
        """The guild a moderator's click must come from: the object's ``guild_id`` from the
        custom_id, if the button has one (else the handler compares the object's guild)."""
        return _guild_id_of(self)


class ScopedButton(ScopedItem, template=r"(?!)"):
    """A persistent button (``self.item`` is a :class:`discord.ui.Button`)."""


class ScopedSelect(ScopedItem, template=r"(?!)"):
    """A persistent select menu (``self.item`` is a :class:`discord.ui.Select` or one of the
    user, role or channel selects; ``self.item.values`` holds the choice)."""


class ScopedModal(discord.ui.Modal):
    """A form whose access is checked again when it is submitted (rights can change while the
    member types), and whose text must be usable (bot/membertext.py). Refusals go through the
    modal's ``on_error``, which shows the text back."""

    access: Access = MEMBER

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        require_running(interaction)
        enforce(interaction, self.access, guild_id=_guild_id_of(self))
        unusable = first_problem(interaction.data)
        if unusable is not None:
            raise UserFacingError(unusable[0])  # on_error shows the text back
        take_limit(interaction, self.access)
        return True

    def typed_text(self) -> str:
        """Everything the member typed into the form (to give it back with a refusal)."""
        return "\n\n".join(
            item.value
            for item in self.walk_children()
            if isinstance(item, discord.ui.TextInput) and item.value
        )

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception, /) -> None:  # type: ignore[override]
        """A refused form shows the member's text back, so nothing they typed is lost."""
        await report_error(interaction, error, kept=self.typed_text() or None)


def undeclared_buttons(items: list[type[Any]]) -> list[str]:
    """Registered persistent buttons without a declared access (the suite keeps this empty)."""
    return [
        item.__name__
        for item in items
        if not (isinstance(item, type) and issubclass(item, ScopedItem) and item.declared())
    ]
