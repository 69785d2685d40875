"""What a draw or a reroll posts, as outbox rows (bot/outbox.py) recorded with the draw: the
result post with its two attachments (the list of receipts and the HTML page that checks the
draw), the reroll post naming which winner is replaced by whom, and the DMs to new and replaced
winners. Only new winners are pinged."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord.utils import format_dt

from bot.outbox import new_key
from bot.repository import OutboxPost
from cogs.giveaways import repository, verifier
from cogs.giveaways.repository import Giveaway, Pick, Result

if TYPE_CHECKING:
    from bot.core import Bot

RESULT = "giveaway-result"  # the outbox renderer of the result post (two attachments)


@dataclass(frozen=True)
class Swap:
    """A reroll of one winner's place: ``old`` is replaced by ``new``."""

    seat: int
    old: Result
    new: Result


def _winner_dms(
    bot: Bot, guild: discord.Guild, giveaway: Giveaway, winners: Sequence[Result]
) -> list[OutboxPost]:
    lang = bot.guild_settings.locale(giveaway.guild_id)
    prize = discord.utils.escape_markdown(giveaway.prize)
    posts = []
    for winner in winners:
        if not winner.user_id:
            continue
        message = bot.i18n.t(lang, "giveaway.winner_dm", prize=prize, server=guild.name)
        if giveaway.claim_seconds:
            deadline = format_dt(bot.clock() + timedelta(seconds=giveaway.claim_seconds), "R")
            message += "\n" + bot.i18n.t(lang, "giveaway.claim_by", when=deadline)
        posts.append(
            OutboxPost(
                key=new_key(),
                guild_id=giveaway.guild_id,
                user_id=winner.user_id,
                content=message,
                view_kind="giveaway-claim" if giveaway.claim_seconds else None,
                view_arg=str(giveaway.id),
            )
        )
    return posts


async def result_posts(
    bot: Bot, guild: discord.Guild, giveaway: Giveaway, picked: list[Result]
) -> list[OutboxPost]:
    """The result post in the giveaway's channel (pinging exactly the winners; the prize text is
    the organiser's and pings nobody) with the list and the checking page, and a DM per winner."""
    lang = bot.guild_settings.locale(giveaway.guild_id)
    t = bot.i18n.t
    winners = [p for p in picked if p.outcome == Pick.WINNER]
    prize = discord.utils.escape_markdown(giveaway.prize)
    if winners:
        mentions = " ".join(f"<@{w.user_id}>" for w in winners)
        content = t(lang, "giveaway.announce", prize=prize, winners=mentions)
    else:
        content = t(lang, "giveaway.announce_none", prize=prize)
    outcomes = {r.receipt: r.outcome for r in await repository.results(bot.db, giveaway.id)}
    outcomes.update({p.receipt: p.outcome for p in picked})
    listing = verifier.list_text(
        await repository.entries(bot.db, giveaway.id),
        {r for r, outcome in outcomes.items() if outcome == Pick.SKIPPED},
    )
    published = verifier.Published(
        giveaway.id,
        giveaway.prize,
        giveaway.seed,
        giveaway.commitment,
        giveaway.winners_count,
        [w.receipt for w in winners],
        listing,
    )
    content += "\n" + t(
        lang,
        "giveaway.reveal",
        seed=giveaway.seed,
        page=verifier.page_name(giveaway.id),
        count=giveaway.winners_count,
    )
    key = new_key()
    post = OutboxPost(
        key=key,
        guild_id=giveaway.guild_id,
        channel_id=giveaway.channel_id,
        content=content,
        pings=tuple(w.user_id for w in winners if w.user_id),
        file_text=json.dumps(verifier.files(published)),
        renderer=RESULT,
        ref=key,
    )
    return [post, *_winner_dms(bot, guild, giveaway, winners)]


async def render_result(bot: Bot, ref: str) -> dict[str, Any] | None:
    """The queued result post with both attachments (drawn by the outbox at delivery)."""
    queued = await repository.queued_result(bot.db, ref)
    if queued is None:
        return None
    content, attachments = queued
    files = [
        discord.File(io.BytesIO(text.encode("utf-8")), filename=name)
        for name, text in json.loads(attachments).items()
    ]
    return {"content": content, "files": files}


def reroll_posts(
    bot: Bot, guild: discord.Guild, giveaway: Giveaway, swaps: Sequence[Swap], unclaimed: bool
) -> list[OutboxPost]:
    """The public reroll post names each replaced place, the new winner (pinged) and whom they
    replace (named, never pinged); the new winners get the winner's DM, the replaced ones a DM
    that their place went to someone else."""
    lang = bot.guild_settings.locale(giveaway.guild_id)
    t = bot.i18n.t
    prize = discord.utils.escape_markdown(giveaway.prize)
    lines = [t(lang, "giveaway.reroll_announce", prize=prize)]
    if unclaimed:
        lines.append(t(lang, "giveaway.reroll_reason_unclaimed"))
    for swap in swaps:
        old = (
            f"<@{swap.old.user_id}>"
            if swap.old.user_id
            else t(lang, "giveaway.former_winner")  # forgotten: no id, no receipt
        )
        lines.append(
            t(lang, "giveaway.reroll_seat", seat=swap.seat, new=f"<@{swap.new.user_id}>", old=old)
        )
    posts = [
        OutboxPost(
            key=new_key(),
            guild_id=giveaway.guild_id,
            channel_id=giveaway.channel_id,
            content="\n".join(lines),
            pings=tuple(s.new.user_id for s in swaps if s.new.user_id),
        ),
        *_winner_dms(bot, guild, giveaway, [s.new for s in swaps]),
    ]
    key = "giveaway.replaced_dm_unclaimed" if unclaimed else "giveaway.replaced_dm"
    for swap in swaps:
        if swap.old.user_id:  # DMs closed: the outbox gives the row up, nothing else happens
            posts.append(
                OutboxPost(
                    key=new_key(),
                    guild_id=giveaway.guild_id,
                    user_id=swap.old.user_id,
                    content=t(lang, key, prize=prize, server=guild.name, seat=swap.seat),
                )
            )
    return posts
