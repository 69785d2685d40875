"""From text to the FAQ matcher's terms, in German and English; pure Python, no Discord.

Text is normalised (NFKC, casefolded, umlauts folded "ä" -> "ae", accents and punctuation
removed), function words of both languages are dropped, German compounds are split at known
community words ("Serverregeln" -> "server" + "regeln"), words are cut to a light stem and mapped
through a small table of community words (``words.py``) so that German and English questions
meet ("Rolle"/"role", "melden"/"report", "stumm"/"muted"). A question word that opens a clause
becomes a term of its own ("warum"/"why"), so "who won the giveaway?" is not taken for "how do I
enter a giveaway?". ``looks_like_question`` tells chat questions from other messages.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from cogs.qa.words import (
    ALSO,
    ANY_PHRASE,
    APOSTROPHES,
    CLAUSE,
    COMPOUND_HEADS,
    ENDS_WITH_QUESTION_MARK,
    FILLER,
    FOLD,
    GREETING,
    INTENT,
    INTENT_TERM,
    INVERTED_VERBS,
    PHRASES,
    QUESTION_WORDS,
    REAL_WORDS,
    STOP_WORDS,
    SUBJECTS,
    SUFFIXES,
    SYNONYMS,
    TYPO_PRONE,
    WORD,
)

MAX_QUESTION_CHARS = 500
"""Longer messages are not taken for questions."""
MAX_QUERY_CHARS = 1000
"""Longer input is cut before matching, so a huge message costs no more than a normal one."""


def normalize(text: str) -> str:
    """Casefolded, NFKC, umlauts folded, accents and punctuation removed, single spaces.

    Set phrases become one word first ("Q&A" -> "qanda", "how many" -> "howmuch").
    """
    text = _fold(text).translate(APOSTROPHES)
    if ANY_PHRASE.search(text) is not None:
        for pattern, replacement in PHRASES:
            text = pattern.sub(replacement, text)
    return " ".join(WORD.findall(text))


class _Marks(dict[int, int | None]):
    """For ``str.translate``: combining marks removed, every other character kept; each
    character is classified once, then looked up in C."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(FOLD)
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


def stem(word: str) -> str:
    """A light suffix stem for German and English words ("rollen" and "rolle" -> "roll")."""
    if len(word) <= 4:
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "t" and word[-2] in "aeiouyt":
                continue
            return word[: -len(suffix)]
    return word


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for term, words in SYNONYMS.items():
        for word in (term, *words.split()):
            table[word] = term
            table.setdefault(stem(word), term)
    return table


CANONICAL = _build_synonyms()
_HEADS = frozenset(word for word in CANONICAL if len(word) >= 4) | COMPOUND_HEADS


def _build_typos() -> dict[str, str]:
    typos: dict[str, str] = {}
    for word in sorted(INTENT.keys() | TYPO_PRONE):
        if len(word) >= 4 and word != "howmuch":
            for cut in range(len(word)):
                typos.setdefault(word[:cut] + word[cut + 1 :], word)
    for known in (*STOP_WORDS, *INTENT, *CANONICAL, *FILLER, *REAL_WORDS):
        typos.pop(known, None)
    return typos


_TYPOS = _build_typos()


def _split_compound(word: str) -> tuple[str, ...]:
    """ "serverregeln" -> ("server", "regeln"): a known head and a known tail of 4+ letters."""
    if len(word) < 8 or word in CANONICAL:
        return ()
    for cut in range(3, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if head not in _HEADS and not (head.endswith("s") and head[:-1] in _HEADS):
            continue
        if tail in CANONICAL or stem(tail) in CANONICAL:
            return (head if head in _HEADS else head[:-1], tail)
    return ()


@lru_cache(maxsize=16384)
def word_terms(word: str) -> tuple[str, ...]:
    """The terms of one normalised word: its mapped stem, or those of its compound parts."""
    if word in STOP_WORDS or len(word) < 2:
        return ()
    terms: list[str] = []
    for part in _split_compound(word) or (word,):
        term = CANONICAL.get(part) or CANONICAL.get(stem(part)) or stem(part)
        if term in STOP_WORDS:
            continue
        for found in (term, *ALSO.get(term, ())):
            if found not in terms:
                terms.append(found)
    return tuple(terms)


def split_words(text: str) -> list[str]:
    """Normalised words; a question word opening a clause becomes an intent term ("?why")."""
    words: list[str] = []
    for clause in CLAUSE.split(text[:MAX_QUERY_CHARS]):
        opening = True
        for word in normalize(clause).split():
            word = _TYPOS.get(word, word)
            intent = INTENT.get(word)
            if intent is not None:
                if opening or intent == "howmuch":
                    words.append(INTENT_TERM + intent)
                opening = False
            elif not (opening and word in FILLER):
                opening = False
                words.append(word)
    return words


def terms(text: str) -> list[str]:
    """The terms of a text in order, without repeats (intent terms start with "?")."""
    found: list[str] = []
    for word in split_words(text):
        for term in (word,) if word.startswith(INTENT_TERM) else word_terms(word):
            if term not in found:
                found.append(term)
    return found


def looks_like_question(text: str) -> bool:
    """Whether a chat message asks something: a question mark, or a question word or an
    inverted verb up front ("wie", "where", "kann ich", "is there"). Greetings ("wie gehts?"),
    single words and messages over ``MAX_QUESTION_CHARS`` are not questions."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_QUESTION_CHARS:
        return False
    words = WORD.findall(_fold(stripped).replace("'", "").replace("\u2019", ""))
    while words and words[0] in FILLER:
        words = words[1:]
    if len(words) < 2 or GREETING.fullmatch(" ".join(words)):
        return False
    if ENDS_WITH_QUESTION_MARK.search(stripped):
        return True
    first = _TYPOS.get(words[0], words[0])
    if first in QUESTION_WORDS:
        return True
    return first in INVERTED_VERBS and words[1] in SUBJECTS
