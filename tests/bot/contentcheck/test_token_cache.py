"""The models' per-token cache: bounded, common tokens survive a flood of new ones, and a cached
token gives exactly what computing it again gives."""

from __future__ import annotations

from bot.contentcheck import textmodel
from bot.contentcheck.offense import OffenseModel


def test_common_tokens_survive_a_flood_and_the_cache_stays_bounded(monkeypatch) -> None:
    monkeypatch.setattr(textmodel, "CACHE_LIMIT", 100)
    made: list[str] = []

    def make(token: str) -> textmodel._Token:
        made.append(token)
        return (float(len(token)), 1, (token,), (), 0, False)

    cache = textmodel._TokenCache(make)
    for n in range(1_000):
        cache.get("hallo")  # in every message
        cache.get(f"neu{n}")  # never seen before
        assert len(cache) <= 100
    assert made.count("hallo") == 1
    assert made.count("neu0") == 1
    cache.get("neu0")  # long evicted: computed again
    assert made.count("neu0") == 2


def test_a_cached_token_scores_as_a_fresh_one() -> None:
    model = OffenseModel.load()
    texts = ["du bist so ein idiot lol", "what a moron, you are trash", "Guten Morgen zusammen!"]
    first = [model.score(t, lang).score for t in texts for lang in ("de", "en")]
    second = [model.score(t, lang).score for t in texts for lang in ("de", "en")]  # all cached
    model.clear_cache()
    third = [model.score(t, lang).score for t in texts for lang in ("de", "en")]
    assert first == second == third
