"""The giveaway's persistent pieces: the Enter / Leave and Claim buttons, the giveaway message
(embed and buttons), the claim DM's view, and the giveaway option of admin commands."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord.utils import format_dt

from bot import cooldowns
from bot.durations import localized_duration
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import client_of, send_private, text
from bot.scopes import OWNER, Access, Scope, running_cog
from bot.ui.buttons import ScopedButton
from bot.ui.transformers import GuildObject
from cogs.giveaways import repository
from cogs.giveaways.repository import Giveaway, GiveawayState

if TYPE_CHECKING:
    from bot.core import Bot
    from cogs.giveaways.cog import GiveawayCog


class GiveawayOption(GuildObject[Giveaway]):
    unknown_key = "giveaway.unknown"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Giveaway | None:
        return await repository.get(bot.db, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Giveaway]:
        return await repository.recent(client_of(interaction).db, guild_id)

    def label(self, obj: Giveaway, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.id} {obj.prize}"


class EntryButton(ScopedButton, template=r"giveaway:(?P<action>enter|leave):(?P<id>\d+)"):
    doc = "Enter / Leave (giveaway)"

    access = Access(Scope.MEMBER, limit=cooldowns.GIVEAWAY_ENTRY)

    def __init__(self, action: str, giveaway_id: int, label: str = "") -> None:
        style = discord.ButtonStyle.success if action == "enter" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label or action, style=style, custom_id=f"giveaway:{action}:{giveaway_id}"
            )
        )
        self.action, self.giveaway_id = action, giveaway_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> EntryButton:
        return cls(match["action"], int(match["id"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        cog: GiveawayCog = running_cog(interaction, "GiveawayCog")
        await cog.service.click(interaction, self.action, self.giveaway_id)


class ClaimButton(ScopedButton, template=r"giveaway:claim:(?P<id>\d+)"):
    doc = "Claim (giveaway winner's DM)"

    access = OWNER  # only a winner can claim (the repository compares the winners)

    def __init__(self, giveaway_id: int, label: str = "Claim") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.success,
                custom_id=f"giveaway:claim:{giveaway_id}",
            )
        )
        self.giveaway_id = giveaway_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ClaimButton:
        return cls(int(match["id"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = client_of(interaction)
        outcome = await repository.claim(bot.db, self.giveaway_id, interaction.user.id, bot.clock())
        if outcome == "not_winner":
            raise UserFacingError("giveaway.claim_not_winner")
        await send_private(interaction, text(interaction, f"giveaway.claim_{outcome}"))


def message_embed(bot: Bot, giveaway: Giveaway, entries: int, lang: Lang) -> discord.Embed:
    t = bot.i18n.t
    ended = giveaway.state != GiveawayState.OPEN
    embed = discord.Embed(
        title=t(lang, "giveaway.title", prize=discord.utils.escape_markdown(giveaway.prize)),
        description=discord.utils.escape_mentions(giveaway.description or ""),
        colour=discord.Colour.dark_grey() if ended else discord.Colour.gold(),
    )
    when = t(
        lang,
        "giveaway.ended" if ended else "giveaway.ends",
        when=format_dt(giveaway.ends_at, "f"),
        relative=format_dt(giveaway.ends_at, "R"),
    )
    embed.add_field(name="\u200b", value=when, inline=False)
    embed.add_field(
        name=t(lang, "giveaway.winners", count=giveaway.winners_count),
        value=t(lang, "giveaway.entries", count=entries),
    )
    rules = []
    if giveaway.required_role_id:
        rules.append(t(lang, "giveaway.rule_role", role=f"<@&{giveaway.required_role_id}>"))
    if giveaway.min_account_age_s:
        rules.append(
            t(
                lang,
                "giveaway.rule_account",
                age=localized_duration(timedelta(seconds=giveaway.min_account_age_s)),
            )
        )
    if giveaway.min_membership_age_s:
        rules.append(
            t(
                lang,
                "giveaway.rule_member",
                age=localized_duration(timedelta(seconds=giveaway.min_membership_age_s)),
            )
        )
    embed.add_field(
        name=t(lang, "giveaway.rules"),
        value=", ".join(rules) or t(lang, "giveaway.rule_everyone"),
    )
    if giveaway.terms_url:
        embed.add_field(name=t(lang, "giveaway.terms"), value=giveaway.terms_url, inline=False)
    embed.set_footer(text=t(lang, "giveaway.fairness", commitment=giveaway.commitment)[:2048])
    return embed


def entry_view(bot: Bot, giveaway: Giveaway, lang: Lang) -> discord.ui.View | None:
    if giveaway.state != GiveawayState.OPEN:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(EntryButton("enter", giveaway.id, bot.i18n.t(lang, "giveaway.enter")))
    view.add_item(EntryButton("leave", giveaway.id, bot.i18n.t(lang, "giveaway.leave")))
    return view


def claim_view(bot: Bot, giveaway_id: str, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ClaimButton(int(giveaway_id), bot.i18n.t(lang, "giveaway.claim")))  # type: ignore[arg-type]
    return view
