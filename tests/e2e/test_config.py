"""/config as admins and members use it."""

from bot.replies import permission_label
from tests.catalog import says, t
from tests.e2e.conftest import BotRunner, World
from tests.e2e.direct import connect


async def test_config_round_trip_persists_across_restart(runner: BotRunner, world: World):
    fake = world.fake
    reply = await fake.invoke(
        world.admin,
        world.general,
        "config channel",
        {"purpose": "modlog", "channel": world.staff_only.id},
    )
    await reply.response()
    assert reply.ephemeral
    assert f"<#{world.staff_only.id}>" in reply.content_text()
    assert says(  # admin's client is English
        reply.content_text(),
        "config.channel_set",
        "en",
        purpose=t("config.channel.modlog", "en"),
        channel=f"<#{world.staff_only.id}>",
    )
    await (
        await fake.invoke(world.admin, world.general, "config timezone", {"zone": "Europe/Vienna"})
    ).response()
    language = await fake.invoke(world.admin, world.general, "config language", {"language": "en"})
    await language.response()
    # confirmed in the newly chosen language
    assert says(language.content_text(), "config.language_set", "en")

    await runner.restart()
    show = await fake.invoke(world.owner, world.general, "config show")
    await show.response()
    text = show.content_text()
    assert show.ephemeral
    assert f"<#{world.staff_only.id}>" in text
    assert "Europe/Vienna" in text
    assert "English" in text
    assert says(text, "config.channel.modlog", "de")  # the owner's client is German


async def test_member_without_manage_server_is_refused_even_if_command_is_visible(
    runner: BotRunner, world: World
):
    fake = world.fake
    reply = await fake.invoke(
        world.member,
        world.general,
        "config language",
        {"language": "en"},
        bypass_default_permissions=True,
    )
    await reply.response()
    assert reply.ephemeral
    assert says(  # German member, German permission name
        reply.content_text(),
        "error.server_permission",
        "de",
        permissions=permission_label(["manage_guild"]),
    )
    with connect(runner.settings) as conn:
        assert conn.execute("SELECT count(*) FROM guild_settings").fetchone()[0] == 0


async def test_channel_the_bot_cannot_post_in_is_refused_with_the_reason(
    runner: BotRunner, world: World
):
    reply = await world.fake.invoke(
        world.admin,
        world.general,
        "config channel",
        {"purpose": "reports", "channel": world.readonly.id},
    )
    await reply.response()
    assert reply.ephemeral
    assert says(
        reply.content_text(), "error.channel_unusable", "en", channel=f"<#{world.readonly.id}>"
    )
    assert permission_label(["send_messages"]).pick("en") in reply.content_text()
    assert (
        runner.bot is not None
        and runner.bot.guild_settings.channel(world.guild.id, "reports") is None
    )


async def test_channel_the_admin_cannot_see_is_refused(runner: BotRunner, world: World):
    # The admin has Manage Server but cannot view this channel: the bot must not act for them there.
    fake = world.fake
    secret = fake.create_text_channel(
        world.guild,
        "secret",
        overwrites=[
            {"id": str(world.guild.id), "type": 0, "allow": "0", "deny": str(1 << 10)},
            {"id": str(fake.bot_user.id), "type": 1, "allow": str(1 << 10), "deny": "0"},
        ],
    )
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_channel(secret.id) is not None)
    reply = await fake.invoke(
        world.admin, world.general, "config channel", {"purpose": "reports", "channel": secret.id}
    )
    await reply.response()
    assert reply.content_text() == t(
        "error.channel_unusable_member",
        "en",
        channel=f"<#{secret.id}>",
        permissions=permission_label(["view_channel"]),
    )
    assert runner.bot.guild_settings.channel(world.guild.id, "reports") is None


async def test_unknown_timezone_is_refused_and_nothing_changes(runner: BotRunner, world: World):
    reply = await world.fake.invoke(
        world.admin, world.general, "config timezone", {"zone": "Mars/Olympus"}
    )
    await reply.response()
    assert reply.ephemeral
    assert says(reply.content_text(), "config.timezone_invalid", "en", zone="Mars/Olympus")
    assert runner.bot is not None and runner.bot.guild_settings.get(world.guild.id).timezone is None


async def test_timezone_autocomplete_suggests_iana_names(runner: BotRunner, world: World):
    choices = await world.fake.autocomplete(
        world.admin, world.general, "config timezone", {"zone": "berl"}, focused="zone"
    )
    assert choices[0]["value"] == "Europe/Berlin"


async def test_deleted_channel_is_unset(runner: BotRunner, world: World):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    reply = await fake.invoke(
        world.admin, world.general, "config channel", {"purpose": "qa", "channel": world.general.id}
    )
    await reply.response()
    assert bot.guild_settings.channel(world.guild.id, "qa") == world.general.id
    await fake.dispatch(
        "CHANNEL_DELETE", {**world.general.to_dict(), "guild_id": str(world.guild.id)}
    )
    await fake.wait_for(lambda: bot.guild_settings.channel(world.guild.id, "qa") is None)


async def test_clearing_a_channel(runner: BotRunner, world: World):
    fake, bot = world.fake, runner.bot
    assert bot is not None
    await (
        await fake.invoke(
            world.admin,
            world.general,
            "config channel",
            {"purpose": "welcome", "channel": world.general.id},
        )
    ).response()
    reply = await fake.invoke(world.admin, world.general, "config channel", {"purpose": "welcome"})
    await reply.response()
    assert says(
        reply.content_text(),
        "config.channel_cleared",
        "en",
        purpose=t("config.channel.welcome", "en"),
    )
    assert bot.guild_settings.channel(world.guild.id, "welcome") is None
