"""Message rules: components, replies, DMs, link previews, deleting; interaction lifetimes."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
from discord.ext import commands

from sandbox.emulation import permissions as P

from .faults import FakeDiscord


def _button(custom_id: str, label: str | None = "ok") -> dict[str, Any]:
    data: dict[str, Any] = {"type": 2, "style": 1, "custom_id": custom_id}
    if label is not None:
        data["label"] = label
    return data


def _row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(components)}


@pytest.mark.parametrize(
    ("components", "path"),
    [
        ([_row(_button("x" * 101))], "components.0.components.0.custom_id"),
        ([_row(_button(f"b{i}")) for i in range(6)], "components"),
        ([_row(*[_button(f"b{i}") for i in range(6)])], "components.0.components"),
        ([_row(_button("a", label=None))], "components.0.components.0"),
        ([_row(_button("a")), _row(_button("a"))], "components.1.components.0.custom_id"),
    ],
)
async def test_component_validation_names_the_field(
    fake_discord: FakeDiscord,
    world: dict,
    bot: commands.Bot,
    components: list[dict[str, Any]],
    path: str,
) -> None:
    route = discord.http.Route("POST", "/channels/{c}/messages", c=world["general"].id)
    with pytest.raises(discord.HTTPException) as exc:
        await bot.http.request(route, json={"content": "x", "components": components})
    assert exc.value.status == 400 and exc.value.code == 50035
    errors: Any = exc.value.text  # discord.py flattens the errors into "path: message"
    assert path in errors
    assert fake_discord.messages(world["general"]) == []


async def test_replies_and_unknown_messages(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    ghost = discord.MessageReference(message_id=1234, channel_id=channel.id)
    with pytest.raises(discord.HTTPException) as exc:
        await channel.send("re", reference=ghost)
    assert exc.value.code == 50035
    lenient = discord.MessageReference(
        message_id=1234, channel_id=channel.id, fail_if_not_exists=False
    )
    sent = await channel.send("re", reference=lenient)
    assert sent.reference is None
    with pytest.raises(discord.NotFound) as exc:
        await channel.get_partial_message(1234).edit(content="x")
    assert exc.value.code == 10008


async def test_dm_rules(fake_discord: FakeDiscord, world: dict, bot: commands.Bot) -> None:
    fake = fake_discord
    stranger = fake.create_user("stranger")
    user = await bot.fetch_user(stranger.id)
    with pytest.raises(discord.Forbidden) as exc:  # no shared guild
        await user.send("hello")
    assert exc.value.code == 50007
    fake.add_member(world["guild"], stranger)
    await user.send("hello")
    stranger.dms_open = False
    with pytest.raises(discord.Forbidden) as exc:
        await user.send("again")
    assert exc.value.code == 50007


async def test_link_preview_is_an_update_without_content_change(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    edits: list[tuple[discord.Message, discord.Message]] = []

    async def on_message_edit(before: discord.Message, after: discord.Message) -> None:
        edits.append((before, after))

    bot.add_listener(on_message_edit)
    msg = await fake.send_message(world["bob"], world["general"], "see https://example.com/")
    await fake.wait_for(lambda: bot.get_channel(world["general"].id).last_message_id)  # type: ignore[union-attr]
    await asyncio.sleep(0.02)
    await fake.add_link_preview(msg)
    await fake.wait_for(lambda: edits)
    before, after = edits[0]
    assert before.content == after.content == "see https://example.com/"
    assert after.embeds[0].title == "Example Domain" and after.edited_at is None


async def test_deleting_others_messages_needs_manage_messages(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    msg = await fake.send_message(world["bob"], world["general"], "rude")
    channel = bot.get_channel(world["general"].id)
    assert isinstance(channel, discord.TextChannel)
    partial = channel.get_partial_message(int(msg["id"]))
    with pytest.raises(discord.Forbidden) as exc:
        await partial.delete()
    assert exc.value.code == 50013
    role = fake.create_role(world["guild"], "Mod", permissions=P.MANAGE_MESSAGES)
    fake.set_bot_roles(world["guild"], [role])
    await fake.wait_for(lambda: channel.permissions_for(channel.guild.me).manage_messages)
    await bot.http.delete_message(channel.id, partial.id, reason="rule 1")
    assert fake.message(msg["id"]) is None
    assert fake.audit_log(world["guild"])[-1]["reason"] == "rule 1"


async def test_interaction_token_expires_and_modal_only_first(
    fake_discord: FakeDiscord, world: dict, bot: commands.Bot
) -> None:
    fake = fake_discord
    fake.interaction_token_ttl = 0.2
    errors: list[discord.HTTPException] = []

    @bot.tree.command(name="long", description="Takes long")
    async def long(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        route = discord.http.Route(
            "POST", "/interactions/{i}/{t}/callback", i=interaction.id, t=interaction.token
        )
        try:  # a modal is only allowed as the first response
            await interaction.client.http.request(
                route, json={"type": 9, "data": {"custom_id": "m", "title": "T", "components": []}}
            )
        except discord.HTTPException as exc:
            errors.append(exc)
        await asyncio.sleep(0.3)
        try:
            await interaction.followup.send("too late")
        except discord.HTTPException as exc:
            errors.append(exc)

    await bot.tree.sync()
    inter = await fake.invoke(world["alice"], world["general"], "long")
    await fake.wait_for(lambda: len(errors) == 2, timeout=3)
    assert errors[0].code == 40060
    assert errors[1].status == 401 and errors[1].code == 50027
    assert inter.followups == []
