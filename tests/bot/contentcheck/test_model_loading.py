"""The offensive-language model loads once, also when the start's warm-up and a first batch ask
for it at the same moment."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bot.contentcheck import offense
from bot.contentcheck.service import ContentCheckService


def test_two_threads_load_the_model_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []
    inside = threading.Event()
    real = offense.OffenseModel.load

    def slow_load(*args: Any, **kwargs: Any) -> offense.OffenseModel:
        loads.append(threading.get_ident())
        inside.set()
        inside_wait.wait(0.5)  # the other thread asks meanwhile (or waits for the lock)
        return real(*args, **kwargs)

    inside_wait = threading.Event()
    monkeypatch.setattr(offense.OffenseModel, "load", staticmethod(slow_load))
    service = ContentCheckService(db=None)  # type: ignore[arg-type]
    results: list[Any] = []
    first = threading.Thread(target=lambda: results.append(service.score_offense(["hallo du"])))
    first.start()
    assert inside.wait(30)
    second = threading.Thread(target=lambda: results.append(service.score_offense(["na du"])))
    second.start()
    first.join(30)
    second.join(30)
    assert len(loads) == 1
    assert len(results) == 2 and all(r[0] is not None for r in results)
