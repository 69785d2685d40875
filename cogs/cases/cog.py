"""Discord glue for the case log: moderators look cases up, members see their own record,
and bans, kicks and timeouts done in Discord's interface are recorded from the audit log."""

from __future__ import annotations

import logging
from datetime import timedelta

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.checks import require_guild, require_moderator
from bot.core import Bot
from bot.errors import BadArgumentError
from bot.moderation.cases.posting import case_embed, post_case
from bot.moderation.cases.repository import Case, CaseState
from bot.moderation.rulenames import rule_name
from bot.replies import lang_for, send_private, text
from bot.scopes import Scope, scoped
from cogs.cases import overview, strings
from cogs.cases.views import CaseOption

log = logging.getLogger(__name__)
CaseArg = app_commands.Transform[Case, CaseOption]

AUDIT_ACTIONS = {
    discord.AuditLogAction.ban: "ban",
    discord.AuditLogAction.unban: "unban",
    discord.AuditLogAction.kick: "kick",
}


class CasesCog(commands.Cog):
    case = app_commands.Group(
        name="case",
        description="Moderation cases",
        guild_only=True,
        default_permissions=discord.Permissions(moderate_members=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)

    @scoped(Scope.SERVER_MODERATOR)
    @case.command(name="show", description="Show a case")
    @app_commands.describe(found="The case number")
    @app_commands.rename(found="number")
    async def show(self, interaction: discord.Interaction, found: CaseArg) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        points = await self.bot.cases.active_points(guild.id, found.user_id)
        await send_private(
            interaction, embed=case_embed(self.bot, found, lang_for(interaction), points)
        )

    @scoped(Scope.SERVER_MODERATOR)
    @case.command(name="reason", description="Change the reason of a case")
    @app_commands.describe(found="The case number", reason="The new reason")
    @app_commands.rename(found="number")
    async def reason(
        self,
        interaction: discord.Interaction,
        found: CaseArg,
        reason: app_commands.Range[str, 1, 1000],
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        updated = await self.bot.cases.edit_reason(guild.id, found.number, reason)
        if updated is None:
            raise BadArgumentError("cases.not_found", number=found.number)
        await post_case(self.bot, updated)
        await send_private(
            interaction, text(interaction, "cases.reason_updated", number=found.number)
        )

    @scoped(Scope.SERVER_MODERATOR)
    @app_commands.command(
        name="cases",
        description="What waits for review, who has strike points, or the cases of one member",
    )
    @app_commands.describe(member="The member (leave empty for the overview)")
    @app_commands.guild_only()
    @app_commands.default_permissions(moderate_members=True)
    async def cases(
        self, interaction: discord.Interaction, member: discord.User | None = None
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        lang = lang_for(interaction)
        if member is None:
            embed = await overview.embed(self.bot, guild.id, lang, "review")
            view = overview.OverviewView(self.bot, guild.id, lang, interaction.user.id)
            await send_private(interaction, embed=embed, view=view)
            return
        found = await self.bot.cases.of_member(guild.id, member.id, limit=20)
        if not found:
            await send_private(interaction, text(interaction, "cases.none", member=member.mention))
            return
        t = self.bot.i18n.t
        lines = [
            t(
                lang,
                "cases.list_line",
                number=c.number,
                action=t(lang, f"action.{c.action}"),
                when=format_dt(c.created_at, "d"),
                rule=f" · {rule_name(self.bot.i18n, lang, c.rule)}" if c.rule else "",
                reason=discord.utils.escape_markdown(c.reason)[:80],
            )
            for c in found
        ]
        points = await self.bot.cases.active_points(guild.id, member.id)
        embed = discord.Embed(
            title=t(lang, "cases.list_title", member=str(member)),
            description="\n".join(lines)[:4000],
        )
        embed.set_footer(text=t(lang, "cases.points", points=points))
        await send_private(interaction, embed=embed)

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="mystatus",
        description="Your strike points, their expiry and any timeout (only you see it)",
    )
    @app_commands.guild_only()
    async def mystatus(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        lang = lang_for(interaction)
        t = self.bot.i18n.t
        now = self.bot.clock()
        found = await self.bot.cases.of_member(guild.id, interaction.user.id, limit=10)
        embed = discord.Embed(title=t(lang, "mystatus.title"), colour=discord.Colour.blurple())
        active = [
            c
            for c in found
            if c.points and c.revoked_at is None and c.points_expire_at and c.points_expire_at > now
        ]
        points = await self.bot.cases.active_points(guild.id, interaction.user.id)
        expiry = "\n".join(
            t(
                lang,
                "mystatus.expiry",
                count=c.points,
                when=format_dt(c.points_expire_at, "R"),
            )
            for c in active
            if c.points_expire_at
        )
        embed.add_field(
            name=t(lang, "mystatus.points"),
            value=t(lang, "mystatus.points_value", points=points)
            + ("\n" + expiry if expiry else ""),
            inline=False,
        )
        member = interaction.user if isinstance(interaction.user, discord.Member) else None
        until = member.timed_out_until if member else None
        embed.add_field(
            name=t(lang, "mystatus.timeout"),
            value=t(lang, "mystatus.timeout_until", when=format_dt(until, "f"))
            if until and until > now
            else t(lang, "mystatus.no_timeout"),
        )
        # Only what was decided and done: no open review items, no moderators' notes.
        found = [
            c for c in found if c.action not in ("flag", "note") and c.state == CaseState.APPLIED
        ]
        if found:
            lines = [
                f"#{c.number} · {t(lang, f'action.{c.action}')} · {format_dt(c.created_at, 'd')} · {discord.utils.escape_markdown(c.reason)[:80]}"
                for c in found
            ]
            embed.add_field(
                name=t(lang, "mystatus.recent"), value="\n".join(lines)[:1000], inline=False
            )
        else:
            embed.description = t(lang, "mystatus.clean")
        await send_private(interaction, embed=embed)

    # --- actions taken in Discord's own interface -------------------------------------------

    @commands.Cog.listener()
    async def on_audit_log_entry_create(self, entry: discord.AuditLogEntry) -> None:
        """Bans, kicks and timeouts by people (not by this bot) become cases."""
        if entry.user_id is None or (self.bot.user and entry.user_id == self.bot.user.id):
            return
        target_id = getattr(entry.target, "id", None)
        if target_id is None:
            return
        action = AUDIT_ACTIONS.get(entry.action)
        duration: timedelta | None = None
        if entry.action is discord.AuditLogAction.member_update:
            until = getattr(entry.after, "timed_out_until", None)
            before = getattr(entry.before, "timed_out_until", None)
            if until is not None and until != before:
                action, duration = "timeout", until - entry.created_at
            elif until is None and before is not None:
                action = "untimeout"
        if action is None:
            return
        guild = entry.guild
        if action in (
            "ban",
            "unban",
        ):  # decided in Discord's interface: a pending temporary ban ends
            await self.bot.temp_bans.end(guild.id, target_id)
        lang = self.bot.guild_settings.locale(guild.id)
        reason = entry.reason or self.bot.i18n.t(lang, "audit.reason_missing")
        await self.bot.moderation.record(
            guild.id, target_id, entry.user_id, action, reason, duration=duration
        )
