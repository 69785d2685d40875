"""The patterns' literal gate never hides a match: whenever RE2 matches a text, the literal
the gate asks for is in it; and a message without any literal never reaches RE2."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.contentcheck.literals import required_literal
from bot.contentcheck.patterns import PatternError, PatternMatcher, compile_pattern

PIECES = [
    "a", "b", "K", "s", "ſ", "é", "-", " ", r"\.", r"\d", r"\s", r"\b", r"\w", ".", "^", "$",
    "[ab]", "[^a]", "[]a]", "(ab|c)", "(?i)", "(?-i)", "(?:s)", "*", "+", "?", "{0,2}", "{2}",
    "{1,}", "*?", "|", "]", "}", "{", r"\Q", r"\E", "[[:alpha:]]", r"\pL", r"\x{61}",
]  # fmt: skip
TEXT = st.text(alphabet="abABKkSsſéÉ -.1x]}", max_size=12)


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"free\s+nitro", "nitro"),
        (r"gratis\s+skins?", "gratis"),
        ("verboten0[0-9]+", "verboten0"),
        (r"discord\.gg/\w+", "discord.gg/"),
        ("x{2,3}yz", "yz"),
        ("ab{0}cd", "cd"),
        (r"(?i)Hallo", "hallo"),
        ("café au lait", " au lait"),
        ("a|b", None),  # either alternative alone
        (r"(a)\1", None),
        (r"\Qb\E", None),
        ("[[:alpha:]]x", None),  # RE2 reads a POSIX class there
        ("sk{a}", None),  # a brace RE2 may read as a literal
    ],
)
def test_what_the_gate_asks_for(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.lists(TEXT, max_size=6))
def test_a_match_always_contains_the_literal(pieces: list[str], texts: list[str]) -> None:
    pattern = "".join(pieces)
    try:
        compiled: Any = compile_pattern(pattern)
    except PatternError:
        return
    literal = required_literal(pattern)
    for text in texts:
        if compiled.search(text) is not None and literal is not None:
            assert literal in text.casefold(), (pattern, text, literal)


def test_chat_without_any_literal_never_reaches_re2() -> None:
    matcher = PatternMatcher([r"free\s+nitro", "verboten[0-9]+"])
    assert matcher._gates == ("nitro", "verboten")
    assert matcher.find("hallo zusammen, wie geht's?") is None  # answered by the gate
    assert matcher.find("FREE   NITRO hier") is not None
    assert matcher.find("nitro allein") is None  # the gate lets it through; RE2 says no
    with_unknown = PatternMatcher([r"free\s+nitro", r"\d{5,}"])
    assert with_unknown._gates is None  # one pattern without a literal: RE2 reads everything
    assert with_unknown.find("ruf 12345 an") is not None
