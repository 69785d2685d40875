"""One voice per topic: which criticism is about the same thing."""

from __future__ import annotations

from cogs.feedback.topic import group_view, same_topic, similarity, words


def test_twenty_ways_to_say_the_q_and_a_was_too_short_are_one_topic():
    first = "Die Fragerunde war viel zu kurz"
    for other in (
        "Fragerunde war echt zu kurz, schade",
        "die fragerunden sind immer so kurz",
        "Warum war die Fragerunde heute so kurz?",
        "Schade, dass die Fragerunde nach 20 Minuten schon vorbei war, viel zu kurz",
    ):
        assert same_topic(other, [first]), other


def test_different_complaints_in_the_same_channel_stay_apart():
    first = "Die Fragerunde war viel zu kurz"
    for other in (
        "Das neue Update hat lange Ladezeiten",
        "Die Regeln sind zu kompliziert",
        "Der Event am Freitag war zu spät",
        "kurz gesagt: die Moderation ist zu langsam",
    ):
        assert not same_topic(other, [first]), other


def test_english_and_umlauts_fold():
    assert same_topic(
        "the tournament schedule is confusing", ["Tournament schedule was so confusing!"]
    )
    assert words("Übergänge") == words("uebergaenge")
    assert similarity(words("Ladezeiten lang"), words("ladezeit lange")) == 1.0


def test_one_shared_word_is_not_a_topic():
    assert not same_topic("Das Update ist schlecht", ["Das Event war schlecht organisiert"])
    assert similarity(frozenset(), words("irgendwas")) == 0.0


def test_a_group_counts_members_once_and_shows_a_few_different_quotes():
    leader = (1, "Die Fragerunde war zu kurz")
    members = [
        (11, 2, "fragerunde zu kurz"),
        (12, 2, "Fragerunde wirklich zu kurz, bitte länger"),  # the same member again
        (13, 3, "die fragerunde war ZU KURZ"),
        (14, None, "Fragerunde zu kurz!!"),  # a member who was forgotten
        (15, 4, "Die Fragerunde war zu kurz"),  # the leader's words
        (16, 5, "die Fragerunde war kurz, schade"),
    ]
    count, quotes = group_view(leader, members)
    assert count == 6  # members 1 to 5 once each, and the forgotten one
    # the most recent first; repeats of the leader's words (in any case) are left out
    assert quotes == [
        "die Fragerunde war kurz, schade",
        "Fragerunde zu kurz!!",
        "Fragerunde wirklich zu kurz, bitte länger",
    ]
