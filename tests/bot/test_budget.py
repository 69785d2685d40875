"""The global request budget paces a burst to its rate and leaves interaction answers alone."""

from __future__ import annotations

from typing import Any

import pytest

from bot.budget import RequestBudget, pace


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_a_burst_is_paced_to_the_rate() -> None:
    clock = FakeTime()
    paced = RequestBudget(rate=10, burst=10, clock=clock, sleep=clock.sleep)
    for _ in range(25):
        await paced.take()
    # 10 at once from the store, then 15 more at 10 per second
    assert clock.now == pytest.approx(1.5)
    assert paced.waited == pytest.approx(1.5)


class Route:
    def __init__(self, path: str) -> None:
        self.path = path


async def test_interaction_answers_are_not_paced() -> None:
    clock = FakeTime()
    sent: list[str] = []

    class Http:
        async def request(self, route: Any, **kwargs: Any) -> None:
            sent.append(route.path)

    http = Http()
    paced = RequestBudget(rate=1, burst=1, clock=clock, sleep=clock.sleep)
    pace(http, paced)
    for _ in range(3):
        await http.request(Route("/interactions/{interaction_id}/{interaction_token}/callback"))
        await http.request(Route("/webhooks/{webhook_id}/{webhook_token}"))
    assert clock.now == 0.0 and len(sent) == 6  # never waited
    for _ in range(3):
        await http.request(Route("/channels/{channel_id}/messages"))
    assert clock.now == pytest.approx(2.0)  # 1 per second after the first
