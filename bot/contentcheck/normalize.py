"""Text normalisation before matching, so evasions do not get past the rules.

Steps: markdown and spoiler markup removed; links percent-decoded; NFKC (fullwidth letters,
ligatures); zero-width and other invisible characters removed; combining marks (zalgo, also
umlaut dots: "blöd" and "blod" match alike) stripped; lookalike letters of other scripts mapped
to Latin inside words written in Latin letters (Unicode's confusables data); casefolded ("ß" -> "ss"). Leetspeak and letter stretching are handled as extra
variants of each token, so "1d10t", "iiiidiot" and "i d i o t" are caught while "1000" stays a
number for everything else.
"""

from __future__ import annotations

import functools
import json
import re
import string
import unicodedata
from dataclasses import dataclass
from importlib import resources
from urllib.parse import unquote

MAX_CHARS = 4000  # Discord's limit for boosted messages; longer input is cut, not scanned


def _lookalikes() -> dict[int, str]:
    """Letters of other scripts that look like a Latin letter (Unicode's confusables data, through
    the confusable-homoglyphs package): Cyrillic "а", Greek "σ", Armenian "օ", "ɩ" ... Digits and
    ASCII symbols are not in the table ("0" for "o" is leetspeak, a separate step)."""
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    table: dict[int, str] = {}
    for letter in string.ascii_lowercase:
        for key in (letter, letter.upper()):
            for entry in data.get(key, ()):
                char = entry["c"]
                if len(char) == 1 and not char.isascii():
                    table.setdefault(ord(char), letter)
    # Capitals that look like "I" stand for "i" in a word (Unicode's prototype is "l").
    table.update({ord("Ι"): "i", ord("І"): "i", ord("Ӏ"): "i"})
    # Lowercase letters that look like a Latin capital (Cyrillic "в", "н", "т", "м", "к").
    for char, letter in {
        "в": "b",
        "н": "h",
        "т": "t",
        "м": "m",
        "к": "k",
        "ь": "b",
        "г": "r",
    }.items():
        table.setdefault(ord(char), letter)
    return table


_CONFUSABLES = _lookalikes()
_LOOKALIKE_CHARS = frozenset(map(chr, _CONFUSABLES))  # does a text hold one at all
_LATIN_LETTER = re.compile(r"[a-zA-Z]")
_WORD = re.compile(r"\S+")


def _fold_lookalikes(word: str) -> str:
    """A word's lookalike letters as Latin letters, where the word is written in Latin letters
    with some from another script ("раураl"), or only in lookalikes ("ѕсаm"); a word of another
    script stays as it is ("привет" is Russian, not an evasion)."""
    folded = word.translate(_CONFUSABLES)
    if folded == word:
        return word
    if _LATIN_LETTER.search(word) or all(not c.isalpha() or c.isascii() for c in folded):
        return folded
    return word


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
_SEPARATORS = r"\s.,;:?\"'()\[\]{}<>/\\=+-"  # what ends a leetspeak chunk
_LEET_TOKEN = re.compile(f"[^{_SEPARATORS}]+")
# An exclamation mark with more of its chunk after it ("!diot", "h!er"); a chunk's trailing marks
# are punctuation ("toll!!!"), so text whose only leetspeak sign is such a "!" has no variant.
_INNER_BANG = re.compile(f"![^!{_SEPARATORS}]")
_RUN = re.compile(r"(.)\1{2,}")
_SQUEEZE = re.compile(r"(.)\1+")


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cf", "Mn", "Me", "Cc") and char not in "\n\t"


class _Dropped(dict[int, int | None]):
    """For ``str.translate``: invisible characters and combining marks map to None (removed),
    every other character to itself; each character is classified once, then looked up in C."""

    def __missing__(self, code: int) -> int | None:
        kept = None if _invisible(chr(code)) else code
        self[code] = kept
        return kept


_DROP = _Dropped()
_BANG = frozenset("!")


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
        text = unicodedata.normalize("NFD", text).translate(_DROP)
        if not _LOOKALIKE_CHARS.isdisjoint(text):  # only then word by word
            text = _WORD.sub(lambda m: _fold_lookalikes(m.group(0)), text)
        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def squeeze(token: str) -> str:
    """Every run of a repeated letter collapsed to one: "iiidiooot" -> "idiot"."""
    return _SQUEEZE.sub(r"\1", token)


@functools.lru_cache(maxsize=512)
def normalize(raw: str) -> Normalized:
    """The message prepared for matching. Kept for the last few hundred texts: the rules, the
    offensive-language model's input and the inbox's mask normalise the same message."""
    text = fold(decode_links(strip_markup(raw[:MAX_CHARS])))
    tokens = tuple(_TOKEN.findall(text))
    variants: set[str] = set()
    leet = _LEET_CHARS.intersection(text)
    if leet and (leet != _BANG or _INNER_BANG.search(text) is not None):
        for chunk in _LEET_TOKEN.findall(text):
            chunk = chunk.rstrip("!")  # "idiot!" ends with punctuation, not with the letter i
            if _LEET_CHARS.intersection(chunk):
                decoded = chunk.translate(_LEET)
                variants.update(_TOKEN.findall(decoded))
    if _RUN.search(text):  # most messages stretch no letter: no token needs a look
        for token in tokens:
            if token.isalpha() and _RUN.search(token):
                variants.add(_RUN.sub(r"\1\1", token))
                variants.add(squeeze(token))
    # "i d i o t", "v.o.l.l.i.d.i.o.t": three or more single letters in a row are joined.
    run: list[str] = []
    singles = list(map(len, tokens)).count(1) if len(tokens) >= 3 else 0
    for token in (*tokens, "") if singles >= 3 else ():
        if len(token) == 1:
            run.append(token)
            continue
        if len(run) >= 3:
            joined = "".join(run)
            variants.add(joined)
            if _LEET_CHARS.intersection(joined):  # "i d 1 o t"
                variants.update(_TOKEN.findall(joined.translate(_LEET)))
        run = []
    variants.difference_update(tokens)
    return Normalized(text, tokens, frozenset(variants))
