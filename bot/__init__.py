"""Gemeinschaft: a fair, transparent community-manager bot for Discord."""

__version__ = "0.1.0"
