"""The web view in a real browser (Debian's Chromium through Selenium, offline): the real bot
and the emulation in-process, the page driven as members, a moderator and the admin would.

One browser and one bot for the module; every wait is on a condition of the page. Skipped, with
the reason, only when Chromium is absent and cannot be installed here."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sandbox.web import TourState
from tests.e2e.test_giveaway_verifier import CHROMEDRIVER, CHROMIUM, _chromium_or_skip
from tests.sandbox.web.harness import Harness

WAIT = 15


@dataclass
class StepDouble:
    text: str

    def explanation(self, lang: str) -> str:
        return f"{self.text} ({lang})"


class TourDouble:
    """The interface of the demo's tour: steps with an explanation, ``next_step``."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.steps = [StepDouble("Begrüßung"), StepDouble("Fragerunde")]

    async def next_step(self) -> Any:
        world = self.harness.world
        assert world is not None
        await world.fake.send_message(world.owner, world.general, "Willkommen zur Tour!")
        return type("StepResult", (), {"transcript": ["olga: Willkommen zur Tour!"]})()


class Site:
    def __init__(self, harness: Harness, driver: Any) -> None:
        self.harness = harness
        self.driver = driver
        assert harness.world is not None and harness.page is not None
        self.world = harness.world

    def wait(self, condition: Callable[[Any], Any], what: str) -> Any:
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        # a message the page re-renders while the test looks at it is looked up again
        ignored = (StaleElementReferenceException,)
        wait = WebDriverWait(self.driver, WAIT, poll_frequency=0.05, ignored_exceptions=ignored)
        return wait.until(condition, what)

    def css(self, selector: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def one(self, selector: str) -> Any:
        return self.wait(lambda d: (self.css(selector) or [None])[0], selector)

    def open(self) -> None:
        assert self.harness.page is not None
        self.driver.get(self.harness.page.url)
        self.wait(lambda d: self.one("body").get_attribute("data-ready") == "yes", "the page")

    def be(self, user: Any) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.one("#visitor")).select_by_value(str(user.id))
        self.wait(lambda d: self.one("body").get_attribute("data-as") == str(user.id), "a view")

    def hover(self, element: Any) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).move_to_element(element).perform()

    def message_with(self, text: str) -> Any:
        def found(driver: Any) -> Any:
            return next((m for m in self.css("#messages .message") if text in m.text), None)

        return self.wait(found, f"a message with {text!r}")

    def command(self, search: str, path: str, **values: str) -> None:
        """Runs a command through the picker: search, choose, fill the form, run."""
        self.one("#picker-button").click()
        self.one("#picker-search").send_keys(search)
        self.one(f'.command-entry[data-path="{path}"]').click()
        for name, value in values.items():
            self.one(f'#command-fields [data-option="{name}"]').send_keys(value)
        if self.css("#command-fields [data-option]"):  # a command without options runs at once
            self.one("#command-run").click()
        self.wait(lambda d: not self.one("#command-form").is_displayed(), "the form to close")

    def act(self, coro: Any) -> Any:
        return self.harness.call(coro)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    _chromium_or_skip()
    os.environ["SE_OFFLINE"] = "true"  # Selenium never downloads a browser or driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    harness = Harness(Path(tmp_path_factory.mktemp("web"))).start()
    assert harness.page is not None
    harness.page.scene.tour = TourState(TourDouble(harness))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,900")
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield Site(harness, driver)
    finally:
        driver.quit()
        harness.stop()


async def answered(fake: Any, *args: Any, **kwargs: Any) -> None:
    inter = await fake.invoke(*args, **kwargs)
    await inter.response()


def test_a_member_asks_through_the_picker_and_another_votes(site: Site) -> None:
    world, fake = site.world, site.world.fake
    site.act(answered(fake, world.moderator, world.general, "qa start", {"topic": "Roadmap 2027"}))
    site.open()
    site.be(world.member)
    panel = site.message_with("Roadmap 2027")
    assert panel.find_elements("css selector", ".embed .embed-title")
    # what a member types is text, never markup
    composer = site.one("#composer-input")
    composer.send_keys("Hallo **alle** <img src=x id=injected> <b>fett</b>\n")
    typed = site.message_with("<img src=x id=injected>")
    assert (
        "<b>fett</b>" in typed.text and typed.find_element("css selector", "strong").text == "alle"
    )
    assert not site.css("#injected") and not site.css("#messages b")
    # /ask in German ("/fragen"): the picker, its form, the bot's answer only for Mia
    site.command("fragen", "ask", question="Wann kommt das Update?")
    reply = site.message_with("Nur du siehst das")
    assert "/fragen" in reply.text and "ephemeral" in reply.get_attribute("class")
    question = site.message_with("Frage #1")
    assert "Wann kommt das Update?" in question.text
    # Ben (English) sees the question, not Mia's private answer; his vote counts at once
    site.be(world.english_member)
    site.message_with("Frage #1")
    assert not site.css("#messages .message.ephemeral")
    site.one('button[data-custom-id="qa:vote:1"]').click()
    site.wait(
        lambda d: site.one('button[data-custom-id="qa:vote:1"]').text == "▲ 1", "the vote count"
    )
    assert "Nur du siehst das" in site.message_with("Your vote").text  # the page speaks German
    # the moderator answers, choosing the question by autocomplete
    site.be(world.moderator)
    site.one("#picker-button").click()
    site.one("#picker-search").send_keys("antworten")
    site.one('.command-entry[data-path="qa answer"]').click()
    site.one('[data-option="question"]').send_keys("Update")
    site.one('.suggestion[data-value="1#1"]').click()
    site.one('[data-option="text"]').send_keys("Im März.")
    site.one("#command-run").click()
    site.message_with("Im März.")


