"""TextBlob's lexicon fills on first use. The start's warm-up and a sentiment batch may both
ask for it at once: neither may read it half filled."""

from __future__ import annotations

import threading

import pytest
import textblob.en
from textblob._text import lazydict

from cogs.stats import sentiment

ENTRIES = 2_000


class SlowLexicon(lazydict):
    """Fills like TextBlob's: entry by entry, on first use. Halfway it waits (at most half a
    second) for another reader to come in; its polarity is the number of entries it sees."""

    def __init__(self) -> None:
        super().__init__()
        self.halfway = threading.Event()
        self.reader_in = threading.Event()

    def load(self) -> None:
        for n in range(ENTRIES):
            dict.__setitem__(self, f"word{n}", (0.0, 0.0))
            if n == ENTRIES // 2:
                self.halfway.set()
                self.reader_in.wait(0.5)

    def __call__(self, text: str) -> tuple[float, float]:
        if self.halfway.is_set():
            self.reader_in.set()  # a reader while (or after) another thread fills it
        return float(len(self)), 0.0


def test_a_second_reader_waits_for_the_whole_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = SlowLexicon()
    monkeypatch.setattr(textblob.en, "sentiment", lexicon)
    monkeypatch.setattr(sentiment, "_loaded", False)
    seen: list[float] = []
    first = threading.Thread(target=lambda: seen.append(sentiment.english_polarity("good")))
    first.start()
    assert lexicon.halfway.wait(30)
    second = threading.Thread(target=lambda: seen.append(sentiment.english_polarity("bad")))
    second.start()
    first.join(30)
    second.join(30)
    assert seen == [ENTRIES, ENTRIES]
