"""Appeals and false positives: members say "this was a mistake", moderators decide.

The buttons are persistent (``DynamicItem``s with the guild and case number in the custom_id), so
they keep working after a restart. Everything is checked at click time: the member must be the one
the case is about; a decision needs a moderator of that guild.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot import cooldowns
from bot.dm import send_dm
from bot.errors import ForeignIdError, UserFacingError
from bot.moderation.cases import repository
from bot.moderation.cases.posting import post_case
from bot.moderation.cases.repository import AppealStatus, Case
from bot.moderation.orders import Order, Outcome
from bot.replies import client_of, lang_for, quote, report_error, send_private, text
from bot.scopes import ADMIN, OWNER, SERVER_MODERATOR, Access, Scope, enforce
from bot.ui.buttons import ScopedButton, ScopedModal

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

APPEALABLE = ("delete", "warn", "timeout", "ban")


def appeal_view_for(case: Case) -> bool:
    """Whether the member's DM about ``case`` carries an appeal button."""
    return case.action in APPEALABLE


class AppealButton(ScopedButton, template=r"appeal:(?P<guild>\d+):(?P<case>\d+)"):
    """In the member's DM: only the member the case is about may appeal (checked in the handler)."""

    doc = "This was a mistake (appeal, in the member's DM)"

    access = OWNER

    def __init__(self, guild_id: int, case_number: int, label: str = "This was a mistake") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"appeal:{guild_id}:{case_number}",
            )
        )
        self.guild_id, self.case_number = guild_id, case_number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AppealButton:
        return cls(int(match["guild"]), int(match["case"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = client_of(interaction)
        case = await bot.cases.get(self.guild_id, self.case_number)
        if case is None or case.user_id != interaction.user.id:
            raise ForeignIdError()
        existing = await repository.get_appeal(bot.db, self.guild_id, self.case_number)
        if existing is not None:
            raise UserFacingError(f"appeal.already_{existing.status}")
        # A modal must be the first response: nothing is deferred before it.
        await interaction.response.send_modal(
            AppealModal(interaction, self.guild_id, self.case_number)
        )


class AppealModal(ScopedModal):
    access = Access(Scope.OWNER, limit=cooldowns.APPEAL)  # the handler compares the case's member

    def __init__(
        self, interaction: discord.Interaction[Any], guild_id: int, case_number: int
    ) -> None:
        super().__init__(
            title=text(interaction, "appeal.title", number=case_number)[:45],
            custom_id=f"appeal-modal:{guild_id}:{case_number}",
            timeout=900,
        )
        self.guild_id, self.case_number = guild_id, case_number
        self.explanation: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "appeal.label")[:45],
            style=discord.TextStyle.paragraph,
            min_length=10,
            max_length=1000,
        )
        self.add_item(self.explanation)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        bot = client_of(interaction)
        explanation = self.explanation.value.strip()
        case = await bot.cases.get(self.guild_id, self.case_number)
        if case is None or case.user_id != interaction.user.id:
            raise ForeignIdError()
        channel = _modlog(bot, self.guild_id)
        if channel is None:
            raise UserFacingError("appeal.no_modlog")
        if await repository.get_appeal(bot.db, self.guild_id, self.case_number) is not None:
            raise UserFacingError("appeal.already_pending")
        lang = bot.guild_settings.locale(self.guild_id)
        embed = discord.Embed(
            title=bot.i18n.t(lang, "appeal.log_title", number=self.case_number),
            description=quote(explanation, 1000),
            colour=discord.Colour.gold(),
        )
        embed.add_field(
            name=bot.i18n.t(lang, "case.member"), value=f"<@{case.user_id}> (`{case.user_id}`)"
        )
        embed.add_field(
            name=bot.i18n.t(lang, "case.reason"),
            value=discord.utils.escape_mentions(case.reason)[:500] or "-",
        )
        view = discord.ui.View(timeout=None)
        view.add_item(
            DecisionButton(
                self.guild_id, self.case_number, "uphold", bot.i18n.t(lang, "appeal.uphold")
            )
        )
        view.add_item(
            DecisionButton(
                self.guild_id, self.case_number, "revoke", bot.i18n.t(lang, "appeal.revoke")
            )
        )
        # Posted first, stored after: an appeal that cannot reach the team is not locked as pending.
        await channel.send(embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none())
        await repository.add_appeal(
            bot.db, self.guild_id, self.case_number, interaction.user.id, explanation, bot.clock()
        )
        await send_private(interaction, text(interaction, "appeal.sent"))

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception) -> None:  # type: ignore[override]
        await report_error(interaction, error)
        # Nothing the member typed is lost: show it back so they can copy it.
        try:
            await send_private(
                interaction,
                text(interaction, "appeal.your_text", text=quote(self.explanation.value, 1000)),
            )
        except discord.HTTPException:
            log.info("Could not show an appeal text back to %s", interaction.user.id)


