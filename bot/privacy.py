"""The privacy registry: every feature that stores member data says how to export and delete it.

``/mydata export`` and ``/mydata forget`` walk the registry, so no table can be missed as long as
its feature registered. A feature registers in its cog's ``cog_load`` and unregisters on unload.

Each source names its ``erase``: the deletion as SQL alone, on any database of this schema. A
forget runs it on the live database (unless the source has its own ``delete``, for in-memory
state) and on every backup, so a backup never brings a forgotten member back.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.database import Database

log = logging.getLogger(__name__)

Exporter = Callable[[int], Awaitable[Any]]
"""user id -> JSON-serialisable data about that user (lists of plain dicts)."""
Deleter = Callable[[int], Awaitable[int]]
"""user id -> number of records deleted or anonymised (the live database, with the feature's
in-memory state)."""
Eraser = Callable[["Database", int], Awaitable[int]]
"""(database, user id) -> the same deletion in SQL only, for backups."""


@dataclass(frozen=True)
class DataSource:
    name: str
    description: str
    export: Exporter
    delete: Deleter | None
    erase: Eraser


@dataclass(frozen=True)
class ForgetResult:
    deleted: dict[str, int]
    failed: tuple[str, ...]


FORGET_CHANNEL = "gemeinschaft_forget"


def _report_elsewhere(task: asyncio.Task[ForgetResult]) -> None:
    if task.cancelled():
        return
    if (exc := task.exception()) is not None:
        log.error("A forget another process announced failed here: %r", exc)
        return
    result = task.result()
    log.info(
        "Forgot a member another process was asked to forget (%d records here%s)",
        sum(result.deleted.values()),
        f"; failed: {', '.join(result.failed)}" if result.failed else "",
    )


class PrivacyRegistry:
    def __init__(self, db: Database | None = None) -> None:
        self._db = db
        self._sources: dict[str, DataSource] = {}
        self._process = uuid.uuid4().hex  # tells this process's announcements from others'
        self._elsewhere: set[asyncio.Task[ForgetResult]] = set()

    def register(
        self,
        name: str,
        description: str,
        export: Exporter,
        delete: Deleter | None = None,
        *,
        erase: Eraser,
    ) -> None:
        """``delete`` only where the live deletion needs more than ``erase`` on the live
        database (in-memory state to update)."""
        if name in self._sources:
            raise ValueError(f"privacy data source {name!r} registered twice")
        self._sources[name] = DataSource(name, description, export, delete, erase)

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
                if source.delete is not None:
                    deleted[source.name] = await source.delete(user_id)
                else:
                    assert self._db is not None, "a registry without a database needs delete"
                    deleted[source.name] = await source.erase(self._db, user_id)
            except Exception:
                log.exception("Privacy deletion in %s failed", source.name)
                failed.append(source.name)
        return ForgetResult(deleted, tuple(failed))

    async def forget_everywhere(self, user_id: int) -> ForgetResult:
        """Forget here, then tell the other processes sharing the database (sharded, on
        PostgreSQL): each runs the same forget on what it holds in memory (counts not yet
        written, caches) and on the rows those may have written meanwhile."""
        result = await self.forget(user_id)
        if self._db is not None:
            try:
                await self._db.announce(FORGET_CHANNEL, f"{user_id} {self._process}")
            except Exception:
                log.exception("Could not tell the other processes about a forget")
        return result

    async def listen(self) -> None:
        """Run the forgets other processes announce (see :meth:`forget_everywhere`)."""
        if self._db is not None:
            await self._db.subscribe(FORGET_CHANNEL, self._heard)

    def _heard(self, payload: str) -> None:
        user, _, process = payload.partition(" ")
        if process == self._process or not user.isdigit():
            return
        task = asyncio.get_running_loop().create_task(self.forget(int(user)))
        self._elsewhere.add(task)
        task.add_done_callback(self._elsewhere.discard)
        task.add_done_callback(_report_elsewhere)

    async def settled(self) -> None:
        """Wait for the forgets other processes announced (tests; a clean stop)."""
        while self._elsewhere:
            await asyncio.gather(*self._elsewhere, return_exceptions=True)

    async def forget_in_backups(self, backups: list[Path], user_id: int) -> list[Path]:
        """Run every source's erase on each backup file; returns the backups that failed."""
        from bot.db_sqlite import SqliteDatabase

        failed: list[Path] = []
        for path in backups:
            try:
                db = await SqliteDatabase.open_copy(path)
            except Exception:
                log.exception("Could not open backup %s to forget a member", path.name)
                failed.append(path)
                continue
            try:
                for source in self.sources():
                    await source.erase(db, user_id)
                await db.compact()  # no freed page keeps a trace, no WAL is left beside it
            except Exception:
                log.exception("Forgetting a member in backup %s failed", path.name)
                failed.append(path)
            finally:
                await db.close()
        return failed
