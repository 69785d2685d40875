"""Discord glue of the welcome: greets new members (also after Membership Screening) and the
/welcome commands."""

from __future__ import annotations

from dataclasses import replace

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import require_guild, require_guild_permission, require_same_guild
from bot.core import Bot
from bot.errors import UserFacingError
from bot.replies import permission_label, send_private, text
from bot.scopes import Scope, scoped
from bot.switches import Switch
from cogs.welcome import repository, strings
from cogs.welcome.greeting import RISKY, Greeter, risky_names
from cogs.welcome.repository import WelcomeSettings
from cogs.welcome.template import PLACEHOLDERS, unknown_placeholders


def _require_manage_guild(interaction: discord.Interaction) -> discord.Member:
    """Manage Server on the server, not only through one channel's overwrites."""
    return require_guild_permission(interaction, "manage_guild")


class WelcomeCog(commands.Cog):
    welcome_group = app_commands.Group(
        name="welcome",
        description="Welcome message and role for new members",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.settings: dict[int, WelcomeSettings] = {}
        self.greeter = Greeter(bot, self.guild_settings)

    async def cog_load(self) -> None:
        self.settings = await repository.load_settings(self.bot.db)
        self.bot.switches.register(
            Switch(
                "welcome",
                "welcome.switch",
                "welcome.switch_hint",
                lambda guild_id: self.guild_settings(guild_id).enabled,
                self.switch,
            )
        )

    async def cog_unload(self) -> None:
        self.bot.switches.unregister("welcome")

    async def switch(self, interaction: discord.Interaction, on: bool) -> None:
        """The setup wizard's switch: greeting needs a welcome channel first."""
        guild = require_guild(interaction)
        if on and self.bot.guild_settings.channel(guild.id, "welcome") is None:
            raise UserFacingError("welcome.switch_needs_channel")
        current = self.guild_settings(guild.id)
        if current.enabled != on:
            await self.save_settings(replace(current, enabled=on))

    def guild_settings(self, guild_id: int) -> WelcomeSettings:
        return self.settings.get(guild_id) or WelcomeSettings(guild_id)

    async def save_settings(self, settings: WelcomeSettings) -> None:
        await repository.save_settings(self.bot.db, settings, self.bot.clock())
        self.settings[settings.guild_id] = settings

    # --- new members ----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_member_join(self, member: discord.Member) -> None:
        if member.bot:
            return
        # Read now: the cached member changes while we wait (screening passed meanwhile greets
        # through on_member_update).
        if not member.pending:
            await self.greeter.greet(member)

    @commands.Cog.listener()
    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        if before.pending and not after.pending and not after.bot:
            await self.greeter.greet(after)

    # --- /welcome -------------------------------------------------------------------------------

    @scoped(Scope.ADMIN)
    @welcome_group.command(
        name="settings", description="Turn the welcome on or off, set its text and role"
    )
    @app_commands.describe(
        enabled="Greet new members",
        message="Text with {member}, {member_name}, {server}, {member_count}",
        role="A role new members get (after Membership Screening, if on)",
        clear_role="Stop giving a role",
    )
    async def welcome_settings(
        self,
        interaction: discord.Interaction,
        enabled: bool | None = None,
        message: app_commands.Range[str, 1, 1500] | None = None,
        role: discord.Role | None = None,
        clear_role: bool = False,
    ) -> None:
        guild = require_guild(interaction)
        _require_manage_guild(interaction)
        if message is not None:
            unknown = unknown_placeholders(message)
            if unknown:
                raise UserFacingError(
                    "stats.welcome_unknown",
                    placeholders=", ".join(f"{{{name}}}" for name in unknown),
                    known=", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                )
        current = self.guild_settings(guild.id)
        role_id, approved = current.role_id, current.role_approved
        if role is not None:
            approved = self._check_welcome_role(interaction, guild, role)
            role_id = role.id
        if clear_role:
            role_id, approved = None, 0
        updated = replace(
            current,
            enabled=current.enabled if enabled is None else enabled,
            text=message if message is not None else current.text,
            role_id=role_id,
            role_approved=approved,
        )
        if updated != current:
            await self.save_settings(updated)
        channel_id = self.bot.guild_settings.channel(guild.id, "welcome")
        await send_private(
            interaction,
            text(
                interaction,
                "stats.welcome_show",
                enabled=text(interaction, "welcome.yes" if updated.enabled else "welcome.no"),
                channel=f"<#{channel_id}>"
                if channel_id
                else text(interaction, "welcome.no_channel"),
                role=f"<@&{updated.role_id}>" if updated.role_id else "–",
            )
            + "\n"
            + self.greeter.welcome_text(
                self._preview_member(interaction),
                updated.text or self.greeter.default_welcome(guild.id),
            ),
        )

    def _check_welcome_role(
        self, interaction: discord.Interaction, guild: discord.Guild, role: discord.Role
    ) -> int:
        """May the invoker make the bot give ``role`` to everyone who joins? Returns the risky
        permission bits accepted (only an administrator accepts any)."""
        require_same_guild(interaction, role.guild.id)
        member = require_guild_permission(interaction, "manage_roles")
        me = guild.me
        if role.is_default() or role.managed or me is None or role >= me.top_role:
            raise UserFacingError("stats.welcome_role_unusable", role=role.mention)
        if member.id != guild.owner_id and role >= member.top_role:
            raise UserFacingError("stats.welcome_role_unusable", role=role.mention)
        risky = role.permissions.value & RISKY
        if risky and not member.guild_permissions.administrator:
            raise UserFacingError(
                "stats.welcome_role_risky",
                role=role.mention,
                permissions=permission_label(risky_names(risky)),
            )
        return risky

    def _preview_member(self, interaction: discord.Interaction) -> discord.Member:
        member = interaction.user
        if not isinstance(member, discord.Member):
            raise UserFacingError("error.guild_only")
        return member

    @scoped(Scope.ADMIN)
    @welcome_group.command(
        name="preview", description="Show the welcome message as a new member would see it"
    )
    async def welcome_preview(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        _require_manage_guild(interaction)
        template = self.guild_settings(guild.id).text or self.greeter.default_welcome(guild.id)
        await send_private(
            interaction, self.greeter.welcome_text(self._preview_member(interaction), template)
        )
