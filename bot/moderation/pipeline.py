"""The moderation pipeline: every action, whoever decides it (auto-moderation, a moderator's
command, the strike ladder, an appeal's revocation, raid defence, a temporary ban's end), takes
the same steps, and a kill at any step leaves nothing half-done:

1. decide: the caller's :class:`Order` (action, reason, evidence, points);
2. check hierarchy and permissions locally (``checks``): no request Discord would refuse;
3. record the case *pending*, in one transaction with its points, the ladder step they cross
   (read and written under the database's lock, one member's offences one at a time, the most
   severe step crossed) and, for a kick or ban, the DM that announces it;
4. for a kick or ban, send that DM first (a bounded wait; closed DMs are recorded, not retried);
5. carry the action out, idempotently (a repeat after a crash is harmless);
6. mark the case applied, failed (with Discord's error) or refused, in one transaction with
   the notices that follow (``notices``): the member's DM once applied, a correction if a kick
   or ban they were told of failed, and the moderation-log post;
7. deliver those notices (through the outbox: exactly once, also across a crash).

At start, :meth:`Pipeline.recover` finishes the cases a crash left pending. The result is a
typed :class:`Outcome`; text is made from it at the edge, in the reader's language.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import discord

from bot.dm import DmStatus
from bot.moderation import checks, notices, outcomes
from bot.moderation.cases.repository import Case, CaseState, TempBan
from bot.moderation.cases.strikes import MAX_TIMEOUT
from bot.moderation.orders import Order, Outcome, Result
from bot.repository import OutboxPost, held_dms, hold_dms

__all__ = ["Order", "Outcome", "Pipeline", "Result"]

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

NOTICE_WAIT = 5.0  # seconds a kick or ban waits for its DM before it goes ahead
LOG_GATHER = 1.0  # seconds automatic cases wait to be logged together
DM_WINDOW = timedelta(minutes=10)  # one DM per member and rule for automatic deletions
DM_HOLD = timedelta(seconds=12)  # an automatic removal's DM waits for a ladder step to join
STEP_WAIT = timedelta(minutes=2)  # ... and, once that step is recorded, for it to be carried out


def _folds_removals(case: Case) -> bool:
    """An automatic step the member hears of (a warning, a timeout, a kick, a ban): its DM can
    carry the removals whose DMs are held. A flag or a quarantine tells the member nothing."""
    return case.automatic and case.action in (*notices.TOLD_AFTER, *notices.TOLD_BEFORE)


class _Gone(Exception):
    pass


class _Interrupted(Exception):
    pass


class Pipeline:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._locks: dict[tuple[int, int], asyncio.Lock] = {}
        # Member edits (timeouts) of one server go out one after another: Discord allows about
        # ten per ten seconds per server, and discord.py can only wait for a limit it has read
        # from the previous answer's headers; sent side by side, a raid's timeouts met 429s.
        self._member_edits: dict[int, asyncio.Lock] = {}
        self._notices: set[asyncio.Task[Any]] = set()
        self._told: dict[tuple[int, int, str], datetime] = {}
        self._stopped: dict[tuple[int, int], tuple[datetime, datetime]] = {}
        self.dm_hold = DM_HOLD

    # --- the steps --------------------------------------------------------------------------

    def check(
        self, guild: discord.Guild, member: discord.Member | None, order: Order
    ) -> checks.Refusal | None:
        """Step 2 (also for a command before it asks for confirmation)."""
        if order.action == "delete" and not order.deletable:
            return checks.Refusal("missing_permission", "manage_messages")
        if order.action == "quarantine":
            role = guild.get_role(order.role_id) if order.role_id else None
            return checks.check_actionable(guild, member, "quarantine") or checks.check_role(
                guild, role
            )
        return checks.check_actionable(guild, member, order.action)

    async def run(self, order: Order, member: discord.Member | None = None) -> Outcome:
        bot = self.bot
        guild = bot.get_guild(order.guild_id)
        if guild is None:
            return Outcome(Result.FAILED, outcomes.GONE)
        if member is None and order.action not in ("ban", "unban", "note", "flag"):
            member = await self.member(guild, order.user_id)
        refusal = self.check(guild, member, order)
        if refusal is not None and not order.record_refusal:
            return Outcome(Result.REFUSED, refusal.outcome)
        config = bot.content_check.config(guild.id)
        lang = bot.guild_settings.locale(guild.id)
        evidence = dict(order.evidence or {})
        if order.role_id:
            evidence["role"] = order.role_id

        def told_before(case: Case) -> list[Any]:
            if self.check(guild, member, replace(order, action=case.action)) is not None:
                return []  # refused: nobody is told of what will not happen
            return notices.told_before(bot, case)

        async with self._lock(guild.id, order.user_id):
            if order.points and self.sent_before_stop(order):
                # Written before the timeout that stopped them (a timed-out member cannot
                # post): the same burst, already answered, so it climbs the ladder no further.
                order = replace(order, points=0)
                evidence["burst"] = True
            recorded = await bot.cases.record_offence(
                guild.id,
                order.user_id,
                order.action,
                order.reason,
                rule=order.rule,
                ladder=config.ladder if order.points else (),
                step_reason=lambda points: bot.i18n.t(
                    lang, "automod.reason.strikes", points=points
                ),
                evidence=evidence or None,
                points=order.points,
                decay_days=config.decay_days,
                duration=order.duration,
                channel_id=order.channel_id,
                message_id=order.message_id,
                moderator_id=order.moderator_id,
                posts=told_before,
                quote=order.quote,
            )
            if recorded is None:
                return Outcome(Result.DUPLICATE, outcomes.DONE)
            case, escalated = recorded
            if escalated is not None and _folds_removals(escalated.case):
                # Its DM will name the removals whose DMs are still held: they wait for it
                # (Discord may make the step itself wait, e.g. member edits in a raid).
                until = bot.clock() + STEP_WAIT
                await hold_dms(bot.db, guild.id, order.user_id, "case-dm", until)
            if refusal is not None:
                outcome = await self._close(case, Result.REFUSED, refusal.outcome)
            else:
                outcome = await self._carry_out(
                    guild,
                    case,
                    member,
                    delete_seconds=order.delete_seconds,
                    temp_ban=order.duration if order.action == "ban" else None,
                )
            if escalated is not None:
                step = await self._carry_out(guild, escalated.case, member)
                outcome = replace(outcome, step=step)
        return outcome

    def sent_before_stop(self, order: Order) -> bool:
        """Whether the order's message was written before a timeout this pipeline applied and
        that still runs."""
        stopped = self._stopped.get((order.guild_id, order.user_id))
        if stopped is None or not order.message_id:
            return False
        began, until = stopped
        return (
            discord.utils.utcnow() < until
            and discord.utils.snowflake_time(order.message_id) < began
        )

    def _stop(self, case: Case) -> None:
        """Note when a timeout began and ends, in Discord's time (message ids carry it)."""
        began = discord.utils.utcnow()
        ends = case.created_at + timedelta(seconds=case.duration_seconds or 600)
        if len(self._stopped) > 10_000:
            self._stopped = {k: v for k, v in self._stopped.items() if v[1] > began}
        self._stopped[(case.guild_id, case.user_id)] = (began, began + (ends - self.bot.clock()))

    async def record(
        self,
        guild_id: int,
        user_id: int,
        moderator_id: int,
        action: str,
        reason: str,
        duration: timedelta | None = None,
    ) -> Case | None:
        """A case for something already done (in Discord's own interface, a purge, a
        lockdown), and its log post."""
        case = await self.bot.cases.record_applied(
            guild_id,
            user_id,
            moderator_id,
            action,
            reason,
            duration=duration,
            posts=lambda case: notices.log_post(self.bot, case),
        )
        if case is not None:
            await self.bot.outbox.deliver([notices.key(case, "l")])
        return case

    async def recover(self) -> int:
        """At start: finish the cases a crash left pending (in servers the bot can see)."""
        finished = 0
        for case in await self.bot.cases.pending():
            guild = self.bot.get_guild(case.guild_id)
            if guild is None:
                continue  # not visible now: tried again at the next start
            member = await self.member(guild, case.user_id) if case.user_id else None
            async with self._lock(case.guild_id, case.user_id):
                fresh = await self.bot.cases.get(case.guild_id, case.number)
                if fresh is None or fresh.state != CaseState.PENDING:
                    continue
                await self._carry_out(guild, fresh, member, recovering=True)
                finished += 1
        if finished:
            log.info("Finished %d moderation cases left pending by the last run", finished)
        return finished

    async def _carry_out(
        self,
        guild: discord.Guild,
        case: Case,
        member: discord.Member | None,
        *,
        delete_seconds: int = 0,
        temp_ban: timedelta | None = None,
        recovering: bool = False,
    ) -> Outcome:
        """Steps 4 to 7 for a pending case."""
        order = Order(
            guild.id,
            case.user_id,
            case.action,
            case.reason,
            role_id=case.evidence.get("role"),
            deletable=True,
        )
        refusal = None if case.action == "delete" else self.check(guild, member, order)
        if refusal is not None:
            return await self._close(case, Result.REFUSED, refusal.outcome)
        if case.action in notices.TOLD_BEFORE:
            await self._tell_first(case)
        http_status = None
        try:
            await self._perform(guild, case, member, delete_seconds, recovering)
            result, code = Result.APPLIED, outcomes.DONE
        except _Gone:
            result, code = Result.FAILED, outcomes.GONE
        except _Interrupted:
            result, code = Result.FAILED, outcomes.INTERRUPTED
        except discord.HTTPException as exc:
            log.warning("%s of %s in %s failed: %s", case.action, case.user_id, guild.id, exc)
            result, code, http_status = (
                Result.FAILED,
                outcomes.failed(exc.status, exc.code),
                exc.status,
            )
        ban = None
        if result is Result.APPLIED and temp_ban is not None:
            ban = TempBan(guild.id, case.user_id, self.bot.clock() + temp_ban, case.number)
        return await self._close(case, result, code, http_status, ban)

    async def _tell_first(self, case: Case) -> None:
        """Step 4: the kick or ban's DM, waited for at most NOTICE_WAIT seconds."""
        task = asyncio.create_task(self.bot.outbox.deliver([notices.key(case, "p")]))
        self._notices.add(task)
        task.add_done_callback(self._notices.discard)
        await asyncio.wait({task}, timeout=NOTICE_WAIT)

    async def _perform(
        self,
        guild: discord.Guild,
        case: Case,
        member: discord.Member | None,
        delete_seconds: int,
        recovering: bool,
    ) -> None:
        """Step 5, idempotent: a second call after a crash changes nothing more."""
        reason = case.reason[:500]
        action = case.action
        if action == "delete":
            if (recovering or not case.automatic) and case.channel_id and case.message_id:
                await self._delete_message(guild, case.channel_id, case.message_id)
            return  # otherwise auto-moderation deletes in batches as the messages come
        if action in ("flag", "warn", "note"):
            return
        if action == "ban":
            await guild.ban(
                discord.Object(case.user_id), reason=reason, delete_message_seconds=delete_seconds
            )
            return
        if action == "unban":
            with contextlib.suppress(discord.NotFound):  # not banned (any more): that holds
                await guild.unban(discord.Object(case.user_id), reason=reason)
            return
        if member is None:
            raise _Gone
        try:
            if action in ("timeout", "untimeout"):
                async with self._member_edits.setdefault(guild.id, asyncio.Lock()):
                    await self._timeout(case, member, reason)
            elif action == "kick":
                await member.kick(reason=reason)
            elif action == "quarantine":
                role = guild.get_role(int(case.evidence.get("role") or 0))
                if role is None:
                    raise _Gone
                await member.add_roles(role, reason=reason)
        except discord.NotFound as exc:  # Unknown Member: they left meanwhile
            raise _Gone from exc

    async def _timeout(self, case: Case, member: discord.Member, reason: str) -> None:
        if case.action == "untimeout":
            await member.timeout(None, reason=reason)
            return
        length = min(timedelta(seconds=case.duration_seconds or 600), MAX_TIMEOUT)
        left = length - (self.bot.clock() - case.created_at)  # less after a restart or a wait
        if left <= timedelta(seconds=5):
            raise _Interrupted  # a restart came too late: a timeout now would be wrong
        await member.timeout(left, reason=reason)

    async def _delete_message(self, guild: discord.Guild, channel_id: int, message_id: int) -> None:
        channel = guild.get_channel_or_thread(channel_id)
        if isinstance(channel, discord.abc.Messageable):
            with contextlib.suppress(discord.NotFound):
                await channel.get_partial_message(message_id).delete()

    async def _close(
        self,
        case: Case,
        result: Result,
        code: str,
        http_status: int | None = None,
        temp_ban: TempBan | None = None,
    ) -> Outcome:
        """Steps 6 and 7."""
        bot = self.bot
        posts = []
        held: list[OutboxPost] = []
        if result is Result.APPLIED and _folds_removals(case):
            held = await held_dms(bot.db, case.guild_id, case.user_id, "case-dm")
        if result is Result.APPLIED and self._may_tell(case):
            posts += notices.told_after(
                bot, case, hold=self.dm_hold, removed=await self._removed_since(case, held)
            )
        elif case.action in notices.TOLD_BEFORE:
            told = notices.key(case, "p")
            await bot.outbox.withdraw([told])  # not sent yet: it never will be
            fresh = await bot.cases.get(case.guild_id, case.number)
            if fresh is not None and fresh.dm_status == DmStatus.SENT:
                posts += notices.correction(bot, case)
        logged = notices.log_post(bot, case)
        finished = await bot.cases.finish(case, result.value, code, [*posts, *logged], temp_ban)
        if finished is None:  # finished meanwhile by someone else
            current = await bot.cases.get(case.guild_id, case.number)
            states = {r.value: r for r in Result}
            return Outcome(states.get(current.state, result) if current else result, code, current)
        if temp_ban is not None:
            bot.temp_bans.arm(temp_ban)
        if result is Result.APPLIED and case.action == "timeout":
            self._stop(case)
        if held:  # told in this case's DM instead
            await bot.outbox.withdraw([post.key for post in held])
            for post in held:
                await bot.cases.set_dm_status(*notices.parse_ref(post.ref or ""), DmStatus.COMBINED)
        if case.automatic:
            # A burst of automatic cases is logged together, a moment later (one post for up
            # to 20 cases instead of one each: Discord allows a channel a few posts per second).
            await bot.outbox.deliver([post.key for post in posts])
            bot.outbox.kick_soon(LOG_GATHER)
        else:
            await bot.outbox.deliver([post.key for post in [*posts, *logged]])
        return Outcome(result, code, await bot.cases.get(case.guild_id, case.number), http_status)

    async def _removed_since(self, case: Case, held: list[OutboxPost]) -> list[Case]:
        """The automatic removals since the first one whose DM is still held."""
        if not held:
            return []
        first = min(notices.parse_ref(post.ref or "0:0")[1] for post in held)
        return sorted(
            (
                c
                for c in await self.bot.cases.of_member(case.guild_id, case.user_id, limit=200)
                if c.action == "delete" and c.automatic and first <= c.number < case.number
            ),
            key=lambda c: c.number,
        )

    def _may_tell(self, case: Case) -> bool:
        """At most one DM per member and rule in DM_WINDOW for automatic deletions: a member
        whose twenty messages were removed in a minute hears it once, not twenty times."""
        if not (case.automatic and case.action == "delete"):
            return True
        key = (case.guild_id, case.user_id, case.rule or "")
        now = self.bot.clock()
        last = self._told.get(key)
        if last is not None and now - last < DM_WINDOW:
            return False
        if len(self._told) > 10_000:
            self._told = {k: v for k, v in self._told.items() if now - v < DM_WINDOW}
        self._told[key] = now
        return True

    async def close(self) -> None:
        """At shutdown: announcements still waiting for Discord stop here; their outbox rows stay
        and go out at the next start."""
        for task in list(self._notices):
            task.cancel()
        await asyncio.gather(*self._notices, return_exceptions=True)

    # --- helpers ----------------------------------------------------------------------------

    async def member(self, guild: discord.Guild, user_id: int) -> discord.Member | None:
        member = guild.get_member(user_id)
        if member is not None:
            return member
        try:
            return await guild.fetch_member(user_id)
        except discord.NotFound:
            return None

    def _lock(self, guild_id: int, user_id: int) -> asyncio.Lock:
        """One member's cases are carried out one at a time, in the order they were recorded,
        so a later, harsher ladder step is never undone by an earlier, milder one."""
        key = (guild_id, user_id)
        lock = self._locks.get(key)
        if lock is None:
            if len(self._locks) > 10_000:  # forget idle locks
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            lock = self._locks[key] = asyncio.Lock()
        return lock
