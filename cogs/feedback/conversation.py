"""Conversations between the team and a member about an inbox item.

The team answers an item: the item gets a private thread in the inbox channel (or keeps its
own), and every team message there reaches the member by DM, through the outbox (exactly once,
also across a restart), with *Answer* and *End conversation* buttons. The member's answers are
stored first and then posted in the thread; an anonymous member's answers wait for a full
quarter of an hour at least 15 minutes later, so their timing cannot point to them. DMs closed:
the message waits and the member reads it with /feedback-status. A deleted thread is replaced, an archived one reopens with
the next message, a locked one counts as closed by the team.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any, Literal

import discord

from bot import loops
from bot.core import Bot
from bot.errors import ForeignIdError, UserFacingError
from bot.i18n import Lang
from bot.outbox import Delivery
from bot.replies import quote, send_private, text
from bot.repository import OutboxPost, add_posts
from cogs.feedback import relay, repository, talk_repository
from cogs.feedback.answers import Answers
from cogs.feedback.inbox import hidden, inbox_channel
from cogs.feedback.repository import Item
from cogs.feedback.talk_repository import Conversation
from cogs.feedback.talk_views import member_view, team_view
from cogs.feedback.team_messages import TeamMessages

log = logging.getLogger(__name__)

VIEW = "feedback-talk"
DM_SENT = "feedback-talk-dm"
POLL = 5.0  # seconds between looks for members' answers that are due in the thread
ARCHIVE_AFTER: Literal[10080] = (
    10080  # minutes: a quiet conversation's thread archives after a week
)
LOCKED = 50083  # Discord: the thread is archived and locked


class Talk:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.threads: dict[int, int] = {}  # thread id -> item id
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._posting = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop = loops.every(POLL, self.deliver_due, what="Posting members' answers")
        self.answers = Answers(self)
        self.team_messages = TeamMessages(self)

    async def load(self) -> None:
        self.threads = await talk_repository.threads(self.bot.db)
        self.bot.outbox.register_view(VIEW, self._dm_view)
        self.bot.outbox.register_on_sent(DM_SENT, self._dm_sent)
        self._loop.start()

    async def aclose(self) -> None:
        await loops.halt(self._loop)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def deliver_due(self) -> None:
        """Members' answers whose moment has come (anonymous ones at their slot, ones that could
        not be posted before): into the team's thread, also after a restart."""
        if not self.bot.is_ready():
            return
        for message in await talk_repository.due_member_messages(self.bot.db, self.bot.clock()):
            if not self.bot.owns(message.guild_id):
                continue  # a server of another process's shards
            await self.answers.post(message.id, tell=True)
        await self.settle()

    async def settle(self) -> None:
        """Anonymous members' endings (and forgets) whose slot has come end for the team."""
        now = self.bot.clock()
        await talk_repository.settle(self.bot.db, now, relay.next_slot(now))

    async def catch_up(self) -> None:
        """After a start (or a new session): what the team wrote in open conversations while the
        bot was away reaches the members now."""
        await self.team_messages.catch_up()

    def notice(self, message: discord.Message) -> bool:
        """A message hook: True if the message is in a conversation's thread."""
        return self.team_messages.notice(message)

    def t(self, lang: Lang, key: str, /, **params: object) -> str:
        return self.bot.i18n.t(lang, key, **params)

    def lang(self, guild_id: int) -> Lang:
        return self.bot.guild_settings.locale(guild_id)

    def hidden(self, item: Item) -> bool:
        """Whether the team must not learn who wrote the item (nor when they answer)."""
        return hidden(self.bot, item)

    def _server(self, guild_id: int) -> str:
        guild = self.bot.get_guild(guild_id)
        return discord.utils.escape_markdown(guild.name) if guild else "?"

    # --- threads ----------------------------------------------------------------------------

    async def _fetch_thread(self, thread_id: int) -> discord.Thread | None:
        channel = self.bot.get_channel(thread_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(thread_id)
            except (discord.NotFound, discord.Forbidden):
                return None  # deleted (or out of reach): a new one is made
        return channel if isinstance(channel, discord.Thread) else None

    async def _thread(
        self, item: Item, conversation: Conversation | None, gone: int | None = None
    ) -> discord.Thread | None:
        """The item's thread: its own if it still exists and is not locked, else a new private
        one in the inbox channel (None: no inbox channel, or Discord refused). ``gone``: a thread
        Discord just said is deleted (the cache may not know yet)."""
        if (
            conversation is not None
            and conversation.thread_id is not None
            and conversation.thread_id != gone
        ):
            thread = await self._fetch_thread(conversation.thread_id)
            if thread is not None and not thread.locked:
                return thread
        channel = inbox_channel(self.bot, item)
        if channel is None:
            return None
        lang = self.lang(item.guild_id)
        kind = self.t(lang, f"inbox.kind.{item.kind}")
        try:
            thread = await channel.create_thread(
                name=self.t(lang, "inbox.title", kind=kind, id=item.id)[:100],
                type=discord.ChannelType.private_thread,
                invitable=False,
                auto_archive_duration=ARCHIVE_AFTER,
            )
            opening = self.t(
                lang,
                "talk.opening",
                kind=kind,
                id=item.id,
                anonymous=self.t(lang, "talk.opening_anonymous") if self.hidden(item) else "",
                text=quote(item.content, 500),
            )
            if conversation is not None and conversation.thread_id is not None:
                opening = self.t(lang, "talk.moved_note") + "\n" + opening
            # Mentioning the team's roles adds their members to the private thread (those
            # without Manage Threads would not see it otherwise); nobody else is pinged.
            roles = sorted(self.bot.guild_settings.staff_roles(item.guild_id))
            if roles:
                opening = " ".join(f"<@&{role}>" for role in roles) + "\n" + opening
            await thread.send(
                opening[:2000],
                view=team_view(item.guild_id, item.id, self.t(lang, "talk.close_button")),
                allowed_mentions=discord.AllowedMentions(
                    everyone=False, users=False, roles=[discord.Object(r) for r in roles]
                ),
            )
        except discord.HTTPException as exc:
            log.warning("No thread for inbox item %s: %s", item.id, exc)
            return None
        self.threads[thread.id] = item.id
        if conversation is not None:
            await talk_repository.set_thread(self.bot.db, item.id, thread.id)
        return thread

    async def _archive(self, thread_id: int | None) -> None:
        """Finished conversations free their place among the server's active threads."""
        thread = await self._fetch_thread(thread_id) if thread_id else None
        if thread is not None and not thread.archived:
            try:
                await thread.edit(archived=True)
            except discord.HTTPException as exc:
                log.info("Could not archive thread %s: %s", thread_id, exc)

    # --- the team writes --------------------------------------------------------------------

    async def start(
        self, interaction: discord.Interaction[Any], item: Item, answer: str
    ) -> tuple[str, str]:
        """The team's first (or renewed) answer from the inbox: open the conversation, post the
        answer in its thread and send it to the member. Returns (reply key, thread mention)."""
        if item.author_id is None:
            raise UserFacingError("inbox.no_author")
        async with self._locks[item.id]:  # two team members answering at once: one thread
            await self.settle()
            conversation = await talk_repository.get(self.bot.db, item.id)
            if conversation is not None and conversation.closed_by in ("member", "forgotten"):
                raise UserFacingError("talk.member_ended")
            # an anonymous member ended it a moment ago: the team learns it only at the slot,
            # so the answer is shown as usual and goes nowhere
            quiet = conversation is not None and conversation.ending is not None
            thread = await self._thread(item, conversation)
            if thread is None:
                raise UserFacingError("talk.no_thread")
            await talk_repository.open_with(
                self.bot.db, item.guild_id, item.id, thread.id, self.bot.clock()
            )
        lang = self.lang(item.guild_id)
        shown: discord.Message | None = None
        try:
            shown = await thread.send(
                self.t(
                    lang,
                    "talk.first_reply",
                    moderator=interaction.user.mention,
                    answer=quote(answer, relay.TEXT_LIMIT),
                ),
                # The mention adds the team member to the private thread (no Manage Threads
                # needed); the answer itself pings nobody.
                allowed_mentions=discord.AllowedMentions(
                    everyone=False, roles=False, users=[interaction.user]
                ),
            )
        except discord.HTTPException as exc:
            log.info("The answer to item %s was not shown in its thread: %s", item.id, exc)
        if quiet:
            return "talk.reply_on_its_way", thread.mention
        key = await self._queue(
            item, interaction.user.id, answer, first=True, source_id=shown.id if shown else None
        )
        outcome = (await self.bot.outbox.deliver([key])).get(key) if key else None
        if self.hidden(item):
            # whether an anonymous member's DMs are open is not for the team to know
            return "talk.reply_on_its_way", thread.mention
        reply = {Delivery.SENT: "sent", Delivery.FAILED: "talk.reply_waiting"}.get(
            outcome or Delivery.LATER, "talk.reply_queued"
        )
        return reply, thread.mention

    def _dm(self, item: Item, answer: str, first: bool) -> str:
        lang = self.lang(item.guild_id)
        kind = self.t(lang, f"inbox.your.{item.kind}")
        server = self._server(item.guild_id)
        hints = self.t(lang, "talk.dm_hint")
        if self.hidden(item):
            hints += " " + self.t(lang, "talk.dm_hint_anonymous")
        if not first:
            body = self.t(
                lang, "talk.dm_reply", server=server, kind=kind, id=item.id, answer=answer
            )
            return f"{body}\n\n{hints}"

        from_chat = item.kind == "criticism" and item.channel_id is not None

        def dm(wrote: str) -> str:
            return self.t(
                lang,
                "inbox.answer_dm_chat" if from_chat else "inbox.answer_dm",
                server=server,
                kind=kind,
                channel=f"<#{item.channel_id}>",
                answer=answer,
                wrote=wrote,
            )

        # within 2,000 characters with the outbox's reference line: the answer whole, the
        # member's own text as room allows
        room = 2000 - len(dm("")) - len(hints) - 48
        return dm(quote(item.content, min(500, room)) if room > 40 else "-") + "\n\n" + hints

    async def _queue(
        self,
        item: Item,
        team_member_id: int,
        answer: str,
        first: bool,
        source_id: int | None = None,
    ) -> str | None:
        """Store a team message and queue its DM; the outbox key, or None if the conversation
        is closed (or ``source_id``, the thread message, was relayed already)."""
        assert item.author_id is not None
        content = self._dm(item, answer, first)
        author_id = item.author_id

        def posts(message_id: int) -> list[OutboxPost]:
            return [
                OutboxPost(
                    key=f"fbd{message_id:x}",
                    guild_id=item.guild_id,
                    content=content,
                    user_id=author_id,
                    view_kind=VIEW,
                    view_arg=f"{item.guild_id}:{item.id}",
                    on_sent=DM_SENT,
                    ref=f"{message_id}",
                )
            ]

        message_id = await talk_repository.add_team_message(
            self.bot.db, item.id, team_member_id, answer, self.bot.clock(), posts, source_id
        )
        return None if message_id is None else f"fbd{message_id:x}"

    def _dm_view(self, arg: str, language: str) -> discord.ui.View:
        lang: Lang = "de" if language == "de" else "en"
        guild_id, item_id = (int(part) for part in arg.split(":"))
        return member_view(
            [
                (
                    guild_id,
                    item_id,
                    self.t(lang, "talk.answer_button"),
                    self.t(lang, "talk.close_button"),
                )
            ]
        )

    async def _dm_sent(self, ref: str, message: discord.Message | None, why: str | None) -> None:
        """Delivered: noted. Refused (DMs closed, Discord's 50007): the message waits for
        /feedback-status, and the team is told in the thread (not for an anonymous member:
        whether their DMs are open would help to tell who they are)."""
        message_id = int(ref)
        if message is not None:
            await talk_repository.set_state(self.bot.db, message_id, "delivered")
            return
        if not await talk_repository.set_state(self.bot.db, message_id, "waiting"):
            return
        stored = await talk_repository.get_message(self.bot.db, message_id)
        conversation = (
            await talk_repository.get(self.bot.db, stored.item_id) if stored is not None else None
        )
        if conversation is None or conversation.thread_id is None:
            return
        item = await repository.get_item(self.bot.db, conversation.guild_id, conversation.item_id)
        if item is None or self.hidden(item):
            return
        thread = await self._fetch_thread(conversation.thread_id)
        if thread is not None:
            lang = self.lang(conversation.guild_id)
            try:
                await thread.send(self.t(lang, "talk.dm_closed_note"))
            except discord.HTTPException as exc:
                log.info("Could not tell thread %s of closed DMs: %s", thread.id, exc)

    async def team_close(self, item: Item, moderator: str) -> bool:
        """The team ends the conversation: the member is told by DM, the thread gets a note and
        is archived. False if there was no open conversation."""
        now = self.bot.clock()
        await self.settle()
        before = await talk_repository.get(self.bot.db, item.id)
        if not await talk_repository.close(self.bot.db, item.id, "team", now):
            return False
        conversation = await talk_repository.get(self.bot.db, item.id)
        lang = self.lang(item.guild_id)
        # (an anonymous member who ended it a moment ago is not told again; the team is told
        # as usual, as if they had not)
        if item.author_id is not None and (before is None or before.ending is None):
            dm = self.t(
                lang,
                "talk.dm_team_closed",
                server=self._server(item.guild_id),
                kind=self.t(lang, f"inbox.your.{item.kind}"),
                id=item.id,
            )
            key = f"fbx{item.id:x}-{int(now.timestamp())}"
            post = OutboxPost(key=key, guild_id=item.guild_id, content=dm, user_id=item.author_id)
            async with self.bot.db.transaction() as tx:
                await add_posts(tx, [post], now, skip_existing=True)
            await self.bot.outbox.deliver([key])
        if conversation is not None and conversation.thread_id is not None:
            thread = await self._fetch_thread(conversation.thread_id)
            if thread is not None and not thread.locked:
                try:
                    await thread.send(
                        self.t(lang, "talk.team_closed_note", moderator=moderator),
                        allowed_mentions=discord.AllowedMentions.none(),
                    )
                except discord.HTTPException as exc:
                    log.info("No closing note in thread %s: %s", thread.id, exc)
            await self._archive(conversation.thread_id)
        return True

    async def team_close_clicked(
        self, interaction: discord.Interaction[Any], guild_id: int, item_id: int
    ) -> None:
        item = await repository.get_item(self.bot.db, guild_id, item_id)
        if item is None:
            raise ForeignIdError()
        await interaction.response.defer(ephemeral=True, thinking=True)
        closed = await self.team_close(item, interaction.user.mention)
        await send_private(
            interaction, text(interaction, "talk.closed_done" if closed else "talk.ended_team")
        )
