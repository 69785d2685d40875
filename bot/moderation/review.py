"""The review queue: a flag (the offensive-language model's guess, a rule set to flag, a ladder
step of flags) is a question to the moderators, not a verdict. It is posted in the moderation
log with the member's own words, a jump link and the rule's judgement in words, and buttons:
**Delete**, **Warn**, **Timeout…**, **No violation**. It stays open until someone decides.

A decision is claimed in the database first (a conditional update: when two moderators decide
at once, exactly one wins and the other is told who decided), then carried out through the
moderation pipeline (case, points, notice), and the log post is redrawn for everyone. A decision
Discord refuses reopens the item. "No violation" records the false positive and, where a word
rule fired, offers the word for the allow-list.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord.utils import format_dt

from bot.durations import parse_duration
from bot.errors import ForeignIdError, UserFacingError
from bot.i18n import number
from bot.moderation import outcomes
from bot.moderation.appeals import false_positive_view
from bot.moderation.cases import repository
from bot.moderation.cases.posting import case_embed
from bot.moderation.cases.repository import Case, ReviewItem
from bot.moderation.cases.strikes import MAX_TIMEOUT
from bot.moderation.notices import parse_ref
from bot.moderation.orders import Order
from bot.moderation.rulenames import rule_name
from bot.replies import client_of, lang_for, quote, send_private, text
from bot.scopes import SERVER_MODERATOR, Access, Scope
from bot.ui.buttons import ScopedButton, ScopedModal

if TYPE_CHECKING:
    from bot.core import Bot
    from bot.i18n import Lang

log = logging.getLogger(__name__)

QUOTE_DAYS = 30  # the quoted message is erased this many days after the decision
DECISION_ACTION = {"delete": "delete", "warn": "warn", "timeout": "timeout"}
_MODERATE = Access(Scope.SERVER_MODERATOR, "moderate_members")


def judgement(bot: Bot, lang: Lang, case: Case) -> str | None:
    """The rule's judgement in words ("sounds clearly offensive"), not a bare number."""
    score = case.evidence.get("score")
    if score is None:
        return None
    level = "clear" if score >= 0.9 else "likely" if score >= 0.75 else "possible"
    return bot.i18n.t(lang, f"review.judgement.{level}", score=number(float(score), lang, 2))


def jump_url(case: Case) -> str | None:
    if not (case.channel_id and case.message_id):
        return None
    return f"https://discord.com/channels/{case.guild_id}/{case.channel_id}/{case.message_id}"


def render(bot: Bot, case: Case, item: ReviewItem, active: int | None) -> dict[str, Any]:
    """The review item's log post: the case, the member's words, and the decision or buttons."""
    lang = bot.guild_settings.locale(case.guild_id)
    t = bot.i18n.t
    embed = case_embed(bot, case, lang, active)
    if item.quote:
        embed.add_field(name=t(lang, "review.words"), value=quote(item.quote, 1000), inline=False)
    words = judgement(bot, lang, case)
    if words:
        embed.add_field(name=t(lang, "review.judgement"), value=words, inline=False)
    link = jump_url(case)
    if link:
        embed.add_field(
            name=t(lang, "review.jump"), value=f"[{t(lang, 'review.jump_label')}]({link})"
        )
    if item.open:
        embed.add_field(
            name=t(lang, "review.state"),
            value=t(lang, "review.open_since", when=format_dt(item.opened_at, "R")),
            inline=False,
        )
        return {"embed": embed, "view": decision_view(bot, case)}
    embed.add_field(name=t(lang, "review.state"), value=decided_line(bot, lang, item), inline=False)
    return {"embed": embed, "view": None}


def decided_line(bot: Bot, lang: Lang, item: ReviewItem) -> str:
    t = bot.i18n.t
    return t(
        lang,
        "review.decided",
        decision=t(lang, f"review.decision.{item.decision}"),
        moderator=f"<@{item.decided_by}>",
        when=format_dt(item.decided_at, "R") if item.decided_at else "",
        case=f" (#{item.result_case})" if item.result_case else "",
    )


