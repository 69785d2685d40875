"""At the start, models and lexicons are loaded before what lives from the start is frozen out of
the garbage collector's view; loaded later (on the first message), TextBlob's lexicon alone would be
rescanned by every full collection for as long as the bot runs."""

from __future__ import annotations

from typing import Any

import pytest

import bot.core
from bot.contentcheck import criticism
from sandbox.emulation.interactions import poll_until
from tests.e2e.conftest import BotRunner


async def test_models_and_lexicons_load_before_the_freeze(
    runner: BotRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    await runner.stop()
    criticism.default_model.cache_clear()
    seen: dict[str, Any] = {}

    def freeze() -> None:
        from textblob.en import sentiment

        the_bot = runner.bot
        assert the_bot is not None
        seen.update(
            textblob=len(sentiment),
            criticism=criticism.default_model.cache_info().currsize,
            offense=the_bot.content_check._model is not None,
        )

    monkeypatch.setattr(bot.core, "freeze_long_lived", freeze)
    plain_init = bot.core.Bot.__init__

    def own_process(self: bot.core.Bot, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **{**kwargs, "own_process": True})

    monkeypatch.setattr(bot.core.Bot, "__init__", own_process)
    the_bot = await runner.start()
    assert {"automod", "feedback", "stats"} <= set(the_bot._warmups)
    await poll_until(lambda: seen, 60, "the freeze at the end of the start")
    assert seen["textblob"] > 1_000 and seen["criticism"] == 1 and seen["offense"], seen


async def test_a_failing_warm_up_is_logged_and_the_others_still_run(
    runner: BotRunner, caplog: pytest.LogCaptureFixture
) -> None:
    the_bot = runner.bot
    assert the_bot is not None
    ran: list[str] = []
    the_bot.add_warmup("broken", lambda: 1 / 0)
    the_bot.add_warmup("after", lambda: ran.append("after"))
    the_bot.warm_up()
    assert ran == ["after"]
    assert "Warming up broken failed" in caplog.text
