"""Figures for the statistics report: what happened on the board in a period. Read-only, on the
read connection (a report never holds up the writer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.database import Database
from bot.timeutil import from_iso, to_iso
from cogs.suggestions.board import median


@dataclass(frozen=True)
class TopSuggestion:
    number: int
    title: str
    up: int
    down: int
    message_id: int | None
    channel_id: int

    @property
    def score(self) -> int:
        return self.up - self.down


@dataclass(frozen=True)
class BoardFigures:
    """``new``: suggestions posted in the period; ``decided``: suggestions whose first decision
    (planned, done or declined) fell in the period; ``median_to_decision``: the median time from
    posting to that first decision, over the ones decided in the period (None: none decided);
    ``top_open``: the undecided suggestions (open or under review) with the most support now."""

    new: int
    decided: int
    median_to_decision: timedelta | None
    top_open: tuple[TopSuggestion, ...]


async def board_figures(
    db: Database, guild_id: int, start: datetime, end: datetime, *, top: int = 3
) -> BoardFigures:
    """The board's figures for ``start <= time < end`` (UTC-aware datetimes)."""
    since, until = to_iso(start), to_iso(end)
    new = await db.read_one(
        "SELECT count(*) FROM suggestions WHERE guild_id = ? AND message_id IS NOT NULL "
        "AND created_at >= ? AND created_at < ?",
        (guild_id, since, until),
    )
    decided = await db.read_all(
        "SELECT created_at, decided_at FROM suggestions WHERE guild_id = ? "
        "AND decided_at >= ? AND decided_at < ?",
        (guild_id, since, until),
    )
    up = "coalesce(sum(CASE WHEN v.value = 1 THEN 1 ELSE 0 END), 0)"
    down = "coalesce(sum(CASE WHEN v.value = -1 THEN 1 ELSE 0 END), 0)"
    rows = await db.read_all(
        f"SELECT s.number, s.title, s.message_id, s.channel_id, {up} AS up, {down} AS down "
        "FROM suggestions s LEFT JOIN suggestion_votes v ON v.suggestion_id = s.id "
        "WHERE s.guild_id = ? AND s.status IN ('open', 'review') AND s.message_id IS NOT NULL "
        f"GROUP BY s.id ORDER BY {up} - {down} DESC, {up} DESC, s.number LIMIT ?",
        (guild_id, top),
    )
    durations = [from_iso(r["decided_at"]) - from_iso(r["created_at"]) for r in decided]
    return BoardFigures(
        new=int(new[0]) if new else 0,
        decided=len(decided),
        median_to_decision=median(durations),
        top_open=tuple(
            TopSuggestion(
                r["number"],
                r["title"],
                int(r["up"]),
                int(r["down"]),
                r["message_id"],
                r["channel_id"],
            )
            for r in rows
        ),
    )
