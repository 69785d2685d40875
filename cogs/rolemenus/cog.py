"""Discord glue of the role menus: /rolemenu, and the clean-up when a menu's message, channel or
role is deleted."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import posting_channel, require_guild, require_guild_permission
from bot.core import Bot
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import send_private, text
from bot.reportsections import ReportSection
from bot.scopes import Scope, scoped
from cogs.rolemenus import repository, strings
from cogs.rolemenus.clicks import Clicks, refuse_role
from cogs.rolemenus.repository import Menu, MenuRole
from cogs.rolemenus.rules import MAX_ROLES
from cogs.rolemenus.views import MenuButton, MenuOption, MenuSelect, draw

log = logging.getLogger(__name__)

ROLE_REF = re.compile(r"<@&(\d{15,21})>|\b(\d{15,21})\b")
STYLES = [
    app_commands.Choice(name="buttons", value="buttons"),
    app_commands.Choice(name="select menu", value="select"),
]
MenuArg = app_commands.Transform[Menu, MenuOption]


def _own_role_check(bot: Bot, interaction: discord.Interaction[Any], role_id: int) -> None:
    """The role is safe to hand out, and below the admin's own highest role."""
    guild = require_guild(interaction)
    refuse_role(bot, guild, role_id)
    member = require_guild_permission(interaction, "manage_roles")
    role = guild.get_role(role_id)
    if role is not None and member.id != guild.owner_id and role >= member.top_role:
        raise UserFacingError("rolemenu.role_above_you", role=role.mention)


