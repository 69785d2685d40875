"""The payloads of the per-message benchmark (``bench/permessage.py``): one server as Discord sends
it (500 members with roles, five of them on the team; five channels) and chat messages in German
and English generated from phrase lists with a seed."""

from __future__ import annotations

import random
from typing import Any

import discord

GUILD_ID = 1_100_000_000_000_000_000
CHANNELS = [GUILD_ID + 1 + n for n in range(5)]
BOT_ID = GUILD_ID + 20
ROLES = [GUILD_ID + 30 + n for n in range(8)]  # cosmetic roles: no permissions
MOD_ROLE = GUILD_ID + 40  # the team: Manage Messages, held by the first five members
BOT_ROLE = GUILD_ID + 41
MEMBERS = [GUILD_ID + 1000 + n for n in range(500)]
TEAM = set(MEMBERS[:5])
# What @everyone may do on an ordinary server: no moderation permission (the factories
# Permissions.general() and .text() include Manage Server and Manage Messages, which would put
# every member on the team and exempt them from auto-moderation).
EVERYONE = discord.Permissions(
    **dict.fromkeys(
        [
            "view_channel",
            "send_messages",
            "read_message_history",
            "add_reactions",
            "embed_links",
            "attach_files",
            "use_external_emojis",
            "use_application_commands",
            "create_public_threads",
            "send_messages_in_threads",
            "connect",
            "speak",
        ],
        True,
    )
)
MODERATOR = discord.Permissions(manage_messages=True, moderate_members=True, kick_members=True)
BOT = discord.Permissions(
    **dict.fromkeys(
        [
            "manage_messages",
            "moderate_members",
            "kick_members",
            "ban_members",
            "manage_roles",
            "manage_channels",
            "view_channel",
            "send_messages",
            "embed_links",
            "read_message_history",
        ],
        True,
    )
)

OPENERS = (
    "Guten Morgen zusammen!", "Hey Leute,", "Moin,", "Servus!", "Na,", "Hallo ihr Lieben,",
    "Hi all,", "Morning!", "Hey folks,", "Yo,", "So,", "Kurze Frage:", "Quick question:", "",
)  # fmt: skip
BODIES = (
    "wie war euer Wochenende", "hat jemand schon das neue Update ausprobiert",
    "läuft bei mir ganz gut, nur die Ladezeiten sind etwas lang", "das war echt knapp gestern",
    "can someone help me with the server settings", "that worked perfectly",
    "I think the event on Friday should start an hour later", "ich bin heute Abend nicht da",
    "does anyone know when the next Q&A round is", "danke für die schnelle Hilfe",
    "wer ist heute noch online", "gg everyone, see you tomorrow", "wann startet das Turnier",
    "the new map looks amazing", "mein Controller spinnt schon wieder", "Grüße aus Köln",
    "hat jemand Tipps für Anfänger", "ich hab Urlaub ab Montag",
    "wie bekomme ich die Rolle für Events", "the stream starts in ten minutes",
    "ich hab den Bosskampf endlich geschafft", "who wants to team up tonight",
    "my game kept crashing until I updated the driver",
    "die Übersetzung im Menü ist falsch", "hab mir gerade ein neues Handy gekauft",
    "the graphics driver update fixed my stutter", "schönes Wetter heute in München",
)  # fmt: skip
CLOSERS = ("", "?", "!", " 😄", " 👍", " lol", " haha", " :)", " 🎉🎉", "!!!", " xD", "...")
EXTRAS = (
    "https://example.com/patch-notes", "www.youtube.com/watch?v=abc123", "<@{member}>",
    "<#{channel}>", "Straße", "Äpfel und Öl", "naïve café", "ＦＵＬＬＷＩＤＴＨ",
)  # fmt: skip
CRITICISM = (
    "Ehrlich gesagt finde ich die neuen Regeln zu streng, könnt ihr das überdenken?",
    "The last event was badly organised, nobody knew when it started",
    "Die Moderation reagiert viel zu spät auf Spam, das nervt",
    "I don't like that the bot deletes links to our own wiki",
    "Das Gewinnspiel war unfair, die Gewinner standen doch schon fest",
)  # fmt: skip
INSULTS = (
    "du bist so ein Idiot", "halt die Fresse", "you are trash lol", "what a moron",
    "Vollidiot, echt jetzt", "u r an idiot",
)  # fmt: skip
WORDS = [f"sperrwort{n}" for n in range(40)] + [
    "idiot", "trottel", "spast", "hurensohn", "fotze", "wichser", "cunt", "retard", "nazi",
    "schlampe",
]  # fmt: skip
PATTERNS = [f"verboten{n}[0-9]+" for n in range(8)] + [r"free\s+nitro", r"gratis\s+skins?"]


