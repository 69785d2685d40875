"""Slash commands of the statistics: /stats, /leaderboard, /privacy."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import require_guild, require_guild_permission, require_same_guild, require_staff
from bot.core import Bot
from bot.errors import UserFacingError
from bot.i18n import number
from bot.replies import lang_for, send_private, text
from bot.scopes import Scope, scoped
from cogs.stats import report, repository
from cogs.stats.cog import StatsCog
from cogs.stats.embeds import change_field, day_text
from cogs.stats.periods import Kind, Period, local_date, rolling
from cogs.stats.repository import MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, MemberPrefs

PERIOD_DAYS = {"7d": 7, "30d": 30, "90d": 90}
Span = Literal["7d", "30d", "90d"]


def _require_manage_guild(interaction: discord.Interaction) -> discord.Member:
    """Manage Server on the server, not only through one channel's overwrites."""
    return require_guild_permission(interaction, "manage_guild")


def can_view(member: discord.Member, channel_id: int) -> bool:
    """May ``member`` see this channel (figures of channels they cannot see stay hidden)?"""
    channel = member.guild.get_channel_or_thread(channel_id)
    return channel is not None and channel.permissions_for(member).view_channel


class StatsCommands(commands.Cog):
    stats = app_commands.Group(
        name="stats", description="Engagement statistics of this server", guild_only=True
    )

    def __init__(self, bot: Bot, core: StatsCog) -> None:
        self.bot = bot
        self.core = core

    def _spans(self, guild_id: int, span: str) -> tuple[Period, Period]:
        """The last complete days (up to yesterday) and as many days before them: comparing a
        day that is not over yet with a full one would always look like a drop."""
        today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild_id))
        return rolling(PERIOD_DAYS.get(span, 7), today)

    async def _today(self, interaction: discord.Interaction) -> str:
        """Today so far (reports and comparisons cover complete days only)."""
        guild = require_guild(interaction)
        today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild.id))
        span = Period("daily", today, today + timedelta(days=1))
        (row,) = await repository.daily_rows(self.bot.db, guild.id, span)
        lang = lang_for(interaction)
        figures = (
            ("stats.v.today_messages", row.messages),
            ("stats.v.today_active", row.active_members or 0),
            ("stats.v.today_joins", row.joins),
            ("stats.v.today_leaves", row.leaves),
        )
        return " · ".join(text(interaction, key, count=n, n=number(n, lang)) for key, n in figures)

    # --- /stats ---------------------------------------------------------------------------------

    @scoped(Scope.SERVER_MODERATOR)
    @stats.command(
        name="overview", description="Activity, growth, mood and moderation (moderators)"
    )
    @app_commands.describe(period="How far back (default: 7 days)")
    async def overview(self, interaction: discord.Interaction, period: Span = "7d") -> None:
        guild = require_guild(interaction)
        viewer = require_staff(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        current, previous = self._spans(guild.id, period)
        data = await self.core.report_data(guild.id, current, previous)
        # Channels the moderator cannot see are left out (also from the highlights).
        data = replace(
            data, channels=tuple(c for c in data.channels if can_view(viewer, c.channel_id))
        )
        lang = lang_for(interaction)
        footer = text(interaction, "stats.overview_footer", days=current.days)
        embed, png = await self.core.reports.build_report(
            guild, data, "stats.overview_title", footer
        )
        embed.title = text(interaction, "stats.overview_title", period=day_text(current, lang))
        embed.insert_field_at(
            0, name=text(interaction, "stats.f.today"), value=await self._today(interaction)
        )
        if png is None:
            await interaction.followup.send(embed=embed, ephemeral=True)
        else:
            file = discord.File(io.BytesIO(png[1]), filename=png[0])
            await interaction.followup.send(embed=embed, file=file, ephemeral=True)

    @scoped(Scope.SERVER_MODERATOR)
    @stats.command(name="channel", description="Figures of one channel (moderators)")
    @app_commands.describe(channel="The channel", period="How far back (default: 7 days)")
    async def channel(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | discord.ForumChannel,
        period: Span = "7d",
    ) -> None:
        guild = require_guild(interaction)
        viewer = require_staff(interaction)
        require_same_guild(interaction, channel.guild.id)
        if not can_view(viewer, channel.id):
            raise UserFacingError("stats.channel_hidden")
        current, previous = self._spans(guild.id, period)
        await self.core.service.flush()
        now = await repository.channel_figures(self.bot.db, guild.id, channel.id, current)
        before = await repository.channel_figures(self.bot.db, guild.id, channel.id, previous)
        lang = lang_for(interaction)
        mood = now.sentiment_sum / now.sentiment_n if now.sentiment_n else None
        mood_before = before.sentiment_sum / before.sentiment_n if before.sentiment_n else None
        embed = discord.Embed(
            title=text(
                interaction,
                "stats.channel_title",
                channel=f"#{channel.name}",
                period=day_text(current, lang),
            ),
            colour=discord.Colour.blurple(),
        )
        i18n = self.bot.i18n
        change_field(
            embed, text(interaction, "stats.f.messages"), now.messages, before.messages, lang, i18n
        )
        change_field(
            embed,
            text(interaction, "stats.f.active"),
            now.active_members,
            before.active_members,
            lang,
            i18n,
        )
        change_field(
            embed,
            text(interaction, "stats.f.reactions"),
            now.reactions,
            before.reactions,
            lang,
            i18n,
        )
        change_field(
            embed, text(interaction, "stats.f.sentiment"), mood, mood_before, lang, i18n, 2
        )
        embed.set_footer(text=text(interaction, "stats.complete_days"))
        await send_private(interaction, embed=embed)

    async def _member_embed(
        self,
        interaction: discord.Interaction,
        member: discord.abc.User,
        span: str,
        viewer: discord.Member,
    ) -> discord.Embed:
        guild = require_guild(interaction)
        current, previous = self._spans(guild.id, span)
        await self.core.service.flush()
        now = await repository.member_figures(self.bot.db, guild.id, member.id, current)
        before = await repository.member_figures(self.bot.db, guild.id, member.id, previous)
        lang = lang_for(interaction)
        i18n = self.bot.i18n
        embed = discord.Embed(
            title=text(
                interaction,
                "stats.member_title",
                member=discord.utils.escape_markdown(member.display_name),
                period=day_text(current, lang),
            ),
            colour=discord.Colour.blurple(),
        )
        change_field(
            embed, text(interaction, "stats.f.messages"), now.messages, before.messages, lang, i18n
        )
        change_field(
            embed,
            text(interaction, "stats.f.reactions"),
            now.reactions,
            before.reactions,
            lang,
            i18n,
        )
        change_field(
            embed,
            text(interaction, "stats.f.active_days"),
            now.active_days,
            before.active_days,
            lang,
            i18n,
        )
        channels = [(c, n) for c, n in now.channels if can_view(viewer, c)]
        if channels:
            embed.add_field(
                name=text(interaction, "stats.f.channels"),
                value="\n".join(f"<#{c}> · {number(n, lang)}" for c, n in channels),
                inline=False,
            )
        embed.set_footer(text=text(interaction, "stats.complete_days"))
        return embed

    @scoped(Scope.SERVER_MODERATOR)
    @stats.command(name="member", description="Figures of one member (moderators)")
    @app_commands.describe(member="The member", period="How far back (default: 7 days)")
    async def member(
        self, interaction: discord.Interaction, member: discord.Member, period: Span = "7d"
    ) -> None:
        guild = require_guild(interaction)
        viewer = require_staff(interaction)
        require_same_guild(interaction, member.guild.id)
        if not self.core.member_prefs(guild.id, member.id).member_stats:
            raise UserFacingError("stats.member_opted_out")
        embed = await self._member_embed(interaction, member, period, viewer)
        await send_private(interaction, embed=embed)

    @scoped(Scope.MEMBER)
    @stats.command(name="me", description="Your own figures on this server")
    @app_commands.describe(period="How far back (default: 7 days)")
    async def me(self, interaction: discord.Interaction, period: Span = "7d") -> None:
        guild = require_guild(interaction)
        if not self.core.member_prefs(guild.id, interaction.user.id).member_stats:
            raise UserFacingError("stats.me_opted_out")
        viewer = interaction.user
        if not isinstance(viewer, discord.Member):
            raise UserFacingError("error.guild_only")
        embed = await self._member_embed(interaction, viewer, period, viewer)
        await send_private(interaction, embed=embed)

    @scoped(Scope.SERVER_MODERATOR)
    @stats.command(name="export", description="A CSV file of the daily figures (moderators)")
    @app_commands.describe(period="How far back (default: 30 days)")
    async def export(self, interaction: discord.Interaction, period: Span = "30d") -> None:
        guild = require_guild(interaction)
        require_staff(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.core.service.flush()
        # Day by day, nothing is compared: today's row so far is included.
        today = local_date(self.bot.clock(), self.bot.guild_settings.timezone(guild.id))
        current, _ = rolling(PERIOD_DAYS.get(period, 7), today + timedelta(days=1))
        rows = await repository.daily_rows(self.bot.db, guild.id, current)
        header = [text(interaction, f"stats.csv.{column}") for column in report.CSV_COLUMNS]
        payload = report.csv_text(rows, header).encode("utf-8")
        name = f"stats-{guild.id}-{current.start.isoformat()}-{current.last_day.isoformat()}.csv"
        await interaction.followup.send(
            text(interaction, "stats.export_ready", count=len(rows)),
            file=discord.File(io.BytesIO(payload), filename=name),
            ephemeral=True,
        )

    @scoped(Scope.ADMIN)
    @stats.command(name="settings", description="Scheduled reports, leaderboards and retention")
    @app_commands.describe(
        report="Post a report to the reports channel: off, daily, weekly or monthly",
        hour="Hour of the day the report is posted (server time zone)",
        leaderboard="Who appears on leaderboards: everyone who did not opt out, or only who opted in",
        retention_days="Days per-member statistics are kept before they are folded into totals",
    )
    @app_commands.choices(
        report=[
            app_commands.Choice(name=n, value=n) for n in ("off", "daily", "weekly", "monthly")
        ],
        leaderboard=[
            app_commands.Choice(name="opt-out (default)", value="opt_out"),
            app_commands.Choice(name="opt-in", value="opt_in"),
        ],
    )
    async def settings(
        self,
        interaction: discord.Interaction,
        report: str | None = None,
        hour: app_commands.Range[int, 0, 23] | None = None,
        leaderboard: str | None = None,
        retention_days: app_commands.Range[int, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS]
        | None = None,
    ) -> None:
        guild = require_guild(interaction)
        _require_manage_guild(interaction)
        current = self.core.guild_settings(guild.id)
        period: Kind | None = current.report_period
        reports_from = current.reports_from
        if report is not None:
            period = None if report == "off" else report  # type: ignore[assignment]
            if period is not None and period != current.report_period:
                reports_from = local_date(
                    self.bot.clock(), self.bot.guild_settings.timezone(guild.id)
                )
        updated = replace(
            current,
            report_period=period,
            report_hour=current.report_hour if hour is None else hour,
            reports_from=reports_from,
            leaderboard_mode=leaderboard or current.leaderboard_mode,
            retention_days=retention_days or current.retention_days,
        )
        if updated != current:
            await self.core.save_settings(updated)
        channel_id = self.bot.guild_settings.channel(guild.id, "reports")
        await send_private(
            interaction,
            text(
                interaction,
                "stats.settings_show",
                report=text(interaction, f"stats.period.{updated.report_period or 'off'}"),
                hour=f"{updated.report_hour:02d}:00",
                zone=self.bot.guild_settings.timezone_name(guild.id),
                channel=f"<#{channel_id}>" if channel_id else text(interaction, "stats.no_channel"),
                leaderboard=text(interaction, f"stats.mode.{updated.leaderboard_mode}"),
                days=updated.retention_days,
            ),
        )

    # --- /leaderboard ---------------------------------------------------------------------------

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="leaderboard", description="The most active members (who agreed to be named)"
    )
    @app_commands.describe(period="How far back (default: 7 days)")
    @app_commands.guild_only()
    async def leaderboard(self, interaction: discord.Interaction, period: Span = "7d") -> None:
        guild = require_guild(interaction)
        current, _ = self._spans(guild.id, period)
        await self.core.service.flush()
        mode = self.core.guild_settings(guild.id).leaderboard_mode
        top = await repository.top_members(
            self.bot.db,
            guild.id,
            current,
            mode,
            limit=10,
            hidden=lambda user_id: not self.core.may_name(guild.id, user_id),
        )
        lang = self.bot.guild_settings.locale(guild.id)
        t = self.bot.i18n.t
        lines = [
            f"{place}. <@{user}> · {number(n, lang)}" for place, (user, n) in enumerate(top, 1)
        ]
        embed = discord.Embed(
            title=t(lang, "stats.leaderboard_title", period=day_text(current, lang)),
            description="\n".join(lines) or t(lang, "stats.leaderboard_empty"),
            colour=discord.Colour.gold(),
        )
        embed.set_footer(
            text=t(lang, f"stats.leaderboard_footer.{mode}")
            + " "
            + t(lang, "stats.leaderboard_days")
        )
        await interaction.response.send_message(
            embed=embed, allowed_mentions=discord.AllowedMentions.none()
        )

    # --- /privacy -------------------------------------------------------------------------------

    @scoped(Scope.MEMBER)
    @app_commands.command(
        name="privacy", description="See and change whether you appear in statistics"
    )
    @app_commands.describe(
        leaderboard="Appear on leaderboards and in report shout-outs",
        statistics="Keep per-member statistics about you (off: you are counted anonymously)",
    )
    @app_commands.choices(
        leaderboard=[
            app_commands.Choice(name="yes", value="yes"),
            app_commands.Choice(name="no", value="no"),
            app_commands.Choice(name="server default", value="default"),
        ],
        statistics=[
            app_commands.Choice(name="yes", value="yes"),
            app_commands.Choice(name="no", value="no"),
        ],
    )
    @app_commands.guild_only()
    async def privacy(
        self,
        interaction: discord.Interaction,
        leaderboard: str | None = None,
        statistics: str | None = None,
    ) -> None:
        guild = require_guild(interaction)
        user_id = interaction.user.id
        prefs = self.core.member_prefs(guild.id, user_id)
        if leaderboard is not None or statistics is not None:
            board = prefs.leaderboard
            if leaderboard is not None:
                board = None if leaderboard == "default" else leaderboard == "yes"
            member_stats = prefs.member_stats if statistics is None else statistics == "yes"
            prefs = MemberPrefs(guild.id, user_id, board, member_stats)
            await self.core.save_prefs(prefs)
        mode = self.core.guild_settings(guild.id).leaderboard_mode
        named = self.core.may_name(guild.id, user_id)
        await send_private(
            interaction,
            text(
                interaction,
                "stats.privacy_show",
                leaderboard=text(interaction, "stats.yes" if named else "stats.no"),
                source=text(
                    interaction,
                    "stats.privacy_default" if prefs.leaderboard is None else "stats.privacy_own",
                ),
                mode=text(interaction, f"stats.mode.{mode}"),
                statistics=text(interaction, "stats.yes" if prefs.member_stats else "stats.no"),
                days=self.core.guild_settings(guild.id).retention_days,
            ),
        )
