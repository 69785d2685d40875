"""The inbox's criticism model: routing decisions, the insult veto, masking, robustness."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.contentcheck.criticism import (
    FORMAT,
    MASK,
    CriticismModel,
    default_model,
    mask,
    prefilter,
    prepare,
)
from bot.contentcheck.offense import ModelError


@pytest.fixture(scope="module")
def model() -> CriticismModel:
    return default_model()


CRITICISM = [
    ("Seit dem letzten Update laggt der Server ständig, bitte schaut euch das an", "de"),
    ("koennt ihr die turnierzeiten bitte frueher posten, das war diesmal viel zu knapp", "de"),
    ("Die neuen Regeln im Voice-Chat sind viel zu streng, bitte überdenkt das nochmal", "de"),
    ("the new rules about voice chat are way too strict, nobody asked for this", "en"),
    ("why do the mods never answer in the support channel? waited 3 days", "en"),
]
CHAT = [
    ("großes Lob an die Mods, das Turnier gestern war super organisiert", "de"),
    ("thanks to the mods, the tournament yesterday was really well organised", "en"),
    ("mein neues handy ist so verbuggt, der akku hält keinen tag", "de"),
    ("heute war die bahn wieder zu spät, echt nervig", "de"),
    ("my graphics driver update broke everything again smh", "en"),
    ("when does the event start tonight? can't wait", "en"),
]


@pytest.mark.parametrize(("text", "lang"), CRITICISM)
def test_criticism_reaches_the_inbox(model: CriticismModel, text: str, lang: str) -> None:
    assert model.judge(text, lang).criticism


@pytest.mark.parametrize(("text", "lang"), CHAT)
def test_negative_talk_about_other_things_stays_chat(
    model: CriticismModel, text: str, lang: str
) -> None:
    assert not model.judge(text, lang).criticism


def test_abuse_never_goes_to_the_inbox(model: CriticismModel) -> None:
    text = CRITICISM[2][0]
    assert not model.judge(text, "en", offense_review=True).criticism
    insult = "the mods are useless idiots and the event was garbage, pathetic clowns"
    assert not model.judge(insult, "en").criticism


ABUSIVE_CRITICISM = [
    (
        "the mods are clueless idiots, the tournament schedule was a mess, the rules changed "
        "mid-event and nobody answered my ticket for a week",
        "en",
    ),
    (
        "ihr seid so inkompetente clowns, seit dem update laggt der server ständig und keiner "
        "von euch antwortet im support",
        "de",
    ),
]


@pytest.mark.parametrize(("text", "lang"), ABUSIVE_CRITICISM)
def test_the_insult_head_vetoes_criticism_aimed_at_people(
    model: CriticismModel, text: str, lang: str
) -> None:
    """Criticism with abuse of the team in it: the criticism head alone would send it to the
    inbox; the insult head keeps it out."""
    scores = model.probabilities(text)
    assert scores["criticism"] >= model.criticism.thresholds[lang]
    finding = model.judge(text, lang)
    assert not finding.criticism and "insult" in finding.reason


def test_candidates_are_a_superset_of_criticism(model: CriticismModel) -> None:
    for text, _lang in CRITICISM:
        assert model.candidate(text)
    for text, _lang in CHAT:
        assert model.candidate(text) == (
            model.probabilities(text)["criticism"] >= min(model.criticism.thresholds.values())
        )


def test_profanity_about_a_thing_is_criticism_with_a_note(model: CriticismModel) -> None:
    text = "the tournament was a shitshow, nobody knew the rules until round 3"
    finding = model.judge(text, "en", offense_score=0.6)
    assert finding.criticism and finding.profanity
    assert not model.judge(text, "en", offense_score=0.1).profanity


def test_short_messages_are_not_judged(model: CriticismModel) -> None:
    assert not prefilter("bot kaputt")
    assert model.judge("bot kaputt", "de").reason == "too short"


def test_mask_keeps_the_first_letter_only() -> None:
    assert mask("the event was scheiße organised", ["scheiße"]) == (
        f"the event was s{MASK * 6} organised"
    )
    assert mask("nothing to hide", ["absent", ""]) == "nothing to hide"


def test_missing_and_invalid_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        CriticismModel.load(tmp_path / "nope.json.gz")
    path = tmp_path / "model.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"format": FORMAT, "heads": {}}).encode()))
    with pytest.raises(ModelError, match="invalid"):
        CriticismModel.load(path)
    path.write_bytes(gzip.compress(json.dumps({"format": 1, "heads": {}}).encode()))
    with pytest.raises(ModelError, match="not format"):  # a model from before the umlaut folding
        CriticismModel.load(path)


def test_umlauts_and_their_spelled_out_forms_read_alike(model: CriticismModel) -> None:
    assert prepare("Wäre schön, wenn ihr früher Bescheid gebt. Grüße") == (
        "waere schoen, wenn ihr frueher bescheid gebt. gruesse"
    )
    assert model.probabilities("die Ankündigung für Samstag kam viel zu spät") == (
        model.probabilities("die Ankuendigung fuer Samstag kam viel zu spaet")
    )


def test_thresholds_and_attribution_are_shipped(model: CriticismModel) -> None:
    for head in (model.criticism, model.insult):
        assert set(head.thresholds) == {"de", "en"}
    assert any("GermEval 2018" in a for a in model.meta["attribution"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600), st.sampled_from([None, "de", "en", "fr"]))
def test_random_unicode_never_raises(model: CriticismModel, text: str, lang: str | None) -> None:
    finding = model.judge(text, lang)
    assert isinstance(finding.criticism, bool)


def test_the_criticism_probability_is_the_product_of_both_heads(model: CriticismModel) -> None:
    for text, _lang in CRITICISM + CHAT:
        norm = prepare(text)
        product = model.criticism.probability(norm) * model.refine.probability(norm)
        assert model.probabilities(text)["criticism"] == pytest.approx(product, abs=1e-12)
