"""Direct messages to a member, for replies that are not moderation notices (those go through
the outbox: bot/moderation/notices.py)."""

from __future__ import annotations

import logging
from enum import StrEnum

import discord

log = logging.getLogger(__name__)


class DmStatus(StrEnum):
    """What became of a direct message to a member (stored with moderation cases)."""

    SENT = "sent"
    CLOSED = "closed"  # the member does not accept DMs from this server
    FAILED = "failed"
    COMBINED = "combined"  # a case's notice told in the DM of a later case of the same burst


async def send_dm(
    member: discord.Member | discord.User, text: str, view: discord.ui.View | None = None
) -> DmStatus:
    """DM the member; returns sent, closed (their DMs are off) or failed. Never pings."""
    try:
        if view is not None:
            await member.send(text, view=view, allowed_mentions=discord.AllowedMentions.none())
        else:
            await member.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.Forbidden:
        return DmStatus.CLOSED
    except discord.HTTPException as exc:
        log.info("DM to %s failed: %s", member.id, exc)
        return DmStatus.FAILED
    return DmStatus.SENT
