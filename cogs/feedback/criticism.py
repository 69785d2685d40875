"""Is a chat message civil criticism that belongs in the feedback inbox? Pure, German and English.

TextBlob's polarity measures mood, and in German it finds almost nothing, so the main signal is
a pair of small lexicons per language: a negative evaluation ("funktioniert nicht", "leider",
"disappointing") *about* something the team is responsible for (server, update, event, mods,
rules, "ihr"/"you guys"). Inbox noise is the failure mode, so short messages, jokes and sarcasm
markers are left out, and abusive messages are not criticism (auto-moderation handles those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.contentcheck.normalize import fold

MIN_CHARS = 25
MIN_WORDS = 5

NEGATIVE = {
    "de": (
        "schlecht", "schlechter", "mies", "nervig", "nervt", "enttäusch", "katastroph", "unfair", "kaputt",
        "funktioniert nicht", "funktioniert seit", "geht nicht", "klappt nicht", "verbuggt", "buggy", "bugs",
        "ruckelt", "laggt", "lags", "absturz", "stürzt", "unübersichtlich", "kompliziert", "umständlich",
        "zu teuer", "zu lang", "zu langsam", "zu wenig", "zu viel", "ärgerlich", "frustrier", "schade", "leider",
        "nicht zufrieden", "unzufrieden", "vermisse", "verschlechtert", "verschlimmbessert", "sinnlos",
        "unverständlich", "intransparent", "ignoriert", "keine antwort", "antwortet niemand", "niemand antwortet",
        "chaotisch", "furchtbar", "unbrauchbar", "schwierig", "fehlt", "nicht mehr", "warum wurde", "wieso wurde",
        "bitte wieder", "früher war", "nicht fair", "nicht gut", "gefällt mir nicht", "gefällt uns nicht",
    ),
    "en": (
        "bad", "worse", "worst", "terrible", "awful", "horrible", "broken", "buggy", "bugs", "laggy", "lag ",
        "crash", "annoying", "disappoint", "frustrat", "unfair", "confusing", "too expensive", "too slow",
        "too long", "too many", "too few", "useless", "pointless", "ignored", "no response", "nobody answers",
        "not working", "doesn't work", "does not work", "stopped working", "unhappy", "not happy", "downgrade",
        "chaotic", "messy", "unclear", "a shame", "unfortunately", "sucks", "hate the", "don't like",
        "do not like", "miss the", "please bring back", "used to be better", "why did you", "why was",
        "not fair", "not good", "no longer", "hard to", "difficult",
    ),
}  # fmt: skip
TARGETS = {
    "de": (
        "server", "community", "update", "patch", "event", "turnier", "gewinnspiel", "fragerunde", "spiel",
        "moderation", "moderator", "mods", "admins", "team", "regel", "bot", "feature", "funktion", "app",
        "support", "kanal", "kanäle", "rolle", "entwickler", "devs", "version", "design", "layout", "menü",
        " ihr ", " euer", " eure", " euch", "preis", "shop", "ankündigung", "änderung", "entscheidung",
        "neue ", "system", "matchmaking", "server-", "discord",
    ),
    "en": (
        "server", "community", "update", "patch", "event", "tournament", "giveaway", "game", "moderation",
        "moderator", "mods", "admins", "staff", "team", "rule", "bot", "feature", "app", "support", "channel",
        "role", "devs", "developer", "version", "design", "layout", " ui", "menu", "you guys", " your ",
        "price", "shop", "announcement", "change", "decision", "new ", "system", "matchmaking", "discord",
    ),
}  # fmt: skip
# Matching runs on folded text (umlaut dots removed, casefolded), so the lexicons are folded too.
NEGATIVE = {lang: tuple(fold(cue) for cue in cues) for lang, cues in NEGATIVE.items()}
TARGETS = {lang: tuple(fold(target) for target in targets) for lang, targets in TARGETS.items()}
_JOKE = re.compile(
    r"(?:\blol\b|\blmao\b|\brofl\b|\bxd\b|\bhaha|\bjk\b|/s\b|😂|🤣|😜|😆|\bkappa\b|;\))",
    re.IGNORECASE,
)
_GERMAN_HINT = re.compile(
    r"[äöüß]|\b(?:und|nicht|ist|das|ich|wir|ihr|leider|der|die|mit|war|sind|ein|eine|zu|auf|seit)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    criticism: bool
    reason: str  # why (for tests and the benchmark's error analysis)


def language(text: str) -> str:
    return "de" if len(_GERMAN_HINT.findall(text)) >= 2 else "en"


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a word list (literal alternatives, longest first): a single scan of the
    text instead of one substring search per word."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


_ANY_NEGATIVE = _any_of(NEGATIVE["de"] + NEGATIVE["en"])
_ANY_TARGET = _any_of(TARGETS["de"] + TARGETS["en"])


def prefilter(text: str) -> bool:
    """Cheap check on every message: long enough, and a negative cue and a target in it."""
    if len(text) < MIN_CHARS or text.count(" ") < MIN_WORDS - 1:
        return False
    folded = f" {fold(text)} "
    return _ANY_NEGATIVE.search(folded) is not None and _ANY_TARGET.search(folded) is not None


def needs_polarity(text: str) -> bool:
    """Whether TextBlob's polarity can change :func:`judge`'s decision (English, a target, no
    negative cue): it is slow, so it is computed only then."""
    if language(text) != "en":
        return False
    folded = f" {fold(text)} "
    return any(t in folded for t in TARGETS["en"]) and not any(c in folded for c in NEGATIVE["en"])


def judge(text: str, offense_review: bool, polarity: float | None = None) -> Finding:
    """Decide with every signal: the lexicons, the offensive-language model's verdict, and (for
    English) TextBlob's polarity as an extra signal of negative mood."""
    if len(text) < MIN_CHARS or len(text.split()) < MIN_WORDS:
        return Finding(False, "too short")
    if _JOKE.search(text):
        return Finding(False, "joke or sarcasm marker")
    if offense_review:
        return Finding(False, "abusive: auto-moderation's business")
    lang = language(text)
    folded = f" {fold(text)} "
    negative = [cue for cue in NEGATIVE[lang] if cue in folded]
    targets = [target.strip() for target in TARGETS[lang] if target in folded]
    if not targets:
        return Finding(False, "no target the team is responsible for")
    if negative:
        return Finding(True, f"{lang}: {negative[0]!r} about {targets[0]!r}")
    if lang == "en" and polarity is not None and polarity <= -0.3:
        return Finding(True, f"en: polarity {polarity:.2f} about {targets[0]!r}")
    return Finding(False, "no negative evaluation")


def polarity(text: str) -> float | None:
    """TextBlob's polarity for English text (None for German, where it finds almost nothing)."""
    if language(text) != "en":
        return None
    try:
        from textblob import TextBlob
    except ImportError:  # pragma: no cover - TextBlob is a dependency
        return None
    return float(TextBlob(text).sentiment.polarity)
