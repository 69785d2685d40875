"""The real entry point in a subprocess: clear messages and exit codes, clean stop on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.fakediscord import FakeDiscord


@pytest.fixture(autouse=True)
def _sqlite_only(backend: str) -> None:
    if backend == "postgres":
        pytest.skip("starts the bot's entry point as a separate process on an SQLite file")


ROOT = Path(__file__).resolve().parents[2]


def child_env(tmp_path: Path, fake: FakeDiscord | None, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "DATABASE_", "BACKUP_"))
    }
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_PATH=str(tmp_path / "data" / "bot.sqlite3"),
        BACKUP_DIR=str(tmp_path / "data" / "backups"),
        LOG_LEVEL="INFO",
    )
    if fake is not None:
        env.update(FAKE_DISCORD_API=fake.base_url, FAKE_DISCORD_GATEWAY=fake.gateway_url)
    env.update(extra)
    return env


async def run_bot(
    tmp_path: Path, env: dict[str, str], *args: str, timeout: float = 30
) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox.launch",
        *args,
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout)
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def test_missing_token_explains_the_steps(tmp_path):
    code, _, err = await run_bot(tmp_path, child_env(tmp_path, None))
    assert code == 2
    assert "DISCORD_TOKEN is not set" in err and "Reset Token" in err
    assert "Traceback" not in err


async def test_invalid_setting_is_named(tmp_path):
    code, _, err = await run_bot(
        tmp_path, child_env(tmp_path, None, DISCORD_TOKEN="x", DEFAULT_LOCALE="fr")
    )
    assert code == 2 and "DEFAULT_LOCALE" in err and "Traceback" not in err


async def test_bad_token_is_explained(tmp_path, fake_discord: FakeDiscord):
    code, _, err = await run_bot(
        tmp_path, child_env(tmp_path, fake_discord, DISCORD_TOKEN="wrong-token")
    )
    assert code == 3
    assert "refused the token" in err and "Reset Token" in err
    assert "Traceback" not in err and "wrong-token" not in err


async def test_missing_privileged_intents_are_explained(tmp_path):
    fake = FakeDiscord(privileged_intents=frozenset())
    await fake.start()
    try:
        code, _, err = await run_bot(tmp_path, child_env(tmp_path, fake, DISCORD_TOKEN=fake.token))
    finally:
        await fake.stop()
    assert code == 3
    assert "4014" in err and "Message Content Intent" in err and "Server Members Intent" in err
    assert "Traceback" not in err


async def test_corrupt_database_is_explained(tmp_path, fake_discord: FakeDiscord):
    db = tmp_path / "data" / "bot.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"garbage" * 1000)
    code, _, err = await run_bot(
        tmp_path, child_env(tmp_path, fake_discord, DISCORD_TOKEN=fake_discord.token)
    )
    assert code == 4 and "not a valid SQLite database" in err and "Traceback" not in err


async def test_runs_until_sigterm_then_exits_cleanly(tmp_path, fake_discord: FakeDiscord):
    fake = fake_discord
    owner = fake.create_user("olga")
    fake.create_guild("Gemeinschaft", owner=owner)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox.launch",
        cwd=tmp_path,
        env=child_env(tmp_path, fake, DISCORD_TOKEN=fake.token),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_until_connected(timeout=20)
        await fake.wait_for(lambda: fake.command_sync_count == 1, timeout=10)
        await asyncio.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, stderr.decode()
    log = stderr.decode()
    assert "Received SIGTERM" in log and "Traceback" not in log
    assert fake.token not in log
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


async def test_backup_subcommand_writes_an_openable_copy(tmp_path):
    code, out, err = await run_bot(tmp_path, child_env(tmp_path, None), "backup")
    assert code == 0, err
    path = Path(out.strip())
    assert path.parent == tmp_path / "data" / "backups"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    "token_env",
    [
        {"DISCORD_CLIENT_ID": "123456789012345678"},
        {"DISCORD_TOKEN": "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.xyz"},
    ],
)
async def test_invite_prints_the_url_with_computed_permissions(tmp_path, token_env):
    from bot.features import required_permissions

    code, out, err = await run_bot(tmp_path, child_env(tmp_path, None, **token_env), "invite")
    assert code == 0, err
    url = out.strip()
    assert url.startswith("https://discord.com/oauth2/authorize?client_id=123456789012345678")
    assert f"permissions={required_permissions().value}" in url
    assert "scope=bot+applications.commands" in url


async def test_invite_without_any_id_explains(tmp_path):
    code, _, err = await run_bot(tmp_path, child_env(tmp_path, None), "invite")
    assert code == 2 and "DISCORD_CLIENT_ID" in err


async def test_sync_subcommand_syncs_and_exits(tmp_path, fake_discord: FakeDiscord):
    code, out, err = await run_bot(
        tmp_path, child_env(tmp_path, fake_discord, DISCORD_TOKEN=fake_discord.token), "sync"
    )
    assert code == 0, err
    assert "synced" in out
    assert fake_discord.command_sync_count == 1
    assert fake_discord.identify_count == 0  # no gateway connection needed
