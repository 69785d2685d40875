"""The word filter on ordinary words and on evasions.

- Ordinary words: the 100,000 most frequent German and English words each (wordfreq, a larger
  cut than the lists the filter consults; built by scripts/build_lexicon.py). No default rule
  fires on any of them, and a sample blocked word set to "inside words" matches an ordinary word
  only as its head (Vollidiot), never as any other substring (Idiotensicher).
- Evasions: every sample insult written with each technique (leetspeak, spaced letters,
  zero-width characters, lookalike letters from other scripts, stretching, mixed) is caught.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.contentcheck.normalize import normalize, squeeze
from bot.contentcheck.rules import AutomodConfig, CompiledConfig, evaluate_text
from bot.contentcheck.service import model_text
from bot.contentcheck.words import ENDINGS, WordEntry, WordMatcher, original_span

DATA = Path(__file__).resolve().parents[1] / "data" / "ordinary-words.txt.gz"

SAMPLE_BLOCKED = (
    "idiot", "arschloch", "hure", "schlampe", "wichser", "fotze", "spast", "trottel", "depp",
    "penner", "missgeburt", "hurensohn", "bastard", "fuck", "shit", "bitch", "cunt", "whore",
    "slut", "rapist", "retard", "anal", "dick", "penis", "schwanz", "arsch",
)  # fmt: skip

HARMLESS = (
    "Idiotensicher erklärt, danke!", "Das Hurenkind im Satz stört", "Dickdarm und Dünndarm",
    "Analphabet ist kein Schimpfwort", "Wir fahren nach Penistone", "grapefruit juice",
    "my therapist said so", "Der Kanal ist neu", "Ein Barsch im Teich", "Der Marsch beginnt",
    "dickens and dickinson", "scunthorpe united", "Die Arschbombe war super",
)  # fmt: skip


def ordinary_words() -> list[str]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


@pytest.fixture(scope="module")
def words() -> list[str]:
    return ordinary_words()


def test_the_list_is_large(words: list[str]) -> None:
    assert len(words) > 150_000


def test_no_default_rule_fires_on_an_ordinary_word(words: list[str]) -> None:
    compiled = CompiledConfig(AutomodConfig(guild_id=1))
    fired = [w for w in words if evaluate_text(compiled, w)]
    assert fired == []


def test_a_blocked_word_matches_an_ordinary_word_only_as_its_head(words: list[str]) -> None:
    """Never as just any substring: every ordinary word a sample entry matches ends with the
    entry (with an inflection ending), like "vollidiot", "idioten" or "dorftrottel"."""
    matcher = WordMatcher([WordEntry(w, inside_words=True) for w in SAMPLE_BLOCKED])
    matched = {}
    for word in words:
        hit = matcher.find(normalize(word))
        if hit is not None:
            matched[word] = hit.entry
    not_heads = {
        word: entry
        for word, entry in matched.items()
        if not any(squeeze(word).endswith(squeeze(entry + ending)) for ending in ENDINGS)
    }
    assert not_heads == {}
    assert len(matched) < 150  # of about 170,000 ordinary words
    print(f"{len(matched)} of {len(words)} ordinary words match a sample entry as its head")


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_look_alikes_stay_untouched(text: str) -> None:
    matcher = WordMatcher([WordEntry(w, inside_words=True) for w in SAMPLE_BLOCKED])
    assert matcher.find(normalize(text)) is None, text


@pytest.mark.parametrize(
    "text",
    ["Du Vollidiot!", "Ihr Idioten", "so ein Riesenidiot", "du Oberarschloch", "Drecksfotze"],
)
def test_compound_heads_are_caught(text: str) -> None:
    matcher = WordMatcher([WordEntry(w, inside_words=True) for w in SAMPLE_BLOCKED])
    assert matcher.find(normalize(text)) is not None, text


LOOKALIKE = {"a": "а", "o": "о", "e": "е", "i": "і", "c": "с", "p": "р", "s": "ѕ", "x": "х"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def evasions(word: str) -> dict[str, str]:
    return {
        "leet": "".join(LEET.get(c, c) for c in word),
        "spaced": " ".join(word),
        "dotted": ".".join(word),
        "zero-width": "\u200b".join(word),
        "lookalike": "".join(LOOKALIKE.get(c, c) for c in word),
        "stretched": "".join(c * 3 if n % 2 else c for n, c in enumerate(word)),
        "upper-lookalike": "".join(LOOKALIKE.get(c, c) for c in word).upper(),
        "mixed": "".join(
            LEET.get(c, c) if n % 2 else LOOKALIKE.get(c, c) for n, c in enumerate(word)
        ),
    }


@pytest.mark.parametrize("word", SAMPLE_BLOCKED)
def test_every_evasion_of_a_blocked_word_is_caught(word: str) -> None:
    matcher = WordMatcher([WordEntry(word)])
    missed = {
        technique: text
        for technique, text in evasions(word).items()
        if matcher.find(normalize(f"du {text} !")) is None
    }
    assert missed == {}


@pytest.mark.parametrize(
    ("raw", "typed"),
    [
        ("Du Vollidiooot!", "Vollidiooot"),
        ("du i d i o t", "i d i o t"),
        ("Du 1d10t.", "1d10t"),
        ("Du іdіоt", "іdіоt"),
    ],
)
def test_the_excerpt_is_what_the_member_typed(raw: str, typed: str) -> None:
    matcher = WordMatcher([WordEntry("idiot", inside_words=True)])
    hit = matcher.find(normalize(raw), raw)
    assert hit is not None and hit.excerpt == typed


def test_a_span_is_found_for_a_token_written_apart() -> None:
    assert original_span("na du h.u.r.e", "hure") == "h.u.r.e"


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("du i d i 0 t", "idiot"),
        ("du іdіоt!!", "idiot"),
        ("du i\u200bd\u200bi\u200bo\u200bt", "idiot"),
        ("Du Vollidiooooot", "vollidioot"),
    ],
)
def test_the_model_sees_what_the_rules_see(text: str, seen: str) -> None:
    assert seen in model_text(text).split()


@pytest.mark.parametrize("text", ["Das ist blöd, echt", "ganz normal hier", "Super!!! Danke!"])
def test_an_ordinary_message_is_scored_as_written(text: str) -> None:
    assert model_text(text) == text
