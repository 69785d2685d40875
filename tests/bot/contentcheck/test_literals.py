"""The patterns' literal gate never hides a match: whenever RE2 matches a text, the literal
the gate asks for is in it; and a message without any literal never reaches RE2."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.contentcheck.literals import required_literal, required_literals
from bot.contentcheck.patterns import PatternError, PatternMatcher, compile_pattern

PIECES = [
    "a", "b", "K", "s", "ſ", "é", "-", " ", r"\.", r"\d", r"\s", r"\b", r"\w", ".", "^", "$",
    "[ab]", "[^a]", "[]a]", "(ab|c)", "(?i)", "(?-i)", "(?:s)", "*", "+", "?", "{0,2}", "{2}",
    "{1,}", "*?", "|", "]", "}", "{", r"\Q", r"\E", "[[:alpha:]]", r"\pL", r"\x{61}",
    r"\040", r"\101", r"\0", r"\12", "(?i)?", "(?s)*", "(?-i)+", "(?U){0,1}", "(a|b)?",
]  # fmt: skip
TEXT = st.text(alphabet="abABKkSsſéÉ -.1x]}\n", max_size=12)


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
        (r"free\040nitro", None),  # an octal escape: "\040" is one space
        ("nitro(?i)?", None),  # the ? makes the o optional: flags are no atom
        (r"scam\.(?s)?link", None),
    ],
)
def test_what_the_gate_asks_for(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("nitro|steam gift", ("nitro", "steam gift")),  # one of them, whichever branch matched
        (r"(a|b)c|d", ("c", "d")),
        (r"nitro|\d{5,}", None),  # one alternative with no text of its own
        (r"free\s+nitro", ("nitro",)),
    ],
)
def test_each_alternative_brings_its_own_text(
    pattern: str, literals: tuple[str, ...] | None
) -> None:
    assert required_literals(pattern) == literals


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.lists(TEXT, max_size=6))
def test_a_match_always_contains_the_literal(pieces: list[str], texts: list[str]) -> None:
    pattern = "".join(pieces)
    try:
        compiled: Any = compile_pattern(pattern)
    except PatternError:
        return
    literal = required_literal(pattern)
    literals = required_literals(pattern)
    for text in texts:
        if compiled.search(text) is not None:
            folded = text.casefold()
            assert literal is None or literal in folded, (pattern, text, literal)
            assert literals is None or any(t in folded for t in literals), (pattern, text)


def test_chat_without_any_literal_never_reaches_re2() -> None:
    matcher = PatternMatcher([r"free\s+nitro", "verboten[0-9]+"])
    assert matcher._gates == ("nitro", "verboten")
    assert matcher.find("hallo zusammen, wie geht's?") is None  # answered by the gate
    assert matcher.find("FREE   NITRO hier") is not None
    assert matcher.find("nitro allein") is None  # the gate lets it through; RE2 says no
    either = PatternMatcher([r"nitro|steam\s+gift", "steam gift"])
    assert either._gates == ("nitro", "steam", "steam gift")
    assert either.find("free steam gift here") is not None
    with_unknown = PatternMatcher([r"free\s+nitro", r"\d{5,}"])
    assert with_unknown._gates is None  # one pattern without a literal: RE2 reads everything
    assert with_unknown.find("ruf 12345 an") is not None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"free\040nitro", "free nitro"),  # octal escapes
        (r"\101bc", "abc"),
        ("nitro(?i)?", "nitr"),  # a quantifier after flags repeats the letter before them
        (r"scam\.(?s)?link", "scamlink"),
        ("x(?-i)(?i)*?y", "y"),
        ("KELVIN", "\u212aelvin"),  # letters whose case partner is no ASCII letter
        ("mask", "ma\u017fk"),
        ("nitro|steam gift", "a STEAM GIFT for you"),
    ],
)
def test_patterns_the_gate_once_hid_still_match(pattern: str, text: str) -> None:
    assert compile_pattern(pattern).search(text) is not None  # RE2 matches it ...
    assert PatternMatcher([pattern, "zzz"]).find(text) is not None  # ... so the gate lets it by
