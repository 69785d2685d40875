"""One voice per topic: criticism about the same topic as an open inbox item (the same channel,
within a window) joins that item's group instead of becoming an item of its own. The item shows
how many members wrote and a few of their words; the team answers the whole group at once (each
member by DM, through the outbox; nobody's name reaches the team) and can split an item that is
about something else out of the group, where it becomes an item of its own."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.core import Bot
from bot.debounce import Debouncer
from bot.errors import UserFacingError
from bot.outbox import Delivery
from bot.replies import quote, send_private, text
from bot.repository import OutboxPost, add_posts
from bot.scopes import SERVER_MODERATOR, enforce
from cogs.feedback import repository, topic
from cogs.feedback.inbox import hidden, post, refresh
from cogs.feedback.repository import Item, ItemStatus

log = logging.getLogger(__name__)

GROUPED = ("criticism", "feedback")
EDIT_DELAY = 2.0  # a burst of the same criticism edits its item once per 2 s at most


class SplitView(discord.ui.View):
    """The team member picks the item that does not belong (a private, short-lived choice)."""

    def __init__(
        self,
        grouping: Grouping,
        interaction: discord.Interaction[Any],
        leader: Item,
        members: list[Item],
    ) -> None:
        super().__init__(timeout=300)
        self.grouping, self.leader, self.user_id = grouping, leader, interaction.user.id
        select: discord.ui.Select[Any] = discord.ui.Select(
            placeholder=text(interaction, "group.split_pick")[:150],
            options=[
                discord.SelectOption(
                    label=f"#{m.id}: {' '.join(m.content.split())}"[:100], value=str(m.id)
                )
                for m in members[-25:]
            ],
        )
        select.callback = self._picked  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.user_id

    async def _picked(self, interaction: discord.Interaction[Any]) -> None:
        self.stop()
        enforce(interaction, SERVER_MODERATOR, guild_id=self.leader.guild_id)
        await self.grouping.split(interaction, self.leader, int(self.select.values[0]))


class Grouping:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._edits = Debouncer(EDIT_DELAY)

    async def aclose(self) -> None:
        await self._edits.aclose()

    async def place(self, item: Item) -> bool:
        """Put new criticism into the group of an open item about the same topic; True if it
        joined one (then it gets no inbox message of its own). An item whose author the team
        must not know stays alone, and no item joins it: a group's count of members and its
        quotes would tie the anonymous words to the named ones."""
        if item.kind not in GROUPED or hidden(self.bot, item):
            return False
        candidates = await repository.group_candidates(
            self.bot.db,
            item.guild_id,
            item.kind,
            item.channel_id,
            item.created_at - topic.WINDOW,
            item.id,
        )
        for leader, texts in candidates:
            if hidden(self.bot, leader):
                continue
            if topic.same_topic(item.content, [leader.content, *texts]):
                await repository.join_group(self.bot.db, item.id, leader.id)
                self._edits.schedule(leader.id, self._shower(leader.guild_id, leader.id))
                return True
        return False

    def _shower(self, guild_id: int, leader_id: int) -> Callable[[], Awaitable[None]]:
        return lambda: self.show(guild_id, leader_id)

    async def show(self, guild_id: int, leader_id: int) -> None:
        leader = await repository.get_item(self.bot.db, guild_id, leader_id)
        if leader is not None:
            await refresh(self.bot, leader)

    async def show_recent(self) -> None:
        """After a start: a count that was waiting for its edit when the bot stopped is shown."""
        since = self.bot.clock() - topic.WINDOW
        for leader in await repository.recent_leaders(self.bot.db, since):
            self._edits.schedule(leader.id, self._shower(leader.guild_id, leader.id))

    async def members(self, leader: Item) -> list[Item]:
        return (
            await repository.group_members(self.bot.db, leader.id) if leader.kind in GROUPED else []
        )

    # --- the team answers the group ---------------------------------------------------------

    async def answer_all(
        self, interaction: discord.Interaction[Any], leader: Item, answer: str
    ) -> None:
        """Each member of the group gets the answer by DM with their own words (exactly once,
        also across a restart); the team learns how many were reached, never who."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        everyone = [leader, *await self.members(leader)]
        guild = self.bot.get_guild(leader.guild_id)
        lang = self.bot.guild_settings.locale(leader.guild_id)
        server = discord.utils.escape_markdown(guild.name) if guild else "?"
        now = self.bot.clock()
        posts = []
        for item in everyone:
            if item.author_id is None:
                continue
            dm = self.bot.i18n.t(
                lang,
                "group.answer_dm",
                server=server,
                kind=self.bot.i18n.t(lang, f"inbox.your.{item.kind}"),
                answer=answer,
                wrote=quote(item.content, 300),
            )
            key = f"fbg{item.id:x}-{int(now.timestamp())}"
            posts.append(
                OutboxPost(key=key, guild_id=item.guild_id, content=dm, user_id=item.author_id)
            )
        async with self.bot.db.transaction() as tx:
            await add_posts(tx, posts, now, skip_existing=True)
        outcomes = await self.bot.outbox.deliver([p.key for p in posts])
        reached = sum(1 for o in outcomes.values() if o is Delivery.SENT)
        for item in everyone:
            await repository.set_status(self.bot.db, item, ItemStatus.REPLIED, now)
        updated = await repository.get_item(self.bot.db, leader.guild_id, leader.id) or leader
        await refresh(
            self.bot,
            updated,
            self.bot.i18n.t(lang, "inbox.status.replied", moderator=interaction.user.mention),
        )
        # (a group holds no anonymous item; should one be there, nobody's DMs are told)
        said = (
            text(interaction, "group.answered_queued", count=len(posts))
            if any(hidden(self.bot, item) for item in everyone)
            else text(interaction, "group.answered", count=len(posts), reached=reached)
        )
        await send_private(interaction, said)

    async def resolve_members(self, leader: Item) -> None:
        for item in await self.members(leader):
            await repository.set_status(self.bot.db, item, ItemStatus.RESOLVED, self.bot.clock())

    # --- splitting --------------------------------------------------------------------------

    async def offer_split(self, interaction: discord.Interaction[Any], leader: Item) -> None:
        members = await self.members(leader)
        if not members:
            raise UserFacingError("group.nothing_to_split")
        await send_private(
            interaction,
            text(interaction, "group.split_pick"),
            view=SplitView(self, interaction, leader, members),
        )

    async def split(
        self, interaction: discord.Interaction[Any], leader: Item, item_id: int
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not await repository.split(self.bot.db, item_id, leader.id):
            raise UserFacingError("group.split_gone")
        item = await repository.get_item(self.bot.db, leader.guild_id, item_id)
        if item is None or not await post(self.bot, item, alone=True):
            raise UserFacingError("group.split_not_posted", id=item_id)
        await self.show(leader.guild_id, leader.id)
        await send_private(interaction, text(interaction, "group.split_done", id=item_id))
