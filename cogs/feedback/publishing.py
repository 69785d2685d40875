"""Civil criticism from the inbox as a public suggestion, only with its author's consent.

The team offers it with one click; the author gets a DM showing exactly what would be posted,
with *Yes, post it* and *No, thanks* (from the DM no guild comes with the click: the item and its
guild come from the custom_id and the database). Nothing is public before they agree; then the
suggestions board posts it under their name like any suggestion (its own checks included).
Anonymous feedback is never offered: posting it would name its author or invite guessing.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol

import discord

from bot.core import Bot
from bot.errors import ForeignIdError, UserFacingError
from bot.i18n import Lang
from bot.outbox import Delivery
from bot.replies import quote, send_private, text
from bot.repository import OutboxPost
from bot.scopes import OWNER, running_cog
from bot.ui.buttons import ScopedButton
from cogs.feedback import publish_repository, repository
from cogs.feedback.inbox import offerable, refresh
from cogs.feedback.publish import proposal
from cogs.feedback.repository import Item

log = logging.getLogger(__name__)

VIEW = "feedback-publish"
DM_SENT = "feedback-publish-dm"


class SuggestionBoard(Protocol):
    async def publish(
        self, guild_id: int, author_id: int, title: str, body: str
    ) -> tuple[Any, str]: ...


class ConsentButton(ScopedButton, template=r"fbp:(?P<guild>\d+):(?P<item>\d+):(?P<choice>yes|no)"):
    """Only the item's author decides (the handler compares the item's author)."""

    doc = "Yes, post it / No, thanks (criticism as a public suggestion, in the member's DM)"
    access = OWNER

    def __init__(self, guild_id: int, item_id: int, choice: str, label: str = "") -> None:
        style = discord.ButtonStyle.success if choice == "yes" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label or choice, style=style, custom_id=f"fbp:{guild_id}:{item_id}:{choice}"
            )
        )
        self.guild_id, self.item_id, self.choice = guild_id, item_id, choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ConsentButton:
        return cls(int(match["guild"]), int(match["item"]), match["choice"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        publishing: Publishing = running_cog(interaction, "FeedbackCog").publishing
        await publishing.decide(interaction, self.guild_id, self.item_id, self.choice)


def consent_buttons(
    guild_id: int, item_id: int, yes: str, no: str, row: int | None = None
) -> list[ConsentButton]:
    buttons = [
        ConsentButton(guild_id, item_id, "yes", yes),
        ConsentButton(guild_id, item_id, "no", no),
    ]
    for button in buttons:
        button.item.row = row
    return buttons


class Publishing:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def load(self) -> None:
        self.bot.outbox.register_view(VIEW, self._view)
        self.bot.outbox.register_on_sent(DM_SENT, self._dm_sent)

    def t(self, lang: Lang, key: str, /, **params: object) -> str:
        return self.bot.i18n.t(lang, key, **params)

    def _board(self) -> SuggestionBoard | None:
        """The suggestions board, if that feature runs (no feature imports another)."""
        board: SuggestionBoard | None = getattr(self.bot.get_cog("SuggestionsCog"), "service", None)
        return board

    def _view(self, arg: str, language: str) -> discord.ui.View:
        lang: Lang = "de" if language == "de" else "en"
        guild_id, item_id = (int(part) for part in arg.split(":"))
        view = discord.ui.View(timeout=None)
        for button in consent_buttons(
            guild_id, item_id, self.t(lang, "publish.agree"), self.t(lang, "publish.refuse")
        ):
            view.add_item(button)
        return view

    async def _dm_sent(self, ref: str, message: discord.Message | None, why: str | None) -> None:
        if message is None:  # DMs closed: the question waits in /feedback-status
            await publish_repository.move(
                self.bot.db, int(ref), "unreachable", ("asked",), self.bot.clock()
            )

    async def _note(self, item: Item, key: str, **params: object) -> None:
        """The decision shows on the item in the inbox."""
        updated = await repository.get_item(self.bot.db, item.guild_id, item.id) or item
        lang = self.bot.guild_settings.locale(item.guild_id)
        await refresh(self.bot, updated, self.t(lang, key, **params))

    # --- the team offers --------------------------------------------------------------------

    async def offer(self, interaction: discord.Interaction[Any], item: Item) -> None:
        if item.anonymous:
            raise UserFacingError("publish.anonymous")
        if not offerable(item):
            raise UserFacingError("publish.not_offerable")
        if (
            self.bot.guild_settings.channel(item.guild_id, "suggestions") is None
            or self._board() is None
        ):
            raise UserFacingError("publish.no_board")
        existing = await publish_repository.get(self.bot.db, item.id)
        if existing is not None and existing.state != "unreachable":
            raise UserFacingError(f"publish.state_{existing.state}")
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert item.author_id is not None
        title, body = proposal(item.content)
        lang = self.bot.guild_settings.locale(item.guild_id)
        guild = self.bot.get_guild(item.guild_id)
        shown = f"{title}\n\n{body}" if body else title
        dm = self.t(
            lang,
            "publish.ask_dm",
            server=discord.utils.escape_markdown(guild.name) if guild else "?",
            kind=self.t(lang, f"inbox.your.{item.kind}"),
            text=quote(shown, 1600),
        )
        now = self.bot.clock()
        key = f"fbp{item.id:x}-{int(now.timestamp())}"
        author_id = item.author_id

        def posts() -> list[OutboxPost]:
            return [
                OutboxPost(
                    key=key,
                    guild_id=item.guild_id,
                    content=dm,
                    user_id=author_id,
                    view_kind=VIEW,
                    view_arg=f"{item.guild_id}:{item.id}",
                    on_sent=DM_SENT,
                    ref=str(item.id),
                )
            ]

        if not await publish_repository.ask(
            self.bot.db, item.guild_id, item.id, title, body, interaction.user.id, now, posts
        ):
            raise UserFacingError("publish.state_asked")  # another team member, a moment ago
        outcome = (await self.bot.outbox.deliver([key])).get(key)
        said = {Delivery.SENT: "publish.asked", Delivery.FAILED: "publish.unreachable"}.get(
            outcome or Delivery.LATER, "publish.asked_later"
        )
        await self._note(item, "publish.status_asked", moderator=interaction.user.mention)
        await send_private(interaction, text(interaction, said))

    # --- the author decides -----------------------------------------------------------------

    async def _still_member(self, guild_id: int, user_id: int) -> bool:
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            return False
        if guild.get_member(user_id) is not None:
            return True
        try:
            await guild.fetch_member(user_id)
        except discord.NotFound:
            return False
        return True

    async def decide(
        self, interaction: discord.Interaction[Any], guild_id: int, item_id: int, choice: str
    ) -> None:
        db = self.bot.db
        item = await repository.get_item(db, guild_id, item_id)
        offer = await publish_repository.get(db, item_id)
        if item is None or offer is None or item.author_id != interaction.user.id:
            raise ForeignIdError()
        asked = ("asked", "unreachable")
        if offer.state not in asked:
            raise UserFacingError("publish.already_decided")
        if choice == "no":
            if not await publish_repository.move(db, item_id, "declined", asked, self.bot.clock()):
                raise UserFacingError("publish.already_decided")
            await send_private(interaction, text(interaction, "publish.declined_member"))
            await self._note(item, "publish.status_declined")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not await self._still_member(guild_id, interaction.user.id):
            # left or banned since the question: nothing is posted under their name
            raise UserFacingError("publish.not_member")
        # taken once: a double click posts one suggestion
        if not await publish_repository.move(db, item_id, "agreed", asked, self.bot.clock()):
            raise UserFacingError("publish.already_decided")
        board = self._board()
        try:
            if board is None:
                raise UserFacingError("publish.no_board_member")
            suggestion, link = await board.publish(
                guild_id, interaction.user.id, offer.title, offer.body
            )
        except Exception:
            # not posted (no board, a server rule, Discord refused): the question stays open
            await publish_repository.move(db, item_id, "asked", ("agreed",), self.bot.clock())
            raise
        await publish_repository.posted(db, item_id, int(suggestion.id))
        await send_private(
            interaction,
            text(interaction, "publish.posted_member", number=suggestion.number, link=link),
        )
        await self._note(item, "publish.status_posted", number=suggestion.number, link=link)
