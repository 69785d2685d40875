"""A fake Discord (REST v10 + gateway) for end-to-end tests of unmodified discord.py bots."""

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
