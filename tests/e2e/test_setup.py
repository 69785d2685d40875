"""The /setup wizard (/einrichtung), page by page in German and English: channels recognised by
name and taken over with Next, missing channels created with sensible permissions, language and
time zone (also one typed in a form), team roles, and the closing checklist. Every choice is saved
at once, so the wizard goes on after a restart; only admins can press anything in it."""

from __future__ import annotations

import re
from typing import Any

from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.helpers import buttons, run_reply, text_input_id

VIEW_CHANNEL, SEND_MESSAGES, CREATE_PUBLIC_THREADS = 1 << 10, 1 << 11, 1 << 35


def item(message: dict, prefix: str) -> dict:
    """The component whose custom_id contains *prefix* (e.g. ``:ch:modlog``)."""
    found = [c for c in buttons(message) if prefix in c.get("custom_id", "")]
    assert found, (prefix, [c.get("custom_id") for c in buttons(message)])
    return found[0]


def text_of(message: dict) -> str:
    return str(message.get("content") or "") + str(message.get("embeds") or "")


async def press(world: World, user: Any, message: dict, prefix: str) -> dict:
    """Click the button; the wizard's message as it is afterwards."""
    clicked = await world.fake.click(user, message, item(message, prefix)["custom_id"])
    answer = await clicked.response()
    if answer["type"] == 6:  # deferred (channels are being created): the edit follows
        return await clicked.wait_for_original_edit(timeout=30)
    assert answer["type"] == 7, answer
    return {**message, **answer["data"]}


async def choose(world: World, user: Any, message: dict, prefix: str, values: list) -> dict:
    picked = await world.fake.select(user, message, item(message, prefix)["custom_id"], values)
    answer = await picked.response()
    assert answer["type"] == 7, answer
    return {**message, **answer["data"]}


async def test_the_wizard_in_german_from_suggestions_to_the_checklist(
    runner: BotRunner, world: World
):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    modlog = fake.create_text_channel(world.guild, "🛡-mod-log")
    news = fake.create_text_channel(world.guild, "📢-Ankündigungen")
    await fake.wait_for(lambda: bot.get_channel(news.id) is not None)
    text, reply = await run_reply(world, world.owner, "setup")
    assert reply.ephemeral and says(text, "setup.intro", "de")
    # the command named in the text is a clickable mention, followed by its German name
    assert re.search(r"</setup:\d+> \(`/einrichtung`\)", text), text
    page = reply.original
    assert says(text_of(page), "setup.title", "de", step=1, steps=6)
    assert says(text_of(page), "setup.suggested", "de", channel=f"<#{modlog.id}>")
    assert [str(v["id"]) for v in item(page, ":ch:modlog")["default_values"]] == [str(modlog.id)]
    assert bot.guild_settings.channel(world.guild.id, "modlog") is None  # a suggestion only
    page = await press(world, world.owner, page, ":next:")
    assert bot.guild_settings.channel(world.guild.id, "modlog") == modlog.id
    assert says(text_of(page), "setup.title", "de", step=2, steps=6)
    assert says(text_of(page), "setup.suggested", "de", channel=f"<#{news.id}>")
    # Q&A, suggestions and welcome have no channel yet: the wizard creates them
    page = await press(world, world.owner, page, ":create:")
    created = {
        purpose: bot.guild_settings.channel(world.guild.id, purpose)
        for purpose in ("qa", "suggestions", "welcome")
    }
    assert {purpose: fake.world.channel(cid).name for purpose, cid in created.items() if cid} == {
        "qa": "fragerunden",
        "suggestions": "vorschläge",
        "welcome": "willkommen",
    }
    for purpose in ("welcome", "suggestions"):  # members read (and discuss in threads)
        overwrites = fake.world.channel(created[purpose]).overwrites
        everyone = [o for o in overwrites if int(o["id"]) == world.guild.id]
        assert everyone and int(everyone[0]["deny"]) & SEND_MESSAGES, purpose
    mine = [
        o
        for o in fake.world.channel(created["suggestions"]).overwrites
        if int(o["id"]) == fake.bot_user.id
    ]
    assert mine and int(mine[0]["allow"]) & CREATE_PUBLIC_THREADS  # the discussion threads
    page = await press(world, world.owner, page, ":next:")
    assert bot.guild_settings.channel(world.guild.id, "announcements") == news.id
    # language and time zone
    assert says(text_of(page), "setup.title", "de", step=3, steps=6)
    page = await choose(world, world.owner, page, ":tz", ["Europe/Vienna"])
    assert bot.guild_settings.timezone_name(world.guild.id) == "Europe/Vienna"
    other = await fake.select(world.owner, page, item(page, ":tz")["custom_id"], ["other"])
    form = await other.response()
    assert form["type"] == 9
    refused = await fake.submit_modal(
        world.owner,
        world.general,
        form["data"]["custom_id"],
        {text_input_id(form["data"]): "Mars/Olympus"},
        from_interaction=other,
    )
    await refused.response()
    assert says(refused.content_text(), "config.timezone_invalid", "de", zone="Mars/Olympus")
    assert "Mars/Olympus" in refused.content_text()  # the typed text is shown back
    again = await fake.select(world.owner, page, item(page, ":tz")["custom_id"], ["other"])
    form = await again.response()
    accepted = await fake.submit_modal(
        world.owner,
        world.general,
        form["data"]["custom_id"],
        {text_input_id(form["data"]): "Europe/Luxembourg"},
        from_interaction=again,
    )
    assert (await accepted.response())["type"] == 7
    assert bot.guild_settings.timezone_name(world.guild.id) == "Europe/Luxembourg"
    page = await choose(world, world.owner, page, ":lang", ["en"])
    assert bot.guild_settings.locale(world.guild.id) == "en"
    page = await press(world, world.owner, page, ":next:")
    # roles
    assert says(text_of(page), "setup.title", "de", step=4, steps=6)
    page = await choose(world, world.owner, page, ":role:moderator", [world.mods.id])
    assert bot.guild_settings.get(world.guild.id).moderator_roles == {world.mods.id}
    page = await choose(world, world.owner, page, ":role:moderator", [])
    assert bot.guild_settings.get(world.guild.id).moderator_roles == frozenset()
    page = await press(world, world.owner, page, ":next:")
    # feature switches: the welcome has its channel (created above), the weekly report has none
    assert says(text_of(page), "setup.title", "de", step=5, steps=6)
    assert says(buttons(page), "setup.turn_on", "de", what=t("welcome.switch", "de"))
    page = await press(world, world.owner, page, ":switch:welcome-on")
    assert says(buttons(page), "setup.turn_off", "de", what=t("welcome.switch", "de"))
    refused = await fake.click(
        world.owner, page, item(page, ":switch:weekly_report-on")["custom_id"]
    )
    await refused.response()
    assert says(refused.content_text(), "stats.switch_needs_channel", "de")
    assert not bot.get_cog("StatsCog").guild_settings(world.guild.id).report_period
    page = await press(world, world.owner, page, ":next:")
    # the checklist: what works, and what the bot still lacks where
    said = text_of(page)
    assert says(said, "setup.title", "de", step=6, steps=6)
    assert says(
        said,
        "setup.check_ok",
        "de",
        channel=f"<#{modlog.id}>",
        purpose=t("config.channel.modlog", "de"),
    )
    assert says(said, "setup.check_unset", "de", purpose=t("config.channel.reports", "de"))
    assert says(said, "setup.check_switch", "de", what=t("welcome.switch", "de"), state="an")
    assert not [c for c in buttons(page) if ":next:" in c.get("custom_id", "")]


