"""Errors whose text is safe to show to members, and the one place that shows them."""

from __future__ import annotations


class UserFacingError(Exception):
    """An error the member caused or can fix. ``key`` names a string in the i18n catalog."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)


class AlreadyDoneError(UserFacingError):
    """What was asked for had been done already (a report for that period): nothing failed, so a
    scheduled run says nothing; a member who asked directly is told."""


class MissingPermissionsError(UserFacingError):
    key = "error.missing_permissions"


class CooldownError(UserFacingError):
    """A rate limit refused the attempt (``kept``: the member's text, shown back)."""

    key = "error.cooldown"
    kept: str | None = None


class RestartingError(UserFacingError):
    """The bot is stopping (a restart or an update): nothing was done, try again shortly."""

    key = "error.restarting"


class ForeignIdError(UserFacingError):
    """An id from a command option or custom_id that belongs to another guild (or nothing)."""

    key = "error.foreign_id"


class ChannelUnusableError(UserFacingError):
    key = "error.channel_unusable"


class BadArgumentError(UserFacingError):
    key = "error.bad_argument"


class GuildOnlyError(UserFacingError):
    key = "error.guild_only"


class StartupError(Exception):
    """The bot cannot start; the message says what to do. Carries the process exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class ConfigError(StartupError):
    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


class DatabaseStartupError(StartupError):
    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=4)
