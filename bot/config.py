"""Settings from the environment and ``.env``, validated with messages that name the setting."""

from __future__ import annotations

import base64
import binascii
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from dotenv import dotenv_values

from bot.database import is_postgres_url
from bot.errors import ConfigError
from bot.i18n import LANGUAGES, Lang
from bot.shards import Ownership, ShardConfigError
from bot.shards import parse as parse_shards
from bot.timeutil import is_iana_zone

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class Settings:
    """Everything the operator configures. See ``.env.example`` for each setting's meaning."""

    discord_token: str | None = field(default=None, repr=False)
    discord_client_id: int | None = None
    database_path: Path = Path("data/bot.sqlite3")
    # postgresql://user:password@host:port/database: PostgreSQL instead of the SQLite file
    database_url: str | None = field(default=None, repr=False)
    # SHARD_COUNT / SHARD_IDS: the shards this process runs (None: one shard, not sharded)
    shards: Ownership | None = None
    log_level: str = "INFO"
    dev_guild_id: int | None = None
    default_locale: Lang = "de"
    default_timezone: str = "Europe/Berlin"
    backup_dir: Path = Path("data/backups")
    backup_keep: int = 7
    backup_interval_hours: int = 24
    guild_data_retention_days: int = 30
    log_format: str = "text"

    @property
    def database_target(self) -> str | Path:
        """What :func:`bot.db_open.open_database` opens: the PostgreSQL address or the file."""
        return self.database_url or self.database_path

    @property
    def secrets(self) -> tuple[str, ...]:
        """What must never reach a log line: the token, the database password."""
        found = [self.discord_token]
        if self.database_url:
            parts = urlsplit(self.database_url)
            found.append(parts.password)  # as written, and decoded (as a driver may show it)
            found.extend(value for key, value in parse_qsl(parts.query) if key == "password")
            found.append(unquote(parts.password or ""))
        return tuple(dict.fromkeys(secret for secret in found if secret))

    @property
    def health_file(self) -> Path:
        """Where the running bot writes its heartbeat (next to the database)."""
        return self.database_path.with_name(self.database_path.name + ".health")

    @property
    def client_id(self) -> int | None:
        """The application id: set explicitly, or read from the token's first segment."""
        if self.discord_client_id is not None:
            return self.discord_client_id
        return client_id_from_token(self.discord_token) if self.discord_token else None

    def require_token(self) -> str:
        if not self.discord_token:
            raise ConfigError(MISSING_TOKEN_HELP)
        return self.discord_token


MISSING_TOKEN_HELP = """\
DISCORD_TOKEN is not set, so the bot cannot log in.

The quickest way: ./scripts/run setup  (asks for the token, checks it and the intents,
writes .env and prints the invite link).

To do it by hand:
  1. Open https://discord.com/developers/applications and click "New Application".
  2. In "Bot", click "Reset Token" and copy the token.
  3. Still in "Bot", under "Privileged Gateway Intents", enable
     "Server Members Intent" and "Message Content Intent", then save.
  4. Put the token into the file .env next to pyproject.toml:
       DISCORD_TOKEN=your-token-here
     (copy .env.example to .env to start; never share or commit the token).
  5. Invite the bot with the URL printed by:  ./scripts/run invite
Then start the bot again."""


def client_id_from_token(token: str) -> int | None:
    """A bot token's first dot-separated segment is the base64 of the application's user id."""
    head = token.split(".", 1)[0]
    try:
        raw = base64.b64decode(head + "=" * (-len(head) % 4), validate=False)
        text = raw.decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(text) if text.isdigit() else None


def _snowflake(name: str, value: str) -> int:
    if not value.isdigit() or not (15 <= len(value) <= 21):
        raise ConfigError(
            f"{name} must be a Discord id (a number of 17 to 20 digits), got {value!r}."
        )
    return int(value)


