"""The inbox message and its buttons: acknowledge, reply, resolve, escalate (moderators only,
checked at click time; persistent across restarts)."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import discord

from bot.contentcheck.service import refusing
from bot.core import Bot
from bot.dm import send_dm
from bot.errors import ForeignIdError, UserFacingError
from bot.moderation.rulenames import rule_label
from bot.replies import client_of, quote, report_error, send_private, text
from bot.scopes import SERVER_MODERATOR, running_cog
from bot.ui.buttons import ScopedButton, ScopedModal
from cogs.feedback import relay, repository
from cogs.feedback.repository import InboxSettings, Item, ItemStatus
from cogs.feedback.topic import group_view

log = logging.getLogger(__name__)

ACTIONS = ("ack", "reply", "resolve", "escalate", "publish", "split")
STATUS_OF = {
    "ack": ItemStatus.ACKNOWLEDGED,
    "resolve": ItemStatus.RESOLVED,
    "escalate": ItemStatus.ESCALATED,
    "reply": ItemStatus.REPLIED,
}
COLOURS = {
    ItemStatus.OPEN: discord.Colour.blurple(),
    ItemStatus.ACKNOWLEDGED: discord.Colour.gold(),
    ItemStatus.REPLIED: discord.Colour.green(),
    ItemStatus.RESOLVED: discord.Colour.dark_grey(),
    ItemStatus.ESCALATED: discord.Colour.red(),
}


def offerable(item: Item) -> bool:
    """Whether the team may offer the item as a public suggestion (its author decides): criticism
    and feedback with a known author; never anonymous feedback."""
    return item.kind in ("criticism", "feedback") and not item.anonymous and bool(item.author_id)


def settings_of(bot: Bot, guild_id: int) -> InboxSettings:
    cog = bot.get_cog("FeedbackCog")
    return getattr(cog, "settings", {}).get(guild_id, InboxSettings())


def hidden(bot: Bot, item: Item) -> bool:
    """Whether the team must not learn who wrote the item (anonymous, and the server does not
    show anonymous authors)."""
    return item.anonymous and not settings_of(bot, item.guild_id).show_authors


def inbox_channel(bot: Bot, item: Item) -> discord.TextChannel | None:
    kind = "feedback"
    if (
        item.kind == "report"
        and item.reason != "criticism"
        and bot.guild_settings.channel(item.guild_id, "modlog")
    ):
        kind = "modlog"
    channel_id = bot.guild_settings.channel(item.guild_id, kind)
    channel = bot.get_channel(channel_id) if channel_id else None
    return channel if isinstance(channel, discord.TextChannel) else None


def render(
    bot: Bot,
    item: Item,
    reporters: int = 0,
    status_note: str | None = None,
    group: tuple[int, list[str]] | None = None,
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The item's message; ``group``: how many members wrote about its topic and a few quotes."""
    lang = bot.guild_settings.locale(item.guild_id)
    t = bot.i18n.t
    title = t(lang, "inbox.title", kind=t(lang, f"inbox.kind.{item.kind}"), id=item.id)
    if group is not None:
        title += " · " + t(lang, "inbox.group_count", count=group[0])
    embed = discord.Embed(
        title=title,
        description=quote(item.content, 1000),
        colour=COLOURS.get(item.status, discord.Colour.blurple()),
        timestamp=item.created_at,
    )
    unnamed = hidden(bot, item)
    author = (
        t(lang, "inbox.anonymous") if unnamed or item.author_id is None else f"<@{item.author_id}>"
    )
    if item.anonymous and not unnamed:
        author += f" ({t(lang, 'inbox.anonymous')})"
    embed.add_field(name=t(lang, "inbox.author"), value=author)
    if item.channel_id and item.message_id:
        embed.add_field(
            name=t(lang, "inbox.jump"),
            value=f"https://discord.com/channels/{item.guild_id}/{item.channel_id}/{item.message_id}",
        )
    if item.reason:
        label = (
            t(lang, f"report.reason.{item.reason}")
            if bot.i18n.has(f"report.reason.{item.reason}")
            else item.reason
        )
        embed.add_field(name=t(lang, "inbox.reason"), value=label)
    if reporters:
        embed.add_field(name="\u200b", value=t(lang, "inbox.reporters", count=reporters))
    if group is not None and group[1]:
        quotes = "\n".join(quote(q, 200) for q in group[1])
        embed.add_field(name=t(lang, "inbox.group_quotes"), value=quotes[:1024], inline=False)
    embed.add_field(
        name=t(lang, "inbox.status"),
        value=status_note or t(lang, "inbox.status.open"),
        inline=False,
    )
    if item.status == ItemStatus.RESOLVED:
        return embed, None
    view = discord.ui.View(timeout=None)
    for action in ACTIONS:
        if action == "reply" and item.kind == "report":
            continue  # a report's author is the reported member: reporters hear the outcome instead
        if action == "publish" and not offerable(item):
            continue  # only criticism and feedback with a known author, with their consent
        if action == "split" and group is None:
            continue  # a single voice has nothing to split
        view.add_item(InboxButton(item.guild_id, item.id, action, t(lang, f"inbox.{action}")))
    return embed, view


