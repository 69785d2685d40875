"""Members' statistics choices: per-member statistics on or off, leaderboards in or out, and what
a /mydata export or forget does with them (opt-outs outlive a forget, under a keyed hash)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core import Bot
from cogs.stats import repository
from cogs.stats.optout import kept_choice
from cogs.stats.repository import MemberPrefs, StatsSettings
from cogs.stats.service import StatsService


class MemberChoices:
    def __init__(
        self,
        bot: Bot,
        service: StatsService,
        guild_settings: Callable[[int], StatsSettings],
    ) -> None:
        self.bot = bot
        self.service = service
        self.guild_settings = guild_settings
        self.prefs: dict[tuple[int, int], MemberPrefs] = {}

    async def save_prefs(self, prefs: MemberPrefs) -> None:
        key = (prefs.guild_id, prefs.user_id)
        kept = self.service.kept
        kept_digest = kept.digest(*key) if kept.get(*key) is not None else None
        opting_out = not prefs.member_stats and key not in self.service.anonymous
        if opting_out:
            # Anonymous from this moment: nothing counted during the awaits below is attributed.
            self.service.anonymous.add(key)
        try:
            # Counts still buffered under the member are written first, then anonymised.
            await self.service.flush()
            await self.bot.activity_service.flush()
            await repository.save_prefs(self.bot.db, prefs, self.bot.clock(), kept_digest)
        except BaseException:
            if opting_out:
                self.service.anonymous.discard(key)
            raise
        self.prefs[key] = prefs
        kept.discard(*key)  # the named row is the member's choice now
        if prefs.member_stats:
            self.service.anonymous.discard(key)

    def member_prefs(self, guild_id: int, user_id: int) -> MemberPrefs:
        named = self.prefs.get((guild_id, user_id))
        if named is not None:
            return named
        kept = self.service.kept.get(guild_id, user_id)
        if kept is not None:  # chosen before a /mydata forget
            return MemberPrefs(guild_id, user_id, kept.leaderboard, kept.member_stats)
        return MemberPrefs(guild_id, user_id)

    def may_name(self, guild_id: int, user_id: int) -> bool:
        """May this member appear on leaderboards and in shout-outs?"""
        prefs = self.member_prefs(guild_id, user_id)
        if not prefs.member_stats:
            return False
        if prefs.leaderboard is not None:
            return prefs.leaderboard
        return self.guild_settings(guild_id).leaderboard_mode == "opt_out"

    async def export(self, user_id: int) -> dict[str, Any]:
        await self.service.flush()
        data: dict[str, Any] = await repository.export_user(self.bot.db, user_id)
        kept = self.service.kept
        data["choices_kept_after_forget"] = [
            {
                "guild_id": guild_id,
                "member_stats": choice.member_stats,
                "leaderboard": choice.leaderboard,
            }
            for guild_id in kept.guilds()
            if (choice := kept.get(guild_id, user_id)) is not None
        ]
        return data

    async def forget(self, user_id: int) -> int:
        """Delete or anonymise everything about the member. Their opt-outs stay in force, under a
        keyed hash: a forget must never make the bot count or name them again."""
        self.service.forgetting.add(user_id)  # counted as user 0 until this is done
        try:
            keep = [
                (guild_id, self.service.kept.digest(guild_id, user_id), choice)
                for (guild_id, member), prefs in self.prefs.items()
                if member == user_id
                and (choice := kept_choice(prefs.member_stats, prefs.leaderboard)) is not None
            ]
            await self.service.flush()
            changed = await repository.forget_user(self.bot.db, user_id, keep)
            for key in [k for k in self.prefs if k[1] == user_id]:
                del self.prefs[key]
                self.service.anonymous.discard(key)
            for guild_id, _, choice in keep:
                self.service.kept.add(guild_id, user_id, choice)
            return changed
        finally:
            self.service.forgetting.discard(user_id)
