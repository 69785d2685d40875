"""Answering interactions: the member's language, ephemeral replies, and the one error handler."""

from __future__ import annotations

import io
import logging
import secrets
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.errors import CooldownError, MissingPermissionsError, UserFacingError
from bot.i18n import Lang, Localized, lang_of
from bot.membertext import printable
from bot.strings import PERMISSION_LABELS

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)


def client_of(interaction: discord.Interaction[Any]) -> Bot:
    client = interaction.client
    if not getattr(client, "community_bot", False):
        raise TypeError("interaction does not belong to the community bot")
    return client


def lang_for(interaction: discord.Interaction[Any]) -> Lang:
    """Ephemeral replies: the member's client language if German or English, else the guild's."""
    own = lang_of(interaction.locale)
    if own is not None:
        return own
    return client_of(interaction).guild_settings.locale(interaction.guild_id)


def text(interaction: discord.Interaction[Any], key: str, /, **params: object) -> str:
    return client_of(interaction).i18n.t(lang_for(interaction), key, **params)


def permission_label(names: list[str]) -> Localized:
    de = ", ".join(
        PERMISSION_LABELS.get(n, (n, n))[1] if n in PERMISSION_LABELS else _title(n) for n in names
    )
    en = ", ".join(PERMISSION_LABELS[n][0] if n in PERMISSION_LABELS else _title(n) for n in names)
    return Localized(de=de, en=en)


def _title(name: str) -> str:
    return name.replace("_", " ").replace("guild", "server").title()


async def send_private(
    interaction: discord.Interaction[Any], content: str | None = None, **kwargs: Any
) -> None:
    """An ephemeral answer whether or not the interaction was already answered or deferred."""
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    if interaction.response.is_done():
        await interaction.followup.send(content or discord.utils.MISSING, ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=True, **kwargs)


def _option_named(interaction: discord.Interaction[Any], value: object) -> str:
    """The name (as the member sees it) of the command option that held *value*."""
    data: Any = interaction.data or {}
    stack: list[Any] = list(data.get("options") or [])
    name = ""
    while stack:
        option = stack.pop()
        if "options" in option:
            stack.extend(option["options"])
        elif str(option.get("value")) == str(value):
            name = str(option.get("name", ""))
            break
    command = interaction.command
    if name and isinstance(command, app_commands.Command):
        for parameter in command.parameters:
            if parameter.name == name or parameter.display_name == name:
                if lang_for(interaction) == "de":
                    german = client_of(interaction).i18n.command_german(parameter.display_name)
                    return german or parameter.display_name
                return parameter.display_name
    return name or "?"


def describe_error(interaction: discord.Interaction[Any], error: BaseException) -> tuple[str, bool]:
    """The member-facing text for an error, and whether it was expected (no log needed)."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    bot = client_of(interaction)
    lang = lang_for(interaction)
    t = bot.i18n.t
    if isinstance(error, UserFacingError):
        return t(lang, error.key, **error.params), True
    if isinstance(error, app_commands.MissingPermissions):
        return t(
            lang,
            MissingPermissionsError.key,
            permissions=permission_label(error.missing_permissions),
        ), True
    if isinstance(error, app_commands.BotMissingPermissions):
        return t(
            lang,
            "error.bot_missing_permissions",
            permissions=permission_label(error.missing_permissions),
        ), True
    if isinstance(error, app_commands.NoPrivateMessage):
        return t(lang, "error.guild_only"), True
    if isinstance(error, app_commands.CommandOnCooldown):
        retry = discord.utils.format_dt(discord.utils.utcnow() + _seconds(error.retry_after), "R")
        return t(lang, "error.cooldown", retry=retry), True
    if isinstance(error, app_commands.TransformerError):
        if isinstance(error.__cause__, UserFacingError):  # an option that parses itself
            cause = error.__cause__
            return t(lang, cause.key, **cause.params), True
        return t(
            lang,
            "error.bad_argument",
            value=discord.utils.escape_markdown(str(error.value))[:100],
            option=_option_named(interaction, error.value),
        ), True
    if isinstance(error, app_commands.CheckFailure):
        return t(lang, "error.not_allowed"), True
    if isinstance(error, discord.Forbidden):
        return t(lang, "error.discord_forbidden"), True
    if isinstance(error, discord.NotFound):
        return t(lang, "error.discord_not_found"), True
    if isinstance(error, discord.DiscordServerError):
        return t(lang, "error.discord_unavailable"), True
    error_id = secrets.token_hex(4)
    command = interaction.command.qualified_name if interaction.command else None
    log.error(
        "Unexpected error %s (command=%s, custom_id=%s, user=%s, guild=%s)",
        error_id,
        command,
        dict(interaction.data or {}).get("custom_id"),
        interaction.user.id,
        interaction.guild_id,
        exc_info=error,
    )
    return t(lang, "error.unexpected", error_id=error_id), False


def _seconds(value: float) -> Any:
    from datetime import timedelta

    return timedelta(seconds=value)


MESSAGE_LIMIT = 2000


def quote(text: str, limit: int = 300) -> str:
    """User text shown safely inside a code block: no break-out, no markdown, no pings."""
    cleaned = printable(text).replace("`", "ˋ").replace("\u202e", "")[:limit]
    return f"```\n{cleaned}\n```" if cleaned else "-"


def with_text_back(message: str, label: str, kept: str | None) -> tuple[str, discord.File | None]:
    """An error message that gives the member's text back (nothing typed is lost), within
    Discord's 2,000 characters; text that does not fit comes back as a file instead."""
    kept = printable(kept) if kept else kept
    if kept and quote(kept, 200)[4:-4] not in message:  # not given back by the error itself
        block = f"{message}\n{label}\n{quote(kept, len(kept))}"
        if len(block) <= MESSAGE_LIMIT:
            return block, None
        return message[:MESSAGE_LIMIT], discord.File(io.BytesIO(kept.encode()), filename="text.txt")
    if len(message) > MESSAGE_LIMIT:
        return message[: MESSAGE_LIMIT - 1] + "…", discord.File(
            io.BytesIO((kept or message).encode()), filename="text.txt"
        )
    return message, None


async def report_error(
    interaction: discord.Interaction[Any], error: BaseException, *, kept: str | None = None
) -> None:
    """Tell the member what went wrong, ephemerally and in their language. Never raises.

    ``kept``: what the member typed (a form, a command's text); it is shown back with the error.
    """
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if not isinstance(error, CooldownError):
        # refused for another reason than its rate limit: the attempt does not count
        limit = interaction.extras.pop("cooldown", None)
        if limit is not None:
            client_of(interaction).cooldowns.give_back(
                limit, interaction.guild_id or 0, interaction.user.id
            )
    file = None
    try:
        message, _expected = describe_error(interaction, error)
        message, file = with_text_back(message, text(interaction, "error.your_text"), kept)
    except Exception:
        log.exception("Describing an error failed")
        message = "Error / Fehler"
    if isinstance(error, discord.NotFound) and error.code == 10062:
        # The interaction itself expired (answered too late): nothing can be sent any more.
        log.warning("Interaction %s expired before it was answered", interaction.id)
        return
    try:
        if file is not None:
            await send_private(interaction, message, file=file)
        else:
            await send_private(interaction, message)
    except discord.HTTPException as exc:
        log.warning(
            "Could not deliver an error message for interaction %s: %s", interaction.id, exc
        )
