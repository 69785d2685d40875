"""Discord glue of the feedback inbox: members speak up, criticism is kept, not deleted."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import cooldowns, loops
from bot.checks import require_guild
from bot.contentcheck import criticism
from bot.contentcheck.rules import evaluate_text
from bot.contentcheck.service import refusing
from bot.core import Bot
from bot.errors import UserFacingError
from bot.moderation.rulenames import rule_label
from bot.replies import quote, report_error, send_private, text
from bot.scopes import ADMIN, MEMBER, Access, Scope, enforce, scoped
from bot.ui.buttons import ScopedModal
from cogs.feedback import (
    publish_repository,
    publish_strings,
    repository,
    strings,
    talk_repository,
    talk_strings,
)
from cogs.feedback.conversation import Talk
from cogs.feedback.grouping import Grouping
from cogs.feedback.inbox import InboxButton, post, refresh
from cogs.feedback.publishing import ConsentButton, Publishing
from cogs.feedback.repository import InboxSettings
from cogs.feedback.talk_views import MemberButton, TeamCloseButton

log = logging.getLogger(__name__)

REPORT_REASONS = ("spam", "harassment", "offensive", "criticism", "other")
BATCH_INTERVAL = 1.0


class FeedbackModal(ScopedModal):
    access = Access(Scope.MEMBER, limit=cooldowns.FEEDBACK)

    def __init__(
        self, cog: FeedbackCog, interaction: discord.Interaction[Any], anonymous: bool
    ) -> None:
        super().__init__(
            title=text(interaction, "feedback.title")[:45],
            custom_id=f"feedback-modal:{interaction.id}",
            timeout=900,
        )
        self.cog, self.anonymous = cog, anonymous
        self.body: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "feedback.label")[:45],
            style=discord.TextStyle.paragraph,
            min_length=10,
            max_length=1000,
        )
        self.add_item(self.body)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        bot = self.cog.bot
        content = self.body.value.strip()
        verdicts = await bot.content_check.check_text(guild.id, content)
        refused = refusing(verdicts)
        if refused:
            raise UserFacingError(
                "feedback.refused",
                rule=rule_label(bot.i18n, refused[0].rule),
                text=quote(content, 1000),
            )
        if bot.guild_settings.channel(guild.id, "feedback") is None:
            raise UserFacingError("inbox.not_configured", text=quote(content, 1000))
        item = await repository.add_item(
            bot.db,
            guild_id=guild.id,
            kind="feedback",
            author_id=interaction.user.id,
            content=content,
            now=bot.clock(),
            anonymous=self.anonymous,
        )
        assert item is not None
        if not await post(bot, item):
            raise UserFacingError("inbox.not_configured", text=quote(content, 1000))
        bot.activity_service.record(guild.id, "feedback", interaction.user.id)
        if not self.anonymous:
            key = "feedback.sent_named"
        elif self.cog.settings.get(guild.id, InboxSettings()).show_authors:
            key = "feedback.sent_anonymous_visible"
        else:
            key = "feedback.sent_anonymous_hidden"
        await send_private(interaction, text(interaction, key))


class ReportNoteModal(ScopedModal):
    access = MEMBER  # the rate limit was taken by the Report message menu

    def __init__(
        self,
        cog: FeedbackCog,
        interaction: discord.Interaction[Any],
        message: discord.Message,
        reason: str,
    ) -> None:
        super().__init__(
            title=text(interaction, "report.note_title")[:45],
            custom_id=f"report-note:{interaction.id}",
            timeout=900,
        )
        self.cog, self.message, self.reason = cog, message, reason
        self.note: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "report.note_label")[:45],
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=500,
        )
        self.add_item(self.note)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        key = await self.cog.file_report(
            interaction, self.message, self.reason, self.note.value.strip() or None
        )
        await send_private(interaction, text(interaction, key))


class ReportReasonView(discord.ui.View):
    """The reporter picks a reason; then a modal asks for an optional note."""

    def __init__(
        self, cog: FeedbackCog, interaction: discord.Interaction[Any], message: discord.Message
    ) -> None:
        super().__init__(timeout=300)
        self.cog, self.message, self.reporter_id = cog, message, interaction.user.id
        options = [
            discord.SelectOption(
                label=text(interaction, f"report.reason.{reason}")[:100], value=reason
            )
            for reason in REPORT_REASONS
        ]
        select: discord.ui.Select[Any] = discord.ui.Select(
            placeholder=text(interaction, "report.pick")[:150], options=options
        )
        select.callback = self._picked  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.reporter_id

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: Any
    ) -> None:
        await report_error(interaction, error)

    async def _picked(self, interaction: discord.Interaction[Any]) -> None:
        self.stop()
        await interaction.response.send_modal(
            ReportNoteModal(self.cog, interaction, self.message, self.select.values[0])
        )


class FeedbackCog(commands.Cog):
    inbox = app_commands.Group(
        name="inbox",
        description="Feedback inbox settings (admins)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        bot.i18n.add_feature(talk_strings)
        bot.i18n.add_feature(publish_strings)
        self.talk = Talk(bot)
        self.publishing = Publishing(bot)
        self.grouping = Grouping(bot)
        self.settings: dict[int, InboxSettings] = {}
        self._queue: list[discord.Message] = []
        self._counts_shown = False  # the topics' counts left pending by a stop, shown once
        self._detector = loops.every(
            BATCH_INTERVAL, self._judge_queued, what="Judging messages for the feedback inbox"
        )
        self._menu = scoped(Scope.MEMBER, limit=cooldowns.REPORT)(
            app_commands.ContextMenu(name="Report message", callback=self.report_message)
        )
        self._menu.guild_only = True

    async def cog_load(self) -> None:
        self.settings = await repository.load_settings(self.bot.db)
        self.bot.add_dynamic_items(InboxButton, MemberButton, TeamCloseButton, ConsentButton)
        self.bot.tree.add_command(self._menu)
        self.bot.privacy.register(
            "feedback",
            "Feedback you sent, your criticism copied to the team's inbox, your conversations "
            "with the team about them, the team's questions whether one may become a public "
            "suggestion, and reports you made.",
            self._export,
            self._forget,
            erase=repository.forget_user,
        )
        await self.talk.load()
        self.publishing.load()
        self._detector.start()
        self.bot.add_warmup("feedback", criticism.default_model)
        # Last: messages reach the feature only once it has loaded.
        self.bot.add_message_hook("feedback", self.notice_message)

    async def cog_unload(self) -> None:
        self.bot.remove_warmup("feedback")
        self.bot.remove_message_hook("feedback")
        self.bot.tree.remove_command(self._menu.name, type=self._menu.type)
        self.bot.privacy.unregister("feedback")
        await loops.halt(self._detector)
        await self.talk.aclose()
        await self.grouping.aclose()

    async def _export(self, user_id: int) -> dict[str, object]:
        return {
            "items": await repository.items_of_user(self.bot.db, user_id),
            "conversations": await talk_repository.transcript_of_user(self.bot.db, user_id),
            "offered_as_suggestion": await publish_repository.of_user(self.bot.db, user_id),
        }

    async def _forget(self, user_id: int) -> int:
        """The erase, and the topic groups' inbox messages that quoted the member are shown
        again without their words."""
        leaders = await repository.leaders_of(self.bot.db, user_id)
        removed = await repository.forget_user(self.bot.db, user_id)
        for guild_id, leader_id in leaders:
            await self.grouping.show(guild_id, leader_id)
        return removed

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self.talk.catch_up()  # every new session: a reconnect may have missed messages
        if not self._counts_shown:
            self._counts_shown = True
            await self.grouping.show_recent()

    # --- civil criticism from chat ----------------------------------------------------------

    def notice_message(self, message: discord.Message) -> None:
        """A message hook: a cheap prefilter queues candidates for the batched judge."""
        guild = message.guild
        if guild is None or self.talk.notice(message):
            return  # a conversation's thread: the team talks to a member there
        if message.author.bot or not message.content:
            return
        if (
            not self.settings.get(guild.id, InboxSettings()).detect
            or self.bot.guild_settings.channel(guild.id, "feedback") is None
        ):
            return
        if criticism.prefilter(message.content):
            self._queue.append(message)

    async def _judge_queued(self) -> None:
        if self._queue:
            batch, self._queue = self._queue, []
            await self._judge(batch)

    async def _judge(self, batch: list[discord.Message]) -> None:
        model = await asyncio.to_thread(criticism.default_model)
        # The criticism head screens every message; only its few candidates cost an offense
        # score and a full judgement.
        batch = await asyncio.to_thread(lambda: [m for m in batch if model.candidate(m.content)])
        if not batch:
            return
        texts = [m.content for m in batch]
        offense = await self.bot.content_check.score_offense_async(texts)
        findings = await asyncio.to_thread(
            lambda: [
                model.judge(t, s.lang if s else None, bool(s and s.review), s.score if s else None)
                for t, s in zip(texts, offense, strict=True)
            ]
        )
        for message, finding in zip(batch, findings, strict=True):
            if not finding.criticism or message.guild is None:
                continue
            spans = self._forbidden(message.guild.id, message.content)
            item = await repository.add_item(
                self.bot.db,
                guild_id=message.guild.id,
                kind="criticism",
                author_id=message.author.id,
                content=criticism.mask(message.content, spans),
                now=self.bot.clock(),
                channel_id=message.channel.id,
                message_id=message.id,
                reason="profanity" if finding.profanity or spans else None,
            )
            if item is not None:
                await post(self.bot, item)
                self.bot.activity_service.record(message.guild.id, "criticism", message.author.id)

    def _forbidden(self, guild_id: int, content: str) -> list[str]:
        """What the server's word and pattern rules match, as typed: criticism keeps its point in
        the inbox with these masked (the rule's own action applies to the message as configured)."""
        compiled = self.bot.content_check.compiled(guild_id)
        verdicts = evaluate_text(compiled, content)
        return [v.detail for v in verdicts if v.rule in ("words", "patterns")]

    # --- members speak up -------------------------------------------------------------------

    @scoped(Scope.MEMBER)
    @app_commands.command(name="feedback", description="Send feedback or criticism to the team")
    @app_commands.describe(anonymous="Hide your name from other members")
    @app_commands.guild_only()
    async def feedback(self, interaction: discord.Interaction, anonymous: bool = False) -> None:
        require_guild(interaction)
        await interaction.response.send_modal(FeedbackModal(self, interaction, anonymous))

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="feedback-status",
        description="Answers from the team that wait for you, and your open conversations",
    )
    @app_commands.guild_only()
    async def feedback_status(self, interaction: discord.Interaction) -> None:
        await self.talk.answers.status(interaction)

    async def report_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        require_guild(interaction)
        if message.author.id == interaction.user.id:
            raise UserFacingError("report.own")
        await send_private(
            interaction,
            text(interaction, "report.pick"),
            view=ReportReasonView(self, interaction, message),
        )

    async def file_report(
        self,
        interaction: discord.Interaction[Any],
        message: discord.Message,
        reason: str,
        note: str | None,
    ) -> str:
        guild = require_guild(interaction)
        if message.guild is None or message.guild.id != guild.id:
            raise UserFacingError("error.foreign_id")
        bot = self.bot
        kind = "feedback" if reason == "criticism" else "modlog"
        if (
            bot.guild_settings.channel(guild.id, kind) is None
            and bot.guild_settings.channel(guild.id, "feedback") is None
        ):
            raise UserFacingError("report.not_configured")
        existing = await repository.open_report_for(bot.db, guild.id, message.id)
        if existing is not None:
            if not await repository.add_reporter(
                bot.db, existing.id, interaction.user.id, reason, note, bot.clock()
            ):
                return "report.duplicate"
            await refresh(bot, existing)
            return "report.merged"
        item = await repository.add_item(
            bot.db,
            guild_id=guild.id,
            kind="report",
            author_id=message.author.id,
            content=message.content or "-",
            now=bot.clock(),
            channel_id=message.channel.id,
            message_id=message.id,
            reason=reason,
        )
        if item is None:  # reported by someone else at the same moment
            return await self.file_report(interaction, message, reason, note)
        await repository.add_reporter(
            bot.db, item.id, interaction.user.id, reason, note, bot.clock()
        )
        if not await post(bot, item, reporters=1):
            raise UserFacingError("report.not_delivered")
        return "report.sent"

    # --- settings ---------------------------------------------------------------------------

    @scoped(Scope.ADMIN)
    @inbox.command(name="settings", description="Feedback inbox settings (admins)")
    @app_commands.describe(
        show_authors="May the team see who sent anonymous feedback?",
        reply_mode="How answers reach members",
        detect="Copy civil criticism from chat into the inbox",
    )
    @app_commands.choices(
        reply_mode=[
            app_commands.Choice(name="by DM", value="dm"),
            app_commands.Choice(name="in a thread", value="thread"),
        ]
    )
    async def inbox_settings(
        self,
        interaction: discord.Interaction,
        show_authors: bool | None = None,
        reply_mode: app_commands.Choice[str] | None = None,
        detect: bool | None = None,
    ) -> None:
        guild = require_guild(interaction)
        enforce(interaction, ADMIN)
        current = self.settings.get(guild.id, InboxSettings())
        updated = InboxSettings(
            current.show_authors if show_authors is None else show_authors,
            current.reply_mode if reply_mode is None else reply_mode.value,
            current.detect if detect is None else detect,
        )
        await repository.save_settings(self.bot.db, guild.id, updated, self.bot.clock())
        self.settings[guild.id] = updated
        yes, no = text(interaction, "common.yes"), text(interaction, "common.no")
        with contextlib.suppress(KeyError):
            mode = text(interaction, f"inbox.reply_how.{updated.reply_mode}")
        await send_private(
            interaction,
            text(
                interaction,
                "inbox.settings_saved",
                authors=yes if updated.show_authors else no,
                mode=mode,
                detect=yes if updated.detect else no,
            ),
        )
