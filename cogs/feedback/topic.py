"""Whether two pieces of criticism are about the same topic, without Discord: the content words
they share (folded umlauts, stop words left out, endings trimmed), measured against the shorter."""

from __future__ import annotations

import functools
import re
from datetime import timedelta

#: new criticism joins an open item of the same channel written at most this long before
WINDOW = timedelta(hours=2)
#: how many of the new text's content words the other must share (and at least MIN_SHARED)
THRESHOLD = 0.5
MIN_SHARED = 2
#: representative quotes shown on a group's item
QUOTES = 3

_WORD = re.compile(r"[a-zäöüß0-9]+")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_STOP = frozenset(
    [
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "also",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "bin",
        "bis",
        "bitte",
        "bist",
        "dann",
        "das",
        "dass",
        "dein",
        "deine",
        "dem",
        "den",
        "denn",
        "der",
        "des",
        "dich",
        "die",
        "dies",
        "diese",
        "dieser",
        "dir",
        "doch",
        "dort",
        "du",
        "durch",
        "echt",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "einfach",
        "er",
        "es",
        "etwas",
        "euch",
        "euer",
        "eure",
        "fuer",
        "gar",
        "gerade",
        "gestern",
        "ganz",
        "gibt",
        "ging",
        "habe",
        "haben",
        "hat",
        "hatte",
        "heute",
        "hier",
        "ich",
        "ihr",
        "ihre",
        "im",
        "immer",
        "in",
        "ist",
        "ja",
        "jede",
        "jeder",
        "jetzt",
        "kann",
        "kein",
        "keine",
        "koennt",
        "leider",
        "mal",
        "man",
        "mehr",
        "mein",
        "meine",
        "mich",
        "mir",
        "mit",
        "muss",
        "nach",
        "nicht",
        "nichts",
        "noch",
        "nur",
        "ob",
        "oder",
        "ohne",
        "schon",
        "sehr",
        "sein",
        "seit",
        "sich",
        "sie",
        "sind",
        "so",
        "sollte",
        "sowie",
        "ueber",
        "um",
        "und",
        "uns",
        "unser",
        "viel",
        "viele",
        "vom",
        "von",
        "vor",
        "war",
        "waere",
        "waren",
        "was",
        "weil",
        "wenn",
        "wer",
        "wie",
        "wieder",
        "wir",
        "wird",
        "wirklich",
        "wo",
        "wurde",
        "zu",
        "zum",
        "zur",
        "about",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "dont",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "like",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "or",
        "our",
        "out",
        "please",
        "really",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "too",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
_ENDINGS = ("ungen", "ungen", "ung", "en", "er", "es", "em", "e", "n", "s", "ing", "ed", "ly")


def stem(word: str) -> str:
    word = word.translate(_FOLD)
    for ending in _ENDINGS:
        if len(word) - len(ending) >= 4 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@functools.lru_cache(maxsize=1024)
def words(text: str) -> frozenset[str]:
    """The content words of a text, folded and trimmed ("Fragerunden" and "fragerunde" agree).
    Kept for recent texts: a new item is compared with every open group's last few items."""
    found = (w for w in _WORD.findall(text.lower()) if len(w) > 2)
    return frozenset(stem(w) for w in found if w.translate(_FOLD) not in _STOP)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared content words over the smaller text's (0 when fewer than MIN_SHARED are shared)."""
    shared = len(a & b)
    if shared < MIN_SHARED or not a or not b:
        return 0.0
    return shared / min(len(a), len(b))


def same_topic(text: str, others: list[str]) -> bool:
    """Whether ``text`` is about the topic of any of ``others`` (an item and its group)."""
    mine = words(text)
    return any(similarity(mine, words(other)) >= THRESHOLD for other in others)


def group_view(
    leader: tuple[int | None, str], members: list[tuple[int, int | None, str]]
) -> tuple[int, list[str]]:
    """(how many members wrote, up to QUOTES representative texts) of a topic's group, from the
    leading item's (author, text) and its members' (item id, author, text). A member whose name
    is gone counts once per item; texts that repeat the leader's or each other are shown once."""
    authors = {leader[0] if leader[0] is not None else 0}
    authors |= {author if author is not None else -item for item, author, _ in members}
    quotes: list[str] = []
    seen = {" ".join(leader[1].lower().split())}
    for _item, _author, text in reversed(members):  # the most recent first
        key = " ".join(text.lower().split())
        if key not in seen and key != "[deleted]" and len(quotes) < QUOTES:
            seen.add(key)
            quotes.append(text)
    return len(authors), quotes