class DecisionButton(
    ScopedButton,
    template=r"appeal-decide:(?P<guild>\d+):(?P<case>\d+):(?P<decision>uphold|revoke)",
):
    doc = "Uphold / Revoke the case (appeal in the moderation log)"

    def __init__(self, guild_id: int, case_number: int, decision: str, label: str = "") -> None:
        style = (
            discord.ButtonStyle.danger if decision == "revoke" else discord.ButtonStyle.secondary
        )
        super().__init__(
            discord.ui.Button(
                label=label or decision,
                style=style,
                custom_id=f"appeal-decide:{guild_id}:{case_number}:{decision}",
            )
        )
        self.guild_id, self.case_number, self.decision = guild_id, case_number, decision

    access = SERVER_MODERATOR

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DecisionButton:
        return cls(int(match["guild"]), int(match["case"]), match["decision"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = client_of(interaction)
        case = await bot.cases.get(self.guild_id, self.case_number)
        if case is None:
            raise ForeignIdError()
        if case.user_id == interaction.user.id:
            raise UserFacingError("appeal.own_case")
        needed = {"ban": "ban_members", "timeout": "moderate_members"}.get(case.action)
        if self.decision == "revoke" and needed:
            # Lifting a ban or timeout needs that permission server-wide.
            enforce(interaction, Access(Scope.SERVER_MODERATOR, needed), guild_id=self.guild_id)
        await interaction.response.defer()
        status = AppealStatus.REVOKED if self.decision == "revoke" else AppealStatus.UPHELD
        if not await repository.decide_appeal(
            bot.db, self.guild_id, self.case_number, status, interaction.user.id, bot.clock()
        ):
            await send_private(interaction, text(interaction, "appeal.already_decided"))
            return
        if status == AppealStatus.REVOKED:
            await revoke_case(bot, case, interaction.user.id)
        lang = bot.guild_settings.locale(self.guild_id)
        await _tell_member(bot, case, f"appeal.member_{status}")
        note = bot.i18n.t(lang, f"appeal.decided_{status}", moderator=interaction.user.mention)
        message = interaction.message
        if message is not None:
            embeds = message.embeds
            if embeds:
                embeds[0].add_field(name="\u200b", value=note, inline=False)
            await interaction.edit_original_response(embeds=embeds, view=None)


class FalsePositiveButton(ScopedButton, template=r"fp-allow:(?P<guild>\d+):(?P<case>\d+)"):
    """On an automatic words case: allow the matched word from now on, and revoke the case.
    The word lists are an admin setting."""

    doc = "Allow this word (automatic word case in the moderation log)"

    access = ADMIN

    def __init__(self, guild_id: int, case_number: int, label: str = "Allow this word") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80],
                style=discord.ButtonStyle.secondary,
                custom_id=f"fp-allow:{guild_id}:{case_number}",
            )
        )
        self.guild_id, self.case_number = guild_id, case_number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FalsePositiveButton:
        return cls(int(match["guild"]), int(match["case"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        from bot.contentcheck import repository as automod_repository

        bot = client_of(interaction)
        case = await bot.cases.get(self.guild_id, self.case_number)
        evidence = case.evidence if case else {}
        word = str(evidence.get("token") or evidence.get("excerpt") or "").strip()
        if case is None or not case.automatic or case.rule != "words" or not word:
            raise ForeignIdError()
        await interaction.response.defer(ephemeral=True, thinking=True)
        await automod_repository.add_term(
            bot.db,
            self.guild_id,
            "allowed_word",
            word[:64],
            False,
            interaction.user.id,
            bot.clock(),
        )
        await bot.content_check.reload(self.guild_id)
        if case.revoked_at is None:
            await revoke_case(bot, case, interaction.user.id)
        await interaction.followup.send(
            text(interaction, "appeal.allowed_word", word=quote(word, 64)), ephemeral=True
        )


def false_positive_view(bot: Bot, case: Case) -> discord.ui.View | None:
    if not (
        case.automatic
        and case.rule == "words"
        and case.evidence.get("excerpt")
        and case.revoked_at is None
    ):
        return None
    lang = bot.guild_settings.locale(case.guild_id)
    view = discord.ui.View(timeout=None)
    label = bot.i18n.t(lang, "appeal.allow_button", word=str(case.evidence["excerpt"])[:40])
    view.add_item(FalsePositiveButton(case.guild_id, case.number, label))
    return view


async def revoke_case(bot: Bot, case: Case, moderator_id: int) -> Outcome:
    """Undo what the case did (lift the timeout or ban, through the moderation pipeline) and
    stop its points from counting."""
    await bot.cases.revoke(case.guild_id, case.number)
    lang = bot.guild_settings.locale(case.guild_id)
    reason = bot.i18n.t(lang, "appeal.revoke_reason", number=case.number)
    undo = {"timeout": "untimeout", "ban": "unban"}.get(case.action, "note")
    if undo == "unban":
        await bot.temp_bans.end(case.guild_id, case.user_id)
    outcome = await bot.moderation.run(
        Order(case.guild_id, case.user_id, undo, reason, moderator_id=moderator_id)
    )
    refreshed = await bot.cases.get(case.guild_id, case.number)
    if refreshed is not None and refreshed.log_message_id:
        await post_case(bot, refreshed)
    return outcome


async def _tell_member(bot: Bot, case: Case, key: str) -> None:
    guild = bot.get_guild(case.guild_id)
    lang = bot.guild_settings.locale(case.guild_id)
    user = bot.get_user(case.user_id)
    if user is None:
        try:
            user = await bot.fetch_user(case.user_id)
        except discord.HTTPException:
            return
    await send_dm(
        user, bot.i18n.t(lang, key, number=case.number, server=guild.name if guild else "?")
    )


def _modlog(bot: Bot, guild_id: int) -> discord.TextChannel | None:
    channel_id = bot.guild_settings.channel(guild_id, "modlog")
    channel = bot.get_channel(channel_id) if channel_id else None
    return channel if isinstance(channel, discord.TextChannel) else None


def register(bot: Bot) -> None:
    bot.add_dynamic_items(AppealButton, DecisionButton, FalsePositiveButton)


__all__ = ["appeal_view_for", "false_positive_view", "lang_for", "register", "revoke_case"]
