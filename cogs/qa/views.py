"""What members click, fill in and pick: the persistent buttons of Q&A rounds and FAQ replies,
the text forms, the panel's and a question's buttons, and the round option of commands."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot import cooldowns
from bot.checks import staff_member
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import text
from bot.scopes import MEMBER, OWNER, SERVER_MODERATOR, Access, Scope, running_cog
from bot.ui.buttons import ScopedButton, ScopedModal
from bot.ui.transformers import GuildObject
from cogs.qa import repository
from cogs.qa.repository import Question, QuestionState, Round

if TYPE_CHECKING:
    from bot.core import Bot
    from cogs.qa.cog import QaCog
    from cogs.qa.faq import FaqCog
    from cogs.qa.questions import QuestionService
    from cogs.qa.render import T

QUESTION_MAX = 1000
ANSWER_MAX = 2000

_STYLES = {
    "ask": discord.ButtonStyle.primary,
    "anon": discord.ButtonStyle.secondary,
    "vote": discord.ButtonStyle.secondary,
    "answer": discord.ButtonStyle.success,
    "approve": discord.ButtonStyle.success,
    "reject": discord.ButtonStyle.danger,
    "faq": discord.ButtonStyle.secondary,
}


def _cog(interaction: discord.Interaction[Any]) -> QaCog:
    cog: QaCog = running_cog(interaction, "QaCog")
    return cog


def _faq_cog(interaction: discord.Interaction[Any]) -> FaqCog:
    cog: FaqCog = running_cog(interaction, "FaqCog")
    return cog


# --- Q&A rounds ----------------------------------------------------------------------------


class _Button(
    ScopedButton, template=r"qa:(?P<action>ask|anon|vote|answer|approve|reject|faq):(?P<id>\d+)"
):
    """Every persistent button of Q&A: the action and a round or question id."""

    doc = "Q&A"

    actions = {  # noqa: RUF012 (a class-level table, never mutated)
        "ask": MEMBER,
        "anon": MEMBER,
        "vote": Access(Scope.MEMBER, limit=cooldowns.QA_VOTE),
        "answer": OWNER,  # the round's host, or a server moderator (checked in the handler)
        "approve": SERVER_MODERATOR,
        "reject": SERVER_MODERATOR,
        "faq": SERVER_MODERATOR,
    }

    def __init__(self, action: str, item_id: int, label: str = "", disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or action,
                style=_STYLES[action],
                custom_id=f"qa:{action}:{item_id}",
                disabled=disabled,
            )
        )
        self.action, self.item_id = action, item_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> _Button:
        return cls(match["action"], int(match["id"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        service = _cog(interaction).questions
        action, item_id = self.action, self.item_id
        if action in ("ask", "anon"):
            round_ = await service.round_here(interaction, item_id)
            await interaction.response.send_modal(
                ask_modal(service, interaction, round_, action == "anon" or round_.anonymous)
            )
            return
        if action == "vote":
            # Acknowledged before any database wait: a burst of votes never misses Discord's
            # deadline; the member hears the result once it is stored.
            await interaction.response.defer(ephemeral=True, thinking=True)
        question, round_ = await service.question_and_round(interaction, item_id)
        if action == "vote":
            await service.vote(interaction, round_, question)
        elif action == "answer":
            service.require_host(interaction, round_)
            service.require_answerable(question)
            await interaction.response.send_modal(answer_modal(service, interaction, question.id))
        elif action == "approve":
            service.require_team(interaction)
            await service.approve(interaction, round_, question)
        elif action == "reject":
            service.require_team(interaction)
            if question.state != QuestionState.PENDING:
                raise UserFacingError("qa.already_reviewed")
            await interaction.response.send_modal(reject_modal(service, interaction, question.id))
        elif action == "faq":
            faq = service.bot.get_cog("FaqCog")
            if faq is None:
                raise UserFacingError("qa.faq_missing")
            await faq.promote(interaction, question)  # type: ignore[attr-defined]


def panel_view(t: T, lang: Lang, round_: Round) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    closed = not round_.open
    if round_.anonymous:
        view.add_item(_Button("anon", round_.id, t(lang, "qa.ask_anonymous_only"), closed))
    else:
        view.add_item(_Button("ask", round_.id, t(lang, "qa.ask"), closed))
        view.add_item(_Button("anon", round_.id, t(lang, "qa.ask_anonymous"), closed))
    return view


def question_view(t: T, lang: Lang, round_: Round, question: Question) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    closed = not round_.open or question.state != QuestionState.VISIBLE
    view.add_item(_Button("vote", question.id, t(lang, "qa.upvote", votes=question.votes), closed))
    if not question.answered:
        view.add_item(_Button("answer", question.id, t(lang, "qa.answer"), closed))
    return view


class _TextModal(ScopedModal):
    """One paragraph of text (a question, an answer, a reason); ``submit`` gets it.
    Whatever refuses it, the member gets their text back."""

    def __init__(
        self,
        interaction: discord.Interaction[Any],
        title_key: str,
        label_key: str,
        max_length: int,
        submit: Any,
        access: Access = MEMBER,
    ) -> None:
        super().__init__(title=text(interaction, title_key)[:45], timeout=900)
        self.access = access
        self.body: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, label_key)[:45],
            style=discord.TextStyle.paragraph,
            min_length=1,
            max_length=max_length,
        )
        self.add_item(self.body)
        self._submit = submit

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await self._submit(interaction, self.body.value.strip())


def ask_modal(
    service: QuestionService, interaction: discord.Interaction[Any], round_: Round, anonymous: bool
) -> discord.ui.Modal:
    async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
        current = await service.round_here(modal_interaction, round_.id)
        await service.ask(modal_interaction, current, value, anonymous)

    return _TextModal(
        interaction,
        "qa.ask_title_anonymous" if anonymous else "qa.ask_title",
        "qa.ask_label",
        QUESTION_MAX,
        submit,
        Access(Scope.MEMBER, limit=cooldowns.ASK),
    )


def reject_modal(
    service: QuestionService, interaction: discord.Interaction[Any], question_id: int
) -> discord.ui.Modal:
    async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
        await service.reject(modal_interaction, question_id, value)

    return _TextModal(
        interaction, "qa.reject_title", "qa.reject_label", 300, submit, SERVER_MODERATOR
    )


def answer_modal(
    service: QuestionService, interaction: discord.Interaction[Any], question_id: int
) -> discord.ui.Modal:
    async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
        await service.answer(modal_interaction, question_id, value)

    return _TextModal(
        interaction, "qa.answer_title_modal", "qa.answer_label", ANSWER_MAX, submit, OWNER
    )


# --- the FAQ -------------------------------------------------------------------------------


class RateButton(ScopedButton, template=r"faq:rate:(?P<reply>\d+):(?P<helpful>[01])"):
    doc = "This helped / Not what I asked (FAQ auto-reply)"

    access = Access(Scope.MEMBER, limit=cooldowns.FAQ_RATE)

    def __init__(self, reply_id: int, helpful: bool, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=label or ("helped" if helpful else "not what I asked"),
                style=discord.ButtonStyle.success if helpful else discord.ButtonStyle.secondary,
                custom_id=f"faq:rate:{reply_id}:{int(helpful)}",
            )
        )
        self.reply_id, self.helpful = reply_id, helpful

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RateButton:
        return cls(int(match["reply"]), match["helpful"] == "1")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        await _faq_cog(interaction).rate(interaction, self.reply_id, self.helpful)


# --- command options -----------------------------------------------------------------------


def may_see(bot: Bot, interaction: discord.Interaction[Any], round_: Round, team: bool) -> bool:
    """Autocomplete shows a round to the team and to the round's host who can see its channel."""
    if team:
        return True
    if interaction.user.id != round_.host_id:
        return False
    channel = bot.get_channel(round_.channel_id)
    member = interaction.user
    return (
        isinstance(channel, discord.TextChannel)
        and isinstance(member, discord.Member)
        and channel.permissions_for(member).view_channel
    )


class RoundOption(GuildObject[Round]):
    unknown_key = "qa.unknown_round"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Round | None:
        return await repository.get_round(bot.db, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Round]:
        from bot.replies import client_of

        bot = client_of(interaction)
        team = staff_member(interaction) is not None
        rounds = await repository.recent_rounds(bot.db, guild_id)
        return [r for r in rounds if may_see(bot, interaction, r, team)]

    def label(self, obj: Round, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.id} {obj.topic}"
