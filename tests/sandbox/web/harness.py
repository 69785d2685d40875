"""The web view over a small world: the emulation, the real bot in-process and the page, all on
one event loop in a background thread, so that a test can drive a (blocking) browser while the
bot and the page keep running. ``python -m tests.sandbox.web.harness`` serves it for a look."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Settings
from bot.features import DEFAULT_EXTENSIONS
from sandbox.emulation import FakeDiscord
from sandbox.web import Scene, Visitor, WebView, start
from tests.e2e.conftest import BotRunner, World, build_world

T = TypeVar("T")


class Harness:
    def __init__(self, data_dir: Path, *, bot: bool = True) -> None:
        self.data_dir = data_dir
        self.with_bot = bot
        self.loop: asyncio.AbstractEventLoop | None = None
        self.world: World | None = None
        self.page: WebView | None = None
        self.runner: BotRunner | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="web-view-harness", daemon=True)

    # ------------------------------------------------------------------ thread
    def start(self, timeout: float = 60) -> Harness:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the harness did not start")
        if self._failure is not None:
            raise self._failure
        return self

    def stop(self) -> None:
        if self.loop is not None and self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        """Runs ``coro`` on the harness's loop (as a member would act) and returns its result."""
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as err:
            self._failure = err
            self._ready.set()

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        fake = FakeDiscord()
        await fake.start()
        undo = fake.redirect_discord_py()
        try:
            self.world = world = build_world(fake)
            if self.with_bot:
                settings = Settings(
                    discord_token="test-token",
                    database_path=self.data_dir / "bot.sqlite3",
                    backup_dir=self.data_dir / "backups",
                    default_locale="de",
                )
                self.runner = BotRunner(fake, settings, DEFAULT_EXTENSIONS)
                await self.runner.start()
            self.page = await start(scene_of(world))
            self._ready.set()
            await self._stop.wait()
        finally:
            if self.page is not None:
                await self.page.stop()
            if self.runner is not None:
                await self.runner.stop()
            undo()
            await fake.stop()


def scene_of(world: World) -> Scene:
    """The people of the standard world: two members (German and English), the moderator, the
    admin and the owner (an admin too); the page in German, the server's language."""
    people = [
        ("Mia", "member", world.member),
        ("Ben", "member", world.english_member),
        ("Mona", "moderator", world.moderator),
        ("Adam", "admin", world.admin),
        ("Olga", "admin", world.owner),
    ]
    return Scene(
        emulation=world.fake,
        guild=world.guild,
        people=[Visitor(str(u.id), name, role, u) for name, role, u in people],
        lang="de",
    )


if __name__ == "__main__":
    harness = Harness(Path(tempfile.mkdtemp())).start()
    assert harness.page is not None
    print(harness.page.url, flush=True)
    try:
        sys.stdin.read()
    finally:
        harness.stop()
