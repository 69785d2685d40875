"""Decisions of the conversations between the team and a member, without Discord: what is
relayed, when an anonymous member's answer may appear, how long a relayed text may be."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.cooldowns import Limit

#: an anonymous member's answers and their closing of a conversation appear in the team's thread
#: only at a full slot a whole slot later, so the moment they wrote cannot point to them
ANONYMOUS_SLOT = timedelta(minutes=15)
#: text the team writes in the thread beginning with this stays in the team (a note)
NOTE_PREFIX = "//"
#: what a team message or a member's answer may hold (a DM holds 2,000 with our lines around it)
TEXT_LIMIT = 1500
#: how often a member may answer (per member, across conversations)
MEMBER_ANSWERS = Limit("feedback-answer", 5, 600)
#: how often one team member's messages are relayed to members (binds the team too)
TEAM_MESSAGES = Limit("feedback-team", 10, 60, moderators=True)
#: a member's answer that could not be posted (the inbox is unreachable) is tried again after
RETRY_AFTER = timedelta(minutes=5)


def next_slot(now: datetime, slot: timedelta = ANONYMOUS_SLOT) -> datetime:
    """The first full slot boundary after ``now`` (UTC), never ``now`` itself: an answer written
    at 10:00:00 and one at 10:14:59 both appear at 10:15."""
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    passed = (now - epoch) // slot
    return epoch + (passed + 1) * slot


def due_for(
    now: datetime,
    hidden: bool,
    last_team: datetime | None = None,
    slot: timedelta = ANONYMOUS_SLOT,
) -> datetime:
    """When a member's answer may appear in the team's thread: at once for a named member; for
    one the team must not know, at the first slot boundary a whole slot after both ``now`` and
    the team's last message to them (``last_team``), so an answer that appears cannot be told
    apart from one written any time in the slot before, nor pinned to the moment they read the
    team's message."""
    if not hidden:
        return now
    base = max(now, last_team) if last_team is not None else now
    return next_slot(base + slot - timedelta(microseconds=1), slot)


def relayed(content: str) -> bool:
    """Whether a team message in the thread goes to the member: not a note, not empty."""
    stripped = content.strip()
    return bool(stripped) and not stripped.startswith(NOTE_PREFIX)


def too_long(content: str) -> bool:
    return len(content.strip()) > TEXT_LIMIT
