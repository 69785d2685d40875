"""Discord glue of the welcome: greet a new member once per join, and give the welcome role only
while it is safe (below the bot's highest role, no risky permissions beyond those an administrator
accepted when choosing it). The template itself is filled by the pure :mod:`cogs.welcome.template`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import discord

from bot.core import Bot
from cogs.welcome.repository import WelcomeSettings
from cogs.welcome.template import fill, is_risky_permission

log = logging.getLogger(__name__)

GREETED_MAX = 10_000  # recent joins remembered so a member is welcomed once per join


def risky_mask() -> int:
    """Permission bits a welcome role (given to anyone who joins) must not carry unless an
    administrator chose it: administrator, every manage_* permission, kick, ban, timeout and
    mentioning @everyone."""
    names = [n for n in discord.Permissions.VALID_FLAGS if is_risky_permission(n)]
    return discord.Permissions(**dict.fromkeys(names, True)).value


RISKY = risky_mask()


def risky_names(value: int) -> list[str]:
    found = discord.Permissions(value & RISKY)
    return [name for name, on in found if on]


class Greeter:
    def __init__(self, bot: Bot, settings_of: Callable[[int], WelcomeSettings]) -> None:
        self.bot = bot
        self._settings_of = settings_of
        self._greeted: dict[tuple[int, int], datetime | None] = {}  # (guild, member) -> join

    def welcome_text(self, member: discord.Member, template: str) -> str:
        return fill(
            template,
            member_id=member.id,
            member_name=member.display_name,
            server=member.guild.name,
            member_count=member.guild.member_count or len(member.guild.members),
        )

    def default_welcome(self, guild_id: int) -> str:
        return self.bot.i18n.raw("stats.welcome_default", self.bot.guild_settings.locale(guild_id))

    def _first_greeting(self, member: discord.Member) -> bool:
        """True once per (guild, member, join): the join event and passing the screening can
        both ask to greet the same join."""
        key = (member.guild.id, member.id)
        if key in self._greeted and self._greeted[key] == member.joined_at:
            return False
        self._greeted.pop(key, None)
        self._greeted[key] = member.joined_at
        while len(self._greeted) > GREETED_MAX:
            del self._greeted[next(iter(self._greeted))]
        return True

    def welcome_role_problem(self, role: discord.Role, approved: int) -> str | None:
        """Why the welcome role cannot be given now (None: it can)."""
        me = role.guild.me
        if me is None or not me.guild_permissions.manage_roles:
            return "the bot lacks Manage Roles"
        if role.is_default() or role.managed:
            return "managed or @everyone"
        if role >= me.top_role:
            return "not below the bot's highest role"
        gained = role.permissions.value & RISKY & ~approved
        if gained:
            return "it gained risky permissions: " + ", ".join(risky_names(gained))
        return None

    async def greet(self, member: discord.Member) -> None:
        """Welcome message and role (after Membership Screening, when it is on); once per join."""
        settings = self._settings_of(member.guild.id)
        if not settings.enabled or not self._first_greeting(member):
            return
        channel_id = self.bot.guild_settings.channel(member.guild.id, "welcome")
        channel = member.guild.get_channel(channel_id) if channel_id else None
        if isinstance(channel, discord.TextChannel):
            template = settings.text or self.default_welcome(member.guild.id)
            pings = discord.AllowedMentions(everyone=False, roles=False, users=[member])
            try:
                await channel.send(self.welcome_text(member, template), allowed_mentions=pings)
            except discord.HTTPException as exc:
                log.warning("Welcome in %s failed: %s", member.guild.id, exc)
        role = member.guild.get_role(settings.role_id) if settings.role_id else None
        if role is None:
            return
        problem = self.welcome_role_problem(role, settings.role_approved)
        if problem is not None:
            log.warning(
                "Welcome role %s in %s not given to %s: %s",
                role.id,
                member.guild.id,
                member.id,
                problem,
            )
            return
        try:
            await member.add_roles(role, reason="Welcome role")
        except discord.HTTPException as exc:
            log.warning("Welcome role in %s failed: %s", member.guild.id, exc)
