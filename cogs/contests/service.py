"""The contest's orchestration: opening and arming the phases, the voting (buttons, votes),
the results, posting and removing entries, and the Discord event of a scheduled contest."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from typing import Any

import discord
from discord.utils import format_dt

from bot.checks import require_guild, require_same_guild
from bot.core import Bot
from bot.dm import send_dm
from bot.durations import localized_duration
from bot.errors import UserFacingError
from bot.guildjobs import held_back
from bot.i18n import Lang
from bot.outbox import new_key
from bot.replies import send_private, text
from bot.repository import OutboxPost
from cogs.contests import repository
from cogs.contests.repository import Contest, ContestState, Entry
from cogs.contests.results import neutral, results_embed, shorten
from cogs.contests.views import VoteButton

log = logging.getLogger(__name__)

RESULTS = "contest-results"  # the outbox renderer of the results post


class ContestService:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def start(self) -> None:
        """Re-arm the phases of every running contest."""
        for contest in await repository.running(self.bot.db):
            if self.bot.owns(contest.guild_id):  # another process arms the other shards'
                self._arm(contest)

    def _arm(self, contest: Contest) -> None:
        if contest.state == ContestState.SUBMISSIONS:
            voting = f"contest:{contest.id}:voting"
            self.bot.scheduler.run_at(
                voting, contest.submissions_close_at, self._phase, contest.id, voting
            )
        end = f"contest:{contest.id}:end"
        self.bot.scheduler.run_at(end, contest.voting_close_at, self._phase, contest.id, end)

    async def _phase(self, contest_id: int, key: str) -> None:
        """The job ``key``: the voting opens, or the contest ends (both if the end is due too)."""
        await self.bot.wait_until_ready()
        contest = await repository.get(self.bot.db, contest_id)
        if contest is None or held_back(
            self.bot, contest.guild_id, key, self._phase, contest_id, key
        ):
            return  # gone, or its server is not in view: the phase stays as it is
        await self.open_voting(contest_id)
        contest = await repository.get(self.bot.db, contest_id)
        if contest is not None and contest.voting_close_at <= self.bot.clock():
            await self.finish(contest_id)

    def _lang(self, guild_id: int) -> Lang:
        return self.bot.guild_settings.locale(guild_id)

    # --- phases -----------------------------------------------------------------------------

    async def open_voting(self, contest_id: int) -> bool:
        if not await repository.advance(
            self.bot.db, contest_id, ContestState.SUBMISSIONS, ContestState.VOTING
        ):
            return False
        contest = await repository.get(self.bot.db, contest_id)
        channel = self.bot.get_channel(contest.channel_id) if contest else None
        if contest is None or not isinstance(channel, discord.TextChannel):
            return True
        lang = self._lang(contest.guild_id)
        label = self.bot.i18n.t(lang, "contest.vote")
        for entry in await repository.entries(self.bot.db, contest_id):
            if entry.message_id is None or entry.removed_reason:
                continue
            view = discord.ui.View(timeout=None)
            view.add_item(VoteButton(contest_id, entry.id, label))
            try:
                await channel.get_partial_message(entry.message_id).edit(view=view)
            except discord.HTTPException as exc:
                log.warning("Adding the vote button to entry %s failed: %s", entry.id, exc)
        when = format_dt(contest.voting_close_at, "R")
        await channel.send(
            self.bot.i18n.t(
                lang,
                "contest.voting_open",
                title=discord.utils.escape_markdown(contest.title),
                vote=when,
            ),
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return True

    async def finish(self, contest_id: int) -> bool:
        """End the voting and queue the results (drawn by :meth:`render_results` at delivery)."""
        contest = await repository.get(self.bot.db, contest_id)
        if contest is None:
            return False
        # authors are revealed, not pinged (the post allows no pings)
        post = OutboxPost(
            new_key(),
            contest.guild_id,
            "",
            channel_id=contest.channel_id,
            renderer=RESULTS,
            ref=str(contest.id),
        )
        if not await repository.end_with_results(self.bot.db, contest_id, post, self.bot.clock()):
            return False
        self.bot.outbox.kick()
        channel = self.bot.get_channel(contest.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return True
        entries = {e.id: e for e in await repository.entries(self.bot.db, contest_id)}
        for entry in entries.values():  # voting closed: no buttons any more
            if entry.message_id and not entry.removed_reason:
                try:
                    await channel.get_partial_message(entry.message_id).edit(view=None)
                except discord.HTTPException:
                    continue
        return True

    async def render_results(self, ref: str) -> dict[str, Any] | None:
        """The results post: every entry still in the contest, ranked by its votes."""
        contest = await repository.get(self.bot.db, int(ref))
        if contest is None:
            return None
        counts = await repository.vote_counts(self.bot.db, contest.id)
        entries = {e.id: e for e in await repository.entries(self.bot.db, contest.id)}
        lang = self._lang(contest.guild_id)
        embed = results_embed(self.bot.i18n.t, lang, contest.id, contest.title, counts, entries)
        return {"embed": embed}

    # --- members ----------------------------------------------------------------------------

    async def vote(
        self, interaction: discord.Interaction[Any], contest_id: int, entry_id: int
    ) -> None:
        guild = require_guild(interaction)
        contest = await repository.get(self.bot.db, contest_id)
        entry = await repository.get_entry(self.bot.db, entry_id)
        if contest is None or entry is None or entry.contest_id != contest.id:
            raise UserFacingError("error.foreign_id")
        require_same_guild(interaction, contest.guild_id)
        if contest.state != ContestState.VOTING or entry.removed_reason:
            raise UserFacingError("contest.not_voting")
        if entry.author_id == interaction.user.id:
            raise UserFacingError("contest.own_entry")
        member = interaction.user
        if contest.min_membership_age_s and isinstance(member, discord.Member):
            joined = member.joined_at
            if joined is None or self.bot.clock() - joined < timedelta(
                seconds=contest.min_membership_age_s
            ):
                raise UserFacingError(
                    "contest.too_new",
                    age=localized_duration(timedelta(seconds=contest.min_membership_age_s)),
                )
        # Acknowledged before the write (a burst of votes never misses Discord's deadline); the
        # member hears the result once it is stored.
        await interaction.response.defer(ephemeral=True, thinking=True)
        voter, now = interaction.user.id, self.bot.clock()
        outcome = await self.bot.writes.run(
            lambda tx: repository.toggle_vote_in(tx, contest, entry_id, voter, now)
        )
        if outcome == "limit":
            raise UserFacingError("contest.vote_limit", count=contest.votes_per_member)
        if outcome == "closed":
            raise UserFacingError("contest.not_voting")
        _ = guild
        await send_private(
            interaction,
            text(
                interaction,
                "contest.voted" if outcome == "added" else "contest.unvoted",
                entry=entry_id,
            ),
        )

    async def open_contest(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        creator_id: int,
        title: str,
        submit: timedelta,
        voting: timedelta,
        *,
        description: str | None = None,
        max_submissions: int = 1,
        votes_per_member: int = 1,
        anonymous: bool = True,
        min_membership_age: timedelta = timedelta(),
    ) -> Contest:
        """Create, post and arm a contest (from /contest create or a schedule)."""
        now = self.bot.clock()
        contest = await repository.create(
            self.bot.db,
            guild_id=guild.id,
            channel_id=channel.id,
            title=title,
            description=description,
            submissions_close_at=now + submit,
            voting_close_at=now + submit + voting,
            max_submissions=max_submissions,
            votes_per_member=votes_per_member,
            anonymous=anonymous,
            min_membership_age_s=int(min_membership_age.total_seconds()),
            created_by=creator_id,
            now=now,
        )
        lang = self._lang(guild.id)
        t = self.bot.i18n.t
        embed = discord.Embed(
            title=t(lang, "contest.title", title=discord.utils.escape_markdown(title)),
            description=discord.utils.escape_mentions(description or ""),
            colour=discord.Colour.gold(),
        )
        embed.add_field(
            name="\u200b",
            value=t(
                lang,
                "contest.phases",
                submit=format_dt(contest.submissions_close_at, "f"),
                vote=format_dt(contest.voting_close_at, "f"),
            ),
            inline=False,
        )
        embed.add_field(
            name="\u200b",
            value=t(
                lang,
                "contest.rules",
                submissions=t(lang, "contest.rules_entries", count=contest.max_submissions),
                votes=t(lang, "contest.rules_votes", count=contest.votes_per_member),
                anon=t(lang, "contest.anon") if contest.anonymous else "",
            ),
            inline=False,
        )
        embed.set_footer(text=f"#{contest.id}")
        await channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())
        self._arm(contest)
        return contest

    async def open_scheduled(
        self,
        guild: discord.Guild,
        channel: discord.TextChannel,
        creator_id: int,
        title: str,
        submit: timedelta,
        voting: timedelta,
    ) -> None:
        """A scheduled run: the contest, and a Discord event for its voting."""
        contest = await self.open_contest(guild, channel, creator_id, title, submit, voting)
        await self._discord_event(guild, channel, contest)

    async def _discord_event(
        self, guild: discord.Guild, channel: discord.TextChannel, contest: Contest
    ) -> None:
        """A Discord scheduled event for the voting, so members can mark interest and get reminded."""
        if not guild.me.guild_permissions.create_events:  # Manage Events alone no longer suffices
            log.info(
                "No Create Events permission in %s: contest %s gets no Discord event",
                guild.id,
                contest.id,
            )
            return
        lang = self._lang(guild.id)
        try:
            await guild.create_scheduled_event(
                name=self.bot.i18n.t(lang, "contest.title", title=contest.title)[:100],
                start_time=contest.submissions_close_at,
                end_time=contest.voting_close_at,
                entity_type=discord.EntityType.external,  # passed explicitly: discord.py 2.7 omits it otherwise
                privacy_level=discord.PrivacyLevel.guild_only,
                location=channel.jump_url[:100],
                description=(contest.description or "")[:1000],
                reason=f"Scheduled contest #{contest.id}",
            )
        except discord.HTTPException as exc:
            log.warning("Creating the Discord event for contest %s failed: %s", contest.id, exc)

    async def post_entry(
        self,
        contest: Contest,
        entry: Entry,
        author: str,
        text_: str | None,
        attachment: discord.Attachment | None,
    ) -> None:
        """The entry's post in the contest's channel (the author named unless anonymous)."""
        channel = self.bot.get_channel(contest.channel_id)
        if isinstance(channel, discord.TextChannel):
            lang = self._lang(contest.guild_id)
            t = self.bot.i18n.t
            title = (
                t(lang, "contest.entry", entry=entry.id)
                if contest.anonymous
                else t(lang, "contest.entry_by", entry=entry.id, author=author)
            )
            body = discord.utils.escape_mentions(text_ or "")
            if entry.title:  # on a line of its own above the text
                body = f"**{neutral(shorten(entry.title, 200))}**" + (f"\n{body}" if body else "")
            embed = discord.Embed(
                title=discord.utils.escape_markdown(title)[:256], description=body
            )
            files = []
            if attachment is not None:  # Discord's attachment links expire: keep a copy of our own
                data = await attachment.read()
                files.append(discord.File(io.BytesIO(data), filename=attachment.filename))
                if attachment.content_type and attachment.content_type.startswith("image/"):
                    embed.set_image(url=f"attachment://{attachment.filename}")
            message = await channel.send(
                embed=embed, files=files, allowed_mentions=discord.AllowedMentions.none()
            )
            await repository.set_entry_message(self.bot.db, entry.id, message.id)

    async def remove_entry(self, contest: Contest, found: Entry, reason: str) -> None:
        """Remove an entry: its post becomes the notice, and its author gets the notice by DM."""
        entry = found.id
        await repository.remove_entry(self.bot.db, entry, reason)
        channel = self.bot.get_channel(contest.channel_id)
        lang = self._lang(contest.guild_id)
        notice = self.bot.i18n.t(lang, "contest.removed", entry=entry, reason=reason)
        if isinstance(channel, discord.TextChannel) and found.message_id:
            try:
                await channel.get_partial_message(found.message_id).edit(
                    content=notice, embed=None, attachments=[], view=None
                )
            except discord.HTTPException as exc:
                log.info("Editing removed entry %s failed: %s", entry, exc)
        author = self.bot.get_user(found.author_id)
        if author is not None:
            await send_dm(author, notice)
