"""The slash commands of Q&A rounds: /qa start|end|answer|merge|author|export and /ask.

The /qa group is visible to everyone because a round's host need not be a moderator; every
command checks at run time who may use it (moderators, or the host for end, answer and export).
Questions are named as members see them: ``#2`` in this channel's round, or ``4#2`` for question 2
of round 4 (what the autocomplete fills in).
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import discord
from discord import app_commands
from discord.ext import commands

from bot import cooldowns
from bot.checks import posting_channel, require_guild, require_same_guild, staff_member
from bot.core import Bot
from bot.durations import parse_duration
from bot.errors import RestartingError, UserFacingError
from bot.replies import report_error, send_private, text
from bot.scopes import Scope, scoped
from cogs.qa import render, repository
from cogs.qa.cog import QaCog
from cogs.qa.questions import QuestionService
from cogs.qa.repository import Question, QuestionState, Round
from cogs.qa.service import DEFAULT_DURATION, QaService
from cogs.qa.views import ANSWER_MAX, RoundOption, may_see

RoundArg = app_commands.Transform[Round, RoundOption]

# "2", "#2" (this channel's round) or "4#2" (round 4): the round only ever before a "#".
_QUESTION = re.compile(r"^\s*(?:(?P<round>\d{1,18})\s*#|#)?\s*(?P<number>\d{1,6})\s*$")


def question_ref(value: str) -> tuple[int | None, int] | None:
    """``"2"``/``"#2"`` -> (None, 2): this channel's round; ``"4#2"`` -> (4, 2); else None."""
    match = _QUESTION.match(value)
    if match is None:
        return None
    return (int(match["round"]) if match["round"] else None), int(match["number"])


