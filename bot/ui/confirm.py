"""The one confirm dialog: a private question with a red Yes and a grey Cancel that only the member
who asked can press. Yes runs the action, whose text replaces the question; errors reach the
member in their language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.replies import report_error, send_private, text

Action = Callable[[discord.Interaction[Any]], Awaitable[str]]


class Confirm(discord.ui.View):
    def __init__(
        self,
        owner_id: int,
        yes_label: str,
        cancel_label: str,
        action: Action,
        *,
        timeout: float = 120,
    ) -> None:
        super().__init__(timeout=timeout)
        self.owner_id, self.action = owner_id, action
        # Two quick presses can both pass the checks before the first stops the view.
        self._answered = False
        self.yes.label, self.cancel.label = yes_label, cancel_label

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id != self.owner_id:
            await send_private(interaction, text(interaction, "common.not_yours"))
            return False
        return True

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: Any
    ) -> None:
        await report_error(interaction, error)

    async def _already(self, interaction: discord.Interaction[Any]) -> bool:
        if self._answered:
            await send_private(interaction, text(interaction, "common.already_answered"))
            return True
        self._answered = True
        self.stop()
        return False

    @discord.ui.button(style=discord.ButtonStyle.danger)
    async def yes(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        if await self._already(interaction):
            return
        await interaction.response.defer()
        result = await self.action(interaction)
        await interaction.edit_original_response(
            content=result, view=None, allowed_mentions=discord.AllowedMentions.none()
        )

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        if await self._already(interaction):
            return
        await interaction.response.edit_message(
            content=text(interaction, "common.cancelled"), view=None
        )


async def ask(
    interaction: discord.Interaction[Any],
    question: str,
    yes_label: str,
    action: Action,
    *,
    timeout: float = 120,
) -> None:
    """Ask *question* privately; Yes (labelled *yes_label*) runs *action*."""
    view = Confirm(
        interaction.user.id, yes_label, text(interaction, "common.cancel"), action, timeout=timeout
    )
    await send_private(interaction, question, view=view)
