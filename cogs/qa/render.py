"""What a Q&A round looks like: the panel, a question, the summary and the transcript.

Pure functions of the stored data and a translation function. Member text is escaped here
(markdown, mentions, code-block break-outs) so nothing echoed can format or ping; the messages are
also sent with ``AllowedMentions.none()``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import discord
from discord.utils import format_dt

from bot.i18n import Lang
from cogs.qa.counting import is_counted, tally
from cogs.qa.repository import Question, QuestionState, Round, Summary

T = Callable[..., str]

TOP_IN_PANEL = 5
LISTED_IN_SUMMARY = 10


TITLE_LIMIT = 256  # Discord's limits for embed titles and field values
FIELD_LIMIT = 1024


def cut(text: str, limit: int) -> str:
    """Shorten already escaped text to ``limit`` characters without splitting an escape."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    backslashes = len(kept) - len(kept.rstrip("\\"))
    if backslashes % 2:  # a lone trailing backslash would escape the ellipsis
        kept = kept[:-1]
    return kept.rstrip() + "…"


def _neutral(text: str) -> str:
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def safe_line(text: str, limit: int = 120) -> str:
    """One line of member text for a list: no newlines, no markdown, no mentions, at most
    ``limit`` characters after escaping."""
    return cut(_neutral(" ".join(text.split())), limit)


def safe_block(text: str, limit: int = 3500) -> str:
    """Member text as an embed description: line breaks kept, markdown and mentions neutral."""
    return cut(_neutral(text), limit)


def author_label(t: T, lang: Lang, question: Question) -> str:
    if question.anonymous or not question.author_id:
        return t(lang, "qa.anonymous")
    return f"<@{question.author_id}>"


def visible(questions: Sequence[Question]) -> list[Question]:
    """The round's counted questions (``cogs/qa/counting.py``: those members see), most votes
    first, then in the order asked."""
    shown = [q for q in questions if is_counted(q)]
    return sorted(shown, key=lambda q: (-q.votes, q.number))


def _question_line(t: T, lang: Lang, question: Question, limit: int = 100) -> str:
    mark = "✅ " if question.answered else ""
    merged = t(lang, "qa.merged_count", count=question.merged) if question.merged else ""
    return t(
        lang,
        "qa.line",
        votes=question.votes,
        number=question.number,
        text=mark + safe_line(question.text, limit),
        merged=merged,
    )


def panel_embed(
    t: T, lang: Lang, round_: Round, questions: Sequence[Question], now: datetime
) -> discord.Embed:
    closed = not round_.open
    embed = discord.Embed(
        title=cut(t(lang, "qa.panel_title", topic=safe_line(round_.topic, 200)), TITLE_LIMIT),
        colour=discord.Colour.dark_grey() if closed else discord.Colour.blurple(),
    )
    host = f"<@{round_.host_id}>" if round_.host_id else t(lang, "qa.anonymous")
    lines = [t(lang, "qa.panel_host", host=host)]
    lines.append(
        t(lang, "qa.panel_closed", when=format_dt(round_.closed_at or now, "f"))
        if closed
        else t(
            lang,
            "qa.panel_ends",
            when=format_dt(round_.ends_at, "f"),
            relative=format_dt(round_.ends_at, "R"),
        )
    )
    if not closed:
        lines.append(t(lang, "qa.panel_howto_moderated" if round_.moderated else "qa.panel_howto"))
        if round_.anonymous:
            lines.append(t(lang, "qa.panel_anonymous"))
    embed.description = "\n".join(lines)
    shown = visible(questions)
    top = [_question_line(t, lang, q) for q in shown[:TOP_IN_PANEL]]
    embed.add_field(
        name=t(lang, "qa.panel_top"),
        value="\n".join(top) or t(lang, "qa.panel_empty"),
        inline=False,
    )
    counts = tally(questions)
    embed.set_footer(
        text=t(
            lang,
            "qa.panel_footer",
            id=round_.id,
            count=counts.questions,
            answered=counts.answered,
        )
    )
    return embed


def question_embed(t: T, lang: Lang, round_: Round, question: Question) -> discord.Embed:
    if question.state == QuestionState.MERGED:
        colour = discord.Colour.dark_grey()
    elif question.answered:
        colour = discord.Colour.green()
    else:
        colour = discord.Colour.blurple()
    embed = discord.Embed(
        title=t(lang, "qa.question_title", number=question.number)
        + (" ✅" if question.answered else ""),
        description=safe_block(question.text) if question.text else t(lang, "qa.erased"),
        colour=colour,
    )
    embed.add_field(name=t(lang, "qa.asked_by"), value=author_label(t, lang, question))
    embed.add_field(name=t(lang, "qa.votes"), value=str(question.votes))
    if question.merged:
        embed.add_field(
            name=t(lang, "qa.merged"), value=t(lang, "qa.merged_count", count=question.merged)
        )
    embed.set_footer(text=t(lang, "qa.question_footer", topic=safe_line(round_.topic, 80)))
    return embed


