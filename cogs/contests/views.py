"""The contest's persistent pieces: the Vote button under each entry during the voting."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot import cooldowns
from bot.scopes import Access, Scope, running_cog
from bot.ui.buttons import ScopedButton

if TYPE_CHECKING:
    from cogs.contests.cog import ContestCog


class VoteButton(ScopedButton, template=r"contest:vote:(?P<contest>\d+):(?P<entry>\d+)"):
    doc = "Vote (contest entry)"

    access = Access(Scope.MEMBER, limit=cooldowns.CONTEST_VOTE)

    def __init__(self, contest_id: int, entry_id: int, label: str = "Vote") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.primary,
                custom_id=f"contest:vote:{contest_id}:{entry_id}",
            )
        )
        self.contest_id, self.entry_id = contest_id, entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(int(match["contest"]), int(match["entry"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        cog: ContestCog = running_cog(interaction, "ContestCog")
        await cog.service.vote(interaction, self.contest_id, self.entry_id)