async def post(bot: Bot, item: Item, reporters: int = 0, *, alone: bool = False) -> bool:
    """Post the item to the team, or add it to the group of an open item about the same topic
    (unless ``alone``: split out of a group); False if it could not be delivered."""
    channel = inbox_channel(bot, item)
    if channel is None:
        return False
    grouping = getattr(bot.get_cog("FeedbackCog"), "grouping", None)
    if not alone and grouping is not None and await grouping.place(item):
        return True
    embed, view = render(bot, item, reporters)
    try:
        kwargs: dict[str, Any] = {
            "embed": embed,
            "allowed_mentions": discord.AllowedMentions.none(),
        }
        if view is not None:
            kwargs["view"] = view
        message = await channel.send(**kwargs)
    except discord.HTTPException as exc:
        log.warning("Could not post inbox item %s: %s", item.id, exc)
        return False
    await repository.set_inbox_message(bot.db, item.id, message.id)
    return True


async def refresh(bot: Bot, item: Item, status_note: str | None = None) -> None:
    """Update the inbox message (reporter count, status; no buttons once resolved)."""
    channel = inbox_channel(bot, item)
    if channel is None or item.inbox_message_id is None:
        return
    reporters = len(await repository.reporters(bot.db, item.id)) if item.kind == "report" else 0
    group = None
    if item.kind in ("criticism", "feedback"):
        members = await repository.group_members(bot.db, item.id)
        if members:
            # an author the team must not know counts as one of their own per item (a group
            # formed while the server showed anonymous authors): the count ties no one together
            group = group_view(
                (None if hidden(bot, item) else item.author_id, item.content),
                [(m.id, None if hidden(bot, m) else m.author_id, m.content) for m in members],
            )
    if status_note is None and item.status != ItemStatus.OPEN:
        status_note = await _shown_status(bot, channel, item.inbox_message_id)
    embed, view = render(bot, item, reporters, status_note, group)
    try:
        await channel.get_partial_message(item.inbox_message_id).edit(embed=embed, view=view)
    except discord.HTTPException as exc:
        log.warning("Could not update inbox item %s: %s", item.id, exc)


async def _shown_status(bot: Bot, channel: discord.TextChannel, message_id: int) -> str | None:
    """The status the item's message shows now (who answered it), kept when only its group
    changes."""
    try:
        message = await channel.fetch_message(message_id)
    except discord.HTTPException:
        return None
    name = bot.i18n.t(bot.guild_settings.locale(channel.guild.id), "inbox.status")
    for embed in message.embeds[:1]:
        for field in embed.fields:
            if field.name == name:
                return field.value
    return None


