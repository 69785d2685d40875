"""The one rule for counting a round's questions (cogs/qa/counting.py)."""

from __future__ import annotations

from dataclasses import dataclass

from cogs.qa.counting import tally


@dataclass
class Q:
    state: str
    answered: bool
    author_id: int


def test_visible_questions_count_and_nothing_else():
    questions = [
        Q("visible", True, 1),
        Q("visible", False, 2),
        Q("visible", False, 1),
        Q("merged", False, 3),  # counts as the question it was merged into
        Q("rejected", False, 4),
        Q("pending", False, 5),
    ]
    counts = tally(questions)
    assert (counts.questions, counts.answered, counts.askers) == (3, 1, 2)
    assert tally([]).questions == 0
