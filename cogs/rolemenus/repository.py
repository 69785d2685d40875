"""All SQL of the role menus: menus, their roles and messages, and the counts of role choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import repository as core
from bot.database import Database
from bot.timeutil import to_iso


@dataclass(frozen=True)
class MenuRole:
    role_id: int
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Menu:
    id: int
    guild_id: int
    channel_id: int
    title: str
    style: str  # buttons | select
    single: bool
    max_roles: int | None
    required_role_id: int | None
    roles: tuple[MenuRole, ...] = ()
    messages: tuple[int, ...] = ()  # message ids by part

    @property
    def role_ids(self) -> list[int]:
        return [r.role_id for r in self.roles]


@dataclass(frozen=True)
class ChoiceCount:
    role_id: int
    added: int
    removed: int


async def create(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    title: str,
    style: str,
    single: bool,
    max_roles: int | None,
    required_role_id: int | None,
    roles: Sequence[MenuRole],
    now: datetime,
) -> int:
    async with db.transaction() as tx:
        await core.ensure_guild(tx, guild_id, now)
        menu_id = await tx.insert(
            "INSERT INTO rolemenus (guild_id, channel_id, title, style, single, max_roles, "
            "required_role_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                guild_id,
                channel_id,
                title,
                style,
                int(single),
                max_roles,
                required_role_id,
                to_iso(now),
            ),
        )
        await tx.executemany(
            "INSERT INTO rolemenu_roles (menu_id, role_id, position, label, description) "
            "VALUES (?, ?, ?, ?, ?)",
            [(menu_id, r.role_id, i, r.label, r.description) for i, r in enumerate(roles)],
        )
    return menu_id


def _menu(row: Any, roles: list[Any], messages: list[Any]) -> Menu:
    return Menu(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        title=row["title"],
        style=row["style"],
        single=bool(row["single"]),
        max_roles=row["max_roles"],
        required_role_id=row["required_role_id"],
        roles=tuple(MenuRole(r["role_id"], r["label"], r["description"]) for r in roles),
        messages=tuple(m["message_id"] for m in messages),
    )


async def get(db: Database, menu_id: int) -> Menu | None:
    row = await db.fetchone("SELECT * FROM rolemenus WHERE id = ?", (menu_id,))
    if row is None:
        return None
    roles = await db.fetchall(
        "SELECT role_id, label, description FROM rolemenu_roles WHERE menu_id = ? "
        "ORDER BY position, role_id",
        (menu_id,),
    )
    messages = await db.fetchall(
        "SELECT message_id FROM rolemenu_messages WHERE menu_id = ? ORDER BY part", (menu_id,)
    )
    return _menu(row, roles, messages)


async def of_guild(db: Database, guild_id: int) -> list[Menu]:
    rows = await db.fetchall(
        "SELECT id FROM rolemenus WHERE guild_id = ? ORDER BY id DESC", (guild_id,)
    )
    menus = [await get(db, row["id"]) for row in rows]
    return [m for m in menus if m is not None]


async def set_messages(db: Database, menu_id: int, message_ids: Sequence[int]) -> None:
    async with db.transaction() as tx:
        await tx.execute("DELETE FROM rolemenu_messages WHERE menu_id = ?", (menu_id,))
        await tx.executemany(
            "INSERT INTO rolemenu_messages (menu_id, part, message_id) VALUES (?, ?, ?)",
            [(menu_id, part, message_id) for part, message_id in enumerate(message_ids)],
        )


async def menu_of_message(db: Database, message_id: int) -> int | None:
    row = await db.fetchone(
        "SELECT menu_id FROM rolemenu_messages WHERE message_id = ?", (message_id,)
    )
    return None if row is None else int(row["menu_id"])


async def menus_in_channel(db: Database, channel_id: int) -> list[int]:
    rows = await db.fetchall("SELECT id FROM rolemenus WHERE channel_id = ?", (channel_id,))
    return [int(row["id"]) for row in rows]


async def delete(db: Database, menu_id: int) -> bool:
    async with db.transaction() as tx:
        return await tx.execute("DELETE FROM rolemenus WHERE id = ?", (menu_id,)) > 0


async def add_role(db: Database, menu_id: int, role: MenuRole) -> bool:
    """False if the menu already holds the role."""
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "INSERT INTO rolemenu_roles (menu_id, role_id, position, label, "
                "description) SELECT ?, ?, coalesce(max(position) + 1, 0), ?, ? "
                "FROM rolemenu_roles WHERE menu_id = ? ON CONFLICT DO NOTHING",
                (menu_id, role.role_id, role.label, role.description, menu_id),
            )
            > 0
        )


async def remove_role(db: Database, menu_id: int, role_id: int) -> bool:
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "DELETE FROM rolemenu_roles WHERE menu_id = ? AND role_id = ?", (menu_id, role_id)
            )
            > 0
        )


async def forget_role(db: Database, guild_id: int, role_id: int) -> list[int]:
    """A deleted role leaves every menu of the guild; returns the menus it was in."""
    async with db.transaction() as tx:
        rows = await tx.fetchall(
            "SELECT r.menu_id FROM rolemenu_roles r JOIN rolemenus m ON m.id = r.menu_id "
            "WHERE m.guild_id = ? AND r.role_id = ?",
            (guild_id, role_id),
        )
        await tx.execute(
            "DELETE FROM rolemenu_roles WHERE role_id = ? AND menu_id IN "
            "(SELECT id FROM rolemenus WHERE guild_id = ?)",
            (role_id, guild_id),
        )
    return [int(row["menu_id"]) for row in rows]


async def count_choices(
    db: Database, guild_id: int, day: str, added: Sequence[int], removed: Sequence[int]
) -> None:
    rows = [(guild_id, day, role, 1, 0) for role in added]
    rows += [(guild_id, day, role, 0, 1) for role in removed]
    if not rows:
        return
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO rolemenu_choices_daily (guild_id, day, role_id, added, removed) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, role_id) DO UPDATE SET "
            "added = rolemenu_choices_daily.added + excluded.added, "
            "removed = rolemenu_choices_daily.removed + excluded.removed",
            rows,
        )


async def choices_since(
    db: Database, guild_id: int, since_day: str, until_day: str = "9999"
) -> dict[int, ChoiceCount]:
    """Choices per role on the local days ``since_day <= day < until_day``."""
    rows = await db.read_all(
        "SELECT role_id, sum(added) AS added, sum(removed) AS removed "
        "FROM rolemenu_choices_daily WHERE guild_id = ? AND day >= ? AND day < ? "
        "GROUP BY role_id",
        (guild_id, since_day, until_day),
    )
    return {
        row["role_id"]: ChoiceCount(row["role_id"], row["added"], row["removed"]) for row in rows
    }
