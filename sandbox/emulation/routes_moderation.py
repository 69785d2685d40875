"""REST routes for moderating members: edit (nick/roles/timeout), kick, bans, roles, audit log."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import audit
from . import permissions as P
from .guards import (
    authed,
    guild_of,
    member_of,
    missing_permissions,
    require_guild_perm,
    require_outranks,
    require_role_below_bot,
    role_of,
    user_of,
)
from .rest import API_PREFIX, body_obj, int_query, json_response, no_content, reason_header
from .state import (
    FakeGuild,
    FakeHTTPError,
    FakeMember,
    FakeUser,
    Json,
    form_error,
    parse_iso,
)

if TYPE_CHECKING:
    from .server import FakeDiscord

MAX_TIMEOUT = dt.timedelta(days=28)
MAX_BAN_DELETE_SECONDS = 7 * 24 * 3600


class ModerationRoutes:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, app: web.Application) -> None:
        p = API_PREFIX + "/guilds/{gid}"
        routes = [
            ("PATCH", "/members/@me", self.edit_me),
            ("PATCH", "/members/{uid}", self.edit_member),
            ("DELETE", "/members/{uid}", self.kick),
            ("PUT", "/members/{uid}/roles/{rid}", self.add_role),
            ("DELETE", "/members/{uid}/roles/{rid}", self.remove_role),
            ("GET", "/bans", self.get_bans),
            ("GET", "/bans/{uid}", self.get_ban),
            ("PUT", "/bans/{uid}", self.ban),
            ("DELETE", "/bans/{uid}", self.unban),
            ("GET", "/audit-logs", self.audit_logs),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, p + path, authed(self.fake, handler))

    # ---------------------------------------------------------------- helpers
    def _member_updated(self, guild: FakeGuild, member: FakeMember) -> None:
        self.fake.dispatch_nowait(
            "GUILD_MEMBER_UPDATE", self.fake.world.member_payload(guild, member)
        )

    # ----------------------------------------------------------- member edits
    async def edit_me(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        body = body_obj(request)
        member = guild.members[fake.bot_user.id]
        if "nick" in body:
            require_guild_perm(fake, guild, P.CHANGE_NICKNAME)
            member.nick = _nick(body["nick"])
            self._member_updated(guild, member)
        return json_response(member.to_dict())

    async def edit_member(self, request: web.Request) -> web.Response:
        fake = self.fake
        world = fake.world
        guild = guild_of(fake, request)
        member = member_of(fake, guild, request)
        body = body_obj(request)
        reason = reason_header(request)
        bot_id = fake.bot_user.id
        perms = world.guild_permissions(guild, bot_id)
        changes: list[Json] = []
        nick = member.nick
        if "nick" in body:
            need = P.CHANGE_NICKNAME if member.id == bot_id else P.MANAGE_NICKNAMES
            if not perms & need:
                raise missing_permissions()
            if member.id != bot_id:
                require_outranks(fake, guild, member.id)
            nick = _nick(body["nick"])
            if nick != member.nick:
                changes.append(audit.change("nick", member.nick, nick))
        roles = list(member.roles)
        added: list[Json] = []
        removed: list[Json] = []
        if "roles" in body and body["roles"] is not None:
            if not perms & P.MANAGE_ROLES:
                raise missing_permissions()
            wanted: list[int] = []
            for i, raw in enumerate(body["roles"]):
                try:
                    rid = int(raw)
                except (TypeError, ValueError):
                    raise form_error(
                        f"roles.{i}", "NUMBER_TYPE_COERCE", f'Value "{raw}" is not snowflake.'
                    ) from None
                if rid not in guild.roles:
                    raise FakeHTTPError(404, 10011, "Unknown Role")
                if rid != guild.id and rid not in wanted:
                    wanted.append(rid)
            for rid in set(wanted) ^ set(member.roles):
                role = guild.roles.get(rid)
                if role is not None:
                    require_role_below_bot(fake, guild, role)
            added = [_role_ref(guild, r) for r in wanted if r not in member.roles]
            removed = [_role_ref(guild, r) for r in member.roles if r not in wanted]
            roles = wanted
        until = member.communication_disabled_until
        if "communication_disabled_until" in body:
            until = self._timeout_value(guild, member, perms, body["communication_disabled_until"])
            if until != member.communication_disabled_until:
                changes.append(
                    audit.change(
                        "communication_disabled_until", member.communication_disabled_until, until
                    )
                )
        member.nick, member.roles, member.communication_disabled_until = nick, roles, until
        if changes:
            audit.record(
                fake,
                guild,
                audit.MEMBER_UPDATE,
                target_id=member.id,
                reason=reason,
                changes=changes,
            )
        if added or removed:
            role_changes = []
            if added:
                role_changes.append({"key": "$add", "new_value": added})
            if removed:
                role_changes.append({"key": "$remove", "new_value": removed})
            audit.record(
                fake,
                guild,
                audit.MEMBER_ROLE_UPDATE,
                target_id=member.id,
                reason=reason,
                changes=role_changes,
            )
        if changes or added or removed:
            self._member_updated(guild, member)
        return json_response(member.to_dict())

    def _timeout_value(
        self, guild: FakeGuild, member: FakeMember, perms: int, raw: Any
    ) -> str | None:
        fake = self.fake
        if not perms & P.MODERATE_MEMBERS:
            raise missing_permissions()
        require_outranks(fake, guild, member.id)
        target_perms = fake.world.guild_permissions(guild, member.id)
        if target_perms & P.ADMINISTRATOR or member.id == guild.owner_id:
            raise missing_permissions()  # administrators cannot be timed out
        if raw is None:
            return None
        try:
            until = parse_iso(str(raw))
        except ValueError:
            raise form_error(
                "communication_disabled_until",
                "DATE_TIME_TYPE_PARSE",
                f"Could not parse {raw}. Should be ISO8601.",
            ) from None
        if until - dt.datetime.now(dt.UTC) > MAX_TIMEOUT:
            raise form_error(
                "communication_disabled_until",
                "COMMUNICATION_DISABLED_UNTIL_TOO_FAR",
                "Timeout cannot be longer than 28 days.",
            )
        return until.isoformat()

    async def kick(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        member = member_of(fake, guild, request)
        require_guild_perm(fake, guild, P.KICK_MEMBERS)
        require_outranks(fake, guild, member.id)
        del guild.members[member.id]
        fake.dispatch_nowait(
            "GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": member.user.to_dict()}
        )
        audit.record(
            fake, guild, audit.MEMBER_KICK, target_id=member.id, reason=reason_header(request)
        )
        return no_content()

    # ---------------------------------------------------------------- roles
    async def _role_change(self, request: web.Request, *, add: bool) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        member = member_of(fake, guild, request)
        role = role_of(guild, request)
        require_guild_perm(fake, guild, P.MANAGE_ROLES)
        require_role_below_bot(fake, guild, role)
        if role.id == guild.id:
            raise FakeHTTPError(404, 10011, "Unknown Role")
        has = role.id in member.roles
        if add != has:
            if add:
                member.roles.append(role.id)
            else:
                member.roles.remove(role.id)
            key = "$add" if add else "$remove"
            audit.record(
                fake,
                guild,
                audit.MEMBER_ROLE_UPDATE,
                target_id=member.id,
                reason=reason_header(request),
                changes=[{"key": key, "new_value": [_role_ref(guild, role.id)]}],
            )
            self._member_updated(guild, member)
        return no_content()

    async def add_role(self, request: web.Request) -> web.Response:
        return await self._role_change(request, add=True)

    async def remove_role(self, request: web.Request) -> web.Response:
        return await self._role_change(request, add=False)

    # ----------------------------------------------------------------- bans
    async def get_bans(self, request: web.Request) -> web.Response:
        guild = guild_of(self.fake, request)
        require_guild_perm(self.fake, guild, P.BAN_MEMBERS)
        limit = int_query(request, "limit", 1000) or 1000
        if not 1 <= limit <= 1000:
            raise form_error(
                "limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 1000."
            )
        before, after = int_query(request, "before"), int_query(request, "after")
        bans = [guild.bans[k] for k in sorted(guild.bans)]
        if before is not None:
            bans = [b for b in bans if int(b["user"]["id"]) < before][-limit:]
        if after is not None:
            bans = [b for b in bans if int(b["user"]["id"]) > after]
        return json_response(bans[:limit])

    async def get_ban(self, request: web.Request) -> web.Response:
        guild = guild_of(self.fake, request)
        require_guild_perm(self.fake, guild, P.BAN_MEMBERS)
        user = user_of(self.fake, request)
        ban = guild.bans.get(user.id)
        if ban is None:
            raise FakeHTTPError(404, 10026, "Unknown Ban")
        return json_response(ban)

    async def ban(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        require_guild_perm(fake, guild, P.BAN_MEMBERS)
        user = user_of(fake, request)
        body = body_obj(request)
        if user.id in guild.members or user.id == guild.owner_id:
            require_outranks(fake, guild, user.id)
        seconds = _delete_seconds(request, body)
        ban_user(fake, guild, user, reason=reason_header(request), seconds=seconds)
        return no_content()

    async def unban(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        require_guild_perm(fake, guild, P.BAN_MEMBERS)
        user = user_of(fake, request)
        if guild.bans.pop(user.id, None) is None:
            raise FakeHTTPError(404, 10026, "Unknown Ban")
        fake.dispatch_nowait(
            "GUILD_BAN_REMOVE", {"guild_id": str(guild.id), "user": user.to_dict()}
        )
        audit.record(
            fake, guild, audit.MEMBER_BAN_REMOVE, target_id=user.id, reason=reason_header(request)
        )
        return no_content()

    # ------------------------------------------------------------- audit log
    async def audit_logs(self, request: web.Request) -> web.Response:
        fake = self.fake
        guild = guild_of(fake, request)
        require_guild_perm(fake, guild, P.VIEW_AUDIT_LOG)
        limit = int_query(request, "limit", 50) or 50
        if not 1 <= limit <= 100:
            raise form_error(
                "limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100."
            )
        entries = audit.query(
            guild,
            user_id=int_query(request, "user_id"),
            action_type=int_query(request, "action_type"),
            before=int_query(request, "before"),
            after=int_query(request, "after"),
            limit=limit,
        )
        user_ids = {int(e["user_id"]) for e in entries}
        user_ids |= {int(e["target_id"]) for e in entries if e.get("target_id")}
        users = [fake.world.users[u].to_dict() for u in sorted(user_ids) if u in fake.world.users]
        threads = [
            c.to_dict()
            for c in guild.channels.values()
            if c.is_thread and any(e.get("target_id") == str(c.id) for e in entries)
        ]
        events = [
            e
            for e in guild.scheduled_events.values()
            if any(x.get("target_id") == e["id"] for x in entries)
        ]
        return json_response(
            {
                "audit_log_entries": entries,
                "users": users,
                "integrations": [],
                "webhooks": [],
                "guild_scheduled_events": events,
                "threads": threads,
                "application_commands": [],
                "auto_moderation_rules": [],
            }
        )


def ban_user(
    fake: FakeDiscord,
    guild: FakeGuild,
    user: FakeUser,
    *,
    reason: str | None,
    seconds: int = 0,
    moderator_id: int | None = None,
) -> None:
    """Ban (the bot, or ``moderator_id`` in Discord's own interface): removal, events, purge of
    the last ``seconds`` of messages, audit log entry."""
    guild.bans[user.id] = {"reason": reason, "user": user.to_dict()}
    if guild.members.pop(user.id, None) is not None:
        fake.dispatch_nowait(
            "GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": user.to_dict()}
        )
    fake.dispatch_nowait("GUILD_BAN_ADD", {"guild_id": str(guild.id), "user": user.to_dict()})
    if seconds:
        _purge_messages(fake, guild, user.id, seconds)
    audit.record(
        fake, guild, audit.MEMBER_BAN_ADD, target_id=user.id, reason=reason, user_id=moderator_id
    )


def _purge_messages(fake: FakeDiscord, guild: FakeGuild, user_id: int, seconds: int) -> None:
    store = fake.store
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)
    for channel in guild.channels.values():
        doomed = [
            m
            for m in store.by_channel.get(channel.id, [])
            if m["author"]["id"] == str(user_id) and parse_iso(m["timestamp"]) >= cutoff
        ]
        for msg in doomed:
            store.delete(msg)
        if doomed:
            fake.dispatch_nowait(
                "MESSAGE_DELETE_BULK",
                {
                    "ids": [m["id"] for m in doomed],
                    "channel_id": str(channel.id),
                    "guild_id": str(guild.id),
                },
            )


def _nick(raw: Any) -> str | None:
    if raw is None or raw == "":
        return None
    nick = str(raw)
    if len(nick) > 32:
        raise form_error("nick", "BASE_TYPE_MAX_LENGTH", "Must be 32 or fewer in length.")
    return nick


def _role_ref(guild: FakeGuild, role_id: int) -> Json:
    return {"id": str(role_id), "name": guild.roles[role_id].name}


def _delete_seconds(request: web.Request, body: Json) -> int:
    """``delete_message_seconds`` from the JSON body (API docs) or the query string (what
    discord.py 2.7 sends); the deprecated ``delete_message_days`` too."""
    raw: Any = body.get("delete_message_seconds", request.query.get("delete_message_seconds"))
    field = "delete_message_seconds"
    factor = 1
    if raw is None:
        raw = body.get("delete_message_days", request.query.get("delete_message_days"))
        field, factor = "delete_message_days", 86400
    if raw is None:
        return 0
    try:
        seconds = int(raw) * factor
    except (TypeError, ValueError):
        raise form_error(field, "NUMBER_TYPE_COERCE", f'Value "{raw}" is not int.') from None
    if not 0 <= seconds <= MAX_BAN_DELETE_SECONDS:
        raise form_error(
            field, "NUMBER_TYPE_MAX", "int value should be less than or equal to 604800."
        )
    return seconds
