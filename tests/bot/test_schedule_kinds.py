"""Schedule kinds: typed options survive storage, and subcommands appear wherever the host is."""

from dataclasses import dataclass

import discord
import pytest
from discord import app_commands

from bot.errors import UserFacingError
from bot.schedule_kinds import ScheduleKind, ScheduleKinds, ScheduleOptions, ScheduleRequest
from cogs.giveaways.schedule import GiveawayRun
from cogs.qa.schedule import QaRun


def test_options_round_trip_and_old_rows_take_defaults():
    run = QaRun("Patch 1.2", 1800, moderated=True)
    assert QaRun.from_payload(run.payload()) == run
    # a row stored before "anonymous" existed, with JSON's loose types and an unknown key
    old = QaRun.from_payload({"topic": "Alt", "duration_s": "600", "moderated": 1, "gone": 5})
    assert old == QaRun("Alt", 600, moderated=True, anonymous=False)
    assert old.length() is not None and old.length().total_seconds() == 600
    assert GiveawayRun.from_payload({"prize": "Mug", "duration_s": 60}).winners == 1
    with pytest.raises(TypeError):
        GiveawayRun.from_payload({"duration_s": 60})  # the prize is required


@dataclass(frozen=True)
class Ping(ScheduleOptions):
    text: str


def ping_kind(name: str = "ping") -> ScheduleKind[Ping]:
    @app_commands.command(name=name, description="Ping on a schedule")
    async def command(interaction: discord.Interaction) -> None: ...

    async def run(guild, channel, creator_id, options: Ping) -> None: ...

    return ScheduleKind(name, Ping, run, command, title_key="x")


async def test_subcommands_join_the_host_group_in_either_order_and_leave_with_it():
    kinds = ScheduleKinds()
    group = app_commands.Group(name="schedule", description="Recurring events")
    kinds.register(ping_kind("early"))
    created = []

    async def create(interaction, kind, request) -> None:
        created.append((kind.name, request.options))

    kinds.host(group, create)
    kinds.register(ping_kind("late"))
    assert {c.name for c in group.commands} == {"early", "late"}
    with pytest.raises(ValueError):
        kinds.register(ping_kind("late"))
    await kinds.create(None, "late", ScheduleRequest("daily 9:00", "hi", None, Ping("hi")))
    assert created == [("late", Ping("hi"))]
    with pytest.raises(TypeError):
        await kinds.create(None, "late", ScheduleRequest("daily", "x", None, QaRun("x")))
    kinds.unregister("early")
    assert [c.name for c in group.commands] == ["late"]
    kinds.unhost()
    assert group.commands == []
    with pytest.raises(UserFacingError):
        await kinds.create(None, "late", ScheduleRequest("daily 9:00", "hi", None, Ping("hi")))
