"""What admins type into the automod lists: a blocked word or phrase, a link domain. Each is
cleaned or refused with a reason the admin can act on."""

from __future__ import annotations

import discord

from bot.contentcheck.links import is_public_suffix
from bot.contentcheck.words import MAX_ENTRY_LENGTH
from bot.errors import BadArgumentError


def clean_term(value: str, limit: int = MAX_ENTRY_LENGTH) -> str:
    term = " ".join(value.split())
    if not term or len(term) > limit:
        raise BadArgumentError("automod.term_invalid", limit=limit)
    return term


def domain_entry(value: str, *, listing: bool = True) -> str:
    """A domain for the allow or deny list. ``*.example.com`` means the same as
    ``example.com`` (subdomains always match); a whole public suffix (``*.com``, ``co.uk``,
    ``github.io``) is refused, since it would allow or deny a large part of the web."""
    domain = value.strip().lower().removeprefix("https://").removeprefix("http://").split("/")[0]
    domain = domain.removeprefix("*.").removeprefix("www.").strip(".")
    if listing and domain and is_public_suffix(domain):
        raise BadArgumentError(
            "automod.domain_public_suffix", value=discord.utils.escape_markdown(value[:80])
        )
    if (
        not domain
        or ("." not in domain and listing)
        or len(domain) > 253
        or any(c.isspace() or c in "*?[]" for c in domain)
    ):
        raise BadArgumentError(
            "automod.domain_invalid", value=discord.utils.escape_markdown(value[:80])
        )
    return domain
