"""Validate, then write: every command with text options gets hostile values, one option at a
time. No value may cause an unexpected error, and every refusal leaves every table exactly as it
was (a refused command has written nothing)."""

from __future__ import annotations

from typing import Any

import pytest

import bot.replies as replies
from tests.catalog import says
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import table_dump
from tests.e2e.test_scopes import leaves, option_values

#: tried on every text option
HOSTILE = [
    " \u200b\u2060 ",  # nothing visible
    "\ud800 lone surrogate",
    "null\x00byte",
    "0s",
    "-1m",
    "999999d",
    "99999999999999999999999",
    "@everyone <@&1> `` ``` ",
    "(a+)+$",
]
#: tried where an option's name says it is meant (schedules, zones, domains, dates)
SPECIFIC = {
    "when": ["0 0 31 2 *", "* * * * *", "daily 9:00 in Mars/Phobos", "daily 9:00 in localtime"],
    "zone": ["Mars/Phobos", "localtime", "posix/Europe/Berlin"],
    "domain": ["*.com", "co.uk", "github.io"],
    "first_day": ["2027-13-45"],
    "last_day": ["2027-13-45"],
}

#: tables a refusal may touch, and why
MAY_CHANGE_ON_REFUSAL: dict[str, str] = {}


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> dict[int, bool]:
    """Interaction id -> whether the error was expected (a refusal) or unexpected."""
    seen: dict[int, bool] = {}
    original = replies.describe_error

    def recording(interaction: Any, error: BaseException) -> tuple[str, bool]:
        message, expected = original(interaction, error)
        seen[interaction.id] = expected
        return message, expected

    monkeypatch.setattr(replies, "describe_error", recording)
    return seen


def _fits(option: dict[str, Any], value: str) -> bool:
    return int(option.get("min_length", 0)) <= len(value) <= int(option.get("max_length", 6000))


async def test_hostile_values_are_refused_cleanly_and_write_nothing(
    runner: BotRunner, world: World, refusals: dict[int, bool]
):
    assert runner.bot is not None
    bot = runner.bot
    tried = refused = written = 0
    dump: dict[str, list[tuple[Any, ...]]] | None = None
    unexpected: list[str] = []
    skip = {"mydata forget", "note crash", "note slow"}  # a confirmation dialog; test helpers
    for name, schema in leaves(world):
        if name in skip:
            continue
        texts = [o for o in schema if int(o["type"]) == 3 and not o.get("choices")]
        for option in texts:
            for value in HOSTILE + SPECIFIC.get(option["name"], []):
                if not _fits(option, value):
                    continue
                values = option_values(schema, world)
                values[option["name"]] = value
                if await _writes(bot) != written or dump is None:
                    written = await _writes(bot)  # read first: a later write forces a new dump
                    dump = await table_dump(bot)
                before = dump
                reply = await world.fake.invoke(world.owner, world.general, name, values)
                await reply.response(timeout=10)
                if reply.response_type == 5:
                    await reply.wait_for_followup(timeout=10)
                tried += 1
                expected = refusals.get(int(reply.id))
                if expected is False:
                    unexpected.append(f"/{name} {option['name']}={value!r}")
                if expected:
                    refused += 1
                    if await _writes(bot) == written:
                        continue  # nothing was written at all since the dump
                    after = await table_dump(bot)
                    changed = [t for t in after if after[t] != before.get(t)]
                    changed = [t for t in changed if t not in MAY_CHANGE_ON_REFUSAL]
                    assert changed == [], (name, option["name"], value, changed)
    assert unexpected == []
    assert tried > 300 and refused > 300
    print(f"{tried} hostile values tried, {refused} refused, each refusal wrote nothing")


async def _writes(bot: Any) -> int:
    """Rows inserted, changed or deleted through the bot's connection since it opened: while it
    stays the same, the last dump of every table is still what the tables hold."""
    if bot.db.dialect == "postgresql":  # any write moves the end of the write-ahead log
        row = await bot.db.fetchone("SELECT pg_current_wal_insert_lsn() - '0/0'")
    else:
        row = await bot.db.fetchone("SELECT total_changes()")
    return int(row[0])


