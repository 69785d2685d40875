"""Matching chat messages and search queries to FAQ entries, in German and English; pure
Python, no Discord. The terms of a text come from ``terms.py``.

A word no entry contains is matched to a known word that shares its character trigrams and is
one or two typing errors away ("verfiziere" -> verify).

Scores are TF-IDF cosines over the terms; an entry's answer counts with a lower weight than
its question. ``FaqIndex.match`` (automatic replies) needs a question, a score of at least
``THRESHOLD``, a content word in common with the entry's question and a lead of ``MARGIN`` over
the second-best entry. ``FaqIndex.search`` (the search command and its autocomplete) ranks
everything from ``SEARCH_MINIMUM`` up and completes words as they are typed ("disc" finds
"Discord"). Measured with ``python -m bench.faq`` on bench/data/faq/.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from cogs.qa.terms import (
    CANONICAL,
    MAX_QUERY_CHARS,
    looks_like_question,
    normalize,
    split_words,
    terms,
    word_terms,
)
from cogs.qa.words import INTENT_TERM, WEAK, WORD

THRESHOLD = 0.45
"""Lowest score for an automatic reply (tuned so wrong replies are rare, see bench/faq.py)."""
MARGIN = 0.05
"""How far the best entry must be ahead of the second one for an automatic reply."""
SEARCH_MINIMUM = 0.05
"""Lowest score of a result of the search command."""

ANSWER_WEIGHT = 0.6
"""Weight of a term of an entry's answer, relative to one of its question."""
WEAK_WEIGHT = 0.5
"""Weight of common, vague terms ("get", "channel", "server"), relative to their IDF."""
INTENT_WEIGHT = 0.5
"""Weight of a question word ("why", "when") that entries also ask, relative to its IDF."""
FUZZY_WEIGHT = 0.8
"""Weight of a query word matched to a known word despite typing errors."""
PREFIX_WEIGHT = 0.85
"""Weight of a known word completed from a partly typed word of a search query."""
WEAK_ONLY = 0.5
"""Factor for an entry whose question shares only vague terms or question words with a message."""


@dataclass(frozen=True)
class Entry:
    id: int
    question: str
    answer: str


@dataclass(frozen=True)
class Match:
    entry_id: int
    score: float


def _trigrams(word: str) -> set[str]:
    padded = f"#{word}#"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most limit edits apart (insert, delete, replace, swap)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


