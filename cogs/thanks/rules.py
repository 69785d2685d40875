"""When a thank is accepted and when it counts; whether a top-helper role is safe. Pure.

A member cannot thank a bot, a webhook, a system message or themselves. Each member gives at
most ``DAILY_LIMIT`` thanks in 24 hours; the same pair (giver, receiver) counts at most
``PAIR_PER_WEEK`` times in 7 days: a thank beyond that still arrives, but no longer counts for the
monthly recognition, so two friends cannot thank each other to the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.roles import dangerous_names

DAILY_LIMIT = 5
DAY = timedelta(hours=24)
PAIR_PER_WEEK = 3
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Target:
    """Who (or what) is being thanked, as seen at the moment of the thank."""

    is_self: bool = False
    is_bot: bool = False
    is_webhook: bool = False
    is_system: bool = False
    is_member: bool = True  # still a member of the server


def refusal(target: Target) -> str | None:
    """The message key that refuses this thank (None: it may be given)."""
    if target.is_webhook:
        return "thanks.no_webhook"
    if target.is_system:
        return "thanks.no_system"
    if target.is_bot:
        return "thanks.no_bot"
    if target.is_self:
        return "thanks.no_self"
    if not target.is_member:
        return "thanks.not_member"
    return None


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    counted: bool


def verdict(given_last_day: int, pair_counted_last_week: int) -> Verdict:
    """``given_last_day``: thanks the giver gave in the last 24 hours; ``pair_counted_last_week``:
    how many of the giver's thanks to this receiver counted in the last 7 days."""
    if given_last_day >= DAILY_LIMIT:
        return Verdict(accepted=False, counted=False)
    return Verdict(accepted=True, counted=pair_counted_last_week < PAIR_PER_WEEK)


@dataclass(frozen=True)
class RoleProblem:
    key: str
    permissions: tuple[str, ...] = ()


def role_problem(
    *, exists: bool, managed: bool, below_bot: bool, permissions: int, team: bool = False
) -> RoleProblem | None:
    """Why the bot must not give the top-helper role (None: it may)."""
    if not exists:
        return RoleProblem("thanks.role_gone")
    if managed:
        return RoleProblem("thanks.role_managed")
    if not below_bot:
        return RoleProblem("thanks.role_above_bot")
    if team:  # a moderator, admin, auto-moderation exempt or quarantine role
        return RoleProblem("thanks.role_team")
    names = dangerous_names(permissions)
    if names:
        return RoleProblem("thanks.role_dangerous", names)
    return None
