"""The demo as a new user runs it: ``python -m bot demo --tour --headless`` in an empty folder
plays every step of the tour against the real bot process and exits 0; a second start keeps the
demo server with the same ids, Ctrl-C stops the demo and its bot cleanly, and ``--reset``
starts afresh."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.catalog import says

ROOT = Path(__file__).resolve().parents[2]
TOUR_TIMEOUT = 240


def demo_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "DATABASE_", "BACKUP_", "FAKE_DISCORD", "DEV_GUILD"))
    }
    env.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return env


# (the tour starts before any test's own fixtures: the backend fixture cannot skip it in time)
pytestmark = pytest.mark.skipif(
    os.environ.get("TEST_BACKEND") == "postgres",
    reason="the demo runs the bot as a separate process on an SQLite file",
)


@pytest.fixture(scope="module")
def toured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The headless tour, played once in an empty folder: (folder, transcript)."""
    folder = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--tour", "--headless", "--lang", "de"],
        cwd=folder,
        env=demo_env(),
        capture_output=True,
        text=True,
        timeout=TOUR_TIMEOUT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return folder, done.stdout + done.stderr


def world_ids(folder: Path) -> dict[str, Any]:
    data = json.loads((folder / "data" / "demo" / "world" / "world.json").read_text("utf-8"))
    (guild,) = data["guilds"]
    return {
        "bot": data["bot_user"],
        "guild": guild["id"],
        "channels": sorted(c["id"] for c in guild["channels"]),
        "roles": sorted(r["id"] for r in guild["roles"]),
        "users": sorted(u["id"] for u in data["users"]),
    }


def step(transcript: str, number: int) -> str:
    """The transcript of step ``number`` (from its heading to the next one)."""
    start = transcript.index(f"Schritt {number}/10:")
    end = transcript.find(f"Schritt {number + 1}/10:", start)
    return transcript[start : end if end != -1 else len(transcript)]


def test_the_headless_tour_plays_every_step(toured: tuple[Path, str]):
    folder, out = toured
    assert "Traceback" not in out
    assert "Spieleecke" in out and "ohne Token und ohne Netz" in out
    for number in range(1, 11):
        assert f"✅ Schritt {number} gelungen" in step(out, number), step(out, number)
    welcome, insult, criticism, warning, qa, giveaway, contest, report, notice, mydata = (
        step(out, n) for n in range(1, 11)
    )
    assert "Willkommen in der Spieleecke, @Noah" in welcome and "Rolle Mitglied" in welcome
    assert "Halt doch einfach die Klappe" in insult and says(insult, "review.done", "de")
    assert "→ #mod-log" in insult and "[Kein Verstoß]" in insult
    assert "→ #team-eingang" in criticism and says(criticism, "inbox.reply_sent", "de")
    assert "DM an Lena" in criticism
    assert says(warning, "appeal.sent", "de") and says(warning, "appeal.member_revoked", "de")
    assert says(qa, "qa.asked", "de") and says(qa, "qa.voted", "de")
    assert says(qa, "qa.answered", "de") and says(qa, "qa.summary_title", "de")
    assert says(giveaway, "giveaway.announce", "de") and "verify_giveaway.py" in giveaway
    assert "giveaway-1-list.txt" in giveaway and "giveaway-1-check.html" in giveaway
    assert says(contest, "contest.voting_open", "de") and says(contest, "contest.results", "de")
    assert "⏩" in contest
    assert ".png" in report and "Aktivste Mitglieder" in report  # three weeks of history
    assert "→ #ankündigungen" in notice and "Spieleabend" in notice
    assert "mydata-" in mydata and ".json" in mydata
    # the bot process was stopped cleanly at the end
    log = (folder / "data" / "demo" / "bot.log").read_text("utf-8")
    assert "Received SIGTERM" in log
    assert "Traceback" not in log
    assert not (folder / "data" / "demo" / "bot.sqlite3.health").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_and_interrupt(folder: Path, *args: str) -> str:
    """Start the demo, wait until it is ready, press Ctrl-C; its output (exit code 0)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--no-browser", "--port", str(free_port()), *args],
        cwd=folder,
        env=demo_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + TOUR_TIMEOUT
    try:
        for line in process.stdout:  # event-driven: each line the demo prints
            lines.append(line)
            if line.startswith(("Bereit:", "Ready:")):
                process.send_signal(signal.SIGINT)
                break
            assert time.monotonic() < deadline, "".join(lines)
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    out = "".join(lines) + rest
    assert process.returncode == 0, out
    return out


def test_a_second_start_keeps_the_demo_and_reset_starts_afresh(toured: tuple[Path, str]):
    folder, _ = toured
    before = world_ids(folder)
    out = start_and_interrupt(folder)
    assert "ist wieder da" in out and "Baue den Demo-Server" not in out
    assert world_ids(folder) == before
    assert not (folder / "data" / "demo" / "bot.sqlite3.health").exists()  # the bot stopped
    out = start_and_interrupt(folder, "--reset", "--lang", "en")
    assert "Game Corner" in out and "Building the demo server" in out
    fresh = world_ids(folder)
    assert fresh["guild"] != before["guild"] and not set(fresh["users"]) & set(before["users"])


async def test_the_world_is_restored_with_the_same_ids_messages_files_and_commands(tmp_path: Path):
    from sandbox.emulation import FakeChannel, FakeDiscord, snapshot

    fake = FakeDiscord()
    await fake.start()
    try:
        owner = fake.create_user("olga", locale="de")
        guild = fake.create_guild("Spieleecke", owner=owner, locale="de")
        role = fake.create_role(guild, "Mitglied", position=1)
        member = fake.create_user("mia", locale="de")
        fake.add_member(guild, member, roles=[role], nick="Mimi")
        channel = fake.create_text_channel(guild, "allgemein", topic="Alles")
        sent = await fake.send_message(member, channel, "Hallo", files={"bild.png": b"\x89PNG"})
        fake.dm_channel(member)
        # a private thread keeps who was added to it (they see it; the web view asks)
        thread = FakeChannel(
            id=fake.world.snowflake(),
            type=12,
            name="Geheim",
            guild_id=guild.id,
            parent_id=channel.id,
            owner_id=fake.bot_user.id,
            member_ids=[fake.bot_user.id, member.id],
        )
        guild.channels[thread.id] = fake.world.channels[thread.id] = thread
        fake.global_commands = [{"id": "1", "name": "help", "type": 1}]
        snapshot.save(fake, tmp_path / "world")
    finally:
        await fake.stop()
    again = FakeDiscord()
    await again.start()
    try:
        snapshot.restore(again, tmp_path / "world")
        assert again.bot_user.id == fake.bot_user.id == again.application_id
        restored = again.world.guilds[guild.id]
        assert restored.members[member.id].roles == [role.id]
        assert restored.members[member.id].nick == "Mimi"
        assert again.world.channels[channel.id].topic == "Alles"
        assert again.world.channels[thread.id].member_ids == [fake.bot_user.id, member.id]
        (message,) = again.messages(channel)
        assert message["id"] == sent["id"] and message["content"] == "Hallo"
        assert again.attachment_bytes(message["attachments"][0]) == b"\x89PNG"
        assert message["attachments"][0]["url"].startswith(again.store.base_url)
        assert again.dm_channel(member).id == fake.dm_channel(member).id
        assert again.commands() == [{"id": "1", "name": "help", "type": 1}]
    finally:
        await again.stop()
