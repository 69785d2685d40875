"""The local offensive-language model: one logistic regression per language (de, en).

Runtime is the standard library only (``bot/contentcheck/textmodel.py``): the model is plain data
(gzip JSON, no pickles) of per-feature weights. The English model adds a lexicon part (Wiegand et
al.'s lexicon of abusive words) so that insults without the slurs of its training tweets are seen.
The language is decided by function words, and where they are unsure by a character n-gram
language identifier shipped in the same file: every message is scored by exactly one model.

A score alone never punishes anyone: at ``review`` the message goes to the moderators' review
queue (bot/moderation/review.py), never further; ``action`` only makes features refuse text they
would publish (shown back to the member, nothing recorded against them). Details, figures and limits:
``docs/offense-model.md``. Retrain with ``scripts/train_offense_model.py``.

Trained on (attribution required by CC BY 4.0, the MIT license and the BSD 3-Clause license):
- GermEval 2018 (CC BY 4.0): Michael Wiegand, Melanie Siegel, Josef Ruppenhofer: "Overview of the
  GermEval 2018 Shared Task on the Identification of Offensive Language", Proceedings of GermEval
  2018, Vienna, Austria.
- Davidson et al. 2017 (MIT): Thomas Davidson, Dana Warmsley, Michael Macy, Ingmar Weber:
  "Automated Hate Speech Detection and the Problem of Offensive Language", ICWSM 2017.
- The project's own Discord-style chat lines (``scripts/data/criticism-train*.tsv``): insults
  offensive, criticism and ordinary chat not.
- IRC chat (CC BY 4.0), ordinary lines as negatives: Jonathan K. Kummerfeld et al.: "A
  Large-Scale Corpus for Conversation Disentanglement", ACL 2019.
- Lexicon of abusive words (CC BY 4.0): Michael Wiegand, Josef Ruppenhofer, Anna Schmidt, Clayton
  Greenberg: "Inducing a Lexicon of Abusive Words - A Feature-Based Approach", NAACL-HLT 2018.
- LDNOOBW (CC BY 4.0): "List of Dirty, Naughty, Obscene, and Otherwise Bad Words", (c) 2012-2020
  Shutterstock, Inc.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.contentcheck.language import detect_language
from bot.contentcheck.textmodel import (
    CHAR_NGRAMS,
    MAX_CHARS,
    WORD_NGRAMS,
    LanguageId,
    LinearTextModel,
    ModelError,
    check_format,
    features,
    normalize,
    read_model_file,
    token_char_ngrams,
)

__all__ = [
    "CHAR_NGRAMS",
    "DEFAULT_MODEL_PATH",
    "FORMAT",
    "MAX_CHARS",
    "WORD_NGRAMS",
    "ModelError",
    "OffenseModel",
    "OffenseScore",
    "features",
    "normalize",
    "token_char_ngrams",
]

DEFAULT_MODEL_PATH = Path(__file__).with_name("offense_model.json.gz")
FORMAT = 2


@dataclass(frozen=True)
class OffenseScore:
    """How offensive a message looks: ``score`` is the model's probability (0..1)."""

    lang: str
    score: float
    review: bool  # score >= review threshold: flag for a moderator
    action: bool  # score >= action threshold: features refuse text they would publish


class _LanguageModel(LinearTextModel):
    """Weights and thresholds for one language."""

    __slots__ = ("action", "decision", "lang", "review")

    def __init__(self, lang: str, data: Mapping[str, Any]) -> None:
        super().__init__(data)
        self.lang = lang
        thresholds = data["thresholds"]
        self.review = float(thresholds["review"])
        self.action = float(thresholds["action"])
        if not 0.0 < self.review <= self.action < 1.0:
            raise ValueError(f"thresholds out of order: review={self.review} action={self.action}")


class OffenseModel:
    """Scores messages with the per-language models from one model file."""

    def __init__(
        self,
        models: Mapping[str, _LanguageModel],
        meta: Mapping[str, Any],
        language_id: LanguageId | None = None,
    ) -> None:
        self._models = dict(models)
        self.meta = dict(meta)
        self.language_id = language_id

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._models)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL_PATH) -> OffenseModel:
        """Read and validate a gzip JSON model; :class:`ModelError` says what is wrong."""
        data = read_model_file(path, FORMAT, "offense model", "scripts/train_offense_model.py")
        return cls.from_data(data, source=str(path))

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>") -> OffenseModel:
        """Build from the decoded JSON document (validated)."""
        check_format(data, FORMAT, "offense model", source)
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
        language_id = None
        if data.get("language_id"):
            try:
                language_id = LanguageId(data["language_id"])
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ModelError(
                    f"offense model at {source}: language id invalid: {exc!r}"
                ) from exc
        meta = {k: v for k, v in data.items() if k not in ("languages", "language_id")}
        return cls(models, meta, language_id)

    def clear_cache(self) -> None:
        """Forget the cached per-token sums (for benchmarks of the uncached cost)."""
        for model in self._models.values():
            model.clear_cache()

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

    def language(self, text: str, norm: str | None = None) -> str | None:
        """The language whose model scores ``text``: function words first, and where they are
        unsure the character n-gram identifier; None only for a model file without one."""
        lang: str | None = detect_language(text)
        if lang is None and self.language_id is not None:
            lang = self.language_id.decide(normalize(text) if norm is None else norm)
        return lang if lang in self._models else None

    def score(self, text: str, lang: str | None = None) -> OffenseScore:
        """Score a message with one language's model; with ``lang`` None the language is decided
        by :meth:`language` (a model file without an identifier keeps the higher of both)."""
        norm = normalize(text)
        if lang is None:
            lang = self.language(text, norm)
            if lang is None:
                scores = [self._score(m, norm) for m in self._models.values()]
                return max(scores, key=lambda s: s.score)
        return self._score(self._model(lang), norm)
