"""Opt-outs that outlive ``/mydata forget``, without a row that names the member. Pure.

A forget deletes every row about the member, their statistics choices included; but a member who
said "don't count me" or "never name me" must not be counted or named again just because they
also asked to be forgotten. So those choices are kept under a keyed hash of (guild, member):
HMAC-SHA256 with a random per-database secret. The bot recognises the member when they are
active again (it knows the id then); the stored row alone says nothing about who it is, and
without the secret the ids cannot be tried one by one.

Lookups on the message path are cheap: a guild without kept opt-outs costs one dictionary miss;
otherwise each (guild, member) is hashed once and the answer cached (bounded).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

DIGEST_BYTES = 16
MAX_CACHED = 100_000


@dataclass(frozen=True)
class KeptChoice:
    member_stats: bool  # False: counted anonymously
    leaderboard: bool | None  # False: never named; None: the guild's default

    @property
    def restrictive(self) -> bool:
        return not self.member_stats or self.leaderboard is False


def kept_choice(member_stats: bool, leaderboard: bool | None) -> KeptChoice | None:
    """The part of a member's choices kept after a forget: only what protects them (an opt-in
    is dropped with the rest of their data)."""
    choice = KeptChoice(member_stats, False if leaderboard is False else None)
    return choice if choice.restrictive else None


def digest(secret: bytes, guild_id: int, user_id: int) -> bytes:
    message = f"{guild_id}:{user_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).digest()[:DIGEST_BYTES]


class KeptOptOuts:
    def __init__(self, secret: bytes = b"") -> None:
        self.secret = secret
        self._by_guild: dict[int, dict[bytes, KeptChoice]] = {}
        self._seen: dict[tuple[int, int], KeptChoice | None] = {}

    def __len__(self) -> int:
        return sum(len(bucket) for bucket in self._by_guild.values())

    def digest(self, guild_id: int, user_id: int) -> bytes:
        return digest(self.secret, guild_id, user_id)

    def load(self, secret: bytes, rows: dict[int, dict[bytes, KeptChoice]]) -> None:
        self.secret = secret
        self._by_guild = {guild: dict(bucket) for guild, bucket in rows.items() if bucket}
        self._seen.clear()

    def add(self, guild_id: int, user_id: int, choice: KeptChoice) -> bytes:
        key = self.digest(guild_id, user_id)
        self._by_guild.setdefault(guild_id, {})[key] = choice
        self._seen.pop((guild_id, user_id), None)
        return key

    def discard(self, guild_id: int, user_id: int) -> None:
        bucket = self._by_guild.get(guild_id)
        if bucket is not None:
            bucket.pop(self.digest(guild_id, user_id), None)
            if not bucket:
                del self._by_guild[guild_id]
        self._seen.pop((guild_id, user_id), None)

    def get(self, guild_id: int, user_id: int) -> KeptChoice | None:
        bucket = self._by_guild.get(guild_id)
        if not bucket:
            return None
        key = (guild_id, user_id)
        if key in self._seen:
            return self._seen[key]
        found = bucket.get(self.digest(guild_id, user_id))
        if len(self._seen) >= MAX_CACHED:
            self._seen.clear()
        self._seen[key] = found
        return found

    def guilds(self) -> list[int]:
        return sorted(self._by_guild)
