"""What the moderation pipeline is asked to do (:class:`Order`) and what became of it
(:class:`Outcome`): plain data, no text (text is made at the edge, in the reader's language)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from bot.moderation.cases.repository import Case


class Result(StrEnum):
    APPLIED = "applied"
    REFUSED = "refused"  # checked locally: Discord would refuse, nothing was sent
    FAILED = "failed"  # Discord refused or failed, the member is gone, or the moment passed
    DUPLICATE = "duplicate"  # this (message, rule) already has a case: nothing was done


@dataclass(frozen=True)
class Outcome:
    result: Result
    code: str  # see bot.moderation.outcomes
    case: Case | None = None
    http_status: int | None = None
    step: Outcome | None = None  # the strike-ladder step this case's points crossed

    @property
    def applied(self) -> bool:
        return self.result is Result.APPLIED

    @property
    def dm_status(self) -> str:
        return (self.case.dm_status if self.case else None) or "not_needed"


@dataclass(frozen=True)
class Order:
    """What to do, decided by the caller (step 1)."""

    guild_id: int
    user_id: int
    action: str  # flag, delete, warn, timeout, untimeout, kick, ban, unban, quarantine, note
    reason: str
    moderator_id: int = 0  # 0: the bot decided
    rule: str | None = None
    evidence: Mapping[str, Any] | None = None
    points: int = 0
    duration: timedelta | None = None  # a timeout's length; a temporary ban's length
    delete_seconds: int = 0  # a ban also deletes this many seconds of messages
    channel_id: int | None = None
    message_id: int | None = None
    role_id: int | None = None  # the quarantine role
    deletable: bool = True  # auto-moderation: the bot may delete messages in that channel
    record_refusal: bool = True  # a command shows a refusal to the moderator instead
    quote: str | None = None  # a flag: the member's words, for the moderators' review
