"""The local offensive-language model: one logistic regression per language (de, en).

Runtime is the standard library only: the model is plain data (gzip JSON, no pickles) of
per-feature weights, and this module reproduces the training featurisation exactly (the training
script checks that its scores equal scikit-learn's probabilities within 1e-6).

Features, after :func:`normalize`: character 2-5-grams inside each whitespace token padded with a
space on both sides (word-boundary aware), plus word unigrams and bigrams. Each feature counts
its occurrences and the whole vector is divided by the square root of the number of features
extracted, which depends on the text alone (so dropped features keep their share of the norm).

A score alone never punishes anyone: at ``review`` the message goes to the moderators' review
queue (bot/moderation/review.py), never further; ``action`` only makes features refuse text they
would publish (shown back to the member, nothing recorded against them). Details, figures and limits:
``docs/offense-model.md``. Retrain with ``scripts/train_offense_model.py``.

Trained on (attribution required by CC BY 4.0 and the MIT license):
- GermEval 2018 (CC BY 4.0): Michael Wiegand, Melanie Siegel, Josef Ruppenhofer: "Overview of the
  GermEval 2018 Shared Task on the Identification of Offensive Language", Proceedings of GermEval
  2018, Vienna, Austria.
- Davidson et al. 2017 (MIT): Thomas Davidson, Dana Warmsley, Michael Macy, Ingmar Weber:
  "Automated Hate Speech Detection and the Problem of Offensive Language", ICWSM 2017.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

from bot.contentcheck.language import detect_language

DEFAULT_MODEL_PATH = Path(__file__).with_name("offense_model.json.gz")
FORMAT = 1
MAX_CHARS = 500  # only the start of a message is scored (cost stays bounded)
CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)
_CACHE_LIMIT = 50_000  # per language: cached per-token sums of character n-gram weights

_URL = re.compile(r"(?:https?://|www\.)\S+")
_MENTION = re.compile(r"<[@#][!&]?\d+>|@\w+")
_CUSTOM_EMOJI = re.compile(r"<a?:(\w+):\d+>")
_RUN = re.compile(r"(.)\1{2,}")
_WORD = re.compile(r"\w+")


class ModelError(RuntimeError):
    """The model file is missing, unreadable or not a valid offense model."""


@dataclass(frozen=True)
class OffenseScore:
    """How offensive a message looks: ``score`` is the model's probability (0..1)."""

    lang: str
    score: float
    review: bool  # score >= review threshold: flag for a moderator
    action: bool  # score >= action threshold: features refuse text they would publish


def normalize(text: str) -> str:
    """Lower-cased, links and mentions replaced by placeholders, letter runs cut to two."""
    text = text[:MAX_CHARS].lower()
    if "<" in text:
        text = _CUSTOM_EMOJI.sub(r" \1 ", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" xurl ", text)
    if "@" in text or "<" in text:
        text = _MENTION.sub(" xuser ", text)
    return _RUN.sub(r"\1\1", text)


def token_char_ngrams(token: str, lo: int = CHAR_NGRAMS[0], hi: int = CHAR_NGRAMS[1]) -> list[str]:
    """Character n-grams of one whitespace token, padded with a space on both sides."""
    padded = f" {token} "
    size = len(padded)
    return [padded[i : i + n] for n in range(lo, hi + 1) for i in range(size - n + 1)]


def word_ngrams(text: str, lo: int = WORD_NGRAMS[0], hi: int = WORD_NGRAMS[1]) -> list[str]:
    """Word n-grams (words joined by one space) of normalised text."""
    words = _WORD.findall(text)
    return [
        " ".join(words[i : i + n]) for n in range(lo, hi + 1) for i in range(len(words) - n + 1)
    ]


