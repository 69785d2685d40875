"""Questions: asking, review, votes, merging and answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.database import Database, Row, Transaction
from bot.errors import UserFacingError
from bot.timeutil import to_iso
from cogs.qa.repository.rounds import Round, RoundState


class QuestionState(StrEnum):
    PENDING = "pending"  # waits for the team's approval (moderated rounds)
    VISIBLE = "visible"
    REJECTED = "rejected"
    MERGED = "merged"  # a duplicate: its votes went to the question it was merged into


@dataclass(frozen=True)
class Question:
    id: int
    round_id: int
    number: int
    author_id: int
    anonymous: bool
    text: str
    state: QuestionState
    reject_reason: str | None
    merged_into: int | None
    message_id: int | None
    review_message_id: int | None
    answer: str | None
    answered_by: int | None
    answer_message_id: int | None
    votes: int = 0
    merged: int = 0  # how many duplicates were merged into this one

    @property
    def answered(self) -> bool:
        return self.answer is not None


def _question(row: Row) -> Question:
    keys = row.keys()
    return Question(
        row["id"],
        row["round_id"],
        row["number"],
        row["author_id"],
        bool(row["anonymous"]),
        row["text"],
        QuestionState(row["state"]),
        row["reject_reason"],
        row["merged_into"],
        row["message_id"],
        row["review_message_id"],
        row["answer"],
        row["answered_by"],
        row["answer_message_id"],
        row["votes"] if "votes" in keys else 0,
        row["merged"] if "merged" in keys else 0,
    )


_WITH_VOTES = (
    "SELECT q.*, (SELECT count(*) FROM qa_votes v WHERE v.question_id = q.id) AS votes, "
    "(SELECT count(*) FROM qa_questions m WHERE m.merged_into = q.id) AS merged FROM qa_questions q "
)


async def set_shown_votes(db: Database, question_id: int, votes: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE qa_questions SET shown_votes = ? WHERE id = ?", (votes, question_id)
        )


async def stale_questions(db: Database) -> list[Question]:
    """Visible questions of open rounds whose message shows another vote count than stored
    (edits that were pending when the process died)."""
    rows = await db.fetchall(
        "SELECT * FROM (" + _WITH_VOTES + "JOIN qa_rounds r ON r.id = q.round_id "
        "WHERE r.state = 'open' AND q.state = 'visible' AND q.message_id IS NOT NULL) "
        "WHERE shown_votes IS NULL OR shown_votes != votes"
    )
    return [_question(r) for r in rows]


class RoundClosedError(UserFacingError):
    """The round closed meanwhile (checked in the same transaction as the write)."""

    key = "qa.closed"


async def add_question(
    db: Database,
    round_: Round,
    author_id: int,
    text: str,
    anonymous: bool,
    now: datetime,
    *,
    pending: bool,
) -> Question | None:
    """None when the member reached the round's limit (checked in the same transaction).
    Raises RoundClosedError when the round closed meanwhile."""
    async with db.transaction() as tx:
        state = await tx.fetchone("SELECT state FROM qa_rounds WHERE id = ?", (round_.id,))
        if state is None or state[0] != RoundState.OPEN:
            raise RoundClosedError()
        row = await tx.fetchone(
            "SELECT count(*) FROM qa_questions WHERE round_id = ? AND author_id = ? AND state != 'rejected'",
            (round_.id, author_id),
        )
        if row is not None and row[0] >= round_.max_questions:
            return None
        number = await tx.fetchone(
            "SELECT coalesce(max(number), 0) + 1 FROM qa_questions WHERE round_id = ?", (round_.id,)
        )
        assert number is not None
        created = await tx.fetchone(
            "INSERT INTO qa_questions (round_id, number, author_id, anonymous, text, state, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                round_.id,
                number[0],
                author_id,
                int(anonymous or round_.anonymous),
                text,
                QuestionState.PENDING if pending else QuestionState.VISIBLE,
                to_iso(now),
            ),
        )
    assert created is not None
    return _question(created)


async def get_question(db: Database, question_id: int) -> Question | None:
    row = await db.fetchone(_WITH_VOTES + "WHERE q.id = ?", (question_id,))
    return _question(row) if row else None


async def question_by_number(db: Database, round_id: int, number: int) -> Question | None:
    row = await db.fetchone(
        _WITH_VOTES + "WHERE q.round_id = ? AND q.number = ?", (round_id, number)
    )
    return _question(row) if row else None


async def questions(db: Database, round_id: int) -> list[Question]:
    """Every question of a round, most votes first, then oldest first."""
    rows = await db.fetchall(
        _WITH_VOTES + "WHERE q.round_id = ? ORDER BY votes DESC, q.number", (round_id,)
    )
    return [_question(r) for r in rows]


async def questions_of_guild(db: Database, guild_id: int, limit: int = 200) -> list[Question]:
    rows = await db.fetchall(
        _WITH_VOTES + "JOIN qa_rounds r ON r.id = q.round_id WHERE r.guild_id = ? "
        "ORDER BY q.id DESC LIMIT ?",
        (guild_id, limit),
    )
    return [_question(r) for r in rows]


async def set_question_message(
    db: Database, question_id: int, *, message_id: int | None = None, review_id: int | None = None
) -> None:
    async with db.transaction() as tx:
        if message_id is not None:  # a new message shows no votes
            await tx.execute(
                "UPDATE qa_questions SET message_id = ?, shown_votes = 0 WHERE id = ?",
                (message_id, question_id),
            )
        if review_id is not None:
            await tx.execute(
                "UPDATE qa_questions SET review_message_id = ? WHERE id = ?",
                (review_id, question_id),
            )


async def review(db: Database, question_id: int, approve: bool, reason: str | None) -> bool:
    """Approve or reject a pending question exactly once. Approving needs the round still open."""
    async with db.transaction() as tx:
        if approve:
            open_ = await tx.fetchone(
                "SELECT 1 FROM qa_questions q JOIN qa_rounds r ON r.id = q.round_id "
                "WHERE q.id = ? AND r.state = 'open'",
                (question_id,),
            )
            if open_ is None:
                raise RoundClosedError()
        return (
            await tx.execute(
                "UPDATE qa_questions SET state = ?, reject_reason = ? WHERE id = ? AND state = 'pending'",
                (QuestionState.VISIBLE if approve else QuestionState.REJECTED, reason, question_id),
            )
            > 0
        )


async def back_to_review(db: Database, question_id: int) -> None:
    """An approval whose post failed: the question waits again."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE qa_questions SET state = 'pending' WHERE id = ? AND state = 'visible'",
            (question_id,),
        )


