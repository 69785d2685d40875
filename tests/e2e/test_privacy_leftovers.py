"""Privacy without leftovers: a member uses every feature that stores something, then forgets.
Afterwards no row names them (except the moderation record, kept by design), and neither the
database file, its write-ahead log nor any backup holds a byte of what they typed or their id.
Files are private to the bot's user whatever the umask."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import PgConnection, columns, connect, tables
from tests.e2e.helpers import buttons, run, text_input_id
from tests.e2e.test_contests import entry_messages
from tests.e2e.test_faq import VERIFY_A, VERIFY_Q, faq_replies
from tests.e2e.test_feedback import report, send_feedback
from tests.e2e.test_giveaways import custom_id, giveaway_message
from tests.e2e.test_giveaways import start as start_giveaway
from tests.e2e.test_qa import start as start_round
from tests.e2e.test_stats import flush, forget

# One unique text per feature: found in the bytes before the forget, in none after.
TEXTS = {
    "appeal_pending": "Zeugnis-Einspruch-Kolibri-4711 bitte prüfen",
    "appeal_decided": "Zeugnis-Einspruch-Pelikan-0815 bitte prüfen",
    "question": "Zeugnis-Frage-Flamingo-2342?",
    "contest": "Zeugnis-Beitrag-Albatros-1234",
    "feedback": "Zeugnis-Kritik-Kranich-9876: das Event war zu spät",
    "report": "Zeugnis-Meldung-Reiher-5555",
}


def rows_naming(runner: BotRunner, user_id: int) -> dict[str, int]:
    """Tables with a row in which any column holds the member's id."""
    found: dict[str, int] = {}
    with connect(runner.settings) as conn:
        # SQLite compares a text column with the id as text; PostgreSQL needs the cast said.
        cell, value = (
            ("CAST({} AS TEXT)", str(user_id))
            if isinstance(conn, PgConnection)
            else ("{}", user_id)
        )
        for table in tables(conn):
            where = " OR ".join(cell.format(f'"{c}"') + " = :id" for c in columns(conn, table))
            n = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', {"id": value})
            if count := n.fetchone()[0]:
                found[table] = count
    return found


def files(runner: BotRunner) -> list[Path]:
    db = Path(runner.settings.database_path)
    candidates = [db, Path(f"{db}-wal"), *sorted(Path(runner.settings.backup_dir).glob("*"))]
    return [p for p in candidates if p.is_file()]


def haystack(runner: BotRunner) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in files(runner)}


def holding(runner: BotRunner, needle: bytes) -> list[str]:
    return [name for name, data in haystack(runner).items() if needle in data]


async def use_every_feature(runner: BotRunner, world: World) -> None:
    fake = world.fake
    lena = world.member
    for purpose in ("modlog", "feedback"):
        channel = world.staff_only.id
        await run(world, world.admin, "config channel", {"purpose": purpose, "channel": channel})
    # two cases, two appeals: one decided, one pending
    for reason in ("Ton", "Spam"):
        await run(world, world.moderator, "warn", {"member": lena.id, "reason": reason})

    def appeal_notices() -> list[dict]:
        found = [m for m in fake.dm_messages(lena) if buttons(m)]
        return found if len(found) == 2 else []

    notices = await fake.wait_for(appeal_notices)
    for notice, key in zip(notices, ("appeal_decided", "appeal_pending"), strict=True):
        click = await fake.click(lena, notice, buttons(notice)[0]["custom_id"])
        modal = await click.response()
        sent = await fake.submit_modal(
            lena,
            fake.dm_channel(lena),
            modal["data"]["custom_id"],
            {text_input_id(modal["data"]): TEXTS[key]},
            from_interaction=click,
        )
        await sent.response()
        runner.clock.advance(seconds=30)
    logged = await fake.wait_for(
        lambda: [m for m in fake.messages(world.staff_only) if "Pelikan" in str(m.get("embeds"))]
    )
    uphold = next(b for b in buttons(logged[0]) if b["custom_id"].endswith(":uphold"))
    decided = await fake.click(world.moderator, logged[0], uphold["custom_id"])
    await decided.response()
    # a question waiting for review
    await start_round(world, moderated=True)
    asked = await fake.invoke(lena, world.general, "ask", {"question": TEXTS["question"]})
    await asked.response()
    await asked.wait_for_followup()
    # a contest entry
    await run(
        world,
        world.admin,
        "contest create",
        {"title": "Bestes Foto", "submission_time": "1d", "voting_time": "1d"},
    )
    await run(world, lena, "contest submit", {"contest": "1", "text": TEXTS["contest"]})
    assert entry_messages(world)
    # feedback and a report
    await send_feedback(world, lena, TEXTS["feedback"], anonymous=False)
    target = await fake.send_message(world.english_member, world.general, "some message")
    await report(world, lena, target, "spam", TEXTS["report"])
    # a giveaway entry
    await start_giveaway(world)
    message = giveaway_message(world)
    entered = await fake.click(lena, message, custom_id(message, "enter"))
    await entered.answered()
    # an FAQ rating
    await run(world, world.moderator, "faq add", {"question": VERIFY_Q, "answer": VERIFY_A})
    await run(world, world.moderator, "faq autoreply", {"channel": world.general.id, "enabled": True})  # fmt: skip
    await fake.send_message(world.english_member, world.general, "wie bekomme ich die verifiziert rolle?")  # fmt: skip
    (reply,) = await fake.wait_for(lambda: faq_replies(world))
    helped = next(b["custom_id"] for b in buttons(reply) if b["custom_id"].endswith(":1"))
    rated = await fake.click(lena, reply, helped)
    await rated.response()
    # statistics
    for n in range(3):
        await fake.send_message(lena, world.general, f"hallo zusammen {n}")
    await asyncio.sleep(0.1)
    await flush(runner)


