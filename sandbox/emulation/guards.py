"""Lookups and permission checks shared by the REST route modules (the same rules as
``routes_core``: 404 for unknown objects, 50001 without access, 50013 without a permission)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from . import permissions as P
from .state import FakeChannel, FakeGuild, FakeHTTPError, FakeMember, FakeRole, FakeUser

if TYPE_CHECKING:
    from .server import FakeDiscord

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def missing_access() -> FakeHTTPError:
    return FakeHTTPError(403, 50001, "Missing Access")


def missing_permissions() -> FakeHTTPError:
    return FakeHTTPError(403, 50013, "Missing Permissions")


def authed(fake: FakeDiscord, handler: Handler) -> Handler:
    async def wrapper(request: web.Request) -> web.StreamResponse:
        if request.headers.get("Authorization") != f"Bot {fake.token}":
            raise FakeHTTPError(401, 0, "401: Unauthorized")
        return await handler(request)

    return wrapper


def snowflake(request: web.Request, key: str, error: FakeHTTPError) -> int:
    try:
        return int(request.match_info[key])
    except ValueError:
        raise error from None


def guild_of(fake: FakeDiscord, request: web.Request) -> FakeGuild:
    gid = snowflake(request, "gid", FakeHTTPError(404, 10004, "Unknown Guild"))
    guild = fake.world.guilds.get(gid)
    if guild is None:
        raise FakeHTTPError(404, 10004, "Unknown Guild")
    if fake.bot_user.id not in guild.members:
        raise missing_access()
    return guild


def require_guild_perm(fake: FakeDiscord, guild: FakeGuild, need: int) -> int:
    perms = fake.world.guild_permissions(guild, fake.bot_user.id)
    if not P.has(perms, need):
        raise missing_permissions()
    return perms


def channel_of(fake: FakeDiscord, request: web.Request, need: int = P.VIEW_CHANNEL) -> FakeChannel:
    world = fake.world
    cid = snowflake(request, "cid", FakeHTTPError(404, 10003, "Unknown Channel"))
    channel = world.channels.get(cid)
    if channel is None:
        raise FakeHTTPError(404, 10003, "Unknown Channel")
    if channel.guild_id is not None:
        guild = world.guilds[channel.guild_id]
        if fake.bot_user.id not in guild.members:
            raise missing_access()
        perms = world.channel_permissions(channel, fake.bot_user.id)
        if not perms & P.VIEW_CHANNEL:
            raise missing_access()
        if not P.has(perms, need):
            raise missing_permissions()
    return channel


def channel_perms(fake: FakeDiscord, channel: FakeChannel) -> int:
    return fake.world.channel_permissions(channel, fake.bot_user.id)


def user_of(fake: FakeDiscord, request: web.Request, key: str = "uid") -> FakeUser:
    uid = snowflake(request, key, FakeHTTPError(404, 10013, "Unknown User"))
    user = fake.world.users.get(uid)
    if user is None:
        raise FakeHTTPError(404, 10013, "Unknown User")
    return user


def member_of(fake: FakeDiscord, guild: FakeGuild, request: web.Request) -> FakeMember:
    user = user_of(fake, request)
    member = guild.members.get(user.id)
    if member is None:
        raise FakeHTTPError(404, 10007, "Unknown Member")
    return member


def role_of(guild: FakeGuild, request: web.Request) -> FakeRole:
    unknown = FakeHTTPError(404, 10011, "Unknown Role")
    role = guild.roles.get(snowflake(request, "rid", unknown))
    if role is None:
        raise unknown
    return role


def require_outranks(fake: FakeDiscord, guild: FakeGuild, target_id: int) -> None:
    """Kick/ban/timeout/nick: the target's highest role must be below the bot's."""
    if not fake.world.outranks(guild, fake.bot_user.id, target_id):
        raise missing_permissions()


def require_role_below_bot(fake: FakeDiscord, guild: FakeGuild, role: FakeRole) -> None:
    """A role can only be granted, removed or edited below the bot's highest role."""
    bot_id = fake.bot_user.id
    if bot_id == guild.owner_id:
        return
    if role.managed or role.position >= fake.world.top_position(guild, bot_id):
        raise missing_permissions()
