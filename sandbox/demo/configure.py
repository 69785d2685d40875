"""The admin sets the bot up on the new demo server, with the bot's own commands, as an admin
would on Discord: the language and time zone, a channel for each purpose, the team's roles, the
welcome with its role, and the weekly report. Nothing is written into the bot's database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cast import PURPOSES, TIMEZONE
from .scene import Scene, StepFailed

if TYPE_CHECKING:
    from .session import DemoSession

WELCOME = {
    "de": "Willkommen in der {server}, {member}! Schau in <#RULES> vorbei und sag im Chat Hallo. 🎮",
    "en": "Welcome to {server}, {member}! Have a look at <#RULES> and say hi in the chat. 🎮",
}


async def configure(demo: DemoSession) -> list[str]:
    """Run the admin's commands; returns the transcript (a refused command raises)."""
    scene = Scene(demo)
    lang, world = demo.lang, demo.world
    commands: list[tuple[str, dict[str, object]]] = [
        ("config language", {"language": lang}),
        ("config timezone", {"zone": TIMEZONE[lang]}),
    ]
    commands += [
        ("config channel", {"purpose": purpose, "channel": world.channels[key]})
        for purpose, key in PURPOSES.items()
    ]
    commands += [
        ("config role", {"kind": "moderator", "role": world.roles["moderator"]}),
        ("config role", {"kind": "moderator", "role": world.roles["helper"]}),
        ("config role", {"kind": "admin", "role": world.roles["admin"]}),
        (
            "welcome settings",
            {
                "enabled": True,
                "message": WELCOME[lang].replace("RULES", str(world.channels["rules"])),
                "role": world.roles["members"],
            },
        ),
        ("stats settings", {"report": "weekly", "hour": 9}),
    ]
    for command, options in commands:
        reply = await scene.command("admin", "team", command, options)
        if reply.response_type is None:
            raise StepFailed(command)
    return scene.lines
