"""The tests' fake Discord: the sandbox's emulation (:mod:`sandbox.emulation`) plus the hooks
that only tests need (:mod:`tests.fakediscord.faults`)."""

from sandbox.emulation import (
    FakeChannel,
    FakeError,
    FakeGuild,
    FakeHTTPError,
    FakeInteraction,
    FakeMember,
    FakeRole,
    FakeUser,
    RecordedRequest,
)

from .faults import FakeDiscord

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
