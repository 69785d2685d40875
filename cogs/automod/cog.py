"""Auto-moderation on Discord: messages and edits through the content check, then actions.

The message path does no database work: configuration is cached, spam windows live in memory.
Only a message that breaks a rule leads to I/O (deleting, recording a case). Deletions are
batched per channel; the offensive-language model scores messages in batches off the path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import discord
from discord.ext import commands

from bot import loops
from bot.contentcheck.rules import (
    SPAM_RULES,
    MessageFacts,
    Verdict,
    evaluate_content,
    evaluate_message,
    strongest,
)
from bot.contentcheck.service import offense_verdict
from bot.contentcheck.spam import JoinTracker, SpamTracker
from bot.contentcheck.words import english_words, german_words
from bot.core import Bot
from bot.scopes import StaffCache
from cogs.automod import strings
from cogs.automod.enforce import Enforcer
from cogs.automod.raid import RaidGuard

log = logging.getLogger(__name__)

OFFENSE_BATCH = 64
OFFENSE_INTERVAL = 0.5
BURST_SECONDS = 15.0


@dataclass
class _Pending:
    message: discord.Message
    facts: MessageFacts


def facts_of(message: discord.Message, member: discord.Member) -> MessageFacts:
    channel = message.channel
    parent = channel.parent_id if isinstance(channel, discord.Thread) else None
    mentions = {user.id for user in message.mentions if not user.bot} | {
        role.id for role in message.role_mentions
    }
    return MessageFacts(
        guild_id=member.guild.id,
        channel_id=channel.id,
        author_id=member.id,
        role_ids=frozenset(member._roles),  # ids as Discord sent them: no Role objects sorted
        content=message.content,
        mention_count=len(mentions),
        mentions_everyone=message.mention_everyone
        or "@everyone" in message.content
        or "@here" in message.content,
        attachment_count=len(message.attachments),
        parent_channel_id=parent,
    )


class AutomodCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.tracker = SpamTracker()
        self.staff = StaffCache()
        self.enforcer = Enforcer(bot)
        self.raid = RaidGuard(bot, JoinTracker())
        self._offense_queue: list[_Pending] = []
        self._offense_wakeup = asyncio.Event()
        self._offense_task: asyncio.Task[None] | None = None
        self._housekeeper = loops.every(60, self._forget_idle, what="Automod housekeeping")
        self._recent: dict[tuple[int, int], float] = {}
        self._acting: set[asyncio.Task[None]] = set()
        # The spam windows' clock (a benchmark replays chat at its real pace on its own clock).
        self.clock: Callable[[], float] = time.monotonic

    async def cog_load(self) -> None:
        self._offense_task = asyncio.create_task(self._offense_loop(), name="automod-offense")
        self._housekeeper.start()
        self.bot.add_warmup("automod", self._warm_up)
        # Last: messages reach the feature only once it has loaded.
        self.bot.add_message_hook("automod", self.check_message)

    async def cog_unload(self) -> None:
        self.bot.remove_warmup("automod")
        self.bot.remove_message_hook("automod")
        await loops.halt(self._housekeeper)
        if self._offense_task is not None:
            self._offense_task.cancel()
        pending = [*self._acting, *([self._offense_task] if self._offense_task else [])]
        await asyncio.gather(*pending, return_exceptions=True)
        await self.enforcer.flush_deletes()

    def _warm_up(self) -> None:
        """The offensive-language model and the word rules' lexicons, loaded at the start."""
        self.bot.content_check.score_offense(["warm up"])
        german_words()
        english_words()

    # --- messages ---------------------------------------------------------------------------

    def _subject(self, message: discord.Message) -> discord.Member | None:
        """The member whose message is checked, or None if it is not checked at all."""
        author = message.author
        if message.guild is None or author.bot or message.webhook_id is not None:
            return None
        if not isinstance(author, discord.Member):
            author = message.guild.get_member(author.id)  # type: ignore[assignment]
            if author is None:
                return None
        assert isinstance(author, discord.Member)
        if self.staff.is_staff(author, self.bot.guild_settings.staff_roles(message.guild.id)):
            return None  # moderators and admins are exempt by default
        return author

    def check_message(self, message: discord.Message) -> None:
        """A message hook: the rules run synchronously (no task per message); only a message that
        breaks a rule starts a task to act on it."""
        member = self._subject(message)
        if member is None:
            return
        compiled = self.bot.content_check.compiled(member.guild.id)
        facts = facts_of(message, member)
        verdicts = evaluate_message(compiled, facts, self.tracker, self.clock())
        if verdicts:
            task = asyncio.create_task(self._act_safely(message, member, verdicts))
            self._acting.add(task)
            task.add_done_callback(self._acting.discard)
        elif facts.content and compiled.active("offense", facts):
            self._queue_offense(message, facts)

    async def _act_safely(
        self, message: discord.Message, member: discord.Member, verdicts: list[Verdict]
    ) -> None:
        try:
            await self._act(message, member, verdicts)
        except Exception:
            log.exception("Acting on message %s failed", message.id)

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        if payload.guild_id is None or "content" not in payload.data:
            return  # an embed-only update (a link preview) changes nothing
        if (
            payload.cached_message is not None
            and payload.cached_message.content == payload.data["content"]
        ):
            return
        message = payload.message
        member = self._subject(message)
        if member is None:
            return
        compiled = self.bot.content_check.compiled(member.guild.id)
        facts = facts_of(message, member)
        verdicts = evaluate_content(compiled, facts)
        if verdicts:
            await self._act(message, member, verdicts)
        elif facts.content and compiled.active("offense", facts):
            self._queue_offense(message, facts)

    async def _act(
        self, message: discord.Message, member: discord.Member, verdicts: list[Verdict]
    ) -> None:
        top = strongest(verdicts)
        assert top is not None
        key = (member.guild.id, member.id)
        now = self.clock()
        if top.rule in SPAM_RULES and now - self._recent.get(key, -BURST_SECONDS) < BURST_SECONDS:
            # The same burst: remove the messages, but one case and one action per offender.
            if top.action != "flag":
                self.enforcer.queue_delete(message)
            return
        if top.rule in SPAM_RULES:
            self._recent[key] = now
        await self.enforcer.handle(message, member, top)

    # --- offensive language, in batches -----------------------------------------------------

    def _queue_offense(self, message: discord.Message, facts: MessageFacts) -> None:
        self._offense_queue.append(_Pending(message, facts))
        if len(self._offense_queue) >= OFFENSE_BATCH:
            self._offense_wakeup.set()

    async def _offense_loop(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(OFFENSE_INTERVAL):  # no helper task, unlike wait_for
                    await self._offense_wakeup.wait()
            self._offense_wakeup.clear()
            if not self._offense_queue:
                continue
            batch, self._offense_queue = self._offense_queue, []
            try:
                await self._score(batch)
            except Exception:
                log.exception("Scoring a batch of %d messages failed", len(batch))

    async def _score(self, batch: list[_Pending]) -> None:
        results = await self.bot.content_check.score_offense_async([p.facts.content for p in batch])
        for pending, result in zip(batch, results, strict=True):
            compiled = self.bot.content_check.compiled(pending.facts.guild_id)
            verdict = offense_verdict(compiled, result)
            if verdict is None:
                continue
            member = (
                pending.message.guild.get_member(pending.facts.author_id)
                if pending.message.guild
                else None
            )
            if member is not None:
                await self.enforcer.handle(pending.message, member, verdict)

    async def _forget_idle(self) -> None:
        now = self.clock()
        self.tracker.forget_idle(now)
        self._recent = {k: v for k, v in self._recent.items() if now - v < BURST_SECONDS}

    # --- role changes: the staff decisions of that guild are made again -------------------

    @commands.Cog.listener()
    async def on_guild_role_update(self, before: discord.Role, after: discord.Role) -> None:
        self.staff.forget(after.guild.id)

    @commands.Cog.listener()
    async def on_guild_role_delete(self, role: discord.Role) -> None:
        self.staff.forget(role.guild.id)

    @commands.Cog.listener()
    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        self.staff.forget(after.id)  # e.g. a new owner

    # --- members joining --------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_member_join(self, member: discord.Member) -> None:
        await self.raid.member_joined(member)
