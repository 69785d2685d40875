"""German texts are written in German: no English word in a German catalog string or German
command text, except the loanwords German Discord communities use as they are.

What counts as English: every word of the English catalog texts and English command texts, plus
the words of log language ("score", "done", "none"). A German word that happens to be spelled like
an English one ("also", "was", "Team") is on the allow-list below; a new one fails this test until
it is either reworded or added there with a reason. Syntax the member types (`3:timeout:10m`,
`10s`, `Europe/Berlin`), placeholders, command mentions and code spans are not words."""

from __future__ import annotations

import re

from tests.catalog import catalog


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# log language that must never reach a German reader, whether or not an English text uses it
LOG_ENGLISH = _set(
    "ok okay done error failed success score seed payload config true false none null enabled"
    " disabled yes no the and of to for with is not by from at or on off todo pending unknown"
    " default settings user users guild case cases review inbox report giveaway contest entry"
    " schedule setup welcome round question vote votes winner winners submit hash id ids"
)

# German words spelled like English ones, and loanwords German communities use as they are
ALLOWED = _set(
    # German words that are also English words
    "also am an in so was still per jeden name zone minute optional text status median maximum"
    " minimum schema version installation browser negative null"
    # loanwords and names (see docs/style-guide.md)
    " admin admins administrator auto bot chat community discord dm dms domain domains emoji"
    " faq feedback link links moderation raid server slowmode spam team thread threads timeout"
    " top cron csv json markdown mb ms iana automod gateway kick"
    # weekday and time words that appear in the English hints because members may type them
    " freitag uhr"
)

_NOT_WORDS = re.compile(
    r"\{[^}]*\}"  # placeholders
    r"|</[^>]+>"  # command mentions
    r"|`[^`]*`"  # code: what the member types
    r"|<[^>]+>"  # Discord mentions and timestamps
    r"|https?://\S+"
    r"|@\w+"  # @everyone
)
_SYNTAX = re.compile(
    r"\S*[\d:/_]\S*"  # 3:timeout:10m, 10s, Europe/Berlin, spam_rate
    r"|\b\w+\.\w{2,}\b"  # domains: example.com
)
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_SYNTAX.sub(" ", _NOT_WORDS.sub(" ", text)))]


def english_lexicon() -> set[str]:
    i18n = catalog()
    found = set(LOG_ENGLISH)
    for key in sorted(i18n.keys()):
        found.update(words(i18n.raw(key, "en")))
    for english in i18n.command_translations():
        found.update(words(english))
    return found - ALLOWED


def german_texts() -> list[tuple[str, str]]:
    i18n = catalog()
    texts = [(key, i18n.raw(key, "de")) for key in sorted(i18n.keys())]
    texts += [(f"command text {en!r}", de) for en, de in i18n.command_translations().items()]
    return texts


def test_no_german_text_has_an_english_word() -> None:
    english = english_lexicon()
    found = [
        (where, word, text)
        for where, text in german_texts()
        for word in words(text)
        if word in english
    ]
    assert found == []


def test_the_scan_catches_english_in_german() -> None:
    english = english_lexicon()
    assert [w for w in words("Fall #3: erledigt (de score 0.98), done") if w in english] == [
        "score",
        "done",
    ]
    assert not [w for w in words("Wähle `3:timeout:10m` oder {count} Stimmen") if w in english]
