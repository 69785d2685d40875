"""In-memory counters of the message path, and the batch a flush writes. Pure: no I/O.

Counting a message is one dictionary increment keyed (guild, local day, channel, member); the
local day comes from a per-guild cache that is valid until the guild's next local midnight, so
the time zone is only consulted once a day per guild. A flush takes the whole buffer at once and
turns it into the raw rows plus the daily rollups (per member, per channel, per guild).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.timeutil import LocalDays

# A message whose polarity is below this counts as negative (the mood panel shows their share).
NEGATIVE_BELOW = -0.1

RawKey = tuple[int, str, int, int]  # guild, day, channel, member (0: anonymous)
ChannelKey = tuple[int, str, int]  # guild, day, channel

__all__ = ["Batch", "ChannelKey", "LocalDays", "RawKey", "StatsBuffer", "build_batch"]


@dataclass
class Batch:
    """What one flush writes, already rolled up."""

    raw: dict[RawKey, tuple[int, int]] = field(default_factory=dict)  # messages, reactions
    members: dict[tuple[int, str, int], tuple[int, int]] = field(default_factory=dict)
    # messages, reactions, polarity sum, scored, negative (the last two weighted, as counted)
    channels: dict[ChannelKey, tuple[int, int, float, int, float]] = field(default_factory=dict)
    guilds: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.raw) + len(self.members) + len(self.channels) + len(self.guilds)

    def __bool__(self) -> bool:
        return bool(self.raw or self.channels)


class StatsBuffer:
    def __init__(self) -> None:
        self.messages: Counter[RawKey] = Counter()
        self.reactions: Counter[RawKey] = Counter()
        self.sentiment: dict[ChannelKey, list[float]] = {}  # [sum, count, negative]

    def __len__(self) -> int:
        return len(self.messages) + len(self.reactions) + len(self.sentiment)

    def add_sentiment(self, key: ChannelKey, polarity: float, weight: float = 1.0) -> None:
        """``weight``: how many messages this scored one stands for (a sample of a busy interval).
        A polarity below ``NEGATIVE_BELOW`` also counts the message as negative."""
        negative = weight if polarity < NEGATIVE_BELOW else 0.0
        entry = self.sentiment.get(key)
        if entry is None:
            self.sentiment[key] = [polarity * weight, weight, negative]
        else:
            entry[0] += polarity * weight
            entry[1] += weight
            entry[2] += negative

    def take(self) -> Batch:
        """Empty the buffer into a :class:`Batch` (the buffer keeps counting meanwhile)."""
        messages, reactions, sentiment = self.messages, self.reactions, self.sentiment
        self.messages, self.reactions, self.sentiment = Counter(), Counter(), {}
        return build_batch(messages, reactions, sentiment)

    def restore(self, batch: Batch) -> None:
        """A flush failed: put its counts back so the next one writes them."""
        for key, (m, r) in batch.raw.items():
            if m:
                self.messages[key] += m
            if r:
                self.reactions[key] += r
        for ckey, (_m, _r, total, n, negative) in batch.channels.items():
            if n:
                entry = self.sentiment.setdefault(ckey, [0.0, 0.0, 0.0])
                entry[0] += total
                entry[1] += n
                entry[2] += negative


def build_batch(
    messages: Counter[RawKey], reactions: Counter[RawKey], sentiment: dict[ChannelKey, list[float]]
) -> Batch:
    batch = Batch()
    raw = batch.raw
    for key, n in messages.items():
        raw[key] = (n, 0)
    for key, n in reactions.items():
        m, _ = raw.get(key, (0, 0))
        raw[key] = (m, n)
    members: dict[tuple[int, str, int], list[int]] = {}
    channels: dict[ChannelKey, list[float]] = {}
    guilds: dict[tuple[int, str], list[int]] = {}
    for (guild, day, channel, user), (m, r) in raw.items():
        member = members.get((guild, day, user))
        if member is None:
            members[(guild, day, user)] = [m, r]
        else:
            member[0] += m
            member[1] += r
        chan = channels.get((guild, day, channel))
        if chan is None:
            channels[(guild, day, channel)] = [m, r, 0.0, 0, 0.0]
        else:
            chan[0] += m
            chan[1] += r
        total = guilds.get((guild, day))
        if total is None:
            guilds[(guild, day)] = [m, r]
        else:
            total[0] += m
            total[1] += r
    for ckey, (total_polarity, scored, *negative) in sentiment.items():
        chan = channels.setdefault(ckey, [0, 0, 0.0, 0, 0.0])
        chan[2] += total_polarity
        chan[3] += int(scored)
        chan[4] += negative[0] if negative else 0.0
        guilds.setdefault((ckey[0], ckey[1]), [0, 0])
    batch.members = {k: (v[0], v[1]) for k, v in members.items()}
    batch.channels = {
        k: (int(v[0]), int(v[1]), float(v[2]), int(v[3]), float(v[4])) for k, v in channels.items()
    }
    batch.guilds = {k: (v[0], v[1]) for k, v in guilds.items()}
    return batch
