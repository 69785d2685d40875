"""A member clicks a role menu: the roles are checked again (a role may have moved above the bot,
become a team role or gained a dangerous permission since the menu was made), the change is planned by the pure
rules, applied, counted, and the member is told privately what changed."""

from __future__ import annotations

import logging
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
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

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
        held = {r.id for r in member.roles}
        plan = plan_toggle(menu.role_ids, held, role_id, single=menu.single, maximum=menu.max_roles)
        await self._apply(interaction, menu, member, plan)

    async def choose(
        self, interaction: discord.Interaction[Any], menu_id: int, part: int, chosen: list[int]
    ) -> None:
        menu, member = await self._menu_and_member(interaction, menu_id)
        chunks = parts(menu.role_ids)
        if part >= len(chunks):
            raise UserFacingError("rolemenu.gone")
        held = {r.id for r in member.roles}
        plan = plan_select(
            menu.role_ids,
            chunks[part],
            held,
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
        await interaction.response.defer(ephemeral=True, thinking=True)
        added = [r for r in (guild.get_role(i) for i in plan.added) if r is not None]
        removed = [r for r in (guild.get_role(i) for i in plan.removed) if r is not None]
        reason = f"Role menu #{menu.id}"
        try:
            if removed:
                await member.remove_roles(*removed, reason=reason)
            if added:
                await member.add_roles(*added, reason=reason)
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
