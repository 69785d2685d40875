"""Blocked words and phrases, matched on Unicode tokens (never with re2's ASCII-only ``\\b``).

An entry matches whole words by default: "ass" blocks "ass" but not "assistance" or "class".
An entry marked *inside words* also matches as the **head** of a German compound: its last
part, with an inflection ending ("idiot" in "Vollidiot", "Idioten", "Riesenidioten"), where the
part before it is an ordinary German word of at least three letters (from a list of the 40,000
most frequent German words) and the whole is not an ordinary English word. It never matches as
just any substring: "Idiotensicher", "Hurenkind", "Dickdarm", "Analphabet", "Kanal",
"grapefruit" and "therapist" stay untouched. A moderator who really wants a prefix match
writes the entry with a trailing ``*`` ("idiot*" blocks "Idiotenpack" too). Words on the
allow-list never match. Phrases ("halt die fresse") match as consecutive words.

What the member is shown (and the case records) is what they typed: the span of the original
message that matched, never the normalised form.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.contentcheck.normalize import Normalized, fold, normalize, squeeze

MAX_ENTRIES = 500
MAX_ENTRY_LENGTH = 64
DATA = Path(__file__).with_name("data")

# Inflection endings of a German noun or adjective after the blocked stem.
ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "in", "innen", "chen")
MIN_MODIFIER = 3
LINKS = ("", "s", "es", "n", "en", "er", "e")  # German linking elements (Fugenelemente)

# Words that contain common blocked stems but are innocent (the Scunthorpe problem).
DEFAULT_ALLOWED: frozenset[str] = frozenset(
    {
        "scunthorpe",
        "assistance",
        "assistant",
        "assist",
        "assassin",
        "assessment",
        "assess",
        "asset",
        "assets",
        "class",
        "classic",
        "classes",
        "passion",
        "passage",
        "passenger",
        "pass",
        "password",
        "bass",
        "grass",
        "glass",
        "compass",
        "massive",
        "mass",
        "embassy",
        "cocktail",
        "cockpit",
        "hancock",
        "peacock",
        "shitake",
        "shiitake",
        "analysis",
        "analyst",
        "analog",
        "canal",
        "therapist",
        "night",
        "knight",
        "nightly",
        "tonight",
        "snigger",
        "dickens",
        "document",
        "sussex",
        "essex",
        "middlesex",
        "arsenal",
        "butterfly",
        "button",
        "scrap",
        "title",
        "titan",
        "hello",
        "shell",
        "skill",
        "skills",
        "kanal",
        "analyse",
        "analysen",
        "schwanger",
        "spastik",
        "mississippi",
        "bassist",
        "titel",
        "konsum",
        "schwanzflosse",
        "hundert",
        "hundstage",
        "pferdeschwanz",
        "fuchsschwanz",
        "kuhschwanz",
        "rattenschwanz",
        "dachshund",
        "bacchanal",
    }
)


@cache
def _lexicon(name: str) -> frozenset[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def german_words() -> frozenset[str]:
    return _lexicon("lexicon-de.txt.gz")


def english_words() -> frozenset[str]:
    return _lexicon("common-en.txt.gz")


def compound_head(token: str, stem: str) -> bool:
    """Whether ``token`` is ``stem`` inflected, or a German compound whose head it is."""
    for ending in ENDINGS:
        whole = stem + ending
        if not token.endswith(whole):
            continue
        modifier = token[: len(token) - len(whole)]
        if not modifier:
            return True
        if len(modifier) < MIN_MODIFIER or token in english_words():
            continue
        if any(token[cut:] in german_words() for cut in range(1, len(modifier))):
            continue  # the head is a longer word: "Auf|marsch", not "Aufm|arsch"
        # "Riesen|idiot", "Voll|idiot"; with a linking element between the parts: "Dreck|s|fotze"
        for link in LINKS:
            if not modifier.endswith(link):
                continue
            part = modifier[: len(modifier) - len(link)]
            if len(part) >= MIN_MODIFIER and part in german_words():
                return True
    return False


@dataclass(frozen=True)
class WordEntry:
    text: str
    inside_words: bool = False


@dataclass(frozen=True)
class WordHit:
    entry: str
    token: str  # the normalised token that matched (for allow-listing)
    excerpt: str = ""  # what the member typed: the matched span of the original text


def normalize_entry(text: str) -> tuple[str, ...]:
    """An entry as tokens, normalised exactly like messages are."""
    return normalize(text).tokens


class WordMatcher:
    """Compiled word list of one guild; immutable, rebuilt when the list changes."""

    def __init__(self, entries: Iterable[WordEntry], allowed: Iterable[str] = ()) -> None:
        self._whole: dict[str, str] = {}  # token -> entry text
        self._whole_squeezed: dict[str, str] = {}
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        self._heads: list[tuple[str, str]] = []  # stem -> entry text (compound heads)
        self._prefixes: list[tuple[str, str]] = []  # "idiot*": stem -> entry text
        for entry in entries:
            prefix = entry.text.rstrip().endswith("*")
            tokens = normalize_entry(entry.text.rstrip().rstrip("*"))
            if not tokens:
                continue
            if len(tokens) > 1:
                self._phrases.append((tokens, entry.text))
            elif prefix:
                self._prefixes.append((tokens[0], entry.text))
            elif entry.inside_words:
                self._heads.append((tokens[0], entry.text))
            else:
                self._whole[tokens[0]] = entry.text
                self._whole_squeezed.setdefault(squeeze(tokens[0]), entry.text)
        self._allowed = DEFAULT_ALLOWED | {fold(word) for word in allowed}
        self._stems = tuple({stem for stem, _ in (*self._prefixes, *self._heads)})

    @property
    def empty(self) -> bool:
        return not (self._whole or self._phrases or self._heads or self._prefixes)

    def find(self, message: Normalized, raw: str | None = None) -> WordHit | None:
        hit = self._find(message)
        if hit is None or raw is None:
            return hit
        return WordHit(hit.entry, hit.token, original_span(raw, hit.token))

    def _find(self, message: Normalized) -> WordHit | None:
        if self.empty:
            return None
        tokens = message.tokens
        allowed = self._allowed
        if not self._whole.keys().isdisjoint(tokens):  # most messages hold no listed word
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
        if self._heads or self._prefixes:
            # A stem inside a word is inside the text: without any, only the variants can match.
            text = message.text
            stems = self._stems
            words = tokens if any(stem in text for stem in stems) else ()
            for token in (*words, *message.variants):
                if token in allowed:
                    continue
                for stem, entry in self._prefixes:
                    if token.startswith(stem):
                        return WordHit(entry, token)
                for stem, entry in self._heads:
                    if stem in token and compound_head(token, stem):
                        return WordHit(entry, token)
        return None


_CHUNK = re.compile(r"\S+")
MAX_SPAN_CHUNKS = 40


def original_span(raw: str, token: str) -> str:
    """The part of what the member typed that normalises to ``token``: one word, or a run of
    words for letters written apart ("i d i o t"); the token's words for a phrase."""
    chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(raw)]
    parts = token.split(" ")
    for n, (start, end) in enumerate(chunks):
        text = normalize(raw[start:end])
        if parts[0] in text.all_tokens() or any(parts[0] in t for t in text.all_tokens()):
            if len(parts) == 1:
                return raw[start:end].strip(".,;:!?\"'()[]{}<>")[:100] or raw[start:end][:100]
            last = min(n + len(parts), len(chunks)) - 1
            return raw[start : chunks[last][1]][:100]
    # letters written apart: the shortest run of words that joins to it
    for size in range(2, min(MAX_SPAN_CHUNKS, len(chunks)) + 1):
        for n in range(len(chunks) - size + 1):
            span = raw[chunks[n][0] : chunks[n + size - 1][1]]
            if token in normalize(span).all_tokens():
                return span[:100]
    return raw.strip()[:100]  # never the normalised form: at worst, the message's start
