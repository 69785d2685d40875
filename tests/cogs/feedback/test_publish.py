"""Criticism proposed as a suggestion: the title is its first sentence, the details the text."""

from __future__ import annotations

from cogs.feedback.publish import TITLE_MAX, proposal


def test_the_first_sentence_becomes_the_title_and_the_text_the_details():
    text = "Die Fragerunde war zu kurz. Nächstes Mal bitte eine Stunde statt zwanzig Minuten!"
    assert proposal(text) == ("Die Fragerunde war zu kurz", text)


def test_a_single_sentence_needs_no_details():
    assert proposal("Das Event am Freitag war zu spät!") == (
        "Das Event am Freitag war zu spät!",
        "",
    )
    assert proposal("the new rules are confusing") == ("the new rules are confusing", "")


def test_a_long_first_sentence_is_cut_at_a_word():
    text = "Das neue Update " + "ist wirklich sehr langsam geworden und " * 6 + "nervt."
    title, body = proposal(text)
    assert len(title) <= TITLE_MAX and title.endswith("…") and not title.endswith(" …")
    assert text.startswith(title[:-1]) and body == text


def test_versions_and_urls_do_not_end_a_sentence():
    text = "Version 2.3 hat das Menü kaputt gemacht, siehe example.org/x. Bitte zurückrollen."
    assert proposal(text)[0] == "Version 2.3 hat das Menü kaputt gemacht, siehe example.org/x"
