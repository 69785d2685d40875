"""How a round's questions are counted: the one definition behind the panel's footer, the
summary (stored when the round closes), the transcript of ``/qa export`` and their lists.

**A round's questions are its visible questions, answered or not.** Not counted are questions
still waiting for the team's review (pending), rejected questions, and merged duplicates: a
duplicate lives on in the question it was merged into (its author and voters support that one
now), so each thing asked counts once. From that set:

- *answered*: the counted questions that have an answer;
- *askers*: the distinct members who asked a counted question;
- *voters*: the distinct members with a vote on a counted question (SQL: :data:`SQL_COUNTED`).

The transcript lists the questions that are not counted as well, each marked as what it is.
No Discord and no database here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

COUNTED_STATES: tuple[str, ...] = ("visible",)
SQL_COUNTED = "state IN (" + ", ".join(f"'{state}'" for state in COUNTED_STATES) + ")"
"""The same rule as a condition on ``qa_questions`` (no parameters)."""


class Countable(Protocol):
    @property
    def state(self) -> str: ...
    @property
    def answered(self) -> bool: ...
    @property
    def author_id(self) -> int: ...


@dataclass(frozen=True)
class Tally:
    questions: int
    answered: int
    askers: int


def is_counted(question: Countable) -> bool:
    return question.state in COUNTED_STATES


def tally(questions: Iterable[Countable]) -> Tally:
    """Questions, answered and askers of a round, by the rule above."""
    counted = [q for q in questions if is_counted(q)]
    return Tally(
        questions=len(counted),
        answered=sum(1 for q in counted if q.answered),
        askers=len({q.author_id for q in counted if q.author_id}),
    )
