"""Buttons and the form of a conversation: the member's *Answer* and *End conversation* (in their
DMs and in /feedback-status, where no guild comes with the click: the item and its guild come
from the custom_id and the database), and the team's *End conversation* in the thread."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.replies import text
from bot.scopes import OWNER, SERVER_MODERATOR, Access, Scope, running_cog
from bot.ui.buttons import ScopedButton, ScopedModal
from cogs.feedback.relay import MEMBER_ANSWERS, TEXT_LIMIT

if TYPE_CHECKING:
    from cogs.feedback.conversation import Talk


def talk_of(interaction: discord.Interaction[Any]) -> Talk:
    talk: Talk = running_cog(interaction, "FeedbackCog").talk
    return talk


class MemberButton(
    ScopedButton, template=r"fbc:(?P<guild>\d+):(?P<item>\d+):(?P<action>answer|close)"
):
    """Only the item's author may answer or end (the handler compares the item's author)."""

    doc = "Answer / End conversation (feedback conversation, in the member's DM)"
    access = OWNER

    def __init__(self, guild_id: int, item_id: int, action: str, label: str = "") -> None:
        style = discord.ButtonStyle.primary if action == "answer" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label or action, style=style, custom_id=f"fbc:{guild_id}:{item_id}:{action}"
            )
        )
        self.guild_id, self.item_id, self.action = guild_id, item_id, action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MemberButton:
        return cls(int(match["guild"]), int(match["item"]), match["action"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        talk = talk_of(interaction)
        if self.action == "answer":
            await talk.answers.offer(interaction, self.guild_id, self.item_id)
        else:
            await talk.answers.close(interaction, self.guild_id, self.item_id)


class AnswerModal(ScopedModal):
    access = Access(Scope.OWNER, limit=MEMBER_ANSWERS)  # the handler compares the item's author

    def __init__(self, interaction: discord.Interaction[Any], guild_id: int, item_id: int) -> None:
        super().__init__(
            title=text(interaction, "talk.answer_title")[:45],
            custom_id=f"fbc-answer:{guild_id}:{item_id}:{interaction.id}",
            timeout=900,
        )
        self.item_guild, self.item_id = guild_id, item_id
        self.answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "talk.answer_label")[:45],
            style=discord.TextStyle.paragraph,
            max_length=TEXT_LIMIT,
        )
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await talk_of(interaction).answers.answer(
            interaction, self.item_guild, self.item_id, self.answer.value.strip()
        )


class TeamCloseButton(ScopedButton, template=r"fbt:(?P<guild>\d+):(?P<item>\d+):close"):
    doc = "End conversation (feedback conversation, in the team's thread)"
    access = SERVER_MODERATOR

    def __init__(self, guild_id: int, item_id: int, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "close",
                style=discord.ButtonStyle.secondary,
                custom_id=f"fbt:{guild_id}:{item_id}:close",
            )
        )
        self.guild_id, self.item_id = guild_id, item_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> TeamCloseButton:
        return cls(int(match["guild"]), int(match["item"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        await talk_of(interaction).team_close_clicked(interaction, self.guild_id, self.item_id)


def member_view(
    labels: list[tuple[int, int, str, str]],
) -> discord.ui.View:
    """(guild, item, answer label, end label) -> a row of the member's two buttons per item."""
    view = discord.ui.View(timeout=None)
    for row, (guild_id, item_id, answer, end) in enumerate(labels[:5]):
        for button in (
            MemberButton(guild_id, item_id, "answer", answer),
            MemberButton(guild_id, item_id, "close", end),
        ):
            button.item.row = row
            view.add_item(button)
    return view


def team_view(guild_id: int, item_id: int, label: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(TeamCloseButton(guild_id, item_id, label))
    return view


__all__ = ["AnswerModal", "MemberButton", "TeamCloseButton", "member_view", "team_view"]