ORDINARY_ONLY = False  # bench.permessage --ordinary-only: no criticism or insults at all


def texts(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct chat lines, ordinary with some links, mentions, criticism, insults."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        roll = 1.0 if ORDINARY_ONLY else rng.random()
        if roll < 0.015:  # criticism and insults are a small share of real chat
            line = rng.choice(CRITICISM) + rng.choice(CLOSERS)
        elif roll < 0.03:
            line = rng.choice(INSULTS) + rng.choice(CLOSERS)
        else:
            line = f"{rng.choice(OPENERS)} {rng.choice(BODIES)}{rng.choice(CLOSERS)}".strip()
            if rng.random() < 0.2:
                extra = rng.choice(EXTRAS).format(
                    member=rng.choice(MEMBERS), channel=rng.choice(CHANNELS)
                )
                line = f"{line} {extra}"
        if line in seen:
            line = f"{line} #{len(out)}"
        seen.add(line)
        out.append(line)
    return out


def user(uid: int) -> dict[str, Any]:
    return {"id": str(uid), "username": f"m{uid % 10000}", "discriminator": "0", "avatar": None,
            "global_name": None}  # fmt: skip


def roles_of(uid: int) -> list[str]:
    rng = random.Random(uid)
    team = [str(MOD_ROLE)] if uid in TEAM else []
    return team + [str(r) for r in rng.sample(ROLES, rng.randint(1, 4))]


def guild_payload() -> dict[str, Any]:
    everyone = {"id": str(GUILD_ID), "name": "@everyone", "permissions": str(EVERYONE.value), "position": 0,
                "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}  # fmt: skip
    roles = [everyone] + [
        {**everyone, "id": str(r), "name": f"Rolle {n}", "position": n + 1, "permissions": "0"}
        for n, r in enumerate(ROLES)
    ]
    for n, (role, permissions) in enumerate(((MOD_ROLE, MODERATOR), (BOT_ROLE, BOT))):
        roles.append(
            {
                **everyone,
                "id": str(role),
                "name": f"Team {n}",
                "position": 10 + n,
                "permissions": str(permissions.value),
            }
        )
    members = [
        {"user": user(uid), "roles": roles_of(uid) if uid != BOT_ID else [str(BOT_ROLE)],
         "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0}
        for uid in [*MEMBERS, BOT_ID]
    ]  # fmt: skip
    channels = [
        {"id": str(c), "type": 0, "name": f"kanal-{n}", "position": n, "permission_overwrites": []}
        for n, c in enumerate(CHANNELS)
    ]
    return {
        "id": str(GUILD_ID), "name": "Bench", "owner_id": str(MEMBERS[0]), "roles": roles, "emojis": [], "stickers": [],
        "features": [], "member_count": len(members), "members": members, "channels": channels,
        "threads": [], "voice_states": [], "presences": [], "large": False, "unavailable": False, "mfa_level": 0,
        "verification_level": 0, "explicit_content_filter": 0, "default_message_notifications": 0, "system_channel_flags": 0,
        "premium_tier": 0, "preferred_locale": "de", "nsfw_level": 0, "afk_timeout": 300, "joined_at": "2026-01-01T00:00:00+00:00",
    }  # fmt: skip


def payloads(count: int, seed: int = 7) -> list[dict[str, Any]]:
    lines = texts(min(count, 1200), seed)
    out = []
    for n in range(count):
        uid = MEMBERS[(n * 7) % len(MEMBERS)]
        out.append(
            {
                "id": str((1_500_000_000_000 << 22) + n), "channel_id": str(CHANNELS[n % len(CHANNELS)]), "guild_id": str(GUILD_ID),
                "author": user(uid), "member": {"roles": roles_of(uid), "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0},
                "content": lines[n % len(lines)], "timestamp": "2026-11-26T12:00:00+00:00", "edited_timestamp": None, "tts": False,
                "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": False, "type": 0, "flags": 0,
            }
        )  # fmt: skip
    return out
