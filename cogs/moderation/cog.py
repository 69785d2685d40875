"""Discord glue for the manual moderation commands.

Every command checks at run time that the moderator has the permission, that the moderator and
the bot both rank above the target (self, the owner and equal rank are refused), and only then
sends anything to Discord. Acting on another team member asks for confirmation first. Every
action is a case; the member is told (before a kick or ban) in the server's language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot import cooldowns
from bot.checks import require_guild, require_guild_permission, require_moderator
from bot.core import Bot
from bot.durations import parse_duration
from bot.errors import UserFacingError
from bot.moderation import checks, lockdown, outcomes
from bot.moderation.cases.strikes import MAX_TIMEOUT
from bot.moderation.pipeline import Order, Result
from bot.replies import lang_for, send_private, text
from bot.scopes import Scope, is_staff_member, scoped
from bot.ui.confirm import ask
from bot.ui.transformers import Duration
from cogs.moderation import strings

log = logging.getLogger(__name__)
TimeoutLength = app_commands.Transform[timedelta, Duration(timedelta(seconds=60), MAX_TIMEOUT)]
BanLength = app_commands.Transform[timedelta, Duration(timedelta(minutes=1), timedelta(days=3650))]

BULK_CUTOFF = timedelta(days=14) - timedelta(minutes=1)
DELETE_CHOICES = [
    app_commands.Choice(name="none", value=0),
    app_commands.Choice(name="last hour", value=3600),
    app_commands.Choice(name="last day", value=86400),
    app_commands.Choice(name="last 7 days", value=7 * 86400),
]
STATE_CHOICES = [
    app_commands.Choice(name="on", value="on"),
    app_commands.Choice(name="off", value="off"),
]


@dataclass(frozen=True)
class Request:
    action: str
    user_id: int
    reason: str
    duration: timedelta | None = None
    delete_seconds: int = 0
    points: int = 0


class ModerationCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)

    # --- shared checks and execution --------------------------------------------------------

    def _require(self, interaction: discord.Interaction, permission: str) -> discord.Member:
        """The moderator holds ``permission`` server-wide (also checked again on confirmation)."""
        return require_guild_permission(interaction, permission)

    def _refuse(self, interaction: discord.Interaction, refusal: checks.Refusal) -> UserFacingError:
        reason = outcomes.reason_only(self.bot.i18n, lang_for(interaction), refusal.outcome)
        return UserFacingError("mod.refused", reason=reason)

    def _check(
        self,
        interaction: discord.Interaction,
        actor: discord.Member,
        member: discord.Member | None,
        request: Request,
    ) -> None:
        guild = require_guild(interaction)
        order = self._order(interaction, request)
        refusal = (
            checks.check_actor(guild, actor, member)
            if member is not None and request.action != "unban"
            else None
        ) or self.bot.moderation.check(guild, member, order)
        if refusal is not None:
            raise self._refuse(interaction, refusal)

    def _order(self, interaction: discord.Interaction, request: Request) -> Order:
        return Order(
            require_guild(interaction).id,
            request.user_id,
            request.action,
            request.reason,
            moderator_id=interaction.user.id,
            points=request.points,
            duration=request.duration,
            delete_seconds=request.delete_seconds,
            record_refusal=False,
        )

    async def _start(
        self, interaction: discord.Interaction, user: discord.abc.User, request: Request
    ) -> None:
        """Checks, then confirmation for team members, then the action."""
        guild = require_guild(interaction)
        actor = self._require(interaction, checks.COMMAND_PERMISSION[request.action])
        member = await self.bot.moderation.member(guild, user.id)
        if member is None and request.action not in ("ban", "unban"):
            raise UserFacingError("mod.not_member", member=user.mention)
        self._check(interaction, actor, member, request)
        if member is not None and request.action == "untimeout" and not member.is_timed_out():
            raise UserFacingError("mod.not_timed_out", member=member.mention)
        if request.action == "unban" and not await self._is_banned(guild, request.user_id):
            raise UserFacingError("mod.not_banned", member=f"<@{request.user_id}>")
        staff = self.bot.guild_settings.staff_roles(guild.id)
        if member is not None and request.action != "unban" and is_staff_member(member, staff):
            action = text(interaction, f"action.{request.action}")

            async def act(confirmed: discord.Interaction) -> str:
                return await self.execute(confirmed, request)

            await ask(
                interaction,
                text(interaction, "mod.confirm_staff", member=member.mention, action=action),
                text(interaction, "mod.confirm"),
                act,
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.execute(interaction, request)
        await interaction.followup.send(
            result, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    async def _is_banned(self, guild: discord.Guild, user_id: int) -> bool:
        try:
            await guild.fetch_ban(discord.Object(user_id))
        except discord.NotFound:
            return False
        return True

    async def execute(self, interaction: discord.Interaction, request: Request) -> str:
        """The request through the moderation pipeline; the moderator's answer from its outcome."""
        bot = self.bot
        guild = require_guild(interaction)
        member = await bot.moderation.member(guild, request.user_id)
        # Checked again at execution: a confirmation can come minutes later, roles may have changed.
        actor = self._require(interaction, checks.COMMAND_PERMISSION[request.action])
        self._check(interaction, actor, member, request)
        if request.action in ("ban", "unban"):
            # A permanent ban or an unban replaces a temporary ban's timer.
            await bot.temp_bans.end(guild.id, request.user_id)
        outcome = await bot.moderation.run(self._order(interaction, request), member)
        if outcome.result is Result.REFUSED:
            raise self._refuse(interaction, checks.Refusal(outcome.code))
        case = outcome.case
        assert case is not None
        lang = lang_for(interaction)
        extra = ""
        if request.action == "ban" and request.duration and outcome.applied:
            unban_at = case.created_at + request.duration
            extra = "\n" + text(interaction, "mod.temp_ban_until", when=format_dt(unban_at, "R"))
        return (
            text(
                interaction,
                "mod.done",
                number=case.number,
                action=text(interaction, f"action.{request.action}"),
                member=f"<@{request.user_id}>",
                outcome=outcomes.describe(bot.i18n, lang, outcome.code),
                dm=text(interaction, f"dm.{outcome.dm_status}"),
            )
            + extra
        )

    def _reason(self, interaction: discord.Interaction, reason: str | None) -> str:
        return (
            reason.strip()
            if reason and reason.strip()
            else self.bot.i18n.t(
                self.bot.guild_settings.locale(interaction.guild_id), "mod.default_reason"
            )
        )

    # --- the commands -----------------------------------------------------------------------

    @scoped(Scope.SERVER_MODERATOR, "moderate_members")
    @app_commands.command(
        name="warn",
        description="Warn a member (a case with strike points, and a DM with the reason)",
    )
    @app_commands.describe(
        member="The member",
        reason="The reason (the member sees it)",
        points="Strike points (default 1)",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(moderate_members=True)
    async def warn(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        reason: app_commands.Range[str, 1, 500],
        points: app_commands.Range[int, 0, 20] = 1,
    ) -> None:
        await self._start(
            interaction,
            member,
            Request("warn", member.id, self._reason(interaction, reason), points=points),
        )

    @scoped(Scope.SERVER_MODERATOR, "moderate_members")
    @app_commands.command(name="timeout", description="Time a member out (at most 28 days)")
    @app_commands.describe(
        member="The member",
        duration="How long, e.g. 10m, 1h30m, 2d",
        reason="The reason (the member sees it)",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(moderate_members=True)
    async def timeout(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        duration: TimeoutLength,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await self._start(
            interaction,
            member,
            Request("timeout", member.id, self._reason(interaction, reason), duration=duration),
        )

    @scoped(Scope.SERVER_MODERATOR, "moderate_members")
    @app_commands.command(name="untimeout", description="Lift a member's timeout")
    @app_commands.describe(member="The member", reason="The reason (the member sees it)")
    @app_commands.guild_only()
    @app_commands.default_permissions(moderate_members=True)
    async def untimeout(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await self._start(
            interaction, member, Request("untimeout", member.id, self._reason(interaction, reason))
        )

    @scoped(Scope.SERVER_MODERATOR, "kick_members")
    @app_commands.command(
        name="kick", description="Remove a member from the server (they can rejoin)"
    )
    @app_commands.describe(member="The member", reason="The reason (the member sees it)")
    @app_commands.guild_only()
    @app_commands.default_permissions(kick_members=True)
    async def kick(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await self._start(
            interaction, member, Request("kick", member.id, self._reason(interaction, reason))
        )

    @scoped(Scope.SERVER_MODERATOR, "ban_members")
    @app_commands.command(name="ban", description="Ban a user, optionally for a limited time")
    @app_commands.describe(
        user="The user (also someone who already left)",
        duration="For how long (empty: permanently), e.g. 7d",
        delete_messages="Also delete their recent messages",
        reason="The reason (the member sees it)",
    )
    @app_commands.choices(delete_messages=DELETE_CHOICES)
    @app_commands.guild_only()
    @app_commands.default_permissions(ban_members=True)
    async def ban(
        self,
        interaction: discord.Interaction,
        user: discord.User,
        duration: BanLength | None = None,
        delete_messages: app_commands.Choice[int] | None = None,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        seconds = delete_messages.value if delete_messages else 0
        await self._start(
            interaction,
            user,
            Request(
                "ban",
                user.id,
                self._reason(interaction, reason),
                duration=duration,
                delete_seconds=seconds,
            ),
        )

    @scoped(Scope.SERVER_MODERATOR, "ban_members")
    @app_commands.command(name="unban", description="Lift a ban")
    @app_commands.describe(user="The user", reason="The reason (the member sees it)")
    @app_commands.guild_only()
    @app_commands.default_permissions(ban_members=True)
    async def unban(
        self,
        interaction: discord.Interaction,
        user: discord.User,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await self._start(
            interaction, user, Request("unban", user.id, self._reason(interaction, reason))
        )

    @scoped(Scope.CHANNEL_MODERATOR, "manage_messages", limit=cooldowns.BULK)
    @app_commands.command(
        name="purge", description="Delete recent messages in this channel (up to 1,000)"
    )
    @app_commands.describe(
        count="How many recent messages to look at", member="Only messages of this member"
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_messages=True)
    async def purge(
        self,
        interaction: discord.Interaction,
        count: app_commands.Range[int, 1, 1000],
        member: discord.User | None = None,
    ) -> None:
        guild = require_guild(interaction)
        channel = interaction.channel
        if not isinstance(channel, discord.TextChannel | discord.Thread | discord.VoiceChannel):
            raise UserFacingError("error.not_allowed")
        if not channel.permissions_for(interaction.user).manage_messages:  # type: ignore[arg-type]
            raise app_commands.MissingPermissions(["manage_messages"])
        mine = channel.permissions_for(guild.me)
        missing = [p for p in ("manage_messages", "read_message_history") if not getattr(mine, p)]
        if missing:
            raise app_commands.BotMissingPermissions(missing)
        await interaction.response.defer(ephemeral=True, thinking=True)
        cutoff = discord.utils.utcnow() - BULK_CUTOFF
        recent: list[discord.Message] = []
        skipped = 0
        async for message in channel.history(limit=count):
            if member is not None and message.author.id != member.id:
                continue
            if message.created_at < cutoff:
                skipped += 1
            else:
                recent.append(message)
        deleted = await self._delete(channel, recent)
        lang = self.bot.guild_settings.locale(guild.id)
        reason = self.bot.i18n.t(lang, "mod.purge_reason", count=deleted, channel=channel.mention)
        await self.bot.moderation.record(
            guild.id, member.id if member else 0, interaction.user.id, "purge", reason
        )
        await interaction.followup.send(
            text(interaction, "mod.purge_done", deleted=deleted, skipped=skipped), ephemeral=True
        )

    async def _delete(
        self, channel: discord.abc.Messageable, messages: list[discord.Message]
    ) -> int:
        deleted = 0
        for start in range(0, len(messages), 100):
            chunk = messages[start : start + 100]
            if len(chunk) >= 2:
                try:
                    await channel.delete_messages(chunk, reason="/purge")  # type: ignore[attr-defined]
                    deleted += len(chunk)
                    continue
                except discord.HTTPException as exc:
                    if isinstance(exc, discord.Forbidden):
                        break
                    # e.g. one message vanished meanwhile: fall back to deleting one by one
            for message in chunk:
                try:
                    await message.delete()
                    deleted += 1
                except discord.NotFound:
                    continue
                except discord.HTTPException:
                    break
        return deleted

    @scoped(Scope.CHANNEL_MODERATOR, "manage_channels")
    @app_commands.command(name="slowmode", description="Set the slowmode of a channel")
    @app_commands.describe(
        delay="Seconds between messages, e.g. 10s, 1m; 0 turns it off",
        channel="The channel (default: this one)",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_channels=True)
    async def slowmode(
        self,
        interaction: discord.Interaction,
        delay: app_commands.Range[str, 1, 32],
        channel: discord.TextChannel | None = None,
    ) -> None:
        guild = require_guild(interaction)
        target = channel or interaction.channel
        if not isinstance(target, discord.TextChannel):
            raise UserFacingError("error.not_allowed")
        if target.guild.id != guild.id:
            raise UserFacingError("error.foreign_id")
        if not target.permissions_for(interaction.user).manage_channels:  # type: ignore[arg-type]
            raise app_commands.MissingPermissions(["manage_channels"])
        if not target.permissions_for(guild.me).manage_channels:
            raise app_commands.BotMissingPermissions(["manage_channels"])
        seconds = (
            0
            if delay.strip().lower() in ("0", "off", "aus")
            else int(parse_duration(delay, maximum=timedelta(hours=6)).total_seconds())
        )
        await target.edit(slowmode_delay=seconds, reason=f"/slowmode by {interaction.user.id}")
        lang = lang_for(interaction)
        shown = self.bot.i18n.t(lang, "mod.slowmode_off") if seconds == 0 else f"{seconds}s"
        await self.bot.moderation.record(
            guild.id, 0, interaction.user.id, "slowmode", f"{target.mention}: {seconds}s"
        )
        await send_private(
            interaction, text(interaction, "mod.slowmode_set", channel=target.mention, delay=shown)
        )

    @scoped(Scope.SERVER_MODERATOR, limit=cooldowns.BULK)
    @app_commands.command(
        name="lockdown", description="Lock the server, or restore every channel exactly"
    )
    @app_commands.describe(state="on or off", reason="The reason (the member sees it)")
    @app_commands.choices(state=STATE_CHOICES)
    @app_commands.guild_only()
    @app_commands.default_permissions(moderate_members=True)
    async def lockdown_command(
        self,
        interaction: discord.Interaction,
        state: app_commands.Choice[str],
        reason: app_commands.Range[str, 1, 300] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        why = self._reason(interaction, reason)
        if state.value == "on":
            result = await lockdown.lock(self.bot, guild, interaction.user.id, why)
            key = "mod.lockdown_on" if result.started else "mod.lockdown_already"
        else:
            result = await lockdown.unlock(self.bot, guild, why)
            key = "mod.lockdown_off" if result.started else "mod.lockdown_none"
        if result.started:
            await self.bot.moderation.record(
                guild.id, 0, interaction.user.id, "lockdown", f"{state.value}: {why}"
            )
        await interaction.followup.send(
            text(
                interaction,
                key,
                channels=result.channels,
                threads=result.threads,
                failed=result.failed,
            ),
            ephemeral=True,
        )