async def discard_question(db: Database, question_id: int) -> None:
    """A question whose message could not be posted was never asked (and does not count)."""
    async with db.transaction() as tx:
        await tx.execute("DELETE FROM qa_questions WHERE id = ?", (question_id,))


async def toggle_vote_in(
    tx: Transaction, question_id: int, voter_id: int, now: datetime
) -> tuple[bool, int]:
    """Add the member's vote, or take it back if it was there: (the vote now counts, the
    question's votes). Raises RoundClosedError when the round closed (or the question left the
    ballot) meanwhile. Runs in the caller's transaction (the write queue's group)."""
    open_ = await tx.fetchone(
        "SELECT 1 FROM qa_questions q JOIN qa_rounds r ON r.id = q.round_id "
        "WHERE q.id = ? AND q.state = 'visible' AND r.state = 'open'",
        (question_id,),
    )
    if open_ is None:
        raise RoundClosedError()
    removed = await tx.execute(
        "DELETE FROM qa_votes WHERE question_id = ? AND voter_id = ?", (question_id, voter_id)
    )
    if not removed:
        await tx.execute(
            "INSERT INTO qa_votes (question_id, voter_id, voted_at) VALUES (?, ?, ?)",
            (question_id, voter_id, to_iso(now)),
        )
    votes = await tx.fetchone("SELECT count(*) FROM qa_votes WHERE question_id = ?", (question_id,))
    assert votes is not None
    return not removed, int(votes[0])


async def merge(db: Database, duplicate: Question, target: Question, now: datetime) -> bool:
    """Fold a duplicate into another question: its voters and its author support the target,
    each member counted once; the target's own author never votes for it."""
    async with db.transaction() as tx:
        open_ = await tx.fetchone(
            "SELECT 1 FROM qa_rounds WHERE id = ? AND state = 'open'", (target.round_id,)
        )
        if open_ is None:
            raise RoundClosedError()
        changed = await tx.execute(
            "UPDATE qa_questions SET state = 'merged', merged_into = ? WHERE id = ? AND state IN ('visible', 'pending')",
            (target.id, duplicate.id),
        )
        if not changed:
            return False
        await tx.execute(
            "INSERT INTO qa_votes (question_id, voter_id, voted_at) "
            "SELECT ?, voter_id, voted_at FROM qa_votes WHERE question_id = ? AND voter_id != ? ON CONFLICT DO NOTHING",
            (target.id, duplicate.id, target.author_id),
        )
        if duplicate.author_id != target.author_id:
            await tx.execute(
                "INSERT INTO qa_votes (question_id, voter_id, voted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (target.id, duplicate.author_id, to_iso(now)),
            )
        await tx.execute("DELETE FROM qa_votes WHERE question_id = ?", (duplicate.id,))
        # Questions merged into the duplicate before now point at the target.
        await tx.execute(
            "UPDATE qa_questions SET merged_into = ? WHERE merged_into = ?",
            (target.id, duplicate.id),
        )
    return True


async def answer(
    db: Database, question_id: int, text: str, by: int, message_id: int, now: datetime
) -> bool:
    """Record the posted answer; False if another answer was recorded first. An answer after the
    round closed also counts in the round's stored summary."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE qa_questions SET answer = ?, answered_by = ?, answered_at = ?, answer_message_id = ? "
            "WHERE id = ? AND answer IS NULL AND state = 'visible'",
            (text, by, to_iso(now), message_id, question_id),
        )
        if changed:  # only a visible (counted) question is answered: the stored count follows
            await tx.execute(
                "UPDATE qa_rounds SET answered_count = answered_count + 1 WHERE state = 'closed' "
                "AND answered_count IS NOT NULL AND id = (SELECT round_id FROM qa_questions WHERE id = ?)",
                (question_id,),
            )
    return changed > 0
