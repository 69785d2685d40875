"""The board's SQL on a real database: votes, status changes, merges, the report's figures and
forgetting a member."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.database import Database
from cogs.suggestions import repository
from cogs.suggestions.board import Status
from cogs.suggestions.repository import Suggestion

pytestmark = pytest.mark.postgres  # the repositories on both backends


NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # a Monday
GUILD = 10


async def posted(db: Database, author: int, title: str, at: datetime = NOW) -> Suggestion:
    made = await repository.create(db, GUILD, author, title, "", 99, at)
    await repository.set_message(db, made.id, 1000 + made.id, 1000 + made.id)
    found = await repository.get(db, made.id)
    assert found is not None
    return found


async def vote(db: Database, suggestion: Suggestion, voter: int, value: int) -> tuple:
    async with db.transaction() as tx:
        return await repository.vote_in(tx, suggestion.id, voter, value, NOW)


async def decide(db: Database, suggestion: Suggestion, status: Status, at: datetime) -> int | None:
    return await repository.change_status(db, suggestion.id, status, "why", 7, at, lambda _: [])


async def test_votes_are_one_per_member_and_follow_the_status(db):
    s = await posted(db, 1, "Idee")
    assert await vote(db, s, 2, 1) == (1, 1, 0)
    assert await vote(db, s, 2, -1) == (-1, 0, 1)
    assert await vote(db, s, 2, -1) == (None, 0, 0)
    assert await vote(db, s, 3, 1) == (1, 1, 0)
    await decide(db, s, Status.DONE, NOW)
    try:
        await vote(db, s, 4, 1)
    except repository.VotingClosedError:
        pass
    else:
        raise AssertionError("a decided suggestion took a vote")
    found = await repository.get(db, s.id)
    assert found is not None and (found.up, found.down, found.status) == (1, 0, Status.DONE)


async def test_the_first_decision_is_kept_and_every_change_recorded(db):
    s = await posted(db, 1, "Idee")
    await decide(db, s, Status.REVIEW, NOW + timedelta(hours=1))
    await decide(db, s, Status.PLANNED, NOW + timedelta(hours=2))
    await decide(db, s, Status.DONE, NOW + timedelta(days=3))
    found = await repository.get(db, s.id)
    assert found is not None and found.decided_at == NOW + timedelta(hours=2)
    changes = await repository.status_changes(db, s.id)
    assert [c.status for c in changes] == [Status.REVIEW, Status.PLANNED, Status.DONE]


async def test_a_merge_moves_votes_once_and_never_to_the_targets_author(db):
    target, duplicate = await posted(db, 1, "Turnier"), await posted(db, 2, "Ein Turnier")
    await vote(db, target, 3, -1)
    for voter, value in ((3, 1), (4, -1), (1, 1)):
        await vote(db, duplicate, voter, value)
    assert await repository.merge(db, duplicate, target, NOW)
    found = await repository.get(db, target.id)
    assert found is not None and (found.up, found.down, found.merged) == (1, 2, 1)
    assert not await repository.merge(db, duplicate, target, NOW)  # once
    gone = await repository.get(db, duplicate.id)
    assert gone is not None and gone.status is Status.MERGED and (gone.up, gone.down) == (0, 0)
    assert await decide(db, gone, Status.DONE, NOW) is None


async def test_report_figures_for_a_week(db):
    week = (NOW, NOW + timedelta(days=7))
    before = await posted(db, 1, "Alt", NOW - timedelta(days=10))
    a = await posted(db, 2, "A", NOW + timedelta(days=1))
    b = await posted(db, 3, "B", NOW + timedelta(days=2))
    c = await posted(db, 4, "C", NOW + timedelta(days=2))
    unposted = await repository.create(db, GUILD, 5, "nie gepostet", "", 99, NOW)
    await decide(db, before, Status.DECLINED, NOW + timedelta(days=1))  # 11 days
    await decide(db, a, Status.REVIEW, NOW + timedelta(days=1, hours=1))  # not a decision
    await decide(db, b, Status.PLANNED, NOW + timedelta(days=3))  # 1 day
    await decide(db, b, Status.DONE, NOW + timedelta(days=5))  # the first decision counts
    d = await posted(db, 6, "D", NOW + timedelta(days=3))
    await decide(db, d, Status.DONE, NOW + timedelta(days=9))  # after the week
    for voter in (10, 11):
        await vote(db, c, voter, 1)
    await vote(db, a, 12, 1)
    figures = await repository.board_figures(db, GUILD, *week)
    assert figures.new == 4  # a, b, c, d; not the one before, not the unposted one
    assert figures.decided == 2  # before and b
    assert figures.median_to_decision == timedelta(days=6)  # (11 + 1) / 2
    assert [(t.number, t.score) for t in figures.top_open] == [(4, 2), (2, 1)]
    assert unposted.number == 5
    empty = await repository.board_figures(db, GUILD + 1, *week)
    assert (empty.new, empty.decided, empty.median_to_decision, empty.top_open) == (0, 0, None, ())


async def test_forget_deletes_unsupported_suggestions_and_anonymises_supported_ones(db):
    alone, supported = await posted(db, 1, "Allein"), await posted(db, 1, "Unterstützt")
    other = await posted(db, 2, "Von jemand anderem")
    await vote(db, supported, 2, 1)
    await vote(db, other, 1, -1)
    await repository.change_status(db, other.id, Status.REVIEW, "schauen wir", 1, NOW, lambda _: [])
    exported = await repository.data_of_user(db, 1)
    assert {next(iter(e)) for e in exported} == {"suggestion", "vote", "status_change"}
    assert await repository.forget_user(db, 1) >= 4
    assert await repository.get(db, alone.id) is None
    kept = await repository.get(db, supported.id)
    assert kept is not None and kept.author_id == 0 and kept.up == 1
    found = await repository.get(db, other.id)
    assert found is not None and (found.up, found.down) == (0, 0)
    assert (await repository.status_changes(db, other.id))[0].changed_by == 0
    assert await repository.data_of_user(db, 1) == []
    assert {s.id for s in await repository.stale(db)} == {supported.id, other.id}
