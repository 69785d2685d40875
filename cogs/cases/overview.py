"""`/cases` without a member: the moderators' overview, in two views chosen with a select: the
review items still open (oldest first) and the members with active strike points."""

from __future__ import annotations

from typing import Any

import discord
from discord.utils import format_dt

from bot.core import Bot
from bot.i18n import Lang
from bot.moderation.cases import repository
from bot.moderation.review import jump_url
from bot.moderation.rulenames import rule_name
from bot.replies import quote, report_error

VIEWS = ("review", "points")
SHOWN = 15


async def embed(bot: Bot, guild_id: int, lang: Lang, view: str) -> discord.Embed:
    t = bot.i18n.t
    if view == "points":
        rows = await repository.members_with_points(bot.db, guild_id, bot.clock(), SHOWN)
        lines = [t(lang, "cases.points_line", member=f"<@{u}>", points=p) for u, p in rows]
        title, empty = t(lang, "cases.overview_points"), t(lang, "cases.no_points")
    else:
        items = await repository.open_reviews(bot.db, guild_id, SHOWN)
        lines = []
        for item in items:
            case = await bot.cases.get(guild_id, item.case_number)
            if case is None:
                continue
            link = jump_url(case)
            words = quote(item.quote, 80).replace("\n", " ") if item.quote else ""
            lines.append(
                t(
                    lang,
                    "cases.review_line",
                    number=case.number,
                    member=f"<@{case.user_id}>",
                    rule=rule_name(bot.i18n, lang, case.rule) if case.rule else "-",
                    when=format_dt(item.opened_at, "R"),
                    link=f" · [↗]({link})" if link else "",
                    words=words,
                )
            )
        title, empty = t(lang, "cases.overview_review"), t(lang, "cases.no_reviews")
    return discord.Embed(
        title=title, description="\n".join(lines)[:4000] or empty, colour=discord.Colour.gold()
    )


class OverviewView(discord.ui.View):
    """Ephemeral: only the moderator who asked sees and switches it."""

    def __init__(self, bot: Bot, guild_id: int, lang: Lang, owner_id: int) -> None:
        super().__init__(timeout=600)
        self.bot, self.guild_id, self.lang, self.owner_id = bot, guild_id, lang, owner_id
        select: discord.ui.Select[OverviewView] = discord.ui.Select(
            options=[
                discord.SelectOption(
                    label=bot.i18n.t(lang, f"cases.view.{name}"), value=name, default=n == 0
                )
                for n, name in enumerate(VIEWS)
            ]
        )
        select.callback = self._switch  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        return interaction.user.id == self.owner_id

    async def _switch(self, interaction: discord.Interaction[Any]) -> None:
        try:
            chosen = self.select.values[0] if self.select.values else VIEWS[0]
            for option in self.select.options:
                option.default = option.value == chosen
            shown = await embed(self.bot, self.guild_id, self.lang, chosen)
            await interaction.response.edit_message(embed=shown, view=self)
        except Exception as error:  # shown to the moderator, never only logged
            await report_error(interaction, error)
