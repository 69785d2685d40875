"""The suggestions board at work: posting a suggestion with its thread, votes, the team's
status with the author told, merging duplicates, and the debounced edits of a suggestion's
message (also after a restart)."""

from __future__ import annotations

import logging
from typing import Any, Literal

import discord

from bot.checks import (
    POST_PERMISSIONS,
    missing_permissions,
    require_guild,
    require_same_guild,
    require_staff,
)
from bot.contentcheck.service import refusing
from bot.core import Bot
from bot.debounce import Debouncer
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.moderation.rulenames import rule_label
from bot.replies import lang_for, permission_label, send_private, text
from bot.repository import OutboxPost
from cogs.suggestions import render, repository
from cogs.suggestions.board import VOTABLE, Status
from cogs.suggestions.repository import Suggestion, VotingClosedError
from cogs.suggestions.views import status_choice, suggestion_view

log = logging.getLogger(__name__)

EDIT_DELAY = 2.0  # one edit of a suggestion's counts per 2 s at most
ARCHIVE_AFTER: Literal[10080] = 10080  # minutes: the discussion thread archives after a quiet week
DM_SENT = "suggestion-dm"


class SuggestionService:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._edits = Debouncer(EDIT_DELAY)
        self._voting: set[tuple[int, int]] = set()  # (suggestion, member) clicks being counted

    async def aclose(self) -> None:
        await self._edits.aclose()

    def lang(self, guild_id: int) -> Lang:
        return self.bot.guild_settings.locale(guild_id)

    def t(self, lang: Lang, key: str, /, **params: object) -> str:
        return self.bot.i18n.t(lang, key, **params)

    # --- finding things ---------------------------------------------------------------------

    async def suggestion_here(
        self, interaction: discord.Interaction[Any], suggestion_id: int
    ) -> Suggestion:
        suggestion = await repository.get(self.bot.db, suggestion_id)
        if suggestion is None:
            raise UserFacingError("suggestions.gone")
        require_same_guild(interaction, suggestion.guild_id)
        return suggestion

    def board_channel(self, guild: discord.Guild) -> discord.TextChannel:
        """The suggestions channel, where the bot can post; else a refusal that says why."""
        channel_id = self.bot.guild_settings.channel(guild.id, "suggestions")
        channel = guild.get_channel(channel_id) if channel_id else None
        if not isinstance(channel, discord.TextChannel):
            raise UserFacingError("suggestions.no_channel")
        missing = missing_permissions(channel.permissions_for(guild.me), POST_PERMISSIONS)
        if missing:
            raise UserFacingError(
                "suggestions.channel_unusable",
                channel=channel.mention,
                permissions=permission_label(missing),
            )
        return channel

    async def _refuse_if_rule_broken(self, guild_id: int, content: str, key: str) -> None:
        refused = refusing(await self.bot.content_check.check_text(guild_id, content))
        if refused:
            raise UserFacingError(key, rule=rule_label(self.bot.i18n, refused[0].rule))

    # --- suggesting -------------------------------------------------------------------------

    async def submit(self, interaction: discord.Interaction[Any], title: str, body: str) -> None:
        """Post a suggestion and open its public thread. Errors raised here reach the member
        with their text (the form gives it back)."""
        guild = require_guild(interaction)
        channel = await self._checked(guild, title, body)
        await interaction.response.defer(ephemeral=True, thinking=True)
        suggestion, message = await self._post(guild, channel, interaction.user.id, title, body)
        await send_private(
            interaction,
            text(
                interaction, "suggestions.posted", number=suggestion.number, link=message.jump_url
            ),
        )

    async def publish(
        self, guild_id: int, author_id: int, title: str, body: str
    ) -> tuple[Suggestion, str]:
        """A suggestion from elsewhere in the bot (criticism from the inbox whose author agreed):
        checked and posted exactly like one from the form; the suggestion and its link.
        Raises :class:`UserFacingError` when it cannot be posted."""
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            raise UserFacingError("suggestions.no_channel")
        channel = await self._checked(guild, title, body)
        suggestion, message = await self._post(guild, channel, author_id, title, body)
        return suggestion, message.jump_url

    async def _checked(self, guild: discord.Guild, title: str, body: str) -> discord.TextChannel:
        if not title:
            raise UserFacingError("suggestions.empty")
        await self._refuse_if_rule_broken(guild.id, f"{title}\n{body}", "suggestions.refused")
        return self.board_channel(guild)

    async def _post(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        author_id: int,
        title: str,
        body: str,
    ) -> tuple[Suggestion, discord.Message]:
        suggestion = await repository.create(
            self.bot.db, guild.id, author_id, title, body, channel.id, self.bot.clock()
        )
        lang = self.lang(guild.id)
        view = suggestion_view(self.t, lang, suggestion)
        assert view is not None  # a new suggestion is open
        try:
            message = await channel.send(
                embed=render.suggestion_embed(self.t, lang, suggestion),
                view=view,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            await repository.discard(self.bot.db, suggestion.id)  # never made; the text comes back
            log.warning("Posting suggestion %s failed: %s", suggestion.id, exc)
            raise UserFacingError("suggestions.not_posted") from exc
        thread_id = None
        try:
            # From the message: a public thread (one made in the channel alone would be private).
            thread = await message.create_thread(
                name=render.thread_name(suggestion), auto_archive_duration=ARCHIVE_AFTER
            )
            thread_id = thread.id
        except discord.HTTPException as exc:
            log.warning("The thread of suggestion %s was not made: %s", suggestion.id, exc)
        await repository.set_message(self.bot.db, suggestion.id, message.id, thread_id)
        return suggestion, message

    # --- votes ------------------------------------------------------------------------------

    async def vote(
        self, interaction: discord.Interaction[Any], suggestion_id: int, pressed: int
    ) -> None:
        """One vote per member: a second click of the same member while the first is being
        counted is not counted again (a double click counts once)."""
        key = (suggestion_id, interaction.user.id)
        if key in self._voting:
            raise UserFacingError("suggestions.vote_in_progress")
        self._voting.add(key)
        try:
            # Acknowledged before any database wait: a burst never misses Discord's deadline.
            await interaction.response.defer(ephemeral=True, thinking=True)
            suggestion = await self.suggestion_here(interaction, suggestion_id)
            if suggestion.status is Status.MERGED and suggestion.merged_into:
                suggestion = await self.suggestion_here(interaction, suggestion.merged_into)
            if suggestion.status not in VOTABLE:
                raise VotingClosedError()
            if suggestion.author_id == interaction.user.id:
                raise UserFacingError("suggestions.own")
            voter, now, target = interaction.user.id, self.bot.clock(), suggestion.id
            after, up, down = await self.bot.writes.run(
                lambda tx: repository.vote_in(tx, target, voter, pressed, now)
            )
        finally:
            self._voting.discard(key)
        said = {1: "suggestions.voted_up", -1: "suggestions.voted_down"}.get(
            after or 0, "suggestions.unvoted"
        )
        await send_private(
            interaction, text(interaction, said, number=suggestion.number, up=up, down=down)
        )
        self.later(suggestion.id)

    # --- the team: status and merging ---------------------------------------------------------

    async def offer_statuses(
        self, interaction: discord.Interaction[Any], suggestion_id: int
    ) -> None:
        suggestion = await self.suggestion_here(interaction, suggestion_id)
        if suggestion.status is Status.MERGED:
            raise UserFacingError("suggestions.status_merged", number=suggestion.number)
        await send_private(
            interaction,
            text(interaction, "suggestions.choose_status", number=suggestion.number),
            view=status_choice(self.t, lang_for(interaction), suggestion),
        )

    async def set_status(
        self,
        interaction: discord.Interaction[Any],
        suggestion: Suggestion,
        status: Status,
        reason: str,
    ) -> None:
        """Record the status with its reason and queue, in the same transaction, the public note
        in the thread and the author's DM (each posted exactly once, also across a restart)."""
        guild = require_guild(interaction)
        require_staff(interaction)
        if not reason:
            raise UserFacingError("suggestions.reason_empty")
        if suggestion.status is Status.MERGED:
            raise UserFacingError("suggestions.status_merged", number=suggestion.number)
        await self._refuse_if_rule_broken(guild.id, reason, "suggestions.reason_refused")
        if not interaction.response.is_done():
            await interaction.response.defer(ephemeral=True, thinking=True)
        lang = self.lang(guild.id)

        def posts(change_id: int) -> list[OutboxPost]:
            queued = []
            if suggestion.thread_id:
                note = render.status_note(self.t, lang, status, reason)
                queued.append(
                    OutboxPost(
                        key=f"sgn{change_id:x}",
                        guild_id=guild.id,
                        content=note,
                        channel_id=suggestion.thread_id,
                    )
                )
            if suggestion.author_id:
                dm = render.status_dm(self.t, lang, suggestion, status, reason, guild.name)
                queued.append(
                    OutboxPost(
                        key=f"sgd{change_id:x}",
                        guild_id=guild.id,
                        content=dm,
                        user_id=suggestion.author_id,
                        on_sent=DM_SENT,
                        ref=f"{change_id}:{suggestion.id}:{status.value}",
                    )
                )
            return queued

        change_id = await repository.change_status(
            self.bot.db, suggestion.id, status, reason, interaction.user.id, self.bot.clock(), posts
        )
        if change_id is None:
            raise UserFacingError("suggestions.status_merged", number=suggestion.number)
        await self.refresh(suggestion.id)
        await send_private(
            interaction,
            text(
                interaction,
                "suggestions.status_set",
                number=suggestion.number,
                status=render.status_label(self.bot.i18n.t, lang, status),
            ),
        )
        await self.bot.outbox.deliver([f"sgn{change_id:x}", f"sgd{change_id:x}"])

    async def dm_sent(self, ref: str, message: discord.Message | None, why: str | None) -> None:
        """The author's DM was refused (their DMs are closed, Discord's 50007): they are
        mentioned in the suggestion's thread instead, once."""
        if message is not None or why is None or not why.startswith("403"):
            return
        change_id, suggestion_id, status = ref.split(":")
        suggestion = await repository.get(self.bot.db, int(suggestion_id))
        if suggestion is None or not suggestion.author_id or not suggestion.thread_id:
            return
        lang = self.lang(suggestion.guild_id)
        label = render.status_label(self.t, lang, Status(status))
        post = OutboxPost(
            key=f"sgm{int(change_id):x}",
            guild_id=suggestion.guild_id,
            content=self.t(
                lang,
                "suggestions.status_mention",
                author=f"<@{suggestion.author_id}>",
                status=label,
            ),
            channel_id=suggestion.thread_id,
            pings=(suggestion.author_id,),
        )
        await repository.queue_posts(self.bot.db, [post], self.bot.clock())
        self.bot.outbox.kick()

    async def merge(
        self, interaction: discord.Interaction[Any], duplicate: Suggestion, target: Suggestion
    ) -> None:
        guild = require_guild(interaction)
        require_staff(interaction)
        if (
            duplicate.id == target.id
            or Status.MERGED in (duplicate.status, target.status)
            or not duplicate.guild_id == target.guild_id == guild.id
        ):
            raise UserFacingError("suggestions.merge_invalid")
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not await repository.merge(self.bot.db, duplicate, target, self.bot.clock()):
            raise UserFacingError("suggestions.merge_invalid")
        await self.refresh(target.id)
        await self.refresh(duplicate.id)
        merged = await repository.get(self.bot.db, target.id) or target
        await send_private(
            interaction,
            text(
                interaction,
                "suggestions.merged_done",
                duplicate=duplicate.number,
                number=merged.number,
                up=merged.up,
                down=merged.down,
            ),
        )

    # --- the message ------------------------------------------------------------------------

    def later(self, suggestion_id: int) -> None:
        self._edits.schedule(suggestion_id, lambda: self.refresh(suggestion_id))

    async def refresh(self, suggestion_id: int) -> None:
        """Show the stored state on the suggestion's message (its counts, status, merge)."""
        suggestion = await repository.get(self.bot.db, suggestion_id)
        if suggestion is None or suggestion.message_id is None:
            return
        channel = self.bot.get_channel(suggestion.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return  # the channel is gone: nothing to show it in
        lang = self.lang(suggestion.guild_id)
        fields: dict[str, Any] = {
            "embed": render.suggestion_embed(self.t, lang, suggestion),
            "view": suggestion_view(self.t, lang, suggestion),
        }
        if suggestion.status is Status.MERGED and suggestion.merged_into:
            target = await repository.get(self.bot.db, suggestion.merged_into)
            if target is not None:
                fields["content"] = self.t(
                    lang,
                    "suggestions.merged_into",
                    number=target.number,
                    link=render.link(target.guild_id, target.channel_id, target.message_id),
                )
        try:
            await channel.get_partial_message(suggestion.message_id).edit(**fields)
        except (discord.NotFound, discord.Forbidden) as exc:
            log.warning("Suggestion %s cannot be shown any more: %s", suggestion.id, exc)
        except discord.HTTPException as exc:
            log.warning("Updating suggestion %s failed, tried again later: %s", suggestion.id, exc)
            return
        await repository.set_shown(self.bot.db, suggestion.id, suggestion.version)

    async def refresh_stale(self) -> None:
        """After a restart (or a forget): every message that shows an older state than stored
        is brought up to date, through the debounced edits."""
        await self.bot.wait_until_ready()
        for suggestion in await repository.stale(self.bot.db):
            self.later(suggestion.id)
