"""What the board looks like: a suggestion's embed, the list of ``/suggestions``, and the
texts of status notes. Pure functions of the stored data and a translation function. Member text
is escaped here (markdown, mentions) so nothing echoed can format or ping; messages are also sent
with ``AllowedMentions.none()``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from bot.durations import format_duration
from bot.i18n import Lang
from cogs.suggestions.board import LISTED, Status, ranked, score
from cogs.suggestions.repository import BoardFigures, Suggestion

T = Callable[..., str]

EMOJI: dict[Status, str] = {
    Status.OPEN: "💡",
    Status.REVIEW: "🔍",
    Status.PLANNED: "🗓️",
    Status.DONE: "✅",
    Status.DECLINED: "❌",
    Status.MERGED: "🔗",
}
COLOURS: dict[Status, discord.Colour] = {
    Status.OPEN: discord.Colour.blurple(),
    Status.REVIEW: discord.Colour.gold(),
    Status.PLANNED: discord.Colour.teal(),
    Status.DONE: discord.Colour.green(),
    Status.DECLINED: discord.Colour.red(),
    Status.MERGED: discord.Colour.light_grey(),
}
TITLE_MAX = 100  # what the form takes
BODY_MAX = 1500
REASON_MAX = 500
LIST_PER_STATUS = 4  # the whole board: the top of each status
LIST_ONE_STATUS = 15  # one status chosen
DESCRIPTION_LIMIT = 4096


def cut(text: str, limit: int) -> str:
    """Shorten already escaped text to ``limit`` characters without splitting an escape."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if (len(kept) - len(kept.rstrip("\\"))) % 2:  # a lone trailing backslash escapes the "…"
        kept = kept[:-1]
    return kept.rstrip() + "…"


def _neutral(text: str) -> str:
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def safe_line(text: str, limit: int = 120) -> str:
    """One line of member text: no newlines, no markdown, no mentions."""
    return cut(_neutral(" ".join(text.split())), limit)


def safe_block(text: str, limit: int = 3500) -> str:
    """Member text with its line breaks, markdown and mentions neutral."""
    return cut(_neutral(text), limit)


def link(guild_id: int, channel_id: int, message_id: int | None) -> str:
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id or ''}".rstrip("/")


def status_label(t: T, lang: Lang, status: Status) -> str:
    return t(lang, f"suggestions.status.{status.value}")


def heading(s: Suggestion) -> str:
    return f"{EMOJI[s.status]} #{s.number} {safe_line(s.title, 200)}"


def thread_name(s: Suggestion) -> str:
    """Thread names cannot ping; markdown shows as typed there."""
    return f"#{s.number} {' '.join(s.title.split())}"[:100]


def suggestion_embed(t: T, lang: Lang, s: Suggestion) -> discord.Embed:
    author = f"<@{s.author_id}>" if s.author_id else t(lang, "suggestions.author_erased")
    lines = [safe_block(s.body, BODY_MAX + 500)] if s.body else []
    lines.append(t(lang, "suggestions.by", author=author))
    if s.merged:
        lines.append(t(lang, "suggestions.merged_count", count=s.merged))
    embed = discord.Embed(
        title=cut(heading(s), 256),
        description="\n\n".join(lines),
        colour=COLOURS[s.status],
        timestamp=s.created_at,
    )
    status = f"{EMOJI[s.status]} **{status_label(t, lang, s.status)}**"
    if s.reason and s.status is not Status.MERGED:
        status += "\n" + safe_block(s.reason, 1000)
    embed.add_field(name=t(lang, "suggestions.status_field"), value=status, inline=False)
    embed.set_footer(text=t(lang, "suggestions.footer", number=s.number))
    return embed


def status_note(t: T, lang: Lang, status: Status, reason: str) -> str:
    """The public note in the suggestion's thread."""
    label = f"{EMOJI[status]} {status_label(t, lang, status)}"
    return t(lang, "suggestions.status_note", status=label, reason=safe_block(reason, 1000))


def status_dm(t: T, lang: Lang, s: Suggestion, status: Status, reason: str, server: str) -> str:
    return t(
        lang,
        "suggestions.status_dm",
        number=s.number,
        title=safe_line(s.title, 100),
        server=safe_line(server, 100),
        status=status_label(t, lang, status),
        reason=safe_block(reason, 1000),
        link=link(s.guild_id, s.channel_id, s.message_id),
    )


def board_embed(
    t: T, lang: Lang, suggestions: Sequence[Suggestion], statuses: Sequence[Status] = LISTED
) -> discord.Embed:
    """The list of ``/suggestions``: per status (in the board's order), most support first."""
    shown = LIST_PER_STATUS if len(statuses) > 1 else LIST_ONE_STATUS
    embed = discord.Embed(title=t(lang, "suggestions.list_title"), colour=discord.Colour.blurple())
    sections = []
    for status in statuses:
        found = ranked(s for s in suggestions if s.status is status)
        if not found:
            continue
        lines = [
            t(
                lang,
                "suggestions.list_section",
                emoji=EMOJI[status],
                status=f"**{status_label(t, lang, status)}**",
                count=len(found),
            )
        ]
        for s in found[:shown]:
            lines.append(
                t(
                    lang,
                    "suggestions.list_line",
                    score=f"{score(s):+d}",
                    number=s.number,
                    link=link(s.guild_id, s.channel_id, s.message_id),
                    title=safe_line(s.title, 60),
                    up=s.up,
                    down=s.down,
                )
            )
        if len(found) > shown:
            lines.append(t(lang, "suggestions.list_more", count=len(found) - shown))
        sections.append("\n".join(lines))
    text = "\n\n".join(sections) or t(lang, "suggestions.list_empty")
    embed.description = cut(text, DESCRIPTION_LIMIT)
    return embed


def report_field(t: T, lang: Lang, guild_id: int, figures: BoardFigures) -> tuple[str, str] | None:
    """The board's section of the statistics report, or None for a period without news."""
    if not (figures.new or figures.decided or figures.top_open):
        return None
    median = (
        format_duration(figures.median_to_decision, lang)
        if figures.median_to_decision is not None
        else "–"
    )
    lines = [
        t(
            lang,
            "suggestions.report_counts",
            new=figures.new,
            decided=figures.decided,
            median=median,
        )
    ]
    if figures.top_open:
        lines.append(t(lang, "suggestions.report_top"))
        lines += [
            t(
                lang,
                "suggestions.report_line",
                number=s.number,
                link=link(guild_id, s.channel_id, s.message_id),
                title=safe_line(s.title, 80),
                up=s.up,
                down=s.down,
            )
            for s in figures.top_open
        ]
    return t(lang, "suggestions.report_title"), "\n".join(lines)[:1024]
