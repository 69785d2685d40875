"""The real bot in its own process, connected to the emulation exactly as the tests connect it:
``python -m sandbox.launch`` with ``FAKE_DISCORD_API`` and ``FAKE_DISCORD_GATEWAY`` pointing at
the emulation, its own database under the demo's folder, and the emulation's token. Its log
goes to ``bot.log`` in that folder; the demo knows the bot is ready when it logs "Ready as"."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import sys
from pathlib import Path

from sandbox.emulation import FakeDiscord

ROOT = Path(__file__).resolve().parents[2]
READY_MARK = "Ready as "
START_TIMEOUT = 120.0
PR_SET_PDEATHSIG = 1


class BotFailed(RuntimeError):
    """The bot process ended or did not become ready; ``log`` is its log file."""

    def __init__(self, log: Path) -> None:
        super().__init__(f"the bot did not start; see {log}")
        self.log = log


def _end_with_parent() -> None:
    """Linux: the bot gets SIGTERM should the demo itself be killed (no bot left behind)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class BotProcess:
    def __init__(self, fake: FakeDiscord, data_dir: Path, *, timezone: str) -> None:
        self.fake = fake
        self.data_dir = data_dir
        self.timezone = timezone
        self.log_path = data_dir / "bot.log"
        self.process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    @property
    def database_path(self) -> Path:
        return self.data_dir / "bot.sqlite3"

    def _env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DISCORD_", "DATABASE_", "BACKUP_", "DEV_GUILD", "FAKE_DISCORD"))
        }
        path = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        env.update(
            PYTHONPATH=path,
            PYTHONUNBUFFERED="1",
            DISCORD_TOKEN=self.fake.token,
            DATABASE_PATH=str(self.database_path.resolve()),
            BACKUP_DIR=str((self.data_dir / "backups").resolve()),
            DEFAULT_TIMEZONE=self.timezone,
            LOG_FORMAT="text",
            FAKE_DISCORD_API=self.fake.base_url,
            FAKE_DISCORD_GATEWAY=self.fake.gateway_url,
        )
        env.setdefault("LOG_LEVEL", "INFO")
        return env

    async def start(self) -> None:
        """Start the bot and wait until it is ready (connected, servers loaded)."""
        self._ready.clear()
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "sandbox.launch",
            "run",
            cwd=self.data_dir.resolve(),
            env=self._env(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # Ctrl-C in the terminal reaches the demo, which stops it
            preexec_fn=_end_with_parent if sys.platform.startswith("linux") else None,
        )
        self._reader = asyncio.create_task(self._read_log(self.process))
        ready = asyncio.create_task(self._ready.wait())
        done, _ = await asyncio.wait(
            {ready, self._reader}, timeout=START_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            await self.stop()
            raise BotFailed(self.log_path)

    async def _read_log(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        with self.log_path.open("ab") as log:
            async for line in process.stderr:
                log.write(line)
                log.flush()
                if READY_MARK.encode() in line:
                    self._ready.set()
        await process.wait()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def stop(self, timeout: float = 30.0) -> int | None:
        """Ask the bot to stop (SIGTERM, as a service manager would); kill it if it hangs."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 5)
            self._reader = None
        return process.returncode

    async def restart(self) -> None:
        await self.stop()
        await self.start()
