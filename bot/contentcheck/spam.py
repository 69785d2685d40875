"""Spam detection with sliding windows in memory (no database on the message path).

Per member (and guild) the tracker keeps the times of recent messages, the recent normalised
contents, mention and attachment counts. Single-message checks (mentions, emoji, caps, newline
walls) are pure functions of the message.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

_CUSTOM_EMOJI = re.compile(r"<a?:\w{2,32}:\d{15,21}>")
_UNICODE_EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001f2ff]"
)


@dataclass(frozen=True)
class SpamLimits:
    rate_count: int = 6  # messages ...
    rate_seconds: float = 8.0  # ... within this many seconds
    duplicate_count: int = 3  # the same text this many times ...
    duplicate_seconds: float = 60.0
    mention_count: int = 6  # unique user/role mentions in one message
    mention_window_count: int = 12  # ... or over the window
    mention_window_seconds: float = 60.0
    emoji_count: int = 15
    caps_ratio: float = 0.75
    caps_min_letters: int = 15
    newline_count: int = 15
    attachment_count: int = 6
    attachment_seconds: float = 30.0


@dataclass(frozen=True)
class SpamHit:
    rule: str  # "spam_rate", "duplicates", "mentions", "emoji", "caps", "newlines", "attachments"
    detail: str  # for the log, in English
    count: (
        int  # what was counted: messages, mentions, emoji, lines, attachments, or percent capitals
    )
    seconds: float = 0.0  # the window, for rules that count over time


@dataclass
class _Window:
    times: deque[float] = field(default_factory=lambda: deque(maxlen=64))
    contents: deque[tuple[float, str]] = field(default_factory=lambda: deque(maxlen=16))
    mentions: deque[tuple[float, int]] = field(default_factory=lambda: deque(maxlen=64))
    attachments: deque[tuple[float, int]] = field(default_factory=lambda: deque(maxlen=64))
    last: float = 0.0


def count_emoji(text: str) -> int:
    return len(_CUSTOM_EMOJI.findall(text)) + len(_UNICODE_EMOJI.findall(text))


def caps_ratio(text: str) -> tuple[float, int]:
    letters = list(filter(str.isalpha, text))  # counted in C, not character by character
    if not letters:
        return 0.0, 0
    return sum(map(str.isupper, letters)) / len(letters), len(letters)


def single_message_hits(
    raw: str, mention_count: int, limits: SpamLimits, enabled: frozenset[str]
) -> list[SpamHit]:
    hits: list[SpamHit] = []
    if "mentions" in enabled and mention_count >= limits.mention_count:
        hits.append(SpamHit("mentions", f"{mention_count} mentions", mention_count))
    emoji = count_emoji(raw) if "emoji" in enabled else 0
    if "emoji" in enabled and emoji >= limits.emoji_count:
        hits.append(SpamHit("emoji", f"{emoji} emoji", emoji))
    if "caps" in enabled:
        ratio, letters = caps_ratio(raw)
        if letters >= limits.caps_min_letters and ratio >= limits.caps_ratio:
            percent = round(ratio * 100)
            hits.append(SpamHit("caps", f"{percent}% capitals", percent))
    if "newlines" in enabled and raw.count("\n") >= limits.newline_count:
        lines = raw.count("\n") + 1
        hits.append(SpamHit("newlines", f"{lines} lines", lines))
    return hits


def _within(times: deque[float], now: float, seconds: float) -> int:
    """How many of ``times`` (oldest first, as the monotonic clock gave them) lie within the last
    ``seconds``: counted from the newest back to the first one outside, not over the whole window
    (a member who writes every minute keeps 64 old times)."""
    count = 0
    for t in reversed(times):
        if now - t > seconds:
            break
        count += 1
    return count


class SpamTracker:
    """Sliding windows per (guild, member). ``now`` is monotonic seconds, passed in by the caller
    (never smaller than a time it passed before: the windows are counted from the newest back)."""

    def __init__(self, idle_seconds: float = 300.0) -> None:
        self._windows: dict[tuple[int, int], _Window] = {}
        self._idle = idle_seconds

    def __len__(self) -> int:
        return len(self._windows)

    def observe(
        self,
        guild_id: int,
        user_id: int,
        now: float,
        content_key: str,
        mention_count: int,
        attachment_count: int,
        limits: SpamLimits,
        enabled: frozenset[str],
    ) -> list[SpamHit]:
        window = self._windows.get((guild_id, user_id))
        if window is None:
            window = self._windows[(guild_id, user_id)] = _Window()
        window.last = now
        hits: list[SpamHit] = []

        window.times.append(now)
        if "spam_rate" in enabled:
            recent = _within(window.times, now, limits.rate_seconds)
            if recent >= limits.rate_count:
                hits.append(
                    SpamHit(
                        "spam_rate",
                        f"{recent} messages in {limits.rate_seconds:g}s",
                        recent,
                        limits.rate_seconds,
                    )
                )

        if content_key:
            window.contents.append((now, content_key))
            if "duplicates" in enabled:
                same = 0
                for t, c in reversed(window.contents):  # newest first, as in _within
                    if now - t > limits.duplicate_seconds:
                        break
                    same += c == content_key
                if same >= limits.duplicate_count:
                    hits.append(
                        SpamHit(
                            "duplicates",
                            f"{same}x the same message",
                            same,
                            limits.duplicate_seconds,
                        )
                    )

        if mention_count:
            window.mentions.append((now, mention_count))
            if "mentions" in enabled and mention_count < limits.mention_count:
                total = sum(
                    n for t, n in window.mentions if now - t <= limits.mention_window_seconds
                )
                if total >= limits.mention_window_count:
                    hits.append(
                        SpamHit(
                            "mentions",
                            f"{total} mentions in {limits.mention_window_seconds:g}s",
                            total,
                            limits.mention_window_seconds,
                        )
                    )

        if attachment_count:
            window.attachments.append((now, attachment_count))
            if "attachments" in enabled:
                total = sum(
                    n for t, n in window.attachments if now - t <= limits.attachment_seconds
                )
                if total >= limits.attachment_count:
                    hits.append(
                        SpamHit(
                            "attachments",
                            f"{total} attachments in {limits.attachment_seconds:g}s",
                            total,
                            limits.attachment_seconds,
                        )
                    )
        return hits

    def forget_idle(self, now: float) -> int:
        """Drop windows of members who have been quiet; call every minute or so."""
        stale = [key for key, window in self._windows.items() if now - window.last > self._idle]
        for key in stale:
            del self._windows[key]
        return len(stale)

    def reset(self, guild_id: int, user_id: int) -> None:
        """After acting on a member, start counting afresh (one action per burst)."""
        self._windows.pop((guild_id, user_id), None)


@dataclass
class JoinTracker:
    """Joins per guild in a sliding window, for raid detection."""

    _joins: dict[int, deque[tuple[float, int]]] = field(default_factory=dict)

    def observe(self, guild_id: int, now: float, window_seconds: float, member_id: int = 0) -> int:
        joins = self._joins.setdefault(guild_id, deque(maxlen=1000))
        joins.append((now, member_id))
        while joins and now - joins[0][0] > window_seconds:
            joins.popleft()
        return len(joins)

    def wave(self, guild_id: int) -> list[int]:
        """The members who joined in the current window (the raid's wave)."""
        return [member for _, member in self._joins.get(guild_id, ()) if member]
