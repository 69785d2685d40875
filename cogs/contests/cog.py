"""The contest commands (/contest create, submit, remove); the work is done by the service
(service.py)."""

from __future__ import annotations

from datetime import timedelta

import discord
from discord import app_commands
from discord.ext import commands

from bot import cooldowns
from bot.checks import (
    parse_id,
    posting_channel,
    require_guild,
    require_moderator,
)
from bot.contentcheck.service import refusing
from bot.core import Bot
from bot.durations import parse_duration
from bot.errors import UserFacingError
from bot.moderation.rulenames import rule_label
from bot.replies import quote, send_private, text
from bot.scopes import ADMIN, Scope, enforce, scoped
from cogs.contests import repository, schedule, strings
from cogs.contests.repository import Contest, ContestState
from cogs.contests.service import RESULTS, ContestService
from cogs.contests.views import VoteButton

MAX_FILE = 8 * 1024 * 1024


class ContestCog(commands.Cog):
    contest = app_commands.Group(
        name="contest", description="Skill contests with submissions and voting", guild_only=True
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)
        self.service = ContestService(bot)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(VoteButton)
        self.bot.schedule_kinds.register(schedule.kind(self.service))
        self.bot.privacy.register(
            "contests",
            "Your contest entries and votes.",
            lambda user_id: repository.data_of_user(self.bot.db, user_id),
            erase=repository.forget_user,
        )
        self.bot.outbox.register_renderer(RESULTS, self.service.render_results)
        await self.service.start()

    async def cog_unload(self) -> None:
        self.bot.privacy.unregister("contests")
        self.bot.schedule_kinds.unregister("contest")

    async def _contest_of(self, interaction: discord.Interaction, value: str) -> Contest:
        require_guild(interaction)
        contest = await repository.get(self.bot.db, parse_id(value))
        if contest is None or contest.guild_id != interaction.guild_id:
            raise UserFacingError("contest.unknown", id=value[:20])
        return contest

    @scoped(Scope.ADMIN)
    @contest.command(name="create", description="Create a contest (Manage Server)")
    @app_commands.describe(
        title="The contest's title",
        description="More about the contest",
        submission_time="How long submissions are open, e.g. 3d",
        voting_time="How long voting is open after that, e.g. 2d",
        channel="Where to post it (default: here)",
        max_submissions_per_member="Entries per member (default 1)",
        votes_per_member="Votes per member (default 1)",
        anonymous_until_results="Hide authors until the results (default on)",
        min_membership_age_to_vote="Minimum time on the server to vote, e.g. 1d",
    )
    async def create(
        self,
        interaction: discord.Interaction,
        title: app_commands.Range[str, 1, 100],
        submission_time: app_commands.Range[str, 1, 64],
        voting_time: app_commands.Range[str, 1, 64],
        description: app_commands.Range[str, 1, 1000] | None = None,
        channel: discord.TextChannel | None = None,
        max_submissions_per_member: app_commands.Range[int, 1, 10] = 1,
        votes_per_member: app_commands.Range[int, 1, 10] = 1,
        anonymous_until_results: bool = True,
        min_membership_age_to_vote: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        enforce(interaction, ADMIN)
        submit = parse_duration(
            submission_time, minimum=timedelta(minutes=1), maximum=timedelta(days=90)
        )
        voting = parse_duration(
            voting_time, minimum=timedelta(minutes=1), maximum=timedelta(days=90)
        )
        age = (
            parse_duration(min_membership_age_to_vote, maximum=timedelta(days=3650))
            if min_membership_age_to_vote
            else timedelta()
        )
        target = posting_channel(
            interaction, channel, ("view_channel", "send_messages", "embed_links", "attach_files")
        )
        contest = await self.service.open_contest(
            guild,
            target,
            interaction.user.id,
            title,
            submit,
            voting,
            description=description,
            max_submissions=max_submissions_per_member,
            votes_per_member=votes_per_member,
            anonymous=anonymous_until_results,
            min_membership_age=age,
        )
        await send_private(
            interaction, text(interaction, "contest.created", id=contest.id, channel=target.mention)
        )

    @scoped(Scope.MEMBER, limit=cooldowns.CONTEST_SUBMIT)
    @contest.command(name="submit", description="Submit an entry")
    @app_commands.describe(
        contest_id="The contest",
        title="Your entry's title (optional; shown in the results)",
        text_="Your entry's text",
        attachment="An image or file (it is re-uploaded)",
    )
    @app_commands.rename(contest_id="contest", text_="text")
    async def submit(
        self,
        interaction: discord.Interaction,
        contest_id: str,
        text_: app_commands.Range[str, 1, 1500] | None = None,
        attachment: discord.Attachment | None = None,
        title: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        contest = await self._contest_of(interaction, contest_id)
        guild = require_guild(interaction)
        if contest.state != ContestState.SUBMISSIONS:
            raise UserFacingError("contest.not_submitting", id=contest.id)
        if not text_ and attachment is None:
            raise UserFacingError("contest.empty")
        if attachment is not None and attachment.size > MAX_FILE:
            raise UserFacingError("contest.file_too_large")
        await interaction.response.defer(ephemeral=True, thinking=True)
        title = " ".join(title.split()) if title else None
        for written in (title, text_):
            if not written:
                continue
            refused = refusing(await self.bot.content_check.check_text(guild.id, written))
            if refused:
                raise UserFacingError(
                    "contest.refused",
                    rule=rule_label(self.bot.i18n, refused[0].rule),
                    text=quote(written, 1500),
                )
        entry = await repository.add_entry(
            self.bot.db,
            contest,
            interaction.user.id,
            text_,
            attachment.filename if attachment else None,
            self.bot.clock(),
            title=title or None,
        )
        if entry is None:
            raise UserFacingError(
                "contest.too_many", count=contest.max_submissions, text=quote(text_ or "-", 1500)
            )
        await self.service.post_entry(
            contest, entry, interaction.user.display_name, text_, attachment
        )
        self.bot.activity_service.record(guild.id, "contest_entry", interaction.user.id)
        await interaction.followup.send(
            text(interaction, "contest.submitted", entry=entry.id), ephemeral=True
        )

    @scoped(Scope.SERVER_MODERATOR)
    @contest.command(name="remove", description="Remove an entry (moderators)")
    @app_commands.describe(entry="The entry number", reason="The reason (the author sees it)")
    async def remove(
        self,
        interaction: discord.Interaction,
        entry: app_commands.Range[int, 1, 10_000_000],
        reason: app_commands.Range[str, 1, 300],
    ) -> None:
        guild = require_guild(interaction)
        require_moderator(interaction)
        found = await repository.get_entry(self.bot.db, entry)
        contest = await repository.get(self.bot.db, found.contest_id) if found else None
        if found is None or contest is None or contest.guild_id != guild.id:
            raise UserFacingError("contest.unknown", id=entry)
        await self.service.remove_entry(contest, found, reason)
        await send_private(interaction, text(interaction, "contest.removed_reply", entry=entry))

    @submit.autocomplete("contest_id")
    async def _contests(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        found = await repository.of_guild(self.bot.db, interaction.guild_id)
        return [
            app_commands.Choice(name=f"#{c.id} {c.title}"[:100], value=str(c.id))
            for c in found
            if c.state == ContestState.SUBMISSIONS
            and current.casefold() in f"#{c.id} {c.title}".casefold()
        ][:25]
