"""What auto-moderation does about a verdict: delete the message (batched per channel) and hand
the rest to the moderation pipeline (bot/moderation/pipeline.py)."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

import discord

from bot.contentcheck.rules import Verdict
from bot.core import Bot
from bot.moderation.cases.posting import post_note
from bot.moderation.pipeline import Order, Outcome
from cogs.automod.views import verdict_detail

log = logging.getLogger(__name__)

DELETE_DELAY = 0.3  # seconds to gather deletions of one channel into one bulk request
BURST_SPACING = 3.0  # seconds between bulk deletions while a burst goes on
BULK_MAX_AGE = timedelta(days=14) - timedelta(minutes=5)
NOTE_EVERY = 3600.0  # at most one "missing permission" note per channel and hour


class Enforcer:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._deletes: dict[int, list[discord.Message]] = {}
        self._flush: asyncio.TimerHandle | None = None
        self._flush_task: asyncio.Task[None] | None = None
        self._noted: dict[tuple[int, int], float] = {}
        self._flushed_at = -BURST_SPACING

    # --- deletions --------------------------------------------------------------------------

    def queue_delete(self, message: discord.Message) -> None:
        queue = self._deletes.setdefault(message.channel.id, [])
        if any(m.id == message.id for m in queue):
            return
        queue.append(message)
        if len(queue) >= 100:
            self._start_flush()
        elif self._flush is None:
            # The first deletion of a quiet moment goes out quickly; while a burst goes on, the
            # deletions gather a little longer, so a raid costs a few bulk requests, not one per
            # message (Discord allows a channel only a few deletions per second).
            loop = asyncio.get_running_loop()
            delay = max(DELETE_DELAY, self._flushed_at + BURST_SPACING - loop.time())
            self._flush = loop.call_later(delay, self._start_flush)

    def _start_flush(self) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self.flush_deletes())

    async def flush_deletes(self) -> None:
        self._flushed_at = asyncio.get_running_loop().time()
        while self._deletes:
            batches, self._deletes = self._deletes, {}
            for messages in batches.values():
                await self._delete_batch(messages)

    async def _delete_batch(self, messages: list[discord.Message]) -> None:
        channel = messages[0].channel
        cutoff = discord.utils.utcnow() - BULK_MAX_AGE
        recent = [m for m in messages if m.created_at > cutoff]
        old = [m for m in messages if m.created_at <= cutoff]
        for start in range(0, len(recent), 100):
            chunk = recent[start : start + 100]
            if len(chunk) == 1:
                old.append(chunk[0])
                continue
            try:
                await channel.delete_messages(chunk, reason="Auto-moderation")  # type: ignore[union-attr]
            except discord.Forbidden:
                await self._missing_manage_messages(chunk[0])
                return
            except discord.NotFound:
                continue
            except discord.HTTPException:
                old.extend(chunk)  # e.g. one message vanished meanwhile: delete one by one
        for message in old:
            try:
                await message.delete()
            except discord.Forbidden:
                await self._missing_manage_messages(message)
                return
            except discord.NotFound:
                continue
            except discord.HTTPException as exc:
                log.warning("Deleting message %s failed: %s", message.id, exc)

    async def _missing_manage_messages(self, message: discord.Message) -> None:
        assert message.guild is not None
        key = (message.guild.id, message.channel.id)
        now = time.monotonic()
        if now - self._noted.get(key, -NOTE_EVERY) < NOTE_EVERY:
            return
        self._noted[key] = now
        await post_note(
            self.bot,
            message.guild.id,
            "modlog.missing_manage_messages",
            channel=f"<#{message.channel.id}>",
        )

    def can_delete(self, message: discord.Message) -> bool:
        channel = message.channel
        guild = message.guild
        if guild is None or not hasattr(channel, "permissions_for"):
            return False
        return channel.permissions_for(guild.me).manage_messages

    # --- verdicts ---------------------------------------------------------------------------

    async def handle(
        self, message: discord.Message, member: discord.Member, verdict: Verdict
    ) -> Outcome:
        """The verdict through the moderation pipeline; the message itself is deleted here, in
        batches per channel."""
        guild = member.guild
        bot = self.bot
        lang = bot.guild_settings.locale(guild.id)
        evidence: dict[str, object] = {}
        if not verdict.measured and verdict.rule != "offense":
            evidence["excerpt"] = verdict.detail  # what the member typed
        if verdict.token:
            evidence["token"] = verdict.token
        if verdict.score is not None:
            evidence.update(score=verdict.score, threshold=verdict.threshold)
        deletable = self.can_delete(message)
        order = Order(
            guild.id,
            member.id,
            verdict.action,
            bot.i18n.t(
                lang,
                f"automod.reason.{verdict.rule}",
                detail=verdict_detail(bot.i18n, lang, verdict),
            ),
            rule=verdict.rule,
            evidence=evidence,
            points=verdict.points,
            duration=(
                timedelta(seconds=verdict.timeout_seconds) if verdict.action == "timeout" else None
            ),
            channel_id=message.channel.id,
            message_id=message.id,
            deletable=deletable,
            quote=message.content if verdict.action == "flag" else None,
        )
        if verdict.action != "flag":
            if deletable:
                self.queue_delete(message)
            else:
                await self._missing_manage_messages(message)
        return await bot.moderation.run(order, member)
