"""The HTML page attached to a giveaway's result checks the draw in a real browser: a real draw
through the fake Discord, the attached page and list downloaded, the page opened in headless
Chromium (Debian's chromium and chromium-driver through Selenium, offline): it reports a match,
also for the list chosen as a file, and a mismatch once one receipt in the list is changed.

Skipped, with the reason, only when Chromium is absent and cannot be installed here."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import run
from tests.e2e.test_giveaways import announcements, click, custom_id, giveaway_message, start

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _chromium_or_skip() -> None:
    """Chromium and its driver, installed with apt-get when missing (as .ci/run does)."""
    if os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER):
        return
    why = "no apt-get here"
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        done = subprocess.run(
            "apt-get update -qq && apt-get install -y -qq chromium chromium-driver",
            shell=True,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        why = f"apt-get failed: {done.stderr.strip()[-300:]}"
    elif shutil.which("apt-get"):
        why = "apt-get needs root"
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} and cannot be installed: {why}")


@pytest.fixture
def browser() -> Iterator[object]:
    _chromium_or_skip()
    os.environ["SE_OFFLINE"] = "true"  # Selenium never downloads a browser or driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def outcome(driver, *, choose: Path | None = None, url: str | None = None) -> tuple[str, str]:
    """(status, result text) once the page has finished checking."""
    from selenium.webdriver.common.by import By

    if url is not None:
        driver.get(url)
    if choose is not None:
        driver.find_element(By.ID, "result")  # the page is loaded
        driver.execute_script("document.getElementById('result').dataset.status = 'pending'")
        driver.find_element(By.ID, "listfile").send_keys(str(choose))
    from selenium.webdriver.support.ui import WebDriverWait

    def finished(d) -> bool:
        return d.find_element(By.ID, "result").get_attribute("data-status") in ("match", "mismatch")

    WebDriverWait(driver, 20, poll_frequency=0.1).until(
        finished, "the page never finished checking"
    )
    result = driver.find_element(By.ID, "result")
    status = result.get_attribute("data-status")
    return status, result.text + "\n" + driver.find_element(By.ID, "checks").text


async def test_the_attached_page_verifies_a_real_draw(
    runner: BotRunner, world: World, tmp_path: Path, browser
):
    from selenium.webdriver.common.by import By

    fake = world.fake
    users = [fake.create_user(f"v{n}") for n in range(6)]
    for user in users:
        fake.add_member(world.guild, user)
    assert runner.bot is not None
    await fake.wait_for(lambda: len(runner.bot.get_guild(world.guild.id).members) >= 11)
    await start(world, winners=2)
    receipts = {}
    message = giveaway_message(world)
    for user in users:
        pressed = await fake.click(user, message, custom_id(message, "enter"))
        text = await pressed.answered()
        assert pressed.ephemeral  # each member sees their own receipt privately
        receipts[user.id] = re.search(r"`([0-9a-f]{16})`", text).group(1)
        assert says(text, "giveaway.entered", "en", receipt=receipts[user.id])
    assert says(await click(world, users[0], "enter"), "giveaway.already", "en")
    await run(world, world.admin, "giveaway end", {"giveaway": "1"})
    (announcement,) = await fake.wait_for(lambda: announcements(world))
    files = {a["filename"]: fake.attachment_bytes(a) for a in announcement["attachments"]}
    page = tmp_path / "giveaway-1-check.html"
    listing = tmp_path / "giveaway-1-list.txt"
    page.write_bytes(files[page.name])
    listing.write_bytes(files[listing.name])
    assert b"http://" not in files[page.name] and b"https://" not in files[page.name]
    winners = [int(u) for u in re.findall(r"<@(\d+)>", announcement["content"].split("\n")[0])]
    winning = [receipts[w] for w in winners]

    def check_in_browser() -> None:
        status, shown = outcome(browser, url=page.as_uri())
        assert status == "match", shown
        assert "Matches" in shown and ", ".join(winning) in shown  # the announced winners
        status, shown = outcome(browser, url=page.as_uri() + "?lang=de")
        assert status == "match" and "Stimmt überein" in shown, shown
        # the downloaded list, chosen as a file; and the member's own receipt
        browser.get(page.as_uri())
        browser.find_element(By.ID, "mine").send_keys(winning[0])
        status, shown = outcome(browser, choose=listing)
        assert status == "match", shown
        assert "won" in browser.find_element(By.ID, "minefound").text
        assert listing.name in browser.find_element(By.ID, "listsource").text
        # one receipt changed (the first winner's last digit): no longer a match
        lines = listing.read_text().splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith(winning[0]))
        last = lines[index][15]
        lines[index] = lines[index][:15] + ("0" if last != "0" else "1") + lines[index][16:]
        tampered = tmp_path / "tampered.txt"
        tampered.write_text("\n".join(lines) + "\n")
        status, shown = outcome(browser, url=page.as_uri(), choose=tampered)
        assert status == "mismatch" and "Does not match" in shown, shown
        assert "differs from the one published" in shown or "not in ascending order" in shown
        # a wrong check code: no match either
        browser.get(page.as_uri())
        field = browser.find_element(By.ID, "commitment")
        field.clear()
        field.send_keys("0" * 64)
        browser.find_element(By.ID, "check").click()
        status, shown = outcome(browser)
        assert status == "mismatch" and "does not fit the check code" in shown, shown

    await asyncio.to_thread(check_in_browser)