def answer_embed(t: T, lang: Lang, question: Question, answer: str, by: int) -> discord.Embed:
    embed = discord.Embed(
        title=t(lang, "qa.answer_title", number=question.number),
        description=safe_block(answer),
        colour=discord.Colour.green(),
    )
    embed.add_field(name=t(lang, "qa.question"), value=safe_line(question.text, 300) or "-")
    embed.add_field(name=t(lang, "qa.answered_by"), value=f"<@{by}>", inline=False)
    return embed


def summary_embed(
    t: T, lang: Lang, round_: Round, questions: Sequence[Question], summary: Summary
) -> discord.Embed:
    shown = visible(questions)
    answered = [q for q in shown if q.answered]
    unanswered = [q for q in shown if not q.answered]
    embed = discord.Embed(
        title=cut(t(lang, "qa.summary_title", topic=safe_line(round_.topic, 200)), TITLE_LIMIT),
        description=t(
            lang,
            "qa.summary_counts",
            questions=summary.questions,
            answered=summary.answered,
            askers=summary.askers,
            voters=summary.voters,
        ),
        colour=discord.Colour.dark_grey(),
    )
    for key, group in (("qa.summary_answered", answered), ("qa.summary_unanswered", unanswered)):
        lines = [_question_line(t, lang, q, 80) for q in group[:LISTED_IN_SUMMARY]]
        if len(group) > LISTED_IN_SUMMARY:
            lines.append(t(lang, "qa.summary_more", count=len(group) - LISTED_IN_SUMMARY))
        value = fit_lines(lines, FIELD_LIMIT) or t(lang, "qa.summary_none")
        embed.add_field(name=t(lang, key, count=len(group)), value=value, inline=False)
    embed.set_footer(text=t(lang, "qa.summary_footer", id=round_.id))
    return embed


@dataclass(frozen=True)
class TranscriptNames:
    """Display names for the transcript (ids the guild no longer knows show as ids)."""

    names: Mapping[int, str]

    def of(self, user_id: int) -> str:
        return self.names.get(user_id, str(user_id))


def fit_lines(lines: Sequence[str], limit: int) -> str:
    """Whole lines joined while they fit into ``limit`` characters."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def _md(text: str) -> str:
    """Member text inside a Markdown transcript: a quote block that cannot break out
    (``escape_markdown`` escapes backticks too)."""
    cleaned = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    return "\n".join("> " + line for line in cleaned.splitlines() or [""])


def transcript(
    t: T,
    lang: Lang,
    round_: Round,
    questions: Sequence[Question],
    names: TranscriptNames,
    summary: Summary | None,
) -> str:
    shown = visible(questions)
    host = names.of(round_.host_id) if round_.host_id else t(lang, "qa.anonymous")
    out = [
        f"# {t(lang, 'qa.panel_title', topic=safe_line(round_.topic, 200))}",
        "",
        t(lang, "qa.transcript_meta", host=safe_line(host, 80), id=round_.id),
    ]
    if summary is not None:
        out += [
            "",
            t(
                lang,
                "qa.summary_counts",
                questions=summary.questions,
                answered=summary.answered,
                askers=summary.askers,
                voters=summary.voters,
            ),
        ]
    for heading, group in (
        ("qa.summary_answered", [q for q in shown if q.answered]),
        ("qa.summary_unanswered", [q for q in shown if not q.answered]),
    ):
        out += ["", f"## {t(lang, heading, count=len(group))}"]
        for q in group:
            asker = (
                t(lang, "qa.anonymous")
                if q.anonymous or not q.author_id
                else safe_line(names.of(q.author_id), 80)
            )
            out += [
                "",
                f"### {t(lang, 'qa.transcript_question', number=q.number, count=q.votes, author=asker)}",
                _md(q.text),
            ]
            if q.answer is not None:
                by = safe_line(names.of(q.answered_by or 0), 80) if q.answered_by else "-"
                out += ["", f"**{t(lang, 'qa.transcript_answer', by=by)}**", _md(q.answer)]
    others = sorted((q for q in questions if not is_counted(q)), key=lambda q: q.number)
    if others:
        out += [
            "",
            f"## {t(lang, 'qa.transcript_not_counted', count=len(others))}",
            "",
            t(lang, "qa.transcript_not_counted_note"),
            "",
        ]
        out += [f"- {_not_counted(t, lang, q, questions)}" for q in others]
    return "\n".join(out) + "\n"


def _not_counted(t: T, lang: Lang, question: Question, questions: Sequence[Question]) -> str:
    """What became of a question the counts leave out (its text is not repeated)."""
    if question.state == QuestionState.MERGED:
        target = next((q.number for q in questions if q.id == question.merged_into), "?")
        return t(lang, "qa.transcript_merged", number=question.number, target=target)
    if question.state == QuestionState.REJECTED:
        return t(lang, "qa.transcript_rejected", number=question.number)
    return t(lang, "qa.transcript_pending", number=question.number)
