"""Is a chat message civil criticism that belongs in the feedback inbox? Pure, German and English.

A small trained model decides (``criticism_model.json.gz``, trained by
``scripts/train_criticism_model.py``; same runtime as the offensive-language model,
``bot/contentcheck/textmodel.py``). It has two heads, each fitted on German and English lines
together with a threshold per language: *criticism* (civil criticism of what the team runs: the
server, its team, rules, events, the bot, the team's product) and *insult* (abuse aimed at people).
The criticism probability is a product of two logistic regressions: one fitted on all training
rows (our lines and ordinary corpus chat) and a *refining* one fitted on our labelled lines only,
which separates criticism from praise, questions and complaints about the same kind of things.
Negative talk about things the team does not run (a new phone, a graphics driver update, the
train) is ordinary chat, not criticism.

Routing: :meth:`CriticismModel.candidate` screens every message; only candidates get an
offensive-language score and :meth:`CriticismModel.judge`:
- abuse is never criticism: when the offensive-language model puts the message in the review
  queue, or the insult head fires, the inbox stays out of it (moderators see it in review);
- profanity about a thing inside criticism ("the event was crap") still goes to the inbox, with a
  note, and the model alone never punishes anyone.

Before the heads read a message, its normalised text has its umlauts and ß folded (``für`` and
``fuer`` are one word to the model; ``prepare``), as in training.

Figures per validation source and limits: ``docs/criticism-model.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.contentcheck.language import detect_language
from bot.contentcheck.textmodel import (
    MAX_CHARS,
    LinearTextModel,
    ModelError,
    check_format,
    normalize,
    read_model_file,
)

DEFAULT_MODEL_PATH = Path(__file__).with_name("criticism_model.json.gz")
FORMAT = 3  # 1: without the umlaut folding; 2: without the refining head
MIN_CHARS = 12
MIN_WORDS = 3
PROFANE = 0.5  # the offensive-language model's score from which criticism carries a note
MASK = "▮"
# German written without umlauts ("fuer", "waere", "koennt") is common in chat: fold both spellings
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class Finding:
    criticism: bool
    reason: str  # why (for tests and the benchmark's error analysis)
    profanity: bool = False  # criticism with profanity about a thing: the inbox item says so


class _Head(LinearTextModel):
    """One head (criticism or insult), fitted on both languages, with a threshold per language."""

    __slots__ = ("thresholds",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__(data)
        self.thresholds = {str(k): float(v) for k, v in data["thresholds"].items()}
        if set(self.thresholds) != {"de", "en"} or not all(
            0.0 < t < 1.0 for t in self.thresholds.values()
        ):
            raise ValueError(f"thresholds must be de and en in (0, 1): {self.thresholds}")


class CriticismModel:
    """The criticism head (with its refining head) and the insult head."""

    def __init__(
        self, heads: Mapping[str, _Head], refine: LinearTextModel, meta: Mapping[str, Any]
    ) -> None:
        self.criticism = heads["criticism"]
        self.insult = heads["insult"]
        self.refine = refine
        self.meta = dict(meta)
        self._floor = min(self.criticism.thresholds.values())

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL_PATH) -> CriticismModel:
        data = read_model_file(path, FORMAT, "criticism model", "scripts/train_criticism_model.py")
        return cls.from_data(data, source=str(path))

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>") -> CriticismModel:
        check_format(data, FORMAT, "criticism model", source)
        try:
            heads = {name: _Head(data["heads"][name]) for name in ("criticism", "insult")}
            refine = LinearTextModel(data["heads"]["refine"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"criticism model at {source} invalid: {exc!r}") from exc
        return cls(heads, refine, {k: v for k, v in data.items() if k != "heads"})

    def _criticism(self, norm: str, below: float) -> float:
        """The criticism probability of prepared text; where the first head alone is already
        below ``below``, that upper bound (the refining head is not read)."""
        first = self.criticism.probability(norm)
        if first < below:
            return first
        return first * self.refine.probability(norm)

    def probabilities(self, text: str) -> dict[str, float]:
        norm = prepare(text)
        return {
            "criticism": self._criticism(norm, 0.0),
            "insult": self.insult.probability(norm),
        }

    def candidate(self, text: str) -> bool:
        """The cheap first pass on every message: long enough, and the criticism probability at or
        above the lower of its two thresholds (the refining head is read only where the first head
        alone reaches it). Only candidates are scored for offense and judged."""
        if not prefilter(text):
            return False
        return self._criticism(prepare(text), self._floor) >= self._floor

    def judge(
        self,
        text: str,
        lang: str | None = None,
        offense_review: bool = False,
        offense_score: float | None = None,
    ) -> Finding:
        """Decide with both heads and the offensive-language model's verdict on the message."""
        if not prefilter(text):
            return Finding(False, "too short")
        if offense_review:
            return Finding(False, "abusive: the review queue's business")
        if lang not in ("de", "en"):
            lang = detect_language(text) or "en"
        norm = prepare(text)
        threshold = self.criticism.thresholds[lang]
        score = self._criticism(norm, 0.0)  # judged texts are candidates: read both heads
        if score < threshold:
            return Finding(False, f"{lang}: criticism {score:.2f} below {threshold}")
        insult = self.insult.probability(norm)  # only for criticism: most messages stop above
        if insult >= self.insult.thresholds[lang]:
            return Finding(False, f"{lang}: insult {insult:.2f}")
        profane = offense_score is not None and offense_score >= PROFANE
        return Finding(True, f"{lang}: criticism {score:.2f}", profanity=profane)


@cache
def default_model() -> CriticismModel:
    return CriticismModel.load()


def prepare(text: str) -> str:
    """The text as both heads read it: normalised (as for the offensive-language model), then
    umlauts and ß folded (ä -> ae, ö -> oe, ü -> ue, ß -> ss), cut to the scored length again."""
    norm = normalize(text)
    if norm.isascii():
        return norm
    return norm.translate(_FOLD)[:MAX_CHARS]


def prefilter(text: str) -> bool:
    """Cheap check on every message: long enough to be criticism at all."""
    return (
        len(text) >= MIN_CHARS
        and text.count(" ") >= MIN_WORDS - 1
        and any(c.isalpha() for c in text)
    )


def mask(text: str, spans: Iterable[str]) -> str:
    """The text with each span (what a word rule matched, as typed) masked: first letter kept."""
    for span in spans:
        if span and span in text:
            text = text.replace(span, span[0] + MASK * (len(span) - 1))
    return text
