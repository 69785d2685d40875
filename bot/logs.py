"""Logging helpers: secrets never reach the log; one line per event (text or JSON)."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

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


class OneLineFormatter(logging.Formatter):
    """``2026-12-02 12:00:00 INFO     bot.core: message``; a traceback stays on the same line
    (its line breaks written as ``\\n``), so every event is exactly one line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-8s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per line for log collectors: time (UTC, ISO 8601), level, logger,
    message, and the traceback as ``exc`` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            event["exc"] = record.exc_text
        return json.dumps(event, ensure_ascii=False)
