"""What a contest's results post looks like: one line per ranked entry (place, entry, its title or
an excerpt of its text or "image", author, votes), packed into an embed within Discord's limits.

Pure functions of the stored data and a translation function. Member text (titles, entry texts)
is cleaned here: whitespace collapsed, shortened at a word boundary, markdown and mentions
escaped; the post is also sent without any pings (the outbox allows none for it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import discord

from bot.i18n import Lang
from bot.membertext import printable
from cogs.contests.ranking import rank
from cogs.contests.repository import Entry

T = Callable[..., str]

EXCERPT = 60  # characters of a title or text shown in the results (before escaping)
TITLE_LIMIT = 256  # Discord's embed limits
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
FIELDS = 25
TOTAL_LIMIT = 6000
FOOTER_ROOM = 120  # kept free for the footer ("#id · … and N more entries")
IMAGE_ENDINGS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".heic")
_INVISIBLE = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def shorten(text: str, limit: int = EXCERPT) -> str:
    """``text`` on one line (whitespace collapsed), at most ``limit`` characters; longer text is
    cut at a word boundary (inside a word only if that would drop most of it) with "…"."""
    flat = " ".join(printable(text).translate(_INVISIBLE).split())
    if len(flat) <= limit:
        return flat
    kept = flat[: limit - 1]
    if flat[limit - 1] != " " and kept.rfind(" ") >= limit // 3:
        kept = kept[: kept.rindex(" ")]
    return kept.rstrip(" ,;:.-–—") + "…"


def neutral(text: str) -> str:
    """Member text that cannot format or ping (markdown and mentions escaped)."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def is_image(file_name: str | None) -> bool:
    return bool(file_name) and str(file_name).lower().endswith(IMAGE_ENDINGS)


def entry_label(t: T, lang: Lang, entry: Entry) -> str:
    """The entry's title, else an excerpt of its text, else "image" (or "file")."""
    if entry.title and shorten(entry.title):
        return t(lang, "contest.label_title", title=neutral(shorten(entry.title)))
    if entry.text and shorten(entry.text):
        return t(lang, "contest.label_excerpt", text=neutral(shorten(entry.text)))
    if entry.file_name and not is_image(entry.file_name):
        return t(lang, "contest.label_file")
    return t(lang, "contest.label_image")


def result_lines(
    t: T, lang: Lang, counts: Mapping[int, int], entries: Mapping[int, Entry]
) -> list[str]:
    """One line per ranked entry, best first; tied entries share their place."""
    lines = []
    for place, group, votes in rank(counts):
        tie = t(lang, "contest.tie") if len(group) > 1 else ""
        for entry_id in group:
            entry = entries.get(entry_id)
            if entry is None:
                continue
            lines.append(
                t(
                    lang,
                    "contest.result_line",
                    count=votes,
                    place=place,
                    entry=entry_id,
                    label=entry_label(t, lang, entry),
                    author=f"<@{entry.author_id}>",
                    tie=tie,
                )
            )
    return lines


@dataclass(frozen=True)
class Packed:
    description: str
    fields: list[str]
    left_out: int  # lines that did not fit


def pack(lines: Sequence[str], reserved: int) -> Packed:
    """Whole lines into the description, then into fields, within Discord's limits per part and
    in total (``reserved``: characters the title and footer take); never a line cut in half."""
    budget = TOTAL_LIMIT - reserved
    parts: list[list[str]] = [[]]
    sizes = [0]
    limit = DESCRIPTION_LIMIT
    used = 0
    for index, line in enumerate(lines):
        cost = len(line) + (1 if parts[-1] else 0)
        if sizes[-1] + cost > limit:
            if len(parts) > FIELDS or len(line) > FIELD_LIMIT:
                return _packed(parts, len(lines) - index)
            parts.append([])
            sizes.append(0)
            limit = FIELD_LIMIT
            used += 1  # the new field's name ("\u200b")
            cost = len(line)
        if used + cost > budget:
            return _packed(parts, len(lines) - index)
        parts[-1].append(line)
        sizes[-1] += cost
        used += cost
    return _packed(parts, 0)


def _packed(parts: list[list[str]], left_out: int) -> Packed:
    texts = ["\n".join(part) for part in parts]
    return Packed(texts[0], [text for text in texts[1:] if text], left_out)


def results_embed(
    t: T,
    lang: Lang,
    contest_id: int,
    title: str,
    counts: Mapping[int, int],
    entries: Mapping[int, Entry],
) -> discord.Embed:
    heading = t(lang, "contest.results", title=neutral(shorten(title, 200)))[:TITLE_LIMIT]
    embed = discord.Embed(title=heading, colour=discord.Colour.gold())
    lines = result_lines(t, lang, counts, entries)
    packed = pack(lines, len(heading) + FOOTER_ROOM)
    embed.description = packed.description or t(lang, "contest.no_entries")
    for value in packed.fields:
        embed.add_field(name="\u200b", value=value, inline=False)
    footer = f"#{contest_id}"
    if packed.left_out:
        footer += " · " + t(lang, "contest.more", count=packed.left_out)
    embed.set_footer(text=footer[:FOOTER_ROOM])
    return embed
