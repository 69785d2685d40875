"""``python -m bot setup``: ask for the token, check it against Discord, check the privileged
intents, write ``.env`` (mode 0600, other settings kept) and print the invite URL.

Discord's application ``flags`` say whether the two privileged intents the bot needs are on:
Server Members (``GATEWAY_GUILD_MEMBERS`` 1<<14, or ``..._LIMITED`` 1<<15 for bots in fewer
than 100 servers) and Message Content (1<<18, or ``..._LIMITED`` 1<<19).
"""

from __future__ import annotations

import asyncio
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import discord

from bot.config import client_id_from_token

PORTAL = "https://discord.com/developers/applications"

MEMBERS = (1 << 14) | (1 << 15)
MESSAGE_CONTENT = (1 << 18) | (1 << 19)
SWITCHES = {
    MEMBERS: "Server Members Intent",
    MESSAGE_CONTENT: "Message Content Intent",
}


@dataclass(frozen=True)
class Check:
    ok: bool
    bot_name: str = ""
    application_id: int | None = None
    missing: tuple[str, ...] = ()
    problem: str = ""


def missing_intents(flags: int) -> tuple[str, ...]:
    """The names of the portal switches that are off (pure)."""
    return tuple(name for bits, name in SWITCHES.items() if not flags & bits)


async def check_token(token: str) -> Check:
    """Ask Discord who the token belongs to (``GET /users/@me``) and read the application
    (``GET /oauth2/applications/@me``) for its intent flags."""
    client = discord.Client(intents=discord.Intents.none())
    try:
        try:
            await client.login(token)
        except discord.LoginFailure:
            return Check(False, problem="Discord refused this token (401 Unauthorized).")
        except discord.HTTPException as exc:
            return Check(False, problem=f"Discord did not answer as expected ({exc.status}).")
        except OSError as exc:
            return Check(False, problem=f"Discord could not be reached ({exc}).")
        info = await client.application_info()
        user = client.user
        missing = missing_intents(info.flags.value)
        return Check(not missing, str(user) if user else info.name, info.id, missing)
    finally:
        await client.close()


def write_env(path: Path, token: str, example: Path | None = None) -> None:
    """Set ``DISCORD_TOKEN`` in ``path``, keeping every other line; a new file starts from
    ``.env.example``. The file is readable by this user only (0600)."""
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
    elif example is not None and example.exists():
        lines = example.read_text(encoding="utf-8").splitlines()
    else:
        lines = []
    entry = f"DISCORD_TOKEN={token}"
    replaced = False
    for index, line in enumerate(lines):
        if line.strip().startswith("DISCORD_TOKEN=") or line.strip().startswith(
            "export DISCORD_TOKEN="
        ):
            lines[index] = entry
            replaced = True
    if not replaced:
        lines.insert(0, entry)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)


def ask_token(stdin: TextIO, prompt: Callable[[str], str] = getpass.getpass) -> str:
    """Hidden input on a terminal; one line from standard input otherwise."""
    if stdin.isatty():
        return prompt("Bot token (input hidden): ").strip()
    print("Bot token: reading one line from standard input.", file=sys.stderr)
    return stdin.readline().strip()


def run(env_file: Path, example: Path, stdin: TextIO = sys.stdin) -> int:
    """The whole flow; returns the exit code (0 ready, 2 no token, 3 Discord refused)."""
    from bot.features import invite_url

    print(
        "Setup: the bot needs a token from the Discord developer portal.\n"
        f'  1. Open {PORTAL}, pick (or create) your application, open "Bot".\n'
        '  2. Click "Reset Token" and copy it; paste it here.',
        file=sys.stderr,
    )
    token = ask_token(stdin).removeprefix("Bot ").strip()
    if not token or any(ch.isspace() for ch in token):
        print("No token given (or it contains spaces): nothing was changed.", file=sys.stderr)
        return 2
    print("Checking the token with Discord ...", file=sys.stderr)
    result = asyncio.run(check_token(token))
    if not result.ok and result.problem:
        print(
            f'{result.problem}\nCopy the token again ("Reset Token" in {PORTAL}); '
            ".env was not changed.",
            file=sys.stderr,
        )
        return 3
    if result.missing:
        switches = " and ".join(f'"{name}"' for name in result.missing)
        print(
            f"The token works ({result.bot_name}), but {switches} "
            f"{'is' if len(result.missing) == 1 else 'are'} off.\n"
            f"Switch {'it' if len(result.missing) == 1 else 'them'} on in {PORTAL} -> your "
            'application -> "Bot" -> "Privileged Gateway Intents", click "Save Changes", '
            "and run setup again. .env was not changed.",
            file=sys.stderr,
        )
        return 3
    write_env(env_file, token, example)
    client_id = result.application_id or client_id_from_token(token)
    print(f"Token accepted for {result.bot_name}; both privileged intents are on.", file=sys.stderr)
    print(f"Saved to {env_file} (readable only by you).", file=sys.stderr)
    if client_id is not None:
        print("Invite the bot to your server with this link:", file=sys.stderr)
        print(invite_url(client_id))
    print("Then start it with: ./scripts/run", file=sys.stderr)
    return 0
