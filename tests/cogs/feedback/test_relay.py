"""The conversation's decisions: when an anonymous answer may appear, what the team's thread
relays to the member."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cogs.feedback import relay


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 12, 3, hour, minute, second, tzinfo=UTC)


def test_anonymous_answers_appear_at_the_next_full_quarter_hour_never_at_once():
    assert relay.next_slot(at(10, 0)) == at(10, 15)
    assert relay.next_slot(at(10, 14, 59)) == at(10, 15)
    assert relay.next_slot(at(10, 15)) == at(10, 30)
    assert relay.next_slot(at(23, 50)) == datetime(2026, 12, 4, 0, 0, tzinfo=UTC)
    # two answers a minute apart in one slot appear together: their order is all the team sees
    assert relay.next_slot(at(9, 1)) == relay.next_slot(at(9, 13))


def test_a_named_member_is_posted_at_once_an_anonymous_one_at_the_slot():
    now = at(18, 7, 31)
    assert relay.due_for(now, hidden=False) == now
    assert relay.due_for(now, hidden=True) == at(18, 30)
    assert relay.due_for(at(18, 0), hidden=True) == at(18, 15)  # a whole slot, on a boundary
    assert relay.due_for(now, hidden=True, slot=timedelta(hours=1)) == at(20, 0)


def test_an_anonymous_answer_is_not_pinned_to_the_team_message_it_answers():
    # the team's message went out at 10:14:55, the answer came 3 s later: it may not appear at
    # 10:15, which would tell the team it was written in those 5 seconds
    due = relay.due_for(at(10, 14, 58), hidden=True, last_team=at(10, 14, 55))
    assert due == at(10, 30)
    # a team message after the answer (the bot's clock) counts too
    assert relay.due_for(at(10, 0), hidden=True, last_team=at(10, 16)) == at(10, 45)


def test_notes_and_empty_messages_stay_in_the_team():
    assert relay.relayed("Danke, wir kümmern uns darum.")
    assert not relay.relayed("// nur fürs Team: wer übernimmt?")
    assert not relay.relayed("   //notiz")
    assert not relay.relayed("   ")
    assert relay.relayed("Siehe https://example.org/a//b")  # // inside a text is no note


def test_texts_longer_than_a_dm_can_hold_are_not_relayed():
    assert not relay.too_long("a" * relay.TEXT_LIMIT)
    assert relay.too_long("a" * (relay.TEXT_LIMIT + 1))
    assert not relay.too_long(" " * 10 + "a" * relay.TEXT_LIMIT)
