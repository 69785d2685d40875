"""``python -m bot demo``: the demo from the command line.

Without ``--tour`` the demo server runs until Ctrl-C (with the web view, when there is one).
``--tour`` plays the guided tour step by step: in the web view when there is one, else in the
terminal (Enter moves on). ``--tour --headless`` plays it without pausing and without a browser,
prints the transcript and exits 0 when every step worked (1 when one failed, 2 when the demo
could not start).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import inspect
import locale
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .botprocess import BotFailed
from .cast import SERVER_NAME
from .scene import StepFailed
from .session import DemoSession, NotADemoFolder
from .texts import say
from .tour import StepResult
from .world import META_FILE

#: the web view: ``serve(demo, port, open_browser)``, from ``sandbox.web`` when it exists
WebView = Callable[[DemoSession, int, bool], Any]
DEFAULT_PORT = 8765


def system_lang() -> str:
    """German unless the system's language is something else we speak (English)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.lower().startswith("en") else "de"
    with contextlib.suppress(ValueError, TypeError):
        found = locale.getlocale()[0] or ""
        if found.lower().startswith("en"):
            return "en"
    return "de"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=None,
        help="language of the demo server and its members (default: the system's, else de)",
    )
    parser.add_argument(
        "--reset", action="store_true", help="throw the saved demo away and start afresh"
    )
    parser.add_argument(
        "--tour", action="store_true", help="play the guided tour: a week on the demo server"
    )
    parser.add_argument(
        "--headless",
        action="store_true",
        help="with --tour: no browser, no pauses; print the transcript and exit",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port of the web view")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--data-dir", type=Path, default=Path("data/demo"), help=argparse.SUPPRESS)


def find_web_view() -> WebView | None:
    """``sandbox.web.serve`` when the web view is installed, else None."""
    try:
        module = importlib.import_module("sandbox.web")
    except ImportError:
        return None
    serve = getattr(module, "serve", None)
    return serve if callable(serve) else None


def main(argv: Sequence[str] | None = None, *, web_view: WebView | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot demo", description=(__doc__ or "").replace("``", "")
    )
    add_arguments(parser)
    return run(parser.parse_args(argv), web_view=web_view)


def run(args: argparse.Namespace, *, web_view: WebView | None = None) -> int:
    lang = args.lang or system_lang()
    view = web_view if web_view is not None else find_web_view()
    try:
        return asyncio.run(_run(args, lang, view))
    except KeyboardInterrupt:
        return 0


async def _run(args: argparse.Namespace, lang: str, view: WebView | None) -> int:
    """The demo until it is done or Ctrl-C (also while it is still starting)."""
    out = _printer()
    out(say(lang, "starting"))
    langs = [lang]  # a kept demo keeps its language
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    session = asyncio.ensure_future(_session(args, langs, view, out))
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({session, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if session.done():
            return session.result()
        out(say(langs[-1], "stopping"))
        session.cancel()  # leaving the session stops the bot and saves the world
        with contextlib.suppress(asyncio.CancelledError):
            await session
        kept = (args.data_dir / META_FILE).exists()
        out(say(langs[-1], "stopped" if kept else "stopped_early"))
        return 0
    finally:
        stopper.cancel()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


async def _session(
    args: argparse.Namespace, langs: list[str], view: WebView | None, out: Callable[[str], None]
) -> int:
    lang = langs[0]
    try:
        async with DemoSession(args.data_dir, lang, args.reset, progress=out) as demo:
            langs.append(demo.lang)
            for setup_line in demo.setup_lines:
                out(setup_line)
            out(say(demo.lang, "ready", server=SERVER_NAME[demo.lang]))
            if args.tour and (args.headless or view is None):
                return await _tour(demo, out, interactive=not args.headless)
            # the web view (with the tour on the page when --tour), or just the server
            return await _serve(demo, view, args, out)
    except BotFailed as failure:
        out(say(lang, "failed_start", reason=say(lang, "bot_failed", log=failure.log)))
        return 2
    except StepFailed as failure:  # the admin's setup was refused
        out(say(lang, "failed_start", reason=failure))
        return 2
    except NotADemoFolder as refused:  # never delete or overwrite a folder that is not ours
        out(say(lang, "failed_start", reason=say(lang, "not_demo_folder", path=refused.path)))
        return 2


async def _serve(
    demo: DemoSession, view: WebView | None, args: argparse.Namespace, out: Callable[[str], None]
) -> int:
    if view is None:
        out(say(demo.lang, "no_web"))
    else:
        if args.tour:
            out(say(demo.lang, "tour_in_browser"))
        served = view(demo, args.port, not args.no_browser)
        if inspect.isawaitable(served):
            await served
    await asyncio.Event().wait()  # until Ctrl-C
    return 0


async def _tour(demo: DemoSession, out: Callable[[str], None], *, interactive: bool) -> int:
    tour, lang = demo.tour, demo.lang
    count = len(tour.steps)
    out(say(lang, "tour_intro", server=SERVER_NAME[lang], count=count))
    while not tour.done:
        step = tour.steps[tour.position]
        out("")
        out(say(lang, "step_head", number=tour.position + 1, count=count, title=step.title(lang)))
        out("ℹ " + step.explanation(lang))
        if interactive and not await _wait_for_enter(say(lang, "press_enter")):
            break
        result = await tour.next_step()
        _print_result(result, lang, out)
    ok = sum(r.ok for r in tour.results)
    out("")
    out(say(lang, "tour_done", ok=ok, count=count))
    return 0 if all(r.ok for r in tour.results) else 1


def _print_result(result: StepResult, lang: str, out: Callable[[str], None]) -> None:
    for text in result.lines:
        out(text)
    if result.files:
        out(say(lang, "files", files=", ".join(result.files)))
    if result.ok:
        seconds = f"{result.seconds:.1f}".replace(".", "," if lang == "de" else ".")
        out(say(lang, "step_ok", number=result.number, seconds=seconds))
    else:
        out(say(lang, "step_failed", number=result.number, expected=result.expected))


async def _wait_for_enter(prompt: str) -> bool:
    """Enter goes on, q (or the end of input) stops; a daemon thread reads the line, so Ctrl-C
    never waits for it."""
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str | None] = loop.create_future()

    def read() -> None:
        try:
            line: str | None = input(prompt)
        except (EOFError, OSError):
            line = None

        def deliver() -> None:
            if not answer.done():
                answer.set_result(line)

        loop.call_soon_threadsafe(deliver)

    threading.Thread(target=read, daemon=True).start()
    found = await answer
    return found is not None and found.strip().lower() != "q"


def _printer() -> Callable[[str], None]:
    def out(text: str) -> None:
        print(text, flush=True)

    if hasattr(sys.stdout, "reconfigure"):
        with contextlib.suppress(ValueError, OSError):
            sys.stdout.reconfigure(errors="replace")
    return out
