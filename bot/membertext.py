"""Text members type into commands and forms: refused before anything reads it when it cannot be
stored or shown (null bytes, lone surrogates) or says nothing (only spaces and invisible
characters). Pure: no Discord, no database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: whitespace and characters that render as nothing (zero-width, joiners, direction marks,
#: soft hyphen, Hangul fillers, braille blank, tag characters)
_INVISIBLE = re.compile(
    "[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202f"
    "\u205f-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]+"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_blank(value: str) -> bool:
    """Nothing visible: only whitespace and invisible characters (but not the empty string)."""
    return bool(value) and not _INVISIBLE.sub("", value)


def problem(value: str) -> str | None:
    """The string key of what is wrong with ``value``, or None."""
    if "\x00" in value or _SURROGATE.search(value):
        return "error.text_unreadable"
    if is_blank(value):
        return "error.text_blank"
    return None


def printable(value: str) -> str:
    """``value`` safe to send back: lone surrogates and null bytes replaced."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def text_values(data: Any) -> Iterator[str]:
    """Every string a member typed in an interaction's data: command options (also nested in
    subcommands) and form fields (also inside labels)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "value" and isinstance(value, str):
                yield value
            elif key in ("options", "components", "component"):
                yield from text_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from text_values(item)


def first_problem(data: Any) -> tuple[str, str] | None:
    """(string key, the offending text) for the first unusable text in ``data``, or None."""
    for value in text_values(data):
        key = problem(value)
        if key is not None:
            return key, value
    return None