async def _count(runner: BotRunner, table: str) -> int:
    assert runner.db is not None
    row = await runner.db.fetchone(f"SELECT COUNT(*) FROM {table}")
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize(
    ("options", "key", "params"),
    [
        ({"remind_before": "0s"}, "error.duration_too_short", {}),
        ({"remind_before": "-1m"}, "error.duration_invalid", {"value": "-1m"}),
        ({"remind_before": "999999d"}, "error.duration_too_long", {}),
        ({"when": "0 0 31 2 *"}, "schedule.never_runs", {}),
        ({"when": "* * * * *"}, "schedule.too_often", {"minutes": 15}),
        ({"when": "*/10 9-17 * * *"}, "schedule.too_often", {"minutes": 15}),
        (
            {"when": "daily 9:00", "first_day": "2027-03-01", "last_day": "2027-02-01"},
            "schedule.first_after_last",
            {},
        ),
        (
            {"when": "daily 9:00 in Mars/Phobos"},
            "error.schedule_invalid",
            {"value": "daily 9:00 in Mars/Phobos"},
        ),
        (
            {"when": "daily 9:00 in localtime/x"},
            "error.schedule_invalid",
            {"value": "daily 9:00 in localtime/x"},
        ),
    ],
)
async def test_a_refused_schedule_is_not_saved(
    runner: BotRunner, world: World, options: dict[str, str], key: str, params: dict
):
    values = {"when": "every friday 18:00", "text": "Stammtisch!", "channel": world.general.id}
    values.update(options)
    reply = await world.fake.invoke(world.moderator, world.general, "schedule add", values)
    await reply.response()
    assert reply.ephemeral and says(reply.content_text(), key, "de", **params), reply.content_text()
    assert await _count(runner, "schedules") == 0
    assert runner.bot is not None
    assert not [j for j in runner.bot.scheduler.pending() if j.key.startswith("schedule")]


async def test_time_zones_must_be_iana_names(runner: BotRunner, world: World):
    for zone in ("localtime", "Mars/Phobos", "posix/Europe/Berlin", "../etc/passwd", "Factory"):
        reply = await world.fake.invoke(
            world.owner, world.general, "config timezone", {"zone": zone}
        )
        await reply.response()
        assert says(reply.content_text(), "config.timezone_invalid", "de", zone=zone), zone
    assert runner.bot is not None
    assert runner.bot.guild_settings.timezone_name(world.guild.id) == "Europe/Berlin"
    reply = await world.fake.invoke(
        world.owner, world.general, "config timezone", {"zone": "America/New_York"}
    )
    await reply.response()
    assert runner.bot.guild_settings.timezone_name(world.guild.id) == "America/New_York"


async def test_link_lists_refuse_whole_public_suffixes(runner: BotRunner, world: World):
    for value in ("*.com", "com", "co.uk", "*.co.uk", "github.io", "https://*.de/"):
        reply = await world.fake.invoke(
            world.owner, world.general, "automod links deny", {"domain": value}
        )
        await reply.response()
        assert says(reply.content_text(), "automod.domain_public_suffix", "de"), value
    assert await _count(runner, "automod_terms") == 0
    reply = await world.fake.invoke(
        world.owner, world.general, "automod links deny", {"domain": "*.example.co.uk"}
    )
    await reply.response()
    assert await _count(runner, "automod_terms") == 1


async def test_blank_and_broken_member_text_is_refused_and_given_back(
    runner: BotRunner, world: World
):
    from tests.e2e.test_feedback import send_feedback, setup_channels

    await setup_channels(world)
    for text, expected in (
        (" \u200b\u2060\u3164 " * 4, "error.text_blank"),
        ("Kritik \ud800 am Update", "error.text_unreadable"),
        ("Kritik\x00am Update", "error.text_unreadable"),
    ):
        submitted = await send_feedback(world, world.member, text, anonymous=False)
        answer = submitted.content_text()
        assert says(answer, expected, "de"), answer
        if text.strip(" \u200b\u2060\u3164"):
            assert "am Update" in answer  # the member's text comes back
    assert await _count(runner, "feedback_items") == 0
    reply = await world.fake.invoke(world.member, world.general, "ask", {"question": "\ud800?"})
    await reply.response()
    assert says(reply.content_text(), "error.text_unreadable", "de")
