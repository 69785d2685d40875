"""The suggestions board across its life: restarts between the steps (votes known, the buttons
and the team's status choice still working, a state not yet shown brought up to date at start),
and a member who asks to be forgotten."""

from __future__ import annotations

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import PgConnection, columns, connect
from tests.e2e.helpers import buttons, run_reply
from tests.e2e.test_stats import forget
from tests.e2e.test_suggestions import (
    choose_status,
    click,
    custom_id,
    query,
    suggest,
    suggestion,
    use_board,
)


async def test_restarts_between_the_steps(runner: BotRunner, world: World):
    fake = world.fake
    await use_board(world)
    await suggest(world, world.member, "Ein Adventskalender")
    first = suggestion(world, 1)
    assert says(await click(world, world.owner, first, "up"), "suggestions.voted_up", "de", up=1)
    await runner.restart()
    # the same vote is known; the buttons of before the restart still work
    assert says(await click(world, world.owner, first, "up"), "suggestions.unvoted", "de", up=0)
    assert says(await click(world, world.owner, first, "down"), "suggestions.voted_down", "de")
    clicked = await fake.click(world.moderator, first, custom_id(first, "status"))
    await clicked.response()
    choice = clicked.original or clicked.callbacks[0]["data"]
    await runner.restart()  # between the choice and the form
    said = await choose_status(world, world.moderator, choice, "review", "Wir prüfen das.")
    assert says(said, "suggestions.status_set", "de", status="In Prüfung")
    # a vote stored while its message edit was still waiting is shown after the next start
    await runner.stop()
    with connect(runner.settings) as conn:
        suggestion_id = conn.execute("SELECT id FROM suggestions").fetchone()[0]
        conn.execute(
            "INSERT INTO suggestion_votes VALUES (?, ?, 1, '2026-12-01T10:00:00+00:00')",
            (suggestion_id, world.english_member.id),
        )
        conn.execute("UPDATE suggestions SET version = version + 1")
    await runner.start()
    await fake.wait_for(
        lambda: [b["label"] for b in buttons(suggestion(world, 1))][:2] == ["👍 1", "👎 1"],
        timeout=10,
    )
    await fake.wait_for(
        lambda: query(runner, "SELECT version = shown_version FROM suggestions") == [(1,)]
    )


async def test_forgetting_removes_votes_and_unsupported_suggestions(
    runner: BotRunner, world: World
):
    fake = world.fake
    lena = world.member
    await use_board(world)
    await suggest(world, lena, "Zeugnis-Vorschlag-Kiebitz ohne Stimmen")
    await suggest(world, lena, "Ein Vorschlag mit Unterstützung")
    await suggest(world, world.english_member, "Someone else's idea")
    await click(world, world.english_member, suggestion(world, 2), "up")
    await click(world, lena, suggestion(world, 3), "down")
    exported = await fake.invoke(lena, world.general, "mydata export")
    await exported.response()
    document = fake.attachment_bytes((await exported.wait_for_followup())["attachments"][0])
    assert b"Kiebitz" in document and b'"down"' in document
    await forget(world, lena)
    # her unsupported suggestion is gone, the supported one stays without her, her vote is gone
    assert query(runner, "SELECT number, author_id FROM suggestions ORDER BY number") == [
        (2, 0),
        (3, world.english_member.id),
    ]
    assert query(
        runner, "SELECT count(*) FROM suggestion_votes WHERE voter_id = ?", (lena.id,)
    ) == [(0,)]
    for table in ("suggestions", "suggestion_votes", "suggestion_status_log"):
        with connect(runner.settings) as conn:
            # SQLite compares a text column with the id as text; PostgreSQL needs the cast said.
            cell, value = (
                ("CAST({} AS TEXT)", str(lena.id))
                if isinstance(conn, PgConnection)
                else ("{}", lena.id)
            )
            where = " OR ".join(cell.format(f'"{c}"') + " = :id" for c in columns(conn, table))
            found = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', {"id": value})
            assert found.fetchone()[0] == 0, table
    await fake.wait_for(
        lambda: says(
            suggestion(world, 2)["embeds"][0]["description"], "suggestions.author_erased", "de"
        ),
        timeout=10,
    )
    await fake.wait_for(
        lambda: [b["label"] for b in buttons(suggestion(world, 3))][:2] == ["👍 0", "👎 0"],
        timeout=10,
    )
    # her old buttons on the removed suggestion say so
    assert says(
        await click(world, world.owner, suggestion(world, 1), "up"), "suggestions.gone", "de"
    )


async def test_the_statistics_report_shows_the_board(runner: BotRunner, world: World):
    """The report (here /stats overview, which builds the same card) has a section for the
    board: new and decided suggestions, and the undecided ones with the most support."""
    await use_board(world)
    await suggest(world, world.member, "Ein Adventskalender")
    await click(world, world.owner, suggestion(world, 1), "up")
    runner.clock.advance(days=1)  # the report covers complete days
    overview, _ = await run_reply(world, world.moderator, "stats overview", {"period": "7d"})
    assert t("suggestions.report_title", "de") in overview
    assert says(overview, "suggestions.report_counts", "de", new=1, decided=0)
    assert says(overview, "suggestions.report_line", "de", number=1, up=1, down=0)
    assert "Ein Adventskalender" in overview
