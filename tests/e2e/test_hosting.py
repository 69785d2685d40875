"""The self-hosting kit: `setup` against the fake Discord (token refused, intents missing, all
good), `health` against a running and a stopped bot, one-line and JSON logs, and the Docker,
compose and systemd files (parsed here and their commands run outside Docker)."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from bot import health
from bot.config import load_settings
from tests.e2e.conftest import BotRunner
from tests.e2e.test_entry_point import ROOT, child_env
from tests.fakediscord import FakeDiscord


async def run_cli(
    tmp_path: Path,
    env: dict[str, str],
    *args: str,
    stdin: str = "",
    module: str = "sandbox.launch",
) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin.encode()), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


# --- setup --------------------------------------------------------------------------------


async def test_setup_refuses_a_wrong_token_and_changes_nothing(
    tmp_path: Path, fake_discord: FakeDiscord
):
    env = child_env(tmp_path, fake_discord)
    (tmp_path / ".env").write_text("LOG_LEVEL=DEBUG\n")
    code, out, err = await run_cli(tmp_path, env, "setup", stdin="not-the-token\n")
    assert code == 3, err
    assert "refused this token" in err and "Reset Token" in err
    assert (tmp_path / ".env").read_text() == "LOG_LEVEL=DEBUG\n"
    assert "not-the-token" not in out + err  # never echoed


async def test_setup_names_the_missing_intent_switch(tmp_path: Path):
    fake = FakeDiscord(privileged_intents={"members"})
    await fake.start()
    try:
        code, _, err = await run_cli(
            tmp_path, child_env(tmp_path, fake), "setup", stdin="test-token\n"
        )
    finally:
        await fake.stop()
    assert code == 3
    assert '"Message Content Intent" is off' in err and "Server Members" not in err
    assert not (tmp_path / ".env").exists()


async def test_setup_writes_a_private_env_keeping_other_settings_and_prints_the_invite(
    tmp_path: Path, fake_discord: FakeDiscord
):
    (tmp_path / ".env").write_text("# mine\nLOG_LEVEL=DEBUG\nDISCORD_TOKEN=old\n")
    os.chmod(tmp_path / ".env", 0o644)
    code, out, err = await run_cli(
        tmp_path, child_env(tmp_path, fake_discord), "setup", stdin="test-token\n"
    )
    assert code == 0, err
    env_file = tmp_path / ".env"
    assert env_file.read_text() == "# mine\nLOG_LEVEL=DEBUG\nDISCORD_TOKEN=test-token\n"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert f"client_id={fake_discord.application_id}" in out
    assert "both privileged intents are on" in err
    settings = load_settings({}, env_file)
    assert settings.discord_token == "test-token" and settings.log_level == "DEBUG"


async def test_setup_without_a_token_changes_nothing(tmp_path: Path):
    code, _, err = await run_cli(tmp_path, child_env(tmp_path, None), "setup", stdin="\n")
    assert code == 2 and "nothing was changed" in err
    assert not (tmp_path / ".env").exists()


# --- health -------------------------------------------------------------------------------


async def test_health_follows_the_running_bot(runner: BotRunner, tmp_path: Path):
    settings = runner.settings
    env = child_env(tmp_path, None, DATABASE_PATH=str(settings.database_path))
    await runner.fake.wait_for(
        lambda: (beat := health.read(settings.health_file)) and beat.connected
    )
    code, out, _ = await run_cli(tmp_path, env, "health", module="bot")
    assert code == 0 and out.startswith("ok: connected"), out
    assert stat.S_IMODE(settings.health_file.stat().st_mode) == 0o600
    await runner.stop()
    code, out, _ = await run_cli(tmp_path, env, "health", module="bot")
    assert code == 1 and out.startswith("not running"), out


def test_health_verdicts():
    now = time.time()
    assert health.verdict(health.Beat(now - 5, True, 42.0, 7), now)[0]
    stale = health.verdict(health.Beat(now - 300, True, 42.0, 7), now)
    assert not stale[0] and stale[1].startswith("stale")
    offline = health.verdict(health.Beat(now, False, None, 7), now)
    assert not offline[0] and "not connected" in offline[1]
    assert health.verdict(None, now)[1].startswith("not running")


def test_a_broken_heartbeat_file_is_not_healthy(tmp_path: Path):
    path = tmp_path / "bot.sqlite3.health"
    path.write_text("{half")
    assert not health.check(path)[0]


# --- logs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
async def test_logs_are_one_line_per_event(tmp_path: Path, fake_discord: FakeDiscord, fmt: str):
    env = child_env(tmp_path, fake_discord, DISCORD_TOKEN="test-token", LOG_FORMAT=fmt)
    env["PYTHONPATH"] = str(ROOT)
    script = (
        "import logging, sys\n"
        "from bot.config import configure_logging\n"
        f"configure_logging('INFO', secrets=('test-token',), fmt={fmt!r})\n"
        "log = logging.getLogger('bot.core')\n"
        "log.info('Ready with test-token as %s', 'FakeBot')\n"
        "try:\n    raise ValueError('line one\\nline two')\n"
        "except ValueError:\n    log.exception('It failed')\n"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await process.communicate()
    lines = err.decode().splitlines()
    assert len(lines) == 2, lines
    assert "test-token" not in err.decode()
    if fmt == "json":
        first, second = (json.loads(line) for line in lines)
        assert first["level"] == "INFO" and first["logger"] == "bot.core"
        assert "[redacted]" in first["message"]
        assert "ValueError" in second["exc"] and second["level"] == "ERROR"
    else:
        assert " INFO     bot.core: Ready with [redacted]" in lines[0]
        assert "ERROR    bot.core: It failed" in lines[1] and "ValueError" in lines[1]


# --- deployment files ---------------------------------------------------------------------


def dockerfile() -> dict[str, list[str]]:
    """Instruction -> its arguments, in order (continuation lines joined)."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.setdefault(word.upper(), []).append(rest.strip())
    return found


