"""What members and the team click, fill in and pick: the persistent buttons of a suggestion
(vote up, vote down, the team's status), the status choice, the forms, and the option that
names a suggestion in commands."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.cooldowns import Limit
from bot.replies import client_of, text
from bot.scopes import SERVER_MODERATOR, Access, Scope, running_cog
from bot.ui.buttons import ScopedButton, ScopedModal
from bot.ui.transformers import GuildObject
from cogs.suggestions import repository
from cogs.suggestions.board import SETTABLE, UP, Status
from cogs.suggestions.render import BODY_MAX, REASON_MAX, TITLE_MAX, T, status_label
from cogs.suggestions.repository import Suggestion

if TYPE_CHECKING:
    from bot.core import Bot
    from bot.i18n import Lang
    from cogs.suggestions.service import SuggestionService

SUGGEST = Limit("suggest", 3, 600)  # three suggestions per ten minutes and member
VOTE = Limit("suggestion-vote", 30, 60)


def _service(interaction: discord.Interaction[Any]) -> SuggestionService:
    cog = running_cog(interaction, "SuggestionsCog")
    service: SuggestionService = cog.service
    return service


class VoteButton(ScopedButton, template=r"sg:(?P<action>up|down|status):(?P<id>\d+)"):
    """The buttons under a suggestion: vote up, vote down, and the team's status choice."""

    doc = "Suggestions (under a suggestion)"

    actions = {  # noqa: RUF012 (a class-level table, never mutated)
        "up": Access(Scope.MEMBER, limit=VOTE),
        "down": Access(Scope.MEMBER, limit=VOTE),
        "status": SERVER_MODERATOR,
    }

    def __init__(self, action: str, suggestion_id: int, label: str = "") -> None:
        style = discord.ButtonStyle.secondary
        if action == "up":
            style = discord.ButtonStyle.success
        super().__init__(
            discord.ui.Button(
                label=label or action, style=style, custom_id=f"sg:{action}:{suggestion_id}"
            )
        )
        self.action, self.suggestion_id = action, suggestion_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(match["action"], int(match["id"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        service = _service(interaction)
        if self.action == "status":
            await service.offer_statuses(interaction, self.suggestion_id)
            return
        await service.vote(interaction, self.suggestion_id, UP if self.action == "up" else -1)


class StatusButton(
    ScopedButton, template=r"sg:set:(?P<id>\d+):(?P<status>review|planned|done|declined)"
):
    """One status in the team's private choice; it asks for the reason."""

    doc = "Suggestions: a status (the team's private choice)"

    access = SERVER_MODERATOR

    def __init__(self, suggestion_id: int, status: Status, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=label or status.value,
                style=discord.ButtonStyle.primary,
                custom_id=f"sg:set:{suggestion_id}:{status.value}",
            )
        )
        self.suggestion_id, self.status = suggestion_id, status

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> StatusButton:
        return cls(int(match["id"]), Status(match["status"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        service = _service(interaction)
        suggestion = await service.suggestion_here(interaction, self.suggestion_id)
        await interaction.response.send_modal(ReasonModal(interaction, suggestion, self.status))


def suggestion_view(t: T, lang: Lang, s: Suggestion) -> discord.ui.View | None:
    """Vote buttons with their counts and the team's status button; none once merged."""
    if s.status is Status.MERGED:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton("up", s.id, f"👍 {s.up}"))
    view.add_item(VoteButton("down", s.id, f"👎 {s.down}"))
    view.add_item(VoteButton("status", s.id, t(lang, "suggestions.set_status")))
    return view


def status_choice(t: T, lang: Lang, s: Suggestion) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for status in SETTABLE:
        view.add_item(StatusButton(s.id, status, status_label(t, lang, status)))
    return view


class SuggestModal(ScopedModal):
    """The form of ``/suggest``: a title and, optionally, what exactly and why."""

    access = Access(Scope.MEMBER, limit=SUGGEST)

    def __init__(self, interaction: discord.Interaction[Any]) -> None:
        super().__init__(title=text(interaction, "suggestions.form_title")[:45], timeout=1800)
        self.heading: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "suggestions.form_title_label")[:45],
            min_length=1,
            max_length=TITLE_MAX,
        )
        self.details: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "suggestions.form_details_label")[:45],
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=BODY_MAX,
        )
        self.add_item(self.heading)
        self.add_item(self.details)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await _service(interaction).submit(
            interaction, self.heading.value.strip(), self.details.value.strip()
        )


class ReasonModal(ScopedModal):
    """The team's reason for a status (shown to everyone)."""

    access = SERVER_MODERATOR

    def __init__(
        self, interaction: discord.Interaction[Any], suggestion: Suggestion, status: Status
    ) -> None:
        label = status_label(client_of(interaction).i18n.t, _lang(interaction), status)
        super().__init__(
            title=text(interaction, "suggestions.reason_title", status=label)[:45], timeout=1800
        )
        self.guild_id = suggestion.guild_id  # a submit from another server is refused
        self.suggestion_id, self.status = suggestion.id, status
        self.reason: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "suggestions.reason_label")[:45],
            style=discord.TextStyle.paragraph,
            min_length=1,
            max_length=REASON_MAX,
        )
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        service = _service(interaction)
        suggestion = await service.suggestion_here(interaction, self.suggestion_id)
        await service.set_status(interaction, suggestion, self.status, self.reason.value.strip())


def _lang(interaction: discord.Interaction[Any]) -> Lang:
    from bot.replies import lang_for

    return lang_for(interaction)


class SuggestionOption(GuildObject[Suggestion]):
    """``#3`` or ``3``: suggestion 3 of this server (autocomplete offers the latest ones)."""

    unknown_key = "suggestions.unknown"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Suggestion | None:
        return await repository.by_number(bot.db, guild_id, number)

    async def recent(
        self, interaction: discord.Interaction[Any], guild_id: int
    ) -> list[Suggestion]:
        return await repository.recent(client_of(interaction).db, guild_id)

    def number_of(self, obj: Suggestion) -> int:
        return obj.number

    def label(self, obj: Suggestion, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.number} {obj.title}"


__all__ = [
    "ReasonModal",
    "StatusButton",
    "SuggestModal",
    "SuggestionOption",
    "VoteButton",
    "status_choice",
    "suggestion_view",
]
