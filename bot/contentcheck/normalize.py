"""Text normalisation before matching, so evasions do not get past the rules.

Steps: markdown and spoiler markup removed; links percent-decoded; NFKC (fullwidth letters,
ligatures); zero-width and other invisible characters removed; combining marks (zalgo, also
umlaut dots: "blöd" and "blod" match alike) stripped; lookalike letters from Cyrillic and Greek
mapped to Latin; casefolded ("ß" -> "ss"). Leetspeak and letter stretching are handled as extra
variants of each token, so "1d10t", "iiiidiot" and "i d i o t" are caught while "1000" stays a
number for everything else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

MAX_CHARS = 4000  # Discord's limit for boosted messages; longer input is cut, not scanned

# Lookalikes that NFKC leaves alone: Cyrillic and Greek letters that look Latin.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i",
        "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ѡ": "w",
        "ɑ": "a", "ɡ": "g", "ı": "i", "ſ": "s", "ⅰ": "i", "ℓ": "l",
    }
)  # fmt: skip
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "€": "e",
    }
)
_LEET_CHARS = frozenset("0134578@$!|€")
_MARKUP = re.compile(r"\|\||[*_~`>#]")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+")
_LEET_TOKEN = re.compile(r"[^\s.,;:?\"'()\[\]{}<>/\\=+-]+")
_RUN = re.compile(r"(.)\1{2,}")
_SQUEEZE = re.compile(r"(.)\1+")


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cf", "Mn", "Me", "Cc") and char not in "\n\t"


@dataclass(frozen=True)
class Normalized:
    """A message prepared for matching."""

    text: str  # normalised text, words separated as written
    tokens: tuple[str, ...]  # words (letters and digits)
    variants: frozenset[
        str
    ]  # extra forms of words: leetspeak decoded, stretching removed, spaced-out letters joined

    def all_tokens(self) -> frozenset[str]:
        return frozenset(self.tokens) | self.variants


def strip_markup(text: str) -> str:
    return _MARKUP.sub("", text)


def decode_links(text: str) -> str:
    if "%" not in text:
        return text
    return _URL.sub(lambda m: unquote(unquote(m.group(0))), text)


def fold(text: str) -> str:
    """NFKC, invisible characters and combining marks removed, lookalikes mapped, casefolded."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text)
        text = "".join(ch for ch in decomposed if not _invisible(ch))
        text = text.translate(_CONFUSABLES)
        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def squeeze(token: str) -> str:
    """Every run of a repeated letter collapsed to one: "iiidiooot" -> "idiot"."""
    return _SQUEEZE.sub(r"\1", token)


def normalize(raw: str) -> Normalized:
    text = fold(decode_links(strip_markup(raw[:MAX_CHARS])))
    tokens = tuple(_TOKEN.findall(text))
    variants: set[str] = set()
    if _LEET_CHARS.intersection(text):
        for chunk in _LEET_TOKEN.findall(text):
            if _LEET_CHARS.intersection(chunk):
                decoded = chunk.translate(_LEET)
                variants.update(_TOKEN.findall(decoded))
    for token in tokens:
        if token.isalpha() and _RUN.search(token):
            variants.add(_RUN.sub(r"\1\1", token))
            variants.add(squeeze(token))
    # "i d i o t", "v.o.l.l.i.d.i.o.t": three or more single letters in a row are joined.
    run: list[str] = []
    for token in (*tokens, ""):
        if len(token) == 1:
            run.append(token)
            continue
        if len(run) >= 3:
            variants.add("".join(run))
        run = []
    variants.difference_update(tokens)
    return Normalized(text, tokens, frozenset(variants))
