"""Joins and the invites they used: which invite brought new members (when the bot may list the
invites), and their joins recorded in batches, so a raid costs a handful of requests."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

import discord

from bot.core import Bot
from cogs.stats import repository
from cogs.stats.service import StatsService

log = logging.getLogger(__name__)


class JoinTracker:
    def __init__(self, bot: Bot, service: StatsService) -> None:
        self.bot = bot
        self.service = service
        self._invites: dict[
            int, dict[str, tuple[int, int | None]]
        ] = {}  # guild -> code -> uses, inviter
        self._joins: dict[int, list[int]] = {}  # guild -> members waiting for an invite lookup
        self._join_workers: dict[int, asyncio.Task[None]] = {}
        # guild -> (invite, uses whose members had not arrived yet at the last lookup)
        self._invite_carry: dict[int, tuple[str, int]] = {}

    async def stop(self) -> None:
        await asyncio.gather(*self._join_workers.values(), return_exceptions=True)

    def _can_track_invites(self, guild: discord.Guild) -> bool:
        return guild.me is not None and guild.me.guild_permissions.manage_guild

    async def _fetch_invites(
        self, guild: discord.Guild
    ) -> dict[str, tuple[int, int | None]] | None:
        if not self._can_track_invites(guild):
            return None
        try:
            invites = await guild.invites()
        except discord.HTTPException as exc:
            log.info("Cannot read the invites of %s: %s", guild.id, exc)
            return None
        return {i.code: (i.uses or 0, i.inviter.id if i.inviter else None) for i in invites}

    async def refresh(self) -> None:
        """The invites of every guild and their uses so far (on ready)."""
        for guild in self.bot.guilds:
            found = await self._fetch_invites(guild)
            if found is not None:
                self._invites[guild.id] = found

    def invite_created(self, invite: discord.Invite) -> None:
        if invite.guild is not None and invite.guild.id in self._invites:
            inviter = invite.inviter.id if invite.inviter else None
            self._invites[invite.guild.id][invite.code] = (invite.uses or 0, inviter)

    async def _invite_used(
        self, guild: discord.Guild, joined: int
    ) -> tuple[str | None, int | None]:
        """Which invite brought the ``joined`` members who arrived since we last looked: the one
        invite whose uses went up by at least that many (None if that is not clear). Uses counted
        for members whose join event is still on its way are carried to the next lookup, once."""
        before = self._invites.get(guild.id)
        after = await self._fetch_invites(guild)
        if after is None:
            return None, None
        self._invites[guild.id] = after
        if before is None:
            return None, None
        grown = Counter(
            {
                code: uses - before.get(code, (0, None))[0]
                for code, (uses, _) in after.items()
                if uses > before.get(code, (0, None))[0]
            }
        )
        carried = self._invite_carry.pop(guild.id, None)
        if carried is not None:
            grown[carried[0]] += carried[1]
        if len(grown) != 1:
            return None, None
        ((code, uses),) = grown.items()
        if uses < joined or code not in after:
            return None, None
        if uses > joined:
            self._invite_carry[guild.id] = (code, uses - joined)
        return code, after[code][1]

    def joined(self, member: discord.Member) -> None:
        # Joins that arrive while an invite lookup runs share the next one: a raid of a thousand
        # members costs a handful of requests, not a thousand.
        guild = member.guild
        self._joins.setdefault(guild.id, []).append(member.id)
        if guild.id not in self._join_workers:
            self._join_workers[guild.id] = asyncio.create_task(
                self._record_joins(guild), name=f"stats-joins-{guild.id}"
            )

    async def _record_joins(self, guild: discord.Guild) -> None:
        try:
            await self._record_waiting_joins(guild)
        finally:
            self._join_workers.pop(guild.id, None)

    async def _record_waiting_joins(self, guild: discord.Guild) -> None:
        while self._joins.get(guild.id):
            batch = self._joins.pop(guild.id)
            try:
                code, inviter = await self._invite_used(guild, len(batch))
                if inviter is not None and self.service.is_anonymous(guild.id, inviter):
                    inviter = None
                for user_id in batch:
                    anonymous = self.service.is_anonymous(guild.id, user_id)
                    await repository.record_join(
                        self.bot.db,
                        guild.id,
                        None if anonymous else user_id,
                        self.service.today(guild.id),
                        self.bot.clock(),
                        code,
                        inviter,
                    )
            except Exception:
                log.exception("Recording %d join(s) in %s failed", len(batch), guild.id)

    def forget_inviter(self, user_id: int) -> None:
        """A forgotten member is no longer named as the inviter of the invites they made."""
        for codes in self._invites.values():
            for code, (uses, inviter) in list(codes.items()):
                if inviter == user_id:
                    codes[code] = (uses, None)
