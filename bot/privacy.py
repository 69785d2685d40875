"""The privacy registry: every feature that stores member data says how to export and delete it.

``/mydata export`` and ``/mydata forget`` walk the registry, so no table can be missed as long as
its feature registered. A feature registers in its cog's ``cog_load`` and unregisters on unload.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

Exporter = Callable[[int], Awaitable[Any]]
"""user id -> JSON-serialisable data about that user (lists of plain dicts)."""
Deleter = Callable[[int], Awaitable[int]]
"""user id -> number of records deleted or anonymised."""


@dataclass(frozen=True)
class DataSource:
    name: str
    description: str
    export: Exporter
    delete: Deleter


@dataclass(frozen=True)
class ForgetResult:
    deleted: dict[str, int]
    failed: tuple[str, ...]


class PrivacyRegistry:
    def __init__(self) -> None:
        self._sources: dict[str, DataSource] = {}

    def register(self, name: str, description: str, export: Exporter, delete: Deleter) -> None:
        if name in self._sources:
            raise ValueError(f"privacy data source {name!r} registered twice")
        self._sources[name] = DataSource(name, description, export, delete)

    def unregister(self, name: str) -> None:
        self._sources.pop(name, None)

    def sources(self) -> list[DataSource]:
        return [self._sources[name] for name in sorted(self._sources)]

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about ``user_id``, by source; a failing source is named, not hidden."""
        result: dict[str, Any] = {}
        for source in self.sources():
            try:
                result[source.name] = {
                    "description": source.description,
                    "data": await source.export(user_id),
                }
            except Exception:
                log.exception("Privacy export of %s failed", source.name)
                result[source.name] = {"description": source.description, "error": "export failed"}
        return result

    async def forget(self, user_id: int) -> ForgetResult:
        deleted: dict[str, int] = {}
        failed: list[str] = []
        for source in self.sources():
            try:
                deleted[source.name] = await source.delete(user_id)
            except Exception:
                log.exception("Privacy deletion in %s failed", source.name)
                failed.append(source.name)
        return ForgetResult(deleted, tuple(failed))
