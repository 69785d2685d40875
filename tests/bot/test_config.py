from pathlib import Path

import pytest

from bot.config import client_id_from_token, load_settings
from bot.errors import ConfigError


def load(**env: str):
    return load_settings(env, env_file=None)


def test_defaults_when_nothing_is_set():
    settings = load()
    assert settings.discord_token is None
    assert settings.database_path == Path("data/bot.sqlite3")
    assert settings.log_level == "INFO"
    assert settings.dev_guild_id is None
    assert settings.default_locale == "de"
    assert settings.default_timezone == "Europe/Berlin"
    assert settings.backup_keep == 7
    assert settings.guild_data_retention_days == 30


def test_values_are_parsed():
    settings = load(
        DISCORD_TOKEN="abc.def.ghi",
        DATABASE_PATH="/tmp/x.sqlite3",
        LOG_LEVEL="debug",
        DEV_GUILD_ID="123456789012345678",
        DEFAULT_LOCALE="EN",
        DEFAULT_TIMEZONE="America/New_York",
        BACKUP_KEEP="3",
    )
    assert settings.discord_token == "abc.def.ghi"
    assert settings.database_path == Path("/tmp/x.sqlite3")
    assert settings.log_level == "DEBUG"
    assert settings.dev_guild_id == 123456789012345678
    assert settings.default_locale == "en"
    assert settings.default_timezone == "America/New_York"
    assert settings.backup_keep == 3


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOG_LEVEL", "LOUD"),
        ("DEV_GUILD_ID", "12ab"),
        ("DEV_GUILD_ID", "42"),
        ("DEFAULT_LOCALE", "fr"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("DEFAULT_TIMEZONE", "../../etc/passwd"),
        ("BACKUP_KEEP", "0"),
        ("BACKUP_KEEP", "many"),
        ("GUILD_DATA_RETENTION_DAYS", "-1"),
        ("DISCORD_TOKEN", "has space"),
    ],
)
def test_invalid_values_are_refused_naming_the_setting(name, value):
    with pytest.raises(ConfigError) as info:
        load(**{name: value})
    assert name in str(info.value)
    assert info.value.exit_code == 2


def test_env_file_is_read_and_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEFAULT_LOCALE=en\nLOG_LEVEL=WARNING\n# comment\n")
    settings = load_settings({"LOG_LEVEL": "ERROR"}, env_file=env_file)
    assert settings.default_locale == "en"
    assert settings.log_level == "ERROR"


def test_missing_token_explains_how_to_get_one():
    with pytest.raises(ConfigError) as info:
        load().require_token()
    message = str(info.value)
    assert "DISCORD_TOKEN" in message
    assert "Message Content Intent" in message and "Server Members Intent" in message


def test_token_is_not_in_repr():
    settings = load(DISCORD_TOKEN="super-secret-token")
    assert "super-secret-token" not in repr(settings)


def test_client_id_is_read_from_the_token():
    # base64("123456789012345678") is the first segment of that application's bot tokens.
    assert client_id_from_token("MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.xyz") == 123456789012345678
    assert client_id_from_token("not-base64!.x.y") is None
