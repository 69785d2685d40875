"""A local Discord (REST API v10 and the gateway, as discord.py uses them) with the rules that
matter to a bot: permissions, role hierarchy, rate limits, interactions and their deadlines,
threads, DMs and attachments."""

from .interactions import FakeInteraction
from .rest import RecordedRequest
from .server import FakeDiscord
from .state import FakeChannel, FakeError, FakeGuild, FakeHTTPError, FakeMember, FakeRole, FakeUser

__all__ = [
    "FakeChannel",
    "FakeDiscord",
    "FakeError",
    "FakeGuild",
    "FakeHTTPError",
    "FakeInteraction",
    "FakeMember",
    "FakeRole",
    "FakeUser",
    "RecordedRequest",
]
