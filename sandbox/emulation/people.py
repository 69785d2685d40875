"""What people do in a Discord server besides using the bot: admins edit roles and moderate by
hand, members pass screening, use invites, edit messages, react; plus the audit log and bans."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from . import audit
from . import permissions as P
from .messages import validate_message_payload
from .routes_channels import react
from .routes_moderation import ban_user
from .state import FakeError, FakeHTTPError, FakeMember, FakeRole, Json, as_id, is_timed_out

if TYPE_CHECKING:
    from .server import FakeDiscord


class PeopleActions:
    """Mixed into :class:`FakeDiscord`."""

    @property
    def _fake(self) -> FakeDiscord:
        return cast("FakeDiscord", self)

    # ---------------------------------------------------------------- members
    def edit_role(
        self,
        guild: Any,
        role: Any,
        *,
        permissions: int | None = None,
        position: int | None = None,
        name: str | None = None,
    ) -> FakeRole:
        """An admin edits a role: GUILD_ROLE_UPDATE."""
        g = self._fake.world.guild(guild)
        r = self._fake.world.role_in(g, role)
        if permissions is not None:
            r.permissions = permissions
        if position is not None:
            r.position = position
        if name is not None:
            r.name = name
        self._fake.dispatch_nowait(
            "GUILD_ROLE_UPDATE", {"guild_id": str(g.id), "role": r.to_dict()}
        )
        return r

    def pass_screening(self, guild: Any, user: Any) -> FakeMember:
        """The member accepts the rules: GUILD_MEMBER_UPDATE with ``pending: false``."""
        g = self._fake.world.guild(guild)
        member = self._fake.member(g, user)
        if not member.pending:
            raise FakeError(f"{member.user.name} is not pending membership screening")
        member.pending = False
        self._fake.dispatch_nowait(
            "GUILD_MEMBER_UPDATE", self._fake.world.member_payload(g, member)
        )
        return member

    def timeout_member(self, guild: Any, user: Any, until: dt.datetime | None) -> FakeMember:
        """A moderator (not the bot) times the member out (``None`` lifts the timeout)."""
        g = self._fake.world.guild(guild)
        member = self._fake.member(g, user)
        member.communication_disabled_until = until.isoformat() if until else None
        self._fake.dispatch_nowait(
            "GUILD_MEMBER_UPDATE", self._fake.world.member_payload(g, member)
        )
        return member

    def ban_by(
        self,
        guild: Any,
        moderator: Any,
        user: Any,
        *,
        reason: str | None = None,
        delete_message_seconds: int = 0,
    ) -> None:
        """A moderator bans ``user`` in Discord's own interface (not through the bot):
        GUILD_MEMBER_REMOVE, GUILD_BAN_ADD and an audit log entry made by the moderator."""
        fake = self._fake
        g, mod, u = fake.world.guild(guild), fake.world.user(moderator), fake.world.user(user)
        if mod.id not in g.members:
            raise FakeError(f"{mod.name} is not a member of {g.name!r}")
        if not fake.world.guild_permissions(g, mod.id) & P.BAN_MEMBERS:
            raise FakeError(f"{mod.name} lacks Ban Members in {g.name!r}")
        if u.id in g.members and not fake.world.outranks(g, mod.id, u.id):
            raise FakeError(f"{mod.name} cannot ban {u.name}: role hierarchy")
        ban_user(fake, g, u, reason=reason, seconds=delete_message_seconds, moderator_id=mod.id)

    def kick_by(self, guild: Any, moderator: Any, user: Any, *, reason: str | None = None) -> None:
        """A moderator kicks ``user`` in Discord's interface (GUILD_MEMBER_REMOVE + audit log)."""
        fake = self._fake
        g, mod = fake.world.guild(guild), fake.world.user(moderator)
        member = fake.member(g, user)
        if not fake.world.guild_permissions(g, mod.id) & P.KICK_MEMBERS:
            raise FakeError(f"{mod.name} lacks Kick Members in {g.name!r}")
        if not fake.world.outranks(g, mod.id, member.id):
            raise FakeError(f"{mod.name} cannot kick {member.user.name}: role hierarchy")
        fake.remove_member(g, member.user)
        audit.record(fake, g, audit.MEMBER_KICK, target_id=member.id, reason=reason, user_id=mod.id)

    def create_invite(
        self, channel: Any, inviter: Any, *, code: str | None = None, max_uses: int = 0
    ) -> Json:
        """``inviter`` creates an invite to ``channel`` in Discord's interface (INVITE_CREATE)."""
        fake = self._fake
        ch, u = fake.world.channel(channel), fake.world.user(inviter)
        if ch.guild_id is None:
            raise FakeError("invites are for guild channels")
        guild = fake.world.guilds[ch.guild_id]
        code = code or f"inv{fake.world.snowflake() % 10**8}"
        invite: Json = {
            "type": 0,
            "code": code,
            "guild": {"id": str(guild.id), "name": guild.name, "features": [], "icon": None},
            "channel": {"id": str(ch.id), "name": ch.name, "type": ch.type},
            "inviter": u.to_dict(),
            "expires_at": None,
            "uses": 0,
            "max_uses": max_uses,
            "max_age": 0,
            "temporary": False,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        guild.invites[code] = invite
        fake.dispatch_nowait(
            "INVITE_CREATE",
            {
                "channel_id": str(ch.id),
                "guild_id": str(guild.id),
                **{k: invite[k] for k in ("code", "created_at", "inviter", "max_age")},
                **{k: invite[k] for k in ("max_uses", "temporary", "uses", "expires_at")},
            },
        )
        return invite

    def use_invite(self, code: str, user: Any) -> FakeMember:
        """``user`` joins through an invite (its ``uses`` go up), like an invite tracker sees."""
        for guild in self._fake.world.guilds.values():
            invite = guild.invites.get(code)
            if invite is None:
                continue
            if invite["max_uses"] and invite["uses"] >= invite["max_uses"]:
                raise FakeError(f"invite {code} is used up")
            u = self._fake.world.user(user)
            if u.id in guild.bans:
                raise FakeError(f"{u.name} is banned from {guild.name!r}")
            invite["uses"] += 1
            return self._fake.add_member(guild, u)
        raise FakeError(f"unknown invite {code!r}")

    # --------------------------------------------------------------- messages
    async def add_link_preview(self, message: Json, embed: Json | None = None) -> Json:
        """Discord unfurls a link: MESSAGE_UPDATE with the new embeds and no content change
        (no ``edited_timestamp`` change either)."""
        msg = self._fake.store.by_id.get(as_id(message))
        if msg is None:
            raise FakeError(f"message {as_id(message)} does not exist")
        preview = embed or {
            "type": "link",
            "url": "https://example.com/",
            "title": "Example Domain",
            "description": "This domain is for use in illustrative examples.",
        }
        preview = {"type": "link", **preview}
        msg["embeds"] = [*msg.get("embeds", []), preview]
        # Discord sends the whole message; content and edited_timestamp are unchanged
        await self._fake.dispatch("MESSAGE_UPDATE", self._fake.store.event_payload(msg))
        return msg

    async def edit_message(self, user: Any, message: Json, content: str) -> Json:
        """``user`` edits their own message: MESSAGE_UPDATE with the whole new message."""
        fake = self._fake
        u = fake.world.user(user)
        msg = fake.store.by_id.get(as_id(message))
        if msg is None:
            raise FakeError(f"message {as_id(message)} does not exist")
        if msg["author"]["id"] != str(u.id):
            raise FakeError(f"{u.name} can only edit their own messages")
        ch = fake.world.channel(int(msg["channel_id"]))
        if ch.guild_id is not None:
            member = fake.world.guilds[ch.guild_id].members.get(u.id)
            if member is None or is_timed_out(member):
                raise FakeError(f"{u.name} cannot edit messages in #{ch.name} now")
        try:
            validate_message_payload({"content": content}, [], editing=True)
        except FakeHTTPError as err:
            raise FakeError(f"Discord would reject this edit: {err}") from None
        fake.store.edit(msg, {"content": content})
        await fake.dispatch("MESSAGE_UPDATE", fake.store.event_payload(msg))
        return msg

    async def add_reaction(self, user: Any, message: Json, emoji: str) -> None:
        """``user`` reacts to ``message`` with a unicode ``emoji`` (MESSAGE_REACTION_ADD)."""
        u = self._fake.world.user(user)
        msg = self._fake.store.by_id.get(as_id(message))
        if msg is None:
            raise FakeError(f"message {as_id(message)} does not exist")
        ch = self._fake.world.channel(int(msg["channel_id"]))
        self._fake._check_can_act(u, ch)
        react(self._fake, u, ch, msg, {"id": None, "name": emoji}, add=True)
        await asyncio.sleep(0)

    async def remove_reaction(self, user: Any, message: Json, emoji: str) -> None:
        u = self._fake.world.user(user)
        msg = self._fake.store.by_id.get(as_id(message))
        if msg is None:
            raise FakeError(f"message {as_id(message)} does not exist")
        ch = self._fake.world.channel(int(msg["channel_id"]))
        react(self._fake, u, ch, msg, {"id": None, "name": emoji}, add=False)
        await asyncio.sleep(0)

    def add_history(self, user: Any, channel: Any, content: str, *, age: dt.timedelta) -> Json:
        """A message ``user`` posted ``age`` ago (no event: it is history, e.g. for purges)."""
        fake = self._fake
        u, ch = fake.world.user(user), fake.world.channel(channel)
        when = dt.datetime.now(dt.UTC) - age
        ms = int(when.timestamp() * 1000) - 1420070400000
        snowflake = (ms << 22) | (1 << 17) | (len(fake.store.by_id) & 0xFFF)
        msg = fake.store.build(u, ch, {"content": content})
        msg["id"] = str(snowflake)
        msg["timestamp"] = when.isoformat()
        fake.store.store(msg)
        history = fake.store.by_channel[ch.id]
        history.sort(key=lambda m: int(m["id"]))  # the channel's history stays in id order
        return msg

    # ------------------------------------------------------------- inspection
    def audit_log(self, guild: Any) -> list[Json]:
        """Audit log entries of the guild, oldest first."""
        return list(self._fake.world.guild(guild).audit_log)

    def bans(self, guild: Any) -> dict[int, Json]:
        return dict(self._fake.world.guild(guild).bans)
