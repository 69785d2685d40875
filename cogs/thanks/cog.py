"""Discord glue of the recognition: Apps › Thank (German: Danke), /thanks, /profile and
/recognition settings; the setup wizard's switch and the line in /schedule list."""

from __future__ import annotations

import logging
from dataclasses import replace

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.checks import require_guild, require_guild_permission, require_same_guild
from bot.core import Bot
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.replies import permission_label, send_private, text
from bot.scopes import Scope, scoped
from bot.switches import Switch
from cogs.thanks import repository, strings
from cogs.thanks.ranking import POST_HOUR, bounds, month_of
from cogs.thanks.recognition import Recognition, role_issue
from cogs.thanks.repository import Settings
from cogs.thanks.rules import DAILY_LIMIT, Target, refusal

log = logging.getLogger(__name__)


class ThanksCog(commands.Cog):
    recognition_group = app_commands.Group(
        name="recognition",
        description="The monthly recognition of helpful members",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.settings: dict[int, Settings] = {}
        self.recognition = Recognition(bot, self.guild_settings)
        self._menu = scoped(Scope.MEMBER)(
            app_commands.ContextMenu(name="Thank", callback=self.thank_message)
        )
        self._menu.guild_only = True

    async def cog_load(self) -> None:
        self.settings = await repository.load_settings(self.bot.db)
        self.bot.tree.add_command(self._menu)
        self.bot.privacy.register(
            "thanks",
            "Thanks you gave and received, and the top-helper role the bot gave you.",
            lambda user_id: repository.export_user(self.bot.db, user_id),
            self.forget_member,
            erase=repository.forget_user,
        )
        self.bot.switches.register(
            Switch(
                "recognition",
                "thanks.switch",
                "thanks.switch_hint",
                lambda guild_id: self.guild_settings(guild_id).monthly,
                self.switch,
            )
        )
        self.bot.schedule_kinds.add_listing("thanks", self.listing)
        for guild_id, settings in self.settings.items():
            # a month missed while offline is posted once, then re-armed (by the guild's owner)
            if settings.monthly and self.bot.owns(guild_id):
                key = self.recognition.job_key(guild_id)
                self.bot.scheduler.run_at(
                    key, self.bot.clock(), self.recognition.monthly_job, guild_id
                )

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self._menu.name, type=self._menu.type)
        self.bot.privacy.unregister("thanks")
        self.bot.switches.unregister("recognition")
        self.bot.schedule_kinds.remove_listing("thanks")
        self.bot.scheduler.cancel_prefix("thanks:monthly:")

    async def forget_member(self, user_id: int) -> int:
        """/mydata forget: the top-helper role the bot gave is taken back (where the member is
        still on the server and the bot may), then the rows go."""
        for guild_id, role_id in await repository.roles_held_by(self.bot.db, user_id):
            guild = self.bot.get_guild(guild_id)
            member = guild.get_member(user_id) if guild else None
            role = guild.get_role(role_id) if guild else None
            me = guild.me if guild else None
            if member is None or role is None or me is None:
                continue
            if not me.guild_permissions.manage_roles or role >= me.top_role:
                continue
            try:
                await member.remove_roles(role, reason="The member asked to be forgotten")
            except discord.HTTPException as exc:
                log.warning("Top-helper role not taken back in %s: %s", guild_id, exc)
        return await repository.forget_user(self.bot.db, user_id)

    def guild_settings(self, guild_id: int) -> Settings:
        return self.settings.get(guild_id) or Settings(guild_id)

    async def save_settings(self, settings: Settings) -> None:
        await repository.save_settings(self.bot.db, settings, self.bot.clock())
        self.settings[settings.guild_id] = settings
        self.recognition.arm(settings.guild_id)

    async def switch(self, interaction: discord.Interaction, on: bool) -> None:
        """The setup wizard's switch: the monthly post needs an announcements channel."""
        guild = require_guild(interaction)
        if on and self.bot.guild_settings.channel(guild.id, "announcements") is None:
            raise UserFacingError("thanks.switch_needs_channel")
        await self._turn(guild.id, on)

    async def _turn(self, guild_id: int, on: bool) -> None:
        current = self.guild_settings(guild_id)
        if current.monthly == on:
            return
        # months that ended before the switch was turned on are not posted
        month = month_of(self.bot.clock(), self.bot.guild_settings.timezone(guild_id))
        await self.save_settings(replace(current, monthly=on, posts_from=month if on else None))

    async def listing(self, guild_id: int, lang: Lang) -> list[str]:
        if not self.guild_settings(guild_id).monthly:
            return []
        channel_id = self.bot.guild_settings.channel(guild_id, "announcements")
        upcoming = self.recognition.next_due(guild_id)
        t = self.bot.i18n.t
        return [
            t(
                lang,
                "thanks.schedule_listing",
                hour=f"{POST_HOUR:02d}:00",
                channel=f"<#{channel_id}>" if channel_id else "–",
                next=format_dt(upcoming, "R") if upcoming else "–",
            )
        ]

    # --- thanking -------------------------------------------------------------------------------

    async def thank_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        # an interaction's answer also carries a webhook id: that is the bot's own message
        is_webhook = message.webhook_id is not None and message.interaction_metadata is None
        await self._thank(
            interaction,
            message.author,
            message,
            is_webhook=is_webhook,
            is_system=not is_webhook and message.is_system(),
        )

    @scoped(Scope.MEMBER)
    @app_commands.command(name="thanks", description="Thank a member for their help")
    @app_commands.describe(member="The member you want to thank")
    @app_commands.guild_only()
    async def thanks(self, interaction: discord.Interaction, member: discord.User) -> None:
        await self._thank(interaction, member, None)

    async def _thank(
        self,
        interaction: discord.Interaction,
        receiver: discord.abc.User,
        message: discord.Message | None,
        *,
        is_webhook: bool = False,
        is_system: bool = False,
    ) -> None:
        guild = require_guild(interaction)
        if message is not None:
            require_same_guild(interaction, message.guild.id if message.guild else None)
        target = Target(
            is_self=receiver.id == interaction.user.id,
            is_bot=receiver.bot or receiver.system,
            is_webhook=is_webhook,
            is_system=is_system,
            is_member=guild.get_member(receiver.id) is not None,
        )
        refused = refusal(target)
        if refused is not None:
            raise UserFacingError(refused)
        given = await repository.give(
            self.bot.db,
            guild_id=guild.id,
            giver_id=interaction.user.id,
            receiver_id=receiver.id,
            message_id=message.id if message else None,
            now=self.bot.clock(),
        )
        if given.duplicate:
            raise UserFacingError("thanks.already")
        if not given.accepted:
            raise UserFacingError("thanks.daily_limit", count=DAILY_LIMIT)
        lang: Lang = self.bot.guild_settings.locale(guild.id)
        if self.bot.may_name(guild.id, receiver.id):
            key = "thanks.public_message" if message else "thanks.public"
            await interaction.response.send_message(
                self.bot.i18n.t(
                    lang,
                    key,
                    giver=interaction.user.mention,
                    receiver=receiver.mention,
                    link=message.jump_url if message else "",
                ),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        else:
            await send_private(interaction, text(interaction, "thanks.sent_quietly"))
        if not given.counted:
            await send_private(interaction, text(interaction, "thanks.not_counted"))

    # --- /profile -------------------------------------------------------------------------------

    @scoped(Scope.MEMBER)
    @app_commands.command(name="profile", description="See your recognition on this server")
    @app_commands.guild_only()
    async def profile(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        user_id = interaction.user.id
        zone = self.bot.guild_settings.timezone(guild.id)
        month = month_of(self.bot.clock(), zone)
        mine = next(
            (h for h in await self.recognition.tally(guild.id, month) if h.user_id == user_id),
            None,
        )
        start, _ = bounds(month, zone)
        lines = [
            text(
                interaction, "thanks.profile_head", server=discord.utils.escape_markdown(guild.name)
            ),
            text(
                interaction,
                "thanks.profile_month",
                since=format_dt(start, "D"),
                thanks=mine.thanks if mine else 0,
                answers=mine.answers if mine else 0,
                faq=mine.faq if mine else 0,
                places=mine.places if mine else 0,
                done=mine.done if mine else 0,
            ),
            text(
                interaction,
                "thanks.profile_total",
                received=await repository.received_by(self.bot.db, guild.id, user_id),
                given=await repository.given_by(self.bot.db, guild.id, user_id),
            ),
            text(
                interaction,
                "thanks.profile_named"
                if self.bot.may_name(guild.id, user_id)
                else "thanks.profile_hidden",
            ),
        ]
        await send_private(interaction, "\n".join(lines))

    # --- /recognition settings ------------------------------------------------------------------

    @scoped(Scope.ADMIN)
    @recognition_group.command(
        name="settings", description="The monthly post and a role for the top helpers"
    )
    @app_commands.describe(
        monthly="Post the month's most helpful members in the announcements channel",
        role="A role the month's top three helpers get",
        clear_role="Stop giving the top-helper role",
        rotate="Take the role back when the next month's helpers get it",
    )
    async def settings_command(
        self,
        interaction: discord.Interaction,
        monthly: bool | None = None,
        role: discord.Role | None = None,
        clear_role: bool = False,
        rotate: bool | None = None,
    ) -> None:
        guild = require_guild(interaction)
        if monthly and self.bot.guild_settings.channel(guild.id, "announcements") is None:
            raise UserFacingError("thanks.switch_needs_channel")
        current = self.guild_settings(guild.id)
        role_id = current.role_id
        if role is not None:
            self._check_role(interaction, guild, role)
            role_id = role.id
        if clear_role:
            role_id = None
        if monthly is not None:
            await self._turn(guild.id, monthly)
            current = self.guild_settings(guild.id)
        updated = replace(
            current, role_id=role_id, rotate=current.rotate if rotate is None else rotate
        )
        if updated != current:
            await self.save_settings(updated)
        channel_id = self.bot.guild_settings.channel(guild.id, "announcements")
        yes, no = text(interaction, "thanks.yes"), text(interaction, "thanks.no")
        await send_private(
            interaction,
            text(
                interaction,
                "thanks.settings_show",
                monthly=yes if updated.monthly else no,
                channel=f"<#{channel_id}>" if channel_id else "–",
                role=f"<@&{updated.role_id}>" if updated.role_id else "–",
                rotate=yes if updated.rotate else no,
            ),
        )

    def _check_role(
        self, interaction: discord.Interaction, guild: discord.Guild, role: discord.Role
    ) -> None:
        """The same refusals as the role menus, and the role must be below the admin's own."""
        require_same_guild(interaction, role.guild.id)
        member = require_guild_permission(interaction, "manage_roles")
        issue = role_issue(self.bot, guild, role.id)
        if issue is not None:
            key, names = issue
            raise UserFacingError(
                key,
                role=role.mention,
                permissions=permission_label(list(names)) if names else "",
            )
        if member.id != guild.owner_id and role >= member.top_role:
            raise UserFacingError("thanks.role_above_you", role=role.mention)

    @commands.Cog.listener()
    async def on_guild_role_delete(self, role: discord.Role) -> None:
        current = self.guild_settings(role.guild.id)
        if current.role_id == role.id:
            await self.save_settings(replace(current, role_id=None))
