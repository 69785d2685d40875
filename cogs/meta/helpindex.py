"""What /help shows: the commands grouped by audience (everyone, the team, admins) and feature,
only those this person may run here, laid out in pages that keep within Discord's embed limits
without ever cutting a line.

The decisions only; cog.py asks who may run what (bot/scopes.py) and renders the pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.scopes import Access, Scope

AUDIENCES: tuple[str, ...] = ("member", "team", "admin")
#: features in the order a member meets them; unknown ones follow in alphabetical order
FEATURE_ORDER: tuple[str, ...] = (
    "meta",
    "qa",
    "giveaways",
    "contests",
    "feedback",
    "stats",
    "privacy",
    "cases",
    "moderation",
    "automod",
    "schedules",
    "welcome",
    "config",
)

# Discord's limits for one embed
FIELD_VALUE = 1024
FIELDS = 25
TOTAL = 6000
PAGE_BUDGET = 5000  # room left for title, description, field names and footer


def audience(access: Access) -> str:
    if access.scope in (Scope.MEMBER, Scope.OWNER):
        return "member"
    if access.scope is Scope.ADMIN:
        return "admin"
    return "team"


def feature_of(module: str) -> str:
    """``cogs.giveaways.cog`` -> ``giveaways``; commands of the core count as ``meta``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "cogs" else "meta"


def _feature_rank(feature: str) -> tuple[int, str]:
    known = FEATURE_ORDER.index(feature) if feature in FEATURE_ORDER else len(FEATURE_ORDER)
    return known, feature


@dataclass(frozen=True)
class Entry:
    qualified: str  # "giveaway start"
    feature: str
    audience: str
    line: str  # what /help shows for it, already in the reader's language


@dataclass(frozen=True)
class Section:
    feature: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    audience: str
    part: int  # 1-based, when an audience needs more than one page
    parts: int
    sections: tuple[Section, ...]


def _chunks(lines: Sequence[str]) -> list[tuple[str, ...]]:
    """Whole lines packed into field values of at most FIELD_VALUE characters."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = line[: FIELD_VALUE - 1] if len(line) >= FIELD_VALUE else line  # one line per value
        if chunks[-1] and size + len(line) + 1 > FIELD_VALUE:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return [tuple(chunk) for chunk in chunks if chunk]


def paginate(entries: Sequence[Entry], label: Callable[[str], str] = str) -> list[Page]:
    """Pages per audience (everyone first), sections per feature inside; a page holds at most
    FIELDS fields and about PAGE_BUDGET characters, so an audience with many commands gets more
    pages instead of cut lines. ``label(feature)`` is the section's title, for its length."""
    pages: list[Page] = []
    for group in AUDIENCES:
        mine = [e for e in entries if e.audience == group]
        if not mine:
            continue
        features = sorted({e.feature for e in mine}, key=_feature_rank)
        sections: list[Section] = []
        for feature in features:
            lines = [
                e.line for e in sorted(mine, key=lambda e: e.qualified) if e.feature == feature
            ]
            sections.extend(Section(feature, chunk) for chunk in _chunks(lines))
        current: list[Section] = []
        filled = 0
        grouped: list[list[Section]] = []
        for section in sections:
            size = len(label(section.feature)) + sum(len(line) + 1 for line in section.lines)
            if current and (len(current) >= FIELDS or filled + size > PAGE_BUDGET):
                grouped.append(current)
                current, filled = [], 0
            current.append(section)
            filled += size
        if current:
            grouped.append(current)
        for index, chunk in enumerate(grouped, start=1):
            pages.append(Page(group, index, len(grouped), tuple(chunk)))
    return pages
