"""Local German/English language detection."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.contentcheck.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "Guten Morgen zusammen!",
        "Das Update ist leider ziemlich schlecht geworden",
        "Du bist ein Vollidiot",
        "halt die Fresse du Spast",
        "Kann mir jemand erklären, wie man die Rollen vergibt?",
        "Ich finde die neue Karte nicht so gelungen.",
        "Schöne Grüße aus München",
    ],
)
def test_german(text: str) -> None:
    assert detect_language(text) == "de"


@pytest.mark.parametrize(
    "text",
    [
        "this update is terrible, please fix the lag",
        "Good morning everyone!",
        "Can someone explain how roles are assigned?",
        "I don't think the new map works well.",
        "you are a fucking idiot",
        "What did I miss yesterday?",
    ],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "👍👍🔥", "lol", "12345", "Moby Dick", "!!!", "ok"])
def test_unsure_is_none(text: str) -> None:
    assert detect_language(text) is None


@given(st.text())
def test_never_raises(text: str) -> None:
    assert detect_language(text) in ("de", "en", None)


def test_fast() -> None:
    text = "Kann mir jemand erklären, wie man die Rollen vergibt? Danke euch allen schon mal!"
    began = time.perf_counter()
    for _ in range(2000):
        detect_language(text)
    per_call = (time.perf_counter() - began) / 2000
    assert per_call < 100e-6  # a few µs normally; generous for a busy CI machine
