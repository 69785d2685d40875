"""Rerolls: which winner's place (*seat*) to replace, and replacing it exactly once.

The places are replayed from the draw order (draw.seats). What to replace is settled when the
command arrives (a place chosen from the suggestions names its holder's receipt too); the reroll
then runs under a per-giveaway lock and is recorded only if those winners still hold their
places (repository.record_draw): a double click or a retry replaces nobody a second time.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

import discord

from bot.errors import UserFacingError
from cogs.giveaways import announce, draw, repository
from cogs.giveaways.announce import Swap
from cogs.giveaways.repository import Giveaway, Pick, Result

if TYPE_CHECKING:
    from cogs.giveaways.service import GiveawayService

_CHOSEN = re.compile(r"^(\d{1,2}):([0-9a-f]{16})$")  # a suggestion: place and holder's receipt
_MEMBER = re.compile(r"^(?:<@!?(\d{15,20})>|(\d{15,20}))$")
Target = tuple[int, Result]  # a place and the winner holding it when the command arrived


class Rerolls:
    def __init__(self, service: GiveawayService) -> None:
        self.service = service
        self.bot = service.bot
        self._locks: dict[int, asyncio.Lock] = {}

    async def seats(self, giveaway: Giveaway) -> dict[int, Result]:
        """Place -> the winner holding it now. Should the replay not fit the stored results
        (rows written before places existed), the winners are numbered in draw order."""
        entrants = await repository.entries(self.bot.db, giveaway.id)
        results = await repository.results(self.bot.db, giveaway.id)
        by_receipt = {r.receipt: r for r in results}
        receipts = sorted(set(entrants) | set(by_receipt))
        order = draw.draw_order(bytes.fromhex(giveaway.seed), receipts)
        won = {r.receipt for r in results if r.outcome in (Pick.WINNER, Pick.REPLACED)}
        replaced_in = {r.receipt: r.round for r in results if r.outcome == Pick.REPLACED}
        holders = draw.seats(order, giveaway.winners_count, won, replaced_in)
        current = [r for r in order if r in by_receipt and by_receipt[r].outcome == Pick.WINNER]
        if sorted(holders.values()) != sorted(current):
            holders = dict(enumerate(current, start=1))
        return {place: by_receipt[receipt] for place, receipt in holders.items()}

    async def targets(
        self,
        guild: discord.Guild,
        giveaway: Giveaway,
        count: int,
        unclaimed: bool,
        seat: str | None,
    ) -> list[Target]:
        """What the command asks to replace, settled now (before waiting for another reroll)."""
        if giveaway.entrants_purged:
            raise UserFacingError("giveaway.reroll_purged", id=giveaway.id)
        seats = await self.seats(giveaway)
        if unclaimed:
            if not giveaway.claim_seconds:
                raise UserFacingError("giveaway.no_claim_deadline")
            late = {
                r.receipt
                for r in await repository.unclaimed_winners(
                    self.bot.db, giveaway.id, giveaway.claim_seconds, self.bot.clock()
                )
            }
            chosen = [(p, r) for p, r in seats.items() if r.receipt in late]
            if not chosen:
                raise UserFacingError("giveaway.none_unclaimed")
            return sorted(chosen, key=lambda target: target[0])
        if seat is None:
            return sorted(seats.items())[-count:]
        return [self._resolve(guild, seats, seat.strip())]

    def _resolve(self, guild: discord.Guild, seats: dict[int, Result], value: str) -> Target:
        """A place: "2", a suggestion "2:<receipt>", a member (mention, id or name)."""
        chosen = _CHOSEN.match(value)
        if chosen:
            place, receipt = int(chosen[1]), chosen[2]
            if seats.get(place) is None or seats[place].receipt != receipt:
                raise UserFacingError("giveaway.seat_taken", seat=place)
            return place, seats[place]
        if value.isdigit() and len(value) <= 2:
            place = int(value)
            if place not in seats:
                raise UserFacingError("giveaway.seat_unknown", seat=place, count=len(seats))
            return place, seats[place]
        member = _MEMBER.match(value)
        user_id = int(member[1] or member[2]) if member else None
        if user_id is None:
            folded = value.casefold().lstrip("@")
            named = [
                m.id
                for m in guild.members
                if folded in (m.display_name.casefold(), m.name.casefold())
            ]
            user_id = named[0] if len(named) == 1 else None
        for place, result in seats.items():
            if user_id is not None and result.user_id == user_id:
                return place, result
        raise UserFacingError("giveaway.not_a_winner", value=discord.utils.escape_markdown(value))

    async def reroll(
        self, guild: discord.Guild, giveaway: Giveaway, targets: list[Target], unclaimed: bool
    ) -> list[Swap]:
        """Replace the targets that still hold their places, continuing the draw order."""
        lock = self._locks.setdefault(giveaway.id, asyncio.Lock())
        async with lock:
            seats = await self.seats(giveaway)
            still = sorted(
                (p, r) for p, r in targets if p in seats and seats[p].receipt == r.receipt
            )
            if not still:
                raise UserFacingError("giveaway.already_replaced")
            results = await repository.results(self.bot.db, giveaway.id)
            new_round = max((r.round for r in results), default=0) + 1
            picked = await self.service.pick(guild, giveaway, len(still), new_round)
            winners = [p for p in picked if p.outcome == Pick.WINNER]
            if not winners:
                raise UserFacingError("giveaway.reroll_empty")
            swaps = [Swap(p, old, new) for (p, old), new in zip(still, winners, strict=False)]
            posts = announce.reroll_posts(self.bot, guild, giveaway, swaps, unclaimed)
            replaced = [
                Result(s.old.receipt, s.old.user_id, Pick.REPLACED, new_round) for s in swaps
            ]
            if not await repository.record_draw(
                self.bot.db, giveaway.id, replaced, picked, self.bot.clock(), posts
            ):
                raise UserFacingError("giveaway.already_replaced")
            self.bot.outbox.kick()
            return swaps

    def suggestions(
        self, seats: dict[int, Result], guild: discord.Guild | None
    ) -> list[tuple[str, str]]:
        """(name, value) of each place for the command's autocomplete."""
        out = []
        for place, result in sorted(seats.items()):
            member = guild.get_member(result.user_id) if guild and result.user_id else None
            who = member.display_name if member else (str(result.user_id or "") or "—")
            out.append((f"{place}. {who}"[:100], f"{place}:{result.receipt}"))
        return out
