"""Locking a server down and restoring exactly what was there before (raid defence and the
moderators' /lockdown share this).

Before a channel's @everyone overwrite is changed, its state (the overwrite's allow and deny
bits, or that there was none) is saved; lifting the lockdown writes exactly that back, also after
a restart. Active threads are locked and unlocked the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.moderation.lockdown import repository
from bot.moderation.lockdown.repository import SavedChannel

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

LOCKED = (
    "send_messages",
    "send_messages_in_threads",
    "create_public_threads",
    "create_private_threads",
    "add_reactions",
)


@dataclass(frozen=True)
class LockdownResult:
    started: bool
    channels: int
    threads: int
    failed: int


async def lock(bot: Bot, guild: discord.Guild, started_by: int, reason: str) -> LockdownResult:
    """Lock every open channel and active thread. A lockdown that is already active (e.g. one a
    crash interrupted halfway) is resumed: channels whose state was saved are locked from that
    saved state if they are not locked yet, the others are saved and locked; nothing is sent for
    a channel that is locked already. ``started`` is False if there was nothing left to do."""
    started = await repository.start(bot.db, guild.id, started_by, reason, bot.clock())
    saved = (
        {}
        if started
        else {c.channel_id: c for c in await repository.saved_channels(bot.db, guild.id)}
    )
    everyone = guild.default_role
    channels = threads = failed = 0
    audit = f"Lockdown: {reason}"[:500]
    for channel in guild.channels:
        if not isinstance(
            channel, discord.TextChannel | discord.ForumChannel | discord.VoiceChannel
        ):
            continue
        prior = saved.get(channel.id)
        if prior is None and not channel.permissions_for(everyone).send_messages:
            continue  # already closed for members: nothing to change or restore
        if not channel.permissions_for(guild.me).manage_roles:
            failed += 1
            continue
        current = channel.overwrites.get(everyone)
        if prior is not None:
            allow, deny = (
                discord.Permissions(prior.allow_bits),
                discord.Permissions(prior.deny_bits),
            )
        else:
            allow, deny = (
                current.pair()
                if current is not None
                else (discord.Permissions.none(), discord.Permissions.none())
            )
            await repository.save_channel(
                bot.db,
                guild.id,
                SavedChannel(
                    channel.id, "channel", current is not None, allow.value, deny.value, False
                ),
            )
        overwrite = discord.PermissionOverwrite.from_pair(allow, deny)
        overwrite.update(**{name: False for name in LOCKED})
        if current is not None and current.pair() == overwrite.pair():
            continue  # locked before an interruption
        try:
            await channel.set_permissions(everyone, overwrite=overwrite, reason=audit)
            channels += 1
        except discord.HTTPException as exc:
            log.warning("Locking channel %s failed: %s", channel.id, exc)
            await repository.forget_channel(bot.db, guild.id, channel.id)
            failed += 1
    for thread in guild.threads:
        if thread.locked or thread.archived:
            continue
        if thread.id not in saved:
            await repository.save_channel(
                bot.db, guild.id, SavedChannel(thread.id, "thread", False, 0, 0, False)
            )
        try:
            await thread.edit(locked=True, reason=audit)
            threads += 1
        except discord.HTTPException as exc:
            log.warning("Locking thread %s failed: %s", thread.id, exc)
            await repository.forget_channel(bot.db, guild.id, thread.id)
            failed += 1
    return LockdownResult(started or bool(channels or threads), channels, threads, failed)


async def unlock(bot: Bot, guild: discord.Guild, reason: str) -> LockdownResult:
    if await repository.get(bot.db, guild.id) is None:
        return LockdownResult(False, 0, 0, 0)
    everyone = guild.default_role
    channels = threads = failed = 0
    audit = f"Lockdown lifted: {reason}"[:500]
    for saved in await repository.saved_channels(bot.db, guild.id):
        try:
            if saved.kind == "thread":
                thread = guild.get_thread(saved.channel_id) or await guild.fetch_channel(
                    saved.channel_id
                )
                if isinstance(thread, discord.Thread):
                    await thread.edit(locked=saved.was_locked, reason=audit)
                    threads += 1
            else:
                channel = guild.get_channel(saved.channel_id)
                if isinstance(channel, discord.abc.GuildChannel):
                    if saved.had_overwrite:
                        overwrite = discord.PermissionOverwrite.from_pair(
                            discord.Permissions(saved.allow_bits),
                            discord.Permissions(saved.deny_bits),
                        )
                        await channel.set_permissions(everyone, overwrite=overwrite, reason=audit)
                    else:
                        await channel.set_permissions(everyone, overwrite=None, reason=audit)
                    channels += 1
        except discord.NotFound:
            pass  # deleted meanwhile: nothing to restore
        except discord.HTTPException as exc:
            log.warning("Restoring %s %s failed: %s", saved.kind, saved.channel_id, exc)
            failed += 1
            continue
        await repository.forget_channel(bot.db, guild.id, saved.channel_id)
    if failed == 0:
        await repository.end(bot.db, guild.id)
    return LockdownResult(True, channels, threads, failed)
