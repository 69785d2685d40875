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


#: permissions a self-assigned role may carry: chatting, voice and reading
ALLOWED = frozenset(
    {
        "create_instant_invite",
        "add_reactions",
        "priority_speaker",
        "stream",
        "view_channel",
        "send_messages",
        "send_tts_messages",
        "embed_links",
        "attach_files",
        "read_message_history",
        "use_external_emojis",
        "connect",
        "speak",
        "use_voice_activation",
        "change_nickname",
        "use_application_commands",
        "request_to_speak",
        "create_public_threads",
        "create_private_threads",
        "use_external_stickers",
        "send_messages_in_threads",
        "use_embedded_activities",
        "use_soundboard",
        "use_external_sounds",
        "send_voice_messages",
        "set_voice_channel_status",
        "send_polls",
        "use_external_apps",
    }
)


def test_every_discord_permission_is_decided():
    """A permission Discord adds must be put in DANGEROUS or in ALLOWED (a decision each)."""
    dangerous = set(DANGEROUS.values())
    allowed = {discord.Permissions.VALID_FLAGS[name] for name in ALLOWED}
    assert not dangerous & allowed
    for name, bit in discord.Permissions.VALID_FLAGS.items():
        assert bit in dangerous or bit in allowed, f"{name}: dangerous or allowed?"


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


def test_every_refused_permission_is_named_in_both_languages():
    """A refusal names the permission as Discord's client does, in German too."""
    from bot.strings import PERMISSION_LABELS

    assert [name for name in DANGEROUS if name not in PERMISSION_LABELS] == []
