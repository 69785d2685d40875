"""Step 7 of the pipeline, the one place where a case reaches people: the member's DM and the
moderation-log post. Both are outbox rows (bot/outbox.py), written in the transaction that
records the case's state, so a crash can neither lose nor double them. Keys are derived from
the case, so the rows of a case can be found again after a restart.

- A kick or ban is announced *before* it is carried out (afterwards the bot shares no server
  with the member); if it then fails, a short correction follows.
- Every other action is told only once it was applied.
- The log post is drawn when it is delivered, so it shows the case as it is then (with the DM's
  fate, which the DM's delivery writes back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

import discord
from discord.utils import format_dt

from bot.contentcheck.rules import CONTENT_RULES
from bot.dm import DmStatus
from bot.moderation import outcomes
from bot.moderation.appeals import AppealButton, appeal_view_for, false_positive_view
from bot.moderation.cases.posting import case_embed
from bot.moderation.cases.repository import Case
from bot.moderation.rulenames import rule_name
from bot.repository import OutboxPost

if TYPE_CHECKING:
    from bot.core import Bot

TOLD_BEFORE = ("kick", "ban")
TOLD_AFTER = ("warn", "timeout")


def key(case: Case, kind: str) -> str:
    """``kind``: p (told before), n (told after), x (correction), l (log). At most 25 characters."""
    return f"c{case.guild_id:016x}{kind}{case.number:x}"


def ref(case: Case) -> str:
    return f"{case.guild_id}:{case.number}"


def parse_ref(value: str) -> tuple[int, int]:
    guild_id, number = value.split(":")
    return int(guild_id), int(number)


def _notice_text(bot: Bot, case: Case) -> str:
    lang = bot.guild_settings.locale(case.guild_id)
    guild = bot.get_guild(case.guild_id)
    server = guild.name if guild else "?"
    if case.action == "timeout":
        until = case.created_at + timedelta(seconds=case.duration_seconds or 600)
        return bot.i18n.t(
            lang,
            "notice.timeout",
            server=server,
            reason=case.reason,
            until=format_dt(until, "f"),
        )
    if case.action == "delete":
        return bot.i18n.t(
            lang,
            "notice.delete",
            server=server,
            reason=case.reason,
            channel=f"<#{case.channel_id}>",
        )
    return bot.i18n.t(lang, f"notice.{case.action}", server=server, reason=case.reason)


def _dm(case: Case, kind: str, content: str, *, tracked: bool = True) -> OutboxPost:
    appealable = appeal_view_for(case) and kind != "x"
    return OutboxPost(
        key=key(case, kind),
        guild_id=case.guild_id,
        user_id=case.user_id,
        content=content,
        view_kind="appeal" if appealable else None,
        view_arg=ref(case) if appealable else None,
        on_sent="case-dm" if tracked else None,
        ref=ref(case),
    )


def told_before(bot: Bot, case: Case) -> list[OutboxPost]:
    """The DM that announces a kick or ban before it happens."""
    if case.action not in TOLD_BEFORE or not case.user_id:
        return []
    return [_dm(case, "p", _notice_text(bot, case))]


def told_after(
    bot: Bot, case: Case, *, hold: timedelta | None = None, removed: Sequence[Case] = ()
) -> list[OutboxPost]:
    """The DM once the action was applied: a warning, a timeout, a deleted message whose
    content broke a rule (so an honest member learns the rule instead of guessing).

    An automatic removal's DM is held for ``hold``: if a ladder step follows meanwhile (a
    burst), its DM names the ``removed`` messages too and the held DMs are withdrawn, so the
    member gets one message that says everything."""
    if case.action in TOLD_AFTER or (
        case.action == "delete" and (case.rule in CONTENT_RULES or case.rule == "offense")
    ):
        text = _notice_text(bot, case)
        if removed:
            text += "\n" + _removed_text(bot, case.guild_id, removed)
        post = _dm(case, "n", text)
        if hold and case.automatic and case.action == "delete":
            post = replace(post, not_before=bot.clock() + hold)
        return [post]
    return []


def _removed_text(bot: Bot, guild_id: int, removed: Sequence[Case]) -> str:
    lang = bot.guild_settings.locale(guild_id)
    channels = list(dict.fromkeys(f"<#{c.channel_id}>" for c in removed if c.channel_id))
    reasons = list(dict.fromkeys(c.reason for c in removed))
    form = "one" if len(removed) == 1 else "other"
    return bot.i18n.t(
        lang,
        f"notice.also_removed.{form}",
        count=len(removed),
        channels=", ".join(channels[:5]) or "?",
        reason="; ".join(reasons[:3]),
    )


def correction(bot: Bot, case: Case) -> list[OutboxPost]:
    """They were told of a kick or ban that did not happen: say so."""
    lang = bot.guild_settings.locale(case.guild_id)
    guild = bot.get_guild(case.guild_id)
    text = bot.i18n.t(
        lang,
        "notice.correction",
        server=guild.name if guild else "?",
        action=bot.i18n.t(lang, f"action.{case.action}"),
    )
    return [_dm(case, "x", text, tracked=False)]


def log_post(bot: Bot, case: Case) -> list[OutboxPost]:
    channel_id = bot.guild_settings.channel(case.guild_id, "modlog")
    if channel_id is None:
        return []
    return [
        OutboxPost(
            key=key(case, "l"),
            guild_id=case.guild_id,
            channel_id=channel_id,
            content="",
            # a flag waits for a decision: its post has the member's words and buttons, alone
            renderer="case-review" if case.action == "flag" else "case-log",
            on_sent="case-log",
            ref=ref(case),
        )
    ]


def _numbers(numbers: Sequence[int]) -> str:
    """#4, #5 and #9, or #41–#60 for a run."""
    if len(numbers) > 2 and numbers[-1] - numbers[0] == len(numbers) - 1:
        return f"#{numbers[0]}–#{numbers[-1]}"
    shown = ", ".join(f"#{n}" for n in numbers[:6])
    return shown + (", …" if len(numbers) > 6 else "")


