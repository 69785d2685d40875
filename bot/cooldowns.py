"""Per-member rate limits that a burst cannot beat.

A limit allows ``count`` uses per ``per`` seconds and member (a sliding window). :meth:`take` checks
and takes in one synchronous step, so on the event loop no two concurrent invocations can both
see the last free use. A use refused for bad input is given back; a use refused for the limit is
not. State lives in memory and starts empty after a restart. Pure: no Discord, no database.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """``count`` uses per ``per`` seconds. ``moderators`` says whom it binds: members (moderators
    are exempt) or moderators (bulk actions: every moderator is bound)."""

    name: str
    count: int
    per: float
    moderators: bool = False

    def __post_init__(self) -> None:
        if self.count < 1 or self.per <= 0:
            raise ValueError("a limit allows at least one use per positive period")


Key = tuple[str, int, int]  # (limit name, guild id or 0, user id)


class Cooldowns:
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000
    ) -> None:
        self._clock = clock
        self._uses: dict[Key, deque[float]] = {}
        self._max_keys = max_keys

    def take(self, limit: Limit, guild_id: int, user_id: int) -> float | None:
        """Take one use; None if allowed, else the seconds until the next use is free."""
        now = self._clock()
        key = (limit.name, guild_id, user_id)
        uses = self._uses.get(key)
        if uses is None:
            if len(self._uses) >= self._max_keys:
                self._prune(now)
            uses = self._uses[key] = deque()
        while uses and uses[0] <= now - limit.per:
            uses.popleft()
        if len(uses) >= limit.count:
            return max(uses[0] + limit.per - now, 0.001)
        uses.append(now)
        return None

    def give_back(self, limit: Limit, guild_id: int, user_id: int) -> None:
        """Return the most recent use (the attempt was refused for bad input)."""
        uses = self._uses.get((limit.name, guild_id, user_id))
        if uses:
            uses.pop()

    def _prune(self, now: float) -> None:
        longest = 24 * 3600.0
        for key in [k for k, uses in self._uses.items() if not uses or uses[-1] <= now - longest]:
            del self._uses[key]

    def __len__(self) -> int:
        return len(self._uses)


# --- the limits -----------------------------------------------------------------------------

ASK = Limit("ask", 1, 20)  # one question per 20 seconds
FEEDBACK = Limit("feedback", 3, 600)
REPORT = Limit("report", 5, 600)
CONTEST_SUBMIT = Limit("contest-submit", 3, 60)
FAQ_RATE = Limit("faq-rate", 10, 60)
GIVEAWAY_ENTRY = Limit("giveaway-entry", 5, 30)
QA_VOTE = Limit("qa-vote", 30, 60)
CONTEST_VOTE = Limit("contest-vote", 30, 60)
APPEAL = Limit("appeal", 3, 600)
#: bulk actions of one moderator (each touches many messages or channels at once)
BULK = Limit("bulk", 5, 60, moderators=True)
