"""Timed jobs of one guild: they run in the process that owns the guild (``Bot.owns``), and only
while the bot sees the guild. A job that fires while its guild is unavailable (a Discord outage,
a shard still connecting) records nothing and tries again a little later; a job of a guild
another process owns is dropped there (that process arms its own)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.scheduler import JobFunc

if TYPE_CHECKING:
    from bot.core import Bot

RETRY_UNSEEN = timedelta(minutes=1)  # how soon a job of an unavailable guild tries again


def sees(bot: Bot, guild_id: int) -> bool:
    """Is the guild in this process's view and available right now?"""
    guild = bot.get_guild(guild_id)
    return guild is not None and not guild.unavailable


def held_back(bot: Bot, guild_id: int, key: str, func: JobFunc, *args: Any) -> bool:
    """True if the job ``key`` (``func(*args)``) must not run now: its guild is another
    process's (the job is dropped) or not visible (the job is armed again for a little later).
    Nothing is recorded either way: the rows stay as they are."""
    if not bot.owns(guild_id):
        return True
    if sees(bot, guild_id):
        return False
    bot.scheduler.run_at(key, bot.clock() + RETRY_UNSEEN, func, *args)
    return True
