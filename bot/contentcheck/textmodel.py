"""The runtime of the bot's small text models (offensive language, criticism): standard library only.

A model is plain data (gzip JSON, no pickles): per-feature weights of a logistic regression, so
scoring a message is a sum of dictionary lookups. The training scripts
(``scripts/train_offense_model.py``, ``scripts/train_criticism_model.py``) featurise with the
functions below and check that this runtime reproduces scikit-learn's probabilities within 1e-6.

Features, after :func:`normalize`: character 2-5-grams inside each whitespace token padded with a
space on both sides (word-boundary aware), plus word unigrams and bigrams. Each feature counts its
occurrences and the sum is divided by the square root of the number of features extracted, which
depends on the text alone (so features dropped from the model keep their share of the norm). The
weights already contain the naive-Bayes log-count ratios the model was trained with (NB-LR).

A model may add a *lexicon part*: a few dense features from a word list with scores (how many
words of the message are in it, the highest and the summed score, profanity, second-person words
next to them), with weights folded from their standardisation. It is what lets a model trained
on tweets generalise to insults it has never seen in training.

:class:`LanguageId` tells German from English on short chat with character 1-3-gram naive Bayes
(``u r trash lol`` is English, not "unsure").
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

MAX_CHARS = 500  # only the start of a message is scored (cost stays bounded)
CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)
NORMALIZATION = 2  # 1: before punctuation runs were collapsed
CACHE_LIMIT = 50_000  # per model: tokens whose share of the sum is kept (two generations)

_URL = re.compile(r"(?:https?://|www\.)\S+")
_MENTION = re.compile(r"<[@#][!&]?\d+>|@\w+")
_CUSTOM_EMOJI = re.compile(r"<a?:(\w+):\d+>")
_RUN = re.compile(r"(.)\1{2,}")
_PUNCT_RUN = re.compile(r"([^\w\s])[^\w\s]+")
_WORD = re.compile(r"\w+")
# A text without a letter run of three or two signs in a row needs neither of those two passes.
_RUN_OR_SIGNS = re.compile(r"(.)\1\1|[^\w\s][^\w\s]")

# Lexicon part: the dense features, in this order.
LEXICON_FEATURES = ("hits", "max", "sum", "profanity", "you_hit", "you")


class ModelError(RuntimeError):
    """The model file is missing, unreadable or not a valid model."""


def check_format(data: Any, fmt: int, what: str, source: str) -> None:
    """A decoded model document must be a JSON object of the runtime's format."""
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise ModelError(f"{what} at {source} is not format {fmt}")


def read_model_file(path: Path, fmt: int, what: str, retrain: str) -> dict[str, Any]:
    """Decode a gzip JSON model file of the given format; :class:`ModelError` says what is wrong."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ModelError(f"{what} not found at {path}; retrain with {retrain}") from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{what} at {path} is corrupt: {exc}") from exc
    check_format(data, fmt, what, str(path))
    return data


@functools.lru_cache(maxsize=512)
def normalize(text: str) -> str:
    """Lower-cased, links and mentions replaced by placeholders, letter runs cut to two, and a
    run of punctuation or emoji cut to its first sign ("!!!" and "?!?!" weigh like "!" and "?").

    Kept for the last few hundred texts: the offensive-language model and the inbox's criticism
    model read the same message."""
    text = text[:MAX_CHARS].lower()
    if "<" in text:
        text = _CUSTOM_EMOJI.sub(r" \1 ", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" xurl ", text)
    if "@" in text or "<" in text:
        text = _MENTION.sub(" xuser ", text)
    if _RUN_OR_SIGNS.search(text) is None:
        return text
    return _PUNCT_RUN.sub(r"\1", _RUN.sub(r"\1\1", text))


def token_char_ngrams(token: str, lo: int = CHAR_NGRAMS[0], hi: int = CHAR_NGRAMS[1]) -> list[str]:
    """Character n-grams of one whitespace token, padded with a space on both sides."""
    padded = f" {token} "
    size = len(padded)
    return [padded[i : i + n] for n in range(lo, hi + 1) for i in range(size - n + 1)]


def words_of(norm: str) -> list[str]:
    return _WORD.findall(norm)


def word_ngrams(words: list[str]) -> list[str]:
    """Word unigrams and bigrams (joined by one space)."""
    return [*words, *(f"{a} {b}" for a, b in pairwise(words))]


def features(text: str) -> tuple[list[str], list[str]]:
    """All (character, word) features of raw text, with repeats; used by the training scripts."""
    norm = normalize(text)
    chars = [gram for token in norm.split() for gram in token_char_ngrams(token)]
    return chars, word_ngrams(words_of(norm))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Lexicon:
    """Scored word list and the dense features it gives a text."""

    __slots__ = ("profanity", "scores", "you")

    def __init__(self, scores: Mapping[str, float], profanity: Iterable[str], you: Iterable[str]):
        self.scores = {str(w): float(s) for w, s in scores.items()}
        self.profanity = frozenset(profanity)
        self.you = frozenset(you)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Lexicon:
        return cls(data["scores"], data["profanity"], data["you"])

    def to_data(self) -> dict[str, Any]:
        return {
            "scores": self.scores,
            "profanity": sorted(self.profanity),
            "you": sorted(self.you),
        }

    def score_of(self, word: str) -> float | None:
        hit = self.scores.get(word)
        if hit is None and len(word) > 3 and word.endswith("s"):
            hit = self.scores.get(word[:-1])  # plain English plural
        return hit

    def dense(self, words: list[str]) -> tuple[float, ...]:
        """(hits, max, sum, profanity, you_hit, you) of a text's words."""
        found = [s for s in map(self.score_of, words) if s is not None]
        you = any(w in self.you for w in words)
        return (
            float(len(found)),
            max(found, default=0.0),
            sum(found),
            float(sum(1 for w in words if w in self.profanity)),
            float(bool(found) and you),
            float(you),
        )


