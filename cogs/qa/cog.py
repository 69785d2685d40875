"""Discord glue of Q&A rounds: the panel, asking, voting, review, merging, answers, the end."""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cases.posting import quote
from bot.checks import (
    is_moderator,
    is_staff_member,
    parse_id,
    posting_channel,
    require_guild,
    require_moderator,
    require_same_guild,
)
from bot.contentcheck.service import refusing
from bot.core import Bot
from bot.debounce import Debouncer
from bot.durations import parse_duration
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import client_of, report_error, send_private, text
from cogs.qa import render, repository
from cogs.qa.repository import Question, Round

log = logging.getLogger(__name__)

QUESTION_MAX = 1000
ANSWER_MAX = 2000
ASK_COOLDOWN = timedelta(seconds=20)
QUESTION_EDIT_DELAY = 2.0  # one edit of a question's vote count per 2 s at most
PANEL_EDIT_DELAY = 3.0  # one edit of the panel's top list per 3 s at most
DEFAULT_DURATION = timedelta(hours=1)


def _cog(interaction: discord.Interaction[Any]) -> QaCog:
    cog = client_of(interaction).get_cog("QaCog")
    assert isinstance(cog, QaCog)
    return cog


_STYLES = {
    "ask": discord.ButtonStyle.primary,
    "anon": discord.ButtonStyle.secondary,
    "vote": discord.ButtonStyle.secondary,
    "answer": discord.ButtonStyle.success,
    "approve": discord.ButtonStyle.success,
    "reject": discord.ButtonStyle.danger,
    "faq": discord.ButtonStyle.secondary,
}


class _Button(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"qa:(?P<action>ask|anon|vote|answer|approve|reject|faq):(?P<id>\d+)"):  # fmt: skip
    """Every persistent button of Q&A: the action and a round or question id."""

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

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await _cog(interaction).button(interaction, self.action, self.item_id)
        except Exception as error:
            await report_error(interaction, error)


