"""The suggestions board's commands, and what it registers when it loads (buttons, a member's
data, the author's DM callback) and stops when it unloads. The work is in ``service.py``."""

from __future__ import annotations

import asyncio
from datetime import datetime

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import require_guild, require_staff
from bot.core import Bot
from bot.i18n import Lang
from bot.replies import lang_for, report_error, send_private
from bot.reportsections import ReportSection
from bot.scopes import Scope, scoped
from cogs.suggestions import render, repository
from cogs.suggestions.board import LISTED, SETTABLE, Status
from cogs.suggestions.repository import Suggestion
from cogs.suggestions.service import DM_SENT, SuggestionService
from cogs.suggestions.views import StatusButton, SuggestionOption, SuggestModal, VoteButton

SuggestionArg = app_commands.Transform[Suggestion, SuggestionOption]

_LABELS = {
    Status.OPEN: "Open",
    Status.REVIEW: "Under review",
    Status.PLANNED: "Planned",
    Status.DONE: "Done",
    Status.DECLINED: "Declined",
}
LIST_CHOICES = [app_commands.Choice(name=_LABELS[s], value=s.value) for s in LISTED]
SET_CHOICES = [app_commands.Choice(name=_LABELS[s], value=s.value) for s in SETTABLE]


class SuggestionsCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.service = SuggestionService(bot)
        self._refreshing: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(VoteButton, StatusButton)
        self.bot.privacy.register(
            "suggestions",
            "Your suggestions, your votes on suggestions, and status changes you made for the team.",
            lambda user_id: repository.data_of_user(self.bot.db, user_id),
            self._forget,
            erase=repository.forget_user,
        )
        self.bot.outbox.register_on_sent(DM_SENT, self.service.dm_sent)
        self.bot.report_sections.register(ReportSection("suggestions", self._report_field))
        self._refreshing = asyncio.create_task(
            self.service.refresh_stale(), name="suggestions-refresh-stale"
        )

    async def cog_unload(self) -> None:
        if self._refreshing is not None:
            self._refreshing.cancel()
        self.bot.privacy.unregister("suggestions")
        self.bot.report_sections.unregister("suggestions")
        self.bot.remove_dynamic_items(VoteButton, StatusButton)
        await self.service.aclose()

    async def report_figures(
        self, guild_id: int, start: datetime, end: datetime, *, top: int = 3
    ) -> repository.BoardFigures:
        """The board's figures for a report period (``start <= time < end``): new suggestions,
        suggestions decided, the median time to a decision, the top undecided ones. Features
        reach it without importing this one: ``bot.get_cog("SuggestionsCog")``."""
        return await repository.board_figures(self.bot.db, guild_id, start, end, top=top)

    async def _report_field(
        self, guild_id: int, start: datetime, end: datetime, lang: Lang
    ) -> tuple[str, str] | None:
        figures = await self.report_figures(guild_id, start, end)
        return render.report_field(self.bot.i18n.t, lang, guild_id, figures)

    async def _forget(self, user_id: int) -> int:
        removed = await repository.forget_user(self.bot.db, user_id)
        for suggestion in await repository.stale(self.bot.db):
            self.service.later(suggestion.id)  # counts and the author line follow
        return removed

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="suggest", description="Suggest something to the team and the community"
    )
    @app_commands.guild_only()
    async def suggest(self, interaction: discord.Interaction) -> None:
        require_guild(interaction)
        await interaction.response.send_modal(SuggestModal(interaction))

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="suggestions", description="The suggestions board, by status and votes"
    )
    @app_commands.describe(status="Only suggestions with this status")
    @app_commands.choices(status=LIST_CHOICES)
    @app_commands.guild_only()
    async def suggestions(
        self, interaction: discord.Interaction, status: app_commands.Choice[str] | None = None
    ) -> None:
        guild = require_guild(interaction)
        statuses = (Status(status.value),) if status else LISTED
        found = await repository.board(self.bot.db, guild.id, statuses)
        embed = render.board_embed(self.bot.i18n.t, lang_for(interaction), found, statuses)
        await send_private(interaction, embed=embed)

    @scoped(Scope.SERVER_MODERATOR)
    @app_commands.command(
        name="suggestion-status",
        description="Set a suggestion's status with a reason everyone sees (team)",
    )
    @app_commands.describe(
        suggestion="The suggestion, e.g. #3",
        status="The new status",
        reason="Why: everyone sees it with the status",
    )
    @app_commands.choices(status=SET_CHOICES)
    @app_commands.guild_only()
    async def status(
        self,
        interaction: discord.Interaction,
        suggestion: SuggestionArg,
        status: app_commands.Choice[str],
        reason: app_commands.Range[str, 1, render.REASON_MAX],
    ) -> None:
        try:
            require_staff(interaction)
            await self.service.set_status(
                interaction, suggestion, Status(status.value), reason.strip()
            )
        except Exception as error:
            await report_error(interaction, error, kept=reason)

    @scoped(Scope.SERVER_MODERATOR)
    @app_commands.command(
        name="suggestion-merge",
        description="Merge a duplicate suggestion into another one; its votes move (team)",
    )
    @app_commands.describe(
        duplicate="The duplicate, e.g. #3", into="The suggestion it duplicates, e.g. #1"
    )
    @app_commands.guild_only()
    async def merge(
        self, interaction: discord.Interaction, duplicate: SuggestionArg, into: SuggestionArg
    ) -> None:
        await self.service.merge(interaction, duplicate, into)
