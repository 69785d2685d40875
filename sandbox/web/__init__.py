"""The sandbox in the browser: a local page that shows the demo server like a chat client, where
the visitor is one of its people (a member, a moderator, the admin) and acts as them."""

from __future__ import annotations

import asyncio
import contextlib
import webbrowser
from typing import Any

from .app import WebView, start
from .labels import labels
from .scene import Scene, TourState, Visitor, scene_from_demo

__all__ = ["Scene", "TourState", "Visitor", "WebView", "open_page", "serve", "start"]


async def open_page(demo: Any, port: int = 0, open_browser: bool = True) -> WebView:
    """Starts the page for a running demo, prints its address and opens it in a browser."""
    scene = scene_from_demo(demo)
    words = labels(scene.lang)
    try:
        page = await start(scene, port=port)
    except OSError:  # the port is taken: any free one will do, the address is printed
        print(words["port_taken"].format(port=port), flush=True)
        page = await start(scene)
    print(words["printed"].format(url=page.url), flush=True)
    if open_browser:
        with contextlib.suppress(Exception):  # no browser here: the printed address is enough
            await asyncio.to_thread(webbrowser.open, page.url)
    return page


async def serve(demo: Any, port: int = 0, open_browser: bool = True) -> None:
    """Serves the page for a running demo until cancelled (Ctrl-C)."""
    page = await open_page(demo, port, open_browser)
    try:
        await asyncio.Event().wait()
    finally:
        await page.stop()
