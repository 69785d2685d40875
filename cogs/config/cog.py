"""Discord glue for /config."""

from __future__ import annotations

from datetime import datetime

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import (
    POST_PERMISSIONS,
    missing_permissions,
    require_guild,
    require_postable,
    require_same_guild,
)
from bot.core import Bot
from bot.errors import BadArgumentError
from bot.guild_settings import CHANNEL_KINDS
from bot.i18n import Lang
from bot.replies import lang_for, permission_label, send_private, text
from bot.scopes import Scope, scoped
from cogs.config import strings
from cogs.config.setup import PAGES
from cogs.config.timezones import zone_choices, zone_name
from cogs.config.views import (
    ChannelPick,
    LanguagePick,
    RolePick,
    WizardButton,
    ZonePick,
    render,
)

PURPOSES = [
    app_commands.Choice(name="Moderation log", value="modlog"),
    app_commands.Choice(name="Reports", value="reports"),
    app_commands.Choice(name="Feedback inbox", value="feedback"),
    app_commands.Choice(name="Q&A rounds", value="qa"),
    app_commands.Choice(name="Announcements", value="announcements"),
    app_commands.Choice(name="Welcome", value="welcome"),
    app_commands.Choice(name="Suggestions", value="suggestions"),
]
assert [choice.value for choice in PURPOSES] == list(CHANNEL_KINDS)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ConfigCog(
    commands.GroupCog, group_name="config", group_description="Server settings (admins)"
):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        super().__init__()

    @scoped(Scope.ADMIN, "manage_guild")
    @app_commands.command(name="show", description="Show this server's settings")
    async def show(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        service = self.bot.guild_settings
        config = service.get(guild.id)
        lang = lang_for(interaction)
        t = self.bot.i18n.t
        embed = discord.Embed(title=t(lang, "config.title"), colour=discord.Colour.blurple())
        language = {"de": "Deutsch", "en": "English"}[service.locale(guild.id)]
        if config.locale is None:
            language = t(lang, "config.default_suffix", value=language)
        zone = service.timezone_name(guild.id)
        if config.timezone is None:
            zone = t(lang, "config.default_suffix", value=zone)
        embed.add_field(name=t(lang, "config.language"), value=language)
        embed.add_field(name=t(lang, "config.timezone"), value=zone)
        lines = []
        for kind in CHANNEL_KINDS:
            label = t(lang, f"config.channel.{kind}")
            lines.append(f"**{label}**: {self._channel_state(guild, config.channel(kind), lang)}")
        embed.add_field(name=t(lang, "config.channels"), value="\n".join(lines), inline=False)
        for kind, roles in (("moderator", config.moderator_roles), ("admin", config.admin_roles)):
            value = " ".join(f"<@&{role_id}>" for role_id in sorted(roles)) or t(
                lang, "common.none"
            )
            embed.add_field(name=t(lang, f"config.role.{kind}"), value=value)
        await send_private(interaction, embed=embed)

    def _channel_state(self, guild: discord.Guild, channel_id: int | None, lang: Lang) -> str:
        t = self.bot.i18n.t
        if channel_id is None:
            return t(lang, "common.none")
        channel = guild.get_channel(channel_id)
        if channel is None:
            return t(lang, "common.none")
        missing = missing_permissions(channel.permissions_for(guild.me), POST_PERMISSIONS)
        if missing:
            return t(
                lang,
                "config.channel_problem",
                channel=channel.mention,
                permissions=permission_label(missing),
            )
        return channel.mention

    @scoped(Scope.ADMIN, "manage_guild")
    @app_commands.command(
        name="channel", description="Choose the channel for a purpose (leave empty to unset)"
    )
    @app_commands.describe(
        purpose="What the channel is for", channel="The text channel (empty: unset)"
    )
    @app_commands.choices(purpose=PURPOSES)
    async def channel(
        self,
        interaction: discord.Interaction,
        purpose: app_commands.Choice[str],
        channel: discord.TextChannel | None = None,
    ) -> None:
        guild = require_guild(interaction)
        label = text(interaction, f"config.channel.{purpose.value}")
        if channel is None:
            await self.bot.guild_settings.set_channel(guild.id, purpose.value, None)
            await send_private(
                interaction, text(interaction, "config.channel_cleared", purpose=label)
            )
            return
        require_postable(interaction, channel)
        await self.bot.guild_settings.set_channel(guild.id, purpose.value, channel.id)
        await send_private(
            interaction,
            text(interaction, "config.channel_set", purpose=label, channel=channel.mention),
        )

    @scoped(Scope.ADMIN, "manage_guild")
    @app_commands.command(
        name="role", description="Mark a role as moderators or admins (again to unmark)"
    )
    @app_commands.describe(kind="Moderators or admins", role="The role")
    @app_commands.choices(
        kind=[
            app_commands.Choice(name="Moderators", value="moderator"),
            app_commands.Choice(name="Admins", value="admin"),
        ]
    )
    async def role(
        self, interaction: discord.Interaction, kind: app_commands.Choice[str], role: discord.Role
    ) -> None:
        guild = require_guild(interaction)
        require_same_guild(interaction, role.guild.id)
        if role.is_default():
            raise BadArgumentError("config.role_everyone")
        service = self.bot.guild_settings
        config = service.get(guild.id)
        current = config.moderator_roles if kind.value == "moderator" else config.admin_roles
        present = role.id not in current
        await service.set_staff_role(guild.id, kind.value, role.id, present)
        key = "config.role_added" if present else "config.role_removed"
        label = text(interaction, f"config.role.{kind.value}")
        await send_private(interaction, text(interaction, key, role=role.mention, kind=label))

    @scoped(Scope.ADMIN, "manage_guild")
    @app_commands.command(name="language", description="Language of the bot's public messages")
    @app_commands.describe(language="The language")
    @app_commands.choices(
        language=[
            app_commands.Choice(name="German", value="de"),
            app_commands.Choice(name="English", value="en"),
        ]
    )
    async def language(
        self, interaction: discord.Interaction, language: app_commands.Choice[str]
    ) -> None:
        guild = require_guild(interaction)
        value: Lang = "de" if language.value == "de" else "en"
        await self.bot.guild_settings.set_locale(guild.id, value)
        # Confirm in the newly chosen language so the admin sees the effect.
        await send_private(interaction, self.bot.i18n.t(value, "config.language_set"))

    @scoped(Scope.ADMIN, "manage_guild")
    @app_commands.command(name="timezone", description="Time zone for schedules and reports")
    @app_commands.describe(zone="An IANA time zone such as Europe/Berlin")
    @app_commands.autocomplete(zone=zone_choices)
    async def timezone(
        self, interaction: discord.Interaction, zone: app_commands.Range[str, 1, 64]
    ) -> None:
        guild = require_guild(interaction)
        name = zone_name(zone)
        await self.bot.guild_settings.set_timezone(guild.id, name)
        local = datetime.now(self.bot.guild_settings.timezone(guild.id)).strftime("%H:%M")
        await send_private(
            interaction, text(interaction, "config.timezone_set", zone=name, time=local)
        )


class SetupCog(commands.Cog):
    """/setup (/einrichtung): the private wizard that sets the bot up in one flow."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ChannelPick, LanguagePick, ZonePick, RolePick, WizardButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ChannelPick, LanguagePick, ZonePick, RolePick, WizardButton)

    @scoped(Scope.ADMIN, "manage_guild")
    @app_commands.command(
        name="setup",
        description="Set the bot up in a few steps: channels, language, time zone, roles, features",
    )
    @app_commands.describe(zone="Set the server's time zone right away (optional)")
    @app_commands.autocomplete(zone=zone_choices)
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def setup(
        self, interaction: discord.Interaction, zone: app_commands.Range[str, 1, 64] | None = None
    ) -> None:
        guild = require_guild(interaction)
        if zone is not None:
            await self.bot.guild_settings.set_timezone(guild.id, zone_name(zone))
        page = await render(interaction, PAGES[0])
        await send_private(interaction, text(interaction, "setup.intro"), **page)
