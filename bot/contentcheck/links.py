"""Links: invites to other servers, domain allow and deny lists, and common scams."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from publicsuffixlist import PublicSuffixList

_URL = re.compile(r"(?:https?://|www\.)[^\s<>|\"'`]+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(
    r"(?<![\w@.-])((?:[a-z0-9-]{1,63}\.)+(?:[a-z]{2,24}))(?=[/\s:,;!?)]|$)", re.IGNORECASE
)
_INVITE = re.compile(
    r"(?:discord(?:app)?\s*\.\s*com\s*/\s*invite|discord\s*\.\s*(?:gg|io|me|li)|dsc\s*\.\s*gg|invite\s*\.\s*gg)\s*/\s*([a-z0-9-]{2,32})",
    re.IGNORECASE,
)
_TRUSTED = (
    "discord.com",
    "discord.gg",
    "discordapp.com",
    "discord.media",
    "discordapp.net",
    "steamcommunity.com",
    "steampowered.com",
    "tenor.com",
    "giphy.com",
    "youtube.com",
    "youtu.be",
    "twitch.tv",
    "github.com",
)
_BRANDS = ("discord", "steamcommunity", "steampowered", "nitro")
_SCAM_WORDS = re.compile(
    r"free\s*nitro|nitro\s*(?:for\s*)?free|gratis\s*nitro|nitro\s*gratis|steam\s*gift|airdrop|"
    r"claim\s*(?:your|now)|who\s*is\s*first\?|first\s*come",
    re.IGNORECASE,
)
_TLDS_COMMON_WORDS = frozenset({"txt", "py", "md", "js", "png", "jpg", "gif", "exe", "zip", "json"})


@dataclass(frozen=True)
class LinkHit:
    kind: str  # "invite", "denied_domain", "not_allowed_domain", "scam"
    excerpt: str


# Every text with a link or a bare domain contains one of these (a label's last character, a dot
# and a letter; or a scheme; or "www."): a text without any has no host names.
_MAYBE_HOST = re.compile(r"[a-z0-9-]\.[a-z]|https?://|www\.", re.IGNORECASE)


def domains(text: str) -> list[str]:
    """Host names in the text (from URLs and bare "example.com/..." mentions), lowercase."""
    if ("." not in text and "://" not in text) or _MAYBE_HOST.search(text) is None:
        return []  # (each of the expression's parts holds a dot or "://": a cheap first look)
    return list(_domains(text))


@functools.lru_cache(maxsize=256)  # the scam and the domain rule ask for the same message
def _domains(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _URL.finditer(text):
        url = unquote(unquote(match.group(0)))
        if not url.lower().startswith("http"):
            url = "http://" + url
        try:
            host = urlsplit(url).hostname
        except ValueError:
            continue
        if host:
            found.append(host.rstrip(".").lower())
    stripped = _URL.sub(" ", text)
    for match in _BARE_DOMAIN.finditer(stripped):
        host = match.group(1).lower()
        if host.rsplit(".", 1)[-1] not in _TLDS_COMMON_WORDS:
            found.append(host)
    return tuple(found)


def invite_codes(text: str) -> list[str]:
    if "/" not in text and "%" not in text:
        return []  # every invite has a "/" before its code, written or percent-encoded
    return [code.lower() for code in _INVITE.findall(unquote(text))]


def _matches(host: str, listed: Iterable[str]) -> bool:
    return any(host == item or host.endswith("." + item) for item in listed)


def _distance_at_most(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance <= limit (small strings, early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@functools.lru_cache(maxsize=1024)  # the same hosts come up again and again in chat
def lookalike(host: str) -> bool:
    """A domain imitating Discord or Steam: "dlscord.gift", "discord-nitro.com", "steamcornmunity.ru"."""
    if _matches(host, _TRUSTED):
        return False
    labels = host.split(".")
    for label in labels[:-1]:
        for part in label.split("-"):
            for brand in _BRANDS:
                if part == brand or (
                    len(part) >= 5
                    and abs(len(part) - len(brand)) <= 1
                    and _distance_at_most(part, brand, 2)
                ):
                    return True
    return False


@dataclass(frozen=True)
class LinkPolicy:
    allow_invites: frozenset[str] = frozenset()  # invite codes that are fine (the server's own)
    allowed_domains: frozenset[str] = frozenset()
    denied_domains: frozenset[str] = frozenset()
    allowlist_only: bool = False  # when true, only allowed_domains may be linked


def check_invites(raw: str, policy: LinkPolicy) -> LinkHit | None:
    for code in invite_codes(raw):
        if code not in policy.allow_invites:
            return LinkHit("invite", f"discord.gg/{code}")
    return None


def check_domains(raw: str, policy: LinkPolicy) -> LinkHit | None:
    if not policy.denied_domains and not policy.allowlist_only:
        return None  # nothing to check a host against
    for host in domains(raw):
        if _matches(host, policy.denied_domains):
            return LinkHit("denied_domain", host)
        if policy.allowlist_only and not _matches(host, policy.allowed_domains | set(_TRUSTED[:2])):
            return LinkHit("not_allowed_domain", host)
    return None


def check_scam(raw: str, mention_count: int, mentions_everyone: bool) -> LinkHit | None:
    hosts = domains(raw)
    if not hosts:
        return None
    for host in hosts:
        if lookalike(host):
            return LinkHit("scam", host)
    if _SCAM_WORDS.search(raw) and not all(_matches(h, _TRUSTED) for h in hosts):
        return LinkHit("scam", hosts[0])
    if mentions_everyone or mention_count >= 5:
        return LinkHit("scam", hosts[0])
    return None


@functools.cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list bundled with the package: no network


def is_public_suffix(domain: str) -> bool:
    """``com``, ``co.uk``, ``github.io``: a suffix under which anyone can register names (the
    Public Suffix List, offline)."""
    return bool(_suffixes().is_public(domain.strip(".").lower()))