async def test_forget_leaves_no_row_and_no_byte_in_database_wal_or_backups(
    runner: BotRunner, world: World, backend: str
):
    if backend == "postgres":
        pytest.skip("reads the bytes of SQLite's file, write-ahead log and backup copies")
    assert runner.bot is not None and runner.db is not None
    lena = world.member
    await use_every_feature(runner, world)
    used = set(rows_naming(runner, lena.id))
    assert used >= {
        "appeals", "qa_questions", "contest_entries", "feedback_items", "feedback_reporters",
        "giveaway_entries", "faq_reply_votes", "stats_member_daily", "cases",
    }  # fmt: skip
    statuses = {r[0] for r in connect(runner.settings).execute("SELECT status FROM appeals")}  # fmt: skip
    assert statuses == {"pending", "upheld"}
    await runner.bot.backups.backup_now()  # a backup holding all of it
    await runner.db.checkpoint()
    for text in TEXTS.values():
        assert holding(runner, text.encode()), text  # the search can find what is there
    await forget(world, lena)
    # rows: only the moderation record remains, without the quoted evidence
    assert set(rows_naming(runner, lena.id)) == {"cases"}
    # bytes: nothing they typed, anywhere; their id only where the kept cases are
    for key, text in TEXTS.items():
        assert holding(runner, text.encode()) == [], key
    live = Path(runner.settings.database_path)
    assert not Path(f"{live}-wal").exists() or Path(f"{live}-wal").stat().st_size == 0
    # The member id: the kept cases name them; delete those in a copy and no byte must remain.
    backup = next(p for p in files(runner) if p.parent.name == "backups")
    for path in (live, backup):
        copy = path.with_name(f"check-{path.name}")
        with sqlite3.connect(path) as conn:
            conn.execute("VACUUM INTO ?", (str(copy),))
        with sqlite3.connect(copy) as conn:
            conn.execute("PRAGMA secure_delete=ON")
            conn.execute("DELETE FROM cases WHERE user_id = ?", (lena.id,))
            conn.commit()
            conn.execute("VACUUM")
        data = copy.read_bytes()
        copy.unlink()
        for needle in (lena.id.to_bytes(8, "big"), str(lena.id).encode()):
            assert needle not in data, (path.name, needle)


@pytest.mark.postgres
async def test_forget_leaves_no_row_on_postgresql(runner: BotRunner, world: World, backend: str):
    """The same forget on PostgreSQL, checked by walking the server's catalogue: every table,
    every column. (The bytes are the server's: see docs/privacy.md.)"""
    if backend == "sqlite":
        pytest.skip("on SQLite the test above checks the rows and the bytes")
    lena = world.member
    await use_every_feature(runner, world)
    assert set(rows_naming(runner, lena.id)) >= {
        "appeals", "qa_questions", "contest_entries", "feedback_items", "feedback_reporters",
        "giveaway_entries", "faq_reply_votes", "stats_member_daily", "cases",
    }  # fmt: skip
    await forget(world, lena)
    assert set(rows_naming(runner, lena.id)) == {"cases"}


async def test_files_and_folders_are_private_whatever_the_umask(
    runner: BotRunner, world: World, backend: str
):
    if backend == "postgres":
        pytest.skip("the modes of SQLite's file and the bot's backup copies")
    assert runner.bot is not None
    old = os.umask(0o000)  # the most careless setting: everything world-writable
    try:
        await runner.restart()
        assert runner.bot is not None
        await runner.bot.backups.backup_now()
    finally:
        os.umask(old)
    db = Path(runner.settings.database_path)
    for path in (
        db,
        Path(f"{db}-wal"),
        Path(f"{db}-shm"),
        *Path(runner.settings.backup_dir).iterdir(),
    ):
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (db.parent, Path(runner.settings.backup_dir)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
