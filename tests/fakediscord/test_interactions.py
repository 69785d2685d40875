"""Slash commands, autocomplete, components, modals and the interaction deadlines."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from sandbox.emulation.state import FakeError

from .faults import FakeDiscord


async def _sync(fake: FakeDiscord, bot: commands.Bot, guild_id: int) -> None:
    await bot.tree.sync(guild=discord.Object(id=guild_id))
    assert fake.command_sync_count == 1


async def test_slash_command_round_trip(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    calls: list[tuple[str, str]] = []

    @bot.tree.command(name="ping", description="Ping!")
    @app_commands.describe(times="How often")
    async def ping(interaction: discord.Interaction, times: int = 1) -> None:
        calls.append((str(interaction.locale), str(interaction.guild_locale)))
        await interaction.response.send_message("pong " * times, ephemeral=True)

    bot.tree.copy_global_to(guild=discord.Object(id=world["guild"].id))
    await _sync(fake, bot, world["guild"].id)
    registered = fake.commands(world["guild"])
    assert [c["name"] for c in registered] == ["ping"]
    assert fake.commands() == []

    inter = await fake.invoke(world["alice"], world["general"], "ping", options={"times": 2})
    resp = await inter.response(timeout=5)
    assert resp["type"] == 4
    assert inter.ephemeral
    assert inter.content_text() == "pong pong"
    assert calls == [("de", "de")]
    assert fake.messages(world["general"]) == []  # ephemeral messages are not in the channel

    with pytest.raises(FakeError):
        await fake.invoke(world["alice"], world["general"], "pong")
    with pytest.raises(FakeError):
        await fake.invoke(world["alice"], world["general"], "ping", options={"times": "two"})
    with pytest.raises(FakeError):
        await fake.invoke(world["alice"], world["general"], "ping", options={"count": 1})


async def test_groups_options_resolved_and_autocomplete(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    got: dict[str, object] = {}
    config = app_commands.Group(name="config", description="Configuration")
    timezone = app_commands.Group(name="time", description="Time settings", parent=config)

    @config.command(name="show", description="Show config")
    async def show(
        interaction: discord.Interaction, channel: discord.TextChannel, member: discord.Member
    ) -> None:
        got.update(
            channel=channel,
            member=member,
            perms=interaction.permissions,
            app=interaction.app_permissions,
        )
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.01)
        await interaction.followup.send(
            embed=discord.Embed(title="Config", description=f"{channel.name}/{member.name}")
        )
        await interaction.followup.send("second", ephemeral=True)

    @timezone.command(name="zone", description="Set zone")
    @app_commands.describe(zone="Timezone name")
    async def zone(interaction: discord.Interaction, zone: str) -> None:
        await interaction.response.send_message(f"zone={zone}")

    @zone.autocomplete("zone")
    async def zone_ac(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        zones = ["Europe/Berlin", "Europe/Bern", "America/New_York"]
        return [app_commands.Choice(name=z, value=z) for z in zones if z.startswith(current)]

    admin_only: app_commands.Command[Any, ..., None] = app_commands.Command(
        name="nuke",
        description="Admins only",
        callback=_nuke,
    )
    admin_only.default_permissions = discord.Permissions(administrator=True)
    bot.tree.add_command(config, guild=discord.Object(id=world["guild"].id))
    bot.tree.add_command(admin_only, guild=discord.Object(id=world["guild"].id))
    await _sync(fake, bot, world["guild"].id)

    inter = await fake.invoke(
        world["bob"],
        world["general"],
        "config show",
        options={"channel": world["general"].id, "member": world["alice"].id},
    )
    assert (await inter.response())["type"] == 5
    first = await inter.wait_for_followup()
    assert first["embeds"][0]["title"] == "Config"
    assert (
        inter.original is not None and inter.original["id"] == first["id"]
    )  # edited the "thinking" message
    await inter.wait_for_followup()
    assert not inter.ephemeral
    assert "general/alice" in inter.content_text() and "second" in inter.content_text()
    assert got["channel"].id == world["general"].id  # type: ignore[attr-defined]
    assert got["member"].guild_permissions.administrator  # type: ignore[attr-defined]  # owner
    assert got["perms"].send_messages and not got["perms"].administrator  # type: ignore[attr-defined]
    # the public part is in the channel; the ephemeral followup is not
    assert [m["embeds"][0]["title"] for m in fake.messages(world["general"])] == ["Config"]

    choices = await fake.autocomplete(
        world["alice"],
        world["general"],
        "config time zone",
        options={"zone": "Europe/Be"},
        focused="zone",
    )
    assert [c["name"] for c in choices] == ["Europe/Berlin", "Europe/Bern"]

    with pytest.raises(FakeError):
        await fake.invoke(
            world["bob"], world["general"], "config show", options={"channel": world["general"].id}
        )
    with pytest.raises(FakeError):
        await fake.invoke(world["bob"], world["general"], "config")
    with pytest.raises(FakeError):
        await fake.invoke(world["bob"], world["general"], "nuke")
    inter = await fake.invoke(
        world["bob"], world["general"], "nuke", bypass_default_permissions=True
    )
    assert (await inter.response())["data"]["content"] == "boom"


async def _nuke(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("boom")


class Feedback(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[Feedback] = discord.ui.TextInput(
        label="Your feedback", custom_id="fb_text"
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class Buttons(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=30)
        self.clicked = 0

    @discord.ui.button(label="Count", custom_id="count")
    async def count(
        self, interaction: discord.Interaction, button: discord.ui.Button[Buttons]
    ) -> None:
        self.clicked += 1
        await interaction.response.edit_message(content=f"clicked {self.clicked}")

    @discord.ui.button(label="Feedback", custom_id="feedback")
    async def feedback(
        self, interaction: discord.Interaction, button: discord.ui.Button[Buttons]
    ) -> None:
        await interaction.response.send_modal(Feedback())

    @discord.ui.select(
        custom_id="pick",
        options=[
            discord.SelectOption(label="A", value="a"),
            discord.SelectOption(label="B", value="b"),
        ],
    )
    async def pick(
        self, interaction: discord.Interaction, select: discord.ui.Select[Buttons]
    ) -> None:
        await interaction.response.send_message(f"picked {select.values[0]}")


async def test_button_select_and_modal(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    view = Buttons()
    await channel.send("panel", view=view)
    msg = fake.messages(channel.id)[-1]

    inter = await fake.click(world["alice"], msg, "count")
    assert (await inter.response())["type"] == 7
    await fake.wait_for(lambda: (fake.message(msg["id"]) or {}).get("content") == "clicked 1")
    assert inter.content_text() == "clicked 1"

    inter = await fake.select(world["bob"], msg, "pick", values=["b"])
    await inter.response()
    assert inter.content_text() == "picked b"
    with pytest.raises(FakeError):
        await fake.select(world["bob"], msg, "pick", values=["z"])
    with pytest.raises(FakeError):
        await fake.click(world["bob"], msg, "nope")

    opener = await fake.click(world["alice"], msg, "feedback")
    modal = await opener.response()
    assert modal["type"] == 9 and modal["data"]["custom_id"]
    submitted = await fake.submit_modal(
        world["alice"],
        channel.id,
        modal["data"]["custom_id"],
        {"fb_text": "great bot"},
        from_interaction=opener,
    )
    await submitted.response()
    assert submitted.content_text() == "thanks: great bot" and submitted.ephemeral
    with pytest.raises(FakeError):
        await fake.submit_modal(
            world["alice"], channel.id, modal["data"]["custom_id"], {"unknown": "x"}
        )


async def test_late_response_is_unknown_interaction(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    fake.interaction_deadline = 0.2
    errors: list[BaseException] = []

    @bot.tree.command(name="slow", description="Too slow")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.3)
        try:
            await interaction.response.send_message("late")
        except discord.NotFound as exc:
            errors.append(exc)

    await bot.tree.sync()
    assert [c["name"] for c in fake.commands()] == ["slow"]
    inter = await fake.invoke(world["alice"], world["general"], "slow")
    await fake.wait_for(lambda: errors, timeout=3)
    assert isinstance(errors[0], discord.NotFound) and errors[0].code == 10062
    assert not inter.acknowledged


async def test_double_response_is_rejected(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    errors: list[discord.HTTPException] = []

    @bot.tree.command(name="twice", description="Answers twice")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("one")
        route = discord.http.Route(
            "POST", "/interactions/{i}/{t}/callback", i=interaction.id, t=interaction.token
        )
        try:
            await interaction.client.http.request(
                route, json={"type": 4, "data": {"content": "two"}}
            )
        except discord.HTTPException as exc:
            errors.append(exc)

    await bot.tree.sync()
    inter = await fake_discord.invoke(world["bob"], world["general"], "twice")
    await fake_discord.wait_for(lambda: errors)
    assert errors[0].code == 40060 and errors[0].status == 400
    assert inter.content_text() == "one"
    assert fake_discord.messages(world["general"])[0]["interaction_metadata"]["user"]["id"] == str(
        world["bob"].id
    )


class LabelledModal(discord.ui.Modal, title="Profile"):
    bio: discord.ui.Label[LabelledModal] = discord.ui.Label(
        text="Bio", component=discord.ui.TextInput(custom_id="bio", style=discord.TextStyle.long)
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        assert isinstance(self.bio.component, discord.ui.TextInput)
        await interaction.response.send_message(f"bio: {self.bio.component.value}")


async def test_label_modal_from_slash_command(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord

    @bot.tree.command(name="profile", description="Edit profile")
    async def profile(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(LabelledModal())

    await bot.tree.sync()
    opener = await fake.invoke(world["alice"], world["general"], "profile")
    modal = await opener.response()
    assert modal["data"]["components"][0]["type"] == 18
    inter = await fake.submit_modal(
        world["alice"], world["general"], modal["data"]["custom_id"], {"bio": "hi there"}
    )
    await inter.response()
    assert inter.payload["data"]["components"][0]["component"]["value"] == "hi there"
    assert inter.content_text() == "bio: hi there"
    with pytest.raises(FakeError):  # required field left empty
        await fake.submit_modal(world["alice"], world["general"], modal["data"]["custom_id"], {})
