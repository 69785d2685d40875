"""Moderator-supplied patterns, compiled with google-re2: matching time is linear in the input,
so no pattern can stall the bot (no catastrophic backtracking). Patterns run on the normalised
text (casefolded, invisible characters removed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import re2

from bot.contentcheck.literals import required_literals

MAX_PATTERNS = 50
MAX_PATTERN_LENGTH = 200
MAX_PROGRAM_MEMORY = 1 << 20  # bytes re2 may use for one compiled pattern


class PatternError(ValueError):
    """The pattern is refused. ``kind`` says why ("empty", "too_long", "syntax",
    "matches_empty"; the message key ``automod.pattern_error.<kind>``); ``reason`` is the
    English detail for the log, for "syntax" the regex engine's own message."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False
    options.max_mem = MAX_PROGRAM_MEMORY
    options.case_sensitive = False
    return options


def compile_pattern(pattern: str) -> Any:
    if not pattern.strip():
        raise PatternError("empty", "empty pattern")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError("too_long", f"longer than {MAX_PATTERN_LENGTH} characters")
    try:
        compiled = re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0] if exc.args else str(exc)
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError("syntax", str(reason)) from None
    if compiled.search("") is not None:
        raise PatternError("matches_empty", "matches empty text, so it would match every message")
    return compiled


@dataclass(frozen=True)
class PatternHit:
    pattern: str
    excerpt: str


class PatternMatcher:
    """A server's patterns in their order. Most messages match none: one search of all patterns
    at once (an RE2 set, each pattern parsed on its own, so one pattern's syntax can never change
    another's meaning) says so, and which ones match; the first of those in order is reported.

    Before that, when every pattern has a text all its matches contain (``literals.py``), a
    message containing none of those texts is answered without asking RE2 at all."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self._compiled: list[tuple[str, Any]] = []
        for pattern in patterns:
            try:
                self._compiled.append((pattern, compile_pattern(pattern)))
            except PatternError:
                continue  # stored before a rule change; refused entries never match
        self._any = _pattern_set([pattern for pattern, _ in self._compiled])
        gates = [required_literals(pattern) for pattern, _ in self._compiled]
        self._gates: tuple[str, ...] | None = (
            tuple(dict.fromkeys(text for texts in gates if texts for text in texts))
            if all(gates)
            else None  # a pattern without such a text (``\d{5,}``): RE2 reads every message
        )

    @property
    def empty(self) -> bool:
        return not self._compiled

    def find(self, text: str) -> PatternHit | None:
        if not self._compiled:
            return None
        if self._gates is not None:
            folded = text.casefold()
            if not any(gate in folded for gate in self._gates):
                return None
        if self._any is not None:
            found = self._any.Match(text)
            if not found:
                return None
            candidates = [self._compiled[index] for index in sorted(found)]
        else:
            candidates = self._compiled
        for pattern, compiled in candidates:
            match = compiled.search(text)
            if match is not None:
                return PatternHit(pattern, match.group(0)[:100])
        return None


SET_MEMORY = 8 << 20  # bytes for a server's whole set (its program and match cache), at most


def _pattern_set(patterns: list[str]) -> Any:
    """All patterns as one RE2 set, or None (fewer than two, or RE2 refuses the set: then each
    pattern is searched on its own)."""
    if len(patterns) < 2:
        return None
    options = _options()
    options.max_mem = min(MAX_PROGRAM_MEMORY * len(patterns), SET_MEMORY)
    try:
        found = re2.Set.SearchSet(options)
        for index, pattern in enumerate(patterns):
            if found.Add(pattern) != index:
                return None
        found.Compile()
    except Exception:  # re2 reports a refused set with its own error type
        return None
    return found
