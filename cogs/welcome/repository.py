"""All SQL of the welcome: its settings per guild."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import repository as core
from bot.database import Database
from bot.timeutil import to_iso


@dataclass(frozen=True)
class WelcomeSettings:
    guild_id: int
    enabled: bool = False
    text: str | None = None
    role_id: int | None = None
    role_approved: int = 0  # risky permission bits an administrator accepted


def _settings(row: Any) -> WelcomeSettings:
    return WelcomeSettings(
        guild_id=row["guild_id"],
        enabled=bool(row["enabled"]),
        text=row["text"],
        role_id=row["role_id"],
        role_approved=row["role_approved"],
    )


async def load_settings(db: Database) -> dict[int, WelcomeSettings]:
    rows = await db.fetchall("SELECT * FROM welcome_settings")
    return {row["guild_id"]: _settings(row) for row in rows}


async def save_settings(db: Database, settings: WelcomeSettings, now: datetime) -> None:
    async with db.transaction() as tx:
        await core.ensure_guild(tx, settings.guild_id, now)
        await tx.execute(
            "INSERT INTO welcome_settings (guild_id, enabled, text, role_id, role_approved, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
            "enabled = excluded.enabled, text = excluded.text, role_id = excluded.role_id, "
            "role_approved = excluded.role_approved, updated_at = excluded.updated_at",
            (
                settings.guild_id,
                int(settings.enabled),
                settings.text,
                settings.role_id,
                settings.role_approved,
                to_iso(now),
            ),
        )
