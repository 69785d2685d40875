"""The features (extensions) the bot loads, and the Discord permissions they need."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import discord

DEFAULT_EXTENSIONS: tuple[str, ...] = (
    "cogs.config",
    "cogs.meta",
    "cogs.privacy",
    "cogs.automod",
    "cogs.cases",
    "cogs.moderation",
    "cogs.feedback",
    "cogs.giveaways",
    "cogs.contests",
    "cogs.schedules",
    "cogs.stats",
    "cogs.welcome",
    "cogs.qa",
    "cogs.rolemenus",
    "cogs.thanks",
    "cogs.suggestions",
)

# What the core itself needs: read the channels it works in, answer, and show embeds.
CORE_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)

SCOPES = ("bot", "applications.commands")


def required_permissions(extensions: Iterable[str] = DEFAULT_EXTENSIONS) -> discord.Permissions:
    """The union of what the core and every feature declare in ``REQUIRED_PERMISSIONS``."""
    total = discord.Permissions(CORE_PERMISSIONS.value)
    for name in extensions:
        module = importlib.import_module(name)
        declared = getattr(module, "REQUIRED_PERMISSIONS", None)
        if not isinstance(declared, discord.Permissions):
            raise RuntimeError(f"{name} must declare REQUIRED_PERMISSIONS as discord.Permissions")
        total |= declared
    return total


def invite_url(client_id: int, extensions: Iterable[str] = DEFAULT_EXTENSIONS) -> str:
    return discord.utils.oauth_url(
        client_id, permissions=required_permissions(extensions), scopes=SCOPES
    )
