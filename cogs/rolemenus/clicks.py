"""A member clicks a role menu: the roles are checked again (a role may have moved above the bot,
become a team role or gained a dangerous permission since the menu was made), the change is planned by the pure
rules, applied, counted, and the member is told privately what changed."""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import UserFacingError
from bot.replies import permission_label, send_private, text
from bot.roles import granted_permissions, team_role_ids
from cogs.rolemenus import repository
from cogs.rolemenus.repository import Menu
from cogs.rolemenus.rules import (
    Change,
    Refusal,
    RoleFacts,
    parts,
    plan_select,
    plan_toggle,
    role_problem,
)

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)

#: how long a member's last change is remembered: discord.py updates its member cache only from
#: the gateway event that follows the change, and a click's own roles may be older still
RECENT = timedelta(seconds=10)


@dataclass(frozen=True)
class Recent:
    """Roles the bot just gave or took back, until the member's roles surely show it."""

    at: datetime
    added: frozenset[int]
    removed: frozenset[int]


def facts_of(bot: Bot, guild: discord.Guild, role_id: int) -> RoleFacts:
    role = guild.get_role(role_id)
    me = guild.me
    if role is None:
        return RoleFacts(exists=False)
    return RoleFacts(
        exists=True,
        is_default=role.is_default(),
        managed=role.managed,
        below_bot=me is not None and role < me.top_role,
        team=role_id in team_role_ids(bot, guild.id),
        permissions=granted_permissions(role),
    )


def refuse_role(bot: Bot, guild: discord.Guild, role_id: int) -> None:
    """Raise the reason the bot must not hand out ``role_id`` (nothing if it may)."""
    problem = role_problem(facts_of(bot, guild, role_id))
    if problem is None:
        return
    names = list(problem.permissions)
    raise UserFacingError(
        problem.key,
        role=f"<@&{role_id}>",
        permissions=permission_label(names) if names else "",
    )


class Clicks:
    """Clicks of one member are handled one after another (per server), each planned from the
    member's roles with the bot's own recent changes applied: two quick clicks on a single-choice
    menu end with one role, not both."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._locks: weakref.WeakValueDictionary[tuple[int, int], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._recent: dict[tuple[int, int], Recent] = {}

    def _lock(self, member: discord.Member) -> asyncio.Lock:
        key = (member.guild.id, member.id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def held(self, member: discord.Member) -> set[int]:
        """The member's roles as the bot last left them."""
        now = self.bot.clock()
        self._recent = {k: r for k, r in self._recent.items() if now - r.at < RECENT}
        roles = {r.id for r in member.roles}
        recent = self._recent.get((member.guild.id, member.id))
        if recent is not None:
            roles = (roles | recent.added) - recent.removed
        return roles

    def _remember(self, member: discord.Member, added: set[int], removed: set[int]) -> None:
        key = (member.guild.id, member.id)
        last = self._recent.get(key)
        before_added = last.added if last else frozenset()
        before_removed = last.removed if last else frozenset()
        self._recent[key] = Recent(
            self.bot.clock(),
            frozenset((before_added - removed) | added),
            frozenset((before_removed - added) | removed),
        )

    async def _serialised(
        self, interaction: discord.Interaction[Any], member: discord.Member
    ) -> asyncio.Lock:
        lock = self._lock(member)
        if lock.locked() and not interaction.response.is_done():
            # waiting for the member's previous click: answer Discord in time
            await interaction.response.defer(ephemeral=True, thinking=True)
        return lock

    async def _menu_and_member(
        self, interaction: discord.Interaction[Any], menu_id: int
    ) -> tuple[Menu, discord.Member]:
        guild = interaction.guild
        menu = await repository.get(self.bot.db, menu_id)
        if guild is None or menu is None or menu.guild_id != guild.id:
            raise UserFacingError("rolemenu.gone")
        member = interaction.user
        if not isinstance(member, discord.Member):
            raise UserFacingError("error.guild_only")
        if menu.required_role_id is not None and member.get_role(menu.required_role_id) is None:
            raise UserFacingError("rolemenu.needs_role", role=f"<@&{menu.required_role_id}>")
        me = guild.me
        if me is None or not me.guild_permissions.manage_roles:
            raise UserFacingError(
                "rolemenu.bot_cannot", permissions=permission_label(["manage_roles"])
            )
        return menu, member

    async def toggle(
        self, interaction: discord.Interaction[Any], menu_id: int, role_id: int
    ) -> None:
        menu, member = await self._menu_and_member(interaction, menu_id)
        if role_id not in menu.role_ids:
            raise UserFacingError("rolemenu.gone")
        async with await self._serialised(interaction, member):
            held = self.held(member)
            plan = plan_toggle(
                menu.role_ids, held, role_id, single=menu.single, maximum=menu.max_roles
            )
            await self._apply(interaction, menu, member, plan)

    async def choose(
        self, interaction: discord.Interaction[Any], menu_id: int, part: int, chosen: list[int]
    ) -> None:
        menu, member = await self._menu_and_member(interaction, menu_id)
        chunks = parts(menu.role_ids)
        if part >= len(chunks):
            raise UserFacingError("rolemenu.gone")
        async with await self._serialised(interaction, member):
            plan = plan_select(
                menu.role_ids,
                chunks[part],
                self.held(member),
                chosen,
                single=menu.single,
                maximum=menu.max_roles,
            )
            await self._apply(interaction, menu, member, plan)

    async def _apply(
        self,
        interaction: discord.Interaction[Any],
        menu: Menu,
        member: discord.Member,
        plan: Change | Refusal,
    ) -> None:
        if isinstance(plan, Refusal):
            raise UserFacingError(plan.key, count=plan.maximum)
        guild = member.guild
        for role_id in (*plan.added, *plan.removed):
            refuse_role(self.bot, guild, role_id)
        if plan.empty:
            await send_private(interaction, text(interaction, "rolemenu.nothing_changed"))
            return
        if not interaction.response.is_done():
            await interaction.response.defer(ephemeral=True, thinking=True)
        added = [r for r in (guild.get_role(i) for i in plan.added) if r is not None]
        removed = [r for r in (guild.get_role(i) for i in plan.removed) if r is not None]
        reason = f"Role menu #{menu.id}"
        try:
            if removed:
                await member.remove_roles(*removed, reason=reason)
                self._remember(member, set(), {r.id for r in removed})
            if added:
                await member.add_roles(*added, reason=reason)
                self._remember(member, {r.id for r in added}, set())
        except discord.HTTPException as exc:
            log.warning("Role menu %s in %s failed for %s: %s", menu.id, guild.id, member.id, exc)
            raise UserFacingError("rolemenu.discord_refused") from None
        day = self.bot.activity_service.days.day(guild.id, self.bot.clock())
        await repository.count_choices(
            self.bot.db, guild.id, day, [r.id for r in added], [r.id for r in removed]
        )
        lines = []
        if added:
            lines.append(text(interaction, "rolemenu.added", roles=_mentions(added)))
        if removed:
            lines.append(text(interaction, "rolemenu.removed", roles=_mentions(removed)))
        await send_private(interaction, "\n".join(lines))


def _mentions(roles: list[discord.Role]) -> str:
    return ", ".join(role.mention for role in roles)