def _int(name: str, value: str, minimum: int, maximum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {value!r}.") from None
    if not minimum <= number <= maximum:
        raise ConfigError(f"{name} must be between {minimum} and {maximum}, got {number}.")
    return number


def validate_timezone(name: str) -> str:
    """Return the IANA zone name if it is one, else raise ValueError."""
    if not is_iana_zone(name):
        raise ValueError(name)
    return name


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings; real environment variables win over ``.env``. Raises ConfigError."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    def get(name: str) -> str | None:
        raw = values.get(name)
        if raw is None:
            return None
        raw = raw.strip()
        return raw or None

    kwargs: dict[str, object] = {}
    token = get("DISCORD_TOKEN")
    if token is not None:
        if any(ch.isspace() for ch in token):
            raise ConfigError(
                "DISCORD_TOKEN contains spaces; copy the token again from the developer portal."
            )
        kwargs["discord_token"] = token.removeprefix("Bot ")
    if (raw := get("DISCORD_CLIENT_ID")) is not None:
        kwargs["discord_client_id"] = _snowflake("DISCORD_CLIENT_ID", raw)
    if (raw := get("DATABASE_PATH")) is not None:
        kwargs["database_path"] = Path(raw).expanduser()
    if (raw := get("DATABASE_URL")) is not None:
        if not is_postgres_url(raw):
            raise ConfigError(
                "DATABASE_URL must be a PostgreSQL address (postgresql://user:password@host/"
                "database); leave it empty to keep the SQLite file in DATABASE_PATH."
            )
        kwargs["database_url"] = raw
    if (raw := get("LOG_LEVEL")) is not None:
        level = raw.upper()
        if level not in LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw!r}.")
        kwargs["log_level"] = level
    if (raw := get("LOG_FORMAT")) is not None:
        if raw.lower() not in LOG_FORMATS:
            raise ConfigError(f"LOG_FORMAT must be 'text' or 'json', got {raw!r}.")
        kwargs["log_format"] = raw.lower()
    if (raw := get("DEV_GUILD_ID")) is not None:
        kwargs["dev_guild_id"] = _snowflake("DEV_GUILD_ID", raw)
    if (raw := get("DEFAULT_LOCALE")) is not None:
        if raw.lower() not in LANGUAGES:
            raise ConfigError(f"DEFAULT_LOCALE must be 'de' or 'en', got {raw!r}.")
        kwargs["default_locale"] = raw.lower()
    if (raw := get("DEFAULT_TIMEZONE")) is not None:
        try:
            kwargs["default_timezone"] = validate_timezone(raw)
        except ValueError:
            raise ConfigError(
                f"DEFAULT_TIMEZONE must be an IANA time zone name such as Europe/Berlin, got {raw!r}."
            ) from None
    if (raw := get("BACKUP_DIR")) is not None:
        kwargs["backup_dir"] = Path(raw).expanduser()
    if (raw := get("BACKUP_KEEP")) is not None:
        kwargs["backup_keep"] = _int("BACKUP_KEEP", raw, 1, 1000)
    if (raw := get("BACKUP_INTERVAL_HOURS")) is not None:
        kwargs["backup_interval_hours"] = _int("BACKUP_INTERVAL_HOURS", raw, 1, 24 * 30)
    try:
        kwargs["shards"] = parse_shards(
            get("SHARD_COUNT"), get("SHARD_IDS"), server_database="database_url" in kwargs
        )
    except ShardConfigError as exc:
        raise ConfigError(str(exc)) from None
    if (raw := get("GUILD_DATA_RETENTION_DAYS")) is not None:
        kwargs["guild_data_retention_days"] = _int("GUILD_DATA_RETENTION_DAYS", raw, 0, 3650)
    return Settings(**kwargs)  # type: ignore[arg-type]


def configure_logging(level: str, secrets: tuple[str, ...] = (), fmt: str = "text") -> None:
    """Log to stderr, one line per event (``fmt``: text or json), with a filter that blanks
    the token and interaction tokens."""
    from bot.logs import JsonFormatter, OneLineFormatter, RedactingFilter

    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else OneLineFormatter())
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("discord.gateway").setLevel(max(logging.getLevelName(level), logging.INFO))
