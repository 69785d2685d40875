"""Run the real entry point (``bot.__main__.main``) against the emulated Discord.

The tests and the sandbox start this in a subprocess with ``FAKE_DISCORD_API`` and
``FAKE_DISCORD_GATEWAY`` set; it only redirects discord.py (the two class attributes the
emulation needs) and then runs the bot exactly as ``python -m bot``.
"""

from __future__ import annotations

import os
import sys

import discord.gateway
import discord.http
import yarl


def main() -> int:
    if "FAKE_DISCORD_API" in os.environ:
        discord.http.Route.BASE = os.environ["FAKE_DISCORD_API"]
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
            os.environ["FAKE_DISCORD_GATEWAY"]
        )
    from bot.__main__ import main as bot_main

    return bot_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
