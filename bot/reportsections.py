"""Sections other features add to the statistics report (the suggestions board's figures): each
feature registers its own, so the report shows features it does not import."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.i18n import Lang

#: (guild id, period start, period end (exclusive; aware datetimes), the report's language)
#: -> (field name, field value), or None when the feature has nothing to say for the period
Render = Callable[[int, datetime, datetime, Lang], Awaitable[tuple[str, str] | None]]


@dataclass(frozen=True)
class ReportSection:
    key: str
    render: Render


class ReportSections:
    def __init__(self) -> None:
        self._sections: dict[str, ReportSection] = {}

    def register(self, section: ReportSection) -> None:
        if section.key in self._sections:
            raise ValueError(f"report section {section.key!r} registered twice")
        self._sections[section.key] = section

    def unregister(self, key: str) -> None:
        self._sections.pop(key, None)

    def all(self) -> list[ReportSection]:
        return list(self._sections.values())
