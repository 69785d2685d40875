"""The FAQ matcher: quality floors on the labelled data in bench/data/faq/, normalisation,
question detection, the index (add, replace, remove, search) and odd input."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Any

import pytest

from cogs.qa.matching import MARGIN, SEARCH_MINIMUM, THRESHOLD, Entry, FaqIndex, Match
from cogs.qa.terms import looks_like_question, normalize, terms

DATA = Path(__file__).resolve().parents[3] / "bench" / "data" / "faq"

# Floors a little below what bench/faq.py measures (precision 0.98-0.99, recall 0.71, no chat
# line replied, 1 of 46 unanswerable questions replied per language), so a real loss fails.
MIN_PRECISION = 0.95
MIN_TEST_PRECISION = 0.9
MIN_RECALL = 0.65
MAX_UNANSWERABLE_REPLIED = 0.07
MAX_CHAT_REPLIED = 0.01

RULES = Entry(1, "Wo finde ich die Serverregeln?", "Die Regeln stehen im Kanal #regeln.")
ROLES = Entry(2, "Wie bekomme ich eine Rolle?", "Im Kanal #rollen wählst du deine Rollen aus.")
DELETED = Entry(
    3, "Warum wurde meine Nachricht gelöscht?", "Die Automoderation löscht Einladungslinks."
)
VOICE = Entry(
    4, "Why can't I talk in voice chat?", "Voice channels unlock after verification in Discord."
)
VERIFY = Entry(5, "How do I verify my account?", "Press the Verify button in #verify.")


def load(language: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{language}.json").read_text(encoding="utf-8"))
    return data


def index_of(data: dict[str, Any]) -> FaqIndex:
    return FaqIndex(Entry(e["id"], e["question"], e["answer"]) for e in data["faq"])


def small_index() -> FaqIndex:
    return FaqIndex([RULES, ROLES, DELETED, VOICE, VERIFY])


# The labelled data


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_data_has_the_promised_shape(language):
    data = load(language)
    ids = [entry["id"] for entry in data["faq"]]
    assert data["source"] and len(ids) >= 30 and len(set(ids)) == len(ids)
    pairs = data["pairs"]
    assert len(pairs) >= 120 and sum(pair["entry"] is None for pair in pairs) >= 40
    assert all(pair["entry"] is None or pair["entry"] in ids for pair in pairs)
    assert {pair["split"] for pair in pairs} == {"tune", "test"}
    assert 0.25 <= sum(pair["split"] == "test" for pair in pairs) / len(pairs) <= 0.35
    assert len(data["chat"]) >= 200 and len(set(data["chat"])) == len(data["chat"])


@pytest.mark.parametrize("language", ["de", "en"])
def test_quality_floors_on_the_labelled_data(language):
    data = load(language)
    index = index_of(data)
    replies = right = answerable = unanswerable = unanswerable_replied = 0
    test_replies = test_right = 0
    for pair in data["pairs"]:
        found = index.match(pair["text"])
        answerable += pair["entry"] is not None
        unanswerable += pair["entry"] is None
        if found is None:
            continue
        replies += 1
        right += found.entry_id == pair["entry"]
        unanswerable_replied += pair["entry"] is None
        if pair["split"] == "test":
            test_replies += 1
            test_right += found.entry_id == pair["entry"]
    chat_replied = sum(index.match(line) is not None for line in data["chat"])
    assert right / replies >= MIN_PRECISION
    assert test_right / test_replies >= MIN_TEST_PRECISION
    assert right / answerable >= MIN_RECALL
    assert unanswerable_replied / unanswerable <= MAX_UNANSWERABLE_REPLIED
    assert chat_replied / len(data["chat"]) <= MAX_CHAT_REPLIED


@pytest.mark.parametrize("language", ["de", "en"])
def test_search_lists_the_right_entry_near_the_top(language):
    data = load(language)
    index = index_of(data)
    answerable = [pair for pair in data["pairs"] if pair["entry"] is not None]
    top3 = sum(
        pair["entry"] in [match.entry_id for match in index.search(pair["text"], limit=3)]
        for pair in answerable
    )
    assert top3 / len(answerable) >= 0.95


def test_thresholds_are_sane():
    assert 0 < SEARCH_MINIMUM < THRESHOLD < 1 and 0 < MARGIN < THRESHOLD


# Normalisation


def test_normalize_folds_umlauts_case_accents_and_punctuation():
    assert normalize("Wie ÄNDERE ich meinen Nicknamen?!") == "wie aendere ich meinen nicknamen"
    assert normalize("Grüße, Straße – Café") == "gruesse strasse cafe"
    assert normalize("Ｒｅｇｅｌｎ...") == "regeln"  # fullwidth letters (NFKC)
    assert normalize("  ") == ""


def test_umlauts_written_out_case_and_punctuation_match_alike():
    assert terms("Warum wurde meine Nachricht gelöscht?") == terms(
        "warum wurde meine nachricht geloescht"
    )
    assert terms("WO SIND DIE REGELN???") == terms("wo sind die regeln")


def test_german_and_english_words_meet_and_compounds_are_split():
    assert "role" in terms("Rolle") and "role" in terms("roles")
    assert "report" in terms("wie melde ich das") and "report" in terms("how do I report it")
    assert "rule" in terms("Serverregeln") and "rule" in terms("rules")
    assert "mute" in terms("stummgeschaltet") and "mute" in terms("timed out")
    assert "?why" in terms("Warum?") and "?why" in terms("why tho") and "?why" not in terms("ok")


def test_a_question_word_inside_a_clause_is_no_intent():
    assert "?when" in terms("when is the next event")
    assert "?when" not in terms("how do i get notified when the stream goes live")


# Question detection


@pytest.mark.parametrize(
    "text",
    [
        "wie bekomme ich rollen",
        "Wo sind die Regeln",
        "wann ist stream?",
        "warum wurde ich gemutet",
        "kann ich hier englisch schreiben",
        "gibt es einen Shop",
        "hey, weiß jemand wo die regeln sind?",
        "how do I verify",
        "where can i buy merch",
        "can i appeal a ban",
        "is there a german channel",
        "the bot deleted my message?? 😭",
        "wher can i buy merch",
    ],
)
def test_questions_are_recognised(text):
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hi",
        "moin leute",
        "wie gehts?",
        "Wie gehts dir so?",
        "how are you all?",
        "what's up?",
        "Guten Morgen zusammen!",
        "ich hab die regeln gelesen",
        "kann sein",
        "the stream was great",
        "gg",
        "warum?",
        "wie " + "lange noch " * 100 + "?",  # over 500 characters
    ],
)
def test_greetings_statements_and_long_messages_are_no_questions(text):
    assert not looks_like_question(text)


# The index


def test_match_answers_questions_in_both_languages_and_with_typos():
    index = small_index()
    found = index.match("wo finde ich die regeln?")
    assert found is not None and found.entry_id == 1 and found.score >= THRESHOLD
    assert _matched(index, "Wo sind die Regeln?") == 1
    assert _matched(index, "warum wurde meine nachricht geloescht") == 3
    assert _matched(index, "why cant i talk in vc") == 4
    assert _matched(index, "how do i verfy my acount") == 5


def test_match_needs_a_question_and_a_score():
    index = small_index()
    assert index.match("die regeln sind gut") is None  # a statement
    assert index.match("wer hat gestern das spiel gewonnen?") is None  # a question, no entry
    assert index.match("why is the sky blue?") is None  # shares only the question word


def test_match_needs_a_clear_lead():
    index = FaqIndex([RULES, Entry(9, RULES.question, RULES.answer)])
    assert index.ranked("wo finde ich die regeln?")[0].score >= THRESHOLD
    assert index.match("wo finde ich die regeln?") is None


def test_add_replaces_and_remove_deletes():
    index = small_index()
    assert len(index) == 5
    index.add(Entry(1, "Wie melde ich einen Bug?", "In #bug-reports."))
    assert len(index) == 5
    assert _matched(index, "wo melde ich einen bug?") == 1
    assert _matched(index, "wo sind die regeln?") is None
    index.remove(1)
    index.remove(1)  # unknown ids are ignored
    assert len(index) == 4
    assert _matched(index, "wo melde ich einen bug?") is None
    assert 1 not in [match.entry_id for match in index.search("bug")]
    index.add(RULES)
    assert _matched(index, "wo sind die regeln?") == 1


def test_search_completes_words_as_they_are_typed():
    index = small_index()
    assert [match.entry_id for match in index.search("disc")] == [4]
    assert index.search("regel")[0].entry_id == 1
    assert index.search("verif")[0].entry_id == 5
    assert index.search("nachr")[0].entry_id == 3


def test_search_ranks_and_limits():
    index = small_index()
    found = index.search("rolle regeln")
    assert {match.entry_id for match in found[:2]} == {1, 2}
    assert all(a.score >= b.score for a, b in itertools.pairwise(found))
    assert all(match.score >= SEARCH_MINIMUM for match in found)
    assert len(index.search("rolle regeln", limit=1)) == 1
    assert index.search("regeln", limit=0) == []
    assert index.search("quantenphysik") == []


def test_an_empty_query_lists_entries_by_id():
    index = FaqIndex([VERIFY, RULES, DELETED])
    assert index.search("") == [Match(1, 0.0), Match(3, 0.0), Match(5, 0.0)]
    assert index.search("  ?! ", limit=2) == [Match(1, 0.0), Match(3, 0.0)]


def test_an_empty_index_finds_nothing():
    index = FaqIndex()
    assert len(index) == 0
    assert index.match("wo sind die regeln?") is None
    assert index.search("regeln") == []
    assert index.search("") == []
    assert index.ranked("wo sind die regeln?") == []


def test_very_long_input_is_quick_and_harmless():
    index = small_index()
    huge = "wo finde ich die regeln " * 420  # about 10,000 characters
    began = time.perf_counter()
    assert index.match(huge) is None  # too long for a chat question
    index.search(huge)
    index.ranked(huge)
    index.search("x" * 10_000)
    index.match("?" * 10_000)
    assert time.perf_counter() - began < 0.5


def test_match_is_fast_on_500_entries():
    index = FaqIndex(
        Entry(n, f"{entry.question} {n}", entry.answer)
        for n in range(500)
        for entry in [[RULES, ROLES, DELETED, VOICE, VERIFY][n % 5]]
    )
    texts = ["wo sind die regeln?", "why cant i talk in vc", "gg", "wie bekomme ich rollen"] * 50
    index.match(texts[0])  # builds the weights once
    began = time.perf_counter()
    for text in texts:
        index.match(text)
    assert (time.perf_counter() - began) / len(texts) < 0.002  # measured: ~0.05 ms


def _matched(index: FaqIndex, text: str) -> int | None:
    found = index.match(text)
    return None if found is None else found.entry_id