class FaqIndex:
    """An inverted index over FAQ entries. Weights are rebuilt on the first use after a change."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[int, Entry] = {}
        self._weights: dict[int, dict[str, float]] = {}  # term -> 1 (question) or ANSWER_WEIGHT
        self._surface: dict[int, frozenset[str]] = {}  # the entry's normalised words
        self._postings: dict[str, list[tuple[int, float, bool]]] = {}
        self._idf: dict[str, float] = {}
        self._unknown_idf = 1.0
        self._known: dict[str, str] = {}  # known words -> their term, for typos and completion
        self._known_sorted: list[str] = []
        self._trigram_index: dict[str, list[str]] = {}
        self._typo_cache: dict[str, str | None] = {}
        self._dirty = True
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Add an entry, or replace the one with the same id."""
        question = terms(entry.question)
        answer = [term for term in terms(entry.answer) if not term.startswith(INTENT_TERM)]
        weights = dict.fromkeys(answer, ANSWER_WEIGHT)
        weights.update(dict.fromkeys(question, 1.0))
        self._entries[entry.id] = entry
        self._weights[entry.id] = weights
        self._surface[entry.id] = frozenset(normalize(f"{entry.question} {entry.answer}").split())
        self._dirty = True

    def remove(self, entry_id: int) -> None:
        """Remove an entry; an unknown id is ignored."""
        if self._entries.pop(entry_id, None) is not None:
            del self._weights[entry_id], self._surface[entry_id]
            self._dirty = True

    def __len__(self) -> int:
        return len(self._entries)

    def _rebuild(self) -> None:
        count = len(self._entries)
        frequency: dict[str, int] = {}
        for weights in self._weights.values():
            for term in weights:
                frequency[term] = frequency.get(term, 0) + 1
        self._idf = {term: math.log((count + 1) / (n + 0.5)) + 1.0 for term, n in frequency.items()}
        for term in WEAK & self._idf.keys():
            self._idf[term] *= WEAK_WEIGHT
        self._unknown_idf = math.log((count + 1) / 0.5) + 1.0
        self._postings = {}
        for entry_id, weights in sorted(self._weights.items()):
            vector = {term: weight * self._idf[term] for term, weight in weights.items()}
            norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
            for term, value in vector.items():
                self._postings.setdefault(term, []).append(
                    (entry_id, value / norm, weights[term] == 1.0)
                )
        self._known = {}
        for word in {*CANONICAL, *(word for words in self._surface.values() for word in words)}:
            found = word_terms(word)
            if found and found[0] in self._idf:
                self._known[word] = found[0]
        self._known_sorted = sorted(self._known)
        self._trigram_index = {}
        for word in self._known_sorted:
            if len(word) >= 4:
                for gram in _trigrams(word):
                    self._trigram_index.setdefault(gram, []).append(word)
        self._typo_cache = {}
        self._dirty = False

    def _corrected(self, word: str) -> str | None:
        """The term of the known word closest to an unknown word with a typing error, if any:
        same first letter, shared trigrams, one error (two from 8 letters). Words of up to five
        letters may only miss or gain a letter or swap two, so "times" does not become "timed".
        """
        if word in self._typo_cache:
            return self._typo_cache[word]
        best: tuple[float, str] | None = None
        if len(word) >= 4:
            grams = _trigrams(word)
            shared: dict[str, int] = {}
            for gram in grams:
                for candidate in self._trigram_index.get(gram, ()):
                    shared[candidate] = shared.get(candidate, 0) + 1
            limit = 1 if len(word) <= 7 else 2
            for candidate, common in shared.items():
                dice = 2 * common / (len(grams) + len(candidate) + 2)
                if (
                    dice >= 0.45
                    and candidate[0] == word[0]
                    and (
                        len(word) > 5
                        or len(candidate) != len(word)
                        or sorted(candidate) == sorted(word)
                    )
                    and (best is None or dice > best[0])
                    and _within_edits(word, candidate, limit)
                ):
                    best = (dice, candidate)
        found = self._known[best[1]] if best else None
        if len(self._typo_cache) < 4096:
            self._typo_cache[word] = found
        return found

    def _completions(self, prefix: str) -> list[str]:
        """Terms of known words that start with prefix (the first 20 such words)."""
        found: list[str] = []
        start = bisect_left(self._known_sorted, prefix)
        for word in self._known_sorted[start : start + 20]:
            if not word.startswith(prefix):
                break
            if self._known[word] not in found:
                found.append(self._known[word])
        return found

    def _intent_weight(self, term: str) -> float:
        # A question word no entry asks ("who", "how many") counts fully against every entry.
        if term in self._idf:
            return self._idf[term] * INTENT_WEIGHT
        return self._unknown_idf

    def _query(self, text: str, complete: bool) -> dict[str, float]:
        """Weights of the terms of a message or query, typing errors corrected, unknown words
        kept (they lower every score); for search also completing partly typed words."""
        vector: dict[str, float] = {}
        for word in split_words(text):
            found = (word,) if word.startswith(INTENT_TERM) else word_terms(word)
            for term in found:
                if term in vector:
                    continue
                if term.startswith(INTENT_TERM):
                    vector[term] = self._intent_weight(term)
                elif term in self._idf:
                    vector[term] = self._idf[term]
                elif complete and len(word) >= 2 and (completions := self._completions(word)):
                    for completed in completions:
                        weight = self._idf[completed] * PREFIX_WEIGHT
                        vector[completed] = max(vector.get(completed, 0.0), weight)
                elif (corrected := self._corrected(word)) is not None:
                    weight = self._idf[corrected] * FUZZY_WEIGHT
                    vector[corrected] = max(vector.get(corrected, 0.0), weight)
                else:
                    vector[term] = self._unknown_idf
        return vector

    def _scores(self, text: str, complete: bool) -> dict[int, float]:
        """Cosine of the message and every entry sharing a term with it. Without completion
        (chat), an entry whose question shares no content term with the message gets
        ``WEAK_ONLY`` of its score."""
        if self._dirty:
            self._rebuild()
        vector = self._query(text, complete)
        norm = math.sqrt(sum(value * value for value in vector.values()))
        if not norm:
            return {}
        totals: dict[int, float] = {}
        supported: set[int] = set()
        for term, weight in vector.items():
            content = term not in WEAK and not term.startswith(INTENT_TERM)
            for entry_id, value, in_question in self._postings.get(term, ()):
                totals[entry_id] = totals.get(entry_id, 0.0) + weight * value
                if content and in_question:
                    supported.add(entry_id)
        return {
            entry_id: total / norm * (1.0 if complete or entry_id in supported else WEAK_ONLY)
            for entry_id, total in totals.items()
        }

    def ranked(self, text: str) -> list[Match]:
        """Every entry sharing a term with a chat message, best first, without thresholds."""
        scores = self._scores(text, complete=False)
        return [Match(entry_id, score) for entry_id, score in _best_first(scores)]

    def match(self, text: str) -> Match | None:
        """The entry that answers a chat message, or None when it is no question or unsure."""
        if not self._entries or not looks_like_question(text):
            return None
        ranked = self.ranked(text)
        if not ranked or ranked[0].score < THRESHOLD:
            return None
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
            return None
        return ranked[0]

    def search(self, query: str, limit: int = 25) -> list[Match]:
        """Entries for the search command, best first; an empty query lists them by id."""
        if limit <= 0:
            return []
        if not WORD.search(query[:MAX_QUERY_CHARS]):
            return [Match(entry_id, 0.0) for entry_id in sorted(self._entries)[:limit]]
        scores = self._scores(query, complete=True)
        return [
            Match(entry_id, score)
            for entry_id, score in _best_first(scores)[:limit]
            if score >= SEARCH_MINIMUM
        ]


def _best_first(scores: dict[int, float]) -> list[tuple[int, float]]:
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
