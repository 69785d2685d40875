"""Q&A rounds at work: opening and arming a round, the debounced edits of its panel and its
questions, and closing it with the summary. What happens to questions is in ``questions.py``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import discord

from bot.core import Bot
from bot.debounce import Debouncer
from bot.errors import UserFacingError
from bot.guildjobs import held_back
from bot.i18n import Lang
from bot.repository import OutboxPost
from cogs.qa import render, repository
from cogs.qa.repository import QuestionState, Round
from cogs.qa.views import panel_view, question_view

log = logging.getLogger(__name__)

QUESTION_EDIT_DELAY = 2.0  # one edit of a question's vote count per 2 s at most
PANEL_EDIT_DELAY = 3.0  # one edit of the panel's top list per 3 s at most
DEFAULT_DURATION = timedelta(hours=1)
CLOSE_WAIT = 10.0  # seconds a shutdown waits for a closing round's button edits


class QaService:
    """A round's life and its messages, for commands, schedules and ``QuestionService``."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._question_edits = Debouncer(QUESTION_EDIT_DELAY)
        self._panel_edits = Debouncer(PANEL_EDIT_DELAY)
        self._closing: set[asyncio.Task[None]] = set()

    async def aclose(self) -> None:
        if self._closing:  # disabling buttons of a just-closed round: a bounded wait at shutdown
            await asyncio.wait(self._closing, timeout=CLOSE_WAIT)
        await self._question_edits.aclose()
        await self._panel_edits.aclose()

    async def refresh_stale(self) -> None:
        """After a restart: bring every open question whose shown vote count differs from the
        database up to date (through the debounced, rate-limited edits)."""
        await self.bot.wait_until_ready()
        for question in await repository.stale_questions(self.bot.db):
            self.later(question.round_id, question.id)

    def arm(self, round_: Round) -> None:
        self.bot.scheduler.run_at(f"qa:{round_.id}", round_.ends_at, self._timer, round_.id)

    async def _timer(self, round_id: int) -> None:
        await self.bot.wait_until_ready()
        round_ = await repository.get_round(self.bot.db, round_id)
        if round_ is None or held_back(
            self.bot, round_.guild_id, f"qa:{round_id}", self._timer, round_id
        ):
            return  # gone, or its server is not in view: the round stays open for now
        await self.finish(round_id)

    def lang(self, guild_id: int) -> Lang:
        return self.bot.guild_settings.locale(guild_id)

    def t(self, lang: Lang, key: str, /, **params: object) -> str:
        return self.bot.i18n.t(lang, key, **params)

    def channel(self, channel_id: int) -> discord.TextChannel | None:
        channel = self.bot.get_channel(channel_id)
        return channel if isinstance(channel, discord.TextChannel) else None

    # --- messages ------------------------------------------------------------------------------

    async def edit(self, channel_id: int, message_id: int | None, **fields: Any) -> bool:
        channel = self.channel(channel_id)
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
        lang = self.lang(round_.guild_id)
        questions = await repository.questions(self.bot.db, round_id)
        await self.edit(
            round_.channel_id,
            round_.panel_message_id,
            embed=render.panel_embed(self.t, lang, round_, questions, self.bot.clock()),
            view=panel_view(self.t, lang, round_),
        )

    async def refresh_question(self, question_id: int) -> None:
        question = await repository.get_question(self.bot.db, question_id)
        round_ = await repository.get_round(self.bot.db, question.round_id) if question else None
        if question is None or round_ is None or question.message_id is None:
            return
        lang = self.lang(round_.guild_id)
        fields: dict[str, Any] = {
            "embed": render.question_embed(self.t, lang, round_, question),
            "view": question_view(self.t, lang, round_, question),
        }
        if question.state == QuestionState.MERGED:
            target = (
                await repository.get_question(self.bot.db, question.merged_into)
                if question.merged_into
                else None
            )
            number = target.number if target else "?"
            fields.update(content=self.t(lang, "qa.merged_into", number=number), view=None)
        if await self.edit(round_.channel_id, question.message_id, **fields):
            await repository.set_shown_votes(self.bot.db, question.id, question.votes)

    def _refresher(self, question_id: int) -> Callable[[], Awaitable[None]]:
        return lambda: self.refresh_question(question_id)

    def later(self, round_id: int, question_id: int | None = None) -> None:
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
        if moderated and self.review_channel(guild) is None:
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
        lang = self.lang(guild.id)
        try:
            message = await channel.send(
                embed=render.panel_embed(self.t, lang, round_, [], now),
                view=panel_view(self.t, lang, round_),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            await repository.discard_round(self.bot.db, round_.id)
            raise
        await repository.set_panel(self.bot.db, round_.id, message.id)
        self.arm(round_)
        return round_

    def review_channel(self, guild: discord.Guild) -> discord.TextChannel | None:
        channel_id = self.bot.guild_settings.channel(guild.id, "modlog")
        channel = guild.get_channel(channel_id) if channel_id else None
        return channel if isinstance(channel, discord.TextChannel) else None

    # --- closing ----------------------------------------------------------------------------

    async def finish(self, round_id: int) -> bool:
        """Close exactly once (the timer, /qa end and a restart may race), post the summary
        (queued with the close: exactly once, also across a crash); once it is out, the question
        buttons are disabled in the background (paced by Discord's limits)."""
        round_ = await repository.get_round(self.bot.db, round_id)
        if round_ is None:
            return False
        post = self.summary_post(round_)
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
    def summary_post(round_: Round) -> OutboxPost:
        return OutboxPost(
            key=f"qs{round_.id:x}",
            guild_id=round_.guild_id,
            channel_id=round_.channel_id,
            content="",
            renderer="qa-summary",
            on_sent="qa-summary",
            ref=str(round_.id),
        )

    async def render_summary(self, ref: str) -> dict[str, Any] | None:
        round_id = int(ref)
        round_ = await repository.get_round(self.bot.db, round_id)
        summary = await repository.summary_of(self.bot.db, round_id)
        channel = self.channel(round_.channel_id) if round_ else None
        if round_ is None or summary is None or channel is None:
            return None
        lang = self.lang(round_.guild_id)
        questions = await repository.questions(self.bot.db, round_id)
        return {
            "embed": render.summary_embed(self.t, lang, round_, questions, summary),
            **reply_to(channel, round_.panel_message_id),
        }

    async def summary_sent(
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


def reply_to(channel: discord.TextChannel, message_id: int | None) -> dict[str, Any]:
    """Send as a reply to ``message_id``, which may have been deleted meanwhile."""
    if message_id is None:
        return {}
    reference = discord.MessageReference(
        message_id=message_id, channel_id=channel.id, fail_if_not_exists=False
    )
    return {"reference": reference, "mention_author": False}
