"""How members name questions in commands: a bare number never splits into round and number."""

from __future__ import annotations

import pytest

from cogs.qa.commands import question_ref


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", (None, 2)),
        ("12", (None, 12)),
        ("123", (None, 123)),
        ("#42", (None, 42)),
        (" # 7 ", (None, 7)),
        ("4#2", (4, 2)),
        ("12 # 3", (12, 3)),
        ("", None),
        ("#", None),
        ("4#", None),
        ("R4#2", None),
        ("1e3", None),
    ],
)
def test_question_ref(value, expected):
    assert question_ref(value) == expected
