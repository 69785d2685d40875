"""One run of the demo: the emulation, the demo server in it, and the real bot connected to it.

See :mod:`sandbox.demo` for how to use :class:`DemoSession`.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sandbox.emulation import FakeDiscord, FakeGuild, snapshot

from . import history, world
from .botprocess import BotProcess
from .cast import PEOPLE, SERVER_NAME, TIMEZONE, Lang
from .configure import configure
from .texts import say
from .tour import Tour
from .world import DemoWorld, Person

TOKEN = "demo-token"
AUTOSAVE_EVERY = 30.0
#: written into a folder the demo takes, so that a demo stopped while it was still being built
#: (before ``demo.json`` and ``world/`` exist) still counts as the demo's own
MARKER = ".sandbox-demo"


class NotADemoFolder(Exception):
    """``data_dir`` holds something else than a demo: the demo neither deletes nor writes it."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def is_demo_folder(directory: Path) -> bool:
    """The folder holds a demo: its ``demo.json``, its ``world/`` or the demo's marker."""
    return (
        (directory / world.META_FILE).is_file()
        or (directory / "world").is_dir()
        or (directory / MARKER).is_file()
    )


def check_folder(directory: Path) -> None:
    """Raises :class:`NotADemoFolder` unless ``directory`` is missing, empty or the demo's own.
    ``--reset`` deletes the folder and a new demo replaces ``bot.sqlite3`` in it: pointed at
    ``data`` by mistake, that would be the bot's real database."""
    if not directory.exists():
        return
    if not directory.is_dir():
        raise NotADemoFolder(directory)
    if any(directory.iterdir()) and not is_demo_folder(directory):
        raise NotADemoFolder(directory)


class DemoSession:
    """``async with DemoSession(data_dir, lang, reset) as demo:`` starts the emulation, builds or
    restores the demo server and starts the bot; leaving the block stops the bot, saves the
    world and stops the emulation."""

    def __init__(
        self,
        data_dir: Path | str = Path("data/demo"),
        lang: str = "de",
        reset: bool = False,
        *,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.lang: Lang = "en" if lang == "en" else "de"
        self.reset = reset
        self.progress = progress or (lambda _line: None)
        self.emulation = FakeDiscord(token=TOKEN, bot_name="Gemeinschaft")
        self.world: DemoWorld
        self.people: dict[str, Person] = {}
        self.tour: Tour
        self.bot: BotProcess
        self.fresh = False
        self.setup_lines: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- the interface ------------------------------------------------------------------------
    @property
    def guild(self) -> FakeGuild:
        return self.emulation.world.guilds[self.world.guild_id]

    def by_part(self, part: str) -> Person:
        user_id = self.world.people[part][0]
        return next(p for p in self.people.values() if p.id == user_id)

    def text(self, key: str, **params: object) -> str:
        return say(self.lang, key, **params)

    def loop_time(self) -> float:
        return asyncio.get_running_loop().time()

    # --- lifecycle ----------------------------------------------------------------------------
    async def __aenter__(self) -> DemoSession:
        check_folder(self.data_dir)
        if self.reset and self.data_dir.exists():
            shutil.rmtree(self.data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / MARKER).touch()
        await self.emulation.start()
        try:
            await self._open()
        except BaseException:
            await self._close()
            raise
        return self

    async def _open(self) -> None:
        saved = DemoWorld.load(self.data_dir)
        world_dir = self.data_dir / "world"
        if saved is not None and snapshot.exists(world_dir):
            snapshot.restore(self.emulation, world_dir)
            if saved.lang != self.lang:
                self.progress(
                    say(self.lang, "other_lang", language=say(self.lang, f"lang_name.{saved.lang}"))
                )
            self.lang = saved.lang
            self.world = saved
            self.progress(say(self.lang, "restored", server=SERVER_NAME[self.lang]))
        else:
            for stale in ("bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm", world.META_FILE):
                (self.data_dir / stale).unlink(missing_ok=True)
            self.progress(
                say(self.lang, "building", server=SERVER_NAME[self.lang], people=len(PEOPLE))
            )
            self.world = world.build(self.emulation, self.lang)
            await history.seed(self.emulation, self.world, self.data_dir / "bot.sqlite3")
            self.fresh = True
        self.people = world.people(self.emulation, self.world)
        self.bot = BotProcess(self.emulation, self.data_dir, timezone=TIMEZONE[self.lang])
        self.progress(say(self.lang, "bot_starting", log=self.bot.log_path))
        await self.bot.start()
        if self.fresh:
            self.progress(say(self.lang, "configuring", name=self.by_part("admin").name))
            self.setup_lines = await configure(self)
            self.world.save(self.data_dir)
            self.save_world()
        self.tour = Tour(self)
        self._autosave = asyncio.create_task(self._save_now_and_then())

    async def _save_now_and_then(self) -> None:
        """Save the world every half minute too, so a demo that is killed loses little."""
        while True:
            await asyncio.sleep(AUTOSAVE_EVERY)
            with contextlib.suppress(OSError):
                self.save_world()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._close()

    async def _close(self) -> None:
        autosave = getattr(self, "_autosave", None)
        if autosave is not None:
            autosave.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await autosave
        bot = getattr(self, "bot", None)
        if bot is not None:
            await bot.stop()
        if getattr(self, "world", None) is not None and (self.data_dir / world.META_FILE).exists():
            self.save_world()
        await self.emulation.stop()

    def save_world(self) -> None:
        """Keep the emulation's world (with stable ids) in ``data_dir/world``."""
        snapshot.save(self.emulation, self.data_dir / "world")

    # --- time -------------------------------------------------------------------------------
    async def fast_forward_contest(self, contest_id: int, deadline: str) -> None:
        """A day passes for the contest: with the bot stopped, its ``deadline`` column
        (``submissions_close_at`` or ``voting_close_at``) is set to now, then the bot starts
        again and acts on the deadline it finds passed, as after any downtime."""
        if deadline not in ("submissions_close_at", "voting_close_at"):
            raise ValueError(deadline)
        await self.bot.stop()
        now = datetime.now(UTC).isoformat()

        def move() -> None:
            with sqlite3.connect(self.bot.database_path) as conn:
                conn.execute(f"UPDATE contests SET {deadline} = ? WHERE id = ?", (now, contest_id))

        await asyncio.to_thread(move)
        await self.bot.start()
