"""Showing cases: the moderation-log embed, in the guild's language."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.utils import format_dt

from bot.durations import format_duration
from bot.i18n import Lang, number
from bot.moderation import outcomes
from bot.moderation.cases.repository import Case, CaseState
from bot.moderation.rulenames import rule_name
from bot.replies import quote

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

COLOURS = {
    "flag": discord.Colour.gold(),
    "delete": discord.Colour.orange(),
    "warn": discord.Colour.orange(),
    "timeout": discord.Colour.red(),
    "kick": discord.Colour.dark_red(),
    "ban": discord.Colour.dark_red(),
}


def case_embed(bot: Bot, case: Case, lang: Lang, active_points: int | None = None) -> discord.Embed:
    t = bot.i18n.t
    action = (
        t(lang, f"action.{case.action}") if bot.i18n.has(f"action.{case.action}") else case.action
    )
    embed = discord.Embed(
        title=t(lang, "case.title", number=case.number, action=action),
        colour=COLOURS.get(case.action, discord.Colour.blurple()),
        timestamp=case.created_at,
    )
    member = f"<@{case.user_id}> (`{case.user_id}`)" if case.user_id else "-"
    embed.add_field(name=t(lang, "case.member"), value=member)
    moderator = t(lang, "case.automod") if case.automatic else f"<@{case.moderator_id}>"
    embed.add_field(name=t(lang, "case.moderator"), value=moderator)
    if case.rule:
        embed.add_field(name=t(lang, "case.rule"), value=rule_name(bot.i18n, lang, case.rule))
    embed.add_field(
        name=t(lang, "case.reason"),
        value=discord.utils.escape_mentions(case.reason)[:1000] or "-",
        inline=False,
    )
    evidence = case.evidence
    if evidence.get("excerpt"):
        embed.add_field(
            name=t(lang, "case.evidence"), value=quote(str(evidence["excerpt"])), inline=False
        )
    if evidence.get("score") is not None:
        embed.add_field(
            name=t(lang, "case.evidence") if not evidence.get("excerpt") else "\u200b",
            value=t(
                lang,
                "case.score",
                score=number(float(str(evidence["score"])), lang, 2),
                threshold=number(float(str(evidence.get("threshold") or 0)), lang, 2),
            ),
            inline=False,
        )
    if case.points:
        expires = format_dt(case.points_expire_at, "R") if case.points_expire_at else "-"
        embed.add_field(
            name=t(lang, "case.points"),
            value=t(
                lang,
                "case.points_value",
                points=case.points,
                active=active_points if active_points is not None else "?",
                expires=expires,
            ),
        )
    if case.duration_seconds:
        from datetime import timedelta

        embed.add_field(
            name=t(lang, "case.duration"),
            value=format_duration(timedelta(seconds=case.duration_seconds), lang),
        )
    if case.channel_id:
        embed.add_field(name=t(lang, "case.message"), value=f"<#{case.channel_id}>")
    if case.dm_status:
        embed.add_field(name=t(lang, "case.dm"), value=t(lang, f"dm.{case.dm_status}"))
    if case.outcome or case.state == CaseState.PENDING:
        embed.add_field(
            name=t(lang, "case.outcome"),
            value=outcomes.describe(bot.i18n, lang, case.outcome),
            inline=False,
        )
    if case.revoked_at:
        embed.set_footer(text=t(lang, "case.revoked", when=case.revoked_at.strftime("%Y-%m-%d")))
    return embed


async def post_case(
    bot: Bot, case: Case, active_points: int | None = None, view: discord.ui.View | None = None
) -> discord.Message | None:
    """Post (or update) the case in the guild's moderation log; never raises for Discord errors."""
    channel_id = bot.guild_settings.channel(case.guild_id, "modlog")
    if channel_id is None:
        return None
    channel = bot.get_channel(channel_id)
    if not isinstance(channel, discord.TextChannel | discord.Thread):
        return None
    lang = bot.guild_settings.locale(case.guild_id)
    embed = case_embed(bot, case, lang, active_points)
    try:
        if case.log_message_id:
            message = channel.get_partial_message(case.log_message_id)
            return await message.edit(embed=embed, view=view)
        if view is not None:
            sent = await channel.send(
                embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            sent = await channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:
        log.warning(
            "Could not post case %s/%s to the moderation log: %s", case.guild_id, case.number, exc
        )
        return None
    await bot.cases.set_log_message_id(case.guild_id, case.number, sent.id)
    return sent


async def post_note(bot: Bot, guild_id: int, key: str, **params: object) -> None:
    """A plain note to the moderation log (e.g. a permission the bot lacks)."""
    channel_id = bot.guild_settings.channel(guild_id, "modlog")
    channel = bot.get_channel(channel_id) if channel_id else None
    if not isinstance(channel, discord.TextChannel | discord.Thread):
        return
    text = bot.i18n.t(bot.guild_settings.locale(guild_id), key, **params)
    try:
        await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:
        log.warning("Could not post a note to the moderation log of %s: %s", guild_id, exc)
