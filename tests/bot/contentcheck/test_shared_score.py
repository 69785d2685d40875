"""One offensive-language score per message: auto-moderation's batch and the inbox's judge ask
the same service, and the second asks only the cache."""

from __future__ import annotations

from typing import Any

from bot.contentcheck.offense import OffenseModel
from bot.contentcheck.service import ContentCheckService


class Counting:
    def __init__(self, model: OffenseModel) -> None:
        self.model, self.scored = model, []

    def score(self, text: str) -> Any:
        self.scored.append(text)
        return self.model.score(text)

    def thresholds(self, lang: str) -> tuple[float, float]:
        return self.model.thresholds(lang)


def test_a_message_is_scored_once_for_automod_and_the_inbox() -> None:
    service = ContentCheckService(db=None)  # type: ignore[arg-type]
    counting = Counting(OffenseModel.load())
    service._model = counting
    chat = ["Die Moderation reagiert viel zu spät auf Spam, das nervt", "gg everyone"]
    first = service.score_offense(chat)  # auto-moderation's batch
    again = service.score_offense(chat[:1])  # the inbox's judge, a moment later
    assert counting.scored == chat
    assert again == first[:1]
