"""The giveaway's orchestration: opening and arming, entering and leaving, the debounced
entry count, the timer, the draw, cancelling, purging entrants. What a draw posts is built in
announce.py, rerolls live in reroll.py."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

import discord

from bot.checks import require_guild
from bot.core import Bot
from bot.debounce import Debouncer
from bot.durations import localized_duration
from bot.errors import UserFacingError
from bot.guildjobs import held_back
from bot.replies import send_private, text
from cogs.giveaways import announce, draw, repository
from cogs.giveaways.repository import Giveaway, GiveawaySettings, GiveawayState, Pick, Result
from cogs.giveaways.reroll import Rerolls
from cogs.giveaways.views import entry_view, message_embed

log = logging.getLogger(__name__)

COUNT_EDIT_DELAY = 2.0  # debounce: one edit of the entry count per giveaway every 2 seconds


class GiveawayService:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._open: dict[int, Giveaway] = {}
        self.settings: dict[int, GiveawaySettings] = {}
        self._count_edits = Debouncer(COUNT_EDIT_DELAY)
        self._refreshing: asyncio.Task[None] | None = None
        self.rerolls = Rerolls(self)

    async def start(self) -> None:
        """Load the settings, re-arm the timers and finish what a stop interrupted."""
        self.settings = await repository.load_settings(self.bot.db)
        owns = self.bot.owns  # another process arms the giveaways of the other shards
        for giveaway in await repository.open_giveaways(self.bot.db):
            if owns(giveaway.guild_id):
                self._arm(giveaway)
        for giveaway in await repository.ended_with_entrants(self.bot.db):
            if not owns(giveaway.guild_id):
                continue
            self._arm_purge(giveaway)
            if giveaway.state == GiveawayState.ENDED and await repository.needs_draw(
                self.bot.db, giveaway.id
            ):
                # Closed, but the bot stopped before the draw was recorded: draw now, once.
                self.bot.scheduler.run_at(
                    f"giveaway-draw:{giveaway.id}", self.bot.clock(), self._redraw, giveaway.id
                )
        self._refreshing = asyncio.create_task(self._refresh_stale(), name="giveaway-refresh")

    async def _refresh_stale(self) -> None:
        """After a restart: every open giveaway whose shown entry count differs from the
        database is brought up to date (through the debounced, rate-limited edits)."""
        await self.bot.wait_until_ready()
        for giveaway_id in await repository.stale_giveaways(self.bot.db):
            self._schedule_refresh(giveaway_id)

    async def stop(self) -> None:
        if self._refreshing is not None:
            self._refreshing.cancel()
        await self._count_edits.aclose()

    def _arm(self, giveaway: Giveaway) -> None:
        self._open[giveaway.id] = giveaway
        self.bot.scheduler.run_at(
            f"giveaway:{giveaway.id}", giveaway.ends_at, self._timer, giveaway.id
        )

    def _arm_purge(self, giveaway: Giveaway) -> None:
        """The entrant list is deleted ``retention_days`` after the end (a restart re-arms it)."""
        days = self.settings.get(giveaway.guild_id, GiveawaySettings()).retention_days
        when = (giveaway.ended_at or self.bot.clock()) + timedelta(days=days)
        self.bot.scheduler.run_at(
            f"giveaway-purge:{giveaway.id}",
            when,
            repository.purge_entrants,
            self.bot.db,
            giveaway.id,
        )

    async def _redraw(self, giveaway_id: int) -> None:
        await self.bot.wait_until_ready()
        giveaway = await repository.get(self.bot.db, giveaway_id)
        if giveaway is None or held_back(
            self.bot, giveaway.guild_id, f"giveaway-draw:{giveaway_id}", self._redraw, giveaway_id
        ):
            return
        guild = self.bot.get_guild(giveaway.guild_id)
        if guild is None or not await repository.needs_draw(self.bot.db, giveaway_id):
            return
        await self._draw(guild, giveaway)
        await self._refresh(giveaway_id)

    async def _timer(self, giveaway_id: int) -> None:
        await self.bot.wait_until_ready()
        giveaway = await repository.get(self.bot.db, giveaway_id)
        if giveaway is None or held_back(
            self.bot, giveaway.guild_id, f"giveaway:{giveaway_id}", self._timer, giveaway_id
        ):
            return  # gone, or its server is not in view: nothing is closed yet
        await self.finish(giveaway_id)

    async def _refresh(self, giveaway_id: int) -> None:
        giveaway = await repository.get(self.bot.db, giveaway_id)
        if giveaway is None or giveaway.message_id is None or not self.bot.owns(giveaway.guild_id):
            return
        channel = self.bot.get_channel(giveaway.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return
        lang = self.bot.guild_settings.locale(giveaway.guild_id)
        entries = await repository.count_entries(self.bot.db, giveaway_id)
        try:
            await channel.get_partial_message(giveaway.message_id).edit(
                embed=message_embed(self.bot, giveaway, entries, lang),
                view=entry_view(self.bot, giveaway, lang),
            )
        except discord.HTTPException as exc:
            log.warning("Updating giveaway %s failed: %s", giveaway_id, exc)
            return
        await repository.set_shown_entries(self.bot.db, giveaway_id, entries)

    def _schedule_refresh(self, giveaway_id: int) -> None:
        self._count_edits.schedule(giveaway_id, lambda: self._refresh(giveaway_id))

    # --- entering ---------------------------------------------------------------------------

    def _ineligible(
        self, giveaway: Giveaway, member: discord.Member
    ) -> tuple[str, dict[str, object]] | None:
        now = self.bot.clock()
        if giveaway.required_role_id and not any(
            r.id == giveaway.required_role_id for r in member.roles
        ):
            return "giveaway.needs_role", {"role": f"<@&{giveaway.required_role_id}>"}
        if giveaway.min_account_age_s and now - member.created_at < timedelta(
            seconds=giveaway.min_account_age_s
        ):
            return "giveaway.account_too_new", {
                "age": localized_duration(timedelta(seconds=giveaway.min_account_age_s))
            }
        joined = member.joined_at
        if giveaway.min_membership_age_s and (
            joined is None or now - joined < timedelta(seconds=giveaway.min_membership_age_s)
        ):
            return "giveaway.member_too_new", {
                "age": localized_duration(timedelta(seconds=giveaway.min_membership_age_s))
            }
        return None

    async def click(
        self, interaction: discord.Interaction[Any], action: str, giveaway_id: int
    ) -> None:
        guild = require_guild(interaction)
        giveaway = self._open.get(giveaway_id) or await repository.get(self.bot.db, giveaway_id)
        if giveaway is None or giveaway.guild_id != guild.id:
            raise UserFacingError("error.foreign_id")
        if giveaway.state != GiveawayState.OPEN or giveaway_id not in self._open:
            raise UserFacingError("giveaway.closed")
        member = interaction.user
        assert isinstance(member, discord.Member)
        receipt = draw.receipt(bytes.fromhex(giveaway.seed), member.id)
        if action == "leave":
            await interaction.response.defer(ephemeral=True, thinking=True)  # before the write
            left = await self.bot.writes.run(
                lambda tx: repository.leave_in(tx, giveaway_id, member.id)
            )
            await send_private(
                interaction, text(interaction, "giveaway.left" if left else "giveaway.not_entered")
            )
        else:
            refusal = self._ineligible(giveaway, member)
            if refusal is not None:
                raise UserFacingError(refusal[0], **refusal[1])
            # Acknowledged before any database wait (a burst of entries never misses Discord's
            # deadline); the member hears "entered" only once the entry is stored.
            await interaction.response.defer(ephemeral=True, thinking=True)
            now = self.bot.clock()
            entered = await self.bot.writes.run(
                lambda tx: repository.enter_in(tx, giveaway_id, member.id, receipt, now)
            )
            await send_private(
                interaction,
                text(
                    interaction,
                    "giveaway.entered" if entered else "giveaway.already",
                    receipt=receipt,
                ),
            )
            if entered:
                self.bot.activity_service.record(guild.id, "giveaway_entry", member.id)
        self._schedule_refresh(giveaway_id)

    # --- the draw ---------------------------------------------------------------------------

    async def _eligible_now(self, guild: discord.Guild, giveaway: Giveaway, user_id: int) -> bool:
        member = guild.get_member(user_id)
        if member is None:
            try:
                member = await guild.fetch_member(user_id)
            except discord.NotFound:
                return False  # left the server
            except discord.HTTPException as exc:
                # Discord could not answer: they were eligible when they entered, so they stay in.
                log.warning("Could not check giveaway candidate %s: %s", user_id, exc)
                return True
        return self._ineligible(giveaway, member) is None

    async def pick(
        self, guild: discord.Guild, giveaway: Giveaway, count: int, round_: int
    ) -> list[Result]:
        """Walk the draw order from where it stands; check only the candidates, not every entrant.
        (A receipt on record whose entry was forgotten keeps its place in the order.)"""
        entrants = await repository.entries(self.bot.db, giveaway.id)
        done = {r.receipt for r in await repository.results(self.bot.db, giveaway.id)}
        order = draw.draw_order(bytes.fromhex(giveaway.seed), sorted(set(entrants) | done))
        picked: list[Result] = []
        for receipt in order:
            if len([p for p in picked if p.outcome == Pick.WINNER]) == count:
                break
            if receipt in done:
                continue
            user_id = entrants[receipt]
            eligible = await self._eligible_now(guild, giveaway, user_id)
            picked.append(
                Result(receipt, user_id, Pick.WINNER if eligible else Pick.SKIPPED, round_)
            )
        return picked

    async def _draw(self, guild: discord.Guild, giveaway: Giveaway) -> None:
        """Pick, then record the results and their announcement in one transaction: once the
        draw is stored, its announcement (and the winners' DMs) will be posted exactly once,
        whenever the process dies (bot/outbox.py)."""
        picked = await self.pick(guild, giveaway, giveaway.winners_count, 0)
        posts = await announce.result_posts(self.bot, guild, giveaway, picked)
        if await repository.record_draw(
            self.bot.db, giveaway.id, [], picked, self.bot.clock(), posts
        ):
            self.bot.outbox.kick()

    async def finish(self, giveaway_id: int) -> bool:
        """End and draw exactly once (the timer, /giveaway end and a restart may race)."""
        if not await repository.close(
            self.bot.db, giveaway_id, GiveawayState.ENDED, self.bot.clock()
        ):
            return False
        self._open.pop(giveaway_id, None)
        self.bot.scheduler.cancel(f"giveaway:{giveaway_id}")
        giveaway = await repository.get(self.bot.db, giveaway_id)
        guild = self.bot.get_guild(giveaway.guild_id) if giveaway else None
        if giveaway is None or guild is None:
            return True
        await self._draw(guild, giveaway)
        await self._refresh(giveaway_id)
        self._arm_purge(giveaway)
        return True

    # --- opening, cancelling ----------------------------------------------------------------

    async def open_giveaway(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        creator_id: int,
        prize: str,
        length: timedelta,
        winners: int,
        *,
        description: str | None = None,
        required_role_id: int | None = None,
        account: timedelta = timedelta(),
        membership: timedelta = timedelta(),
        terms_url: str | None = None,
        claim: timedelta | None = None,
    ) -> Giveaway:
        """Create, post and arm a giveaway (from /giveaway start or a schedule)."""
        seed = draw.new_seed()
        now = self.bot.clock()
        giveaway = await repository.create(
            self.bot.db,
            guild_id=guild.id,
            channel_id=channel.id,
            prize=prize,
            description=description,
            winners_count=winners,
            ends_at=now + length,
            seed=seed.hex(),
            commitment=draw.commitment(seed),
            required_role_id=required_role_id,
            min_account_age_s=int(account.total_seconds()),
            min_membership_age_s=int(membership.total_seconds()),
            created_by=creator_id,
            now=now,
            terms_url=terms_url,
        )
        lang = self.bot.guild_settings.locale(guild.id)
        view = entry_view(self.bot, giveaway, lang)
        assert view is not None  # a new giveaway is open
        message = await channel.send(
            embed=message_embed(self.bot, giveaway, 0, lang),
            view=view,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        await repository.set_message(self.bot.db, giveaway.id, message.id)
        if claim is not None:
            await repository.set_claim_seconds(self.bot.db, giveaway.id, int(claim.total_seconds()))
            giveaway = await repository.get(self.bot.db, giveaway.id) or giveaway
        self._arm(giveaway)
        return giveaway

    def terms_url(self, guild_id: int) -> str | None:
        return self.settings.get(guild_id, GiveawaySettings()).terms_url

    async def cancel(self, giveaway_id: int) -> bool:
        """Close a running giveaway without a draw; False if it was not open."""
        if not await repository.close(
            self.bot.db, giveaway_id, GiveawayState.CANCELLED, self.bot.clock()
        ):
            return False
        self._open.pop(giveaway_id, None)
        self.bot.scheduler.cancel(f"giveaway:{giveaway_id}")
        await self._refresh(giveaway_id)
        return True