class InboxButton(
    ScopedButton,
    template=r"inbox:(?P<guild>\d+):(?P<item>\d+):(?P<action>ack|reply|resolve|escalate|publish|split)",
):
    doc = "Acknowledge / Reply / Resolve / Escalate / Offer as suggestion / Split (feedback inbox)"
    access = SERVER_MODERATOR  # the inbox reaches beyond one channel

    def __init__(self, guild_id: int, item_id: int, action: str, label: str = "") -> None:
        style = (
            discord.ButtonStyle.success if action == "resolve" else discord.ButtonStyle.secondary
        )
        super().__init__(
            discord.ui.Button(
                label=label or action, style=style, custom_id=f"inbox:{guild_id}:{item_id}:{action}"
            )
        )
        self.guild_id, self.item_id, self.action = guild_id, item_id, action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> InboxButton:
        return cls(int(match["guild"]), int(match["item"]), match["action"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        await self._handle(interaction)

    async def _handle(self, interaction: discord.Interaction[Any]) -> None:
        bot = client_of(interaction)
        item = await repository.get_item(bot.db, self.guild_id, self.item_id)
        if item is None:
            raise ForeignIdError()
        if item.status == ItemStatus.RESOLVED:
            raise UserFacingError("inbox.already_resolved")
        if self.action == "reply":
            if item.author_id is None or item.kind == "report":
                raise UserFacingError("inbox.no_author")
            await interaction.response.send_modal(ReplyModal(interaction, item))
            return
        if self.action == "publish":
            await running_cog(interaction, "FeedbackCog").publishing.offer(interaction, item)
            return
        if self.action == "split":
            await running_cog(interaction, "FeedbackCog").grouping.offer_split(interaction, item)
            return
        await interaction.response.defer(ephemeral=True)
        status = STATUS_OF[self.action]
        if not await repository.set_status(bot.db, item, status, bot.clock()):
            await send_private(interaction, text(interaction, "inbox.already_resolved"))
            return  # another moderator resolved it a moment ago: notify nobody twice
        cog: Any = bot.get_cog("FeedbackCog")
        if status == ItemStatus.RESOLVED and cog is not None:
            await cog.talk.team_close(item, interaction.user.mention)  # a resolved item's talk ends
            await cog.grouping.resolve_members(item)  # and its group with it
        updated = await repository.get_item(bot.db, self.guild_id, self.item_id) or item
        lang = bot.guild_settings.locale(self.guild_id)
        await refresh(
            bot,
            updated,
            bot.i18n.t(lang, f"inbox.status.{status}", moderator=interaction.user.mention),
        )
        if status == ItemStatus.RESOLVED and item.kind == "report":
            guild = interaction.guild
            for reporter_id, _reason, _note in await repository.reporters(bot.db, item.id):
                user = bot.get_user(reporter_id)
                if user is not None:
                    await send_dm(
                        user,
                        bot.i18n.t(lang, "report.outcome", server=guild.name if guild else "?"),
                    )
        if status == ItemStatus.ESCALATED:
            from bot.moderation.cases.posting import post_note

            await post_note(
                bot,
                self.guild_id,
                "inbox.escalated_note",
                moderator=interaction.user.mention,
                id=item.id,
            )


class ReplyModal(ScopedModal):
    access = SERVER_MODERATOR

    def __init__(self, interaction: discord.Interaction[Any], item: Item) -> None:
        super().__init__(
            title=text(interaction, "inbox.reply_title")[:45],
            custom_id=f"inbox-reply:{item.guild_id}:{item.id}",
            timeout=900,
        )
        self.item, self.guild_id = item, item.guild_id
        self.answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "inbox.reply_label")[:45],
            style=discord.TextStyle.paragraph,
            max_length=1500,
        )
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        bot = client_of(interaction)
        item = self.item
        lang = bot.guild_settings.locale(item.guild_id)
        answer = self.answer.value.strip()
        moderator = interaction.user.mention
        # the same checks as a message in a conversation's thread (the form gives the text back)
        refused = refusing(await bot.content_check.check_text(item.guild_id, answer))
        if refused:
            raise UserFacingError("inbox.reply_refused", rule=rule_label(bot.i18n, refused[0].rule))
        retry = bot.cooldowns.take(relay.TEAM_MESSAGES, item.guild_id, interaction.user.id)
        if retry is not None:
            when = bot.clock() + timedelta(seconds=retry + 1)
            raise UserFacingError("inbox.reply_slow", retry=discord.utils.format_dt(when, "R"))
        if (
            settings_of(bot, item.guild_id).reply_mode == "thread"
            and item.channel_id
            and item.message_id
            and await self._in_public_thread(bot, item, answer)
        ):
            await repository.set_status(bot.db, item, ItemStatus.REPLIED, bot.clock())
            updated = await repository.get_item(bot.db, item.guild_id, item.id) or item
            await refresh(
                bot, updated, bot.i18n.t(lang, "inbox.status.replied", moderator=moderator)
            )
            how = text(interaction, "inbox.reply_how.thread")
            await send_private(interaction, text(interaction, "inbox.reply_sent", how=how))
            return
        cog = running_cog(interaction, "FeedbackCog")
        if await cog.grouping.members(item):
            await cog.grouping.answer_all(interaction, item, answer)  # one voice, one answer
            return
        # Otherwise the answer opens (or continues) a conversation: a private thread for the
        # team, the member answers from their DMs.
        await interaction.response.defer(ephemeral=True, thinking=True)
        talk = cog.talk
        reply, thread = await talk.start(interaction, item, answer)
        await repository.set_status(bot.db, item, ItemStatus.REPLIED, bot.clock())
        updated = await repository.get_item(bot.db, item.guild_id, item.id) or item
        note = bot.i18n.t(lang, "inbox.status.replied", moderator=moderator)
        await refresh(bot, updated, note + "\n" + bot.i18n.t(lang, "talk.in_thread", thread=thread))
        if reply == "sent":
            how = text(interaction, "inbox.reply_how.dm")
            said = text(interaction, "inbox.reply_sent", how=how)
            said += " " + text(interaction, "talk.continue_in", thread=thread)
        else:
            said = text(interaction, reply, thread=thread)
        await send_private(interaction, said)

    @staticmethod
    async def _in_public_thread(bot: Bot, item: Item, answer: str) -> bool:
        """The server answers criticism from chat in a public thread on the member's message."""
        assert item.channel_id is not None and item.message_id is not None
        channel = bot.get_channel(item.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return False
        kind = bot.i18n.t(bot.guild_settings.locale(item.guild_id), f"inbox.your.{item.kind}")
        try:
            thread = await channel.get_partial_message(item.message_id).create_thread(
                name=kind[:90]
            )
            await thread.send(answer, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.info("Answering item %s in a thread failed: %s", item.id, exc)
            return False
        return True

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception) -> None:  # type: ignore[override]
        if isinstance(error, UserFacingError):  # refused, or no thread: the text comes back
            await report_error(interaction, error, kept=self.answer.value)
            return
        await report_error(interaction, error)
        try:
            await send_private(
                interaction,
                text(interaction, "inbox.reply_failed", text=quote(self.answer.value, 1500)),
            )
        except discord.HTTPException:
            log.info("Could not show an answer back to %s", interaction.user.id)
