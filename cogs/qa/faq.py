"""Discord glue of the community FAQ: entries, search, and answers to matching chat questions."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import parse_id, require_guild, require_moderator, require_same_guild
from bot.core import Bot
from bot.errors import ForeignIdError, UserFacingError
from bot.i18n import Lang
from bot.replies import send_private, text
from bot.scopes import Scope, scoped
from cogs.qa import render, repository
from cogs.qa.matching import Entry, FaqIndex
from cogs.qa.repository import FaqEntry, Question
from cogs.qa.views import RateButton

log = logging.getLogger(__name__)

FAQ_QUESTION_MAX = 300
FAQ_ANSWER_MAX = 2000


def _entry_number(query: str) -> int | None:
    """A query that is an entry's number (from the autocomplete), else None (a search)."""
    try:
        return parse_id(query)
    except ForeignIdError:
        return None


class FaqCog(commands.Cog):
    faq = app_commands.Group(name="faq", description="The community FAQ", guild_only=True)

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._indexes: dict[int, FaqIndex] = {}
        self._channels: set[tuple[int, int]] = set()
        self._titles: dict[int, dict[int, str]] = {}  # guild -> entry id -> question
        self._replying: set[asyncio.Task[None]] = set()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(RateButton)
        await self.reload()
        self._channels = await repository.faq_channels(self.bot.db)
        # Last: messages reach the feature only once it has loaded.
        self.bot.add_message_hook("faq", self.notice_message)

    async def reload(self) -> None:
        """Rebuild the search indexes from the database (after entries were deleted elsewhere)."""
        self._indexes.clear()
        self._titles.clear()
        for entry in await repository.faq_entries(self.bot.db):
            self._remember(entry)

    def _index(self, guild_id: int) -> FaqIndex:
        index = self._indexes.get(guild_id)
        if index is None:
            index = self._indexes[guild_id] = FaqIndex()
        return index

    def _lang(self, guild_id: int) -> Lang:
        return self.bot.guild_settings.locale(guild_id)

    # --- adding -----------------------------------------------------------------------------

    async def add_entry(
        self,
        guild_id: int,
        question: str,
        answer: str,
        created_by: int,
        source_question_id: int | None = None,
    ) -> FaqEntry | None:
        entry = await repository.add_faq(
            self.bot.db,
            guild_id=guild_id,
            question=question,
            answer=answer,
            created_by=created_by,
            now=self.bot.clock(),
            source_question_id=source_question_id,
        )
        if entry is not None:
            self._remember(entry)
        return entry

    def _remember(self, entry: FaqEntry) -> None:
        self._index(entry.guild_id).add(Entry(entry.id, entry.question, entry.answer))
        self._titles.setdefault(entry.guild_id, {})[entry.id] = entry.question

    async def promote(self, interaction: discord.Interaction[Any], question: Question) -> None:
        """The "Add to FAQ" button on an answer (moderators)."""
        guild = require_guild(interaction)
        require_moderator(interaction)
        if question.answer is None or not question.text:
            raise UserFacingError("faq.not_answered")
        entry = await self.add_entry(
            guild.id,
            question.text[:FAQ_QUESTION_MAX],
            question.answer,
            interaction.user.id,
            question.id,
        )
        if entry is None:
            raise UserFacingError("faq.already_added")
        await send_private(interaction, text(interaction, "faq.added", id=entry.id))

    @scoped(Scope.SERVER_MODERATOR)
    @faq.command(name="add", description="Add an entry to the FAQ (moderators)")
    @app_commands.describe(question="The question as members ask it", answer="The answer")
    @app_commands.rename(answer=app_commands.locale_str("answer", de="antwort"))
    async def add(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 5, FAQ_QUESTION_MAX],
        answer: app_commands.Range[str, 1, FAQ_ANSWER_MAX],
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        entry = await self.add_entry(
            guild.id, question.strip(), answer.strip(), interaction.user.id
        )
        assert entry is not None  # only questions from Q&A rounds are unique
        await send_private(interaction, text(interaction, "faq.added", id=entry.id))

    async def _entry_option(self, interaction: discord.Interaction, value: str) -> FaqEntry:
        entry = await repository.faq_entry(self.bot.db, parse_id(value))
        if entry is None:
            raise UserFacingError("faq.unknown", id=value[:20])
        require_same_guild(interaction, entry.guild_id)
        return entry

    @scoped(Scope.SERVER_MODERATOR)
    @faq.command(name="remove", description="Remove an entry from the FAQ (moderators)")
    @app_commands.describe(entry="The entry")
    @app_commands.rename(entry="faq_entry")
    async def remove(self, interaction: discord.Interaction, entry: str) -> None:
        require_moderator(interaction)
        found = await self._entry_option(interaction, entry)
        await repository.remove_faq(self.bot.db, found.id)
        self._index(found.guild_id).remove(found.id)
        self._titles.get(found.guild_id, {}).pop(found.id, None)
        await send_private(interaction, text(interaction, "faq.removed", id=found.id))

    def _entry_embed(self, lang: Lang, entry: FaqEntry) -> discord.Embed:
        embed = discord.Embed(
            title=render.safe_line(entry.question, 250),
            description=render.safe_block(entry.answer),
            colour=discord.Colour.teal(),
        )
        embed.set_footer(text=self.bot.i18n.t(lang, "faq.footer", id=entry.id))
        return embed

    @scoped(Scope.MEMBER)
    @faq.command(name="search", description="Find an answer in the FAQ")
    @app_commands.describe(
        query="What you are looking for", public="Post the answer in the channel"
    )
    async def search(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, 200],
        public: bool = False,
    ) -> None:
        guild = require_guild(interaction)
        entry: FaqEntry | None = None
        number = _entry_number(query)
        if number is not None:
            candidate = await repository.faq_entry(self.bot.db, number)
            if candidate is not None and candidate.guild_id == guild.id:
                entry = candidate
        if entry is None:
            found = self._index(guild.id).search(query, limit=1)
            if found:
                entry = await repository.faq_entry(self.bot.db, found[0].entry_id)
        if entry is None:
            raise UserFacingError("faq.nothing_found", query=render.safe_line(query, 100))
        if public:
            embed = self._entry_embed(self._lang(guild.id), entry)
            await interaction.response.send_message(
                embed=embed, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            from bot.replies import lang_for

            await send_private(interaction, embed=self._entry_embed(lang_for(interaction), entry))

    @scoped(Scope.MEMBER)
    @faq.command(name="list", description="Every FAQ entry")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        entries = await repository.faq_entries(self.bot.db, guild.id)
        if not entries:
            await send_private(interaction, text(interaction, "faq.empty"))
            return
        lines = [
            text(
                interaction,
                "faq.list_line",
                id=e.id,
                question=render.safe_line(e.question, 90),
                helped=e.helped,
                not_helped=e.not_helped,
            )
            for e in entries
        ]
        body = render.fit_lines(lines, 1900)
        if len(body) < len("\n".join(lines)):
            body += "\n" + text(interaction, "faq.list_more")
        await send_private(interaction, body)

    list_.name = "list"

    @scoped(Scope.SERVER_MODERATOR)
    @faq.command(
        name="autoreply", description="Answer matching questions in a channel from the FAQ"
    )
    @app_commands.describe(channel="The channel", enabled="On or off")
    async def autoreply(
        self, interaction: discord.Interaction, channel: discord.TextChannel, enabled: bool
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        require_same_guild(interaction, channel.guild.id)
        if enabled:
            from bot.checks import require_postable

            require_postable(interaction, channel)
        await repository.set_faq_channel(
            self.bot.db, guild.id, channel.id, enabled, self.bot.clock()
        )
        if enabled:
            self._channels.add((guild.id, channel.id))
        else:
            self._channels.discard((guild.id, channel.id))
        key = "faq.autoreply_on" if enabled else "faq.autoreply_off"
        await send_private(interaction, text(interaction, key, channel=channel.mention))

    @search.autocomplete("query")
    @remove.autocomplete("entry")
    async def _entries(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        index = self._index(interaction.guild_id)
        matches = index.search(current, limit=25)
        titles = self._titles.get(interaction.guild_id, {})
        return [
            app_commands.Choice(
                name=" ".join(titles[m.entry_id].split())[:100], value=str(m.entry_id)
            )
            for m in matches
            if m.entry_id in titles
        ]

    # --- auto-replies -----------------------------------------------------------------------

    async def cog_unload(self) -> None:
        self.bot.remove_message_hook("faq")
        await asyncio.gather(*self._replying, return_exceptions=True)

    def notice_message(self, message: discord.Message) -> None:
        """A message hook: a set lookup for most messages; a task only for a matching question."""
        guild = message.guild
        if (
            guild is None
            or message.author.bot
            or message.webhook_id is not None
            or (guild.id, message.channel.id) not in self._channels
            or not message.content
        ):
            return
        index = self._indexes.get(guild.id)
        if index is None or len(index) == 0:
            return
        found = index.match(message.content)
        if found is None or not message.channel.permissions_for(guild.me).send_messages:
            return  # nothing close enough, or the bot lost the right to answer here
        task = asyncio.create_task(self._reply_safely(message, guild, found.entry_id, found.score))
        self._replying.add(task)
        task.add_done_callback(self._replying.discard)

    async def _reply_safely(
        self, message: discord.Message, guild: discord.Guild, entry_id: int, score: float
    ) -> None:
        try:
            await self._auto_reply(message, guild, entry_id, score)
        except Exception:
            log.exception("FAQ auto-reply to message %s failed", message.id)

    async def _auto_reply(
        self, message: discord.Message, guild: discord.Guild, entry_id: int, score: float
    ) -> None:
        entry = await repository.faq_entry(self.bot.db, entry_id)
        if entry is None:
            return
        reply_id = await repository.claim_reply(
            self.bot.db, guild.id, entry.id, message.id, score, self.bot.clock()
        )
        if reply_id is None:
            return  # this message was answered before (a replayed event, a restart)
        lang = self._lang(guild.id)
        t = self.bot.i18n.t
        view = discord.ui.View(timeout=None)
        view.add_item(RateButton(reply_id, True, t(lang, "faq.helped")))
        view.add_item(RateButton(reply_id, False, t(lang, "faq.not_helped")))
        try:
            sent = await message.reply(
                t(lang, "faq.auto_intro"),
                embed=self._entry_embed(lang, entry),
                view=view,
                mention_author=False,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            log.warning("Could not post a FAQ answer in %s: %s", message.channel.id, exc)
            return
        await repository.set_reply_message(self.bot.db, reply_id, sent.id)

    async def rate(
        self, interaction: discord.Interaction[Any], reply_id: int, helpful: bool
    ) -> None:
        info = await repository.reply_info(self.bot.db, reply_id)
        if info is None:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, info[0])
        changed = await repository.rate_reply(self.bot.db, reply_id, interaction.user.id, helpful)
        if not changed:
            key = "faq.rated_already"
        else:
            key = "faq.thanks_helped" if helpful else "faq.thanks_not_helped"
        await send_private(interaction, text(interaction, key))
