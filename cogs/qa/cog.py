"""Discord glue of Q&A rounds: the panel, asking, voting, review, merging, answers, the end.
The slash commands are in ``commands.py``; they call into this cog."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import discord
from discord.ext import commands

from bot import cooldowns
from bot.checks import require_guild, require_same_guild, staff_member
from bot.contentcheck.service import refusing
from bot.core import Bot
from bot.debounce import Debouncer
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import quote, send_private, text
from bot.repository import OutboxPost
from bot.scopes import MEMBER, OWNER, SERVER_MODERATOR, Access, Scope, running_cog
from bot.ui.buttons import ScopedButton, ScopedModal
from cogs.qa import render, repository, schedule
from cogs.qa.repository import Question, QuestionState, Round

log = logging.getLogger(__name__)

QUESTION_MAX = 1000
ANSWER_MAX = 2000
QUESTION_EDIT_DELAY = 2.0  # one edit of a question's vote count per 2 s at most
PANEL_EDIT_DELAY = 3.0  # one edit of the panel's top list per 3 s at most
DEFAULT_DURATION = timedelta(hours=1)
CLOSE_WAIT = 10.0  # seconds a shutdown waits for a closing round's button edits
SUMMARY_CATCH_UP = timedelta(days=7)  # summaries older rounds still miss are posted at start

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
        await _cog(interaction).button(interaction, self.action, self.item_id)


class _TextModal(ScopedModal):
    """One paragraph of text (a question, an answer, a reason); on_submit goes to the cog.
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


class QaCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._question_edits = Debouncer(QUESTION_EDIT_DELAY)
        self._panel_edits = Debouncer(PANEL_EDIT_DELAY)
        self._closing: set[asyncio.Task[None]] = set()
        self._refreshing: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(_Button)
        self.bot.schedule_kinds.register(schedule.kind(self))
        self.bot.privacy.register(
            "qa",
            "Your Q&A questions, answers and votes, rounds you hosted, your FAQ entries and ratings.",
            lambda user_id: repository.data_of_user(self.bot.db, user_id),
            self._forget,
            erase=repository.forget_user,
        )
        for round_ in await repository.open_rounds(self.bot.db):
            self._arm(round_)
        self.bot.outbox.register_renderer("qa-summary", self._render_summary)
        self.bot.outbox.register_on_sent("qa-summary", self._summary_sent)
        now = self.bot.clock()
        await repository.queue_missing_summaries(
            self.bot.db, self._summary_post, now, now - SUMMARY_CATCH_UP
        )
        self._refreshing = asyncio.create_task(self._refresh_stale(), name="qa-refresh-stale")

    async def _refresh_stale(self) -> None:
        """After a restart: bring every open question whose shown vote count differs from the
        database up to date (through the debounced, rate-limited edits)."""
        await self.bot.wait_until_ready()
        for question in await repository.stale_questions(self.bot.db):
            self._later(question.round_id, question.id)

    async def cog_unload(self) -> None:
        if self._refreshing is not None:
            self._refreshing.cancel()
        self.bot.privacy.unregister("qa")
        self.bot.schedule_kinds.unregister("qa")
        if self._closing:  # disabling buttons of a just-closed round: a bounded wait at shutdown
            await asyncio.wait(self._closing, timeout=CLOSE_WAIT)
        await self._question_edits.aclose()
        await self._panel_edits.aclose()

    async def _forget(self, user_id: int) -> int:
        removed = await repository.forget_user(self.bot.db, user_id)
        faq = self.bot.get_cog("FaqCog")
        if faq is not None:
            await faq.reload()  # type: ignore[attr-defined]  # entries made from their questions are gone
        return removed

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
        closed = not round_.open or question.state != QuestionState.VISIBLE
        view.add_item(
            _Button("vote", question.id, self._t(lang, "qa.upvote", votes=question.votes), closed)
        )
        if not question.answered:
            view.add_item(_Button("answer", question.id, self._t(lang, "qa.answer"), closed))
        return view

    async def _edit(self, channel_id: int, message_id: int | None, **fields: Any) -> bool:
        channel = self._channel(channel_id)
        if channel is None or message_id is None:
            return False
        try:
            await channel.get_partial_message(message_id).edit(**fields)
        except discord.HTTPException as exc:
            log.warning("Updating Q&A message %s failed: %s", message_id, exc)
            return False
        return True

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
        fields: dict[str, Any] = {
            "embed": render.question_embed(self._t, lang, round_, question),
            "view": self._question_view(round_, question, lang),
        }
        if question.state == QuestionState.MERGED:
            target = (
                await repository.get_question(self.bot.db, question.merged_into)
                if question.merged_into
                else None
            )
            number = target.number if target else "?"
            fields.update(content=self._t(lang, "qa.merged_into", number=number), view=None)
        if await self._edit(round_.channel_id, question.message_id, **fields):
            await repository.set_shown_votes(self.bot.db, question.id, question.votes)

    def _refresher(self, question_id: int) -> Callable[[], Awaitable[None]]:
        return lambda: self.refresh_question(question_id)

    def _later(self, round_id: int, question_id: int | None = None) -> None:
        self._panel_edits.schedule(round_id, lambda: self.refresh_panel(round_id))
        if question_id is not None:
            self._question_edits.schedule(question_id, self._refresher(question_id))

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
            self.bot.db,
            guild_id=guild.id,
            channel_id=channel.id,
            topic=topic,
            host_id=host_id or creator_id,
            anonymous=anonymous,
            moderated=moderated,
            max_questions=max_questions,
            ends_at=now + length,
            created_by=creator_id,
            now=now,
        )
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

    def _review_channel(self, guild: discord.Guild) -> discord.TextChannel | None:
        channel_id = self.bot.guild_settings.channel(guild.id, "modlog")
        channel = guild.get_channel(channel_id) if channel_id else None
        return channel if isinstance(channel, discord.TextChannel) else None

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
            raise UserFacingError("qa.refused", rule=refused[0].rule)
        flagged = bool(verdicts) and self._review_channel(guild) is not None
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
        channel = self._channel(round_.channel_id)
        if channel is None:
            raise UserFacingError("qa.channel_gone")
        lang = self._lang(round_.guild_id)
        message = await channel.send(
            embed=render.question_embed(self._t, lang, round_, question),
            view=self._question_view(round_, question, lang),
            allowed_mentions=discord.AllowedMentions.none(),
            **_reply_to(channel, round_.panel_message_id),
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
            current = await self.round_here(modal_interaction, round_.id)
            await self.ask(modal_interaction, current, value, anonymous)

        return _TextModal(
            interaction,
            "qa.ask_title_anonymous" if anonymous else "qa.ask_title",
            "qa.ask_label",
            QUESTION_MAX,
            submit,
            Access(Scope.MEMBER, limit=cooldowns.ASK),
        )

    # --- buttons ----------------------------------------------------------------------------

    async def button(
        self, interaction: discord.Interaction[Any], action: str, item_id: int
    ) -> None:
        if action in ("ask", "anon"):
            round_ = await self.round_here(interaction, item_id)
            await interaction.response.send_modal(
                self._ask_modal(interaction, round_, action == "anon" or round_.anonymous)
            )
            return
        if action == "vote":
            # Acknowledged before any database wait: a burst of votes never misses Discord's
            # deadline; the member hears the result once it is stored.
            await interaction.response.defer(ephemeral=True, thinking=True)
        question, round_ = await self.question_and_round(interaction, item_id)
        if action == "vote":
            await self.vote(interaction, round_, question)
        elif action == "answer":
            self.require_host(interaction, round_)
            self._require_answerable(question)
            await interaction.response.send_modal(self._answer_modal(interaction, question.id))
        elif action == "approve":
            self.require_team(interaction)
            await self.approve(interaction, round_, question)
        elif action == "reject":
            self.require_team(interaction)
            if question.state != QuestionState.PENDING:
                raise UserFacingError("qa.already_reviewed")
            await interaction.response.send_modal(self._reject_modal(interaction, question.id))
        elif action == "faq":
            faq = self.bot.get_cog("FaqCog")
            if faq is None:
                raise UserFacingError("qa.faq_missing")
            await faq.promote(interaction, question)  # type: ignore[attr-defined]

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
    def _require_answerable(question: Question) -> None:
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
        self._later(round_.id, question.id)

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
            lang = self._lang(round_.guild_id)
            note = self._t(
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

        return _TextModal(
            interaction, "qa.reject_title", "qa.reject_label", 300, submit, SERVER_MODERATOR
        )

    def _answer_modal(
        self, interaction: discord.Interaction[Any], question_id: int
    ) -> discord.ui.Modal:
        async def submit(modal_interaction: discord.Interaction[Any], value: str) -> None:
            await self.answer(modal_interaction, question_id, value)

        return _TextModal(
            interaction, "qa.answer_title_modal", "qa.answer_label", ANSWER_MAX, submit, OWNER
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
        self._require_answerable(question)
        channel = self._channel(round_.channel_id)
        if channel is None:
            raise UserFacingError("qa.channel_gone")
        await interaction.response.defer(ephemeral=True, thinking=True)
        lang = self._lang(round_.guild_id)
        view = discord.ui.View(timeout=None)
        view.add_item(_Button("faq", question.id, self._t(lang, "qa.to_faq")))
        try:
            message = await channel.send(
                embed=render.answer_embed(self._t, lang, question, content, interaction.user.id),
                view=view,
                allowed_mentions=discord.AllowedMentions.none(),
                **_reply_to(channel, question.message_id),
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
        await self.refresh_question(question.id)
        self._later(round_.id)

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
        await self.refresh_question(duplicate.id)
        await self.refresh_question(target.id)
        self._later(round_.id)
        return await repository.get_question(self.bot.db, target.id) or target

    # --- closing ----------------------------------------------------------------------------

    async def finish(self, round_id: int) -> bool:
        """Close exactly once (the timer, /qa end and a restart may race), post the summary
        (queued with the close: exactly once, also across a crash); once it is out, the question
        buttons are disabled in the background (paced by Discord's limits)."""
        round_ = await repository.get_round(self.bot.db, round_id)
        if round_ is None:
            return False
        post = self._summary_post(round_)
        summary = await repository.close_round(self.bot.db, round_id, self.bot.clock(), post)
        if summary is None:
            return False
        self.bot.scheduler.cancel(f"qa:{round_id}")
        self._panel_edits.cancel(round_id)
        await self.refresh_panel(round_id)
        await self.bot.outbox.deliver([post.key])  # its delivery disables the buttons
        return True

    async def _disable_questions(self, round_id: int) -> None:
        """After the summary: every question's buttons off (a shutdown waits for this)."""
        for question in await repository.questions(self.bot.db, round_id):
            if question.state == QuestionState.VISIBLE and question.message_id is not None:
                self._question_edits.cancel(question.id)
                await self.refresh_question(question.id)

    @staticmethod
    def _summary_post(round_: Round) -> OutboxPost:
        return OutboxPost(
            key=f"qs{round_.id:x}",
            guild_id=round_.guild_id,
            channel_id=round_.channel_id,
            content="",
            renderer="qa-summary",
            on_sent="qa-summary",
            ref=str(round_.id),
        )

    async def _render_summary(self, ref: str) -> dict[str, Any] | None:
        round_id = int(ref)
        round_ = await repository.get_round(self.bot.db, round_id)
        summary = await repository.summary_of(self.bot.db, round_id)
        channel = self._channel(round_.channel_id) if round_ else None
        if round_ is None or summary is None or channel is None:
            return None
        lang = self._lang(round_.guild_id)
        questions = await repository.questions(self.bot.db, round_id)
        return {
            "embed": render.summary_embed(self._t, lang, round_, questions, summary),
            **_reply_to(channel, round_.panel_message_id),
        }

    async def _summary_sent(
        self, ref: str, message: discord.Message | None, why: str | None
    ) -> None:
        """The summary is out (also when a restart found it posted): every question's buttons
        go off next, in the background."""
        round_id = int(ref)
        if message is not None:
            await repository.set_summary_message(self.bot.db, round_id, message.id)
        else:
            log.warning("The summary of Q&A round %s was not posted: %s", round_id, why)
        task = asyncio.create_task(self._disable_questions(round_id), name=f"qa-close-{round_id}")
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)


def _reply_to(channel: discord.TextChannel, message_id: int | None) -> dict[str, Any]:
    """Send as a reply to ``message_id``, which may have been deleted meanwhile."""
    if message_id is None:
        return {}
    reference = discord.MessageReference(
        message_id=message_id, channel_id=channel.id, fail_if_not_exists=False
    )
    return {"reference": reference, "mention_author": False}