def test_dockerfile_is_slim_non_root_without_secrets_and_checks_health():
    found = dockerfile()
    assert found["FROM"][0].startswith("python:3.11-slim")
    assert found["USER"] and found["USER"][-1] not in ("root", "0")
    assert any("/data" in v for v in found["VOLUME"])
    assert "DISCORD_TOKEN" not in " ".join(found.get("ENV", []) + found.get("ARG", []))
    assert any("requirements.lock" in run and "--require-hashes" in run for run in found["RUN"])
    (check,) = found["HEALTHCHECK"]
    assert "python -m bot health" in check
    entry = json.loads(found["ENTRYPOINT"][0]) + json.loads(found.get("CMD", ["[]"])[0])
    assert entry[:3] == ["python", "-m", "bot"]
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and "data/" in ignored and ".venv/" in ignored


def test_compose_and_systemd_files_use_the_same_commands():
    compose = (ROOT / "compose.yaml").read_text()
    assert "env_file" in compose and ".env" in compose
    assert "/data" in compose and "restart: unless-stopped" in compose
    assert "python" in compose and "bot" in compose and "health" in compose
    unit = (ROOT / "docs" / "gemeinschaft-bot.service").read_text()
    for needed in (
        "Restart=on-failure",
        "User=gemeinschaft",
        "ProtectSystem=strict",
        "NoNewPrivileges=true",
        "ReadWritePaths=/var/lib/gemeinschaft",
        "EnvironmentFile=",
        "-m bot run",
    ):
        assert needed in unit, needed


async def test_the_container_commands_work_outside_docker(
    tmp_path: Path, fake_discord: FakeDiscord
):
    """What the image runs (ENTRYPOINT + CMD, and the HEALTHCHECK command), with its data
    folder and environment, against the fake Discord: the bot starts, health says ok, SIGTERM
    stops it cleanly, health then says not running."""
    found = dockerfile()
    env_lines = " ".join(found.get("ENV", []))
    data = tmp_path / "data"
    env = child_env(tmp_path, fake_discord, DISCORD_TOKEN="test-token")
    for pair in env_lines.split():
        key, _, value = pair.partition("=")
        if key in ("DATABASE_PATH", "BACKUP_DIR"):
            env[key] = value.replace("/data", str(data), 1)
    entry = json.loads(found["ENTRYPOINT"][0]) + json.loads(found.get("CMD", ["[]"])[0])
    assert entry[:3] == ["python", "-m", "bot"]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox.launch", *entry[3:], cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    health_file = Path(env["DATABASE_PATH"] + ".health")
    check = found["HEALTHCHECK"][0].split("CMD", 1)[1].split()
    assert check[:4] == ["python", "-m", "bot", "health"]
    try:
        await fake_discord.wait_for(
            lambda: (beat := health.read(health_file)) and beat.connected, timeout=30
        )
        code, out, _ = await run_cli(tmp_path, env, *check[3:], module="bot")
        assert code == 0 and out.startswith("ok"), out
    finally:
        process.terminate()
        await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    code, out, _ = await run_cli(tmp_path, env, *check[3:], module="bot")
    assert code == 1 and "not running" in out
