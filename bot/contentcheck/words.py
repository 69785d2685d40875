"""Blocked words and phrases, matched on Unicode tokens (never with re2's ASCII-only ``\\b``).

An entry matches whole words by default: "ass" blocks "ass" but not "assistance" or "class".
An entry marked *inside words* also matches as part of a word, for German compounds
("idiot" inside "Vollidiot"), except in words on the allow-list. Phrases ("halt die fresse")
match as consecutive words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.contentcheck.normalize import Normalized, fold, normalize, squeeze

MAX_ENTRIES = 500
MAX_ENTRY_LENGTH = 64

# Words that contain common blocked stems but are innocent (the Scunthorpe problem).
DEFAULT_ALLOWED: frozenset[str] = frozenset(
    {
        "scunthorpe", "assistance", "assistant", "assist", "assassin", "assessment", "assess", "asset",
        "assets", "class", "classic", "classes", "passion", "passage", "passenger", "pass", "password",
        "bass", "grass", "glass", "compass", "massive", "mass", "embassy", "cocktail", "cockpit",
        "hancock", "peacock", "shitake", "shiitake", "analysis", "analyst", "analog", "canal",
        "therapist", "night", "knight", "nightly", "tonight", "snigger", "dickens", "document",
        "sussex", "essex", "middlesex", "arsenal", "butterfly", "button", "scrap", "title", "titan",
        "hello", "shell", "skill", "skills", "kanal", "analyse", "analysen", "schwanger", "spastik",
        "mississippi", "bassist", "titel", "konsum", "schwanzflosse", "hundert", "hundstage",
    }
)  # fmt: skip


@dataclass(frozen=True)
class WordEntry:
    text: str
    inside_words: bool = False


@dataclass(frozen=True)
class WordHit:
    entry: str
    excerpt: str


def normalize_entry(text: str) -> tuple[str, ...]:
    """An entry as tokens, normalised exactly like messages are."""
    return normalize(text).tokens


class WordMatcher:
    """Compiled word list of one guild; immutable, rebuilt when the list changes."""

    def __init__(self, entries: Iterable[WordEntry], allowed: Iterable[str] = ()) -> None:
        self._whole: dict[str, str] = {}  # token -> entry text
        self._whole_squeezed: dict[str, str] = {}
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        self._inside: list[tuple[str, str]] = []  # stem -> entry text
        for entry in entries:
            tokens = normalize_entry(entry.text)
            if not tokens:
                continue
            if len(tokens) > 1:
                self._phrases.append((tokens, entry.text))
            elif entry.inside_words:
                self._inside.append((tokens[0], entry.text))
            else:
                self._whole[tokens[0]] = entry.text
                self._whole_squeezed.setdefault(squeeze(tokens[0]), entry.text)
        self._allowed = DEFAULT_ALLOWED | {fold(word) for word in allowed}

    @property
    def empty(self) -> bool:
        return not (self._whole or self._phrases or self._inside)

    def find(self, message: Normalized) -> WordHit | None:
        if self.empty:
            return None
        tokens = message.tokens
        allowed = self._allowed
        for token in tokens:
            entry = self._whole.get(token)
            if entry is not None and token not in allowed:
                return WordHit(entry, token)
        for variant in message.variants:
            if variant in allowed:
                continue
            entry = self._whole.get(variant)
            if entry is None and variant == squeeze(variant):
                entry = self._whole_squeezed.get(variant)
            if entry is not None:
                return WordHit(entry, variant)
        for phrase, entry in self._phrases:
            size = len(phrase)
            for start in range(len(tokens) - size + 1):
                if tokens[start : start + size] == phrase:
                    return WordHit(entry, " ".join(phrase))
        if self._inside:
            for token in (*tokens, *message.variants):
                if token in self._allowed:
                    continue
                for stem, entry in self._inside:
                    if stem in token:
                        return WordHit(entry, token)
        return None
