"""Discord glue for /help and /status."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.backup import last_backup
from bot.checks import require_moderator
from bot.core import Bot
from bot.i18n import Lang
from bot.replies import lang_for, send_private
from bot.scopes import MEMBER, Access, Scope, access_of, holds, running_cog, scoped
from bot.ui.buttons import ScopedSelect
from cogs.meta import strings
from cogs.meta.helpindex import Entry, Page, audience, feature_of, paginate


def may_run(
    interaction: discord.Interaction, access: Access, staff: frozenset[int], admins: frozenset[int]
) -> bool:
    """Whether this person may run a command of *access* here: the same decision the command
    tree makes when the command is used (bot/scopes.py)."""
    if access.scope in (Scope.MEMBER, Scope.OWNER):
        return True
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False
    if access.scope is Scope.CHANNEL_MODERATOR:  # a helper in this channel
        assert access.permission is not None  # declared with the permission it checks
        return bool(getattr(interaction.permissions, access.permission))
    return holds(member, access, staff_roles=staff, admin_roles=admins)


class HelpPages(ScopedSelect, template=r"help:pages"):
    """The page picker under /help; each pick shows the page again for whoever picks."""

    doc = "Help: choose a page"
    access = MEMBER

    def __init__(self, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id="help:pages",
                options=options or [discord.SelectOption(label="1", value="0")],
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> HelpPages:
        return cls()

    async def run(self, interaction: discord.Interaction) -> None:
        cog = running_cog(interaction, "MetaCog")
        chosen = int(self.item.values[0]) if self.item.values else 0
        await interaction.response.edit_message(**cog.help_page(interaction, chosen))


class MetaCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(HelpPages)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(HelpPages)

    def _description(self, command: app_commands.Command, lang: Lang) -> str:
        if lang == "de":
            return self.bot.i18n.command_german(command.description) or command.description
        return command.description

    def help_entries(self, interaction: discord.Interaction) -> list[Entry]:
        """Every command this person may run here, with its line in their language."""
        lang = lang_for(interaction)
        guild_id = interaction.guild_id
        settings = self.bot.guild_settings
        staff = settings.staff_roles(guild_id) if guild_id else frozenset()
        admins = settings.get(guild_id).admin_roles if guild_id else frozenset()
        entries = []
        for command in self.bot.tree.walk_commands():
            access = access_of(command)
            if not isinstance(command, app_commands.Command) or access is None:
                continue
            root = command.root_parent or command
            if guild_id is None and root.guild_only:
                continue
            if not may_run(interaction, access, staff, admins):
                continue
            qualified = command.qualified_name
            mention = self.bot.command_refs.render(qualified, lang)
            line = f"{mention}: {self._description(command, lang)}"
            entries.append(
                Entry(qualified, feature_of(command.module or ""), audience(access), line)
            )
        return entries

    def help_page(self, interaction: discord.Interaction, index: int) -> dict[str, Any]:
        """The embed and page picker of page *index* (clamped) for this person."""
        lang = lang_for(interaction)
        t = self.bot.i18n.t

        def label(feature: str) -> str:
            key = f"help.feature.{feature}"
            return t(lang, key) if self.bot.i18n.has(key) else feature

        pages = paginate(self.help_entries(interaction), label)
        index = max(0, min(index, len(pages) - 1))
        embed = discord.Embed(
            title=t(lang, "help.title"),
            description=t(lang, "help.intro") + "\n\n" + t(lang, "help.privacy"),
            colour=discord.Colour.blurple(),
        )
        view = discord.ui.View(timeout=None)
        if not pages:
            return {"embed": embed, "view": view}
        page = pages[index]
        for section in page.sections:
            embed.add_field(
                name=label(section.feature), value="\n".join(section.lines), inline=False
            )
        embed.set_footer(text=self._page_name(lang, page) + f" · {index + 1}/{len(pages)}")
        if len(pages) > 1:
            options = [
                discord.SelectOption(
                    label=self._page_name(lang, p)[:100], value=str(n), default=n == index
                )
                for n, p in enumerate(pages[:25])
            ]
            view.add_item(HelpPages(options))
        return {"embed": embed, "view": view}

    def _page_name(self, lang: Lang, page: Page) -> str:
        name = self.bot.i18n.t(lang, f"help.audience.{page.audience}")
        return f"{name} ({page.part}/{page.parts})" if page.parts > 1 else name

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="help", description="What this bot does and which commands you can use"
    )
    async def help(self, interaction: discord.Interaction) -> None:
        await send_private(interaction, **self.help_page(interaction, 0))

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
        size = f"{await self.bot.db.size_bytes() / 1_000_000:.2f}"
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
