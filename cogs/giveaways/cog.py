"""The giveaway commands (/giveaway start, end, reroll, cancel, settings, list); the work is
done by the service (service.py)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import format_dt

from bot.checks import (
    posting_channel,
    require_guild,
    require_same_guild,
)
from bot.core import Bot
from bot.durations import parse_duration
from bot.errors import UserFacingError
from bot.replies import send_private, text
from bot.scopes import ADMIN, Scope, enforce, scoped
from cogs.giveaways import announce, repository, schedule, strings
from cogs.giveaways.repository import Giveaway, GiveawaySettings, GiveawayState
from cogs.giveaways.service import GiveawayService
from cogs.giveaways.views import ClaimButton, EntryButton, GiveawayOption, claim_view

GiveawayArg = app_commands.Transform[Giveaway, GiveawayOption]


def _url(value: str) -> str:
    url = value.strip()
    if not url.startswith("https://") or any(ch.isspace() for ch in url) or len(url) > 300:
        raise UserFacingError(
            "giveaway.terms_invalid", value=discord.utils.escape_markdown(url[:80])
        )
    return url


class GiveawayCog(commands.Cog):
    giveaway = app_commands.Group(
        name="giveaway",
        description="Giveaways with a verifiable draw",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.service = GiveawayService(bot)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(EntryButton, ClaimButton)
        self.bot.outbox.register_view("giveaway-claim", partial(claim_view, self.bot))
        self.bot.outbox.register_renderer(
            announce.RESULT, partial(announce.render_result, self.bot)
        )
        self.bot.schedule_kinds.register(schedule.kind(self.service))
        self.bot.privacy.register(
            "giveaways",
            "Your giveaway entries and receipts (winners stay on the published result).",
            lambda user_id: repository.entries_of_user(self.bot.db, user_id),
            erase=repository.forget_user,
        )
        await self.service.start()

    async def cog_unload(self) -> None:
        self.bot.privacy.unregister("giveaways")
        self.bot.schedule_kinds.unregister("giveaway")
        await self.service.stop()

    @scoped(Scope.ADMIN)
    @giveaway.command(name="start", description="Start a giveaway")
    @app_commands.describe(
        prize="What can be won",
        duration="How long, e.g. 1d, 2h30m",
        winners="Number of winners (1-20)",
        channel="Where to post it (default: here)",
        description="More about the prize or the rules",
        required_role="Only members with this role can enter",
        min_account_age="Minimum account age, e.g. 7d",
        min_membership_age="Minimum time on this server, e.g. 1d",
        terms="Link to the entry terms (default: the server's)",
        claim_within="Winners must claim within this time, e.g. 2d (then a reroll can replace them)",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        prize: app_commands.Range[str, 1, 200],
        duration: app_commands.Range[str, 1, 64],
        winners: app_commands.Range[int, 1, 20] = 1,
        channel: discord.TextChannel | None = None,
        description: app_commands.Range[str, 1, 1000] | None = None,
        required_role: discord.Role | None = None,
        min_account_age: app_commands.Range[str, 1, 64] | None = None,
        min_membership_age: app_commands.Range[str, 1, 64] | None = None,
        terms: app_commands.Range[str, 1, 300] | None = None,
        claim_within: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        claim = (
            parse_duration(claim_within, minimum=timedelta(minutes=5), maximum=timedelta(days=30))
            if claim_within
            else None
        )
        terms_url = (
            _url(terms)
            if terms
            else self.service.settings.get(guild.id, GiveawaySettings()).terms_url
        )
        enforce(interaction, ADMIN)
        length = parse_duration(duration, minimum=timedelta(minutes=1), maximum=timedelta(days=60))
        account = (
            parse_duration(min_account_age, maximum=timedelta(days=3650))
            if min_account_age
            else timedelta()
        )
        membership = (
            parse_duration(min_membership_age, maximum=timedelta(days=3650))
            if min_membership_age
            else timedelta()
        )
        target = posting_channel(interaction, channel)
        if required_role is not None:
            require_same_guild(interaction, required_role.guild.id)
        giveaway = await self.service.open_giveaway(
            guild,
            target,
            interaction.user.id,
            prize,
            length,
            winners,
            description=description,
            required_role_id=required_role.id if required_role else None,
            account=account,
            membership=membership,
            terms_url=terms_url,
            claim=claim,
        )
        await send_private(
            interaction,
            text(interaction, "giveaway.started", id=giveaway.id, channel=target.mention),
        )

    @scoped(Scope.ADMIN)
    @giveaway.command(name="end", description="End a giveaway now and draw")
    @app_commands.describe(giveaway="The giveaway")
    async def end(self, interaction: discord.Interaction, giveaway: GiveawayArg) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        key = (
            "giveaway.ended_reply"
            if await self.service.finish(giveaway.id)
            else "giveaway.not_open"
        )
        await interaction.followup.send(text(interaction, key, id=giveaway.id), ephemeral=True)

    @scoped(Scope.ADMIN)
    @giveaway.command(name="reroll", description="Replace winners (never a previous winner)")
    @app_commands.describe(
        giveaway="The giveaway",
        count="How many winners to replace (the last ones)",
        unclaimed="Replace every winner who missed the claim deadline",
        seat="Which winner to replace: their number (1 = drawn first) or the member",
    )
    async def reroll(
        self,
        interaction: discord.Interaction,
        giveaway: GiveawayArg,
        count: app_commands.Range[int, 1, 20] = 1,
        unclaimed: bool = False,
        seat: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        if giveaway.state != GiveawayState.ENDED:
            raise UserFacingError("giveaway.not_ended", id=giveaway.id)
        if seat is not None and (unclaimed or count != 1):
            raise UserFacingError("giveaway.reroll_options")
        await interaction.response.defer(ephemeral=True, thinking=True)
        rerolls = self.service.rerolls
        # settled before anything waits: a double click names the same winners (replaced once)
        targets = await rerolls.targets(guild, giveaway, count, unclaimed, seat)
        swaps = await rerolls.reroll(guild, giveaway, targets, unclaimed)
        lines = [text(interaction, "giveaway.rerolled", count=len(swaps))]
        for swap in swaps:
            old = (
                f"<@{swap.old.user_id}>"
                if swap.old.user_id
                else text(interaction, "giveaway.former_winner")
            )
            lines.append(
                text(
                    interaction,
                    "giveaway.reroll_seat",
                    seat=swap.seat,
                    new=f"<@{swap.new.user_id}>",
                    old=old,
                )
            )
        await send_private(interaction, "\n".join(lines))

    @reroll.autocomplete("seat")
    async def _seat_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The current winners' places, with names (seen by the admin only)."""
        raw = getattr(interaction.namespace, "giveaway", None)
        number = str(raw.id if isinstance(raw, Giveaway) else raw or "").lstrip("#").split(" ")[0]
        giveaway = await repository.get(self.bot.db, int(number)) if number.isdigit() else None
        if (
            giveaway is None
            or interaction.guild is None
            or giveaway.guild_id != interaction.guild.id
        ):
            return []
        seats = await self.service.rerolls.seats(giveaway)
        wanted = current.casefold()
        return [
            app_commands.Choice(name=name, value=value)
            for name, value in self.service.rerolls.suggestions(seats, interaction.guild)
            if wanted in name.casefold()
        ][:25]

    @scoped(Scope.ADMIN)
    @giveaway.command(name="cancel", description="Cancel a running giveaway without a draw")
    @app_commands.describe(giveaway="The giveaway")
    async def cancel(self, interaction: discord.Interaction, giveaway: GiveawayArg) -> None:
        if not await self.service.cancel(giveaway.id):
            raise UserFacingError("giveaway.not_open", id=giveaway.id)
        await send_private(interaction, text(interaction, "giveaway.cancelled", id=giveaway.id))

    @scoped(Scope.ADMIN)
    @giveaway.command(
        name="settings", description="Default entry terms and how long entrant lists are kept"
    )
    @app_commands.describe(
        terms="Link to the entry terms (empty: keep)",
        retention_days="Days the entrant list is kept after the end",
    )
    async def settings_(
        self,
        interaction: discord.Interaction,
        terms: app_commands.Range[str, 1, 300] | None = None,
        retention_days: app_commands.Range[int, 1, 365] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        enforce(interaction, ADMIN)
        current = self.service.settings.get(guild.id, GiveawaySettings())
        updated = GiveawaySettings(
            _url(terms) if terms else current.terms_url, retention_days or current.retention_days
        )
        await repository.save_settings(self.bot.db, guild.id, updated, self.bot.clock())
        self.service.settings[guild.id] = updated
        shown = updated.terms_url or text(interaction, "common.none")
        await send_private(
            interaction,
            text(interaction, "giveaway.settings_saved", terms=shown, days=updated.retention_days),
        )

    settings_.name = "settings"

    @scoped(Scope.ADMIN)
    @giveaway.command(name="list", description="Running giveaways")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        enforce(interaction, ADMIN)
        running = await repository.open_giveaways(self.bot.db, guild.id)
        if not running:
            await send_private(interaction, text(interaction, "giveaway.none_running"))
            return
        lines = [
            text(
                interaction,
                "giveaway.list_line",
                id=g.id,
                prize=discord.utils.escape_markdown(g.prize)[:80],
                count=await repository.count_entries(self.bot.db, g.id),
                when=format_dt(g.ends_at, "R"),
            )
            for g in running
        ]
        await send_private(interaction, "\n".join(lines))

    list_.name = "list"
