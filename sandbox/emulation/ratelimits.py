"""Injected 429 answers, the counter of invalid requests (401/403/429), and (opt-in, ``FakeDiscord.
enforce_rate_limits``) Discord's per-route and global limits enforced with real headers."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from .rest import json_response


@dataclass
class InjectedRateLimit:
    method: str
    pattern: re.Pattern[str]
    remaining: int
    retry_after: float
    global_: bool
    scope: str
    #: how many 429s this injection has produced so far
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.remaining <= 0:
            return False
        return (self.method in ("*", method)) and self.pattern.search(path) is not None


class RateLimits:
    """What discord.py sees of Discord's rate limiter: injected 429s with the real headers."""

    #: Discord bans an IP for an hour after this many 401/403/429 answers in 10 minutes
    INVALID_REQUEST_LIMIT = 10_000

    def __init__(self) -> None:
        self.injected: list[InjectedRateLimit] = []
        self.error_counts: Counter[int] = Counter()

    def inject(
        self,
        method: str,
        path_regex: str,
        *,
        count: int = 1,
        retry_after: float = 0.05,
        global_: bool = False,
        scope: str | None = None,
    ) -> InjectedRateLimit:
        rule = InjectedRateLimit(
            method=method.upper(),
            pattern=re.compile(path_regex),
            remaining=count,
            retry_after=retry_after,
            global_=global_,
            scope=scope or ("global" if global_ else "user"),
        )
        self.injected.append(rule)
        return rule

    def take(self, method: str, path: str) -> InjectedRateLimit | None:
        """The first active injection matching the request (consumes one of its 429s)."""
        for rule in self.injected:
            if rule.matches(method, path):
                rule.remaining -= 1
                rule.hits += 1
                return rule
        return None

    def response(self, rule: InjectedRateLimit, bucket: str) -> web.Response:
        body = {
            "message": "You are being rate limited.",
            "retry_after": rule.retry_after,
            "global": rule.global_,
        }
        if not rule.global_:
            body["code"] = 0
        resp = json_response(body, status=429)
        reset_after = f"{rule.retry_after:.3f}"
        resp.headers.update(
            {
                # discord.py treats a 429 without "Via" as a Cloudflare ban and raises
                "Via": "1.1 google",
                "Retry-After": str(max(1, int(rule.retry_after + 0.999))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + rule.retry_after:.3f}",
                "X-RateLimit-Reset-After": reset_after,
                "X-RateLimit-Bucket": bucket,
                "X-RateLimit-Scope": rule.scope,
            }
        )
        if rule.global_:
            resp.headers["X-RateLimit-Global"] = "true"
        return resp

    def count(self, status: int) -> None:
        if status in (401, 403, 429):
            self.error_counts[status] += 1

    @property
    def invalid_request_count(self) -> int:
        return sum(self.error_counts.values())


# --- enforced limits ------------------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    """One of Discord's per-route limits: ``limit`` requests per ``per`` seconds for each value
    of the route's major parameter (the first group of ``pattern``)."""

    name: str
    method: str
    pattern: re.Pattern[str]
    limit: int
    per: float


# The limits Discord reports for the routes a community bot uses most (observed buckets; Discord
# asks bots to follow the X-RateLimit-* headers rather than hard-code them, which discord.py does).
BUCKETS: tuple[Bucket, ...] = (
    Bucket("message-create", "POST", re.compile(r"^/channels/(\d+)/messages$"), 5, 5.0),
    Bucket("message-edit", "PATCH", re.compile(r"^/channels/(\d+)/messages/\d+$"), 5, 5.0),
    Bucket("message-delete", "DELETE", re.compile(r"^/channels/(\d+)/messages/\d+$"), 5, 1.0),
    Bucket("bulk-delete", "POST", re.compile(r"^/channels/(\d+)/messages/bulk-delete$"), 3, 1.0),
    Bucket("member-edit", "PATCH", re.compile(r"^/guilds/(\d+)/members/\d+$"), 10, 10.0),
    Bucket("dm-open", "POST", re.compile(r"^(/users/@me/channels)$"), 10, 10.0),
)
GLOBAL_LIMIT = 50  # requests per second, interaction callbacks and webhooks excluded
UNLIMITED = re.compile(r"^/(interactions|webhooks)/")


class Enforcer:
    """Discord's rate limiter as a bot meets it: fixed windows per bucket and major parameter,
    a global limit, real headers on every answer, 429 bodies with ``retry_after`` and ``global``."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._windows: dict[tuple[str, str], tuple[float, int]] = {}
        self._global: tuple[float, int] = (0.0, 0)
        self.limited: Counter[str] = Counter()  # 429s given, by bucket name
        self.peak_per_second = 0

    def _take(self, key: tuple[str, str], limit: int, per: float) -> tuple[int, float] | None:
        """(remaining, reset after) if the request fits, else None."""
        now = self._clock()
        start, used = self._windows.get(key, (now, 0))
        if now - start >= per:
            start, used = now, 0
        if used >= limit:
            self._windows[key] = (start, used)
            return None
        self._windows[key] = (start, used + 1)
        return limit - used - 1, per - (now - start)

    def check(self, method: str, path: str) -> tuple[dict[str, str], web.Response | None]:
        """The rate-limit headers for this request, and a 429 answer if it is over a limit."""
        now = self._clock()
        if not UNLIMITED.search(path):
            start, used = self._global
            if now - start >= 1.0:
                start, used = now, 0
            used += 1
            self._global = (start, used)
            self.peak_per_second = max(self.peak_per_second, used)
            if used > GLOBAL_LIMIT:
                self.limited["global"] += 1
                return {}, self._too_many(1.0 - (now - start), "global", "global", GLOBAL_LIMIT)
        for bucket in BUCKETS:
            match = bucket.pattern.search(path) if bucket.method == method else None
            if match is None:
                continue
            key = (bucket.name, match.group(1))
            taken = self._take(key, bucket.limit, bucket.per)
            if taken is None:
                start, _ = self._windows[key]
                self.limited[bucket.name] += 1
                return {}, self._too_many(
                    bucket.per - (now - start), bucket.name, "user", bucket.limit
                )
            remaining, reset_after = taken
            return {
                "X-RateLimit-Limit": str(bucket.limit),
                "X-RateLimit-Remaining": str(remaining),
                "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
                "X-RateLimit-Reset-After": f"{reset_after:.3f}",
                "X-RateLimit-Bucket": bucket.name,  # per route; the major parameter is separate
            }, None
        return {}, None

    def _too_many(self, retry_after: float, bucket: str, scope: str, limit: int) -> web.Response:
        is_global = scope == "global"
        body: dict[str, object] = {
            "message": "You are being rate limited.",
            "retry_after": round(max(retry_after, 0.001), 3),
            "global": is_global,
        }
        resp = json_response(body, status=429)
        resp.headers.update(
            {
                "Via": "1.1 google",
                "Retry-After": str(max(1, int(retry_after + 0.999))),
                "X-RateLimit-Limit": str(limit),
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{max(retry_after, 0.001):.3f}",
                "X-RateLimit-Bucket": bucket,
                "X-RateLimit-Scope": scope,
            }
        )
        if is_global:
            resp.headers["X-RateLimit-Global"] = "true"
        return resp
