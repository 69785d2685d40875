"""Per-guild settings, cached in memory: the message path never waits for the database."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from bot import repository
from bot.config import Settings
from bot.database import Database
from bot.i18n import Lang
from bot.repository import GuildConfig
from bot.timeutil import Clock, utcnow

log = logging.getLogger(__name__)

ZoneListener = Callable[[int], Awaitable[None] | None]
"""Called with the guild id after its time zone changed (plain function or coroutine)."""

CHANNEL_KINDS: tuple[str, ...] = (
    "modlog",
    "reports",
    "feedback",
    "qa",
    "announcements",
    "welcome",
    "suggestions",
)


class GuildSettingsService:
    def __init__(self, db: Database, settings: Settings, clock: Clock = utcnow) -> None:
        self._db = db
        self._defaults = settings
        self._clock = clock
        self._cache: dict[int, GuildConfig] = {}
        self._zone_listeners: list[ZoneListener] = []

    def add_timezone_listener(self, listener: ZoneListener) -> None:
        """``listener(guild_id)`` runs after a guild's time zone changed (day caches, timers)."""
        self._zone_listeners.append(listener)

    def remove_timezone_listener(self, listener: ZoneListener) -> None:
        if listener in self._zone_listeners:
            self._zone_listeners.remove(listener)

    async def load(self) -> None:
        self._cache = await repository.load_guild_configs(self._db)

    def get(self, guild_id: int) -> GuildConfig:
        return self._cache.get(guild_id) or GuildConfig(guild_id)

    def locale(self, guild_id: int | None) -> Lang:
        if guild_id is None:
            return self._defaults.default_locale
        return self.get(guild_id).locale or self._defaults.default_locale

    def timezone(self, guild_id: int) -> ZoneInfo:
        return ZoneInfo(self.get(guild_id).timezone or self._defaults.default_timezone)

    def timezone_name(self, guild_id: int) -> str:
        return self.get(guild_id).timezone or self._defaults.default_timezone

    def channel(self, guild_id: int, kind: str) -> int | None:
        return self.get(guild_id).channel(kind)

    async def set_locale(self, guild_id: int, locale: Lang) -> None:
        current = self.get(guild_id)
        await repository.save_guild_settings(
            self._db, guild_id, self._clock(), locale=locale, timezone=current.timezone
        )
        await self._reload()

    async def set_timezone(self, guild_id: int, zone: str) -> None:
        current = self.get(guild_id)
        await repository.save_guild_settings(
            self._db, guild_id, self._clock(), locale=current.locale, timezone=zone
        )
        await self._reload()
        if current.timezone != zone:
            for listener in list(self._zone_listeners):
                try:
                    result = listener(guild_id)
                    if result is not None:
                        await result
                except Exception:
                    log.exception("A time zone listener failed for guild %s", guild_id)

    async def set_channel(self, guild_id: int, kind: str, channel_id: int | None) -> None:
        if kind not in CHANNEL_KINDS:
            raise ValueError(kind)
        await repository.set_guild_channel(self._db, guild_id, kind, channel_id, self._clock())
        await self._reload()

    def staff_roles(self, guild_id: int) -> frozenset[int]:
        """Moderator and admin roles chosen with /config role."""
        config = self.get(guild_id)
        return config.moderator_roles | config.admin_roles

    async def set_staff_role(self, guild_id: int, kind: str, role_id: int, present: bool) -> bool:
        changed = await repository.set_staff_role(
            self._db, guild_id, kind, role_id, present, self._clock()
        )
        await self._reload()
        return changed

    async def channel_deleted(self, guild_id: int, channel_id: int) -> None:
        if channel_id in dict(self.get(guild_id).channels).values():
            await repository.forget_channel(self._db, guild_id, channel_id)
            await self._reload()

    def forget_guild(self, guild_id: int) -> None:
        self._cache.pop(guild_id, None)

    async def _reload(self) -> None:
        # Settings change rarely; reloading keeps the cache exactly what the database says.
        self._cache = await repository.load_guild_configs(self._db)