def register(bot: Bot) -> None:
    """The outbox's hooks for case posts."""
    outbox = bot.outbox

    def appeal(arg: str, lang: str) -> discord.ui.View:
        guild_id, number = parse_ref(arg)
        view = discord.ui.View(timeout=None)
        view.add_item(AppealButton(guild_id, number, bot.i18n.t(lang, "appeal.button")))  # type: ignore[arg-type]
        return view

    async def render_log(arg: str) -> dict[str, object] | None:
        case = await bot.cases.get(*parse_ref(arg))
        if case is None:
            return None
        active = await bot.cases.active_points(case.guild_id, case.user_id) if case.points else None
        lang = bot.guild_settings.locale(case.guild_id)
        drawn: dict[str, object] = {"embed": case_embed(bot, case, lang, active)}
        view = false_positive_view(bot, case)
        if view is not None:
            drawn["view"] = view
        return drawn

    async def dm_sent(arg: str, message: discord.Message | None, why: str | None) -> None:
        status = (
            DmStatus.SENT
            if message is not None
            else (DmStatus.CLOSED if why == "403" else DmStatus.FAILED)
        )
        await bot.cases.set_dm_status(*parse_ref(arg), status)

    async def log_sent(arg: str, message: discord.Message | None, why: str | None) -> None:
        if message is not None:
            await bot.cases.set_log_message_id(*parse_ref(arg), message.id)

    async def render_log_batch(refs: Sequence[str]) -> dict[str, object] | None:
        """A burst's cases in one post: a line per case (each case stays in /case)."""
        cases = [c for c in [await bot.cases.get(*parse_ref(r)) for r in refs] if c is not None]
        if not cases:
            return None
        lang = bot.guild_settings.locale(cases[0].guild_id)
        t = bot.i18n.t
        groups: dict[tuple[int, str, str, str], list[Case]] = {}
        for case in cases:  # one line per member and kind of case: a raid stays readable
            groups.setdefault(
                (case.user_id, case.action, case.rule or "", case.outcome or ""), []
            ).append(case)
        lines = []
        for (user_id, action_, rule_, code), group in groups.items():
            action = t(lang, f"action.{action_}") if bot.i18n.has(f"action.{action_}") else action_
            count = f"{len(group)} × " if len(group) > 1 else ""
            rule = f" · {rule_name(bot.i18n, lang, rule_)}" if rule_ else ""
            outcome = outcomes.describe(bot.i18n, lang, code)
            lines.append(
                f"**{_numbers([c.number for c in group])}** {count}{action} · <@{user_id}>{rule}"
                f" · {outcome}"
            )
        embed = discord.Embed(
            title=t(
                lang,
                "case.batch_title",
                count=len(cases),
                first=cases[0].number,
                last=cases[-1].number,
            ),
            description="\n".join(lines)[:4000],
            colour=discord.Colour.orange(),
        )
        embed.set_footer(text=t(lang, "case.batch_footer"))
        return {"embed": embed}

    outbox.register_view("appeal", appeal)
    outbox.register_batch_renderer("case-log", render_log_batch)
    outbox.register_renderer("case-log", render_log)
    outbox.register_on_sent("case-dm", dm_sent)
    outbox.register_on_sent("case-log", log_sent)