class QaCommands(commands.Cog):
    qa = app_commands.Group(
        name="qa", description="Q&A rounds: questions, votes and answers", guild_only=True
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def _cog(self) -> QaCog:
        cog = self.bot.get_cog("QaCog")
        if not isinstance(cog, QaCog):
            raise RestartingError()  # unloading at shutdown
        return cog

    @property
    def rounds(self) -> QaService:
        return self._cog().service

    @property
    def questions(self) -> QuestionService:
        return self._cog().questions

    async def _round_option(
        self, interaction: discord.Interaction, chosen: Round | None, *, ended_too: bool = False
    ) -> Round:
        """The round chosen in the option, else this channel's open round (or, with
        ``ended_too``, its latest round, open or ended)."""
        guild = require_guild(interaction)
        if chosen is not None:
            return chosen
        channel_id = interaction.channel_id or 0
        if ended_too:
            round_ = await repository.latest_round_in(self.bot.db, channel_id)
        else:
            round_ = await repository.open_round_in(self.bot.db, channel_id)
        if round_ is None or round_.guild_id != guild.id:
            raise UserFacingError("qa.none_here")
        return round_

    async def _question_option(self, interaction: discord.Interaction, value: str) -> Question:
        """``#2`` (this channel's latest round) or ``4#2`` (question 2 of round 4)."""
        ref = question_ref(value)
        if ref is None:
            raise UserFacingError("qa.unknown_question", id=value[:20])
        round_id, number = ref
        if round_id is not None:
            round_ = await repository.get_round(self.bot.db, round_id)
        else:
            round_ = await repository.latest_round_in(self.bot.db, interaction.channel_id or 0)
        if round_ is None or round_.guild_id != interaction.guild_id:
            raise UserFacingError("qa.unknown_question", id=value[:20])
        question = await repository.question_by_number(self.bot.db, round_.id, number)
        if question is None:
            raise UserFacingError("qa.unknown_question", id=value[:20])
        return question

    @scoped(Scope.SERVER_MODERATOR)
    @qa.command(name="start", description="Open a Q&A round in a channel")
    @app_commands.describe(
        topic="What the round is about",
        duration="How long questions are taken, e.g. 1h, 90m (default 1h)",
        channel="Where the round runs (default: here)",
        host="Who answers (default: you)",
        anonymous="All questions without their author's name",
        moderated="Questions wait for a moderator's approval",
        questions_per_member="Questions each member may ask (default 3)",
    )
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
        self.questions.require_team(interaction)
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
        round_ = await self.rounds.open_round(
            guild,
            target,
            interaction.user.id,
            topic,
            length,
            host_id=host.id if host else None,
            anonymous=anonymous,
            moderated=moderated,
            max_questions=questions_per_member,
        )
        await send_private(
            interaction, text(interaction, "qa.started", id=round_.id, channel=target.mention)
        )

    @scoped(Scope.OWNER)
    @qa.command(name="end", description="Close a Q&A round now and post the summary")
    @app_commands.describe(chosen="The round (default: the one in this channel)")
    @app_commands.rename(chosen="round")
    async def end(self, interaction: discord.Interaction, chosen: RoundArg | None = None) -> None:
        round_ = await self._round_option(interaction, chosen)
        self.questions.require_host(interaction, round_)
        await interaction.response.defer(ephemeral=True, thinking=True)
        key = "qa.ended" if await self.rounds.finish(round_.id) else "qa.already_closed"
        await send_private(interaction, text(interaction, key, id=round_.id))

    @scoped(Scope.OWNER)
    @qa.command(name="answer", description="Answer a question of a Q&A round")
    @app_commands.describe(question_id="The question, e.g. #2", answer="Your answer")
    @app_commands.rename(question_id="question", answer="text")
    async def answer(
        self,
        interaction: discord.Interaction,
        question_id: str,
        answer: app_commands.Range[str, 1, ANSWER_MAX],
    ) -> None:
        try:
            question = await self._question_option(interaction, question_id)
            await self.questions.answer(interaction, question.id, answer.strip())
        except Exception as error:
            await report_error(interaction, error, kept=answer)

    @scoped(Scope.SERVER_MODERATOR)
    @qa.command(name="merge", description="Merge a duplicate question into another one")
    @app_commands.describe(
        duplicate="The duplicate, e.g. #3", into="The question it duplicates, e.g. #1"
    )
    async def merge(self, interaction: discord.Interaction, duplicate: str, into: str) -> None:
        require_guild(interaction)
        self.questions.require_team(interaction)
        dup = await self._question_option(interaction, duplicate)
        target = await self._question_option(interaction, into)
        round_ = await repository.get_round(self.bot.db, target.round_id)
        assert round_ is not None
        merged = await self.questions.merge(round_, dup, target, interaction.user.id)
        await send_private(
            interaction,
            text(
                interaction,
                "qa.merged_done",
                duplicate=dup.number,
                number=merged.number,
                count=merged.votes,
            ),
        )

    @scoped(Scope.SERVER_MODERATOR)
    @qa.command(name="author", description="Who asked a question (also anonymous ones)")
    @app_commands.describe(question_id="The question, e.g. #2")
    @app_commands.rename(question_id="question")
    async def author(self, interaction: discord.Interaction, question_id: str) -> None:
        require_guild(interaction)
        self.questions.require_team(interaction)
        question = await self._question_option(interaction, question_id)
        who = f"<@{question.author_id}>" if question.author_id else text(interaction, "qa.erased")
        await send_private(
            interaction, text(interaction, "qa.author_is", number=question.number, author=who)
        )

    @scoped(Scope.OWNER)
    @qa.command(name="export", description="A Markdown transcript of a Q&A round")
    @app_commands.describe(chosen="The round (default: the latest one in this channel)")
    @app_commands.rename(chosen="round")
    async def export(
        self, interaction: discord.Interaction, chosen: RoundArg | None = None
    ) -> None:
        round_ = await self._round_option(interaction, chosen, ended_too=True)
        self.questions.require_host(interaction, round_)
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
        lang = self.bot.guild_settings.locale(guild.id)
        body = render.transcript(
            self.bot.i18n.t,
            lang,
            round_,
            questions,
            render.TranscriptNames(names),
            await repository.summary_of(self.bot.db, round_.id),
        )
        await send_private(
            interaction,
            text(interaction, "qa.exported", id=round_.id),
            file=discord.File(io.BytesIO(body.encode()), filename=f"qa-{round_.id}.md"),
        )

    @scoped(Scope.MEMBER, limit=cooldowns.ASK)
    @app_commands.command(name="ask", description="Ask a question in this channel's Q&A round")
    @app_commands.describe(question="Your question", anonymous="Hide your name from other members")
    @app_commands.guild_only()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 4000],
        anonymous: bool = False,
    ) -> None:
        try:
            round_ = await repository.open_round_in(self.bot.db, interaction.channel_id or 0)
            if round_ is None or round_.guild_id != interaction.guild_id:
                raise UserFacingError("qa.none_here")
            await self.questions.ask(interaction, round_, question.strip(), anonymous)
        except Exception as error:
            await report_error(interaction, error, kept=question)

    @answer.autocomplete("question_id")
    @merge.autocomplete("duplicate")
    @merge.autocomplete("into")
    @author.autocomplete("question_id")
    async def _questions(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        team = staff_member(interaction) is not None
        rounds = {
            r.id: r
            for r in await repository.recent_rounds(self.bot.db, interaction.guild_id, 50)
            if may_see(self.bot, interaction, r, team)
        }
        found = await repository.questions_of_guild(self.bot.db, interaction.guild_id)
        needle = current.casefold().lstrip("#")
        choices = []
        for q in found:
            # Waiting questions only for the team; nothing from rounds one may not see.
            if q.round_id not in rounds or q.state not in (
                (QuestionState.VISIBLE, QuestionState.PENDING) if team else (QuestionState.VISIBLE,)
            ):
                continue
            label = f"#{q.number} · R{q.round_id} · {' '.join(q.text.split())}"
            if needle in label.casefold():
                choices.append(
                    app_commands.Choice(name=label[:100], value=f"{q.round_id}#{q.number}")
                )
        return choices[:25]
