"""The heartbeat: the running bot writes a small file every few seconds, ``python -m bot health``
reads it. A fresh heartbeat proves that the event loop runs (a blocked loop cannot write it) and
says whether the gateway is connected. Docker's HEALTHCHECK and systemd use the command.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

#: how often the bot writes the heartbeat, and when the health command calls it stale
INTERVAL = 10.0
STALE_AFTER = 60.0


@dataclass(frozen=True)
class Beat:
    at: float  # unix time
    connected: bool
    latency_ms: float | None
    pid: int


def write(path: Path, beat: Beat) -> None:
    """Replace the heartbeat file atomically (readers never see half a file), mode 0600. Its
    folder is created (0700) if missing: with PostgreSQL no database file made it."""
    if not path.parent.exists():
        from bot.db_sqlite import private_folder

        private_folder(path.parent)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(
            {
                "at": beat.at,
                "connected": beat.connected,
                "latency_ms": beat.latency_ms,
                "pid": beat.pid,
            },
            file,
        )
    os.replace(temporary, path)


def read(path: Path) -> Beat | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Beat(
            float(data["at"]), bool(data["connected"]), data.get("latency_ms"), int(data["pid"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def verdict(beat: Beat | None, now: float, stale_after: float = STALE_AFTER) -> tuple[bool, str]:
    """(healthy, one line saying why)."""
    if beat is None:
        return False, "not running: no heartbeat file (the bot is stopped or has not started yet)"
    age = now - beat.at
    if age > stale_after:
        return False, (
            f"stale: the last heartbeat is {age:.0f} s old (limit {stale_after:.0f} s); "
            "the bot is stopped or its event loop is blocked"
        )
    if not beat.connected:
        return False, f"not connected to Discord (heartbeat {age:.0f} s ago; reconnecting?)"
    latency = f", gateway latency {beat.latency_ms:.0f} ms" if beat.latency_ms is not None else ""
    return True, f"ok: connected, heartbeat {age:.0f} s ago{latency} (pid {beat.pid})"


def check(path: Path, stale_after: float = STALE_AFTER) -> tuple[bool, str]:
    return verdict(read(path), time.time(), stale_after)
