"""The README's pictures, taken from the running demo so that they stay true.

Plays the demo's tour on a fresh demo server (in a temporary directory) and, after the steps
worth showing, takes a screenshot of the web view in headless Chromium (Debian's chromium and
chromium-driver through Selenium, offline) into docs/images/: the review queue, the Q&A panel,
the giveaway with its fair-draw line and the weekly report card (``sandbox-*.png``). Emoji need a
colour emoji font (Debian: fonts-noto-color-emoji).

    .venv/bin/python scripts/screenshots.py [--lang en|de] [--out docs/images]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.demo import DemoSession  # noqa: E402
from sandbox.web import WebView, scene_from_demo, start  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (1280, 1000)


@dataclass(frozen=True)
class Shot:
    name: str  # the file in docs/images (without .png)
    viewer: str  # who looks: a part of the demo's cast
    channel: str  # a channel key of the demo
    pick: str  # "first" or "last" new message of the bot in that channel during the step
    block: str = "start"  # where the message sits in the view: "start" or "end"
    files: bool = False  # only a message with attachments
    height: int = WINDOW[1]  # of the browser window


SHOTS = {
    "insult": Shot("sandbox-review-queue", "moderator", "modlog", "first", height=1300),
    "qa": Shot("sandbox-qa-panel", "asker", "qa", "first"),
    "giveaway": Shot("sandbox-giveaway", "player", "general", "last", "end", files=True),
    "report": Shot("sandbox-report-card", "moderator", "team", "last", files=True, height=1760),
}


def browser() -> Any:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        sys.exit(f"Needs Chromium: apt-get install chromium chromium-driver ({CHROMIUM})")
    os.environ["SE_OFFLINE"] = "true"  # Selenium never downloads a browser or driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def new_bot_messages(demo: Any, channel_id: int, before: set[int], viewer: Any) -> list[dict]:
    """The bot's messages in the channel since ``before``; ephemeral ones only the viewer's."""
    fake = demo.emulation
    found = []
    for inter in fake.interaction_log:
        if inter.user is viewer and inter.channel.id == channel_id:
            found += [m for m in (inter.original, *inter.followups) if m is not None]
    found += fake.messages(channel_id)
    bot = str(fake.bot_user.id)
    fresh = {
        int(m["id"]): m
        for m in found
        if int(m["id"]) not in before
        and m["author"]["id"] == bot
        and int(m["id"]) in fake.store.by_id
    }
    return [fresh[k] for k in sorted(fresh)]


def take(
    driver: Any, shot: Shot, viewer_id: int, channel_id: int, message_id: str, path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver.set_window_size(WINDOW[0], shot.height)
    wait = WebDriverWait(driver, 30, poll_frequency=0.1)
    Select(driver.find_element(By.ID, "visitor")).select_by_value(str(viewer_id))
    wait.until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-as") == str(viewer_id)
    )
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'.channel[data-id="{channel_id}"]'))
    driver.find_element(By.CSS_SELECTOR, f'.channel[data-id="{channel_id}"]').click()
    selector = f'.message[data-id="{message_id}"]'
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, selector))
    wait.until(
        lambda d: d.execute_script(
            "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        )
    )
    driver.execute_script(
        "document.querySelector(arguments[0]).scrollIntoView({block: arguments[1]})",
        selector,
        shot.block,
    )
    driver.execute_script("document.getElementById('toast').hidden = true")
    driver.save_screenshot(str(path))


async def run(lang: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as directory:
        async with DemoSession(Path(directory) / "demo", lang, True) as demo:
            page = await start(scene_from_demo(demo))
            driver = await asyncio.to_thread(browser)
            try:
                await asyncio.to_thread(driver.get, page.url)
                failed = await play(demo, page, driver, out)
            finally:
                await asyncio.to_thread(driver.quit)
                await page.stop()
    print(f"{len(SHOTS)} pictures in {out} ({time.monotonic() - began:.0f} s)", flush=True)
    return 1 if failed else 0


async def play(demo: Any, page: WebView, driver: Any, out: Path) -> bool:
    failed = False
    tour = demo.tour
    while not tour.done:
        before = set(demo.emulation.store.by_id)
        result = await tour.next_step()
        print(f"{result.number}. {result.title}: {'ok' if result.ok else result.expected}")
        failed |= not result.ok
        shot = SHOTS.get(result.key)
        if shot is None:
            continue
        viewer = demo.by_part(shot.viewer).user
        channel_id = demo.world.channels[shot.channel]
        found = [
            m
            for m in new_bot_messages(demo, channel_id, before, viewer)
            if m.get("attachments") or not shot.files
        ]
        if not found:
            print(f"   no message to show for {shot.name}", flush=True)
            failed = True
            continue
        message = found[0] if shot.pick == "first" else found[-1]
        path = out / f"{shot.name}.png"
        await asyncio.to_thread(take, driver, shot, viewer.id, channel_id, message["id"], path)
        print(f"   → {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("de", "en"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    return asyncio.run(run(args.lang, args.out))


if __name__ == "__main__":
    sys.exit(main())