def decision_view(bot: Bot, case: Case) -> discord.ui.View:
    lang = bot.guild_settings.locale(case.guild_id)
    view = discord.ui.View(timeout=None)
    for decision in ("delete", "warn", "timeout", "clear"):
        if decision == "delete" and not (case.channel_id and case.message_id):
            continue
        label = bot.i18n.t(lang, f"review.button.{decision}")
        view.add_item(ReviewButton(case.guild_id, case.number, decision, label))
    return view


async def drawn(bot: Bot, case: Case) -> dict[str, Any] | None:
    item = await repository.get_review(bot.db, case.guild_id, case.number)
    if item is None:
        return None
    active = await bot.cases.active_points(case.guild_id, case.user_id)
    return render(bot, case, item, active)


async def refresh(bot: Bot, case: Case) -> None:
    """Redraw the item's log post (the decision shown, the buttons gone) for everyone."""
    fresh = await bot.cases.get(case.guild_id, case.number) or case
    channel_id = bot.guild_settings.channel(case.guild_id, "modlog")
    channel = bot.get_channel(channel_id) if channel_id else None
    if not fresh.log_message_id or not isinstance(channel, discord.abc.Messageable):
        return
    kwargs = await drawn(bot, fresh)
    if kwargs is None:
        return
    try:
        await channel.get_partial_message(fresh.log_message_id).edit(**kwargs)
    except discord.HTTPException as exc:
        log.warning("Review item %s/%s not redrawn: %s", case.guild_id, case.number, exc)


async def decide(
    interaction: discord.Interaction[Any],
    guild_id: int,
    number: int,
    decision: str,
    duration: timedelta | None = None,
) -> None:
    """Claim the item, carry the decision out through the pipeline, redraw the post."""
    bot = client_of(interaction)
    case = await bot.cases.get(guild_id, number)
    item = await repository.get_review(bot.db, guild_id, number)
    guild = bot.get_guild(guild_id)
    if case is None or item is None or guild is None:
        raise ForeignIdError()
    if case.user_id == interaction.user.id:
        raise UserFacingError("review.own_case")
    if not item.open:
        await _already(interaction, item)
        return
    lang = bot.guild_settings.locale(guild_id)
    order = None
    member = None
    action = DECISION_ACTION.get(decision)
    if action is not None:
        channel = guild.get_channel_or_thread(case.channel_id or 0)
        order = Order(
            guild_id,
            case.user_id,
            action,
            bot.i18n.t(
                lang,
                "review.reason",
                number=number,
                rule=rule_name(bot.i18n, lang, case.rule) if case.rule else "-",
            ),
            moderator_id=interaction.user.id,
            points=1 if action == "warn" else 0,
            duration=duration,
            channel_id=case.channel_id,
            message_id=case.message_id,
            deletable=channel is not None and channel.permissions_for(guild.me).manage_messages,
        )
        if action != "delete":
            member = await bot.moderation.member(guild, case.user_id)
        refusal = bot.moderation.check(guild, member, order)
        if refusal is not None:  # checked before the item is claimed: it stays open
            raise UserFacingError(
                "review.refused", reason=outcomes.reason_only(bot.i18n, lang, refusal.outcome)
            )
    if not await repository.claim_review(
        bot.db, guild_id, number, decision, interaction.user.id, bot.clock()
    ):
        fresh = await repository.get_review(bot.db, guild_id, number)
        await _already(interaction, fresh or item)
        return
    if order is not None:
        outcome = await bot.moderation.run(order, member)
        if not outcome.applied or outcome.case is None:
            await repository.reopen_review(bot.db, guild_id, number, interaction.user.id)
            raise UserFacingError(
                "review.not_done", reason=outcomes.reason_only(bot.i18n, lang, outcome.code)
            )
        await repository.set_review_result(bot.db, guild_id, number, outcome.case.number)
    await refresh(bot, case)
    view = false_positive_view(bot, case) if decision == "clear" else None
    key = "review.cleared" if decision == "clear" else "review.done"
    reply = text(interaction, key, number=number)
    if view is not None:
        await send_private(interaction, reply, view=view)
    else:
        await send_private(interaction, reply)


