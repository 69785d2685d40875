"""Auto-moderation decides once per set of roles whether a member is on the team; that decision
never outlives the permissions it was made from. A moderator who is demoted (their role loses its
moderation permission, or they lose the role) is checked again from their next message on."""

from __future__ import annotations

from tests.e2e.conftest import BotRunner, World
from tests.e2e.test_automod import modlog, wait_cases  # noqa: F401 (fixture)

MODERATE_MEMBERS = 1 << 40


async def _exempt_then_checked(runner: BotRunner, world: World, helper, demote) -> None:
    fake = world.fake
    assert runner.bot is not None
    await fake.send_message(helper, world.general, "discord.gg/teamlink")  # on the team: exempt
    await fake.send_message(world.member, world.general, "discord.gg/erstes")  # processed after
    (first,) = await wait_cases(runner, 1)
    assert first["user_id"] == world.member.id  # the moderator's link was left alone
    cog = runner.bot.get_cog("AutomodCog")
    assert cog is not None and True in cog.staff._decided.values()  # decided once, cached
    await demote()
    await fake.send_message(helper, world.general, "discord.gg/nachher")
    cases_now = await wait_cases(runner, 2)
    assert [c["user_id"] for c in cases_now] == [world.member.id, helper.id]


async def test_a_role_that_loses_its_moderation_permission_exempts_nobody(
    runner: BotRunner,
    modlog: World,  # noqa: F811
) -> None:
    fake, world = modlog.fake, modlog
    role = fake.create_role(world.guild, "Mods", permissions=MODERATE_MEMBERS, position=1)
    helper = fake.create_user("mona", locale="de")
    fake.add_member(world.guild, helper, roles=[role])
    assert runner.bot is not None
    await fake.wait_for(lambda: runner.bot.get_guild(world.guild.id).get_member(helper.id))

    async def demote() -> None:
        fake.set_role_permissions(world.guild, role, 0)
        await fake.wait_for(
            lambda: not runner.bot.get_guild(world.guild.id).get_role(role.id).permissions.value
        )

    await _exempt_then_checked(runner, world, helper, demote)


async def test_a_moderator_who_loses_the_role_is_checked_again(
    runner: BotRunner,
    modlog: World,  # noqa: F811
) -> None:
    fake, world = modlog.fake, modlog
    role = fake.create_role(world.guild, "Mods", permissions=MODERATE_MEMBERS, position=1)
    helper = fake.create_user("malte", locale="de")
    fake.add_member(world.guild, helper, roles=[role])
    assert runner.bot is not None
    guild = runner.bot.get_guild(world.guild.id)
    await fake.wait_for(lambda: guild.get_member(helper.id))

    async def demote() -> None:
        fake.set_member_roles(world.guild, helper, [])
        await fake.wait_for(lambda: not guild.get_member(helper.id)._roles)

    await _exempt_then_checked(runner, world, helper, demote)
