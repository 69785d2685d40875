"""Direct messages to a member, for replies that are not moderation notices (those go through
the outbox: bot/moderation/notices.py)."""

from __future__ import annotations

import logging

import discord

log = logging.getLogger(__name__)


async def send_dm(
    member: discord.Member | discord.User, text: str, view: discord.ui.View | None = None
) -> str:
    """DM the member; returns sent, closed (their DMs are off) or failed. Never pings."""
    try:
        if view is not None:
            await member.send(text, view=view, allowed_mentions=discord.AllowedMentions.none())
        else:
            await member.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.Forbidden:
        return "closed"
    except discord.HTTPException as exc:
        log.info("DM to %s failed: %s", member.id, exc)
        return "failed"
    return "sent"