async def _already(interaction: discord.Interaction[Any], item: ReviewItem) -> None:
    bot = client_of(interaction)
    await send_private(
        interaction,
        text(interaction, "review.already", line=decided_line(bot, lang_for(interaction), item)),
    )


class ReviewButton(
    ScopedButton,
    template=r"review:(?P<guild>\d+):(?P<case>\d+):(?P<decision>delete|warn|timeout|clear)",
):
    """A decision on a review item in the moderation log: moderators of the whole server, with
    the permission the decision needs (a permission granted in one channel is not enough)."""

    doc = "Delete / Warn / Timeout… / No violation (review item in the moderation log)"

    actions = {  # noqa: RUF012 (a class-level table, never mutated)
        "delete": Access(Scope.SERVER_MODERATOR, "manage_messages"),
        "warn": _MODERATE,
        "timeout": _MODERATE,
        "clear": SERVER_MODERATOR,
    }

    def __init__(self, guild_id: int, case_number: int, decision: str, label: str = "") -> None:
        style = {
            "delete": discord.ButtonStyle.danger,
            "clear": discord.ButtonStyle.success,
        }.get(decision, discord.ButtonStyle.secondary)
        super().__init__(
            discord.ui.Button(
                label=(label or decision)[:80],
                style=style,
                custom_id=f"review:{guild_id}:{case_number}:{decision}",
            )
        )
        self.guild_id, self.case_number, self.action = guild_id, case_number, decision

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReviewButton:
        return cls(int(match["guild"]), int(match["case"]), match["decision"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if self.action == "timeout":  # a modal must be the first response
            bot = client_of(interaction)
            item = await repository.get_review(bot.db, self.guild_id, self.case_number)
            if item is None:
                raise ForeignIdError()
            if not item.open:
                await _already(interaction, item)
                return
            await interaction.response.send_modal(
                ReviewTimeoutModal(interaction, self.guild_id, self.case_number)
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await decide(interaction, self.guild_id, self.case_number, self.action)


class ReviewTimeoutModal(ScopedModal):
    access = _MODERATE

    def __init__(
        self, interaction: discord.Interaction[Any], guild_id: int, case_number: int
    ) -> None:
        super().__init__(
            title=text(interaction, "review.timeout_title", number=case_number)[:45],
            custom_id=f"review-timeout:{guild_id}:{case_number}",
            timeout=900,
        )
        self.guild_id, self.case_number = guild_id, case_number
        self.duration: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=text(interaction, "review.timeout_label")[:45],
            default="1h",
            max_length=20,
        )
        self.add_item(self.duration)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        length = parse_duration(self.duration.value, maximum=MAX_TIMEOUT)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await decide(interaction, self.guild_id, self.case_number, "timeout", length)


async def purge_quotes(bot: Bot) -> None:
    """Daily: erase the quoted words of items decided more than QUOTE_DAYS ago."""
    now = bot.clock()
    try:
        if await bot.leads():  # one process does it for every server
            erased = await repository.purge_review_quotes(bot.db, now - timedelta(days=QUOTE_DAYS))
            if erased:
                log.info("Erased the quoted words of %d decided review items", erased)
    finally:  # also after a failure (the database briefly unreachable): tomorrow again
        bot.scheduler.run_at("core:review-quotes", now + timedelta(days=1), purge_quotes, bot)


def register(bot: Bot) -> None:
    bot.add_dynamic_items(ReviewButton)

    async def render_review(arg: str) -> dict[str, object] | None:
        case = await bot.cases.get(*parse_ref(arg))
        return await drawn(bot, case) if case is not None else None

    bot.outbox.register_renderer("case-review", render_review)


__all__ = ["QUOTE_DAYS", "ReviewButton", "decide", "judgement", "refresh", "register", "render"]
