"""A thin keyed wrapper over APScheduler's AsyncIOScheduler for one-shot jobs.

The database is the source of truth: each timed thing has its row (``ends_at``, ``next_run_at``)
and the owning feature re-arms its jobs from those rows on load. APScheduler only ever receives
one-shot ``DateTrigger`` jobs; recurring rules are computed by our own code one occurrence at a
time. A job whose time has already passed (the bot was offline) runs once, right away.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.timeutil import Clock, utcnow

log = logging.getLogger(__name__)

JobFunc = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class PendingJob:
    key: str
    run_at: datetime


class Scheduler:
    def __init__(self, clock: Clock = utcnow) -> None:
        self._clock = clock
        self._aps = AsyncIOScheduler(
            timezone="UTC",
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self._running = False
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._planned: dict[str, datetime] = {}  # key -> when, by the bot's clock

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start in the running event loop (call from ``setup_hook``)."""
        if not self._running:
            self._aps.start()
            self._running = True

    async def shutdown(self, grace: float = 5.0) -> None:
        """Stop firing jobs and let running ones finish (up to ``grace`` seconds), so nothing
        still uses the database when it is closed. APScheduler's own shutdown cancels whatever
        is still running, so it comes last."""
        if not self._running:
            return
        self._aps.pause()
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=grace)
        self._aps.shutdown(wait=False)
        self._running = False
        await asyncio.sleep(0)  # let cancelled overrunning jobs unwind

    def run_at(self, key: str, when: datetime, func: JobFunc, *args: Any) -> None:
        """Arm (or re-arm, replacing) the job ``key`` to run ``func(*args)`` once at ``when``.

        A time in the past runs as soon as possible: a missed job runs once, never zero times.
        """
        if when.tzinfo is None:
            raise ValueError("run_at needs a timezone-aware datetime")
        # APScheduler counts in real time; the bot's clock may be shifted (tests travel in time),
        # so the job fires after the delay the bot's clock says, never earlier than now.
        delay = max(when - self._clock(), timedelta(0))
        fire_at = utcnow() + delay
        self._planned[key] = max(when, self._clock())
        self._aps.add_job(
            self._run,
            trigger=DateTrigger(run_date=fire_at),
            args=(key, func, args),
            id=key,
            name=key,
            replace_existing=True,
        )
        log.debug("Armed job %s for %s", key, self._planned[key].isoformat())

    def cancel(self, key: str) -> bool:
        self._planned.pop(key, None)
        try:
            self._aps.remove_job(key)
        except JobLookupError:
            return False
        return True

    def cancel_prefix(self, prefix: str) -> int:
        jobs = [job for job in self._aps.get_jobs() if job.id.startswith(prefix)]
        for job in jobs:
            self.cancel(job.id)
        for key in [key for key in self._planned if key.startswith(prefix)]:
            del self._planned[key]
        return len(jobs)

    def pending(self) -> list[PendingJob]:
        jobs = [
            PendingJob(
                job.id,
                self._planned.get(job.id)
                or (job.next_run_time if job.next_run_time else job.trigger.run_date),
            )
            for job in self._aps.get_jobs()
        ]
        return sorted(jobs, key=lambda job: job.run_at)

    def has(self, key: str) -> bool:
        return self._aps.get_job(key) is not None

    async def _run(self, key: str, func: JobFunc, args: tuple[Any, ...]) -> None:
        # The job is due now: forget its planned time first, so a handler that re-arms its own
        # key keeps the new entry (and nothing is left behind for jobs that end for good).
        self._planned.pop(key, None)
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await func(*args)
        except Exception:
            log.exception("Scheduled job %s failed", key)
        finally:
            if task is not None:
                self._in_flight.discard(task)
