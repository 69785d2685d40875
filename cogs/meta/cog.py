"""Discord glue for /help and /status."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.backup import last_backup
from bot.checks import require_moderator
from bot.core import Bot
from bot.i18n import Lang
from bot.replies import lang_for, send_private
from bot.scopes import Scope, scoped
from cogs.meta import strings

MAX_HELP_LINES = 40


def visible_commands(
    tree: app_commands.CommandTree, permissions: discord.Permissions, in_guild: bool
) -> list[app_commands.Command]:
    """The leaf commands a member may use, by the commands' default permissions."""
    found: list[app_commands.Command] = []
    for root in tree.get_commands(type=discord.AppCommandType.chat_input):
        needed = root.default_permissions
        if needed is not None and not permissions.is_superset(needed):
            continue
        if root.guild_only and not in_guild:
            continue
        if isinstance(root, app_commands.Group):
            found.extend(c for c in root.walk_commands() if isinstance(c, app_commands.Command))
        elif isinstance(root, app_commands.Command):
            found.append(root)
    return sorted(found, key=lambda c: c.qualified_name)


class MetaCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)

    def _localized_name(self, command: app_commands.Command, lang: Lang) -> str:
        parts = command.qualified_name.split(" ")
        if lang == "de":
            parts = [self.bot.i18n.command_german(p) or p for p in parts]
        return "/" + " ".join(parts)

    def _localized_description(self, command: app_commands.Command, lang: Lang) -> str:
        if lang == "de":
            return self.bot.i18n.command_german(command.description) or command.description
        return command.description

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="help", description="What this bot does and which commands you can use"
    )
    async def help(self, interaction: discord.Interaction) -> None:
        lang = lang_for(interaction)
        t = self.bot.i18n.t
        permissions = interaction.permissions
        commands_ = visible_commands(self.bot.tree, permissions, interaction.guild is not None)
        lines = [
            f"`{self._localized_name(c, lang)}`: {self._localized_description(c, lang)}"
            for c in commands_
        ]
        if len(lines) > MAX_HELP_LINES:
            lines = [*lines[:MAX_HELP_LINES], t(lang, "help.more")]
        embed = discord.Embed(
            title=t(lang, "help.title"),
            description=t(lang, "help.intro"),
            colour=discord.Colour.blurple(),
        )
        body = "\n".join(lines)
        for start in range(0, len(body), 1000):
            chunk = body[start : start + 1000]
            embed.add_field(
                name=t(lang, "help.commands") if start == 0 else "\u200b", value=chunk, inline=False
            )
        embed.set_footer(text=t(lang, "help.privacy"))
        await send_private(interaction, embed=embed)

    @scoped(Scope.SERVER_MODERATOR)
    @app_commands.command(
        name="status",
        description="Bot health for the server team: uptime, latency, database, backups, jobs",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(moderate_members=True)
    async def status(self, interaction: discord.Interaction) -> None:
        require_moderator(interaction)
        lang = lang_for(interaction)
        t = self.bot.i18n.t
        embed = discord.Embed(title=t(lang, "status.title"), colour=discord.Colour.green())
        embed.add_field(name=t(lang, "status.version"), value=self.bot.version)
        embed.add_field(name=t(lang, "status.uptime"), value=format_dt(self.bot.started_at, "R"))
        latency = self.bot.latency
        ms = "?" if latency != latency or latency == float("inf") else str(round(latency * 1000))
        embed.add_field(
            name=t(lang, "status.latency"), value=t(lang, "status.latency_value", ms=ms)
        )
        size = f"{self.bot.db.size_bytes() / 1_000_000:.2f}"
        embed.add_field(
            name=t(lang, "status.database"),
            value=t(lang, "status.database_value", size=size, schema=self.bot.db.schema_version),
        )
        backup = await last_backup(self.bot.db)
        embed.add_field(
            name=t(lang, "status.backup"),
            value=format_dt(backup.made_at, "R") if backup else t(lang, "status.backup_never"),
        )
        jobs = self.bot.scheduler.pending()
        embed.add_field(
            name=t(lang, "status.jobs"),
            value=t(
                lang,
                "status.jobs_value",
                count=len(jobs),
                next=format_dt(jobs[0].run_at, "R"),
            )
            if jobs
            else t(lang, "status.jobs_none"),
        )
        features = []
        for name, problem in sorted(self.bot.feature_status.items()):
            short = name.removeprefix("cogs.")
            features.append(
                f"✅ {short}"
                if problem is None
                else f"❌ {short}: {t(lang, 'status.feature_failed')}"
            )
        embed.add_field(
            name=t(lang, "status.features"), value="\n".join(features) or "-", inline=False
        )
        await send_private(interaction, embed=embed)