async def test_english_admin_restart_and_refusals(runner: BotRunner, world: World):
    fake = world.fake
    text, reply = await run_reply(world, world.admin, "setup", {"zone": "Europe/Zurich"})
    assert says(text, "setup.intro", "en")
    bot = runner.bot
    assert bot is not None and bot.guild_settings.timezone_name(world.guild.id) == "Europe/Zurich"
    page = reply.original
    # a channel the bot may not post in is refused with the missing permission
    refused = await fake.select(
        world.admin, page, item(page, ":ch:modlog")["custom_id"], [world.readonly.id]
    )
    await refused.response()
    assert says(refused.content_text(), "error.channel_unusable", "en")
    assert bot.guild_settings.channel(world.guild.id, "modlog") is None
    # a member cannot press anything in it (a forwarded or copied message)
    stranger = await fake.click(world.member, page, item(page, ":next:")["custom_id"])
    await stranger.response()
    assert stranger.ephemeral and says(stranger.content_text(), "error.server_permission", "de")
    # a restart between two pages: the next click goes on where the admin was
    await runner.restart()
    page = await press(world, world.admin, page, ":next:")
    assert says(text_of(page), "setup.title", "en", step=2, steps=6)
    page = await press(world, world.admin, page, ":go:")
    assert says(text_of(page), "setup.title", "en", step=1, steps=6)
    page = await choose(world, world.admin, page, ":ch:reports", [world.general.id])
    assert runner.bot is not None
    assert runner.bot.guild_settings.channel(world.guild.id, "reports") == world.general.id
    # every page in English, to the checklist
    for step in range(2, 7):
        page = await press(world, world.admin, page, ":next:")
        assert says(text_of(page), "setup.title", "en", step=step, steps=6), step
    said = text_of(page)
    assert says(
        said,
        "setup.check_ok",
        "en",
        purpose=t("config.channel.reports", "en"),
        channel=f"<#{world.general.id}>",
    )
    assert says(said, "setup.check_unset", "en", purpose=t("config.channel.modlog", "en"))


async def test_without_manage_channels_the_wizard_says_which_permission_it_needs(
    runner: BotRunner, world: World
):
    fake = world.fake
    guild = fake.world.guild(world.guild)
    bot_role = next(r for r in guild.roles.values() if r.name == "Gemeinschaft")
    fake.set_role_permissions(world.guild, bot_role, bot_role.permissions & ~(1 << 4))
    channels = len(guild.channels)
    _, reply = await run_reply(world, world.owner, "setup")
    page = reply.original
    clicked = await fake.click(world.owner, page, item(page, ":create:")["custom_id"])
    await clicked.response()
    assert says(clicked.content_text(), "setup.cannot_create", "de")
    assert len(guild.channels) == channels  # nothing was created
