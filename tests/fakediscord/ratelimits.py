"""Injected 429 answers and the counter of invalid requests (401/403/429)."""

from __future__ import annotations

import re
import time
from collections import Counter
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
