"""The demo server in the emulation: built once from :mod:`sandbox.demo.cast`, then kept.

``build`` creates the server as its owner would on Discord: roles, channels with their
permission overwrites, the bot invited with exactly the permissions its features ask for
(``bot.features.required_permissions``), and the members. ``DemoWorld`` is what the demo
remembers about it (``demo.json`` next to the emulation's ``world.json``): the language, and
which channel, role and person plays which part.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.features import required_permissions
from sandbox.emulation import FakeChannel, FakeDiscord, FakeGuild, FakeUser
from sandbox.emulation import permissions as P

from .cast import CHANNELS, GUILD_LOCALE, LATE, PEOPLE, ROLE_NAMES, SERVER_NAME, Label, Lang

META_FILE = "demo.json"
ADMIN_PERMISSIONS = P.ADMINISTRATOR
#: what a server's moderator team usually has. Manage Threads too: moderators look after threads
#: (lock, archive, see private ones, where reports end up). The helpers have no permissions: they
#: see a private thread only once they are added to it (the bot mentions the team's roles).
MODERATOR_PERMISSIONS = (
    P.MODERATE_MEMBERS
    | P.KICK_MEMBERS
    | P.BAN_MEMBERS
    | P.MANAGE_MESSAGES
    | P.MANAGE_THREADS
    | P.VIEW_AUDIT_LOG
)


@dataclass(frozen=True)
class Person:
    """A member of the demo server: ``user`` is their :class:`FakeUser`, ``role`` says what
    they are on the server (``member``, ``moderator`` or ``admin``), ``part`` what the tour
    calls them."""

    name: str
    user: FakeUser
    role: Label
    part: str

    @property
    def id(self) -> int:
        return self.user.id


@dataclass
class DemoWorld:
    lang: Lang
    guild_id: int
    channels: dict[str, int]  # part -> channel id
    roles: dict[str, int]  # admin, moderator, helper, members, bot -> role id
    people: dict[str, tuple[int, Label]]  # part -> (user id, label)
    joined: list[str] = field(default_factory=list)  # parts who joined during the tour
    tours: int = 0  # tours begun on this demo (each plays its scenes with new words)

    def save(self, directory: Path) -> None:
        target = directory / META_FILE
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(json.dumps(self.__dict__, ensure_ascii=False, indent=1), "utf-8")
        os.replace(temporary, target)

    @classmethod
    def load(cls, directory: Path) -> DemoWorld | None:
        try:
            data: dict[str, Any] = json.loads((directory / META_FILE).read_text("utf-8"))
        except FileNotFoundError:
            return None
        data["people"] = {k: (int(v[0]), v[1]) for k, v in data["people"].items()}
        return cls(**data)


def _overwrites(access: str, guild: FakeGuild, roles: dict[str, int], bot: FakeUser) -> list[Any]:
    everyone = str(guild.id)
    team = [roles["admin"], roles["moderator"], roles["helper"]]
    if access == "team":
        return [
            {"id": everyone, "type": 0, "allow": "0", "deny": str(P.VIEW_CHANNEL)},
            *({"id": str(r), "type": 0, "allow": str(P.VIEW_CHANNEL), "deny": "0"} for r in team),
            {"id": str(bot.id), "type": 1, "allow": str(P.VIEW_CHANNEL), "deny": "0"},
        ]
    if access == "readonly":
        write = str(P.SEND_MESSAGES)
        return [
            {"id": everyone, "type": 0, "allow": "0", "deny": write},
            {"id": str(roles["admin"]), "type": 0, "allow": write, "deny": "0"},
            {"id": str(roles["moderator"]), "type": 0, "allow": write, "deny": "0"},
            {"id": str(bot.id), "type": 1, "allow": write, "deny": "0"},
        ]
    return []


def build(fake: FakeDiscord, lang: Lang) -> DemoWorld:
    """The demo server as its owner sets it up on Discord, with the bot invited."""
    specs = {p.part: p for p in PEOPLE}
    users = {p.part: fake.create_user(p.names[lang], locale=p.locales[lang]) for p in PEOPLE}
    for part, user in users.items():
        user.global_name = specs[part].names[lang]
    guild = fake.create_guild(
        SERVER_NAME[lang], owner=users["admin"], locale=GUILD_LOCALE[lang], add_bot=False
    )
    names = {key: names[lang] for key, names in ROLE_NAMES.items()}
    members = fake.create_role(guild, names["members"], position=1, color=0x95A5A6)
    helper = fake.create_role(guild, names["helper"], position=2, color=0x2ECC71, hoist=True)
    moderator = fake.create_role(
        guild,
        names["moderator"],
        permissions=MODERATOR_PERMISSIONS,
        position=3,
        color=0x3498DB,
        hoist=True,
        mentionable=True,
    )
    bot_role = fake.create_role(
        guild, "Gemeinschaft", permissions=required_permissions().value, position=4
    )
    admin = fake.create_role(
        guild, names["admin"], permissions=ADMIN_PERMISSIONS, position=5, color=0xE74C3C, hoist=True
    )
    roles = {
        "members": members.id,
        "helper": helper.id,
        "moderator": moderator.id,
        "bot": bot_role.id,
        "admin": admin.id,
    }
    channels: dict[str, FakeChannel] = {}
    for spec in CHANNELS:
        channels[spec.key] = fake.create_text_channel(
            guild,
            spec.names[lang],
            topic=spec.topic[lang],
            overwrites=_overwrites(spec.access, guild, roles, fake.bot_user),
        )
    fake.add_bot_to_guild(guild)
    fake.set_bot_roles(guild, [bot_role])
    for part, user in users.items():
        person = specs[part]
        given = [members.id]
        if person.label == "admin":
            given.append(admin.id)
        elif person.label == "moderator":
            given.append(moderator.id)
        if person.helper:
            given.append(helper.id)
        if part == "admin":
            fake.set_member_roles(guild, user, given)
        elif part not in LATE:
            fake.add_member(guild, user, roles=given)
    return DemoWorld(
        lang=lang,
        guild_id=guild.id,
        channels={key: ch.id for key, ch in channels.items()},
        roles=roles,
        people={part: (user.id, specs[part].label) for part, user in users.items()},
    )


def people(fake: FakeDiscord, world: DemoWorld) -> dict[str, Person]:
    """Name -> :class:`Person`, for everyone the demo created."""
    found = {}
    for part, (user_id, label) in world.people.items():
        user = fake.world.users[user_id]
        found[user.name] = Person(user.name, user, label, part)
    return found
