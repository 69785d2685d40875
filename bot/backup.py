"""Database backups with SQLite itself (``VACUUM INTO``), kept to the newest N."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot import repository
from bot.database import Database
from bot.scheduler import Scheduler
from bot.timeutil import Clock, from_iso, to_iso, utcnow

log = logging.getLogger(__name__)

_NAME = re.compile(r"^backup-\d{8}-\d{6}(?:-\d+)?\.sqlite3$")
_ANY_COPY = re.compile(r"^(?:backup|pre-migration)-[-\w]+\.sqlite3$")
JOB_KEY = "core:backup"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime


def list_backups(folder: Path) -> list[Path]:
    """Our backup files in ``folder``, oldest first (names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _NAME.match(p.name))


def prune(folder: Path, keep: int) -> list[Path]:
    backups = list_backups(folder)
    removed = backups[: max(0, len(backups) - keep)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


async def make_backup(db: Database, folder: Path, keep: int, now: datetime) -> BackupInfo:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"backup-{stamp}.sqlite3"
    suffix = 1
    while target.exists():
        target = folder / f"backup-{stamp}-{suffix}.sqlite3"
        suffix += 1
    await db.backup_to(target)
    prune(folder, keep)
    await repository.set_meta(db, "last_backup_at", to_iso(now))
    await repository.set_meta(db, "last_backup_path", str(target))
    log.info("Database backup written to %s", target)
    return BackupInfo(target, now)


async def last_backup(db: Database) -> BackupInfo | None:
    when = await repository.get_meta(db, "last_backup_at")
    path = await repository.get_meta(db, "last_backup_path")
    if when is None or path is None:
        return None
    return BackupInfo(Path(path), from_iso(when))


class BackupService:
    """Makes a backup every ``interval``; a backup missed while the bot was down runs at start."""

    def __init__(
        self,
        db: Database,
        scheduler: Scheduler,
        folder: Path,
        keep: int,
        interval: timedelta,
        clock: Clock = utcnow,
    ) -> None:
        self._db = db
        self._scheduler = scheduler
        self._folder = folder
        self._keep = keep
        self._interval = interval
        self._clock = clock

    async def arm(self) -> datetime | None:
        if not self._db.keeps_backups:
            log.info("%s: the server keeps the backups, the bot makes none", self._db.describe())
            return None
        last = await last_backup(self._db)
        due = self._clock() if last is None else last.made_at + self._interval
        self._scheduler.run_at(JOB_KEY, due, self._run)
        return due

    def backups(self) -> list[Path]:
        """Every copy of the database in the folder: backups and pre-migration copies."""
        if not self._folder.is_dir():
            return []
        return sorted(p for p in self._folder.iterdir() if _ANY_COPY.match(p.name))

    async def backup_now(self) -> BackupInfo:
        return await make_backup(self._db, self._folder, self._keep, self._clock())

    async def _run(self) -> None:
        try:
            await self.backup_now()
        finally:
            self._scheduler.run_at(JOB_KEY, self._clock() + self._interval, self._run)
