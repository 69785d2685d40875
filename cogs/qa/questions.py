"""Questions of a Q&A round at work: asking, the team's review, votes, answers and merging
duplicates, and who may do which."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.checks import require_guild, require_same_guild, staff_member
from bot.contentcheck.service import refusing
from bot.errors import UserFacingError
from bot.moderation.rulenames import rule_label
from bot.replies import quote, send_private, text
from cogs.qa import render, repository
from cogs.qa.repository import Question, QuestionState, Round
from cogs.qa.service import QaService, reply_to
from cogs.qa.views import QUESTION_MAX, _Button, question_view

log = logging.getLogger(__name__)


class QuestionService:
    """What members, hosts and the team do with questions (commands, buttons and forms)."""

    def __init__(self, rounds: QaService) -> None:
        self.rounds = rounds
        self.bot = rounds.bot

    # --- asking -----------------------------------------------------------------------------

    async def round_here(self, interaction: discord.Interaction[Any], round_id: int) -> Round:
        round_ = await repository.get_round(self.bot.db, round_id)
        if round_ is None:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, round_.guild_id)
        if not round_.open:
            raise UserFacingError("qa.closed")
        return round_

    async def ask(
        self, interaction: discord.Interaction[Any], round_: Round, content: str, anonymous: bool
    ) -> None:
        """Errors raised here reach the member with their text (the caller passes it back)."""
        guild = require_guild(interaction)
        user = interaction.user
        if not content:
            raise UserFacingError("qa.empty")
        if len(content) > QUESTION_MAX:
            raise UserFacingError("qa.too_long", limit=QUESTION_MAX)
        verdicts = await self.bot.content_check.check_text(guild.id, content)
        refused = refusing(verdicts)
        if refused:
            raise UserFacingError("qa.refused", rule=rule_label(self.bot.i18n, refused[0].rule))
        flagged = bool(verdicts) and self.rounds.review_channel(guild) is not None
        if not interaction.response.is_done():
            await interaction.response.defer(ephemeral=True, thinking=True)
        needs_review = round_.moderated or flagged
        question = await repository.add_question(
            self.bot.db, round_, user.id, content, anonymous, self.bot.clock(), pending=needs_review
        )
        if question is None:
            raise UserFacingError("qa.limit", limit=round_.max_questions)
        try:
            if needs_review:
                await self._post_review(guild, round_, question)
            else:
                await self._publish(round_, question)
        except (discord.HTTPException, UserFacingError) as exc:
            # Not posted: never asked, does not count against the limit; the text comes back.
            await repository.discard_question(self.bot.db, question.id)
            log.warning("Posting question %s failed: %s", question.id, exc)
            if isinstance(exc, UserFacingError):
                raise
            raise UserFacingError("qa.not_posted") from exc
        self.bot.activity_service.record(guild.id, "qa_question", user.id)
        if needs_review:
            await send_private(interaction, text(interaction, "qa.asked_review"))
        else:
            await send_private(interaction, text(interaction, "qa.asked", number=question.number))

    async def _publish(self, round_: Round, question: Question) -> None:
        channel = self.rounds.channel(round_.channel_id)
        if channel is None:
            raise UserFacingError("qa.channel_gone")
        lang = self.rounds.lang(round_.guild_id)
        message = await channel.send(
            embed=render.question_embed(self.rounds.t, lang, round_, question),
            view=question_view(self.rounds.t, lang, round_, question),
            allowed_mentions=discord.AllowedMentions.none(),
            **reply_to(channel, round_.panel_message_id),
        )
        await repository.set_question_message(self.bot.db, question.id, message_id=message.id)
        self.rounds.later(round_.id)

    async def _post_review(self, guild: discord.Guild, round_: Round, question: Question) -> None:
        channel = self.rounds.review_channel(guild)
        if channel is None:
            raise UserFacingError("qa.needs_review_channel")
        lang = self.rounds.lang(guild.id)
        embed = render.question_embed(self.rounds.t, lang, round_, question)
        # The team sees who asked, also for anonymous questions (abuse handling).
        embed.add_field(
            name=self.rounds.t(lang, "qa.review_author"), value=f"<@{question.author_id}>"
        )
        embed.title = self.rounds.t(lang, "qa.review_title", number=question.number)
        view = discord.ui.View(timeout=None)
        view.add_item(_Button("approve", question.id, self.rounds.t(lang, "qa.approve")))
        view.add_item(_Button("reject", question.id, self.rounds.t(lang, "qa.reject")))
        message = await channel.send(
            embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
        )
        await repository.set_question_message(self.bot.db, question.id, review_id=message.id)

    # --- review, votes -------------------------------------------------------------------------

    async def question_and_round(
        self, interaction: discord.Interaction[Any], question_id: int
    ) -> tuple[Question, Round]:
        question = await repository.get_question(self.bot.db, question_id)
        round_ = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or round_ is None:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, round_.guild_id)
        return question, round_

    @staticmethod
    def require_team(interaction: discord.Interaction[Any]) -> None:
        """A moderator of the server (server-wide permission or a staff role), not of one channel."""
        if staff_member(interaction) is None:
            raise UserFacingError("qa.team_only")

    def require_host(self, interaction: discord.Interaction[Any], round_: Round) -> None:
        if interaction.user.id == round_.host_id:
            return
        if staff_member(interaction) is None:
            raise UserFacingError("qa.host_only")

    @staticmethod
    def require_answerable(question: Question) -> None:
        if question.state != QuestionState.VISIBLE:
            raise UserFacingError("qa.not_answerable")
        if question.answered:
            raise UserFacingError("qa.already_answered", number=question.number)

    async def vote(
        self, interaction: discord.Interaction[Any], round_: Round, question: Question
    ) -> None:
        if question.state == QuestionState.MERGED and question.merged_into:
            target = await repository.get_question(self.bot.db, question.merged_into)
            if target is None:
                raise UserFacingError("qa.not_votable")
            question = target
        if question.state != QuestionState.VISIBLE and round_.open:
            raise UserFacingError("qa.not_votable")
        if question.author_id == interaction.user.id:
            raise UserFacingError("qa.own_question")
        # The round's state is checked again inside the write: a click racing the end is refused.
        voter, now = interaction.user.id, self.bot.clock()
        counted, votes = await self.bot.writes.run(
            lambda tx: repository.toggle_vote_in(tx, question.id, voter, now)
        )
        key = "qa.voted" if counted else "qa.unvoted"
        await send_private(interaction, text(interaction, key, number=question.number, votes=votes))
        if counted:
            self.bot.activity_service.record(round_.guild_id, "qa_vote", interaction.user.id)
        self.rounds.later(round_.id, question.id)

    async def approve(
        self, interaction: discord.Interaction[Any], round_: Round, question: Question
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # before anything is stored
        if not await repository.review(self.bot.db, question.id, True, None):
            raise UserFacingError("qa.already_reviewed")
        question = await repository.get_question(self.bot.db, question.id) or question
        try:
            await self._publish(round_, question)
        except (discord.HTTPException, UserFacingError):
            await repository.back_to_review(self.bot.db, question.id)
            raise
        await self._close_review(round_, question, "qa.review_approved", interaction.user.id)
        await send_private(interaction, text(interaction, "qa.approved", number=question.number))

    async def reject(
        self, interaction: discord.Interaction[Any], question_id: int, reason: str
    ) -> None:
        question, round_ = await self.question_and_round(interaction, question_id)
        self.require_team(interaction)
        if not await repository.review(self.bot.db, question.id, False, reason):
            raise UserFacingError("qa.already_reviewed")
        await self._close_review(
            round_, question, "qa.review_rejected", interaction.user.id, reason
        )
        await send_private(interaction, text(interaction, "qa.rejected", number=question.number))
        user = self.bot.get_user(question.author_id)
        if user is not None:
            lang = self.rounds.lang(round_.guild_id)
            note = self.rounds.t(
                lang,
                "qa.rejected_dm",
                topic=render.safe_line(round_.topic, 100),
                reason=render.safe_line(reason, 300),
                text=quote(question.text, QUESTION_MAX),
            )
            try:
                await user.send(note, allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException as exc:
                log.info("Could not tell %s about a rejected question: %s", user.id, exc)

    async def close_review(self, round_: Round, question: Question, by: int) -> None:
        await self._close_review(round_, question, "qa.review_merged", by)

    async def _close_review(
        self, round_: Round, question: Question, key: str, by: int, reason: str = ""
    ) -> None:
        channel_id = self.bot.guild_settings.channel(round_.guild_id, "modlog")
        if channel_id is None or question.review_message_id is None:
            return
        lang = self.rounds.lang(round_.guild_id)
        await self.rounds.edit(
            channel_id,
            question.review_message_id,
            content=self.rounds.t(lang, key, by=f"<@{by}>", reason=render.safe_line(reason, 300)),
            view=None,
        )

    # --- answering --------------------------------------------------------------------------

    async def answer(
        self, interaction: discord.Interaction[Any], question_id: int, content: str
    ) -> None:
        """Post first, then record: a failed post leaves the question open for another try.
        Errors raised here reach the host with their text (the callers pass it back)."""
        question, round_ = await self.question_and_round(interaction, question_id)
        self.require_host(interaction, round_)
        if not content:
            raise UserFacingError("qa.empty")
        self.require_answerable(question)
        channel = self.rounds.channel(round_.channel_id)
        if channel is None:
            raise UserFacingError("qa.channel_gone")
        await interaction.response.defer(ephemeral=True, thinking=True)
        lang = self.rounds.lang(round_.guild_id)
        view = discord.ui.View(timeout=None)
        view.add_item(_Button("faq", question.id, self.rounds.t(lang, "qa.to_faq")))
        try:
            message = await channel.send(
                embed=render.answer_embed(
                    self.rounds.t, lang, question, content, interaction.user.id
                ),
                view=view,
                allowed_mentions=discord.AllowedMentions.none(),
                **reply_to(channel, question.message_id),
            )
        except discord.HTTPException as exc:
            log.warning("Posting the answer to question %s failed: %s", question.id, exc)
            raise UserFacingError("qa.answer_not_posted") from exc
        if not await repository.answer(
            self.bot.db, question.id, content, interaction.user.id, message.id, self.bot.clock()
        ):
            # Someone else's answer was recorded first: take this post back.
            try:
                await message.delete()
            except discord.HTTPException as exc:
                log.warning("Removing a second answer to question %s failed: %s", question.id, exc)
            raise UserFacingError("qa.already_answered", number=question.number)
        self.bot.activity_service.record(round_.guild_id, "qa_answer", interaction.user.id)
        await send_private(interaction, text(interaction, "qa.answered", number=question.number))
        await self.rounds.refresh_question(question.id)
        self.rounds.later(round_.id)

    # --- merging ----------------------------------------------------------------------------

    async def merge(
        self, round_: Round, duplicate: Question, target: Question, by: int
    ) -> Question:
        if duplicate.id == target.id or duplicate.round_id != target.round_id:
            raise UserFacingError("qa.merge_invalid")
        if target.state != QuestionState.VISIBLE:
            raise UserFacingError("qa.merge_target", number=target.number)
        if not await repository.merge(self.bot.db, duplicate, target, self.bot.clock()):
            raise UserFacingError("qa.merge_invalid")
        if duplicate.state == QuestionState.PENDING:
            await self._close_review(round_, duplicate, "qa.review_merged", by)
        await self.rounds.refresh_question(duplicate.id)
        await self.rounds.refresh_question(target.id)
        self.rounds.later(round_.id)
        return await repository.get_question(self.bot.db, target.id) or target
