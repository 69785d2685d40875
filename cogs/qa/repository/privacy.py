"""A member's Q&A and FAQ data: what is stored about them, and forgetting it."""

from __future__ import annotations

from typing import Any

from bot.database import Database


async def data_of_user(db: Database, user_id: int) -> list[dict[str, Any]]:
    asked = await db.fetchall(
        "SELECT q.round_id, r.topic, q.number, q.text, q.anonymous, q.state, q.answer, q.created_at "
        "FROM qa_questions q JOIN qa_rounds r ON r.id = q.round_id WHERE q.author_id = ?",
        (user_id,),
    )
    voted = await db.fetchall(
        "SELECT q.round_id, q.number, v.voted_at FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id "
        "WHERE v.voter_id = ?",
        (user_id,),
    )
    rated = await db.fetchall(
        "SELECT r.entry_id, v.helpful FROM faq_reply_votes v JOIN faq_replies r ON r.id = v.reply_id "
        "WHERE v.user_id = ?",
        (user_id,),
    )
    answered = await db.fetchall(
        "SELECT q.round_id, q.number, q.answer, q.answered_at FROM qa_questions q WHERE q.answered_by = ?",
        (user_id,),
    )
    hosted = await db.fetchall(
        "SELECT id, topic, created_at, host_id = ? AS hosted, created_by = ? AS opened FROM qa_rounds "
        "WHERE host_id = ? OR created_by = ?",
        (user_id, user_id, user_id, user_id),
    )
    faq = await db.fetchall(
        "SELECT id, question, answer, created_at FROM faq_entries WHERE created_by = ?", (user_id,)
    )
    return (
        [{"question": dict(r)} for r in asked]
        + [{"vote": dict(r)} for r in voted]
        + [{"faq_rating": dict(r)} for r in rated]
        + [{"answer": dict(r)} for r in answered]
        + [{"round": dict(r)} for r in hosted]
        + [{"faq_entry": dict(r)} for r in faq]
    )


async def forget_user(db: Database, user_id: int) -> int:
    """Questions are removed (their text too), votes and FAQ ratings deleted; an answer the member
    gave as host stays with the question it answers, without their id."""
    async with db.transaction() as tx:
        # FAQ entries made from the member's questions carry their words: they go too.
        removed = await tx.execute(
            "DELETE FROM faq_entries WHERE source_question_id IN "
            "(SELECT id FROM qa_questions WHERE author_id = ?)",
            (user_id,),
        )
        # Their ratings leave the entries' counts, so rating again later counts once.
        larger = "GREATEST" if tx.dialect == "postgresql" else "max"  # of two values
        await tx.execute(
            "UPDATE faq_entries SET "
            f"helped = {larger}(helped - (SELECT count(*) FROM faq_reply_votes v JOIN faq_replies r ON r.id = v.reply_id "
            "  WHERE r.entry_id = faq_entries.id AND v.user_id = ? AND v.helpful = 1), 0), "
            f"not_helped = {larger}(not_helped - (SELECT count(*) FROM faq_reply_votes v JOIN faq_replies r ON r.id = v.reply_id "
            "  WHERE r.entry_id = faq_entries.id AND v.user_id = ? AND v.helpful = 0), 0)",
            (user_id, user_id),
        )
        removed += await tx.execute(
            "UPDATE qa_questions SET author_id = 0, anonymous = 1, text = '', state = 'rejected', "
            "reject_reason = 'erased' WHERE author_id = ?",
            (user_id,),
        )
        removed += await tx.execute("DELETE FROM qa_votes WHERE voter_id = ?", (user_id,))
        removed += await tx.execute(
            "UPDATE qa_questions SET answered_by = 0 WHERE answered_by = ?", (user_id,)
        )
        removed += await tx.execute("DELETE FROM faq_reply_votes WHERE user_id = ?", (user_id,))
        await tx.execute("UPDATE qa_rounds SET host_id = 0 WHERE host_id = ?", (user_id,))
        await tx.execute("UPDATE qa_rounds SET created_by = 0 WHERE created_by = ?", (user_id,))
        await tx.execute("UPDATE faq_entries SET created_by = 0 WHERE created_by = ?", (user_id,))
    return removed
