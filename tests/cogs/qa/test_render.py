"""The texts of a Q&A round: member text never formats, pings or breaks out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.i18n import I18n
from cogs.qa import render, strings
from cogs.qa.repository import Question, Round, Summary
from tests.catalog import t

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def translator() -> I18n:
    i18n = I18n()
    i18n.add_feature(strings)
    return i18n


def a_round(**changes: object) -> Round:
    values: dict[str, object] = dict(
        id=7, guild_id=1, channel_id=2, topic="Roadmap **2027** @everyone", host_id=42,
        anonymous=False, moderated=False, max_questions=3, ends_at=NOW + timedelta(hours=1),
        state="open", panel_message_id=None, created_by=42, closed_at=None,
    )  # fmt: skip
    values.update(changes)
    return Round(**values)  # type: ignore[arg-type]


def a_question(number: int, text: str, votes: int = 0, **changes: object) -> Question:
    values: dict[str, object] = dict(
        id=number, round_id=7, number=number, author_id=100 + number, anonymous=False, text=text,
        state="visible", reject_reason=None, merged_into=None, message_id=None,
        review_message_id=None, answer=None, answered_by=None, answer_message_id=None,
        votes=votes, merged=0,
    )  # fmt: skip
    values.update(changes)
    return Question(**values)  # type: ignore[arg-type]


def test_safe_line_neutralises_mentions_markdown_and_newlines():
    line = render.safe_line("hi @everyone <@&5>\n**bold** `x`", 200)
    assert "@everyone" not in line and "\n" not in line
    assert "\\*\\*bold\\*\\*" in line and "\\`x\\`" in line
    assert (
        render.safe_line("x" * 300, 50).endswith("…") and len(render.safe_line("x" * 300, 50)) == 50
    )


def test_panel_lists_the_top_questions_by_votes_then_order():
    i18n = translator()
    questions = [
        a_question(1, "first", 2),
        a_question(2, "second", 5),
        a_question(3, "third", 2, answer="yes", answered_by=42),
        a_question(4, "hidden", 9, state="pending"),
        a_question(5, "dup", 0, state="merged"),
    ]
    embed = render.panel_embed(i18n.t, "en", a_round(), questions, NOW)
    top = embed.fields[0].value or ""
    assert top.index("#2") < top.index("#1") < top.index("#3")
    assert "hidden" not in top and "dup" not in top and "✅" in top
    assert "@everyone" not in (embed.title or "") and "<t:" in (embed.description or "")
    assert embed.footer.text == "Round #7 · 3 questions · 1 answered"


def test_anonymous_questions_show_no_author():
    i18n = translator()
    embed = render.question_embed(i18n.t, "de", a_round(), a_question(1, "Frage?", anonymous=True))
    assert "101" not in str(embed.to_dict()) and "anonym" in str(embed.to_dict())


def test_summary_and_transcript():
    i18n = translator()
    questions = [
        a_question(1, "Kommt ```das``` Update? @here", 3, answer="Ja, im **März**", answered_by=42),
        a_question(2, "Und Merch?", 1, anonymous=True),
    ]
    summary = Summary(questions=2, answered=1, askers=2, voters=3)
    embed = render.summary_embed(i18n.t, "de", a_round(state="closed"), questions, summary)
    assert embed.description == t(
        "qa.summary_counts", "de", questions=2, askers=2, answered=1, voters=3
    )
    assert [f.name for f in embed.fields] == ["Beantwortet (1)", "Nicht beantwortet (1)"]
    names = render.TranscriptNames({42: "Hanna", 101: "Mia"})
    text = render.transcript(i18n.t, "de", a_round(state="closed"), questions, names, summary)
    assert "```" not in text and "@here" not in text
    assert "gefragt von Mia" in text and "gefragt von anonym" in text and "Antwort (Hanna)" in text
    assert "> Ja, im \\*\\*März\\*\\*" in text


def test_escaping_never_pushes_an_embed_over_discords_limits():
    i18n = translator()
    topic = "AMA_" + "_x" * 95  # escaping doubles the underscores
    questions = [a_question(n, "Frage " + "_*" * 400, votes=10 - n) for n in range(1, 6)]
    closed = a_round(topic=topic, state="closed")
    for embed in (
        render.panel_embed(i18n.t, "de", a_round(topic=topic), questions, NOW),
        render.summary_embed(i18n.t, "de", closed, questions, Summary(5, 0, 5, 9)),
    ):
        assert len(embed.title or "") <= 256
        assert all(len(f.value or "") <= 1024 for f in embed.fields)
        assert len(embed) <= 6000
    assert not render.safe_line("a" * 10 + "_" * 50, 21).endswith("\\…")  # no split escape


def test_transcript_backticks_stay_literal():
    i18n = translator()
    text = render.transcript(
        i18n.t, "en", a_round(), [a_question(1, "a `b` c")], render.TranscriptNames({}), None
    )
    assert "> a \\`b\\` c" in text
