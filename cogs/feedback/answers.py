"""The member's side of a conversation: answering, ending it, and /feedback-status.

An answer is stored before anything is posted, so nothing the member wrote is lost: if the
team's thread cannot be reached, the answer is posted later; if the team locked the thread, the
member gets their text back.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.checks import require_guild
from bot.contentcheck.service import refusing
from bot.errors import ForeignIdError, UserFacingError
from bot.moderation.rulenames import rule_label
from bot.replies import quote, send_private, text
from bot.repository import OutboxPost, add_posts
from cogs.feedback import publish_repository, relay, repository, talk_repository
from cogs.feedback.publishing import consent_buttons
from cogs.feedback.repository import Item
from cogs.feedback.talk_repository import Conversation
from cogs.feedback.talk_views import AnswerModal, member_view

if TYPE_CHECKING:
    from cogs.feedback.conversation import Talk

log = logging.getLogger(__name__)

LOCKED = 50083  # Discord: the thread is archived and locked
STATUS_ITEMS = 10  # conversations /feedback-status lists
RECENT = 25  # a thread's messages searched for an answer posted before a crash


class Answers:
    def __init__(self, talk: Talk) -> None:
        self.talk = talk
        self.bot = talk.bot

    async def _own(
        self, interaction: discord.Interaction[Any], guild_id: int, item_id: int
    ) -> tuple[Item, Conversation]:
        """The member's own item with its open conversation (the click may come from a DM)."""
        item = await repository.get_item(self.bot.db, guild_id, item_id)
        if item is None or item.author_id != interaction.user.id:
            raise ForeignIdError()
        conversation = await talk_repository.get(self.bot.db, item_id)
        if conversation is None or not conversation.open:
            raise UserFacingError("talk.closed")
        return item, conversation

    async def _locked(self, conversation: Conversation) -> bool:
        """A thread the team locked: the conversation counts as closed by the team."""
        if conversation.thread_id is None:
            return False
        thread = await self.talk._fetch_thread(conversation.thread_id)
        if thread is None or not thread.locked:
            return False
        await talk_repository.close(self.bot.db, conversation.item_id, "team", self.bot.clock())
        return True

    async def _last_team(self, item: Item) -> datetime | None:
        if item.author_id is None:
            return None
        return await talk_repository.last_team_message(self.bot.db, item.guild_id, item.author_id)

    async def offer(
        self, interaction: discord.Interaction[Any], guild_id: int, item_id: int
    ) -> None:
        await self._own(interaction, guild_id, item_id)
        # A modal must be the first response: nothing is deferred before it.
        await interaction.response.send_modal(AnswerModal(interaction, guild_id, item_id))

    async def answer(
        self, interaction: discord.Interaction[Any], guild_id: int, item_id: int, content: str
    ) -> None:
        """Errors raised here reach the member with their text (the form gives it back)."""
        item, conversation = await self._own(interaction, guild_id, item_id)
        refused = refusing(await self.bot.content_check.check_text(guild_id, content))
        if refused:
            raise UserFacingError(
                "talk.refused_member", rule=rule_label(self.bot.i18n, refused[0].rule)
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        if await self._locked(conversation):
            raise UserFacingError("talk.locked")
        now = self.bot.clock()
        hidden = self.talk.hidden(item)
        due = relay.due_for(now, hidden, await self._last_team(item))
        message_id = await talk_repository.add_member_message(
            self.bot.db, item.id, "text", content, now, due
        )
        if hidden:
            await send_private(
                interaction,
                text(interaction, "talk.answer_held", time=discord.utils.format_dt(due, "t")),
            )
            return
        state = await self.post(message_id)
        if state == "dropped":
            raise UserFacingError("talk.locked")
        key = "talk.answer_sent" if state == "delivered" else "talk.answer_kept"
        await send_private(interaction, text(interaction, key))

    async def close(
        self, interaction: discord.Interaction[Any], guild_id: int, item_id: int
    ) -> None:
        item, _conversation = await self._own(interaction, guild_id, item_id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        now = self.bot.clock()
        hidden = self.talk.hidden(item)
        due = relay.due_for(now, hidden, await self._last_team(item))
        # an anonymous member's ending shows to the team only at its slot, with their answers
        if hidden:
            ended = await talk_repository.end_later(self.bot.db, item.id, due)
        else:
            ended = await talk_repository.close(self.bot.db, item.id, "member", now)
        if not ended:
            raise UserFacingError("talk.closed")
        message_id = await talk_repository.add_member_message(
            self.bot.db, item.id, "close", "", now, due
        )
        if not hidden:
            await self.post(message_id)
        await send_private(interaction, text(interaction, "talk.you_closed"))

    # --- into the team's thread -------------------------------------------------------------

    def _label(self, item: Item) -> str:
        lang = self.talk.lang(item.guild_id)
        if self.talk.hidden(item) or item.author_id is None:
            return self.talk.t(lang, "talk.member_anonymous")
        guild = self.bot.get_guild(item.guild_id)
        member = guild.get_member(item.author_id) if guild else None
        user = member or self.bot.get_user(item.author_id)
        name = user.display_name if user else str(item.author_id)
        return discord.utils.escape_mentions(discord.utils.escape_markdown(name))

    async def post(self, message_id: int, *, tell: bool = False) -> str:
        """Post a member's stored answer (or their ending) in the team's thread: 'delivered',
        'pending' (tried again later) or 'dropped' (the team closed or locked the conversation;
        with ``tell``, the member gets their text back by DM)."""
        async with self.talk._posting:
            return await self._post(message_id, tell)

    async def _post(self, message_id: int, tell: bool) -> str:
        db, now = self.bot.db, self.bot.clock()
        message = await talk_repository.get_message(db, message_id)
        if message is None or message.state != "pending":
            return message.state if message else "dropped"
        conversation = await talk_repository.get(db, message.item_id)
        item = (
            await repository.get_item(db, conversation.guild_id, message.item_id)
            if conversation
            else None
        )
        if conversation is None or item is None or item.author_id is None:
            await talk_repository.set_state(db, message_id, "dropped")
            return "dropped"
        if conversation.closed_by == "team" or await self._locked(conversation):
            return await self._drop(item, message_id, message.content if tell else None)
        lang = self.talk.lang(item.guild_id)
        if message.kind == "close":
            content = self.talk.t(lang, "talk.member_closed", member=self._label(item))
        else:
            content = self.talk.t(
                lang,
                "talk.member_says",
                member=self._label(item),
                text=quote(message.content, relay.TEXT_LIMIT),
            )
        gone: int | None = None
        for _attempt in range(2):
            thread = await self.talk._thread(item, conversation, gone)
            if thread is None:
                break
            if message.posting and await self._posted_before(thread, content):
                pass  # posted before a crash, not noted: not posted twice
            else:
                await talk_repository.posting(db, message_id, now)
                message = replace(message, posting=True)
                try:
                    # the nonce (discord.py enforces it): Discord makes one message of a retry
                    # within a few minutes
                    await thread.send(
                        content,
                        nonce=f"fbm{message_id:x}",
                        allowed_mentions=discord.AllowedMentions.none(),
                    )
                except discord.NotFound:
                    gone = thread.id  # deleted: the next round makes a new one
                    continue
                except discord.HTTPException as exc:
                    if exc.code == LOCKED:
                        await talk_repository.close(db, item.id, "team", now)
                        return await self._drop(item, message_id, message.content if tell else None)
                    log.info("Answer %s not posted yet: %s", message_id, exc)
                    break
            await talk_repository.set_state(db, message_id, "delivered")
            if message.kind == "close":
                await self.talk._archive(thread.id)
            return "delivered"
        await talk_repository.postpone(db, message_id, now + relay.RETRY_AFTER)
        return "pending"

    async def _posted_before(self, thread: discord.Thread, content: str) -> bool:
        """Whether the bot's post of this answer is among the thread's recent messages (a try
        before a crash may have reached Discord without being noted)."""
        me = self.bot.user
        try:
            async for posted in thread.history(limit=RECENT):
                if me is not None and posted.author.id == me.id and posted.content == content:
                    return True
        except discord.HTTPException as exc:
            log.info("Could not read thread %s: %s", thread.id, exc)
        return False

    async def _drop(self, item: Item, message_id: int, content: str | None) -> str:
        db, now = self.bot.db, self.bot.clock()
        await talk_repository.set_state(db, message_id, "dropped")
        if content and item.author_id is not None:
            lang = self.talk.lang(item.guild_id)
            guild = self.bot.get_guild(item.guild_id)
            dm = self.talk.t(
                lang,
                "talk.dm_dropped",
                kind=self.talk.t(lang, f"inbox.your.{item.kind}"),
                id=item.id,
                server=discord.utils.escape_markdown(guild.name) if guild else "?",
                text=quote(content, relay.TEXT_LIMIT),
            )
            key = f"fbr{message_id:x}"
            post = OutboxPost(key=key, guild_id=item.guild_id, content=dm, user_id=item.author_id)
            async with db.transaction() as tx:
                await add_posts(tx, [post], now, skip_existing=True)
            self.bot.outbox.kick()
        return "dropped"

    # --- /feedback-status -------------------------------------------------------------------

    async def status(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        db, user_id = self.bot.db, interaction.user.id
        open_ids = await talk_repository.open_items_of(db, guild.id, user_id)
        waiting: defaultdict[int, list[talk_repository.Message]] = defaultdict(list)
        for item_id, message in await talk_repository.waiting(db, guild.id, user_id):
            waiting[item_id].append(message)
        shown = [*open_ids, *(i for i in waiting if i not in open_ids)][:STATUS_ITEMS]
        offers = await publish_repository.waiting_for(db, guild.id, user_id)
        if not shown and not offers:
            await send_private(interaction, text(interaction, "talk.status_none"))
            return
        lines = [
            text(
                interaction,
                "talk.status_title",
                server=discord.utils.escape_markdown(guild.name),
            )
        ]
        seen: list[int] = []
        for item_id in shown:
            item = await repository.get_item(db, guild.id, item_id)
            if item is None:
                continue
            kind = text(interaction, f"inbox.kind.{item.kind}")
            lines.append(text(interaction, "talk.status_line", kind=kind, id=item.id))
            if waiting[item_id]:
                lines.append(text(interaction, "talk.status_new", count=len(waiting[item_id])))
            for message in waiting[item_id]:
                block = quote(message.content, 600)
                if sum(len(line) + 1 for line in lines) + len(block) > 1900:
                    break
                lines.append(block)
                seen.append(message.id)
        offer_kinds = {}
        for offer in offers:
            offered = await repository.get_item(db, guild.id, offer.item_id)
            offer_kinds[offer.item_id] = offered.kind if offered else "feedback"
        for offer in offers:
            kind = text(interaction, f"inbox.your.{offer_kinds.get(offer.item_id, 'feedback')}")
            shown_text = f"{offer.title}\n\n{offer.body}" if offer.body else offer.title
            lines.append(
                text(
                    interaction,
                    "publish.status_question",
                    kind=kind,
                    id=offer.item_id,
                    text=quote(shown_text, 500),
                )
            )
        view = member_view(
            [
                (
                    guild.id,
                    item_id,
                    text(interaction, "talk.answer_numbered", id=item_id),
                    text(interaction, "talk.close_numbered", id=item_id),
                )
                for item_id in open_ids
            ]
        )
        rows = len(view.children) // 2
        for row, offer in enumerate(offers[: max(0, 5 - rows)], start=rows):
            for button in consent_buttons(
                guild.id,
                offer.item_id,
                text(interaction, "publish.agree"),
                text(interaction, "publish.refuse"),
                row,
            ):
                view.add_item(button)
        await send_private(interaction, "\n".join(lines)[:2000], view=view)
        await talk_repository.mark_seen(db, seen)
