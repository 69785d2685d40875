"""The team's messages in a conversation's thread reach the member: each one exactly once, in
the order written, live or caught up after a start (read from the last relayed message on)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import discord

from bot.contentcheck.service import refusing
from bot.moderation.rulenames import rule_label
from bot.scopes import is_staff_member
from cogs.feedback import relay, repository, talk_repository

if TYPE_CHECKING:
    from cogs.feedback.conversation import Talk

log = logging.getLogger(__name__)


class TeamMessages:
    def __init__(self, talk: Talk) -> None:
        self.talk = talk
        self.bot = talk.bot
        self._catching_up = asyncio.Lock()

    async def catch_up(self) -> None:
        """After a start (or a new session): what the team wrote in open conversations while the
        bot was away reaches the members now, read from the last message relayed on (all of
        it, page by page); a message relayed already is never relayed again."""
        async with self._catching_up:
            for item_id, thread_id, last in await talk_repository.open_threads(self.bot.db):
                conversation = await talk_repository.get(self.bot.db, item_id)
                if conversation is None or not self.bot.owns(conversation.guild_id):
                    continue  # closed meanwhile, or a server of another process's shards
                thread = await self.talk._fetch_thread(thread_id)
                if thread is None:
                    continue
                self.talk.threads[thread_id] = item_id
                try:
                    after = discord.Object(last or thread_id)
                    missed = [
                        m async for m in thread.history(limit=None, after=after, oldest_first=True)
                    ]
                    # a message the bot answered (refused, too long, too fast) was seen already
                    answered = {
                        m.reference.message_id for m in missed if m.author.bot and m.reference
                    }
                    for message in missed:
                        if not message.author.bot and message.id not in answered:
                            await self._from_team(message)
                except discord.HTTPException as exc:
                    log.info("Could not read thread %s after the start: %s", thread_id, exc)

    def notice(self, message: discord.Message) -> bool:
        """A message hook: True if the message is in a conversation's thread (a team message
        from a person is relayed to the member in a task of its own)."""
        if message.channel.id not in self.talk.threads:
            return False
        if not message.author.bot and message.guild is not None:
            task = asyncio.create_task(self._from_team(message), name="feedback-relay")
            self.talk._tasks.add(task)
            task.add_done_callback(self.talk._tasks.discard)
        return True

    async def _from_team(self, message: discord.Message) -> None:
        """Relay a team message from a thread: one at a time per conversation (in the order
        they were written), each message once (live, or caught up after a start)."""
        item_id = self.talk.threads.get(message.channel.id)
        if item_id is None:
            return
        async with self.talk._locks[item_id]:
            if not await talk_repository.relayed(self.bot.db, message.id):
                await self._relay(message, item_id)

    async def _relay(self, message: discord.Message, item_id: int) -> None:
        guild = message.guild
        assert guild is not None
        author = (
            message.author
            if isinstance(message.author, discord.Member)
            else guild.get_member(message.author.id)
        )
        if not relay.relayed(message.content) or author is None:
            return  # a note for the team, or an attachment only
        if author.id != guild.owner_id and not is_staff_member(
            author, self.bot.guild_settings.staff_roles(guild.id)
        ):
            return
        lang = self.talk.lang(guild.id)
        item = await repository.get_item(self.bot.db, guild.id, item_id)
        await self.talk.settle()
        conversation = await talk_repository.get(self.bot.db, item_id)
        say: str | None = None
        content = message.content.strip()
        if conversation is not None and conversation.closed_by is None and conversation.ending:
            return  # an anonymous member's ending shows at its slot: until then, no telling when
        if item is None or item.author_id is None or conversation is None or not conversation.open:
            say = self.talk.t(lang, "talk.ended_team")
        elif relay.too_long(content):
            say = self.talk.t(lang, "talk.too_long_team", limit=relay.TEXT_LIMIT)
        else:
            refused = refusing(await self.bot.content_check.check_text(guild.id, content))
            retry = (
                None
                if refused
                else self.bot.cooldowns.take(relay.TEAM_MESSAGES, guild.id, author.id)
            )
            if refused:
                say = self.talk.t(
                    lang, "talk.refused_team", rule=rule_label(self.bot.i18n, refused[0].rule)
                )
            elif retry is not None:
                when = self.bot.clock() + timedelta(seconds=retry + 1)
                say = self.talk.t(lang, "talk.slow_team", retry=discord.utils.format_dt(when, "R"))
            else:
                key = await self.talk._queue(
                    item, author.id, content, first=False, source_id=message.id
                )
                if key is None:
                    say = self.talk.t(lang, "talk.ended_team")
                else:
                    await self.bot.outbox.deliver([key])
        if say is not None:
            try:
                await message.channel.send(
                    say,
                    reference=message.to_reference(fail_if_not_exists=False),
                    mention_author=False,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except discord.HTTPException as exc:
                log.info("Could not answer in thread %s: %s", message.channel.id, exc)
