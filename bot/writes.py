"""Writes from clicks, grouped: a burst of a thousand giveway entries or Q&A votes becomes a few
transactions instead of a thousand.

A caller hands over a unit of work (``async (tx) -> result``) and awaits its result. Units that
arrive while a group is being written join the next group; each group is one transaction in
which every unit runs inside its own savepoint, so one unit's error fails that unit alone. A
unit's result is handed back only after its group committed: nothing is reported as done
before it is stored, and a crash before the commit loses nothing that anyone was told about.

The interaction is acknowledged (deferred) before the unit is handed over, so Discord's
three-second deadline never waits for the database.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bot.database import Database, Transaction

log = logging.getLogger(__name__)

T = TypeVar("T")
Unit = Callable[[Transaction], Awaitable[Any]]

MAX_GROUP = 500  # units per transaction


class WriteQueue:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._pending: list[tuple[Unit, asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.groups = 0  # transactions written (for benchmarks and tests)

    async def run(self, unit: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run ``unit`` in the next group's transaction; its result once that committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((unit, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write(), name="write-queue")
        return await future

    async def _write(self) -> None:
        while self._pending:
            await asyncio.sleep(0)  # let the units of the same burst join
            group, self._pending = self._pending[:MAX_GROUP], self._pending[MAX_GROUP:]
            outcomes: list[tuple[asyncio.Future[Any], Any, BaseException | None]] = []
            try:
                async with self._db.transaction() as tx:
                    for index, (unit, future) in enumerate(group):
                        outcomes.append(await self._one(tx, index, unit, future))
            except Exception as exc:  # the commit failed: nothing of this group is stored
                log.exception("A group of %d writes failed", len(group))
                for _unit, future in group:
                    if not future.done():
                        future.set_exception(exc)
                continue
            self.groups += 1
            for future, result, error in outcomes:
                if future.done():  # the caller gave up waiting (e.g. cancelled)
                    continue
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)

    @staticmethod
    async def _one(
        tx: Transaction, index: int, unit: Unit, future: asyncio.Future[Any]
    ) -> tuple[asyncio.Future[Any], Any, BaseException | None]:
        name = f"unit{index}"
        await tx.execute(f"SAVEPOINT {name}")
        try:
            result = await unit(tx)
        except Exception as exc:
            await tx.execute(f"ROLLBACK TO {name}")
            await tx.execute(f"RELEASE {name}")
            return future, None, exc
        await tx.execute(f"RELEASE {name}")
        return future, result, None
