"""The content check service: each guild's compiled rules, cached; used by auto-moderation on
every message and by features that receive member text (Q&A questions, contest entries, FAQ).
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.contentcheck import repository
from bot.contentcheck.normalize import fold, normalize
from bot.contentcheck.rules import AutomodConfig, CompiledConfig, Verdict, evaluate_text
from bot.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OffenseResult:
    lang: str
    score: float
    review: bool
    action: bool
    review_threshold: float
    action_threshold: float


SCORE_CACHE = 4096  # recent texts whose score is kept (least recently used goes first)


class ContentCheckService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._compiled: dict[int, CompiledConfig] = {}
        self._model: object | None = None
        self._model_failed = False
        self._loading = threading.Lock()  # the start's warm-up and a first batch load it once
        # Recent scores by text: auto-moderation and the inbox's judge score the same message
        # within a second; the second asks here instead of running the model again.
        self._scores: OrderedDict[str, OffenseResult | None] = OrderedDict()
        self._scores_lock = threading.Lock()  # scored in worker threads, two at a time

    async def load(self) -> None:
        configs = await repository.load_all(self._db)
        self._compiled = {guild_id: CompiledConfig(config) for guild_id, config in configs.items()}

    async def reload(self, guild_id: int) -> CompiledConfig:
        compiled = CompiledConfig(await repository.load(self._db, guild_id))
        self._compiled[guild_id] = compiled
        return compiled

    def compiled(self, guild_id: int) -> CompiledConfig:
        compiled = self._compiled.get(guild_id)
        if compiled is None:
            compiled = self._compiled[guild_id] = CompiledConfig(AutomodConfig(guild_id))
        return compiled

    def config(self, guild_id: int) -> AutomodConfig:
        return self.compiled(guild_id).config

    def forget_guild(self, guild_id: int) -> None:
        self._compiled.pop(guild_id, None)

    # --- the offensive-language model -----------------------------------------------------

    def _load_model(self) -> object | None:
        if self._model is not None or self._model_failed:
            return self._model
        with self._loading:
            if self._model is not None or self._model_failed:
                return self._model
            try:
                from bot.contentcheck.offense import OffenseModel

                self._model = OffenseModel.load()
            except Exception:
                self._model_failed = True
                log.exception("The offensive-language model could not be loaded; that rule is off")
        return self._model

    def score_offense(self, texts: Sequence[str]) -> list[OffenseResult | None]:
        """Score a batch (call off the message path, e.g. from a batching task)."""
        model = self._load_model()
        if model is None:
            return [None for _ in texts]
        results: list[OffenseResult | None] = []
        cache = self._scores
        for text in texts:
            if not text.strip():
                results.append(None)
                continue
            if text in cache:
                cache.move_to_end(text)
                results.append(cache[text])
                continue
            score = model.score(model_text(text))  # type: ignore[attr-defined]
            review, action = model.thresholds(score.lang)  # type: ignore[attr-defined]
            result = OffenseResult(
                score.lang, score.score, score.review, score.action, review, action
            )
            cache[text] = result
            if len(cache) > SCORE_CACHE:
                cache.popitem(last=False)
            results.append(result)
        return results

    async def score_offense_async(self, texts: Sequence[str]) -> list[OffenseResult | None]:
        """The same in a worker thread, so a large batch never blocks the event loop."""
        return await asyncio.to_thread(self.score_offense, texts)

    # --- for features -----------------------------------------------------------------------

    async def check_text(self, guild_id: int, text: str) -> list[Verdict]:
        """The guild's content rules and the offensive-language model on a piece of member text.

        Features decide what to do with the verdicts (usually: refuse the text, showing it back to
        the member, or send it to review); nothing is punished here.
        """
        compiled = self.compiled(guild_id)
        verdicts = evaluate_text(compiled, text)
        if compiled.config.rule("offense").enabled:
            (result,) = await self.score_offense_async([text])
            verdict = offense_verdict(compiled, result)
            if verdict is not None:
                verdicts.append(verdict)
        return verdicts


_WRITTEN = re.compile(r"[^\W_]+")
# What the rules' normalisation removes from ASCII text (markup, and %-escapes in links), so that
# words written apart can come out joined: without these, its tokens are the written words.
_CHANGES_WORDS = re.compile(r"[|*_~`>#%]")


def model_text(text: str) -> str:
    """What the model scores: the message as written, plus the forms the rules see when it
    hides words (letters spaced out, leetspeak, stretching, lookalike letters, invisible
    characters). An ordinary message is scored as it is; "i d i 0 t" is also scored as "idiot"."""
    normalized = normalize(text)
    if not normalized.variants and text.isascii() and _CHANGES_WORDS.search(text) is None:
        return text  # its words are the rules' words: nothing is hidden
    written = {token.casefold() for token in _WRITTEN.findall(text)}
    extra = {
        t
        for t in (*normalized.tokens, *normalized.variants)
        if len(t) >= 3 and t not in written and t.isalpha()
    }
    if not extra:
        return text
    # Only accents of Latin letters differ ("blod" from "blöd"): not an evasion, the model knows
    # the word as written. (A word in ASCII folds to itself, which is never among the extra.)
    accented = {
        folded
        for word in written
        if not word.isascii() and len(folded := fold(word)) == len(word) and _latin(word)
    }
    hidden = sorted(extra - accented)
    return f"{text} {' '.join(hidden)}" if hidden else text


def _latin(word: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word)


REFUSING_RULES = ("words", "patterns", "invites", "links", "scam")


def refusing(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """The verdicts for which a feature refuses member text (shown back to them, nothing
    recorded against them): a content rule, or the offensive-language model at its upper
    threshold. A score between the thresholds does not refuse."""
    return [v for v in verdicts if v.rule in REFUSING_RULES or (v.rule == "offense" and v.strong)]


def offense_verdict(compiled: CompiledConfig, result: OffenseResult | None) -> Verdict | None:
    """A score at the review threshold flags the message for the moderators' review, never more
    (no deletion, no points: a model's score is a guess; moderators decide)."""
    if result is None or not result.review:
        return None
    return Verdict(
        "offense",
        "flag",
        0,
        f"{result.lang} score {result.score:.2f}",  # for the log; texts use score and lang
        score=round(result.score, 3),
        lang=result.lang,
        threshold=result.review_threshold,
        strong=result.action,
    )
