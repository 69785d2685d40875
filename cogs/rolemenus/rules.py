"""What a role menu may hold and what a click changes. Pure: no discord import.

A role is refused (when the menu is made *and* at every click, since roles change) if it is gone,
@everyone, managed by Discord (bots, boosts, integrations), not below the bot's highest role, one
of the bot's team roles (moderator, admin, auto-moderation exempt or quarantine role), or carries
a dangerous permission (server-wide or allowed by a channel overwrite). A click is planned here
and applied by the cog.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.roles import dangerous_names

PER_MESSAGE = 25  # a select holds 25 options; a message 5 rows of 5 buttons
PER_ROW = 5
MAX_ROLES = 100  # four messages at most


@dataclass(frozen=True)
class RoleFacts:
    """What the checks need to know of a role, read from Discord at the moment of use."""

    exists: bool
    is_default: bool = False
    managed: bool = False
    below_bot: bool = True
    team: bool = False  # a moderator, admin, auto-moderation exempt or quarantine role
    permissions: int = 0  # server-wide, with what its overwrites allow in any channel


@dataclass(frozen=True)
class Problem:
    key: str  # the refusal's message key
    permissions: tuple[str, ...] = ()  # the dangerous permissions found


def role_problem(facts: RoleFacts) -> Problem | None:
    """Why the bot must not hand out this role (None: it may)."""
    if not facts.exists:
        return Problem("rolemenu.role_gone")
    if facts.is_default or facts.managed:
        return Problem("rolemenu.role_managed")
    if not facts.below_bot:
        return Problem("rolemenu.role_above_bot")
    if facts.team:
        return Problem("rolemenu.role_team")
    names = dangerous_names(facts.permissions)
    if names:
        return Problem("rolemenu.role_dangerous", names)
    return None


@dataclass(frozen=True)
class Change:
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed


@dataclass(frozen=True)
class Refusal:
    key: str
    maximum: int = 0


def _ordered(ids: Iterable[int], order: Sequence[int]) -> tuple[int, ...]:
    wanted = set(ids)
    return tuple(role for role in order if role in wanted)


def plan_toggle(
    menu_roles: Sequence[int], held: set[int], role: int, *, single: bool, maximum: int | None
) -> Change | Refusal:
    """A button: a held role is given back; another is taken (in a single-choice menu the
    member's other role of the menu goes), unless the maximum is reached."""
    mine = held & set(menu_roles)
    if role in held:
        return Change(removed=(role,))
    if single:
        return Change(added=(role,), removed=_ordered(mine, menu_roles))
    if maximum is not None and len(mine) >= maximum:
        return Refusal("rolemenu.max_reached", maximum)
    return Change(added=(role,))


def plan_select(
    menu_roles: Sequence[int],
    part_roles: Sequence[int],
    held: set[int],
    chosen: Iterable[int],
    *,
    single: bool,
    maximum: int | None,
) -> Change | Refusal:
    """A select of one message of the menu: its roles become exactly ``chosen``; roles of the
    menu's other messages stay (single choice: they go when one is chosen here)."""
    part = set(part_roles)
    picked = set(chosen) & part
    mine = held & set(menu_roles)
    if single:
        if len(picked) > 1:
            return Refusal("rolemenu.max_reached", 1)
        removed = (mine - picked) if picked else (mine & part)
        return Change(
            added=_ordered(picked - held, menu_roles), removed=_ordered(removed, menu_roles)
        )
    after = (mine - part) | picked
    if maximum is not None and len(after) > maximum and len(after) > len(mine):
        return Refusal("rolemenu.max_reached", maximum)
    return Change(
        added=_ordered(picked - held, menu_roles),
        removed=_ordered((mine & part) - picked, menu_roles),
    )


def parts(roles: Sequence[int]) -> list[list[int]]:
    """The menu's roles split into messages of at most 25."""
    return [list(roles[i : i + PER_MESSAGE]) for i in range(0, len(roles), PER_MESSAGE)] or [[]]


def rows(count: int) -> list[range]:
    """Indices of the buttons on each row of one message."""
    return [range(i, min(i + PER_ROW, count)) for i in range(0, count, PER_ROW)]
