"""PostgreSQL for the benchmarks: a fresh database per run, and the database server's CPU.

``--database-url`` names a server (any database on it: the benchmarks make a database of their
own on that server for each run and drop it afterwards, so the server's existing data is never
touched). On PostgreSQL the server's work is part of what a message or a click costs, so
:class:`ServerCpu` reads the CPU time of the server's processes from ``/proc``: the postmaster
(found as the parent of a connection's backend process, ``pg_backend_pid()``) and all of its
children (every backend, the WAL writer, the checkpointer, autovacuum). A child that exits is
counted too: its time moves to the postmaster's ``cutime``/``cstime`` when the postmaster reaps
it. The server must run on this machine; its clock tick is 10 ms, so runs should last seconds.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

TICK = os.sysconf("SC_CLK_TCK")


def on_database(url: str, name: str) -> str:
    """The same server address with another database name."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


async def create_database(url: str, prefix: str = "bench") -> str:
    """A new, empty database on the server at ``url``; returns its address."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return on_database(url, name)


async def drop_database(url: str) -> None:
    """Drop the database ``url`` names (connecting to the server's ``postgres`` database)."""
    name = urlsplit(url).path.lstrip("/")
    admin = await asyncpg.connect(on_database(url, "postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, CPU ticks of the process and its reaped children), or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the command name may hold spaces
    return int(fields[1]), sum(int(value) for value in fields[11:15])


class ServerCpu:
    """CPU seconds the PostgreSQL server has used, all its processes together."""

    def __init__(self, postmaster: int) -> None:
        self.postmaster = postmaster

    @classmethod
    async def of(cls, url: str) -> ServerCpu:
        conn = await asyncpg.connect(url)
        try:  # the backend's parent is read while the backend still runs
            found = _stat(int(await conn.fetchval("SELECT pg_backend_pid()")))
        finally:
            await conn.close()
        if found is None:
            raise RuntimeError("the PostgreSQL server does not run on this machine (no /proc)")
        return cls(found[0])

    def seconds(self) -> float:
        own = _stat(self.postmaster)
        if own is None:
            raise RuntimeError("the PostgreSQL server stopped")
        ticks = own[1]
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                child = _stat(int(entry.name))
                if child is not None and child[0] == self.postmaster:
                    ticks += child[1]
        return ticks / TICK