class _TextModal(discord.ui.Modal):
    """One paragraph of text (a question, an answer, a reason); on_submit goes to the cog."""

    def __init__(
        self,
        interaction: discord.Interaction[Any],
        title_key: str,
        label_key: str,
        max_length: int,
        submit: Any,
        min_length: int = 1,
        **params: object,
    ) -> None:
        super().__init__(title=text(interaction, title_key, **params)[:45], timeout=900)
        self.body: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, label_key)[:45],
            style=discord.TextStyle.paragraph,
            min_length=min_length,
            max_length=max_length,
        )
        self.add_item(self.body)
        self._submit = submit

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await self._submit(interaction, self.body.value.strip())

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class QaCog(commands.Cog):
    qa = app_commands.Group(
        name="qa",
        description="Q&A rounds: questions, votes and answers",
        guild_only=True,
        default_permissions=discord.Permissions(moderate_members=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._question_edits = Debouncer(QUESTION_EDIT_DELAY)
        self._panel_edits = Debouncer(PANEL_EDIT_DELAY)
        self._last_ask: dict[tuple[int, int], datetime] = {}

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(_Button)
        self.bot.scheduled_actions.register("qa", self._scheduled)
        self.bot.privacy.register(
            "qa", "Your Q&A questions, your votes and your ratings of FAQ answers.",
            lambda user_id: repository.data_of_user(self.bot.db, user_id),
            lambda user_id: repository.forget_user(self.bot.db, user_id),
        )  # fmt: skip
        for round_ in await repository.open_rounds(self.bot.db):
            self._arm(round_)
        for round_ in await repository.closed_without_summary(self.bot.db):
            # Closed, but the bot stopped before the summary was posted: post it now, once.
            self.bot.scheduler.run_at(
                f"qa-summary:{round_.id}", self.bot.clock(), self._post_summary_later, round_.id
            )

    async def cog_unload(self) -> None:
        self.bot.privacy.unregister("qa")
        self.bot.scheduled_actions.unregister("qa")
        await self._question_edits.aclose()
        await self._panel_edits.aclose()

    def _arm(self, round_: Round) -> None:
        self.bot.scheduler.run_at(f"qa:{round_.id}", round_.ends_at, self._timer, round_.id)

    async def _timer(self, round_id: int) -> None:
        await self.bot.wait_until_ready()
        await self.finish(round_id)

    def _lang(self, guild_id: int) -> Lang:
        return self.bot.guild_settings.locale(guild_id)

    def _t(self, lang: Lang, key: str, /, **params: object) -> str:
        return self.bot.i18n.t(lang, key, **params)

    def _channel(self, channel_id: int) -> discord.TextChannel | None:
        channel = self.bot.get_channel(channel_id)
        return channel if isinstance(channel, discord.TextChannel) else None

    # --- views ------------------------------------------------------------------------------

    def _panel_view(self, round_: Round, lang: Lang) -> discord.ui.View:
        view = discord.ui.View(timeout=None)
        closed = not round_.open
        if round_.anonymous:
            view.add_item(
                _Button("anon", round_.id, self._t(lang, "qa.ask_anonymous_only"), closed)
            )
        else:
            view.add_item(_Button("ask", round_.id, self._t(lang, "qa.ask"), closed))
            view.add_item(_Button("anon", round_.id, self._t(lang, "qa.ask_anonymous"), closed))
        return view

    def _question_view(self, round_: Round, question: Question, lang: Lang) -> discord.ui.View:
        view = discord.ui.View(timeout=None)
        closed = not round_.open or question.state != "visible"
        view.add_item(
            _Button("vote", question.id, self._t(lang, "qa.upvote", votes=question.votes), closed)
        )
        if not question.answered:
            view.add_item(_Button("answer", question.id, self._t(lang, "qa.answer"), closed))
        return view

    async def _edit(self, channel_id: int, message_id: int | None, **fields: Any) -> None:
        channel = self._channel(channel_id)
        if channel is None or message_id is None:
            return
        try:
            await channel.get_partial_message(message_id).edit(**fields)
        except discord.HTTPException as exc:
            log.warning("Updating Q&A message %s failed: %s", message_id, exc)

    async def refresh_panel(self, round_id: int) -> None:
        round_ = await repository.get_round(self.bot.db, round_id)
        if round_ is None:
            return
        lang = self._lang(round_.guild_id)
        questions = await repository.questions(self.bot.db, round_id)
        await self._edit(
            round_.channel_id,
            round_.panel_message_id,
            embed=render.panel_embed(self._t, lang, round_, questions, self.bot.clock()),
            view=self._panel_view(round_, lang),
        )

    async def refresh_question(self, question_id: int) -> None:
        question = await repository.get_question(self.bot.db, question_id)
        round_ = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or round_ is None or question.message_id is None:
            return
        lang = self._lang(round_.guild_id)
        if question.state == "merged":
            target = (
                await repository.get_question(self.bot.db, question.merged_into)
                if question.merged_into
                else None
            )
            await self._edit(
                round_.channel_id,
                question.message_id,
                content=self._t(lang, "qa.merged_into", number=target.number if target else "?"),
                embed=render.question_embed(self._t, lang, round_, question),
                view=None,
            )
            return
        await self._edit(
            round_.channel_id,
            question.message_id,
            embed=render.question_embed(self._t, lang, round_, question),
            view=self._question_view(round_, question, lang),
        )

    def _later(self, round_id: int, question_id: int | None = None) -> None:
        self._panel_edits.schedule(round_id, lambda: self.refresh_panel(round_id))
        if question_id is not None:
            self._question_edits.schedule(question_id, lambda: self.refresh_question(question_id))

    # --- opening ----------------------------------------------------------------------------

    async def open_round(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        creator_id: int,
        topic: str,
        length: timedelta,
        *,
        host_id: int | None = None,
        anonymous: bool = False,
        moderated: bool = False,
        max_questions: int = 3,
    ) -> Round:
        """Create, post and arm a round (from /qa start or a schedule)."""
        if moderated and self._review_channel(guild) is None:
            raise UserFacingError("qa.needs_review_channel")
        now = self.bot.clock()
        round_ = await repository.create_round(
            self.bot.db, guild_id=guild.id, channel_id=channel.id, topic=topic, host_id=host_id or creator_id,
            anonymous=anonymous, moderated=moderated, max_questions=max_questions, ends_at=now + length,
            created_by=creator_id, now=now,
        )  # fmt: skip
        if round_ is None:
            raise UserFacingError("qa.already_open", channel=channel.mention)
        lang = self._lang(guild.id)
        try:
            message = await channel.send(
                embed=render.panel_embed(self._t, lang, round_, [], now),
                view=self._panel_view(round_, lang),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            await repository.discard_round(self.bot.db, round_.id)
            raise
        await repository.set_panel(self.bot.db, round_.id, message.id)
        self._arm(round_)
        return round_

    async def _scheduled(
        self, guild: discord.Guild, channel: discord.TextChannel, creator_id: int, params: Any
    ) -> None:
        await self.open_round(
            guild,
            channel,
            creator_id,
            str(params["topic"]),
            timedelta(seconds=int(params.get("duration_s", DEFAULT_DURATION.total_seconds()))),
            moderated=bool(params.get("moderated", False)),
            anonymous=bool(params.get("anonymous", False)),
        )

    def _review_channel(self, guild: discord.Guild) -> discord.TextChannel | None:
        channel_id = self.bot.guild_settings.channel(guild.id, "modlog")
        channel = guild.get_channel(channel_id) if channel_id else None
        return channel if isinstance(channel, discord.TextChannel) else None

    # --- asking -----------------------------------------------------------------------------

    async def _round_here(self, interaction: discord.Interaction[Any], round_id: int) -> Round:
        round_ = await repository.get_round(self.bot.db, round_id)
        if round_ is None:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, round_.guild_id)
        if not round_.open:
            raise UserFacingError("qa.closed")
        return round_

    def _check_cooldown(self, round_: Round, user_id: int, content: str) -> None:
        last = self._last_ask.get((round_.id, user_id))
        now = self.bot.clock()
        if last is not None and now - last < ASK_COOLDOWN:
            wait = int((ASK_COOLDOWN - (now - last)).total_seconds()) + 1
            raise UserFacingError("qa.cooldown", seconds=wait, text=quote(content, QUESTION_MAX))

    async def ask(
        self, interaction: discord.Interaction[Any], round_: Round, content: str, anonymous: bool
    ) -> None:
        guild = require_guild(interaction)
        user = interaction.user
        if not content:
            raise UserFacingError("qa.empty")
        if len(content) > QUESTION_MAX:
            raise UserFacingError(
                "qa.too_long", limit=QUESTION_MAX, text=quote(content, QUESTION_MAX + 500)
            )
        self._check_cooldown(round_, user.id, content)
        verdicts = await self.bot.content_check.check_text(guild.id, content)
        refused = refusing(verdicts)
        if refused:
            raise UserFacingError(
                "qa.refused", rule=refused[0].rule, text=quote(content, QUESTION_MAX)
            )
        flagged = bool(verdicts) and self._review_channel(guild) is not None
        if not interaction.response.is_done():
            await interaction.response.defer(ephemeral=True, thinking=True)
        needs_review = round_.moderated or flagged
        stored_round = round_ if not flagged or round_.moderated else _moderated(round_)
        question = await repository.add_question(
            self.bot.db, stored_round, user.id, content, anonymous, self.bot.clock()
        )
        if question is None:
            raise UserFacingError(
                "qa.limit", limit=round_.max_questions, text=quote(content, QUESTION_MAX)
            )
        self._last_ask[(round_.id, user.id)] = self.bot.clock()
        self.bot.activity_service.record(guild.id, "qa_question", user.id)
        if needs_review:
            await self._post_review(guild, round_, question)
            await send_private(interaction, text(interaction, "qa.asked_review"))
            return
        await self._publish(round_, question)
        await send_private(interaction, text(interaction, "qa.asked", number=question.number))

    async def _publish(self, round_: Round, question: Question) -> None:
        channel = self._channel(round_.channel_id)
        if channel is None:
            raise UserFacingError("qa.channel_gone")
        lang = self._lang(round_.guild_id)
        reply_to = _reply_to(channel, round_.panel_message_id)
        message = await channel.send(
            embed=render.question_embed(self._t, lang, round_, question),
            view=self._question_view(round_, question, lang),
            allowed_mentions=discord.AllowedMentions.none(),
            **reply_to,
        )
        await repository.set_question_message(self.bot.db, question.id, message_id=message.id)
        self._later(round_.id)

    async def _post_review(self, guild: discord.Guild, round_: Round, question: Question) -> None:
        channel = self._review_channel(guild)
        if channel is None:
            raise UserFacingError("qa.needs_review_channel")
        lang = self._lang(guild.id)
        embed = render.question_embed(self._t, lang, round_, question)
        # The team sees who asked, also for anonymous questions (abuse handling).
        embed.add_field(name=self._t(lang, "qa.review_author"), value=f"<@{question.author_id}>")
        embed.title = self._t(lang, "qa.review_title", number=question.number)
        view = discord.ui.View(timeout=None)
        view.add_item(_Button("approve", question.id, self._t(lang, "qa.approve")))
        view.add_item(_Button("reject", question.id, self._t(lang, "qa.reject")))
        message = await channel.send(
            embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
        )
        await repository.set_question_message(self.bot.db, question.id, review_id=message.id)

    def _ask_modal(
        self, interaction: discord.Interaction[Any], round_: Round, anonymous: bool
    ) -> discord.ui.Modal:
        async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
            current = await self._round_here(modal_interaction, round_.id)
            await self.ask(modal_interaction, current, value, anonymous)

        return _TextModal(
            interaction,
            "qa.ask_title_anonymous" if anonymous else "qa.ask_title",
            "qa.ask_label",
            QUESTION_MAX,
            submit,
        )

    # --- buttons ----------------------------------------------------------------------------

    async def button(
        self, interaction: discord.Interaction[Any], action: str, item_id: int
    ) -> None:
        if action in ("ask", "anon"):
            round_ = await self._round_here(interaction, item_id)
            await interaction.response.send_modal(
                self._ask_modal(interaction, round_, action == "anon" or round_.anonymous)
            )
            return
        question = await repository.get_question(self.bot.db, item_id)
        owner = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or owner is None:
            raise UserFacingError("error.foreign_id")
        round_ = owner
        require_same_guild(interaction, round_.guild_id)
        if action == "vote":
            await self.vote(interaction, round_, question)
        elif action == "answer":
            self._require_host(interaction, round_)
            self._require_answerable(round_, question)
            await interaction.response.send_modal(self._answer_modal(interaction, question.id))
        elif action in ("approve", "reject"):
            require_moderator(interaction)
            if action == "approve":
                await self.approve(interaction, round_, question)
            else:
                if question.state != "pending":
                    raise UserFacingError("qa.already_reviewed")
                await interaction.response.send_modal(self._reject_modal(interaction, question.id))
        elif action == "faq":
            faq = self.bot.get_cog("FaqCog")
            if faq is None:
                raise UserFacingError("qa.faq_missing")
            await faq.promote(interaction, question)  # type: ignore[attr-defined]

    def _require_host(self, interaction: discord.Interaction[Any], round_: Round) -> None:
        user = interaction.user
        if user.id == round_.host_id or is_moderator(interaction.permissions):
            return
        if isinstance(user, discord.Member) and is_staff_member(
            user, self.bot.guild_settings.staff_roles(round_.guild_id)
        ):
            return
        raise UserFacingError("qa.host_only")

    @staticmethod
    def _require_answerable(round_: Round, question: Question) -> None:
        if question.state != "visible":
            raise UserFacingError("qa.not_answerable")
        if question.answered:
            raise UserFacingError("qa.already_answered", number=question.number)

    async def vote(
        self, interaction: discord.Interaction[Any], round_: Round, question: Question
    ) -> None:
        if not round_.open:
            raise UserFacingError("qa.closed")
        if question.state == "merged" and question.merged_into:
            target = await repository.get_question(self.bot.db, question.merged_into)
            if target is None:
                raise UserFacingError("qa.not_votable")
            question = target
        if question.state != "visible":
            raise UserFacingError("qa.not_votable")
        if question.author_id == interaction.user.id:
            raise UserFacingError("qa.own_question")
        counted = await repository.toggle_vote(
            self.bot.db, question.id, interaction.user.id, self.bot.clock()
        )
        votes = await repository.count_votes(self.bot.db, question.id)
        key = "qa.voted" if counted else "qa.unvoted"
        await send_private(interaction, text(interaction, key, number=question.number, votes=votes))
        if counted:
            self.bot.activity_service.record(round_.guild_id, "qa_vote", interaction.user.id)
        self._later(round_.id, question.id)

    async def approve(
        self, interaction: discord.Interaction[Any], round_: Round, question: Question
    ) -> None:
        if not await repository.review(self.bot.db, question.id, True, None):
            raise UserFacingError("qa.already_reviewed")
        await interaction.response.defer(ephemeral=True, thinking=True)
        question = await repository.get_question(self.bot.db, question.id) or question
        if round_.open:
            await self._publish(round_, question)
        await self._close_review(round_, question, "qa.review_approved", interaction.user.id)
        await send_private(interaction, text(interaction, "qa.approved", number=question.number))

    async def reject(
        self, interaction: discord.Interaction[Any], question_id: int, reason: str
    ) -> None:
        question = await repository.get_question(self.bot.db, question_id)
        round_ = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or round_ is None:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, round_.guild_id)
        require_moderator(interaction)
        if not await repository.review(self.bot.db, question.id, False, reason):
            raise UserFacingError("qa.already_reviewed")
        await self._close_review(
            round_, question, "qa.review_rejected", interaction.user.id, reason
        )
        await send_private(interaction, text(interaction, "qa.rejected", number=question.number))
        user = self.bot.get_user(question.author_id)
        if user is not None:
            lang = self._lang(round_.guild_id)
            note = self._t(
                lang, "qa.rejected_dm", topic=render.safe_line(round_.topic, 100),
                reason=render.safe_line(reason, 300), text=quote(question.text, QUESTION_MAX),
            )  # fmt: skip
            try:
                await user.send(note, allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException as exc:
                log.info("Could not tell %s about a rejected question: %s", user.id, exc)

    async def _close_review(
        self, round_: Round, question: Question, key: str, by: int, reason: str = ""
    ) -> None:
        channel_id = self.bot.guild_settings.channel(round_.guild_id, "modlog")
        if channel_id is None or question.review_message_id is None:
            return
        lang = self._lang(round_.guild_id)
        await self._edit(
            channel_id,
            question.review_message_id,
            content=self._t(lang, key, by=f"<@{by}>", reason=render.safe_line(reason, 300)),
            view=None,
        )

    def _reject_modal(
        self, interaction: discord.Interaction[Any], question_id: int
    ) -> discord.ui.Modal:
        async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
            await self.reject(modal_interaction, question_id, value)

        return _TextModal(interaction, "qa.reject_title", "qa.reject_label", 300, submit)

    def _answer_modal(
        self, interaction: discord.Interaction[Any], question_id: int
    ) -> discord.ui.Modal:
        async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
            await self.answer(modal_interaction, question_id, value)

        return _TextModal(
            interaction, "qa.answer_title_modal", "qa.answer_label", ANSWER_MAX, submit
        )

    # --- answering --------------------------------------------------------------------------

    async def answer(
        self, interaction: discord.Interaction[Any], question_id: int, content: str
    ) -> None:
        question = await repository.get_question(self.bot.db, question_id)
        round_ = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or round_ is None:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, round_.guild_id)
        self._require_host(interaction, round_)
        if not content:
            raise UserFacingError("qa.empty")
        channel = self._channel(round_.channel_id)
        if channel is None:
            raise UserFacingError("qa.channel_gone_answer", text=quote(content, ANSWER_MAX))
        if not await repository.answer(
            self.bot.db, question.id, content, interaction.user.id, self.bot.clock()
        ):
            self._require_answerable(round_, question)
            raise UserFacingError("qa.already_answered", number=question.number)
        await interaction.response.defer(ephemeral=True, thinking=True)
        lang = self._lang(round_.guild_id)
        view = discord.ui.View(timeout=None)
        view.add_item(_Button("faq", question.id, self._t(lang, "qa.to_faq")))
        reply_to = _reply_to(channel, question.message_id)
        try:
            message = await channel.send(
                embed=render.answer_embed(self._t, lang, question, content, interaction.user.id),
                view=view,
                **reply_to,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            log.warning("Posting the answer to question %s failed: %s", question.id, exc)
            raise UserFacingError("qa.answer_not_posted", text=quote(content, ANSWER_MAX)) from exc
        await repository.set_answer_message(self.bot.db, question.id, message.id)
        self.bot.activity_service.record(round_.guild_id, "qa_answer", interaction.user.id)
        await send_private(interaction, text(interaction, "qa.answered", number=question.number))
        await self.refresh_question(question.id)
        self._later(round_.id)

    # --- closing ----------------------------------------------------------------------------

    async def finish(self, round_id: int) -> bool:
        """Close exactly once (the timer, /qa end and a restart may race) and post the summary."""
        summary = await repository.close_round(self.bot.db, round_id, self.bot.clock())
        if summary is None:
            return False
        self.bot.scheduler.cancel(f"qa:{round_id}")
        self._panel_edits.cancel(round_id)
        await self.refresh_panel(round_id)
        for question in await repository.questions(self.bot.db, round_id):
            self._question_edits.cancel(question.id)
            if question.state == "visible" and question.message_id is not None:
                await self.refresh_question(question.id)
        await self._post_summary(round_id)
        return True

    async def _post_summary_later(self, round_id: int) -> None:
        await self.bot.wait_until_ready()
        if not await repository.summary_posted(self.bot.db, round_id):
            await self._post_summary(round_id)

    async def _post_summary(self, round_id: int) -> None:
        round_ = await repository.get_round(self.bot.db, round_id)
        summary = await repository.summary_of(self.bot.db, round_id)
        channel = self._channel(round_.channel_id) if round_ else None
        if round_ is None or summary is None or channel is None:
            return
        lang = self._lang(round_.guild_id)
        questions = await repository.questions(self.bot.db, round_id)
        reply_to = _reply_to(channel, round_.panel_message_id)
        try:
            message = await channel.send(
                embed=render.summary_embed(self._t, lang, round_, questions, summary),
                **reply_to,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            log.warning("Posting the summary of Q&A round %s failed: %s", round_id, exc)
            return
        await repository.set_summary_message(self.bot.db, round_id, message.id)

    # --- commands ---------------------------------------------------------------------------

    @qa.command(name="start", description="Open a Q&A round in a channel")
    @app_commands.describe(
        topic="What the round is about", duration="How long questions are taken, e.g. 1h, 90m (default 1h)",
        channel="Where the round runs (default: here)", host="Who answers (default: you)",
        anonymous="All questions without their author's name", moderated="Questions wait for a moderator's approval",
        questions_per_member="Questions each member may ask (default 3)",
    )  # fmt: skip
    async def start(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 200],
        duration: app_commands.Range[str, 1, 64] | None = None,
        channel: discord.TextChannel | None = None,
        host: discord.Member | None = None,
        anonymous: bool = False,
        moderated: bool = False,
        questions_per_member: app_commands.Range[int, 1, 20] = 3,
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        length = (
            parse_duration(duration, minimum=timedelta(minutes=5), maximum=timedelta(days=14))
            if duration
            else DEFAULT_DURATION
        )
        target = posting_channel(interaction, channel)
        if host is not None:
            require_same_guild(interaction, host.guild.id)
            if host.bot:
                raise UserFacingError("qa.host_bot")
        round_ = await self.open_round(
            guild, target, interaction.user.id, topic, length, host_id=host.id if host else None,
            anonymous=anonymous, moderated=moderated, max_questions=questions_per_member,
        )  # fmt: skip
        await send_private(
            interaction, text(interaction, "qa.started", id=round_.id, channel=target.mention)
        )

    async def _round_option(self, interaction: discord.Interaction, value: str | None) -> Round:
        """The round named by an option, else the open round in this channel."""
        guild = require_guild(interaction)
        if value:
            round_ = await repository.get_round(self.bot.db, parse_id(value))
            if round_ is None:
                raise UserFacingError("qa.unknown_round", id=value[:20])
            require_same_guild(interaction, round_.guild_id)
            return round_
        channel_id = interaction.channel_id or 0
        round_ = await repository.open_round_in(self.bot.db, channel_id)
        if round_ is None or round_.guild_id != guild.id:
            raise UserFacingError("qa.none_here")
        return round_

    async def _question_option(self, interaction: discord.Interaction, value: str) -> Question:
        question = await repository.get_question(self.bot.db, parse_id(value))
        round_ = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or round_ is None:
            raise UserFacingError("qa.unknown_question", id=value[:20])
        require_same_guild(interaction, round_.guild_id)
        return question

    @qa.command(name="end", description="Close a Q&A round now and post the summary")
    @app_commands.describe(round_id="The round (default: the one in this channel)")
    @app_commands.rename(round_id="round")
    async def end(self, interaction: discord.Interaction, round_id: str | None = None) -> None:
        round_ = await self._round_option(interaction, round_id)
        self._require_host(interaction, round_)
        await interaction.response.defer(ephemeral=True, thinking=True)
        key = "qa.ended" if await self.finish(round_.id) else "qa.already_closed"
        await send_private(interaction, text(interaction, key, id=round_.id))

    @qa.command(name="answer", description="Answer a question of a Q&A round")
    @app_commands.describe(question_id="The question", answer="Your answer")
    @app_commands.rename(question_id="question")
    async def answer_command(
        self,
        interaction: discord.Interaction,
        question_id: str,
        answer: app_commands.Range[str, 1, ANSWER_MAX],
    ) -> None:
        question = await self._question_option(interaction, question_id)
        await self.answer(interaction, question.id, answer.strip())

    answer_command.name = "answer"

    @qa.command(name="merge", description="Merge a duplicate question into another one")
    @app_commands.describe(duplicate="The duplicate", into="The question it duplicates")
    async def merge(self, interaction: discord.Interaction, duplicate: str, into: str) -> None:
        require_moderator(interaction)
        dup = await self._question_option(interaction, duplicate)
        target = await self._question_option(interaction, into)
        if dup.id == target.id or dup.round_id != target.round_id:
            raise UserFacingError("qa.merge_invalid")
        if target.state != "visible":
            raise UserFacingError("qa.merge_target", number=target.number)
        round_ = await repository.get_round(self.bot.db, target.round_id)
        assert round_ is not None
        if not await repository.merge(self.bot.db, dup, target, self.bot.clock()):
            raise UserFacingError("qa.merge_invalid")
        target = await repository.get_question(self.bot.db, target.id) or target
        await send_private(
            interaction,
            text(
                interaction, "qa.merged_done", duplicate=dup.number, number=target.number,
                votes=target.votes,
            ),
        )  # fmt: skip
        if dup.review_message_id is not None and dup.state == "pending":
            await self._close_review(round_, dup, "qa.review_merged", interaction.user.id)
        await self.refresh_question(dup.id)
        await self.refresh_question(target.id)
        self._later(round_.id)

    @qa.command(name="author", description="Who asked a question (also anonymous ones)")
    @app_commands.describe(question_id="The question")
    @app_commands.rename(question_id="question")
    async def author(self, interaction: discord.Interaction, question_id: str) -> None:
        require_moderator(interaction)
        question = await self._question_option(interaction, question_id)
        who = f"<@{question.author_id}>" if question.author_id else text(interaction, "qa.erased")
        await send_private(
            interaction, text(interaction, "qa.author_is", number=question.number, author=who)
        )

    @qa.command(name="export", description="A Markdown transcript of a Q&A round")
    @app_commands.describe(round_id="The round (default: the one in this channel)")
    @app_commands.rename(round_id="round")
    async def export(self, interaction: discord.Interaction, round_id: str | None = None) -> None:
        round_ = await self._round_option(interaction, round_id)
        self._require_host(interaction, round_)
        guild = require_guild(interaction)
        questions = await repository.questions(self.bot.db, round_.id)
        ids = (
            {round_.host_id}
            | {q.author_id for q in questions}
            | {q.answered_by for q in questions if q.answered_by}
        )
        names = {}
        for user_id in ids:
            member = guild.get_member(user_id)
            if member is not None:
                names[user_id] = member.display_name
        lang = self._lang(guild.id)
        body = render.transcript(
            self._t, lang, round_, questions, render.TranscriptNames(names),
            await repository.summary_of(self.bot.db, round_.id),
        )  # fmt: skip
        await send_private(
            interaction,
            text(interaction, "qa.exported", id=round_.id),
            file=discord.File(io.BytesIO(body.encode()), filename=f"qa-{round_.id}.md"),
        )

    @app_commands.command(name="ask", description="Ask a question in this channel's Q&A round")
    @app_commands.describe(question="Your question", anonymous="Hide your name from other members")
    @app_commands.guild_only()
    async def ask_command(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 4000],
        anonymous: bool = False,
    ) -> None:
        round_ = await repository.open_round_in(self.bot.db, interaction.channel_id or 0)
        if round_ is None or round_.guild_id != interaction.guild_id:
            raise UserFacingError("qa.none_here_ask", text=quote(question, QUESTION_MAX + 500))
        await self.ask(interaction, round_, question.strip(), anonymous)

    ask_command.name = "ask"

    @end.autocomplete("round_id")
    @export.autocomplete("round_id")
    async def _rounds(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        found = await repository.recent_rounds(self.bot.db, interaction.guild_id)
        needle = current.casefold()
        return [
            app_commands.Choice(name=f"#{r.id} {r.topic}"[:100], value=str(r.id))
            for r in found
            if needle in f"#{r.id} {r.topic}".casefold()
        ][:25]

    @answer_command.autocomplete("question_id")
    @merge.autocomplete("duplicate")
    @merge.autocomplete("into")
    @author.autocomplete("question_id")
    async def _questions(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        found = await repository.questions_of_guild(self.bot.db, interaction.guild_id)
        needle = current.casefold()
        choices = []
        for q in found:
            if q.state not in ("visible", "pending"):
                continue
            label = f"#{q.number} (R{q.round_id}) {' '.join(q.text.split())}"
            if needle in label.casefold():
                choices.append(app_commands.Choice(name=label[:100], value=str(q.id)))
        return choices[:25]


def _reply_to(channel: discord.TextChannel, message_id: int | None) -> dict[str, Any]:
    """Send as a reply to ``message_id``, which may have been deleted meanwhile."""
    if message_id is None:
        return {}
    reference = discord.MessageReference(
        message_id=message_id, channel_id=channel.id, fail_if_not_exists=False
    )
    return {"reference": reference, "mention_author": False}


def _moderated(round_: Round) -> Round:
    """The same round, but this one question waits for review (the content check flagged it)."""
    from dataclasses import replace

    return replace(round_, moderated=True)