class LinearTextModel:
    """One logistic regression over the features above (one language, one task).

    What a whitespace token gives the sum is the same in every message: its character n-gram
    weights, its words' unigram weights, its words and their lexicon facts. That is computed once
    per token and kept (:class:`_TokenCache`); a message then costs one lookup per token and one
    per word pair."""

    __slots__ = ("_cache", "bias", "char", "dense_weights", "lexicon", "word")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.bias = float(data["bias"])
        weights = data["weights"]
        self.char: dict[str, float] = {str(k): float(v) for k, v in weights["char"].items()}
        self.word: dict[str, float] = {str(k): float(v) for k, v in weights["word"].items()}
        config = data["ngram_config"]
        if (
            tuple(config["char"]) != CHAR_NGRAMS
            or tuple(config["word"]) != WORD_NGRAMS
            or int(config["max_chars"]) != MAX_CHARS
            or int(config.get("normalization", 1)) != NORMALIZATION
        ):
            raise ValueError(f"unsupported ngram_config {config!r}")
        lexicon = data.get("lexicon")
        self.lexicon = Lexicon.from_data(lexicon) if lexicon else None
        dense = weights.get("dense") or {}
        self.dense_weights = tuple(float(dense.get(name, 0.0)) for name in LEXICON_FEATURES)
        self._cache = _TokenCache(self._token)

    def _token(self, token: str) -> _Token:
        """(weight sum, feature count, words, lexicon scores, profanity count, second person)
        of one whitespace token: its character n-grams and its words' unigrams."""
        get = self.char.get
        grams = token_char_ngrams(token)
        words = tuple(_WORD.findall(token))
        wget = self.word.get
        total = sum([get(g, 0.0) for g in grams]) + sum([wget(w, 0.0) for w in words])
        lexicon = self.lexicon
        if lexicon is None or not words:
            return (total, len(grams) + len(words), words, (), 0, False)
        scores = tuple(s for s in map(lexicon.score_of, words) if s is not None)
        profane = sum(1 for w in words if w in lexicon.profanity)
        you = any(w in lexicon.you for w in words)
        return (total, len(grams) + len(words), words, scores, profane, you)

    def logit(self, norm: str) -> float:
        """The model's log-odds for normalised text."""
        total = 0.0
        count = 0
        words: list[str] = []
        entries = [self._cache.get(tok) for tok in norm.split()]
        for entry in entries:
            total += entry[0]
            count += entry[1]
            words += entry[2]
        if len(words) > 1:
            get = self.word.get
            total += sum([get(f"{a} {b}", 0.0) for a, b in pairwise(words)])
            count += len(words) - 1
        z = self.bias + (total / math.sqrt(count) if count else 0.0)
        if self.lexicon is not None:
            found = [s for entry in entries for s in entry[3]]
            you = any(entry[5] for entry in entries)
            dense = (
                float(len(found)),
                max(found, default=0.0),
                sum(found),
                float(sum(entry[4] for entry in entries)),
                float(bool(found) and you),
                float(you),
            )
            z += sum(w * f for w, f in zip(self.dense_weights, dense, strict=True))
        return z

    def probability(self, norm: str) -> float:
        return sigmoid(self.logit(norm))

    def clear_cache(self) -> None:
        self._cache.clear()


_Token = tuple[float, int, tuple[str, ...], tuple[float, ...], int, bool]


class _TokenCache:
    """What each token gives, for the tokens seen lately: two generations of plain dictionaries.
    A token found in the older one moves to the newer; when the newer is full it becomes the
    older and the oldest generation is dropped. Common words stay (every use renews them), a
    flood of new tokens evicts what was not used since, and a hit costs one dictionary lookup
    (no reordering, unlike an exact LRU)."""

    __slots__ = ("_make", "_new", "_old")

    def __init__(self, make: Callable[[str], _Token]) -> None:
        self._make = make
        self._new: dict[str, _Token] = {}
        self._old: dict[str, _Token] = {}

    def get(self, token: str) -> _Token:
        entry = self._new.get(token)
        if entry is not None:
            return entry
        entry = self._old.get(token)
        if entry is None:
            entry = self._make(token)
        if len(self._new) >= CACHE_LIMIT // 2:
            self._old, self._new = self._new, {}
        self._new[token] = entry
        return entry

    def __len__(self) -> int:
        return len(self._new) + len(self._old)

    def clear(self) -> None:
        self._new, self._old = {}, {}


class LanguageId:
    """German or English by character 1-3-gram naive Bayes (padded words), for short chat."""

    __slots__ = ("floor", "logp", "prior")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.logp = {
            lang: {str(g): float(v) for g, v in grams.items()}
            for lang, grams in data["logp"].items()
        }
        self.floor = {lang: float(v) for lang, v in data["floor"].items()}
        self.prior = {lang: float(v) for lang, v in data["prior"].items()}
        if set(self.logp) != {"de", "en"}:
            raise ValueError("language id must know exactly de and en")

    @staticmethod
    def grams(norm: str) -> list[str]:
        return [
            g for w in _WORD.findall(norm) if not w.isdigit() for g in token_char_ngrams(w, 1, 3)
        ]

    def margin(self, norm: str) -> float:
        """log P(de) - log P(en); positive means German."""
        grams = self.grams(norm)
        de, en = self.logp["de"], self.logp["en"]
        fde, fen = self.floor["de"], self.floor["en"]
        total = self.prior["de"] - self.prior["en"]
        for g in grams:
            total += de.get(g, fde) - en.get(g, fen)
        return total

    def decide(self, norm: str) -> str:
        return "de" if self.margin(norm) > 0 else "en"
