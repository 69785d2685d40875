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
    process's or the bot is no longer in it (the job is dropped; a restart arms it again, if
    the bot was added back), or the guild is unavailable or not yet received (the job is armed
    again for a little later). Nothing is recorded either way: the rows stay as they are."""
    if not bot.owns(guild_id):
        return True
    if sees(bot, guild_id):
        return False
    if bot.is_ready() and bot.get_guild(guild_id) is None:
        return True  # the bot is not in the server (removed): its data waits for the purge
    bot.scheduler.run_at(key, bot.clock() + RETRY_UNSEEN, func, *args)
    return True
