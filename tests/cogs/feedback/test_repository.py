"""The conversations' and offers' SQL on a real database: a closed conversation takes no team
message, answers wait for their moment, a decision is taken once, and forgetting a member
erases their transcript and offers (what they wrote as team stays, without their id)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.database import Database
from bot.repository import OutboxPost
from cogs.feedback import publish_repository, repository, talk_repository

pytestmark = pytest.mark.postgres  # the repositories on both backends


NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
GUILD, MEMBER, MODERATOR = 10, 1, 2


async def feedback(db: Database, text: str, author: int = MEMBER) -> repository.Item:
    item = await repository.add_item(
        db, guild_id=GUILD, kind="feedback", author_id=author, content=text, now=NOW
    )
    assert item is not None
    return item


def dm(key: str) -> list[OutboxPost]:
    return [OutboxPost(key=key, guild_id=GUILD, content="dm", user_id=MEMBER)]


async def test_a_closed_conversation_takes_no_team_message_and_answers_wait_for_their_moment(db):
    item = await feedback(db, "Die Fragerunde war zu kurz")
    await talk_repository.open_with(db, GUILD, item.id, 500, NOW)
    first = await talk_repository.add_team_message(
        db, item.id, MODERATOR, "Danke!", NOW, lambda mid: dm(f"a{mid}")
    )
    assert first is not None
    later = NOW + timedelta(minutes=15)
    answer = await talk_repository.add_member_message(db, item.id, "text", "Gern", NOW, later)
    assert await talk_repository.due_member_messages(db, NOW) == []
    assert [m.id for m in await talk_repository.due_member_messages(db, later)] == [answer]
    assert await talk_repository.close(db, item.id, "member", NOW)
    assert not await talk_repository.close(db, item.id, "team", NOW)  # closed once, by the member
    assert (
        await talk_repository.add_team_message(
            db, item.id, MODERATOR, "Noch da?", NOW, lambda mid: dm(f"b{mid}")
        )
        is None
    )
    assert await talk_repository.open_threads(db) == []


async def test_an_offer_is_asked_once_and_decided_once(db):
    item = await feedback(db, "Mehr Turniere bitte")
    ask = lambda: publish_repository.ask(  # noqa: E731
        db, GUILD, item.id, "Mehr Turniere bitte", "", MODERATOR, NOW, lambda: dm("p1")
    )
    assert await ask()
    assert not await ask()  # asked already
    assert await publish_repository.move(db, item.id, "unreachable", ("asked",), NOW)
    assert await ask()  # the first question never reached them
    assert await publish_repository.move(db, item.id, "agreed", ("asked", "unreachable"), NOW)
    assert not await publish_repository.move(db, item.id, "declined", ("asked", "unreachable"), NOW)


async def test_forgetting_a_member_erases_their_transcript_and_offers(db):
    mine = await feedback(db, "Die Regeln sind zu lang")
    theirs = await feedback(db, "Das Event war zu spät", author=3)
    for item in (mine, theirs):
        await talk_repository.open_with(db, GUILD, item.id, 600 + item.id, NOW)
        await talk_repository.add_member_message(db, item.id, "text", "Antwort", NOW, NOW)
    # the member is also on the team of another server and wrote to member 3 there
    await talk_repository.add_team_message(
        db, theirs.id, MEMBER, "Wir kürzen sie", NOW, lambda mid: dm(f"c{mid}")
    )
    await publish_repository.ask(db, GUILD, mine.id, "Die Regeln", "", MODERATOR, NOW, lambda: [])
    exported = await talk_repository.transcript_of_user(db, MEMBER)
    assert {row["content"] for row in exported} == {"Antwort", "Wir kürzen sie"}
    await repository.forget_user(db, MEMBER)
    assert await publish_repository.get(db, mine.id) is None
    conversation = await talk_repository.get(db, mine.id)
    assert conversation is not None and conversation.closed_by == "forgotten"
    assert await talk_repository.transcript_of_user(db, MEMBER) == []
    kept = await talk_repository.transcript_of_user(db, 3)
    assert {row["content"] for row in kept} == {"Antwort", "Wir kürzen sie"}  # member 3's
    assert (
        await db.fetchone("SELECT 1 FROM feedback_messages WHERE team_member_id = ?", (MEMBER,))
        is None
    )


async def test_forgetting_an_anonymous_member_ends_their_conversation_only_at_the_slot(db):
    item = await repository.add_item(
        db, guild_id=GUILD, kind="feedback", author_id=MEMBER, content="x", now=NOW, anonymous=True
    )
    assert item is not None
    await talk_repository.open_with(db, GUILD, item.id, 500, NOW)
    await repository.forget_user(db, MEMBER)
    conversation = await talk_repository.get(db, item.id)
    assert conversation is not None and conversation.closed_by is None
    assert conversation.ending == "forgotten" and not conversation.open
    slot = NOW + timedelta(minutes=15)
    await talk_repository.settle(db, NOW, slot)  # the forget's moment is set: the next slot
    assert (await talk_repository.get(db, item.id)).closed_by is None  # type: ignore[union-attr]
    await talk_repository.settle(db, slot, slot + timedelta(minutes=15))
    assert (await talk_repository.get(db, item.id)).closed_by == "forgotten"  # type: ignore[union-attr]
