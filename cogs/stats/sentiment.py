"""Message polarity for the sentiment trend (mood, not abuse). Pure; runs in a worker thread.

English: TextBlob's pattern lexicon (~200 µs per message, so never on the message path). German:
TextBlob finds almost nothing, so a small lexicon of our own with negation ("nicht gut") and
intensifiers ("sehr gut"), averaged over the words it knows. The language comes from the content
check's detector; when it is unsure, the German lexicon is tried first and TextBlob otherwise.
Polarity is in [-1, 1]; the text is dropped after scoring, only sums and counts are kept.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

from bot.contentcheck.language import detect_language

MAX_CHARS = 500

# Lemmas and common forms; matched on lower-cased words, also as prefixes for entries ending in "*".
GERMAN: dict[str, float] = {
    # positive
    "gut": 0.6,
    "gute": 0.6,
    "guter": 0.6,
    "gutes": 0.6,
    "guten": 0.4,
    "besser": 0.5,
    "beste": 0.8,
    "besten": 0.8,
    "toll": 0.8,
    "tolle": 0.8,
    "toller": 0.8,
    "tolles": 0.8,
    "super": 0.8,
    "klasse": 0.7,
    "prima": 0.7,
    "spitze": 0.8,
    "genial": 0.9,
    "geil": 0.7,
    "cool": 0.6,
    "nice": 0.6,
    "schön": 0.7,
    "schöne": 0.7,
    "schönen": 0.6,
    "wunderbar": 0.9,
    "wundervoll": 0.9,
    "großartig": 0.9,
    "hervorragend": 0.9,
    "fantastisch": 0.9,
    "perfekt": 0.9,
    "lieb": 0.6,
    "liebe": 0.6,
    "mag": 0.5,
    "gefällt": 0.6,
    "freue": 0.7,
    "freu": 0.7,
    "freut": 0.7,
    "froh": 0.7,
    "glücklich": 0.8,
    "danke": 0.5,
    "dank": 0.4,
    "dankbar": 0.7,
    "lustig": 0.5,
    "spaß": 0.6,
    "witzig": 0.5,
    "hilfreich": 0.6,
    "hilfsbereit": 0.6,
    "freundlich": 0.6,
    "angenehm": 0.5,
    "entspannt": 0.4,
    "stark": 0.5,
    "stolz": 0.5,
    "gelungen": 0.7,
    "empfehlen": 0.5,
    "empfehlenswert": 0.7,
    "lecker": 0.6,
    "hammer": 0.6,
    "mega": 0.6,
    "yay": 0.6,
    "juhu": 0.7,
    "endlich": 0.3,
    "gerne": 0.4,
    "gern": 0.4,
    "zufrieden": 0.6,
    "läuft": 0.3,
    "funktioniert": 0.3,
    "klappt": 0.4,
    "gewonnen": 0.6,
    "glückwunsch": 0.7,
    "gratuliere": 0.7,
    "willkommen": 0.4,
    "interessant": 0.4,
    "spannend": 0.5,
    # negative
    "schlecht": -0.7,
    "schlechte": -0.7,
    "schlechter": -0.6,
    "schlechtes": -0.7,
    "schlimm": -0.7,
    "mies": -0.7,
    "miese": -0.7,
    "doof": -0.6,
    "blöd": -0.6,
    "blöde": -0.6,
    "dumm": -0.6,
    "scheiße": -0.8,
    "scheiß": -0.8,
    "kacke": -0.7,
    "mist": -0.6,
    "nervig": -0.6,
    "nervt": -0.6,
    "ärgerlich": -0.6,
    "ärgert": -0.6,
    "traurig": -0.6,
    "schade": -0.5,
    "leider": -0.3,
    "enttäuscht": -0.7,
    "enttäuschend": -0.7,
    "enttäuschung": -0.7,
    "furchtbar": -0.8,
    "schrecklich": -0.8,
    "katastrophe": -0.8,
    "katastrophal": -0.9,
    "grauenhaft": -0.9,
    "langweilig": -0.5,
    "kaputt": -0.6,
    "fehler": -0.4,
    "bug": -0.4,
    "bugs": -0.4,
    "absturz": -0.6,
    "abgestürzt": -0.6,
    "stürzt": -0.6,
    "lag": -0.4,
    "laggt": -0.5,
    "ruckelt": -0.5,
    "unfair": -0.6,
    "unzufrieden": -0.6,
    "frustrierend": -0.7,
    "frustriert": -0.7,
    "hasse": -0.8,
    "hass": -0.8,
    "wütend": -0.7,
    "sauer": -0.5,
    "ätzend": -0.7,
    "müll": -0.7,
    "nutzlos": -0.6,
    "sinnlos": -0.6,
    "unbrauchbar": -0.7,
    "peinlich": -0.5,
    "lächerlich": -0.6,
    "anstrengend": -0.4,
    "kompliziert": -0.4,
    "umständlich": -0.4,
    "teuer": -0.3,
    "problem": -0.4,
    "probleme": -0.4,
    "verloren": -0.4,
    "mühsam": -0.4,
    "hässlich": -0.6,
    "böse": -0.5,
    "angst": -0.5,
    "sorge": -0.3,
    "sorgen": -0.3,
    "leid": -0.3,
    "krank": -0.4,
    "müde": -0.2,
}
NEGATIONS = frozenset(
    {"nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals", "nichts"}
)
INTENSIFIERS: dict[str, float] = {
    "sehr": 1.5,
    "total": 1.5,
    "echt": 1.3,
    "richtig": 1.3,
    "extrem": 1.7,
    "mega": 1.5,
    "voll": 1.3,
    "ziemlich": 1.2,
    "so": 1.2,
    "wirklich": 1.3,
    "absolut": 1.6,
    "etwas": 0.7,
    "bisschen": 0.6,
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOISE = re.compile(r"https?://\S+|<a?:\w+:\d+>|<[@#][!&]?\d+>|`[^`]*`")
MIN_WORDS = 2


def german_polarity(text: str) -> float | None:
    """Mean polarity of the lexicon words in ``text`` (None: no word known)."""
    words = _WORD.findall(text[:MAX_CHARS].lower())
    scores: list[float] = []
    for index, word in enumerate(words):
        value = GERMAN.get(word)
        if value is None:
            continue
        window = words[max(0, index - 3) : index]
        factor = 1.0
        if window and window[-1] in INTENSIFIERS:
            factor = INTENSIFIERS[window[-1]]
        if any(w in NEGATIONS for w in window):
            factor *= -0.5  # "nicht gut" is mildly negative, "nicht schlecht" mildly positive
        # "nicht" right after the word ("gefällt mir nicht", "funktioniert nicht")
        after = words[index + 1 : index + 3]
        if any(w in NEGATIONS for w in after):
            factor *= -0.5 if factor > 0 else 1
        scores.append(max(-1.0, min(1.0, value * factor)))
    if not scores:
        return None
    return sum(scores) / len(scores)


_LOADING = threading.Lock()
_loaded = False


def _analyzer() -> Any:
    """TextBlob's analyzer with its lexicon loaded, once. The lexicon is a dictionary filled on
    first use; two threads (the start's warm-up and a sentiment batch) must not both fill it, nor
    one read it half filled."""
    global _loaded
    from textblob.en import sentiment

    if not _loaded:
        with _LOADING:
            if not _loaded:
                len(sentiment)  # fills the lexicon
                _loaded = True
    return sentiment


def english_polarity(text: str) -> float:
    """TextBlob's polarity (its default analyzer, pattern's lexicon), asked of the analyzer
    itself: ``TextBlob(text).sentiment`` builds a blob and a named-tuple class per call, which
    cost more than the scoring (174 against 70 µs a message)."""
    return float(_analyzer()(text[:MAX_CHARS])[0])


def polarity(text: str) -> float | None:
    """Polarity of one message, or None if there is nothing to judge (links, emoji, one word)."""
    stripped = _NOISE.sub(" ", text).strip()
    if len(_WORD.findall(stripped[:MAX_CHARS])) < MIN_WORDS:
        return None
    language = detect_language(stripped)
    if language == "de":
        found = german_polarity(stripped)
        return 0.0 if found is None else found
    if language is None:
        found = german_polarity(stripped)
        if found is not None:
            return found
    return english_polarity(stripped)


def score_batch(texts: Iterable[str]) -> list[float | None]:
    """Score many messages (call it in a worker thread)."""
    return [polarity(text) for text in texts]