def test_renderers_forms_threads_images_and_privacy(site: Site) -> None:
    world, fake = site.world, site.world.fake
    site.act(
        answered(
            fake,
            world.owner,
            world.general,
            "config channel",
            {"purpose": "suggestions", "channel": str(world.general.id)},
        )
    )
    site.act(
        answered(
            fake,
            world.moderator,
            world.general,
            "warn",
            {"member": world.member.id, "reason": "Spam"},
        )
    )
    site.open()
    # a form (modal) as a dialog; the suggestion gets its thread
    site.be(world.member)
    site.command("vorschlag", "suggest")
    dialog = site.one("dialog#modal[open]")
    assert site.one("#modal-title").text == "Dein Vorschlag"
    fields = dialog.find_elements("css selector", "[data-custom-id]")
    fields[0].send_keys("Mehr Spieleabende")
    fields[1].send_keys("Freitags wäre schön.")
    site.one("#modal-submit").click()
    site.one(".thread-link").click()
    site.wait(lambda d: "Mehr Spieleabende" in site.one("#channel-name").text, "the thread")
    assert site.css("#channels .channel.thread.active")
    # Mia's own DMs: the warning
    site.one("#dms .channel.dm").click()
    site.message_with("Spam")
    # the admin: a select menu that turns the page, a PNG chart inline, embed fields and colour
    site.be(world.owner)
    site.one("#channels .channel.channel").click()
    assert not site.css("#dms .channel")  # nobody else's DMs
    site.command("hilfe", "help")
    menu = site.one('.component-select[data-custom-id="help:pages"]')
    first = menu.find_element("css selector", ".select-open")
    first.click()
    options = menu.find_elements("css selector", ".select-option")
    assert len(options) > 1
    options[1].click()
    site.wait(lambda d: site.css(".embed-footer") and "2/" in site.message_with("2/").text, "p. 2")
    site.command("statistik überblick", "stats overview")
    chart = site.one("img.embed-image")
    site.wait(lambda d: d.execute_script("return arguments[0].naturalWidth", chart) > 100, "PNG")
    embed = chart.find_element("xpath", "./ancestor::div[contains(@class,'embed')]")
    assert embed.get_attribute("data-color") and embed.find_elements(
        "css selector", ".embed-field .embed-field-name"
    )
    assert embed.find_element("css selector", ".embed-footer").text
    # Ben reacts to Mia's message and reports it through its "Apps" menu (a message command)
    site.act(fake.send_message(world.member, world.general, "Das Turnier war Mist"))
    site.be(world.english_member)
    reported = site.message_with("Das Turnier war Mist")
    site.hover(reported)
    reported.find_element("css selector", ".react-open").click()
    reported.find_element("css selector", '.palette-emoji[data-emoji="👍"]').click()
    site.wait(
        lambda d: site.message_with("Das Turnier").find_elements("css selector", ".reaction.me"),
        "👍",
    )
    reported = site.message_with("Das Turnier war Mist")
    site.hover(reported)
    reported.find_element("css selector", ".apps-open").click()
    reported.find_element("css selector", '.app-entry[data-name="Report message"]').click()
    reasons = site.one(".message.ephemeral .component-select")
    reasons.find_element("css selector", ".select-open").click()
    reasons.find_elements("css selector", ".select-option")[0].click()
    site.one("dialog#modal[open]")
    site.one("#modal-cancel").click()
    # Ben sees neither the admin's private answers nor the staff channel
    names = [c.text for c in site.css("#channels .channel")]
    assert "# staff" not in names and "# general" in names
    assert not site.css("img.embed-image") and not site.css('[data-custom-id="help:pages"]')
    site.be(world.moderator)
    assert "# staff" in [c.text for c in site.css("#channels .channel")]


def test_the_tour_plays_its_next_step(site: Site) -> None:
    site.open()
    assert "Begrüßung (de)" in site.one("#tour-text").text
    assert site.one("#tour-step").text == "Schritt 1 von 2"
    site.one("#tour-next").click()
    site.wait(lambda d: "Willkommen zur Tour!" in site.one("#tour-transcript").text, "transcript")
    assert "Fragerunde (de)" in site.one("#tour-text").text
    site.message_with("Willkommen zur Tour!")
    # no script error and no content-security-policy violation in the whole module
    assert [e["message"] for e in site.driver.get_log("browser")] == []
