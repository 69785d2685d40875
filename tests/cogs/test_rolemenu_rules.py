"""The role menu's pure rules: which roles are refused, and what a click changes."""

from __future__ import annotations

import discord
import pytest

from bot.roles import DANGEROUS
from cogs.rolemenus.rules import (
    Change,
    Refusal,
    RoleFacts,
    parts,
    plan_select,
    plan_toggle,
    role_problem,
    rows,
)


def test_the_dangerous_bits_are_discords():
    for name, bit in DANGEROUS.items():
        assert discord.Permissions(bit) == discord.Permissions(**{name: True}), name


@pytest.mark.parametrize(
    ("facts", "key"),
    [
        (RoleFacts(exists=False), "rolemenu.role_gone"),
        (RoleFacts(exists=True, is_default=True), "rolemenu.role_managed"),
        (RoleFacts(exists=True, managed=True), "rolemenu.role_managed"),
        (RoleFacts(exists=True, below_bot=False), "rolemenu.role_above_bot"),
        (RoleFacts(exists=True, team=True), "rolemenu.role_team"),
        (RoleFacts(exists=True, team=True, permissions=1 << 13), "rolemenu.role_team"),
        (RoleFacts(exists=True, permissions=1 << 3), "rolemenu.role_dangerous"),
        (RoleFacts(exists=True, permissions=1 << 40), "rolemenu.role_dangerous"),
        (RoleFacts(exists=True, permissions=(1 << 10) | (1 << 11)), None),
    ],
)
def test_role_problems(facts, key):
    problem = role_problem(facts)
    assert (problem.key if problem else None) == key


def test_dangerous_names_are_listed():
    problem = role_problem(RoleFacts(exists=True, permissions=(1 << 1) | (1 << 17)))
    assert problem is not None
    assert problem.permissions == ("kick_members", "mention_everyone")


MENU = [1, 2, 3, 4]


def test_toggle_adds_removes_swaps_and_keeps_the_maximum():
    assert plan_toggle(MENU, set(), 1, single=False, maximum=None) == Change(added=(1,))
    assert plan_toggle(MENU, {1, 9}, 1, single=False, maximum=None) == Change(removed=(1,))
    assert plan_toggle(MENU, {2, 9}, 1, single=True, maximum=None) == Change(
        added=(1,), removed=(2,)
    )
    assert plan_toggle(MENU, {1, 2, 9}, 3, single=False, maximum=2) == Refusal(
        "rolemenu.max_reached", 2
    )
    # roles outside the menu do not count towards its maximum
    assert plan_toggle(MENU, {1, 9}, 3, single=False, maximum=2) == Change(added=(3,))


def test_select_sets_its_part_and_keeps_the_others():
    part = [1, 2]
    assert plan_select(MENU, part, {1, 3}, [2], single=False, maximum=None) == Change(
        added=(2,), removed=(1,)
    )
    assert plan_select(MENU, part, {3, 4}, [1, 2], single=False, maximum=3) == Refusal(
        "rolemenu.max_reached", 3
    )
    assert plan_select(MENU, part, {3}, [1], single=True, maximum=None) == Change(
        added=(1,), removed=(3,)
    )
    assert plan_select(MENU, part, {1, 3}, [], single=True, maximum=None) == Change(removed=(1,))
    # fewer than before is always allowed, even above a lowered maximum
    assert plan_select(MENU, part, {1, 2, 3}, [1], single=False, maximum=1) == Change(removed=(2,))


def test_parts_and_rows():
    assert [len(p) for p in parts(list(range(60)))] == [25, 25, 10]
    assert parts([]) == [[]]
    assert [len(r) for r in rows(12)] == [5, 5, 2]
