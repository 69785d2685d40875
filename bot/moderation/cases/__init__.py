"""The case log: every moderation action, automatic or manual, is a numbered case per guild.

Auto-moderation, the manual moderation commands and actions taken in Discord's own interface (read
from the audit log) all record cases here; strikes are the points of cases that have not expired.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from bot.database import Database
from bot.dm import DmStatus
from bot.moderation.cases import repository
from bot.moderation.cases.repository import Case, CaseState, Escalation, TempBan
from bot.moderation.cases.strikes import LadderStep, expires_at
from bot.privacy import PrivacyRegistry
from bot.repository import OutboxPost
from bot.timeutil import Clock, to_iso, utcnow

__all__ = ["Case", "CaseLog", "TempBan"]


class CaseLog:
    def __init__(self, db: Database, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def record_applied(
        self,
        guild_id: int,
        user_id: int,
        moderator_id: int,
        action: str,
        reason: str,
        *,
        posts: Callable[[Case], Sequence[OutboxPost]],
        duration: timedelta | None = None,
        rule: str | None = None,
    ) -> Case | None:
        """A case for something already done (in Discord's own interface, a purge, a lockdown)
        and, in the same transaction, its posts."""
        recorded = await self.record_offence(
            guild_id,
            user_id,
            action,
            reason,
            rule=rule,
            ladder=(),
            step_reason=str,
            duration=duration,
            moderator_id=moderator_id,
            posts=posts,
            state=CaseState.APPLIED,
            outcome="done",
        )
        return recorded[0] if recorded else None

    async def record_offence(
        self,
        guild_id: int,
        user_id: int,
        action: str,
        reason: str,
        *,
        rule: str | None,
        ladder: Sequence[LadderStep],
        step_reason: Callable[[int], str],
        evidence: dict[str, Any] | None = None,
        points: int = 0,
        decay_days: int = 30,
        duration: timedelta | None = None,
        channel_id: int | None = None,
        message_id: int | None = None,
        moderator_id: int = 0,
        posts: Callable[[Case], Sequence[OutboxPost]] = lambda case: (),
        state: CaseState = CaseState.PENDING,
        outcome: str | None = None,
        quote: str | None = None,
    ) -> tuple[Case, Escalation | None] | None:
        """A case and, in the same transaction, the ladder step its points cross (see
        :func:`repository.insert_offence`) and the posts ``posts`` makes of each; None if
        (message, rule) already has a case."""
        now = self._clock()
        return await repository.insert_offence(
            self._db,
            ladder=ladder,
            step_reason=step_reason,
            posts=posts,
            state=state,
            outcome=outcome,
            guild_id=guild_id,
            user_id=user_id,
            moderator_id=moderator_id,
            action=action,
            reason=reason[:1000],
            now=now,
            rule=rule,
            evidence=evidence,
            points=points,
            duration_seconds=int(duration.total_seconds()) if duration else None,
            channel_id=channel_id,
            message_id=message_id,
            points_expire_at=expires_at(now, decay_days) if points else None,
            quote=quote,
        )

    async def get(self, guild_id: int, number: int) -> Case | None:
        return await repository.get_case(self._db, guild_id, number)

    async def of_member(self, guild_id: int, user_id: int, limit: int = 25) -> list[Case]:
        return await repository.cases_of_user(self._db, guild_id, user_id, limit)

    async def recent(self, guild_id: int, limit: int = 25) -> list[Case]:
        return await repository.recent_cases(self._db, guild_id, limit)

    async def active_points(self, guild_id: int, user_id: int, now: datetime | None = None) -> int:
        return await repository.active_points(self._db, guild_id, user_id, now or self._clock())

    async def finish(
        self,
        case: Case,
        state: str,
        outcome: str,
        posts: Sequence[OutboxPost] = (),
        temp_ban: TempBan | None = None,
    ) -> Case | None:
        """The pending case's state and outcome code, with the posts that follow from it (see
        :func:`repository.finish_case`)."""
        return await repository.finish_case(
            self._db,
            case.guild_id,
            case.number,
            state=state,
            outcome=outcome,
            posts=posts,
            now=self._clock(),
            temp_ban=temp_ban,
        )

    async def pending(self) -> list[Case]:
        return await repository.pending_cases(self._db)

    async def set_dm_status(self, guild_id: int, number: int, status: DmStatus) -> None:
        await repository.update_case(self._db, guild_id, number, dm_status=status)

    async def set_log_message_id(self, guild_id: int, number: int, message_id: int) -> None:
        await repository.update_case(self._db, guild_id, number, log_message_id=message_id)

    async def temp_bans(self) -> list[TempBan]:
        return await repository.temp_bans(self._db)

    async def add_temp_ban(self, ban: TempBan) -> None:
        await repository.add_temp_ban(self._db, ban, self._clock())

    async def take_due_temp_ban(self, guild_id: int, user_id: int) -> TempBan | None:
        return await repository.take_due_temp_ban(self._db, guild_id, user_id, self._clock())

    async def edit_reason(self, guild_id: int, number: int, reason: str) -> Case | None:
        if not await repository.update_case(self._db, guild_id, number, reason=reason[:1000]):
            return None
        return await self.get(guild_id, number)

    async def cancel_temp_ban(self, guild_id: int, user_id: int) -> bool:
        return await repository.cancel_temp_ban(self._db, guild_id, user_id)

    async def revoke(self, guild_id: int, number: int) -> bool:
        return await repository.update_case(self._db, guild_id, number, revoked_at=self._clock())

    def register_privacy(self, registry: PrivacyRegistry) -> None:
        registry.register(
            "moderation_cases",
            "Moderation actions concerning you (kept for the server's safety; forgetting removes "
            "the quoted message excerpts, not the record of the action).",
            self._export,
            erase=repository.erase_evidence_of_user,
        )

        registry.register(
            "review_items",
            "Messages of yours flagged for the moderators' review, with your words (erased 30 "
            "days after the decision) and the decision.",
            self._export_reviews,
            erase=repository.erase_review_quotes_of_user,
        )

        registry.register(
            "appeals",
            "Your appeals against moderation cases and their outcome.",
            self._export_appeals,
            erase=repository.delete_appeals_of_user,
        )

    async def _export_reviews(self, user_id: int) -> list[dict[str, Any]]:
        items = await repository.reviews_of_user(self._db, user_id)
        return [
            {k: (to_iso(v) if isinstance(v, datetime) else v) for k, v in asdict(i).items()}
            for i in items
        ]

    async def _export_appeals(self, user_id: int) -> list[dict[str, Any]]:
        appeals = await repository.appeals_of_user(self._db, user_id)
        return [
            {k: (to_iso(v) if isinstance(v, datetime) else v) for k, v in asdict(a).items()}
            for a in appeals
        ]

    async def _export(self, user_id: int) -> list[dict[str, Any]]:
        cases = await repository.all_cases_of_user(self._db, user_id)
        return [
            {k: (to_iso(v) if isinstance(v, datetime) else v) for k, v in asdict(case).items()}
            for case in cases
        ]
