"""What auto-moderation does about a verdict: delete (batched), record the case, notify, act,
and escalate by strike points."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

import discord

from bot import enforcement
from bot.appeals import appeal_view, false_positive_view
from bot.cases.posting import post_case, post_note
from bot.cases.repository import Case
from bot.contentcheck.rules import CONTENT_RULES, Verdict
from bot.core import Bot
from bot.replies import permission_label
from bot.timeutil import discord_timestamp

log = logging.getLogger(__name__)

DELETE_DELAY = 0.3  # seconds to gather deletions of one channel into one bulk request
BULK_MAX_AGE = timedelta(days=14) - timedelta(minutes=5)
NOTE_EVERY = 3600.0  # at most one "missing permission" note per channel and hour


class Enforcer:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._deletes: dict[int, list[discord.Message]] = {}
        self._flush: asyncio.TimerHandle | None = None
        self._flush_task: asyncio.Task[None] | None = None
        self._noted: dict[tuple[int, int], float] = {}
        self._ladder_locks: dict[tuple[int, int], asyncio.Lock] = {}

    # --- deletions --------------------------------------------------------------------------

    def queue_delete(self, message: discord.Message) -> None:
        queue = self._deletes.setdefault(message.channel.id, [])
        if any(m.id == message.id for m in queue):
            return
        queue.append(message)
        if len(queue) >= 100:
            self._start_flush()
        elif self._flush is None:
            self._flush = asyncio.get_running_loop().call_later(DELETE_DELAY, self._start_flush)

    def _start_flush(self) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self.flush_deletes())

    async def flush_deletes(self) -> None:
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
    ) -> None:
        guild = member.guild
        bot = self.bot
        lang = bot.guild_settings.locale(guild.id)
        config = bot.content_check.config(guild.id)
        reason = bot.i18n.t(lang, f"automod.reason.{verdict.rule}", detail=verdict.detail)
        evidence: dict[str, object] = {"excerpt": verdict.detail}
        if verdict.score is not None:
            evidence.update(score=verdict.score, threshold=verdict.threshold)
        duration = (
            timedelta(seconds=verdict.timeout_seconds) if verdict.action == "timeout" else None
        )
        recorded = await bot.cases.record_offence(
            guild.id,
            member.id,
            verdict.action,
            reason,
            rule=verdict.rule,
            ladder=config.ladder,
            step_reason=lambda points: bot.i18n.t(lang, "automod.reason.strikes", points=points),
            evidence=evidence,
            points=verdict.points,
            decay_days=config.decay_days,
            duration=duration,
            channel_id=message.channel.id,
            message_id=message.id,
        )
        deletable = self.can_delete(message)
        if verdict.action != "flag":
            if deletable:
                self.queue_delete(message)
            else:
                await self._missing_manage_messages(message)
        if recorded is None:
            return  # this message already has a case for this rule (an edit, a replay)
        case, escalated = recorded
        await self._carry_out(case, member, verdict.action, duration, reason, deletable)
        if escalated is not None:
            # Steps of one member are carried out one at a time, in the order they were
            # crossed (their case numbers), so a later, harsher step is never undone.
            async with self._ladder_lock(guild.id, member.id):
                step = escalated.step
                await self._carry_out(
                    escalated.case, member, step.action, step.duration, escalated.case.reason
                )

    async def _carry_out(
        self,
        case: Case,
        member: discord.Member,
        action: str,
        duration: timedelta | None,
        reason: str,
        deletable: bool = True,
    ) -> None:
        bot, guild = self.bot, member.guild
        lang = bot.guild_settings.locale(guild.id)
        if action == "flag":
            outcome, dm_status = None, None
        elif action == "delete" and not deletable:
            label = permission_label(["manage_messages"])
            outcome, dm_status = (
                bot.i18n.t(lang, "outcome.missing_permission", permission=label),
                "not_needed",
            )
        elif action == "delete":
            outcome, dm_status = bot.i18n.t(lang, "outcome.done"), "not_needed"
            if case.rule in CONTENT_RULES or case.rule == "offense":
                # Say why, so an honest member learns the rule instead of guessing.
                notice = bot.i18n.t(
                    lang,
                    "notice.delete",
                    server=guild.name,
                    reason=reason,
                    channel=f"<#{case.channel_id}>",
                )
                dm_status = await enforcement.notify(member, notice, appeal_view(bot, case))
        elif action == "warn":
            notice = bot.i18n.t(lang, "notice.warn", server=guild.name, reason=reason)
            dm_status = await enforcement.notify(member, notice, appeal_view(bot, case))
            outcome = bot.i18n.t(lang, "outcome.done")
        else:
            notice = self._notice(action, guild, reason, duration, lang)
            result = await enforcement.apply(
                bot,
                guild,
                member,
                action,
                reason,
                duration=duration,
                notice=notice,
                view=appeal_view(bot, case),
            )
            outcome, dm_status = result.outcome, result.dm_status
        if outcome is not None:
            await bot.cases.set_outcome(case, outcome, dm_status)
        refreshed = await bot.cases.get(case.guild_id, case.number) or case
        active = await bot.cases.active_points(guild.id, member.id) if case.points else None
        await post_case(bot, refreshed, active, false_positive_view(bot, refreshed))

    def _notice(
        self, action: str, guild: discord.Guild, reason: str, duration: timedelta | None, lang: str
    ) -> str:
        t = self.bot.i18n.t
        if action == "timeout":
            until = discord_timestamp(
                discord.utils.utcnow() + (duration or timedelta(minutes=10)), "f"
            )
            return t(lang, "notice.timeout", server=guild.name, reason=reason, until=until)  # type: ignore[arg-type]
        return t(lang, f"notice.{action}", server=guild.name, reason=reason)  # type: ignore[arg-type]

    def _ladder_lock(self, guild_id: int, user_id: int) -> asyncio.Lock:
        key = (guild_id, user_id)
        lock = self._ladder_locks.get(key)
        if lock is None:
            if len(self._ladder_locks) > 10_000:  # forget idle locks
                self._ladder_locks = {k: v for k, v in self._ladder_locks.items() if v.locked()}
            lock = self._ladder_locks[key] = asyncio.Lock()
        return lock