def features(text: str) -> tuple[list[str], list[str]]:
    """All (character, word) features of raw text, with repeats; used by the training script."""
    norm = normalize(text)
    chars = [gram for token in norm.split() for gram in token_char_ngrams(token)]
    return chars, word_ngrams(norm)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class _LanguageModel:
    """Weights and thresholds for one language."""

    __slots__ = ("_cache", "action", "bias", "char", "lang", "review", "word")

    def __init__(self, lang: str, data: Mapping[str, Any]) -> None:
        self.lang = lang
        self.bias = float(data["bias"])
        weights = data["weights"]
        self.char: dict[str, float] = {str(k): float(v) for k, v in weights["char"].items()}
        self.word: dict[str, float] = {str(k): float(v) for k, v in weights["word"].items()}
        self.review = float(data["thresholds"]["review"])
        self.action = float(data["thresholds"]["action"])
        config = data["ngram_config"]
        if (
            tuple(config["char"]) != CHAR_NGRAMS
            or tuple(config["word"]) != WORD_NGRAMS
            or int(config["max_chars"]) != MAX_CHARS
        ):
            raise ValueError(f"unsupported ngram_config {config!r}")
        if not 0.0 < self.review <= self.action < 1.0:
            raise ValueError(f"thresholds out of order: review={self.review} action={self.action}")
        self._cache: dict[str, tuple[float, int]] = {}

    def _token(self, token: str) -> tuple[float, int]:
        hit = self._cache.get(token)
        if hit is None:
            get = self.char.get
            grams = token_char_ngrams(token)
            hit = (sum([get(g, 0.0) for g in grams]), len(grams))
            if len(self._cache) >= _CACHE_LIMIT:
                # the oldest tenth goes, not the whole cache: common words stay warm
                for old in list(islice(self._cache, _CACHE_LIMIT // 10)):
                    del self._cache[old]
            self._cache[token] = hit
        return hit

    def probability(self, norm: str) -> float:
        total = 0.0
        count = 0
        token = self._token
        for tok in norm.split():
            value, n = token(tok)
            total += value
            count += n
        words = _WORD.findall(norm)
        if words:
            get = self.word.get
            total += sum([get(w, 0.0) for w in words])
            total += sum([get(f"{a} {b}", 0.0) for a, b in pairwise(words)])
            count += 2 * len(words) - 1
        if count == 0:
            return _sigmoid(self.bias)
        return _sigmoid(self.bias + total / math.sqrt(count))


class OffenseModel:
    """Scores messages with the per-language models from one model file."""

    def __init__(self, models: Mapping[str, _LanguageModel], meta: Mapping[str, Any]) -> None:
        self._models = dict(models)
        self.meta = dict(meta)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._models)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL_PATH) -> OffenseModel:
        """Read and validate a gzip JSON model; :class:`ModelError` says what is wrong."""
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise ModelError(
                f"offense model not found at {path}; retrain with scripts/train_offense_model.py"
            ) from None
        except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
            raise ModelError(f"offense model at {path} is corrupt: {exc}") from exc
        return cls.from_data(data, source=str(path))

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>") -> OffenseModel:
        """Build from the decoded JSON document (validated)."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f"offense model at {source} is not format {FORMAT}")
        languages = data.get("languages")
        if not isinstance(languages, dict) or not languages:
            raise ModelError(f"offense model at {source} has no languages")
        models: dict[str, _LanguageModel] = {}
        for lang, entry in languages.items():
            try:
                models[lang] = _LanguageModel(lang, entry)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ModelError(
                    f"offense model at {source}: language {lang!r} invalid: {exc!r}"
                ) from exc
        meta = {k: v for k, v in data.items() if k != "languages"}
        return cls(models, meta)

    def clear_cache(self) -> None:
        """Forget the cached per-token sums (for benchmarks of the uncached cost)."""
        for model in self._models.values():
            model._cache.clear()

    def thresholds(self, lang: str) -> tuple[float, float]:
        """(review, action) thresholds of a language."""
        model = self._model(lang)
        return model.review, model.action

    def _model(self, lang: str) -> _LanguageModel:
        try:
            return self._models[lang]
        except KeyError:
            raise ValueError(f"no offense model for language {lang!r}") from None

    def _score(self, model: _LanguageModel, norm: str) -> OffenseScore:
        p = model.probability(norm)
        return OffenseScore(model.lang, p, p >= model.review, p >= model.action)

    def score(self, text: str, lang: str | None = None) -> OffenseScore:
        """Score a message; with ``lang`` None the language is detected, and when detection is
        unsure every language's model scores it and the highest score is kept."""
        norm = normalize(text)
        if lang is None:
            lang = detect_language(text)
            if lang is None or lang not in self._models:
                scores = [self._score(m, norm) for m in self._models.values()]
                return max(scores, key=lambda s: s.score)
        return self._score(self._model(lang), norm)