class RoleMenuCog(commands.Cog):
    group = app_commands.Group(
        name="rolemenu",
        description="Menus where members pick roles themselves",
        guild_only=True,
        default_permissions=discord.Permissions(manage_roles=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.clicks = Clicks(bot)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(MenuButton, MenuSelect)
        self.bot.report_sections.register(ReportSection("rolemenus", self.report_field))

    async def cog_unload(self) -> None:
        self.bot.report_sections.unregister("rolemenus")
        self.bot.remove_dynamic_items(MenuButton, MenuSelect)

    async def report_field(
        self, guild_id: int, start: datetime, end: datetime, lang: Lang
    ) -> tuple[str, str] | None:
        """The statistics report's section: which roles members chose in the period (counts per
        role only), the most chosen first."""
        zone = self.bot.guild_settings.timezone(guild_id)
        first, until = (moment.astimezone(zone).date().isoformat() for moment in (start, end))
        counts = await repository.choices_since(self.bot.db, guild_id, first, until)
        if not counts:
            return None
        ranked = sorted(counts.values(), key=lambda c: (-c.added, c.removed, c.role_id))[:5]
        t = self.bot.i18n.t
        lines = [
            t(lang, "rolemenu.list_role", role=f"<@&{c.role_id}>", added=c.added, removed=c.removed)
            for c in ranked
        ]
        return t(lang, "rolemenu.report_field"), "\n".join(lines)

    # --- drawing the messages ---------------------------------------------------------------

    def _channel(self, menu: Menu) -> discord.TextChannel | None:
        guild = self.bot.get_guild(menu.guild_id)
        channel = guild.get_channel(menu.channel_id) if guild else None
        return channel if isinstance(channel, discord.TextChannel) else None

    async def publish(self, menu: Menu) -> None:
        """Post or edit the menu's messages to match the stored menu (more roles than fit in
        one message continue in the next; messages no longer needed are deleted)."""
        channel = self._channel(menu)
        if channel is None:
            await repository.delete(self.bot.db, menu.id)
            return
        lang = self.bot.guild_settings.locale(menu.guild_id)
        none = discord.AllowedMentions.none()
        ids: list[int] = []
        for part, drawn in enumerate(draw(self.bot, menu, lang)):
            if part < len(menu.messages):
                message = channel.get_partial_message(menu.messages[part])
                await message.edit(content=drawn.content, view=drawn.view, allowed_mentions=none)
                ids.append(message.id)
            else:
                sent = await channel.send(drawn.content, view=drawn.view, allowed_mentions=none)
                ids.append(sent.id)
        await repository.set_messages(self.bot.db, menu.id, ids)
        for stale in menu.messages[len(ids) :]:
            await self._delete_message(channel, stale)

    async def _delete_message(self, channel: discord.TextChannel, message_id: int) -> None:
        try:
            await channel.get_partial_message(message_id).delete()
        except discord.HTTPException as exc:
            log.info("Role menu message %s not deleted: %s", message_id, exc)

    async def refresh(self, menu_id: int) -> None:
        menu = await repository.get(self.bot.db, menu_id)
        if menu is None:
            return
        try:
            await self.publish(menu)
        except discord.HTTPException as exc:
            log.warning("Role menu %s could not be redrawn: %s", menu_id, exc)

    # --- /rolemenu ----------------------------------------------------------------------------

    @scoped(Scope.ADMIN, "manage_roles")
    @group.command(name="create", description="Post a menu where members pick roles")
    @app_commands.describe(
        roles="The roles, as mentions: @Games @Music",
        title="The menu's heading",
        channel="Where to post it (default: here)",
        style="Buttons or a select menu",
        single="Members hold only one role of the menu",
        maximum="At most this many roles of the menu per member",
        required_role="Only members with this role may choose",
    )
    @app_commands.choices(style=STYLES)
    @app_commands.rename(maximum="max")
    async def create(
        self,
        interaction: discord.Interaction,
        roles: app_commands.Range[str, 1, 4000],
        title: app_commands.Range[str, 1, 100],
        channel: discord.TextChannel | None = None,
        style: str = "buttons",
        single: bool = False,
        maximum: app_commands.Range[int, 1, MAX_ROLES] | None = None,
        required_role: discord.Role | None = None,
    ) -> None:
        guild = require_guild(interaction)
        ids = list(dict.fromkeys(int(a or b) for a, b in ROLE_REF.findall(roles)))
        if not ids:
            raise UserFacingError("rolemenu.no_roles")
        if len(ids) > MAX_ROLES:
            raise UserFacingError("rolemenu.too_many", count=MAX_ROLES)
        for role_id in ids:
            _own_role_check(self.bot, interaction, role_id)
        target = posting_channel(interaction, channel)
        chosen = [r for r in (guild.get_role(i) for i in ids) if r is not None]
        menu_id = await repository.create(
            self.bot.db,
            guild_id=guild.id,
            channel_id=target.id,
            title=title.strip(),
            style=style if style in ("buttons", "select") else "buttons",
            single=single,
            max_roles=None if single else maximum,
            required_role_id=required_role.id if required_role else None,
            roles=[MenuRole(r.id, r.name) for r in chosen],
            now=self.bot.clock(),
        )
        menu = await repository.get(self.bot.db, menu_id)
        assert menu is not None
        try:
            await self.publish(menu)
        except discord.HTTPException:
            await repository.delete(self.bot.db, menu_id)
            raise UserFacingError("rolemenu.discord_refused") from None
        await send_private(
            interaction,
            text(
                interaction,
                "rolemenu.created",
                number=menu_id,
                channel=target.mention,
                count=len(chosen),
            ),
        )

    @scoped(Scope.ADMIN, "manage_roles")
    @group.command(name="add", description="Add a role to a menu")
    @app_commands.describe(
        menu="The menu",
        role="The role",
        label="Its name on the menu (default: the role's name)",
        description="A short line about it",
    )
    async def add(
        self,
        interaction: discord.Interaction,
        menu: MenuArg,
        role: discord.Role,
        label: app_commands.Range[str, 1, 80] | None = None,
        description: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        _own_role_check(self.bot, interaction, role.id)
        if len(menu.roles) >= MAX_ROLES:
            raise UserFacingError("rolemenu.too_many", count=MAX_ROLES)
        entry = MenuRole(role.id, (label or role.name).strip(), description)
        if not await repository.add_role(self.bot.db, menu.id, entry):
            raise UserFacingError("rolemenu.already_there", role=role.mention)
        await self.refresh(menu.id)
        await send_private(
            interaction, text(interaction, "rolemenu.role_added", role=role.mention, number=menu.id)
        )

    @scoped(Scope.ADMIN, "manage_roles")
    @group.command(name="remove", description="Take a role off a menu")
    @app_commands.describe(menu="The menu", role="The role")
    async def remove(
        self, interaction: discord.Interaction, menu: MenuArg, role: discord.Role
    ) -> None:
        if not await repository.remove_role(self.bot.db, menu.id, role.id):
            raise UserFacingError("rolemenu.not_there", role=role.mention)
        await self.refresh(menu.id)
        await send_private(
            interaction,
            text(interaction, "rolemenu.role_removed", role=role.mention, number=menu.id),
        )

    @scoped(Scope.ADMIN, "manage_roles")
    @group.command(name="delete", description="Delete a menu and its messages")
    @app_commands.describe(menu="The menu")
    async def delete(self, interaction: discord.Interaction, menu: MenuArg) -> None:
        await repository.delete(self.bot.db, menu.id)
        channel = self._channel(menu)
        if channel is not None:
            for message_id in menu.messages:
                await self._delete_message(channel, message_id)
        await send_private(interaction, text(interaction, "rolemenu.deleted", number=menu.id))

    @scoped(Scope.ADMIN, "manage_roles")
    @group.command(name="list", description="The menus and how often each role was chosen")
    async def list_menus(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        menus = await repository.of_guild(self.bot.db, guild.id)
        if not menus:
            await send_private(interaction, text(interaction, "rolemenu.none"))
            return
        now = self.bot.clock()
        since = self.bot.activity_service.days.day(guild.id, now - timedelta(days=30))
        counts = await repository.choices_since(self.bot.db, guild.id, since)
        lines = [text(interaction, "rolemenu.list_head")]
        for menu in menus:
            link = (
                f"https://discord.com/channels/{guild.id}/{menu.channel_id}/{menu.messages[0]}"
                if menu.messages
                else f"<#{menu.channel_id}>"
            )
            lines.append(f"**#{menu.id} {discord.utils.escape_markdown(menu.title)}** · {link}")
            for role in menu.roles:
                count = counts.get(role.role_id)
                lines.append(
                    text(
                        interaction,
                        "rolemenu.list_role",
                        role=f"<@&{role.role_id}>",
                        added=count.added if count else 0,
                        removed=count.removed if count else 0,
                    )
                )
        await send_private(interaction, "\n".join(lines)[:2000])

    # --- clean-up -----------------------------------------------------------------------------

    async def _message_gone(self, channel_id: int, message_id: int) -> None:
        menu_id = await repository.menu_of_message(self.bot.db, message_id)
        if menu_id is None:
            return
        menu = await repository.get(self.bot.db, menu_id)
        await repository.delete(self.bot.db, menu_id)
        channel = self.bot.get_channel(channel_id)
        if menu is not None and isinstance(channel, discord.TextChannel):
            for other in menu.messages:
                if other != message_id:
                    await self._delete_message(channel, other)

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self._message_gone(payload.channel_id, payload.message_id)

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        for message_id in payload.message_ids:
            await self._message_gone(payload.channel_id, message_id)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        for menu_id in await repository.menus_in_channel(self.bot.db, channel.id):
            await repository.delete(self.bot.db, menu_id)

    @commands.Cog.listener()
    async def on_guild_role_delete(self, role: discord.Role) -> None:
        for menu_id in await repository.forget_role(self.bot.db, role.guild.id, role.id):
            await self.refresh(menu_id)
