"""Logging helpers: secrets never reach the log."""

from __future__ import annotations

import logging
import re

# Interaction and webhook tokens appear in URLs: /interactions/<id>/<token>/callback and
# /webhooks/<app id>/<token>/...; they grant 15 minutes of acting as the bot in that channel.
_URL_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_\-.]{20,}")
_BOT_TOKEN_SHAPE = re.compile(
    r"\b[A-Za-z0-9_\-]{23,28}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40}\b"
)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    text = _URL_TOKEN.sub(r"\1[redacted]", text)
    return _BOT_TOKEN_SHAPE.sub("[redacted]", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with secrets removed (the token, interaction tokens)."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self._secrets)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
